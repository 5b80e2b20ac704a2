// SPDX-License-Identifier: GPL-2.0
/*
 * The loader: check the machine, probe which backend the kernel allows, then one
 * open -> configure (rodata, autoload) -> load -> fill maps -> attach, and undo it all on failure.
 * libbpf's log is shown with -v. A program the verifier refuses is one line (kernel, program,
 * verifier line, source line); signal_generate refused is a run without it, said.
 */
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/capability.h>
#include <sys/mount.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "driver.h"
#include "../decode/verifier_log.h"
#include "../util/text.h"
#include "../rules/apply.h"
#include "sigscope.skel.h"

#define TRACEFS "/sys/kernel/tracing"

static int verbose; /* -v (or SIGSCOPE_DEBUG in the environment): libbpf's log on stderr */

/*
 * A refused load: libbpf's warnings stream through vlog (fixed memory, however long the
 * verifier's log) while a load runs, so the error can name the program, the verifier's decisive
 * line and the source line (README "When the kernel refuses a program").
 */
static struct verifier_log vlog;
static FILE *vlog_stream; /* a stdio stream whose writes feed vlog; NULL when not loading */

static ssize_t vlog_write(void *cookie, const char *buf, size_t n)
{
	verifier_log_feed(cookie, buf, n);
	return (ssize_t)n;
}

static int libbpf_log(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (vlog_stream && level == LIBBPF_WARN) {
		va_list copy;

		va_copy(copy, args);
		vfprintf(vlog_stream, fmt, copy);
		va_end(copy);
		fflush(vlog_stream);
	}
	/* libbpf's own log (warnings, verifier output) only on request: errors get one line from
	 * us. Debug lines only with SIGSCOPE_DEBUG: they are many. */
	if (!verbose || (level == LIBBPF_DEBUG && !getenv("SIGSCOPE_DEBUG")))
		return 0;
	return vfprintf(stderr, fmt, args);
}

/* The skeleton's load, with libbpf's warnings read by vlog. */
static int load_watched(struct sigscope_bpf *skel)
{
	cookie_io_functions_t io = {.write = vlog_write};
	int ret, e;

	verifier_log_reset(&vlog);
	vlog_stream = fopencookie(&vlog, "w", io); /* NULL: loads all the same, without a name */
	ret = sigscope_bpf__load(skel);
	e = errno;
	if (vlog_stream)
		fclose(vlog_stream);
	vlog_stream = NULL;
	errno = e;
	return ret;
}

/* "kernel REL refused PROG: REASON (file.bpf.h:N)" after a failed load_watched(), not escaped
 * (whoever prints it escapes it: one line whatever the log held). NULL when no program was
 * refused (the load failed elsewhere). */
static const char *refusal_line(char *out, size_t outlen)
{
	struct utsname u;

	return verifier_log_line(&vlog, uname(&u) == 0 ? u.release : "?", out, outlen);
}

/* Can this kernel run a program that calls helper id? 0 only when it certainly cannot: a probe
 * that fails for another reason (lockdown) is not taken for an old kernel. */
static int helper_missing(enum bpf_func_id id)
{
	return libbpf_probe_bpf_helper(BPF_PROG_TYPE_KPROBE, id, NULL) == 0;
}

/* Refuse early, with one line, what would otherwise fail deep inside libbpf. */
int check_machine(const struct run *r)
{
	struct utsname u;
	cap_t caps;
	cap_flag_value_t bpf = CAP_CLEAR, perfmon = CAP_CLEAR, sysadmin = CAP_CLEAR;

	verbose = r->opts.verbose || getenv("SIGSCOPE_DEBUG");
	libbpf_set_print(libbpf_log); /* before the first probe: libbpf prints by default */
	caps = cap_get_proc();
	if (caps) {
		cap_get_flag(caps, CAP_SYS_ADMIN, CAP_EFFECTIVE, &sysadmin);
#ifdef CAP_BPF
		cap_get_flag(caps, CAP_BPF, CAP_EFFECTIVE, &bpf);
		cap_get_flag(caps, CAP_PERFMON, CAP_EFFECTIVE, &perfmon);
#endif
		cap_free(caps);
	}
	if (sysadmin != CAP_SET && (bpf != CAP_SET || perfmon != CAP_SET))
		return report_error(
		    "must run as root (needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)");
	/* Features, not a version: distribution kernels backport BPF helpers. */
	if (helper_missing(BPF_FUNC_loop) || helper_missing(BPF_FUNC_find_vma))
		return report_error("kernel %s lacks bpf_loop or bpf_find_vma: sigscope needs 5.17 "
				    "or later, or a kernel with them backported",
				    uname(&u) == 0 ? u.release : "?");
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0)
		return report_error(
		    "kernel BTF is missing (/sys/kernel/btf/vmlinux): sigscope needs a kernel "
		    "built with CONFIG_DEBUG_INFO_BTF=y");
	return 0;
}

/* The policy in force: the file's, or that of no file (policy_defaults, the same defaults). */
static const struct sigscope_policy *policy_in_force(const struct run *r)
{
	static struct sigscope_policy none;
	static int ready;

	if (r->policy)
		return r->policy;
	if (!ready) {
		policy_defaults(&none);
		ready = 1;
	}
	return &none;
}

/*
 * Classic tracepoints (--hooks light) are found through tracefs, which may not be mounted. It is
 * then mounted in a mount namespace of sigscope's own, which dies with the process: a SIGKILL
 * leaves nothing mounted. The namespace is a slave of the machine's, so mounts made there later
 * (a new -w directory) are still seen; the command, forked before, stays outside. unshare()
 * fails in a process with threads (librdkafka's, with -o kafka): then it is mounted where it
 * is, and unmounted at the end.
 */
static int ensure_tracefs(struct run *r, char *err, size_t errlen)
{
	if (access(TRACEFS "/events", F_OK) == 0 ||
	    access("/sys/kernel/debug/tracing/events", F_OK) == 0)
		return 0;
	if (unshare(CLONE_NEWNS) == 0 && mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) == 0 &&
	    mount("tracefs", TRACEFS, "tracefs", 0, NULL) == 0)
		return 0;
	if (mount("tracefs", TRACEFS, "tracefs", 0, NULL) != 0) {
		snprintf(err, errlen,
			 "--hooks light needs tracefs, and mounting it on " TRACEFS " failed: %s",
			 strerror(errno));
		return -1;
	}
	r->tracefs_mounted = 1;
	return 0;
}

/* Was the kernel built with x32 (its rt_sigreturn body is in the kernel's BTF)? */
static int kernel_has_x32(void)
{
	struct btf *btf = btf__load_vmlinux_btf();
	int found;

	if (!btf)
		return 0;
	found = btf__find_by_name_kind(btf, "__do_compat_sys_x32_rt_sigreturn", BTF_KIND_FUNC) >= 0;
	btf__free(btf);
	return found;
}

/*
 * Does this kernel run x32 syscalls? x32's getpid (__X32_SYSCALL_BIT | 39) answers, or is
 * -ENOSYS where x32 is built out or off (syscall.x32=n, Debian's default). Asked in a child: a
 * seccomp filter may kill the asker (the unit's SystemCallArchitectures=native does, SIGSYS).
 * Only a clean -ENOSYS says no; anything else counts as running, and x32 sigreturns are judged.
 */
static int x32_syscalls_run(void)
{
	static int known = -1; /* asked once, whatever backend is configured after */
	struct timespec none = {0, 0};
	sigset_t chld, old;
	int status = 0, runs = 1;
	pid_t pid;

	if (known >= 0)
		return known;
	/* Its SIGCHLD is taken here: one left pending would abort the verifier (-EAGAIN). */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	pid = fork();
	if (pid == 0)
		_exit(syscall(0x40000000L | 39) == -1 && errno == ENOSYS ? 0 : 1);
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		runs = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		sigtimedwait(&chld, NULL, &none);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	known = runs;
	return runs;
}

/* Does /proc/cpuinfo list this CPU flag? (the kernel clears flags it does not use: noxsave) */
static int cpu_has_flag(const char *flag)
{
	char line[4096];
	size_t n = strlen(flag);
	int found = 0;
	FILE *f = fopen("/proc/cpuinfo", "re");

	if (!f)
		return 1; /* every x86_64 CPU sigscope can run on has FXSR, and XSAVE since 2008 */
	while (!found && fgets(line, sizeof(line), f)) {
		char *p = line;

		if (strncmp(line, "flags", 5) != 0)
			continue;
		while ((p = strstr(p, flag)) != NULL) {
			if ((p == line || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\n')) {
				found = 1;
				break;
			}
			p += n;
		}
		break;
	}
	fclose(f);
	return found;
}

/* Runs an iter/task program once over every thread (it writes nothing to read). */
static int run_task_iter(struct bpf_program *prog, char *err, size_t errlen)
{
	struct bpf_link *link = bpf_program__attach_iter(prog, NULL);
	char buf[64];
	int fd, n;

	if (!link) {
		snprintf(err, errlen, "cannot attach the thread iterator %s: %s",
			 bpf_program__name(prog), strerror(errno));
		return -1;
	}
	fd = bpf_iter_create(bpf_link__fd(link));
	if (fd < 0) {
		snprintf(err, errlen, "cannot start the thread iterator %s: %s",
			 bpf_program__name(prog), strerror(errno));
		bpf_link__destroy(link);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		;
	if (n < 0)
		snprintf(err, errlen, "thread iterator %s: %s", bpf_program__name(prog),
			 strerror(errno));
	close(fd);
	bpf_link__destroy(link);
	return n < 0 ? -1 : 0;
}

/*
 * Run the iter/task programs once, once signal_deliver and the process hooks are attached (before
 * the sigreturn hooks: attach_all): the first records what each existing thread looks like (sp,
 * stack, sigaltstack) and marks the ones the filters select, while their comm is still the one
 * they had; the second brings in the processes those forked before the attach. Threads born later
 * are seen by the fork hook.
 */
static int capture_threads(struct run *r, char *err, size_t errlen)
{
	if (run_task_iter(r->skel->progs.capture_threads, err, errlen) != 0)
		return -1;
	return run_task_iter(r->skel->progs.capture_descendants, err, errlen);
}

/*
 * Before any hook is attached: the profiles of the running processes' executables, and of the
 * files their code is mapped from where that is another (the kernel names them: overlayfs), so
 * that no redirect of a running runtime is judged before its profile exists (an undecided one
 * fails closed). open_rings reads the executables once more after the attach, for the processes
 * that exec'd in between.
 */
static int read_profiles(struct run *r, char *err, size_t errlen)
{
	struct ring_buffer *rb;
	struct rlimit nofile;
	int ret;

	/* Profiled modules stay open (profiles.c hold_module): the soft limit up to the hard one,
	 * as systemd advises a program that needs many descriptors (the held command was forked
	 * before, with the limits it was given). */
	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
		nofile.rlim_cur = nofile.rlim_max;
		setrlimit(RLIMIT_NOFILE, &nofile);
	}
	r->profiles.profiles_fd = bpf_map__fd(r->skel->maps.module_profiles);
	r->profiles.targets_fd = bpf_map__fd(r->skel->maps.inject_targets);
	r->profiles.read_at_fd = bpf_map__fd(r->skel->maps.module_read_at);
	/* Tests only: prune the profile maps past this many modules (profiles.c profiles_prune). */
	if (getenv("SIGSCOPE_PROFILE_PRUNE_AT"))
		r->profiles.prune_at = strtoul(getenv("SIGSCOPE_PROFILE_PRUNE_AT"), NULL, 10);
	profiles_load_startup(&r->profiles);
	rb = ring_buffer__new(bpf_map__fd(r->skel->maps.module_requests), profiles_on_request,
			      &r->profiles, NULL);
	if (!rb) {
		snprintf(err, errlen, "cannot open the profile request ring: %s", strerror(errno));
		return -1;
	}
	ret = run_task_iter(r->skel->progs.request_profiles, err, errlen);
	if (ret == 0 && ring_buffer__consume(rb) < 0)
		r->profiles.failed++;
	ring_buffer__free(rb);
	return ret;
}

/* A guard program (choose_guards): attached first, once per guarded body. */
static int is_guard(const struct run *r, const struct bpf_program *prog)
{
	return prog == r->skel->progs.sigreturn_entry_guard ||
	       prog == r->skel->progs.sigreturn_exit_guard;
}

/* The sigreturn bodies the guards go on, with the frame kind each one's cookie carries. */
static const struct {
	const char *func;
	__u32 kind;
} guarded_bodies[] = {
    {"__do_sys_rt_sigreturn", SIGSCOPE_FRAME_RT64},
    {"__do_compat_sys_rt_sigreturn", SIGSCOPE_FRAME_RT_IA32},
    {"__do_compat_sys_sigreturn", SIGSCOPE_FRAME_SIG_IA32},
    {"__do_compat_sys_x32_rt_sigreturn", SIGSCOPE_FRAME_RT_X32},
};

static int body_guarded(const struct run *r, __u32 kind)
{
	return kind == SIGSCOPE_FRAME_RT64     ? r->guard_native
	       : kind == SIGSCOPE_FRAME_RT_X32 ? r->guard_x32
					       : r->guard_ia32;
}

static int keep_link(struct run *r, struct bpf_link *link, char *err, size_t errlen)
{
	if (r->nlinks == MAX_LINKS) {
		bpf_link__destroy(link);
		snprintf(err, errlen, "internal error: more than %d links", MAX_LINKS);
		return -1;
	}
	r->links[r->nlinks++] = link;
	return 0;
}

/* Attach a guard program (kprobe or kretprobe) to every guarded body; -2 with r->guard_why on
 * failure (the caller loads again without guards). */
static int attach_guard(struct run *r, struct bpf_program *prog, char *err, size_t errlen)
{
	int ret = prog == r->skel->progs.sigreturn_exit_guard;

	for (size_t i = 0; i < sizeof(guarded_bodies) / sizeof(guarded_bodies[0]); i++) {
		struct bpf_kprobe_opts opts = {
		    .sz = sizeof(opts), .bpf_cookie = guarded_bodies[i].kind, .retprobe = ret};
		struct bpf_link *link;

		if (!body_guarded(r, guarded_bodies[i].kind))
			continue;
		link = bpf_program__attach_kprobe_opts(prog, guarded_bodies[i].func, &opts);
		if (!link) {
			snprintf(r->guard_why, sizeof(r->guard_why), "cannot attach a %s on %s: %s",
				 ret ? "kretprobe" : "kprobe", guarded_bodies[i].func,
				 strerror(errno));
			return -2;
		}
		if (keep_link(r, link, err, errlen))
			return -1;
	}
	return 0;
}

/*
 * The order of the attach, so that the attach itself leaves no window: what a sigreturn is judged
 * on is in place before any sigreturn is judged. First signal_generate (a fault raised after it
 * carries the kernel's mark when it is delivered), then signal_deliver and the process hooks
 * (every delivery from then on is seen, forks and execs followed); then the thread capture
 * (capture_threads: every thread's stack and altstack now, which excuses only the handlers that
 * began before signal_deliver was there); then the guards (the other entry and exit programs
 * leave their ABIs to them from the start: one event per sigreturn); then the sigreturn hooks.
 * Red team round 11 found the other order killing runtimes under a -p attach: a fault raised
 * before signal_generate and delivered after signal_deliver (no mark: the runtime's redirect
 * unexplained), a handler that began before signal_deliver and returned before the capture
 * (no delivery, no capture: forged).
 */
enum attach_phase { PHASE_GENERATE, PHASE_DELIVER, PHASE_GUARDS, PHASE_SIGRETURN, NPHASES };

static enum attach_phase attach_phase_of(const struct run *r, const struct bpf_program *prog)
{
	const struct sigscope_bpf *s = r->skel;

	/* The FP areas are kept from before the first delivery signal_deliver records. */
	if (prog == s->progs.signal_generate || prog == s->progs.fpu_regs_activated)
		return PHASE_GENERATE;
	if (prog == s->progs.signal_deliver || prog == s->progs.rseq_ip_fixup ||
	    prog == s->progs.follow_fork || prog == s->progs.follow_exit ||
	    prog == s->progs.on_exec)
		return PHASE_DELIVER;
	return is_guard(r, prog) ? PHASE_GUARDS : PHASE_SIGRETURN;
}

/* Attach every program the configuration loaded, phase by phase (above), the thread capture
 * between the second and the third; on failure say which one and why in err. Returns -1, or -2
 * when a guard failed (the caller loads again without guards). */
static int attach_all(struct run *r, char *err, size_t errlen)
{
	struct bpf_program *prog;

	for (int phase = 0; phase < NPHASES; phase++) {
		/* The snapshot is read before any sigreturn hook attaches: an older thread's frame
		 * is then excused only where it recorded one, from the first sigreturn judged. Read
		 * after them, it left 1-2 ms in which the geometry alone excused any frame (red
		 * team round 17, srop_attach_window). */
		if (phase == PHASE_GUARDS) {
			if (capture_threads(r, err, errlen) != 0)
				return -1;
			snapshot_frames(r);
		}
		bpf_object__for_each_program(prog, r->skel->obj)
		{
			struct bpf_link *link;

			if (!bpf_program__autoload(prog) ||
			    prog == r->skel->progs.capture_threads ||
			    prog == r->skel->progs.capture_descendants ||
			    prog == r->skel->progs.request_profiles ||
			    prog == r->skel->progs.mark_in_flight ||
			    attach_phase_of(r, prog) != (enum attach_phase)phase)
				continue;
			if (is_guard(r, prog)) {
				int failed = attach_guard(r, prog, err, errlen);

				if (failed)
					return failed;
				continue;
			}
			link = bpf_program__attach(prog);
			if (!link) {
				int e = errno;

				snprintf(err, errlen, "cannot attach %s (program %s): %s%s",
					 bpf_program__section_name(prog), bpf_program__name(prog),
					 strerror(e),
					 e == EPERM ? " (kernel lockdown or missing capability)"
						    : "");
				return -1;
			}
			if (keep_link(r, link, err, errlen))
				return -1;
		}
	}
	/* Every sigreturn hook is there: the threads inside a sigreturn entered it unseen. */
	return run_task_iter(r->skel->progs.mark_in_flight, err, errlen);
}

/* The policy's scope fills what the command line left open; --enforce beats its threshold. */
int merge_policy(struct run *r)
{
	struct sigscope_options *o = &r->opts;
	struct sigscope_policy *p;
	char err[512];

	if (!o->policy_path)
		return 0;
	p = r->policy = calloc(1, sizeof(*p));
	if (!p)
		return report_error("out of memory");
	if (policy_load(o->policy_path, p, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return EXIT_USAGE;
	}
	if (!o->enforce_set && p->enforce != POLICY_ENFORCE_UNSET)
		o->enforce = p->enforce == POLICY_ENFORCE_OFF ? -1 : p->enforce;
	if (p->events && !o->events_given)
		o->events = p->events;
	if (p->pid && !o->pid && !o->command)
		o->pid = p->pid;
	if (p->has_uid && !o->has_uid) {
		o->has_uid = 1;
		o->uid = p->uid;
	}
	if (p->comm[0] && !o->comm[0])
		memcpy(o->comm, p->comm, sizeof(o->comm));
	if (p->container[0] && !o->container)
		o->container = p->container;
	if (p->cgroup[0] && !o->cgroup_id &&
	    options_parse_cgroup(p->cgroup, &o->cgroup_id, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s (policy '%s')\n", err, o->policy_path);
		return EXIT_USAGE;
	}
	return 0;
}

/* Is func in the kernel's symbol table (/proc/kallsyms)? */
static int kernel_symbol(const char *func)
{
	char line[512];
	size_t n = strlen(func);
	int found = 0;
	FILE *f = fopen("/proc/kallsyms", "re");

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		const char *p = strrchr(line, ' ');

		found = p && strncmp(p + 1, func, n) == 0 && (p[1 + n] == '\n' || p[1 + n] == '\t');
	}
	fclose(f);
	return found;
}

/* Can the kernel put a kprobe on func (a symbol, not on the kprobe blacklist)? */
static int kprobe_target(const char *func)
{
	char line[512], name[256];
	int found = kernel_symbol(func);
	FILE *f = found ? fopen("/sys/kernel/debug/kprobes/blacklist", "re") : NULL;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %255s", name) == 1 && strcmp(name, func) == 0)
			found = 0;
	if (f)
		fclose(f);
	return found;
}

/* Does the kernel run this version's programs with only migration disabled, so that a task
 * preempted inside one makes the others on its CPU skip it (docs/kernels.md)? Tracepoints from
 * 7.0, trampolines from 6.18. */
static int kernel_skips(int trampoline)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) != 0 || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return 1;
	return trampoline ? major > 6 || (major == 6 && minor >= 18) : major >= 7;
}

/*
 * The guards (trampoline.bpf.h): kprobes on the sigreturn bodies, and kretprobes where the mode
 * has an exit, which the kernel runs with preemption disabled and skips only while a task holds
 * the per-CPU bpf_prog_active (a bpf() map syscall: privileged), never for an unprivileged one.
 * Every mode and both backends get them, for each ABI whose body the kernel has. Notes in
 * r->unguarded the ABIs this kernel runs that have no guard, and in guard_why why.
 */
static void choose_guards(struct run *r, int trampoline)
{
	const struct sigscope_options *o = &r->opts;
	int kprobes = access("/sys/bus/event_source/devices/kprobe", F_OK) == 0 ||
		      access(TRACEFS "/kprobe_events", F_OK) == 0 ||
		      access("/sys/kernel/debug/tracing/kprobe_events", F_OK) == 0;
	int ia32 = kernel_symbol("__do_compat_sys_rt_sigreturn");
	int x32 = kernel_has_x32();
	int want = !r->guards_off && kprobes;
	int light = !trampoline && o->hooks == HOOKS_LIGHT; /* x86_64 only, by design */

	r->guard_native = want && kprobe_target("__do_sys_rt_sigreturn");
	r->guard_ia32 = want && !light && ia32 && kprobe_target("__do_compat_sys_rt_sigreturn") &&
			kprobe_target("__do_compat_sys_sigreturn");
	r->guard_x32 = want && !light && x32 && kprobe_target("__do_compat_sys_x32_rt_sigreturn");
	/* Where an exit program runs (mode full, the trampolines), the guarded bodies' exits get
	 * a kretprobe: a TOCTOU rewrite is judged at an exit the kernel does not skip either. */
	r->exit_guards = (trampoline || o->hooks == HOOKS_FULL) &&
			 (r->guard_native || r->guard_ia32 || r->guard_x32);
	if (!r->guards_off)
		snprintf(r->guard_why, sizeof(r->guard_why), "%s",
			 kprobes ? "no kprobe on its sigreturn" : "this kernel has no kprobes");
	/* Mode light sees x86_64 only, by design: ia32 and x32 are not gaps there. */
	snprintf(r->unguarded, sizeof(r->unguarded), "%s%s%s", r->guard_native ? "" : " x86_64",
		 !ia32 || r->guard_ia32 || light ? "" : " ia32",
		 !x32 || r->guard_x32 || light ? "" : " x32");
	r->skips_possible = kernel_skips(trampoline);
}

/* The key of the FP areas' hash (src/shared/fpstate.h): fresh each start, never shown. */
static int fill_fp_key(struct sigscope_bpf *s, char *err, size_t errlen)
{
	uint8_t *key = (uint8_t *)s->rodata->fp_key;
	size_t want = sizeof(s->rodata->fp_key), got = 0;

	while (got < want) {
		ssize_t n = getrandom(key + got, want - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "cannot get random bytes for the FP areas' key: %s",
				 strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	return 0;
}

static void configure(struct run *r, int trampoline)
{
	struct sigscope_bpf *s = r->skel;
	const struct sigscope_options *o = &r->opts;
	int x32;
	/* -- COMMAND is traced like -p of its (held) child: scope follows its descendants. */
	s->rodata->targ_tgid = r->child > 0 ? (uint32_t)r->child : (uint32_t)o->pid;
	s->rodata->filter_uid = o->has_uid;
	s->rodata->targ_uid = o->uid;
	s->rodata->filter_comm = o->comm[0] != '\0';
	memcpy((char *)s->rodata->targ_comm, o->comm, sizeof(o->comm));
	s->rodata->targ_cgroup = o->cgroup_id;
	if (o->container) {
		size_t n = strlen(o->container);

		if (n > sizeof(s->rodata->targ_container))
			n = sizeof(s->rodata->targ_container);
		memcpy((char *)s->rodata->targ_container, o->container, n);
		s->rodata->targ_container_len = n;
	}
	s->rodata->x32_runs = x32_syscalls_run();
	s->rodata->cpu_xsave = cpu_has_flag("xsave");
	s->rodata->cpu_fxsr = cpu_has_flag("fxsr");
	s->rodata->event_mask = o->events;
	s->rodata->stack_bytes = o->stack_bytes;
	s->rodata->exit_hook = trampoline || o->hooks == HOOKS_FULL;
	/* Wake user space once an eighth of the ring (at most 1 MiB) waits, not for every record.
	 */
	s->rodata->wakeup_bytes =
	    o->buffer_kb * 1024 / 8 < (1u << 20) ? o->buffer_kb * 1024 / 8 : 1u << 20;
	s->rodata->enforce_min_severity = o->enforce >= 0 ? o->enforce : SIGSCOPE_SEV_NONE;
	s->rodata->findings_allowed = policy_allowed_everywhere(r->policy);
	s->rodata->undecided_severity = policy_in_force(r)->contended;
	s->rodata->undecided_redirect_severity = policy_in_force(r)->contended_redirect;
	/* Tests only: walk the VMA tree after every locked lookup too, and count disagreements. */
	s->rodata->vma_walk_check = getenv("SIGSCOPE_VMA_WALK_CHECK") != NULL;
	bpf_map__set_max_entries(s->maps.events, o->buffer_kb * 1024);

	choose_guards(r, trampoline);
	/* An exit that looks like syscall(-1)'s but no marked entry vouches for: where every ABI
	 * has its guard, a sigreturn cannot reach its exit unseen by an unprivileged attacker's
	 * doing, so it is a syscall(-1) whose raw sys_enter was skipped: let it pass (counted).
	 * Else judge it unless the policy says open. */
	s->rodata->plain_unproven_judged =
	    r->unguarded[0] && policy_in_force(r)->kernel_skips_closed;
	s->rodata->entries_never_skipped = !r->skips_possible || !r->unguarded[0];
	s->rodata->exits_never_skipped = !r->skips_possible || (r->exit_guards && !r->unguarded[0]);
	s->rodata->guard_native = r->guard_native;
	s->rodata->guard_ia32 = r->guard_ia32;
	s->rodata->guard_x32 = r->guard_x32;
	s->rodata->exit_guards = r->exit_guards;

	/* Load only the hooks of the chosen mode; an unused hook costs every syscall nothing. */
	/* Mode enter with a guard for every ABI the kernel runs needs no raw sys_enter at all (mode
	 * full keeps it: it marks syscall(-1) entries for the exit). */
	bpf_program__set_autoload(s->progs.sys_enter_sigreturn,
				  !trampoline && o->hooks != HOOKS_LIGHT &&
				      !(o->hooks == HOOKS_ENTER && !r->unguarded[0]));
	bpf_program__set_autoload(s->progs.sys_exit_sigreturn,
				  !trampoline && o->hooks == HOOKS_FULL);
	/* Mode light: its perf tracepoint, unless the x86_64 guard judges those entries. */
	bpf_program__set_autoload(s->progs.sys_enter_rt_sigreturn_tp,
				  !trampoline && o->hooks == HOOKS_LIGHT && !r->guard_native);
	bpf_program__set_autoload(s->progs.sigreturn_entry_guard,
				  r->guard_native || r->guard_ia32 || r->guard_x32);
	bpf_program__set_autoload(s->progs.sigreturn_exit_guard, r->exit_guards);
	bpf_program__set_autoload(s->progs.fentry_rt_sigreturn, trampoline);
	bpf_program__set_autoload(s->progs.fexit_rt_sigreturn, trampoline);
	bpf_program__set_autoload(s->progs.fentry_rt_sigreturn_ia32, trampoline);
	bpf_program__set_autoload(s->progs.fexit_rt_sigreturn_ia32, trampoline);
	bpf_program__set_autoload(s->progs.fentry_sigreturn_ia32, trampoline);
	bpf_program__set_autoload(s->progs.fexit_sigreturn_ia32, trampoline);
	x32 = trampoline && kernel_has_x32(); /* one parse of the kernel's BTF, not two */
	bpf_program__set_autoload(s->progs.fentry_rt_sigreturn_x32, x32);
	bpf_program__set_autoload(s->progs.fexit_rt_sigreturn_x32, x32);
	/* Always: besides its events, it tells a fault the kernel raised from one a process queued
	 * itself (signal.bpf.h), which an instruction skip needs. */
	bpf_program__set_autoload(s->progs.signal_generate, true);
}

/* The path a process exec'd while traced, from the kernel side, for when /proc is gone. */
const char *exec_path_of(void *arg, uint32_t pid, char *buf, size_t len)
{
	struct run *r = arg;
	struct sigscope_exec_path path;

	if (!r->skel || bpf_map__lookup_elem(r->skel->maps.exec_paths, &pid, sizeof(pid), &path,
					     sizeof(path), 0) != 0)
		return NULL;
	path.path[sizeof(path.path) - 1] = '\0';
	snprintf(buf, len, "%s", path.path);
	return buf;
}

/* Undo a partial start: links first, then the object. */
void detach_all(struct run *r)
{
	for (int i = 0; i < r->nlinks; i++)
		bpf_link__destroy(r->links[i]);
	r->nlinks = 0;
	/* What we mounted goes, on every path: the links that needed it are gone. */
	if (r->tracefs_mounted && umount2(TRACEFS, MNT_DETACH) == 0)
		r->tracefs_mounted = 0;
}

void stop_bpf(struct run *r)
{
	detach_all(r);
	sigscope_bpf__destroy(r->skel);
	r->skel = NULL;
	profiles_release(&r->profiles);
}

/*
 * A load that failed: say why in err, or, when the refused program is one detection does not need
 * (signal_generate only reports who sent what), note it in r->missing and return 1: the caller
 * loads again without it. Every other program is essential: the sigreturn hooks judge, pairing
 * needs signal_deliver, scope needs fork/exec/exit and the iterator.
 */
static int load_failed(struct run *r, int trampoline, char *err, size_t errlen)
{
	int e = errno;
	char line[512], esc[512];
	struct bpf_program *gen = r->skel->progs.signal_generate;

	if (!refusal_line(line, sizeof(line))) {
		snprintf(err, errlen, "%s: %s%s",
			 trampoline ? "the kernel refused the fentry/fexit programs"
				    : "cannot load the BPF programs",
			 strerror(e), verbose ? "" : " (-v shows libbpf's log)");
		return -1;
	}
	if (!r->missing[0] && bpf_program__autoload(gen) &&
	    strcmp(vlog.prog, bpf_program__name(gen)) == 0) {
		/* "kernel REL refused signal_generate: ..." -> "the kernel refused ..." */
		snprintf(r->missing, sizeof(r->missing), "signal_generate events off: the %s",
			 text_escape(line, esc, sizeof(esc)));
		return 1;
	}
	snprintf(err, errlen, "%s%s", line, verbose ? "" : "; -v shows the whole log");
	return -1;
}

/*
 * Processes with a sigreturn held in a sleeping fault at the attach (process.bpf.h
 * mark_in_flight). The raw sys_exit judges its exit; the trampolines (a body entered before
 * them returns past them) and modes enter and light do not see it: --enforce kills the process
 * (fail closed), detect mode says so. Said on stderr whatever -q says. More than the map holds:
 * --enforce fails to start (0, or -1 and err).
 */
static int in_flight_unseen(struct run *r, int trampoline, char *err, size_t errlen)
{
	int fd = bpf_map__fd(r->skel->maps.in_flight_procs);
	__u32 key, next, *prev = NULL;

	if (!trampoline && r->opts.hooks == HOOKS_FULL)
		return 0;
	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		if (r->opts.enforce >= 0 && kill((pid_t)key, SIGKILL) == 0)
			fprintf(stderr,
				"sigscope: killed process %u: a sigreturn held in a fault at the "
				"attach, whose exit this backend cannot judge (--enforce fails "
				"closed)\n",
				key);
		else
			fprintf(stderr,
				"sigscope: process %u: a sigreturn held in a fault at the attach, "
				"whose exit this backend cannot judge (not judged)\n",
				key);
	}
	if (r->skel->bss->in_flight_unrecorded && r->opts.enforce >= 0) {
		snprintf(
		    err, errlen,
		    "%u more processes held a sigreturn in a fault at the attach than sigscope "
		    "can name; this backend cannot judge them (--hooks full can)",
		    r->skel->bss->in_flight_unrecorded);
		return -1;
	}
	return 0;
}

/* Open, configure, load, fill the maps and attach one backend. On failure: err, nothing left. */
static int start_bpf(struct run *r, int trampoline, char *err, size_t errlen)
{
	int failed;

again:
	r->skel = sigscope_bpf__open();
	if (!r->skel) {
		snprintf(err, errlen, "cannot open the BPF object: %s", strerror(errno));
		return -1;
	}
	configure(r, trampoline);
	if (fill_fp_key(r->skel, err, errlen))
		goto fail;
	if (r->missing[0]) { /* refused before: libbpf loads an object once, so this is a new one */
		bpf_program__set_autoload(r->skel->progs.signal_generate, false);
		r->skel->rodata->fault_marks_on =
		    false; /* no skip is explained then: fail closed */
	}
	if (load_watched(r->skel)) {
		failed = load_failed(r, trampoline, err, errlen);
		if (failed > 0) {
			stop_bpf(r);
			goto again;
		}
		goto fail;
	}
	if (policy_load_allowed(r->policy, bpf_map__fd(r->skel->maps.allowed_exes), r->opts.quiet,
				err, errlen) != 0 ||
	    accounts_prepare(r, err, errlen) != 0)
		goto fail;
	if (bpf_program__autoload(r->skel->progs.sys_enter_rt_sigreturn_tp) &&
	    ensure_tracefs(r, err, errlen) != 0)
		goto fail;
	if (read_profiles(r, err, errlen) != 0)
		goto fail;
	failed = attach_all(r, err, errlen);
	if (failed == -2 && !r->guards_off) {
		/* A guard would not attach: without guards, said at start-up. */
		char why[sizeof(r->guard_why)];

		memcpy(why, r->guard_why, sizeof(why));
		stop_bpf(r);
		r->guards_off = 1;
		memcpy(r->guard_why, why, sizeof(why));
		goto again;
	}
	if (failed != 0)
		goto fail;
	if (in_flight_unseen(r, trampoline, err, errlen) != 0)
		goto fail;
	return 0;
fail:
	stop_bpf(r);
	return -1;
}

/*
 * Can an fentry program attach here? Load the smallest one (return 0) on the x86_64 sigreturn
 * body and attach it, as Falco's libpman probes features: kernels with backported trampolines
 * pass, locked-down ones (which refuse fentry) fail, whatever their version says.
 */
static int probe_trampoline(char *why, size_t len)
{
	const struct bpf_insn insns[] = {
	    {.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
	    {.code = BPF_JMP | BPF_EXIT},
	};
	struct btf *btf = btf__load_vmlinux_btf();
	int id = btf ? btf__find_by_name_kind(btf, "__do_sys_rt_sigreturn", BTF_KIND_FUNC) : -1;
	struct bpf_prog_load_opts opts = {.sz = sizeof(opts),
					  .expected_attach_type = BPF_TRACE_FENTRY};
	int prog, link;

	btf__free(btf);
	if (id < 0) {
		snprintf(why, len, "no __do_sys_rt_sigreturn in the kernel's BTF");
		return -1;
	}
	opts.attach_btf_id = (__u32)id;
	prog = bpf_prog_load(BPF_PROG_TYPE_TRACING, "sigscope_probe", "GPL", insns, 2, &opts);
	if (prog < 0) {
		snprintf(why, len, "the kernel refused an fentry program: %s", strerror(errno));
		return -1;
	}
	link = bpf_link_create(prog, 0, BPF_TRACE_FENTRY, NULL);
	if (link < 0)
		snprintf(why, len, "the kernel refused to attach an fentry program: %s",
			 strerror(errno));
	else
		close(link);
	close(prog);
	return link < 0 ? -1 : 0;
}

/*
 * kernel_skips: closed (the policy's default) under --enforce: where this kernel can skip every
 * program of a sigreturn (r->skips_possible) and an ABI it runs has no entry guard, such a
 * sigreturn would go unjudged and its frame unstopped: refuse to start, one line, exit 2.
 */
static int fail_closed(struct run *r)
{
	if (r->opts.enforce < 0 || !r->skips_possible || !r->unguarded[0] ||
	    !policy_in_force(r)->kernel_skips_closed)
		return 0;
	stop_bpf(r);
	return report_error(
	    "--enforce: this kernel can skip sigscope's programs under load, and "
	    "the%s sigreturns have no entry guard (%s): one whose programs it skips "
	    "would not be judged; the policy's kernel_skips: open runs anyway "
	    "(docs/kernels.md)",
	    r->unguarded, r->guard_why);
}

/*
 * --backend: trampolines (fentry/fexit on the sigreturn syscalls) cost unrelated syscalls
 * nothing, but locked-down kernels refuse them; auto tries them first and falls back to the raw
 * syscall tracepoints, saying why. An explicit --hooks asks for the tracepoint backend.
 */
int start_bpf_backend(struct run *r)
{
	char err[1024], why[1024];
	enum backend b = r->opts.backend;

	if (b == BACKEND_AUTO && r->opts.hooks_set)
		b = BACKEND_TRACEPOINT;
	/* The probe decides; the load that follows is the only one unless the kernel refuses the
	 * full program set after accepting the probe (then auto still falls back). */
	if (b != BACKEND_TRACEPOINT) {
		if (probe_trampoline(why, sizeof(why)) == 0 &&
		    start_bpf(r, 1, why, sizeof(why)) == 0) {
			r->backend_name = "trampoline";
			return fail_closed(r);
		}
		if (b == BACKEND_TRAMPOLINE)
			return report_error(
			    "backend trampoline is not available on this kernel: %s", why);
	}
	if (start_bpf(r, 0, err, sizeof(err)) != 0)
		return report_error("%s", err);
	r->backend_name = "tracepoint";
	if (b == BACKEND_AUTO) /* said with the start-up line, once the command runs */
		snprintf(
		    r->backend_why, sizeof(r->backend_why), "; trampolines refused: %s",
		    text_escape(why, err, sizeof(err))); /* (err is free: why may be a log's) */
	return fail_closed(r);
}
