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
#include <sys/capability.h>
#include <sys/mount.h>
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
#include "output/output.h"
#include "proc/proc_ctx.h"
#include "rules/policy.h"
#include "sigscope.skel.h"

#define SIGSCOPE_VERSION "0.1.0"
#define EXIT_USAGE	 2
#define MAX_LINKS	 16

static volatile sig_atomic_t exiting;
static char out_buf[1 << 20]; /* the output FILE's buffer: one write(2) per MiB */
static volatile sig_atomic_t exit_signal;

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
	int (*write_event)(const struct output_ctx *ctx, const void *data, size_t len);
	uint64_t seen[SIGSCOPE_EV_TYPE_MAX]; /* records consumed, per type */
	uint64_t malformed;
	uint64_t reported_drops;
	const char *backend_name; /* "trampoline" or "tracepoint", once started */
	char backend_why[600];	  /* why auto did not choose trampoline, "" otherwise */
	struct bpf_link *links[MAX_LINKS];
	int nlinks;
	pid_t child;
	int child_status;
	int child_done;
};

static void on_signal(int sig)
{
	exiting = 1;
	exit_signal = sig;
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
	va_list ap;

	fputs("sigscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
/* Classic tracepoints (--hooks light) are found through tracefs, which may not be mounted. */
static int ensure_tracefs(char *err, size_t errlen)
{
	if (access("/sys/kernel/tracing/events", F_OK) == 0 ||
	    access("/sys/kernel/debug/tracing/events", F_OK) == 0)
		return 0;
	if (mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) != 0) {
		snprintf(
		    err, errlen,
		    "--hooks light needs tracefs, and mounting it on /sys/kernel/tracing failed: "
		    "%s",
		    strerror(errno));
		return -1;
	}
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

	if (ncpu <= 0)
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

static int handle_record(void *ctx, void *data, size_t len)
{
	struct run *r = ctx;
	uint32_t type;

	if (!output_record_ok(data, len)) {
		r->malformed++;
		return 0;
	}
	memcpy(&type, data, sizeof(type));
	if (r->write_event(&r->out, data, len) != 0) {
		r->malformed++;
		return 0;
	}
	if (type < SIGSCOPE_EV_TYPE_MAX)
		r->seen[type]++;
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

		close(go[1]);
		close(errp[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive a tracer that died before exec */
		if (read(go[0], &c, 1) != 1)
			_exit(127);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
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
	if (p->events && o->events == OPT_EVENTS_ALL)
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
				  o->events & OPT_EVENT_BIT(SIGSCOPE_EV_SIGNAL_GENERATE));
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

static uint64_t monotonic_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000ull + now.tv_nsec;
}

static int64_t mono_to_epoch(void)
{
	struct timespec rt, mono;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	return ((int64_t)rt.tv_sec - mono.tv_sec) * 1000000000ll + (rt.tv_nsec - mono.tv_nsec);
}

static int setup_output(struct run *r, FILE **outf, char *host, size_t hostlen)
{
	int tty;

	*outf = stdout;
	if (r->opts.write_path) {
		*outf = fopen(r->opts.write_path, "we");
		if (!*outf)
			return fail("cannot write '%s': %s", r->opts.write_path, strerror(errno));
	}
	tty = isatty(fileno(*outf));
	/* A terminal keeps its line buffering; a file or pipe is flushed when idle and each second.
	 * glibc honours the size only when given the buffer. */
	if (!tty && setvbuf(*outf, out_buf, _IOFBF, sizeof(out_buf)) != 0)
		return fail("cannot buffer the output: %s", strerror(errno));
	if (r->opts.output == OUTPUT_TABLE || (r->opts.output == OUTPUT_AUTO && tty))
		r->write_event = output_table_event;
	else if (r->opts.output == OUTPUT_TRACEE_V2)
		r->write_event = output_tracee_v2_event;
	else
		r->write_event = output_json_event;
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
static void stop_bpf(struct run *r)
{
	for (int i = 0; i < r->nlinks; i++)
		bpf_link__destroy(r->links[i]);
	r->nlinks = 0;
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
	if (!trampoline && r->opts.hooks == HOOKS_LIGHT && ensure_tracefs(err, errlen) != 0)
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
	}
}

int main(int argc, char **argv)
{
	struct run r = {0};
	char err[256], host[256];
	FILE *outf = NULL;
	int go_fd = -1, err_fd = -1, ret = EXIT_USAGE, loop_err = 0;
	struct timespec last_report = {0};
	time_t last_flush = 0;
	struct sigaction sa = {0};

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
	if (apply_policy(&r) != 0) {
		free(r.policy);
		return EXIT_USAGE;
	}
	if (check_machine() != 0) {
		free(r.policy);
		return EXIT_USAGE;
	}
	libbpf_set_print(libbpf_log);
	if (setup_output(&r, &outf, host, sizeof(host)) != 0)
		goto cleanup;

	if (r.opts.command) {
		r.child = start_child_held(r.opts.command, &go_fd, &err_fd);
		if (r.child < 0) {
			fail("cannot start '%s': %s", r.opts.command[0], strerror(errno));
			goto cleanup;
		}
	}
	if (start_bpf_backend(&r) != 0)
		goto cleanup;
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

	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (r.write_event == output_table_event)
		output_table_header(&r.out);
	if (r.child > 0) {
		int e = 0;

		/* The error pipe closes on a successful exec, or carries execvp's errno. */
		if (write(go_fd, "g", 1) != 1 || read(err_fd, &e, sizeof(e)) == sizeof(e)) {
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

	while (!exiting) {
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
	}
	/* Forward the stop request to the command and wait for it: it owns the exit status. */
	if (r.child > 0 && !r.child_done) {
		kill(r.child, exit_signal ? exit_signal : SIGTERM);
		while (!r.child_done && waitpid(r.child, &r.child_status, 0) == r.child)
			r.child_done = 1;
	}
	/* Everything the kernel submitted before this point is written out. */
	ring_buffer__consume(r.rb);
	fflush(outf);
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
	if (outf && outf != stdout && fclose(outf) != 0 && ret == 0)
		ret = fail("writing '%s' failed: %s", r.opts.write_path, strerror(errno));
	return ret;
}
