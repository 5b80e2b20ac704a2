// SPDX-License-Identifier: GPL-2.0
/* Runtime profiles (profiles.h): reading modules into the kernel side's maps. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "profiles.h"
#include "../proc/funcs.h"
#include "../proc/pe.h"
#include "../shared/judge.h"

const char *const profile_jit_globs[] = {
    "/usr/lib/jvm/*/lib/server/libjvm.so", /* HotSpot: implicit null checks, safepoint polls */
    "/usr/lib/jvm/*/bin/*", /* its launchers (java, javac, jshell...): the JVM's executables */
    "/usr/lib/jvm/*/lib/client/libjvm.so",
    "/usr/lib/jvm/*/lib/zero/libjvm.so",
    "/usr/lib/x86_64-linux-gnu/libnode.so*", /* V8's WebAssembly trap handler (Debian's node) */
    "/usr/bin/node",			     /* a node that links V8 in */
    "/usr/local/bin/node",
    "/usr/lib/libmonosgen-2.0.so*", /* Mono: null checks in managed code */
    "/usr/lib/x86_64-linux-gnu/libmonosgen-2.0.so*",
    "/usr/bin/mono-sgen",
    NULL,
};

/* Wine (Debian's wine64): the Unix side's handlers (ntdll.so) dispatch exceptions to the PE side's
 * KiUserExceptionDispatcher (ntdll.dll, mapped from the file: its sections are page-aligned). */
static const char *const wine_handler_globs[] = {
    "/usr/lib/x86_64-linux-gnu/wine/x86_64-unix/ntdll.so",
    "/usr/lib/wine/x86_64-unix/ntdll.so",
    "/opt/wine*/lib/wine/x86_64-unix/ntdll.so",
    NULL,
};
/* Wine's loaders: the executable of every Wine process (judge.h sigscope_runtime). */
static const char *const wine_loader_globs[] = {
    "/usr/lib/wine/wine64",
    "/usr/lib/wine/wine64-preloader",
    "/usr/lib/x86_64-linux-gnu/wine/wine64",
    "/usr/lib/x86_64-linux-gnu/wine/wine64-preloader",
    "/opt/wine*/bin/wine64",
    "/opt/wine*/bin/wine64-preloader",
    "/opt/wine*/bin/wine",
    "/opt/wine*/bin/wine-preloader",
    NULL,
};
static const char *const wine_dll_globs[] = {
    "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ntdll.dll",
    "/usr/lib/wine/x86_64-windows/ntdll.dll",
    "/opt/wine*/lib/wine/x86_64-windows/ntdll.dll",
    NULL,
};

/* The dynamic loader: the executable of a program started through it (judge.h
 * SIGSCOPE_PROFILE_LOADER). Root's files: no user can put another there. */
static const char *const loader_globs[] = {
    "/lib64/ld-linux-x86-64.so.2",
    "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
    "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
    NULL,
};

/* The Go runtime's injection targets (src/runtime/signal_amd64.go: pushCall, preparePanic), each
 * with what it is for (judge.h SIGSCOPE_GO_*). Go 1.17+ pushes its ABI0 wrapper sigpanic0 for a
 * fault, earlier releases sigpanic itself. The signal entries are registered too, as the only
 * handlers those calls come from; they are no target. */
static const char *const go_targets[] = {"runtime.asyncPreempt", "runtime.sigpanic0",
					 "runtime.sigpanic", "runtime.sigtramp",
					 "runtime.cgoSigtramp"};
static const uint32_t go_roles[] = {
    SIGSCOPE_PROFILE_GO | SIGSCOPE_GO_PREEMPT, SIGSCOPE_PROFILE_GO | SIGSCOPE_GO_PANIC,
    SIGSCOPE_PROFILE_GO | SIGSCOPE_GO_PANIC, SIGSCOPE_GO_ENTRY, SIGSCOPE_GO_ENTRY};
#define NGO (sizeof(go_targets) / sizeof(go_targets[0]))

/* The mount id of the file open on fd (/proc/self/fdinfo), or -1. */
static int mount_id_of(int fd)
{
	char path[64], line[256];
	int id = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "mnt_id: %d", &id) == 1)
			break;
	if (f)
		fclose(f);
	return id;
}

/*
 * The device of the file system the file open on fd belongs to, as the kernel side keys modules
 * (inode->i_sb->s_dev). stat() says the same except on btrfs, which gives each subvolume a
 * device of its own (red team round 34: every module on a btrfs root was keyed apart from the
 * kernel's, never read, and its redirects failed closed). Read from the mount's line in
 * /proc/PID/mountinfo of the process the file was opened through (pid; 0: sigscope's own),
 * cached by stat's device; stat's own when that cannot be read.
 */
static dev_t superblock_dev(struct profile_maps *m, int fd, dev_t st_dev, uint32_t pid)
{
	char mountinfo[64];
	unsigned int maj, min;
	char line[1024];
	int id, want;
	dev_t sb = st_dev;
	FILE *f;

	for (unsigned int i = 0; m && i < m->ndevs; i++)
		if (m->devs[i].st == st_dev)
			return m->devs[i].sb;
	want = mount_id_of(fd);
	/* The mount is in the namespace of the process the file came from (its /proc/PID/exe). */
	if (pid)
		snprintf(mountinfo, sizeof(mountinfo), "/proc/%u/mountinfo", pid);
	else
		snprintf(mountinfo, sizeof(mountinfo), "/proc/self/mountinfo");
	f = want < 0 ? NULL : fopen(mountinfo, "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%d %*d %u:%u", &id, &maj, &min) == 3 && id == want) {
			sb = makedev(maj, min);
			if (m && m->ndevs < sizeof(m->devs) / sizeof(m->devs[0]))
				m->devs[m->ndevs++] = (struct dev_pair){.st = st_dev, .sb = sb};
			break;
		}
	if (f)
		fclose(f);
	return sb;
}

uint32_t profiles_kernel_dev(struct profile_maps *m, int fd, dev_t st_dev)
{
	dev_t dev = superblock_dev(m, fd, st_dev, 0);

	return (major(dev) << 20) | minor(dev);
}

/* A module's key as the kernel side builds it from the inode (its device encoding, its mtime),
 * for the file open on fd. */
static struct sigscope_exe_key module_key(struct profile_maps *m, int fd, const struct stat *st,
					  uint32_t pid)
{
	dev_t dev = superblock_dev(m, fd, st->st_dev, pid);
	struct sigscope_exe_key key = {
	    .ino = st->st_ino,
	    .dev = (major(dev) << 20) | minor(dev),
	    .mtime = sigscope_time_fold((__u64)st->st_mtim.tv_sec, (__u32)st->st_mtim.tv_nsec)};

	return key;
}

/*
 * Holds the module open on fd for as long as sigscope runs, before its profile goes into the
 * maps: while its file is open its inode cannot be freed, so no new file takes its inode number
 * (and, with an mtime its owner set, its profile). One descriptor per inode; a file rewritten
 * in place (another mtime) keeps it, and what the globs gave it starts again. At most HELD_MAX,
 * and never within HELD_RESERVE descriptors of the limit the outputs and /proc reads need: past
 * that a module gets no profile (counted in "modules not read", its redirects fail closed).
 * The entry, or NULL.
 */
#define HELD_MAX     32768 /* module_profiles' size */
#define HELD_RESERVE 512

static struct held_module *hold_module(struct profile_maps *m, int fd,
				       const struct sigscope_exe_key *key)
{
	struct rlimit rl;
	int dup;

	for (size_t i = 0; i < m->nheld; i++) {
		struct held_module *h = &m->held[i];

		if (h->ino != key->ino || h->dev != key->dev)
			continue;
		if (h->mtime != key->mtime) {
			h->mtime = key->mtime;
			h->glob_bits = 0;
		}
		return h;
	}
	if (m->nheld >= HELD_MAX || getrlimit(RLIMIT_NOFILE, &rl) != 0 ||
	    (rl.rlim_cur != RLIM_INFINITY && m->nheld + HELD_RESERVE >= rl.rlim_cur))
		return NULL;
	if (m->nheld == m->held_cap) {
		size_t cap = m->held_cap ? 2 * m->held_cap : 64;
		struct held_module *h = realloc(m->held, cap * sizeof(*h));

		if (!h)
			return NULL;
		m->held = h;
		m->held_cap = cap;
	}
	dup = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (dup < 0)
		return NULL;
	m->held[m->nheld] =
	    (struct held_module){.ino = key->ino, .dev = key->dev, .fd = dup, .mtime = key->mtime};
	return &m->held[m->nheld++];
}

void profiles_release(struct profile_maps *m)
{
	for (size_t i = 0; i < m->nheld; i++)
		close(m->held[i].fd);
	free(m->held);
	m->held = NULL;
	m->nheld = m->held_cap = 0;
}

/* A module's profile bits, 0 when it has none. */
static uint32_t profile_bits(struct profile_maps *m, struct sigscope_exe_key key)
{
	uint32_t have = 0;

	return bpf_map_lookup_elem(m->profiles_fd, &key, &have) == 0 ? have : 0;
}

/* Adds flags to a module's profile (profiles only grow: a module is one file, read once), and
 * notes the mtime it was given for (module_read_at: the kernel side's lookups after a touch). */
static int profile_add(struct profile_maps *m, const struct sigscope_exe_key *mod, uint32_t flags)
{
	struct sigscope_exe_key file = *mod;
	uint32_t old = 0;

	if (bpf_map_lookup_elem(m->profiles_fd, mod, &old) == 0)
		flags |= old;
	if (bpf_map_update_elem(m->profiles_fd, mod, &flags, BPF_ANY) != 0)
		return -1;
	file.mtime = 0;
	if (m->read_at_fd > 0)
		bpf_map_update_elem(m->read_at_fd, &file, &mod->mtime, BPF_ANY);
	return 0;
}

/* Registers the entries of one runtime's targets that the module holds, marked with its bit. */
static int add_targets(struct profile_maps *m, const struct sigscope_exe_key *mod,
		       const uint64_t *off, const int *found, size_t n, uint32_t runtime)
{
	for (size_t i = 0; i < n; i++) {
		struct sigscope_target_key tk = {.module = *mod, .off = off[i]};
		uint32_t bits = runtime, old = 0;

		if (!found[i])
			continue;
		if (bpf_map_lookup_elem(m->targets_fd, &tk, &old) == 0)
			bits |= old;
		if (bpf_map_update_elem(m->targets_fd, &tk, &bits, BPF_ANY) != 0)
			return -1;
	}
	return 0;
}

/*
 * Runtimes recognised by the functions their module holds, looked up in one pass:
 *  - SBCL: call_into_lisp and memory_fault_emulation_trap, its handlers' dispatch targets;
 *  - qemu-user: safe_syscall_start and safe_syscall_end (exported), between which its host
 *    signal handler rewinds a guest syscall to the start (judge.h SIGSCOPE_QEMU_REWIND).
 */
static const char *const by_symbol_names[] = {"call_into_lisp", "memory_fault_emulation_trap",
					      "safe_syscall_start", "safe_syscall_end"};
enum { SYM_SBCL_CALL, SYM_SBCL_TRAP, SYM_QEMU_START, SYM_QEMU_END, NSYMS };

/* The profile bits of a runtime known by its symbols, its targets registered; -1 when a map
 * refused them. */
static int read_by_symbols(struct profile_maps *m, int fd, const struct sigscope_exe_key *mod,
			   uint32_t *flags)
{
	uint64_t off[NSYMS];
	int found[NSYMS] = {0};

	if (funcs_find(fd, by_symbol_names, NSYMS, off, found) <= 0)
		return 0;
	if (found[SYM_SBCL_CALL] && found[SYM_SBCL_TRAP]) {
		if (add_targets(m, mod, off, found, 2, SIGSCOPE_PROFILE_SBCL) != 0)
			return -1;
		*flags |= SIGSCOPE_PROFILE_SBCL;
	}
	if (found[SYM_QEMU_START] && found[SYM_QEMU_END] &&
	    off[SYM_QEMU_END] > off[SYM_QEMU_START] &&
	    off[SYM_QEMU_END] - off[SYM_QEMU_START] <= 0xff) {
		uint32_t span = (uint32_t)(off[SYM_QEMU_END] - off[SYM_QEMU_START]);

		if (add_targets(m, mod, &off[SYM_QEMU_START], &found[SYM_QEMU_START], 1,
				SIGSCOPE_QEMU_REWIND | span << 24) != 0)
			return -1;
		*flags |= SIGSCOPE_PROFILE_QEMU;
	}
	return 0;
}

/*
 * Runtimes recognised by their build (GNU build-id): a stripped binary whose dispatch targets no
 * symbol names. Each target is the entry of a static function that the runtime's handlers set as
 * the resumed rip, read from the function that stores it (objdump), as a file offset.
 */
struct runtime_build {
	const char *build_id; /* lowercase hex */
	uint32_t profile;     /* the module's profile bits */
	uint64_t targets[4];
	uint32_t roles[4]; /* each target's inject_targets value (judge.h) */
	size_t n;
};

static const struct runtime_build by_build[] = {
    /* Debian 12's mono-runtime-sgen 6.8.0.105 (/usr/bin/mono-sgen), each target with its role
     * (judge.h SIGSCOPE_MONO_*): altstack_handle_and_restore, set with rsp 0x238 lower by
     * mono_arch_handle_altstack_exception (SIGSEGV on Mono's altstack: NullReferenceException,
     * stack overflow); handle_signal_exception, set by mono_arch_handle_exception through
     * mono_arch_setup_async_callback (rsp 0x80 or 0x88 lower: SIGFPE's DivideByZeroException);
     * self_interrupt_thread (threads.c), the async target both callers of
     * mono_thread_info_setup_async_call pass (lea 0x260dc0 into rsi, rdx zeroed). */
    {"0bae2a6a9ea657a25993d5de096e10137635c495",
     SIGSCOPE_PROFILE_MONO,
     {0xb39d0, 0xb3d00, 0x260dc0},
     {SIGSCOPE_MONO_ALTSTACK, SIGSCOPE_MONO_SIGNAL_EXC, SIGSCOPE_MONO_ASYNC},
     3},
};

/* The profile bits of a runtime known by its build, its targets registered; 0 if none. */
static uint32_t read_by_build(struct profile_maps *m, int fd, const struct sigscope_exe_key *mod)
{
	uint8_t id[64];
	char hex[2 * sizeof(id) + 1];
	int n = funcs_build_id(fd, id, sizeof(id));

	if (n <= 0)
		return 0;
	for (int i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", id[i]);
	for (size_t r = 0; r < sizeof(by_build) / sizeof(by_build[0]); r++) {
		const struct runtime_build *b = &by_build[r];
		int found[4] = {1, 1, 1, 1};

		if (strcmp(hex, b->build_id) != 0)
			continue;
		for (size_t i = 0; i < b->n; i++)
			if (add_targets(m, mod, &b->targets[i], &found[i], 1, b->roles[i]) != 0)
				return 0;
		return b->profile;
	}
	return 0;
}

/* Reads the module open on fd into the profile maps under key. */
static int read_module_as(struct profile_maps *m, int fd, const struct sigscope_exe_key *key)
{
	uint64_t off[NGO];
	int found[NGO] = {0};
	uint32_t flags = SIGSCOPE_PROFILE_SCANNED, have;

	if (bpf_map_lookup_elem(m->profiles_fd, key, &have) == 0 &&
	    (have & SIGSCOPE_PROFILE_SCANNED))
		return 0;
	if (!hold_module(m, fd, key))
		goto full;
	if (funcs_is_go(fd) == 1) {
		if (funcs_find(fd, go_targets, NGO, off, found) > 0) {
			for (size_t i = 0; i < NGO; i++)
				if (add_targets(m, key, &off[i], &found[i], 1, go_roles[i]) != 0)
					goto full; /* no SCANNED mark: redirects stay undecided */
			flags |= SIGSCOPE_PROFILE_GO;
			m->go_modules++;
		}
	} else if (read_by_symbols(m, fd, key, &flags) != 0) {
		goto full;
	}
	flags |= read_by_build(m, fd, key);
	if (profile_add(m, key, flags) != 0)
		goto full;
	m->modules_read++;
	return 0;
full: /* a map, or the descriptors that hold modules, refused it: prune_if_full */
	m->map_full++;
	m->failed++;
	return -1;
}

/* pid: the process the file was opened through (0: a path of sigscope's own). */
static int read_module(struct profile_maps *m, int fd, const struct stat *st, uint32_t pid)
{
	struct sigscope_exe_key key = module_key(m, fd, st, pid);

	return read_module_as(m, fd, &key);
}

/* The executable of process tgid, if it is still the file (dev, ino): 0, *fd and *st, or -1. */
static int open_exe(struct profile_maps *m, uint32_t tgid, uint32_t dev, uint64_t ino, int *fd,
		    struct stat *st)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%u/exe", tgid);
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return -1;
	if (fstat(*fd, st) != 0 || st->st_ino != ino ||
	    (dev && module_key(m, *fd, st, tgid).dev != dev)) {
		close(*fd); /* it exec'd again, or exited: its next exec asks again */
		errno = EAGAIN;
		return -1;
	}
	return 0;
}

/* The file mapped at the request's code mapping, as /proc/PID/map_files opens it: 0, *fd and
 * *st, or -1 when it is no longer mapped. */
static int open_mapped(const struct sigscope_module_request *rq, int *fd, struct stat *st)
{
	char path[96];

	snprintf(path, sizeof(path), "/proc/%u/map_files/%llx-%llx", rq->tgid,
		 (unsigned long long)rq->code_start, (unsigned long long)rq->code_end);
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return -1;
	if (fstat(*fd, st) == 0)
		return 0;
	close(*fd);
	return -1;
}

/*
 * The file a process's code is mapped from, when it is not its executable (rq->code), read
 * under its own key. Any process may map any readable file over its own code, so it is read
 * itself, never the executable in its stead: the executable's profile under that file's key
 * would launder any runtime's profile onto any module (red team round 32,
 * srop_profile_launder). One exception, overlayfs (a container's root): the kernel maps the
 * layer's file below, and map_files opens the overlay's file, which is the executable; its bytes
 * are the layer file's (a running executable cannot be written, nor so copied up), so the
 * executable (exe_fd, *exe) is read under the layer file's key.
 */
static void read_code_file(struct profile_maps *m, const struct sigscope_module_request *rq,
			   int exe_fd, const struct stat *exe)
{
	struct sigscope_exe_key key;
	struct stat st;
	int fd;

	if (open_mapped(rq, &fd, &st) != 0)
		return; /* unmapped since: the next exec asks again */
	key = module_key(m, fd, &st, rq->tgid);
	if (key.ino == rq->code.ino && key.dev == rq->code.dev && key.mtime == rq->code.mtime)
		read_module_as(m, fd, &key);
	else if (st.st_dev == exe->st_dev && st.st_ino == exe->st_ino)
		read_module_as(m, exe_fd, &rq->code);
	close(fd);
}

static void load_runtime_globs(struct profile_maps *m);
static int prune_if_full(struct profile_maps *m);

/*
 * A program started through the dynamic loader (`ld.so PROG`): the loader is its executable, and
 * the program is a file the loader maps after the exec. Every executable file mapping of the
 * process is read (through /proc/PID/map_files), waiting 1 ms at a time, up to 5, for the loader
 * to map more than itself; a redirect judged before that fails closed. The waits block the event
 * loop, so they are capped at 20 ms in any second (processes that exec the loader and stall it,
 * on a FIFO say, must not stall the reader).
 */
static void read_loaded_program(struct profile_maps *m, uint32_t tgid, const struct stat *exe)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec != m->loader_wait_sec) {
		m->loader_wait_sec = now.tv_sec;
		m->loader_waits = 0;
	}
	for (int tries = 0;; tries++) {
		char path[64], line[512];
		unsigned long lo, hi;
		char perms[8];
		int others = 0;
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%u/maps", tgid);
		f = fopen(path, "re");
		if (!f)
			return;
		while (fgets(line, sizeof(line), f)) {
			unsigned long long ino;
			struct stat st;
			int fd;

			if (sscanf(line, "%lx-%lx %7s %*s %*x:%*x %llu", &lo, &hi, perms, &ino) !=
				4 ||
			    !ino || perms[2] != 'x')
				continue;
			snprintf(path, sizeof(path), "/proc/%u/map_files/%lx-%lx", tgid, lo, hi);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				continue;
			/* The loader itself, told by fstat as exe was: maps' device is the super
			 * block's, which is not stat's on btrfs. */
			if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
			    (st.st_ino != exe->st_ino || st.st_dev != exe->st_dev)) {
				others++;
				read_module(m, fd, &st, tgid);
			}
			close(fd);
		}
		fclose(f);
		if (others || tries == 5 || m->loader_waits >= 20)
			return;
		m->loader_waits++;
		usleep(1000);
	}
}

int profiles_on_request(void *ctx, void *data, size_t len)
{
	struct profile_maps *m = ctx;
	const struct sigscope_module_request *rq = data;
	struct stat st;
	int fd, loader;

	if (len < sizeof(*rq))
		return 0;
	m->rescan_wanted = 1; /* profiles_idle, once the requests waiting are read */
	if (open_exe(m, rq->tgid, rq->dev, rq->ino, &fd, &st) != 0) {
		/* Gone already (a short-lived command), or exec'd again: nothing of it to judge.
		 * Only a process still running its file counts as not read. */
		if (errno != ENOENT && errno != ESRCH && errno != EAGAIN)
			m->failed++;
		return 0;
	}
	/* Keyed by the mtime read now: a file changed since the exec is read as it is now, which
	 * is what the process runs if it could change at all (a running executable cannot). */
	read_module(m, fd, &st, rq->tgid);
	if (rq->code.ino)
		read_code_file(m, rq, fd, &st);
	loader = profile_bits(m, module_key(m, fd, &st, rq->tgid)) & SIGSCOPE_PROFILE_LOADER;
	close(fd);
	if (loader)
		read_loaded_program(m, rq->tgid, &st);
	/* A full map refused it: prune now, which reads the running executables again, this one
	 * among them, before its runtime's first redirect if it can. */
	prune_if_full(m);
	return 0;
}

/* A file by device (the kernel's encoding, as module_key) and inode. */
struct file_id {
	uint64_t ino;
	uint32_t dev;
};

static int file_id_cmp(const void *a, const void *b)
{
	const struct file_id *x = a, *y = b;

	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->dev < y->dev ? -1 : x->dev > y->dev;
}

static int file_ids_add(struct file_id **v, size_t *n, size_t *cap, uint64_t ino, uint32_t dev)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 4096;
		struct file_id *nv = realloc(*v, c * sizeof(**v));

		if (!nv)
			return -1;
		*v = nv;
		*cap = c;
	}
	(*v)[(*n)++] = (struct file_id){.ino = ino, .dev = dev};
	return 0;
}

/* Every file some process maps now (/proc/PID/maps: executables, libraries, the files code is
 * mapped from), sorted; -1 when the scan failed (then nothing is pruned). */
static int mapped_files(struct file_id **out, size_t *n)
{
	size_t cap = 0;
	struct dirent *de;
	DIR *proc = opendir("/proc");
	int ret = 0;

	*out = NULL;
	*n = 0;
	if (!proc)
		return -1;
	while (ret == 0 && (de = readdir(proc))) {
		char path[64], line[512];
		unsigned int major, minor;
		unsigned long long ino;
		FILE *f;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/maps", de->d_name);
		f = fopen(path, "re");
		if (!f)
			continue; /* gone, or a kernel thread's */
		while (ret == 0 && fgets(line, sizeof(line), f))
			if (sscanf(line, "%*s %*s %*s %x:%x %llu", &major, &minor, &ino) == 3 &&
			    ino)
				ret = file_ids_add(out, n, &cap, ino, major << 20 | minor);
		fclose(f);
	}
	closedir(proc);
	if (ret == 0)
		qsort(*out, *n, sizeof(**out), file_id_cmp);
	return ret;
}

static int file_in(const struct file_id *v, size_t n, uint64_t ino, uint32_t dev)
{
	struct file_id k = {.ino = ino, .dev = dev};

	return v && bsearch(&k, v, n, sizeof(k), file_id_cmp) != NULL;
}

/* Deletes the entries of a map (key: a struct sigscope_exe_key first) whose file is in dead. */
static void delete_files(int map_fd, size_t key_size, const struct file_id *dead, size_t ndead)
{
	unsigned char key[64], next[64], *gone = NULL;
	size_t n = 0, cap = 0;
	void *prev = NULL;

	if (map_fd <= 0 || key_size > sizeof(key))
		return;
	while (bpf_map_get_next_key(map_fd, prev, next) == 0) {
		const struct sigscope_exe_key *k = (const void *)next;

		if (file_in(dead, ndead, k->ino, k->dev)) {
			if (n == cap) {
				unsigned char *g =
				    realloc(gone, (cap = cap ? 2 * cap : 256) * key_size);

				if (!g)
					break;
				gone = g;
			}
			memcpy(gone + n++ * key_size, next, key_size);
		}
		memcpy(key, next, key_size);
		prev = key;
	}
	for (size_t i = 0; i < n; i++)
		bpf_map_delete_elem(map_fd, gone + i * key_size);
	free(gone);
}

/* Every running process's executable that has no profile: read now (at start-up, before any
 * hook is attached; after a prune, one that exec'd between the scan and the deletion found it
 * read and asked for nothing, or one that a full map refused). A module already read costs one
 * map lookup. */
static void reread_running(struct profile_maps *m)
{
	DIR *proc = opendir("/proc");
	struct dirent *de;

	while (proc && (de = readdir(proc))) {
		char path[64];
		struct stat st;
		int fd;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/exe", de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0)
			read_module(m, fd, &st, (uint32_t)strtoul(de->d_name, NULL, 10));
		close(fd);
	}
	if (proc)
		closedir(proc);
}

/*
 * The modules no process maps any longer go: their profiles, targets and read marks, and the
 * descriptor that kept their inode. The maps are shared by every user, and each exec of a new
 * file takes an entry: never pruned, any user filled them within seconds (red team round 32:
 * 3,400 Go-looking executables, and every Go program started after was killed, its profile
 * refused). A module that comes back is read again: at its next exec (request_profile asks for
 * an executable it finds unread), and the installed runtimes' libraries at the rescan this asks
 * for. Running executables without a profile are read again at once (reread_running).
 */
static void profiles_prune(struct profile_maps *m)
{
	struct file_id *live = NULL, *dead = NULL;
	size_t nlive, ndead = 0, cap = 0;

	if (mapped_files(&live, &nlive) != 0) {
		free(live);
		return;
	}
	for (size_t i = m->nheld; i-- > 0;) {
		struct held_module *h = &m->held[i];

		if (file_in(live, nlive, h->ino, h->dev))
			continue;
		if (file_ids_add(&dead, &ndead, &cap, h->ino, h->dev) != 0)
			break;
		close(h->fd);
		m->held[i] = m->held[--m->nheld];
	}
	free(live);
	if (!ndead)
		return;
	qsort(dead, ndead, sizeof(*dead), file_id_cmp);
	delete_files(m->profiles_fd, sizeof(struct sigscope_exe_key), dead, ndead);
	delete_files(m->targets_fd, sizeof(struct sigscope_target_key), dead, ndead);
	delete_files(m->read_at_fd, sizeof(struct sigscope_exe_key), dead, ndead);
	m->pruned += ndead;
	m->rescan_wanted = 1;
	free(dead);
	reread_running(m);
}

/* Prunes when prune_at modules are held or a map refused an entry since the last prune, at most
 * once a second (a user who keeps that many files mapped holds them). 1 when it pruned. */
static int prune_if_full(struct profile_maps *m)
{
	size_t prune_at = m->prune_at ? m->prune_at : HELD_MAX / 4 * 3;
	struct timespec now;
	uint64_t ns;

	if (m->nheld < prune_at && m->map_full == m->map_full_seen)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
	if (m->pruned_ns && ns - m->pruned_ns < 1000000000ull)
		return 0;
	m->pruned_ns = ns;
	m->map_full_seen = m->map_full;
	profiles_prune(m);
	return 1;
}

void profiles_idle(struct profile_maps *m)
{
	prune_if_full(m);
	/* A new executable may come with new runtime modules (an upgraded JDK's libjvm.so is a new
	 * file): the installed paths again, before it gets to load them. After the executables
	 * asked for (a Go program can fault within a millisecond of its exec): Wine's DLL
	 * directory alone is hundreds of files to open. */
	if (m->rescan_wanted) {
		m->rescan_wanted = 0;
		load_runtime_globs(m);
	}
}

void profiles_read_path(struct profile_maps *m, const char *path)
{
	char magic[4];
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	/* An ELF file only: a script's interpreter is what runs, read when it execs. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    pread(fd, magic, sizeof(magic), 0) == (ssize_t)sizeof(magic) &&
	    memcmp(magic, "\177ELF", 4) == 0)
		read_module(m, fd, &st, 0);
	close(fd);
}

/* Every regular file the patterns name gets the profile bits; for a PE, also its dispatcher.
 * Files held already with the same content and given these bits are skipped (a rescan). */
static void load_globs(struct profile_maps *m, const char *const *globs, uint32_t profile,
		       const char *pe_export)
{
	uint32_t mark = profile | (pe_export ? 1u << 31 : 0); /* the bits, or the PE's entry */

	for (int g = 0; globs[g]; g++) {
		glob_t gl;

		if (glob(globs[g], 0, NULL, &gl) != 0)
			continue;
		for (size_t i = 0; i < gl.gl_pathc; i++) {
			struct sigscope_exe_key key;
			struct held_module *h;
			struct stat st;
			uint64_t off;
			int fd = open(gl.gl_pathv[i], O_RDONLY | O_CLOEXEC);
			int ok = 1;

			if (fd < 0)
				continue;
			if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
				close(fd);
				continue;
			}
			key = module_key(m, fd, &st, 0);
			h = hold_module(m, fd, &key);
			if (!h)
				ok = 0;
			else if ((h->glob_bits & mark) == mark)
				ok = 1; /* this content has it already (a rescan) */
			else if (pe_export)
				ok = pe_export_offset(fd, pe_export, &off) == 0 &&
				     add_targets(m, &key, &off, &ok, 1, profile) == 0;
			else
				ok = profile_add(m, &key, profile) == 0;
			if (h && ok)
				h->glob_bits |= mark;
			if (!ok)
				m->failed++;
			close(fd);
		}
		globfree(&gl);
	}
}

/* The runtimes known by their installed paths: JITs and Wine; and the dynamic loader. */
static void load_runtime_globs(struct profile_maps *m)
{
	load_globs(m, profile_jit_globs, SIGSCOPE_PROFILE_JIT, NULL);
	load_globs(m, wine_handler_globs, SIGSCOPE_PROFILE_WINE, NULL);
	load_globs(m, wine_loader_globs, SIGSCOPE_PROFILE_WINE, NULL);
	load_globs(m, wine_dll_globs, SIGSCOPE_PROFILE_WINE, "KiUserExceptionDispatcher");
	load_globs(m, loader_globs, SIGSCOPE_PROFILE_LOADER, NULL);
}

void profiles_load_startup(struct profile_maps *m)
{
	load_runtime_globs(m);
	reread_running(m);
}
