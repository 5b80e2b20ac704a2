/*
 * The driver, split by job (README "Layout"):
 *  - loader.c:   check the machine, probe the backend, open/configure/load/attach, libbpf's log
 *                (a refused program: one line, or a run without it when it is optional);
 *  - signals.c:  stop requests, the command's end, when a blocked write gives up;
 *  - output.c:   the stream output (-w opened safely, the counting sink, reopen), the writer;
 *  - run.c:      each record to the writers and the fleet, the rings, the poll loop, the drain;
 *  - stats.c:    the kernel's counters, read once per report; the summary;
 *  - child.c:    the -- COMMAND process, held until every hook is attached;
 *  - snapshot.c: the frames older threads had at attach, read once after the attach.
 * src/sigscope.c's main() calls them in order. struct run is what they share.
 */
#ifndef SIGSCOPE_DRIVER_H
#define SIGSCOPE_DRIVER_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "../cli/options.h"
#include "../output/output.h"
#include "../rules/policy.h"
#include "../rules/profiles.h"
#include "../util/report.h"

#define MAX_LINKS 32

/* Where events go: a file descriptor behind a stdio cookie, so every failed, refused or
 * abandoned byte is seen here, counted in lines (one line per event), never lost silently. */
struct out_sink {
	int fd;
	int own_fd;	    /* close it at the end (-w), not stdout */
	int err;	    /* first write error (EPIPE: the reader left), 0 while all is well */
	int abandoned;	    /* gave up on output that did not move while stopping */
	uint64_t unwritten; /* lines (events) that never reached the output */
	char *carry;	    /* the start of a line stdio handed over without its end */
	size_t carry_len, carry_cap;
};

struct sigscope_bpf;
struct bpf_link;
struct ring_buffer;

struct run {
	struct sigscope_options opts;
	struct sigscope_policy *policy; /* NULL without --policy */
	struct sigscope_bpf *skel;
	struct ring_buffer *rb;
	struct profile_maps profiles; /* runtime profiles read into the kernel side's maps */
	struct output_ctx out;
	FILE *outf;
	output_writer write_event;	     /* of decoded events: json, tracee-v2 or table */
	uint64_t seen[SIGSCOPE_EV_TYPE_MAX]; /* records consumed, per type */
	uint64_t malformed;		     /* records that did not decode */
	uint64_t unrendered;	   /* records the stream writer could not render (out of memory) */
	int turn_records;	   /* ordinary records handled in this turn (run.c) */
	struct output_lines lines; /* the JSON lines the stream wrote, for the fleet */
	uint64_t reported_drops;
	uint64_t reported_skips; /* program runs the kernel skipped, as last reported */
	struct out_sink sink;
	int pidfd;		  /* -p: readable once the process has exited; -1 otherwise */
	int target_exited;	  /* -p: it did, and the run ended */
	int tracefs_mounted;	  /* we mounted tracefs (--hooks light): unmounted on the way out */
	const char *backend_name; /* "trampoline" or "tracepoint", once started */
	char backend_why[600];	  /* why auto did not choose trampoline, "" otherwise */
	/* What runs without a program the kernel refused that detection does not need (README
	 * "When the kernel refuses a program"): "signal_generate events off: the kernel refused
	 * ...", escaped; "" when nothing is missing. Said at start-up and after the summary. */
	char missing[600];
	char reader_why[200]; /* why the reader is not realtime (--reader-priority), "" if it is */
	/* The entry guards attached (sigscope.bpf.h: guard_native, ...), and why one is not; set by
	 * start_bpf. guards_off: a guard failed to attach, loaded again without them. */
	int guard_native, guard_ia32, guard_x32, guards_off;
	int exit_guards; /* the guarded bodies' exits have their kretprobe (modes with an exit) */
	int skips_possible; /* this kernel and backend can skip our programs (kernel_skips()) */
	char unguarded[32]; /* " x86_64 ia32": ABIs the kernel runs with no guard, "" for none */
	char guard_why[300];
	struct bpf_link *links[MAX_LINKS];
	int nlinks;
	pid_t child;
	int child_status;
	int child_done;
	int go_fd, err_fd; /* the held command's pipes: "go", and its exec error */
	char host[256];
	uint64_t snapshot_frames; /* frames older threads had at attach (snapshot.c) */
	uint64_t snapshot_unread; /* older threads whose window could not be read */
	struct fleet
	    *fleet; /* journal, syslog, kafka, --metrics (output/fleet.h); NULL when none */
};

/* Stop requests and the command's end, set by the signal handlers (signals.c). */
extern volatile sig_atomic_t nsignals;
extern volatile sig_atomic_t exit_signal;
extern volatile sig_atomic_t child_pid; /* the command, for the handler to forward to */
extern volatile sig_atomic_t command_exited;
extern sigset_t child_mask; /* the signal mask sigscope was started with */

/* signals.c */
void block_stop_signals(void);
int stop_requested(void);
void catch_stop_signals(void);
/* A write stuck since last_progress gives up (after a stop request or the command's end). */
int give_up_writing(uint64_t last_progress);
void start_bounded_drain(void);

/* output.c */
int setup_output(struct run *r);
void reopen_output(struct run *r);
int hold_std_fds(const struct run *r);
int run_close_output(struct run *r, int ret);

/* run.c */
int watch_pid(struct run *r);
int open_rings(struct run *r);
void write_header(const struct run *r);
/* The reader's scheduling policy (--reader-priority); a refusal is said at start-up. */
void reader_priority(struct run *r);
void announce(const struct run *r);
int run_loop(struct run *r);
int drain_and_finish(struct run *r, int loop_err);
int stopped_during_startup(struct run *r);
void run_cleanup(struct run *r);
/* The fleet outputs (output/fleet.h): opened after the stream, ticked by the loop. */
int fleet_start(struct run *r);
void fleet_finish(struct run *r);

/* stats.c: every kernel counter summed over CPUs, in one read; non-zero when it failed. */
int counters_snapshot(struct run *r, uint64_t c[SIGSCOPE_CNT_MAX]);
/* stats.c: each loaded program's skipped runs (recursion_misses) into c; non-zero when failed. */
struct fleet_counters;
int skips_snapshot(struct run *r, struct fleet_counters *c);
/* loader.c */
int check_machine(const struct run *r);
int merge_policy(struct run *r);
int start_bpf_backend(struct run *r);
void detach_all(struct run *r);
void stop_bpf(struct run *r);
const char *exec_path_of(void *arg, uint32_t pid, char *buf, size_t len);

/* stats.c */
void report_drops(struct run *r);
int print_summary(struct run *r);
void print_missing(const struct run *r);
/* Before attach: the kernel's findings accounts ready. After detach: the accounts that lost
 * records with findings, on a line of their own. */
int accounts_prepare(struct run *r, char *err, size_t errlen);
void print_accounts(const struct run *r);

/* snapshot.c */
void snapshot_frames(struct run *r);

/* child.c */
int start_child(struct run *r);
int release_child(struct run *r);
void reap_child(struct run *r);
void stop_child(struct run *r);
void kill_child(struct run *r);

#endif
