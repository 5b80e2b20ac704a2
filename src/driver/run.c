// SPDX-License-Identifier: GPL-2.0
/*
 * The run: stop requests and the signals behind them, the output sink (every unwritten line
 * counted), the ring-buffer poll loop, and the bounded drain at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>
#include <bpf/bpf.h>

#include "driver.h"
#include "../decode/event.h"
#include "../output/fleet.h"
#include "../output/text.h"
#include "../proc/proc_ctx.h"
#include "../proc/symbols.h"
#include "../rules/reload.h"
#include "sigscope.skel.h"

#define DRAIN_MAX_NS 3000000000ull /* a stopping run waits this long on stuck output */
#define FIFO_WAIT_NS 5000000000ull /* -w FIFO: how long to wait for a reader */

static char out_buf[1 << 20]; /* the output FILE's buffer: one write(2) per MiB */
/* Stop requests (SIGINT, SIGTERM): the first stops (or is forwarded to the command), a second
 * kills the command and gives up on stuck output. */
volatile sig_atomic_t nsignals;
volatile sig_atomic_t exit_signal;
volatile sig_atomic_t child_pid;
sigset_t child_mask;
static uint64_t stop_ns; /* CLOCK_MONOTONIC of the first stop request */
/* The command exited: the run is ending, so output that does not move is given up on after
 * DRAIN_MAX_NS, as after a stop request (the main loop reaps it). */
volatile sig_atomic_t command_exited;

uint64_t monotonic_ns(void)
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

int report_error(const char *fmt, ...)
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
	const int flags =
	    O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | O_NONBLOCK;
	uint64_t start = monotonic_ns();
	struct stat st;
	int fd;

	/* Said plainly here; O_NOFOLLOW closes the race (the kernel answers ELOOP or EACCES). */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return -report_error("cannot write '%s': it is a symbolic link (refused)", path);
	while ((fd = open(path, flags, 0600)) < 0 && errno == ENXIO && !stop_requested() &&
	       monotonic_ns() - start < FIFO_WAIT_NS)
		usleep(50000);
	if (fd < 0) {
		if (errno == ELOOP)
			return -report_error("cannot write '%s': it is a symbolic link (refused)",
					     path);
		if (errno == ENXIO)
			return -report_error(
			    "cannot write '%s': no reader opened the FIFO within %llu s", path,
			    FIFO_WAIT_NS / 1000000000ull);
		return -report_error("cannot write '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) != 0) {
		close(fd);
		return -report_error("cannot write '%s': %s", path, strerror(errno));
	}
	if (S_ISREG(st.st_mode) && foreign_in_sticky_dir(path, &st)) {
		close(fd);
		return -report_error(
		    "cannot write '%s': owned by uid %u in a sticky directory (refused)", path,
		    (unsigned int)st.st_uid);
	}
	/* Appended to (logrotate moves it away; SIGUSR1 or SIGHUP reopens it). */
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		close(fd);
		return -report_error("cannot write '%s': %s", path, strerror(errno));
	}
	return fd;
}

int setup_output(struct run *r)
{
	FILE **outf = &r->outf;
	char *host = r->host;
	size_t hostlen = sizeof(r->host);

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
		return report_error("cannot set up the output: %s", strerror(errno));
	}
	tty = isatty(r->sink.fd);
	/* A terminal gets lines as they come; a file or pipe a write per MiB, flushed when idle
	 * and each second. glibc honours the size only when given the buffer. */
	if (setvbuf(*outf, tty ? NULL : out_buf, tty ? _IOLBF : _IOFBF, tty ? 0 : sizeof(out_buf)))
		return report_error("cannot buffer the output: %s", strerror(errno));
	if (r->opts.output == OUTPUT_TABLE || (r->opts.output == OUTPUT_AUTO && tty))
		r->write_event = output_table_write;
	else if (r->opts.output == OUTPUT_TRACEE_V2)
		r->write_event = output_tracee_v2_write;
	else
		r->write_event = output_json_write;
	if (!options_stream_active(&r->opts)) /* only -o journal, syslog, kafka */
		r->write_event = output_none_write;
	if (gethostname(host, hostlen) != 0)
		host[0] = '\0';
	host[hostlen - 1] = '\0';
	r->out.out = *outf;
	r->out.events = r->opts.events;
	r->out.enforce_threshold = r->opts.enforce;
	r->out.hostname = host;
	r->out.mono_to_epoch_ns = mono_to_epoch();
	r->out.procs = proc_cache_new();
	r->out.syms = sym_cache_new(); /* findings' symbols (src/proc/symbols.h) */
	if (!r->out.procs || !r->out.syms)
		return report_error("out of memory");
	return 0;
}

/* One record from either ring: decoded once, then written. */
static int handle_record(void *ctx, void *data, size_t len)
{
	static struct sigscope_event
	    ev; /* large (paths): one, reused; records come one at a time */
	struct run *r = ctx;

	if (event_decode(data, len, r->out.procs, &ev) != 0) {
		r->malformed++;
		return 0;
	}
	/* Before the write, as early as possible: a handler is about to run: keep a table of the
	 * process's mappings, so that its sigreturn's findings can be symbolized even when the
	 * process exits or execs right after (at most one maps read per process per second, within
	 * a budget: proc_ctx.h). */
	if (ev.type == SIGSCOPE_EV_SIGNAL_DELIVER && (ev.dlv->dlv.flags & SIGSCOPE_DLV_HANDLER))
		proc_maps_prefetch(r->out.procs, ev.tc->host_pid, ev.tc->exe_ino);
	/* A writer that could not render (out of memory) is not a malformed record: counted apart,
	 * and the fleet still gets the event. */
	if (r->write_event(&r->out, &ev) != 0)
		r->unrendered++;
	r->seen[ev.type]++;
	fleet_event(r->fleet, &r->out, &ev);
	return 0;
}

/* --- the fleet outputs (output/fleet.h) --------------------------------------------------- */

/* The metrics from one read of the kernel's counters (a failed read leaves those at 0: the
 * summary says it failed). */
static void fleet_counters_fill(struct run *r, struct fleet_counters *c)
{
	uint64_t k[SIGSCOPE_CNT_MAX] = {0};

	memset(c, 0, sizeof(*c));
	memcpy(c->events, r->seen, sizeof(c->events));
	(void)counters_snapshot(r, k);
	c->ring_lost[SIGSCOPE_EV_RT_SIGRETURN] = k[SIGSCOPE_CNT_DROP_SIGRETURN];
	c->ring_lost[SIGSCOPE_EV_SIGNAL_DELIVER] = k[SIGSCOPE_CNT_DROP_DELIVER];
	c->ring_lost[SIGSCOPE_EV_SIGNAL_GENERATE] = k[SIGSCOPE_CNT_DROP_GENERATE];
	c->alert_ring_full = k[SIGSCOPE_CNT_DROP_ALERT];
	c->killed = k[SIGSCOPE_CNT_KILLED];
	c->malformed = r->malformed;
	c->unwritten = r->sink.unwritten;
	(void)skips_snapshot(r, c);
}

/* SIGUSR1, SIGHUP: -w again (logrotate moved it); the old file stays when that fails. */
static void reopen_output(struct run *r)
{
	int fd;

	if (!r->opts.write_path)
		return;
	fflush(r->outf);
	fd = open_output(r->opts.write_path);
	if (fd < 0)
		return;
	if (r->sink.own_fd)
		close(r->sink.fd);
	r->sink.fd = fd;
	r->sink.own_fd = 1;
}

int fleet_start(struct run *r)
{
	fleet_signals_install(); /* SIGHUP, SIGUSR1 */
	if (fleet_open(&r->fleet, &r->opts, r->host) != 0)
		return EXIT_USAGE;
	if (r->fleet) /* the stream's JSON writer describes its lines for the fleet */
		r->out.lines = &r->lines;
	return 0;
}

/* Each turn of the loop: signals for the outputs and the policy, then the outputs' own timers. */
static void fleet_hook(struct run *r)
{
	struct fleet_counters c;
	int sig = fleet_take_signals();

	if (sig & FLEET_REOPEN)
		reopen_output(r);
	if ((sig & FLEET_RELOAD) && r->policy && r->skel)
		policy_reload(bpf_map__fd(r->skel->maps.allowed_exes), r->opts.policy_path,
			      r->policy, r->opts.enforce_set, r->opts.quiet);
	if (!r->fleet)
		return;
	fleet_counters_fill(r, &c);
	fleet_tick(r->fleet, &c);
}

/* Bounded flush of the outputs, the last metrics. */
void fleet_finish(struct run *r)
{
	struct fleet_counters c;

	if (!r->fleet)
		return;
	fleet_counters_fill(r, &c);
	fleet_close(r->fleet, &c);
}

/* -p: the process must exist now; its pidfd becomes readable when it exits. */
int watch_pid(struct run *r)
{
	r->pidfd = -1;
	if (!r->opts.pid)
		return 0;
	r->pidfd = (int)syscall(SYS_pidfd_open, r->opts.pid, 0);
	if (r->pidfd < 0 && errno == ESRCH)
		return report_error("no process %d", r->opts.pid);
	if (r->pidfd < 0 && kill(r->opts.pid, 0) != 0 && errno == ESRCH)
		return report_error("no process %d", r->opts.pid);
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
void block_stop_signals(void)
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
int stop_requested(void)
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
void catch_stop_signals(void)
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
int stopped_during_startup(struct run *r)
{
	(void)print_summary(r); /* exits 0 or 128+N all the same: nothing was traced */
	print_missing(r);
	return r->opts.command ? 128 + exit_signal : 0;
}

/* A closed 0, 1 or 2 would be reused by the next open (a BPF map, the -w file) and written to as
 * stdout or stderr: hold it with /dev/null, unless stdout is where events go. */
int hold_std_fds(const struct run *r)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (fd == STDOUT_FILENO && !r->opts.write_path && options_stream_active(&r->opts))
			return report_error(
			    "stdout is closed: nothing to write the events to (use -w FILE)");
		if (open("/dev/null", O_RDWR) != fd)
			return report_error("cannot hold descriptor %d: %s", fd, strerror(errno));
	}
	return 0;
}

/* Both rings, one callback: findings of medium and above and kills have a ring of their own
 * (src/bpf/sigscope.bpf.h). */
int open_rings(struct run *r)
{
	/* From now on every delivery is seen: only older threads can return from unseen ones. */
	r->skel->data->attached_ns = monotonic_ns();
	proc_cache_set_exe_fallback(r->out.procs, exec_path_of, r);
	r->rb = ring_buffer__new(bpf_map__fd(r->skel->maps.events), handle_record, r, NULL);
	r->profiles.profiles_fd = bpf_map__fd(r->skel->maps.module_profiles);
	r->profiles.targets_fd = bpf_map__fd(r->skel->maps.inject_targets);
	if (!r->rb ||
	    ring_buffer__add(r->rb, bpf_map__fd(r->skel->maps.alerts), handle_record, r) != 0 ||
	    ring_buffer__add(r->rb, bpf_map__fd(r->skel->maps.module_requests), profiles_on_request,
			     &r->profiles) != 0)
		return report_error("cannot open the ring buffer: %s", strerror(errno));
	/* After the attach: every later exec asks for its executable, the earlier ones are here. */
	profiles_load_startup(&r->profiles);
	return 0;
}

/* The table's column header (the JSON formats have none). */
void write_header(const struct run *r)
{
	if (r->write_event == output_table_write)
		output_table_header(&r->out);
}

/* The start-up line, once the command runs: which backend, and why not the other; what runs
 * without a program the kernel refused. */
void announce(const struct run *r)
{
	if (r->opts.quiet)
		return;
	int tramp = strcmp(r->backend_name, "trampoline") == 0;
	char skips[512] = "";
	int unpriv = 0;
	FILE *f = fopen("/proc/sys/kernel/unprivileged_bpf_disabled", "re");

	if (f) {
		unpriv = fscanf(f, "%d", &unpriv) == 1 && unpriv == 0;
		fclose(f);
	}
	/* What the kernel can still skip, and who can make it (docs/kernels.md). */
	if (r->skips_possible && r->unguarded[0])
		snprintf(skips, sizeof(skips),
			 "; this kernel can skip sigscope's programs under load, and a%s "
			 "sigreturn whose programs it skips is not judged (no entry guard: %s)",
			 r->unguarded, r->guard_why);
	else if (r->guard_native || r->guard_ia32 || r->guard_x32)
		snprintf(skips, sizeof(skips),
			 "; %s judged by kprobes, which the kernel skips only while a task on "
			 "that CPU is inside a bpf() map syscall: %s",
			 r->exit_guards ? "entries and exits" : "entries",
			 unpriv ? "any user's, as kernel.unprivileged_bpf_disabled is 0"
				: "root's");
	fprintf(stderr, "sigscope: tracing (backend %s, hooks %s%s%s)%s%s%s\n", r->backend_name,
		tramp			       ? "fentry/fexit"
		: r->opts.hooks == HOOKS_FULL  ? "full"
		: r->opts.hooks == HOOKS_ENTER ? "enter"
					       : "light",
		skips, r->backend_why, r->missing[0] ? "; " : "", r->missing,
		r->opts.command ? "" : "; Ctrl-C to stop");
}

/*
 * Whole machine: the first stop request ends the loop. With a command, the request went to the
 * command (on_signal), and the loop goes on draining until it exits. Returns 0, or the exit
 * status of a failed poll.
 */
int run_loop(struct run *r)
{
	struct timespec last_report = {0};
	time_t last_flush = 0;

	while (!(nsignals && r->child <= 0) && !r->sink.err && !r->sink.abandoned) {
		struct timespec now;
		/* The kernel side wakes us only when the ring fills up (BPF_RB_NO_WAKEUP
		 * otherwise): every poll, woken or timed out, drains what is there. */
		int n = ring_buffer__poll(r->rb, 100);

		if (n >= 0)
			n = ring_buffer__consume(r->rb);
		if (n < 0 && n != -EINTR)
			return report_error("polling the ring buffer failed: %s", strerror(-n));
		clock_gettime(CLOCK_MONOTONIC, &now);
		/* Output waits in the buffer at most a second, and not at all once events stop. */
		if (n == 0 || now.tv_sec != last_flush) {
			fflush(r->outf);
			last_flush = now.tv_sec;
		}
		if (now.tv_sec != last_report.tv_sec && !r->opts.quiet) {
			report_drops(r);
			last_report = now;
		}
		fleet_hook(r);
		reap_child(r);
		if (r->child_done)
			break;
		if (pid_exited(r)) {
			r->target_exited = 1;
			break;
		}
	}
	return 0;
}

/*
 * The final drain: detached first, so what is left is bounded; stuck output is given up on after
 * DRAIN_MAX_NS without progress, or at a second stop request. Then the summary. Returns the exit
 * status.
 */
int drain_and_finish(struct run *r, int loop_err)
{
	if (!nsignals && !command_exited)
		stop_ns = monotonic_ns();
	command_exited = 1; /* the drain is bounded whatever ended the loop */
	arm_drain_timer();
	if (r->sink.err || r->sink.abandoned)
		stop_child(r);
	detach_all(r);
	ring_buffer__consume(r->rb);
	fflush(r->outf);
	if (r->sink.err && r->sink.err != EPIPE)
		loop_err = report_error("writing %s%s%s failed: %s", r->opts.write_path ? "'" : "",
					r->opts.write_path ? r->opts.write_path : "stdout",
					r->opts.write_path ? "'" : "", strerror(r->sink.err));
	if (r->target_exited && !r->opts.quiet)
		fprintf(stderr, "sigscope: process %d exited\n", r->opts.pid);
	if (!r->opts.quiet)
		report_drops(r);
	fleet_finish(r); /* bounded flush, last metrics: before the summary that counts them */
	/* Always: it carries the loss counts. Counters that cannot be read are an error. */
	if (print_summary(r) != 0 && !loop_err)
		loop_err = EXIT_USAGE;
	print_missing(r);
	if (loop_err)
		return loop_err;
	if (r->child_done)
		return WIFEXITED(r->child_status) ? WEXITSTATUS(r->child_status)
						  : 128 + WTERMSIG(r->child_status);
	return 0;
}

/* Everything a run holds, on every path: the command, the rings, the BPF object, the caches. */
void run_cleanup(struct run *r)
{
	kill_child(r);
	ring_buffer__free(r->rb);
	r->rb = NULL;
	stop_bpf(r);
	if (r->out.procs)
		proc_cache_free(r->out.procs);
	sym_cache_free(r->out.syms);
	r->out.syms = NULL;
	free(r->policy);
	fleet_free(r->fleet);
	if (r->pidfd >= 0)
		close(r->pidfd);
}

/* The output closes last: a write error seen only now still fails a run that went well. */
int run_close_output(struct run *r, int ret)
{
	if (r->outf && fclose(r->outf) == 0 && r->sink.err && r->sink.err != EPIPE && ret == 0)
		ret = report_error("writing '%s' failed: %s",
				   r->opts.write_path ? r->opts.write_path : "stdout",
				   strerror(r->sink.err));
	return ret;
}
