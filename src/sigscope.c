// SPDX-License-Identifier: GPL-2.0
/*
 * sigscope: watch every rt_sigreturn on the machine, decode the frame the kernel restores, and pair
 * it with the signal delivery that wrote it. This file drives the skeleton: check the machine,
 * open, set filters, load, attach, poll the ring buffer, report losses, clean up.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libgen.h>
#include <poll.h>
#include <stdarg.h>
#include <sys/capability.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>

#include "cli/options.h"
#include "decode/event.h"
#include "output/output.h"
#include "output/text.h"
#include "proc/proc_ctx.h"
#include "rules/policy.h"
#include "sigscope.skel.h"

#define SIGSCOPE_VERSION "0.1.0"
#define EXIT_USAGE	 2
#define MAX_LINKS	 16

#define DRAIN_MAX_NS 3000000000ull /* a stopping run waits this long on stuck output */
#define FIFO_WAIT_NS 5000000000ull /* -w FIFO: how long to wait for a reader */
#define TRACEFS	     "/sys/kernel/tracing"

static char out_buf[1 << 20]; /* the output FILE's buffer: one write(2) per MiB */
/* Stop requests (SIGINT, SIGTERM): the first stops (or is forwarded to the command), a second
 * kills the command and gives up on stuck output. */
static volatile sig_atomic_t nsignals;
static volatile sig_atomic_t exit_signal;
static volatile sig_atomic_t child_pid; /* the command, for the handler to forward to */
static uint64_t stop_ns;		/* CLOCK_MONOTONIC of the first stop request */
static sigset_t child_mask;		/* the signal mask sigscope was started with */

/* Where events go: a file descriptor behind a stdio cookie, so every failed, refused or
 * abandoned byte is seen here, counted in lines (one line per event), never lost silently. */
struct out_sink {
	int fd;
	int own_fd;	    /* close it at the end (-w), not stdout */
	int err;	    /* first write error (EPIPE: the reader left), 0 while all is well */
	int abandoned;	    /* gave up on output that did not move while stopping */
	uint64_t unwritten; /* lines (events) that never reached the output */
};

static const char *const counter_names[SIGSCOPE_CNT_MAX] = {
    [SIGSCOPE_CNT_FRAME_FAULT] = "frames unreadable at entry",
    [SIGSCOPE_CNT_NEST_OVERFLOW] = "deliveries dropped from a full per-thread set",
    [SIGSCOPE_CNT_STATE_FAIL] = "threads without pairing state (allocation failed)",
    [SIGSCOPE_CNT_ABANDONED] = "handlers never returned from (siglongjmp, exit)",
    [SIGSCOPE_CNT_EXIT_MISSED] = "sigreturn entries whose exit was not seen",
    [SIGSCOPE_CNT_KILLED] = "processes killed (--enforce)",
    [SIGSCOPE_CNT_VMA_BUSY] = "address lookups that met a busy mm lock",
    [SIGSCOPE_CNT_VMA_CACHED] = "... answered from bounds seen earlier",
    [SIGSCOPE_CNT_VMA_UNDECIDED] = "... left undecided (ranked by policy 'contended')",
    [SIGSCOPE_CNT_FORK_INHERITED] = "outstanding deliveries inherited by forked children",
    [SIGSCOPE_CNT_DROP_ALERT] = "alerts that found the alert ring full",
    [SIGSCOPE_CNT_ALERT_THROTTLED] = "alerts over a process's budget (sent as ordinary events)",
};

struct run {
	struct sigscope_options opts;
	struct sigscope_policy *policy; /* NULL without --policy */
	struct sigscope_bpf *skel;
	struct ring_buffer *rb;
	struct output_ctx out;
	output_writer write_event;	     /* of decoded events: json, tracee-v2 or table */
	uint64_t seen[SIGSCOPE_EV_TYPE_MAX]; /* records consumed, per type */
	uint64_t malformed;
	uint64_t reported_drops;
	struct out_sink sink;
	int pidfd;		  /* -p: readable once the process has exited; -1 otherwise */
	int target_exited;	  /* -p: it did, and the run ended */
	int tracefs_mounted;	  /* we mounted tracefs (--hooks light): unmounted on the way out */
	const char *backend_name; /* "trampoline" or "tracepoint", once started */
	char backend_why[600];	  /* why auto did not choose trampoline, "" otherwise */
	struct bpf_link *links[MAX_LINKS];
	int nlinks;
	pid_t child;
	int child_status;
	int child_done;
};

static uint64_t monotonic_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000ull + now.tv_nsec;
}

/* Wakes a write blocked on stuck output every 200 ms (it returns EINTR) to check the limits. */
static void arm_drain_timer(void)
{
	struct itimerval it = {{0, 200000}, {0, 200000}};

	setitimer(ITIMER_REAL, &it, NULL);
}

static void on_signal(int sig)
{
	int saved = errno;

	if (nsignals < 100)
		nsignals++;
	exit_signal = sig;
	if (nsignals == 1) {
		stop_ns = monotonic_ns();
		arm_drain_timer();
	}
	/* The command gets the first request; a second one kills it (it may ignore TERM). */
	if (child_pid > 0)
		kill(child_pid, nsignals == 1 ? sig : SIGKILL);
	errno = saved;
}

static int stop_requested(void);

/* The command exited: the run is ending, so output that does not move is given up on after
 * DRAIN_MAX_NS, as after a stop request (the main loop reaps it). */
static volatile sig_atomic_t command_exited;

static void on_child(int sig)
{
	int saved = errno;

	(void)sig;
	if (!command_exited && !nsignals) {
		stop_ns = monotonic_ns();
		arm_drain_timer();
	}
	command_exited = 1;
	errno = saved;
}

static void on_alarm(int sig)
{
	(void)sig; /* only there to interrupt a blocked write(2) */
}

/* A write that made no progress for DRAIN_MAX_NS after a stop request, or a second request,
 * gives up: the hooks must not stay attached behind a reader that never reads. */
static int give_up_writing(uint64_t last_progress)
{
	uint64_t since;

	if (!nsignals && !command_exited)
		return 0;
	if (nsignals >= 2)
		return 1;
	since = last_progress > stop_ns ? last_progress : stop_ns;
	return monotonic_ns() - since > DRAIN_MAX_NS;
}

static size_t count_lines(const char *buf, size_t n)
{
	size_t lines = 0;

	for (const char *p = buf; (p = memchr(p, '\n', n - (size_t)(p - buf))); p++)
		lines++;
	return lines;
}

static ssize_t sink_write(void *cookie, const char *buf, size_t size)
{
	struct out_sink *s = cookie;
	uint64_t progress = monotonic_ns();
	size_t done = 0;

	while (!s->err && !s->abandoned && done < size) {
		ssize_t n = write(s->fd, buf + done, size - done);

		if (n > 0) {
			done += (size_t)n;
			progress = monotonic_ns();
		} else if (n < 0 && errno == EINTR) {
			s->abandoned = give_up_writing(progress);
		} else {
			s->err = n < 0 ? errno : EIO;
		}
	}
	/* A line cut short counts as not written: its newline is in the rest. */
	s->unwritten += count_lines(buf + done, size - done);
	return (ssize_t)size; /* stdio never sees an error: the sink keeps the account */
}

static int sink_close(void *cookie)
{
	struct out_sink *s = cookie;

	if (s->own_fd && close(s->fd) != 0 && !s->err && errno != EINTR)
		s->err = errno;
	return 0;
}

static int libbpf_log(enum libbpf_print_level level, const char *fmt, va_list args)
{
	/* libbpf's own log (verifier output) only on request: errors get one line from us. */
	if (!getenv("SIGSCOPE_DEBUG") && level != LIBBPF_WARN)
		return 0;
	if (!getenv("SIGSCOPE_DEBUG"))
		return 0;
	return vfprintf(stderr, fmt, args);
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	char msg[1024], line[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Paths, command names and file contents are untrusted: one escaped line. */
	fprintf(stderr, "sigscope: %s\n", text_escape(msg, line, sizeof(line)));
	return EXIT_USAGE;
}

/* Refuse early, with one line, what would otherwise fail deep inside libbpf. */
static int check_machine(void)
{
	struct utsname u;
	int major = 0, minor = 0;
	cap_t caps;
	cap_flag_value_t bpf = CAP_CLEAR, perfmon = CAP_CLEAR, sysadmin = CAP_CLEAR;

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
		return fail("must run as root (needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)");
	if (uname(&u) == 0 && sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
	    (major < 5 || (major == 5 && minor < 17)))
		return fail(
		    "kernel %s is too old: sigscope needs 5.17 or later (bpf_loop, bpf_find_vma)",
		    u.release);
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0)
		return fail(
		    "kernel BTF is missing (/sys/kernel/btf/vmlinux): sigscope needs a kernel "
		    "built with CONFIG_DEBUG_INFO_BTF=y");
	return 0;
}

/* Classic tracepoints (--hooks light) are found through tracefs, which may not be mounted. */
static int ensure_tracefs(struct run *r, char *err, size_t errlen)
{
	if (access(TRACEFS "/events", F_OK) == 0 ||
	    access("/sys/kernel/debug/tracing/events", F_OK) == 0)
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

static uint64_t sum_counter(struct run *r, enum sigscope_counter which)
{
	int ncpu = libbpf_num_possible_cpus();
	uint32_t zero = 0;
	uint64_t total = 0;
	struct counters {
		uint64_t c[SIGSCOPE_CNT_MAX];
	} * vals;

	if (ncpu <= 0 || !r->skel) /* stopped before the maps existed */
		return 0;
	vals = calloc(ncpu, sizeof(*vals));
	if (!vals)
		return 0;
	if (bpf_map__lookup_elem(r->skel->maps.counters, &zero, sizeof(zero), vals,
				 sizeof(*vals) * ncpu, 0) == 0) {
		for (int i = 0; i < ncpu; i++)
			total += vals[i].c[which];
	}
	free(vals);
	return total;
}

static uint64_t total_drops(struct run *r)
{
	return sum_counter(r, SIGSCOPE_CNT_DROP_SIGRETURN) +
	       sum_counter(r, SIGSCOPE_CNT_DROP_DELIVER) +
	       sum_counter(r, SIGSCOPE_CNT_DROP_GENERATE);
}

/* One record from either ring: decoded once, then written. */
static int handle_record(void *ctx, void *data, size_t len)
{
	static struct sigscope_event
	    ev; /* large (paths): one, reused; records come one at a time */
	struct run *r = ctx;

	if (event_decode(data, len, r->out.procs, &ev) != 0 || r->write_event(&r->out, &ev) != 0) {
		r->malformed++;
		return 0;
	}
	r->seen[ev.type]++;
	return 0;
}

/* Every event the kernel could not hand over is reported, as it happens and at the end. */
static void report_drops(struct run *r)
{
	uint64_t drops = total_drops(r);

	if (drops > r->reported_drops) {
		fprintf(stderr, "sigscope: %llu events lost (ring buffer full), %llu in total\n",
			(unsigned long long)(drops - r->reported_drops), (unsigned long long)drops);
		r->reported_drops = drops;
	}
}

static void print_summary(struct run *r)
{
	fprintf(
	    stderr,
	    "sigscope: %llu events: rt_sigreturn %llu, signal_deliver %llu, signal_generate %llu; "
	    "lost %llu (rt_sigreturn %llu, signal_deliver %llu, signal_generate %llu)",
	    (unsigned long long)(r->seen[SIGSCOPE_EV_RT_SIGRETURN] +
				 r->seen[SIGSCOPE_EV_SIGNAL_DELIVER] +
				 r->seen[SIGSCOPE_EV_SIGNAL_GENERATE]),
	    (unsigned long long)r->seen[SIGSCOPE_EV_RT_SIGRETURN],
	    (unsigned long long)r->seen[SIGSCOPE_EV_SIGNAL_DELIVER],
	    (unsigned long long)r->seen[SIGSCOPE_EV_SIGNAL_GENERATE],
	    (unsigned long long)total_drops(r),
	    (unsigned long long)sum_counter(r, SIGSCOPE_CNT_DROP_SIGRETURN),
	    (unsigned long long)sum_counter(r, SIGSCOPE_CNT_DROP_DELIVER),
	    (unsigned long long)sum_counter(r, SIGSCOPE_CNT_DROP_GENERATE));
	for (int i = 0; i < SIGSCOPE_CNT_MAX; i++) {
		uint64_t v;

		if (!counter_names[i])
			continue;
		v = sum_counter(r, i);
		if (v)
			fprintf(stderr, "; %s %llu", counter_names[i], (unsigned long long)v);
	}
	if (r->malformed)
		fprintf(stderr, "; malformed records %llu", (unsigned long long)r->malformed);
	if (r->sink.unwritten || r->sink.err || r->sink.abandoned)
		fprintf(stderr, "; not written %llu (%s)", (unsigned long long)r->sink.unwritten,
			r->sink.abandoned      ? "output stuck, given up"
			: r->sink.err == EPIPE ? "output closed"
					       : strerror(r->sink.err));
	if (r->out.procs) {
		uint64_t lookups, reads, over;

		proc_maps_stats(r->out.procs, &lookups, &reads, &over);
		if (over)
			fprintf(stderr, "; mapping names skipped (read budget) %llu",
				(unsigned long long)over);
	}
	fputc('\n', stderr);
}

/*
 * -- COMMAND: fork now, but hold the child before exec until every hook is attached, so its first
 * instruction is traced. The child reports an exec failure through a close-on-exec pipe.
 */
static int start_child_held(char **argv, int *go_fd, int *err_fd)
{
	int go[2], errp[2];
	pid_t pid;

	if (pipe2(go, O_CLOEXEC) || pipe2(errp, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		char c;
		int e;

		child_pid = 0;
		close(go[1]);
		close(errp[0]);
		/* No parent-death signal: like strace, a tracer killed by SIGKILL leaves the
		 * command running. Before exec, the go pipe's EOF is enough: a dead tracer never
		 * says go. */
		if (read(go[0], &c, 1) != 1)
			_exit(127);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		sigprocmask(SIG_SETMASK, &child_mask, NULL); /* the mask sigscope started with */
		execvp(argv[0], argv);
		e = errno;
		if (write(errp[1], &e, sizeof(e)) != sizeof(e))
			_exit(127);
		_exit(127);
	}
	close(go[0]);
	close(errp[1]);
	*go_fd = go[1];
	*err_fd = errp[0];
	return pid;
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

/*
 * Run the iter/task program once, after every hook is attached: it records what each existing
 * thread looks like (sp, stack, sigaltstack) and marks the ones the filters select, while their
 * comm is still the one they had. Threads born later are seen by the fork hook.
 */
static int capture_threads(struct run *r, char *err, size_t errlen)
{
	struct bpf_link *link = bpf_program__attach_iter(r->skel->progs.capture_threads, NULL);
	char buf[64];
	int fd, n;

	if (!link) {
		snprintf(err, errlen, "cannot attach the thread iterator: %s", strerror(errno));
		return -1;
	}
	fd = bpf_iter_create(bpf_link__fd(link));
	if (fd < 0) {
		snprintf(err, errlen, "cannot start the thread iterator: %s", strerror(errno));
		bpf_link__destroy(link);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		;
	if (n < 0)
		snprintf(err, errlen, "thread iterator: %s", strerror(errno));
	close(fd);
	bpf_link__destroy(link);
	return n < 0 ? -1 : 0;
}

/* Attach every program the configuration loaded; on failure say which one and why in err. */
static int attach_all(struct run *r, char *err, size_t errlen)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, r->skel->obj)
	{
		struct bpf_link *link;

		if (!bpf_program__autoload(prog) || prog == r->skel->progs.capture_threads)
			continue;
		link = bpf_program__attach(prog);
		if (!link) {
			int e = errno;

			snprintf(err, errlen, "cannot attach %s (program %s): %s%s",
				 bpf_program__section_name(prog), bpf_program__name(prog),
				 strerror(e),
				 e == EPERM ? " (kernel lockdown or missing capability)" : "");
			return -1;
		}
		if (r->nlinks == MAX_LINKS) {
			bpf_link__destroy(link);
			snprintf(err, errlen, "internal error: more than %d programs", MAX_LINKS);
			return -1;
		}
		r->links[r->nlinks++] = link;
	}
	return 0;
}

/* The policy's scope fills what the command line left open; --enforce beats its threshold. */
static int apply_policy(struct run *r)
{
	struct sigscope_options *o = &r->opts;
	struct sigscope_policy *p;
	char err[512];

	if (!o->policy_path)
		return 0;
	p = r->policy = calloc(1, sizeof(*p));
	if (!p)
		return fail("out of memory");
	if (policy_load(o->policy_path, p, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return EXIT_USAGE;
	}
	if (!o->enforce_set && p->enforce != POLICY_ENFORCE_UNSET)
		o->enforce = p->enforce == POLICY_ENFORCE_OFF ? -1 : p->enforce;
	if (p->events && o->events == EVENTS_ALL)
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

/* Findings allowed everywhere go to rodata (before load); per executable, to a map (after). */
static uint32_t policy_allowed_everywhere(const struct sigscope_policy *p)
{
	uint32_t mask = 0;

	for (int i = 0; p && i < p->nallow; i++) {
		if (!p->allow[i].executable[0])
			mask |= p->allow[i].findings;
	}
	return mask;
}

static int load_allowed_executables(struct run *r, char *err, size_t errlen)
{
	const struct sigscope_policy *p = r->policy;

	for (int i = 0; p && i < p->nallow; i++) {
		struct sigscope_exe_key key = {0};
		uint32_t findings = p->allow[i].findings, old;
		struct stat st;

		if (!p->allow[i].executable[0])
			continue;
		if (stat(p->allow[i].executable, &st) != 0) {
			/* A fleet-wide policy names programs some hosts lack: say so, go on. */
			if (!r->opts.quiet)
				fprintf(stderr, "sigscope: policy: '%s': %s (entry ignored)\n",
					p->allow[i].executable, strerror(errno));
			continue;
		}
		key.ino = st.st_ino;
		key.dev = (major(st.st_dev) << 20) | minor(st.st_dev);
		if (bpf_map__lookup_elem(r->skel->maps.allowed_exes, &key, sizeof(key), &old,
					 sizeof(old), 0) == 0)
			findings |= old;
		if (bpf_map__update_elem(r->skel->maps.allowed_exes, &key, sizeof(key), &findings,
					 sizeof(findings), BPF_ANY) != 0) {
			snprintf(err, errlen, "policy: cannot allow '%s': %s",
				 p->allow[i].executable, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static void configure(struct run *r, int trampoline)
{
	struct sigscope_bpf *s = r->skel;
	const struct sigscope_options *o = &r->opts;
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
	s->rodata->undecided_severity = r->policy ? r->policy->contended : SIGSCOPE_SEV_HIGH;
	bpf_map__set_max_entries(s->maps.events, o->buffer_kb * 1024);

	/* Load only the hooks of the chosen mode; an unused hook costs every syscall nothing. */
	bpf_program__set_autoload(s->progs.sys_enter_sigreturn,
				  !trampoline && o->hooks != HOOKS_LIGHT);
	bpf_program__set_autoload(s->progs.sys_exit_sigreturn,
				  !trampoline && o->hooks == HOOKS_FULL);
	bpf_program__set_autoload(s->progs.sys_enter_rt_sigreturn_tp,
				  !trampoline && o->hooks == HOOKS_LIGHT);
	bpf_program__set_autoload(s->progs.fentry_rt_sigreturn, trampoline);
	bpf_program__set_autoload(s->progs.fexit_rt_sigreturn, trampoline);
	bpf_program__set_autoload(s->progs.fentry_rt_sigreturn_ia32, trampoline);
	bpf_program__set_autoload(s->progs.fexit_rt_sigreturn_ia32, trampoline);
	bpf_program__set_autoload(s->progs.fentry_sigreturn_ia32, trampoline);
	bpf_program__set_autoload(s->progs.fexit_sigreturn_ia32, trampoline);
	bpf_program__set_autoload(s->progs.fentry_rt_sigreturn_x32, trampoline && kernel_has_x32());
	bpf_program__set_autoload(s->progs.fexit_rt_sigreturn_x32, trampoline && kernel_has_x32());
	bpf_program__set_autoload(s->progs.signal_generate,
				  o->events & EVENT_BIT(SIGSCOPE_EV_SIGNAL_GENERATE));
}

/* The path a process exec'd while traced, from the kernel side, for when /proc is gone. */
static const char *exec_path_of(void *arg, uint32_t pid, char *buf, size_t len)
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

static int64_t mono_to_epoch(void)
{
	struct timespec rt, mono;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	return ((int64_t)rt.tv_sec - mono.tv_sec) * 1000000000ll + (rt.tv_nsec - mono.tv_nsec);
}

/* A file another user owns in a sticky directory (/tmp) may be a trap laid for root. */
static int foreign_in_sticky_dir(const char *path, const struct stat *st)
{
	char *copy = strdup(path);
	struct stat dir;
	int ret = 0;

	if (st->st_uid == geteuid())
		ret = 0;
	else if (!copy || stat(dirname(copy), &dir) != 0)
		ret = 1; /* cannot tell: refuse */
	else
		ret = (dir.st_mode & S_ISVTX) != 0;
	free(copy);
	return ret;
}

/*
 * -w FILE: never through a symbolic link, never a controlling terminal, created 0600, and not
 * a file another user owns in a sticky directory. A FIFO is allowed (a reader may be a log
 * shipper): opened non-blocking, waiting at most FIFO_WAIT_NS for a reader, then blocking.
 */
static int open_output(const char *path)
{
	const int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | O_NONBLOCK;
	uint64_t start = monotonic_ns();
	struct stat st;
	int fd;

	/* Said plainly here; O_NOFOLLOW closes the race (the kernel answers ELOOP or EACCES). */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return -fail("cannot write '%s': it is a symbolic link (refused)", path);
	while ((fd = open(path, flags, 0600)) < 0 && errno == ENXIO && !stop_requested() &&
	       monotonic_ns() - start < FIFO_WAIT_NS)
		usleep(50000);
	if (fd < 0) {
		if (errno == ELOOP)
			return -fail("cannot write '%s': it is a symbolic link (refused)", path);
		if (errno == ENXIO)
			return -fail("cannot write '%s': no reader opened the FIFO within %llu s",
				     path, FIFO_WAIT_NS / 1000000000ull);
		return -fail("cannot write '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) != 0) {
		close(fd);
		return -fail("cannot write '%s': %s", path, strerror(errno));
	}
	if (S_ISREG(st.st_mode) && foreign_in_sticky_dir(path, &st)) {
		close(fd);
		return -fail("cannot write '%s': owned by uid %u in a sticky directory (refused)",
			     path, (unsigned int)st.st_uid);
	}
	/* Truncate only now that the file is known to be ours to write. */
	if ((S_ISREG(st.st_mode) && ftruncate(fd, 0) != 0) ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		close(fd);
		return -fail("cannot write '%s': %s", path, strerror(errno));
	}
	return fd;
}

static int setup_output(struct run *r, FILE **outf, char *host, size_t hostlen)
{
	cookie_io_functions_t io = {.write = sink_write, .close = sink_close};
	int tty;

	r->sink.fd = STDOUT_FILENO;
	if (r->opts.write_path) {
		r->sink.fd = open_output(r->opts.write_path);
		if (r->sink.fd < 0)
			return EXIT_USAGE;
		r->sink.own_fd = 1;
	}
	*outf = fopencookie(&r->sink, "w", io);
	if (!*outf) {
		if (r->sink.own_fd)
			close(r->sink.fd);
		return fail("cannot set up the output: %s", strerror(errno));
	}
	tty = isatty(r->sink.fd);
	/* A terminal gets lines as they come; a file or pipe a write per MiB, flushed when idle
	 * and each second. glibc honours the size only when given the buffer. */
	if (setvbuf(*outf, tty ? NULL : out_buf, tty ? _IOLBF : _IOFBF, tty ? 0 : sizeof(out_buf)))
		return fail("cannot buffer the output: %s", strerror(errno));
	if (r->opts.output == OUTPUT_TABLE || (r->opts.output == OUTPUT_AUTO && tty))
		r->write_event = output_table_write;
	else if (r->opts.output == OUTPUT_TRACEE_V2)
		r->write_event = output_tracee_v2_write;
	else
		r->write_event = output_json_write;
	if (gethostname(host, hostlen) != 0)
		host[0] = '\0';
	host[hostlen - 1] = '\0';
	r->out.out = *outf;
	r->out.events = r->opts.events;
	r->out.enforce_threshold = r->opts.enforce;
	r->out.hostname = host;
	r->out.mono_to_epoch_ns = mono_to_epoch();
	r->out.procs = proc_cache_new();
	if (!r->out.procs)
		return fail("out of memory");
	return 0;
}

/* Undo a partial start: links first, then the object. */
static void detach_all(struct run *r)
{
	for (int i = 0; i < r->nlinks; i++)
		bpf_link__destroy(r->links[i]);
	r->nlinks = 0;
	/* What we mounted goes, on every path: the links that needed it are gone. */
	if (r->tracefs_mounted && umount2(TRACEFS, MNT_DETACH) == 0)
		r->tracefs_mounted = 0;
}

static void stop_bpf(struct run *r)
{
	detach_all(r);
	sigscope_bpf__destroy(r->skel);
	r->skel = NULL;
}

/* Open, configure, load, fill the maps and attach one backend. On failure: err, nothing left. */
static int start_bpf(struct run *r, int trampoline, char *err, size_t errlen)
{
	r->skel = sigscope_bpf__open();
	if (!r->skel) {
		snprintf(err, errlen, "cannot open the BPF object: %s", strerror(errno));
		return -1;
	}
	configure(r, trampoline);
	if (sigscope_bpf__load(r->skel)) {
		int e = errno;

		snprintf(err, errlen, "%s: %s%s",
			 trampoline ? "the kernel refused the fentry/fexit programs"
				    : "cannot load the BPF programs",
			 strerror(e),
			 getenv("SIGSCOPE_DEBUG") ? "" : " (SIGSCOPE_DEBUG=1 shows libbpf's log)");
		goto fail;
	}
	if (load_allowed_executables(r, err, errlen) != 0)
		goto fail;
	if (!trampoline && r->opts.hooks == HOOKS_LIGHT && ensure_tracefs(r, err, errlen) != 0)
		goto fail;
	if (attach_all(r, err, errlen) != 0 || capture_threads(r, err, errlen) != 0)
		goto fail;
	return 0;
fail:
	stop_bpf(r);
	return -1;
}

/*
 * --backend: trampolines (fentry/fexit on the sigreturn syscalls) cost unrelated syscalls
 * nothing, but locked-down kernels refuse them; auto tries them first and falls back to the raw
 * syscall tracepoints, saying why. An explicit --hooks asks for the tracepoint backend.
 */
static int start_bpf_backend(struct run *r)
{
	char err[512], why[512];
	enum backend b = r->opts.backend;

	if (b == BACKEND_AUTO && r->opts.hooks_set)
		b = BACKEND_TRACEPOINT;
	if (b != BACKEND_TRACEPOINT) {
		if (start_bpf(r, 1, why, sizeof(why)) == 0) {
			r->backend_name = "trampoline";
			return 0;
		}
		if (b == BACKEND_TRAMPOLINE)
			return fail("backend trampoline is not available on this kernel: %s", why);
	}
	if (start_bpf(r, 0, err, sizeof(err)) != 0)
		return fail("%s", err);
	r->backend_name = "tracepoint";
	if (b == BACKEND_AUTO) /* said with the start-up line, once the command runs */
		snprintf(r->backend_why, sizeof(r->backend_why), "; trampolines refused: %s", why);
	return 0;
}

static void reap_child(struct run *r)
{
	int status;

	if (r->child <= 0 || r->child_done)
		return;
	if (waitpid(r->child, &status, WNOHANG) == r->child) {
		r->child_status = status;
		r->child_done = 1;
		child_pid = 0;
	}
}

/* The output failed while the command runs: ask it to stop, then make sure it does. */
static void stop_child(struct run *r)
{
	uint64_t start = monotonic_ns();

	if (r->child <= 0 || r->child_done)
		return;
	kill(r->child, SIGTERM);
	while (!r->child_done && monotonic_ns() - start < 2000000000ull) {
		reap_child(r);
		usleep(20000);
	}
	if (!r->child_done) {
		kill(r->child, SIGKILL);
		while (waitpid(r->child, &r->child_status, 0) < 0 && errno == EINTR)
			;
		r->child_done = 1;
		child_pid = 0;
	}
}

/* -p: the process must exist now; its pidfd becomes readable when it exits. */
static int watch_pid(struct run *r)
{
	r->pidfd = -1;
	if (!r->opts.pid)
		return 0;
	r->pidfd = (int)syscall(SYS_pidfd_open, r->opts.pid, 0);
	if (r->pidfd < 0 && errno == ESRCH)
		return fail("no process %d", r->opts.pid);
	if (r->pidfd < 0 && kill(r->opts.pid, 0) != 0 && errno == ESRCH)
		return fail("no process %d", r->opts.pid);
	return 0; /* without pidfd_open (ENOSYS), the run simply never ends by itself */
}

static int pid_exited(struct run *r)
{
	struct pollfd p = {.fd = r->pidfd, .events = POLLIN};

	return r->pidfd >= 0 && poll(&p, 1, 0) == 1;
}

/* SIGINT and SIGTERM stay blocked during start-up (pending ones are seen by stop_requested()):
 * catching them from the start would tell run_cli.py's readiness check (both caught means
 * attached) a lie. The SIGALRM handler and SIGPIPE's disposition are set now. */
static void block_stop_signals(void)
{
	struct sigaction sa = {0};
	sigset_t stop;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, &child_mask);
	sa.sa_handler = on_alarm; /* no SA_RESTART: a blocked write(2) returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	/* A closed stdout is an EPIPE to handle (the summary still goes to stderr), not death. */
	signal(SIGPIPE, SIG_IGN);
}

/* A stop request: caught (after start-up), or pending (during it). Sets exit_signal. */
static int stop_requested(void)
{
	sigset_t pending;

	if (nsignals)
		return 1;
	if (sigpending(&pending) != 0)
		return 0;
	if (sigismember(&pending, SIGINT))
		exit_signal = SIGINT;
	else if (sigismember(&pending, SIGTERM))
		exit_signal = SIGTERM;
	return exit_signal != 0;
}

/* Everything is attached: stop requests are caught from now on (one pending arrives at once). */
static void catch_stop_signals(void)
{
	struct sigaction sa = {0};
	sigset_t stop;

	sa.sa_handler = on_signal; /* no SA_RESTART, as for SIGALRM */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &stop, NULL);
}

/* Start-up stopped by SIGINT/SIGTERM: nothing was traced, the summary says so all the same. */
static int stopped_during_startup(struct run *r)
{
	print_summary(r);
	return r->opts.command ? 128 + exit_signal : 0;
}

int main(int argc, char **argv)
{
	struct run r = {0};
	char err[256], host[256];
	FILE *outf = NULL;
	int go_fd = -1, err_fd = -1, ret = EXIT_USAGE, loop_err = 0;
	struct timespec last_report = {0};
	time_t last_flush = 0;

	r.pidfd = -1;
	if (options_parse(argc, argv, &r.opts, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return EXIT_USAGE;
	}
	if (r.opts.show_help) {
		fputs(options_usage, stdout);
		return 0;
	}
	if (r.opts.show_version) {
		printf("sigscope %s\n", SIGSCOPE_VERSION);
		return 0;
	}
	/* A closed 0, 1 or 2 would be reused by the next open (a BPF map, the -w file) and written
	 * to as stdout or stderr: hold it with /dev/null, unless stdout is where events go. */
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (fd == STDOUT_FILENO && !r.opts.write_path)
			return fail(
			    "stdout is closed: nothing to write the events to (use -w FILE)");
		if (open("/dev/null", O_RDWR) != fd)
			return fail("cannot hold descriptor %d: %s", fd, strerror(errno));
	}
	/* From here on a stop request is honoured, with a summary, at every step of start-up. */
	block_stop_signals();
	if (apply_policy(&r) != 0) {
		free(r.policy);
		return EXIT_USAGE;
	}
	if (check_machine() != 0 || watch_pid(&r) != 0) {
		free(r.policy);
		return EXIT_USAGE;
	}
	libbpf_set_print(libbpf_log);
	if (setup_output(&r, &outf, host, sizeof(host)) != 0) {
		if (stop_requested())
			ret = stopped_during_startup(&r);
		goto cleanup;
	}

	if (r.opts.command) {
		r.child = start_child_held(r.opts.command, &go_fd, &err_fd);
		if (r.child < 0) {
			fail("cannot start '%s': %s", r.opts.command[0], strerror(errno));
			goto cleanup;
		}
	}
	if (stop_requested() || start_bpf_backend(&r) != 0) {
		if (stop_requested())
			ret = stopped_during_startup(&r);
		goto cleanup;
	}
	/* From now on every delivery is seen: only older threads can return from unseen ones. */
	r.skel->data->attached_ns = monotonic_ns();
	proc_cache_set_exe_fallback(r.out.procs, exec_path_of, &r);
	r.rb = ring_buffer__new(bpf_map__fd(r.skel->maps.events), handle_record, &r, NULL);
	/* Findings of medium and above and kills have a ring of their own (sigscope.bpf.c). */
	if (!r.rb ||
	    ring_buffer__add(r.rb, bpf_map__fd(r.skel->maps.alerts), handle_record, &r) != 0) {
		fail("cannot open the ring buffer: %s", strerror(errno));
		goto cleanup;
	}
	if (stop_requested()) {
		ret = stopped_during_startup(&r);
		goto cleanup;
	}
	catch_stop_signals();
	if (nsignals) { /* it arrived between the check and the unblocking */
		ret = stopped_during_startup(&r);
		goto cleanup;
	}
	if (r.write_event == output_table_write)
		output_table_header(&r.out);
	if (r.child > 0) {
		int e = 0;

		/* The error pipe closes on a successful exec, or carries execvp's errno. */
		ssize_t k = -1;

		child_pid = r.child;
		if (write(go_fd, "g", 1) == 1)
			while ((k = read(err_fd, &e, sizeof(e))) < 0 && errno == EINTR)
				; /* SIGCHLD of a failed exec */
		if (k != 0) {
			child_pid = 0;
			fail("cannot run '%s': %s", r.opts.command[0], strerror(e ? e : EPIPE));
			waitpid(r.child, NULL, 0);
			r.child = 0;
			goto cleanup;
		}
	}
	if (!r.opts.quiet)
		fprintf(stderr, "sigscope: tracing (backend %s, hooks %s%s)%s\n", r.backend_name,
			strcmp(r.backend_name, "trampoline") == 0 ? "fentry/fexit"
			: r.opts.hooks == HOOKS_FULL		  ? "full"
			: r.opts.hooks == HOOKS_ENTER		  ? "enter"
								  : "light",
			r.backend_why, r.opts.command ? "" : "; Ctrl-C to stop");

	/* Whole machine: the first stop request ends the loop. With a command, the request went to
	 * the command (on_signal), and the loop goes on draining until it exits. */
	while (!(nsignals && r.child <= 0) && !r.sink.err && !r.sink.abandoned) {
		struct timespec now;
		/* The kernel side wakes us only when the ring fills up (BPF_RB_NO_WAKEUP
		 * otherwise): every poll, woken or timed out, drains what is there. */
		int n = ring_buffer__poll(r.rb, 100);

		if (n >= 0)
			n = ring_buffer__consume(r.rb);
		if (n < 0 && n != -EINTR) {
			loop_err = fail("polling the ring buffer failed: %s", strerror(-n));
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		/* Output waits in the buffer at most a second, and not at all once events stop. */
		if (n == 0 || now.tv_sec != last_flush) {
			fflush(outf);
			last_flush = now.tv_sec;
		}
		if (now.tv_sec != last_report.tv_sec && !r.opts.quiet) {
			report_drops(&r);
			last_report = now;
		}
		reap_child(&r);
		if (r.child_done)
			break;
		if (pid_exited(&r)) {
			r.target_exited = 1;
			break;
		}
	}
	/* The final drain: detached first, so what is left is bounded; stuck output is given up
	 * on after DRAIN_MAX_NS without progress, or at a second stop request. */
	if (!nsignals && !command_exited)
		stop_ns = monotonic_ns();
	command_exited = 1; /* the drain is bounded whatever ended the loop */
	arm_drain_timer();
	if (r.sink.err || r.sink.abandoned)
		stop_child(&r);
	detach_all(&r);
	ring_buffer__consume(r.rb);
	fflush(outf);
	if (r.sink.err && r.sink.err != EPIPE)
		loop_err = fail("writing %s%s%s failed: %s", r.opts.write_path ? "'" : "",
				r.opts.write_path ? r.opts.write_path : "stdout",
				r.opts.write_path ? "'" : "", strerror(r.sink.err));
	if (r.target_exited && !r.opts.quiet)
		fprintf(stderr, "sigscope: process %d exited\n", r.opts.pid);
	if (!r.opts.quiet)
		report_drops(&r);
	print_summary(&r); /* always: it carries the loss counts */
	if (loop_err)
		ret = loop_err;
	else if (r.child_done)
		ret = WIFEXITED(r.child_status) ? WEXITSTATUS(r.child_status)
						: 128 + WTERMSIG(r.child_status);
	else
		ret = 0;

cleanup:
	if (r.child > 0 && !r.child_done) {
		child_pid = 0;
		kill(r.child, SIGKILL);
		waitpid(r.child, NULL, 0);
	}
	if (go_fd >= 0)
		close(go_fd);
	if (err_fd >= 0)
		close(err_fd);
	ring_buffer__free(r.rb);
	stop_bpf(&r);
	if (r.out.procs)
		proc_cache_free(r.out.procs);
	free(r.policy);
	if (r.pidfd >= 0)
		close(r.pidfd);
	if (outf && fclose(outf) == 0 && r.sink.err && r.sink.err != EPIPE && ret == 0)
		ret = fail("writing '%s' failed: %s",
			   r.opts.write_path ? r.opts.write_path : "stdout", strerror(r.sink.err));
	return ret;
}
