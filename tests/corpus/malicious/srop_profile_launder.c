/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_profile_launder: a runtime profile read from one file and registered under another's (red
 * team round 32, idea 1). Attach mode. Three files, all this program:
 *   - the runner's process P (this file, running at the attach);
 *   - V, a plain copy: the victim, not running at the attach, so not read yet;
 *   - L, a copy whose symbol names xall_into_lisp and xemory_fault_emulation_trap are patched
 *     to SBCL's call_into_lisp and memory_fault_emulation_trap (same length, same offsets).
 * Before the ready, P starts L, which maps V's page over its own mm->start_code page (the bytes
 * are the same, so L runs on). At the attach sigscope saw L's code "mapped from another file than
 * its executable" (the overlayfs case) and read L's executable, an SBCL, under V's key: V's
 * xall_into_lisp became an SBCL dispatch target. After the go P runs V, whose SIGSEGV handler
 * sends rip to xall_into_lisp with rsp a little lower: an SBCL dispatch by the laundered profile.
 *
 * Why: the profile of the file a process's code is mapped from was read from its executable. Any
 * process can map any readable file over its own code, so any user could give any module any
 * runtime's profile. Now the mapped file itself is read (/proc/PID/map_files), under its own key.
 *
 * Expected from sigscope: tampered_context >= high for V's pid; under --enforce V is killed before
 * its handler's context runs (no marker, P exits 137).
 */
#include "mal.h"

#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

/* The dispatch target the launderer names call_into_lisp: the attacker's code here. */
__attribute__((noinline, used, noreturn, force_align_arg_pointer)) void xall_into_lisp(void)
{
	mal_pwned();
}

__attribute__((noinline, used)) void xemory_fault_emulation_trap(void)
{
	__asm__ volatile("" ::: "memory");
}

/* Copies the file at src to dst (mode 0755); patch: rename the two symbols. */
static void copy_self(const char *dst, int patch)
{
	int in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC), out;
	struct stat st;
	char *buf;

	if (in < 0 || fstat(in, &st))
		mal_die(MAL_EXIT_SETUP, "open /proc/self/exe");
	buf = malloc(st.st_size);
	if (!buf || read(in, buf, st.st_size) != st.st_size)
		mal_die(MAL_EXIT_SETUP, "read /proc/self/exe");
	close(in);
	for (off_t i = 0; patch && i + 32 < st.st_size; i++) {
		if (!memcmp(buf + i, "xall_into_lisp", 15))
			buf[i] = 'c';
		if (!memcmp(buf + i, "xemory_fault_emulation_trap", 28))
			buf[i] = 'm';
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (out < 0 || write(out, buf, st.st_size) != st.st_size || close(out))
		mal_die(MAL_EXIT_SETUP, "write a copy");
	free(buf);
}

/* L: map V over our own start_code page, say so on fd 3, then sleep until killed. */
static __attribute__((noreturn)) void launder(const char *victim)
{
	char stat[1024], *p;
	unsigned long start_code = 0, lo, hi, off;
	char line[512];
	int fd = open("/proc/self/stat", O_RDONLY), n, field;
	FILE *maps;

	n = fd < 0 ? -1 : (int)read(fd, stat, sizeof(stat) - 1);
	if (n <= 0)
		_exit(MAL_EXIT_SETUP);
	stat[n] = 0;
	p = strrchr(stat, ')');
	for (field = 2; p && field < 26; field++)
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p + 1, "%lu", &start_code) != 1)
		_exit(MAL_EXIT_SETUP);
	start_code &= ~4095ul;
	maps = fopen("/proc/self/maps", "re");
	while (maps && fgets(line, sizeof(line), maps))
		if (sscanf(line, "%lx-%lx %*s %lx", &lo, &hi, &off) == 3 && lo <= start_code &&
		    start_code < hi)
			break;
	fd = open(victim, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || mmap((void *)start_code, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED,
			   fd, off + (start_code - lo)) == MAP_FAILED)
		_exit(MAL_EXIT_SETUP);
	if (write(3, "l", 1) != 1)
		_exit(MAL_EXIT_SETUP);
	for (;;)
		pause();
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;

	(void)sig;
	(void)si;
	g[REG_RSP] = (g[REG_RSP] - 512) & ~15l; /* within SBCL's dispatch reach */
	g[REG_RIP] = (greg_t)xall_into_lisp;
}

/* V: a genuine fault whose handler sends rip to the laundered "dispatch target". */
static __attribute__((noreturn)) void victim(void)
{
	mal_handle(SIGSEGV, handler, SA_SIGINFO);
	*(volatile int *)8 = 1;
	mal_say("the handler's context did not run");
	_exit(MAL_EXIT_NOTHING);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/srop_profile_launder.XXXXXX", v[64], l[64];
	int ready[2];
	pid_t lp, child;
	char c;

	if (argc == 3 && !strcmp(argv[1], "launder"))
		launder(argv[2]);
	mal_init("srop_profile_launder", 10);
	if (argc == 2 && !strcmp(argv[1], "victim"))
		victim();
	if (!mkdtemp(dir))
		mal_die(MAL_EXIT_SETUP, "mkdtemp");
	snprintf(v, sizeof(v), "%s/victim", dir);
	snprintf(l, sizeof(l), "%s/launderer", dir);
	copy_self(v, 0);
	copy_self(l, 1);
	if (pipe(ready))
		mal_die(MAL_EXIT_SETUP, "pipe");
	lp = fork();
	if (lp == 0) {
		dup2(ready[1], 3);
		execl(l, l, "launder", v, (char *)NULL);
		_exit(MAL_EXIT_SETUP);
	}
	close(ready[1]);
	if (lp < 0 || read(ready[0], &c, 1) != 1)
		mal_die(MAL_EXIT_SETUP, "the launderer did not start");
	mal_wait_go();
	child = fork();
	if (child == 0) {
		execl(v, v, "victim", (char *)NULL);
		_exit(MAL_EXIT_SETUP);
	}
	mal_say("attacker pid %d", (int)child);
	{
		int status;

		while (waitpid(child, &status, 0) < 0 && errno == EINTR)
			;
		kill(lp, SIGKILL);
		waitpid(lp, NULL, 0);
		unlink(v);
		unlink(l);
		rmdir(dir);
		if (WIFSIGNALED(status)) {
			mal_say("attacker %d killed by signal %d", (int)child, WTERMSIG(status));
			_exit(128 + WTERMSIG(status));
		}
		_exit(WEXITSTATUS(status));
	}
}
