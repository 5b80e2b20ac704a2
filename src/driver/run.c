// SPDX-License-Identifier: GPL-2.0
/*
 * The run: the handling of each record, the fleet's turn, the -p watch, the rings and their poll
 * loop, and the bounded drain at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <sched.h>
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
#include "../util/text.h"
#include "../proc/proc_ctx.h"
#include "../proc/symbols.h"
#include "../rules/reload.h"
#include "sigscope.skel.h"

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
	/* A writer that could not render (out of memory) is not a malformed record: counted apart,
	 * and the fleet still gets the event. */
	if (r->write_event(&r->out, &ev) != 0)
		r->unrendered++;
	r->seen[ev.type]++;
	fleet_event(r->fleet, &r->out, &ev);
	return 0;
}

/* A handler is about to run (signal.bpf.h request_maps): keep a table of the process's mappings,
 * so that its sigreturn's findings are symbolized even when the process is killed, exits or
 * execs right after (at most one read per process per second, within a budget: proc_ctx.h). */
static int handle_maps_hint(void *ctx, void *data, size_t len)
{
	struct run *r = ctx;
	const struct sigscope_maps_hint *h = data;

	if (len >= sizeof(*h))
		proc_maps_prefetch(r->out.procs, h->tgid, h->exe_ino);
	return 0;
}

/*
 * The ordinary ring's records, EVENTS_PER_TURN at a time: under a flood that ring never empties,
 * and libbpf would stay in it while alerts wait. Returning TURN_ENDED (the record is handled)
 * makes libbpf stop there, and the next consume starts again with the alert ring.
 */
#define EVENTS_PER_TURN 256
#define TURN_ENDED	(-ECANCELED)

static int handle_ordinary_record(void *ctx, void *data, size_t len)
{
	struct run *r = ctx;

	handle_record(ctx, data, len);
	if (++r->turn_records < EVENTS_PER_TURN)
		return 0;
	r->turn_records = 0;
	return TURN_ENDED;
}

/* What the rings hold now, alerts first: the number of records, TURN_ENDED when the ordinary
 * ring has more, or -errno. */
static int consume_turn(struct run *r)
{
	int n = ring_buffer__consume(r->rb);

	r->turn_records = 0;
	return n;
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

int fleet_start(struct run *r)
{
	fleet_signals_install(); /* SIGHUP, SIGUSR1 */
	const struct fleet_config cfg = {r->opts.outputs, r->opts.noutputs, r->opts.metrics_path,
					 r->opts.metrics_interval};

	if (fleet_open(&r->fleet, &cfg, r->host) != 0)
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

/* Does a process of the command's or the -p target's scope still live (red team round 10: a
 * server that forked a child and exited left it untraced)? The kernel side counts them. */
static int scope_lives_on(const struct run *r)
{
	const struct sigscope_options *o = &r->opts;

	/* With -u, -c, --cgroup or --container the scope holds other processes too: the run ends
	 * with the target, as it always did. */
	if (o->has_uid || o->comm[0] || o->cgroup_id || o->container)
		return 0;
	return r->skel && r->skel->bss &&
	       __atomic_load_n(&r->skel->bss->scope_processes, __ATOMIC_RELAXED) > 0;
}

static int pid_exited(struct run *r)
{
	struct pollfd p = {.fd = r->pidfd, .events = POLLIN};

	return r->pidfd >= 0 && poll(&p, 1, 0) == 1;
}

/* Start-up stopped by SIGINT/SIGTERM: nothing was traced, the summary says so all the same. */
int stopped_during_startup(struct run *r)
{
	(void)print_summary(r); /* exits 0 or 128+N all the same: nothing was traced */
	print_missing(r);
	return r->opts.command ? 128 + exit_signal : 0;
}

/* Findings of medium and above and kills have a ring of their own (src/bpf/sigscope.bpf.h), read
 * first, after the mapping requests that prepare their symbols: libbpf consumes the rings in the
 * order they were added. */
int open_rings(struct run *r)
{
	/* From now on every delivery is seen: only older threads can return from unseen ones. */
	r->skel->data->attached_ns = monotonic_ns();
	proc_cache_set_exe_fallback(r->out.procs, exec_path_of, r);
	r->rb = ring_buffer__new(bpf_map__fd(r->skel->maps.maps_hints), handle_maps_hint, r, NULL);
	r->profiles.profiles_fd = bpf_map__fd(r->skel->maps.module_profiles);
	r->profiles.targets_fd = bpf_map__fd(r->skel->maps.inject_targets);
	r->profiles.read_at_fd = bpf_map__fd(r->skel->maps.module_read_at);
	if (!r->rb ||
	    ring_buffer__add(r->rb, bpf_map__fd(r->skel->maps.alerts), handle_record, r) != 0 ||
	    ring_buffer__add(r->rb, bpf_map__fd(r->skel->maps.module_requests), profiles_on_request,
			     &r->profiles) != 0 ||
	    ring_buffer__add(r->rb, bpf_map__fd(r->skel->maps.events), handle_ordinary_record, r) !=
		0)
		return report_error("cannot open the ring buffer: %s", strerror(errno));
	/* After the attach: every later exec asks for its executable, the earlier ones are here. */
	profiles_load_startup(&r->profiles);
	return 0;
}

/*
 * The reader at SCHED_FIFO 1 (issue 19). Under CFS it is one task among however many are
 * runnable: 10,000 threads released at once, signalling, starved it until the 16 MiB ring held
 * 11,105 of their 30,000 sigreturns and the rest were lost; at SCHED_FIFO it lost none. It cannot
 * spin alone: it runs while records wait, and records come only from the tasks it preempts; RT
 * throttling (kernel.sched_rt_runtime_us) bounds it besides. SCHED_RESET_ON_FORK: threads it
 * starts later (librdkafka starts some as it connects) do not inherit it; the command was forked
 * before this.
 */
void reader_priority(struct run *r)
{
	struct sched_param sp = {.sched_priority = 1};

	if (r->opts.reader_normal)
		return;
	if (sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp) != 0)
		snprintf(
		    r->reader_why, sizeof(r->reader_why),
		    "; reader at normal priority (SCHED_FIFO refused: %s), a burst of runnable "
		    "threads can starve it",
		    strerror(errno));
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
	fprintf(stderr, "sigscope: tracing (backend %s, hooks %s%s%s)%s%s%s%s\n", r->backend_name,
		tramp			       ? "fentry/fexit"
		: r->opts.hooks == HOOKS_FULL  ? "full"
		: r->opts.hooks == HOOKS_ENTER ? "enter"
					       : "light",
		skips, r->backend_why, r->missing[0] ? "; " : "", r->missing, r->reader_why,
		r->opts.command ? "" : "; Ctrl-C to stop");
}

/* Records handled so far, every type. */
static uint64_t records_seen(const struct run *r)
{
	uint64_t n = 0;

	for (int t = 0; t < SIGSCOPE_EV_TYPE_MAX; t++)
		n += r->seen[t];
	return n;
}

/* Records written since the last flush under which the reader's catching up flushes: light
 * traffic is on its way within a poll (100 ms); a storm fills the 1 MiB buffer instead. */
#define FLUSH_LIGHT 512

/*
 * Whole machine: the first stop request ends the loop. With a command, the request went to the
 * command (on_signal), and the loop goes on draining until it exits. Returns 0, or the exit
 * status of a failed poll.
 */
int run_loop(struct run *r)
{
	struct timespec last_report = {0};
	time_t last_flush = 0;
	uint64_t flushed_at = 0; /* records_seen() at the last flush */
	int more = 0;		 /* the ordinary ring had more at the last turn: do not wait */

	/* A stop request ends the run, but while the command runs it goes to the command first. */
	while (!(nsignals && (r->child <= 0 || r->child_done)) && !r->sink.err &&
	       !r->sink.abandoned) {
		struct timespec now;
		/* The kernel side wakes us only when the ring fills up (BPF_RB_NO_WAKEUP
		 * otherwise): every poll, woken or timed out, drains what is there. */
		uint64_t polled_at = monotonic_ns();
		int n = more ? 0 : ring_buffer__poll(r->rb, 100);
		/* Events stopped: the poll waited out most of its 100 ms and found nothing (a
		 * wakeup for records the last turn had already read returns at once with nothing).
		 */
		bool idle = !more && n == 0 && monotonic_ns() - polled_at >= 50 * 1000000ull;

		if (n >= 0 || n == TURN_ENDED)
			n = consume_turn(r);
		more = n == TURN_ENDED;
		if (more)
			n = EVENTS_PER_TURN;
		if (n < 0 && n != -EINTR)
			return report_error("polling the ring buffer failed: %s", strerror(-n));
		clock_gettime(CLOCK_MONOTONIC, &now);
		/* Output waits in the buffer at most a second, and not at all once events stop; the
		 * reader's catching up flushes only light traffic (under a storm it was a write(2)
		 * every few dozen events: issue 19). */
		if (idle || (n == 0 && records_seen(r) - flushed_at < FLUSH_LIGHT) ||
		    now.tv_sec != last_flush) {
			fflush(r->outf);
			last_flush = now.tv_sec;
			flushed_at = records_seen(r);
		}
		if (now.tv_sec != last_report.tv_sec && !r->opts.quiet) {
			report_drops(r);
			last_report = now;
		}
		if (!more)
			profiles_idle(&r->profiles);
		fleet_hook(r);
		reap_child(r);
		if (!r->target_exited && (r->child_done || pid_exited(r))) {
			r->target_exited = 1;
			if (scope_lives_on(r) && !r->opts.quiet)
				fprintf(stderr,
					"sigscope: %s %d exited; processes it started still run, "
					"traced until they exit\n",
					r->child_done ? "command" : "process",
					r->child_done ? (int)r->child : r->opts.pid);
		}
		if (r->target_exited && !scope_lives_on(r))
			break;
	}
	return 0;
}

/*
 * The final drain: detached first, so what is left is bounded; stuck output is given up on after
 * a while without progress (signals.c), or at a second stop request. Then the summary. Returns the
 * exit status.
 */
int drain_and_finish(struct run *r, int loop_err)
{
	start_bounded_drain();
	if (r->sink.err || r->sink.abandoned)
		stop_child(r);
	detach_all(r);
	while (consume_turn(r) == TURN_ENDED)
		; /* detached: what is left is bounded, stuck output given up on (signals.c) */
	fflush(r->outf);
	if (r->sink.err && r->sink.err != EPIPE)
		loop_err = report_error("writing %s%s%s failed: %s", r->opts.write_path ? "'" : "",
					r->opts.write_path ? r->opts.write_path : "stdout",
					r->opts.write_path ? "'" : "", strerror(r->sink.err));
	/* Every event not written fails the run; only a reader that left (EPIPE) is an end. */
	else if ((r->sink.abandoned && r->sink.unwritten) || r->unrendered)
		loop_err = report_error("%llu events not written to %s%s%s (%s)",
					(unsigned long long)(r->sink.unwritten + r->unrendered),
					r->opts.write_path ? "'" : "",
					r->opts.write_path ? r->opts.write_path : "stdout",
					r->opts.write_path ? "'" : "",
					r->unrendered ? "not rendered" : "the output did not move");
	if (r->target_exited && r->opts.pid && !r->opts.quiet)
		fprintf(stderr, "sigscope: process %d exited\n", r->opts.pid);
	if (!r->opts.quiet)
		report_drops(r);
	fleet_finish(r); /* bounded flush, last metrics: before the summary that counts them */
	/* Always: it carries the loss counts. Counters that cannot be read are an error. */
	if (print_summary(r) != 0 && !loop_err)
		loop_err = EXIT_USAGE;
	print_accounts(r);
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
