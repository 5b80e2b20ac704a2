/*
 * Fleet outputs (issue 9): the journal, syslog (RFC 5424 over TCP, syslog(3) format on a local
 * socket), Kafka, several at once with a filter each, and a Prometheus textfile of counters.
 *
 * The driver calls five hooks, each one line: fleet_open() once the stream output is set up,
 * fleet_event() with each decoded event after the stream writer took it, fleet_tick() in the poll
 * loop, fleet_close() before the summary, fleet_summary() inside it. The outputs send the JSON
 * lines the stream writer already rendered (rendered here only when the stream is not JSON), and
 * route them by what the writer said each line is (struct output_line): no line is parsed back.
 */
#ifndef SIGSCOPE_OUTPUT_FLEET_H
#define SIGSCOPE_OUTPUT_FLEET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/uio.h>

#include "output.h"

#define OPT_OUTPUTS_MAX 8

/* -o SPEC[:FILTER] (README "Deploying on a fleet"). */
enum output_kind {
	OUTK_JSON = 0,	  /* the stream (stdout or -w): as before */
	OUTK_TABLE,	  /* the stream */
	OUTK_TRACEE_V2,	  /* the stream */
	OUTK_JOURNAL,	  /* journal */
	OUTK_SYSLOG_TCP,  /* syslog://HOST:PORT */
	OUTK_SYSLOG_UNIX, /* syslog:///PATH (a datagram socket such as /dev/log) */
	OUTK_KAFKA,	  /* kafka://BROKER[,BROKER...]/TOPIC */
};

enum output_filter {
	OUTF_ALL = 0,  /* every event */
	OUTF_FINDINGS, /* finding and enforcement events only */
};

struct output_spec {
	enum output_kind kind;
	enum output_filter filter;
	char host[256];	   /* syslog TCP */
	char port[8];	   /* syslog TCP */
	char path[108];	   /* syslog unix: sun_path */
	char brokers[512]; /* kafka */
	char topic[250];   /* kafka: [A-Za-z0-9._-], at most 249 */
};

/* --- RFC 5424 and syslog(3) framing (pure) --- */

/* PRI of an event: facility daemon (3), severity from the finding's (see journal_priority). */
int syslog_pri(int priority);

/*
 * One RFC 5424 message: "<PRI>1 TIMESTAMP HOST sigscope PROCID MSGID - @cee:JSON", with octet
 * counting ("LEN SP" first, RFC 6587 3.4.1) when octet_counting. ts_ns: epoch ns of the event.
 * Returns the length written (NUL-terminated), or -1 when it does not fit in cap.
 */
int syslog_format_5424(char *buf, size_t cap, int pri, int64_t ts_ns, const char *host, int procid,
		       const char *msgid, const char *json, size_t json_len, int octet_counting);

/* The syslog(3) form a local socket expects: "<PRI>Mmm dd hh:mm:ss sigscope[PID]: @cee:JSON". */
int syslog_format_local(char *buf, size_t cap, int pri, int64_t ts_ns, int procid, const char *json,
			size_t json_len);

/* --- The journal entry of one event (pure) --- */

#define JOURNAL_FIELDS_MAX 12

struct journal_entry {
	char *field[JOURNAL_FIELDS_MAX]; /* "KEY=value", malloc'd */
	int n;
	int is_finding; /* a finding or an enforcement event (the "findings" filter) */
	int severity;	/* 0..4, -1: none */
	int pid;	/* hostProcessId */
	char event[64];
	int64_t ts_ns;
};

/* syslog priority of an event: enforcement 1 (alert), critical 2, high 3, medium 4, low 5,
 * info and events without a finding 6. */
int journal_priority(int severity, int enforcement);

/* One event as the journal and syslog take it: a line the JSON writer described, and the
 * record's task. */
struct journal_source {
	const struct output_line *line;
	const char *json;	/* the line's text, line->len bytes, no newline */
	const char *table_line; /* MESSAGE; NULL: "EVENT pid PID COMM" */
	int pid;		/* hostProcessId */
	int64_t ts_ns;		/* epoch */
	const char *comm;	/* at most 16 bytes, hostile: made valid UTF-8 here */
	const char *exe;	/* "" when unknown; hostile as comm */
};

/*
 * Fields of the entry for one event: MESSAGE, PRIORITY, SYSLOG_IDENTIFIER=sigscope,
 * SIGSCOPE_EVENT, SIGSCOPE_FINDING (findings), SIGSCOPE_SEVERITY (when known), SIGSCOPE_PID,
 * SIGSCOPE_EXE, SIGSCOPE_JSON. Returns 0, -1 when out of memory.
 */
int journal_entry_build(struct journal_entry *e, const struct journal_source *src);
void journal_entry_free(struct journal_entry *e);

/* --- Counters and the Prometheus text (pure) --- */

#define FLEET_MAX_PROGS 32

struct fleet_counters {
	uint64_t events[SIGSCOPE_EV_TYPE_MAX];	  /* records read, per type */
	uint64_t ring_lost[SIGSCOPE_EV_TYPE_MAX]; /* the ring was full */
	uint64_t alert_ring_full;		  /* retried on the other ring, not lost */
	uint64_t killed;
	uint64_t malformed;
	uint64_t unwritten; /* the stream (stdout, -w) */
	/* Runs of each loaded program the kernel skipped (bpf_prog_info.recursion_misses): each one
	 * is an event neither seen nor judged (docs/kernels.md). Names point into the BPF object.
	 */
	uint64_t skipped; /* all programs */
	int nprogs;
	const char *prog_name[FLEET_MAX_PROGS];
	uint64_t prog_skipped[FLEET_MAX_PROGS];
};

struct fleet_output_stats {
	const char *name; /* "journal", "syslog", "kafka" */
	uint64_t sent;
	uint64_t lost_send;	 /* refused or failed at send (journal, syslog: socket error) */
	uint64_t lost_queue;	 /* queue full (kafka), socket buffer full (syslog) */
	uint64_t lost_delivery;	 /* kafka: delivery report with an error */
	uint64_t lost_unflushed; /* kafka: still queued when the shutdown flush timed out */
};

struct fleet_metrics {
	const struct fleet_counters *c;
	const uint64_t *findings; /* per enum sigscope_finding */
	uint64_t enforcement_events;
	const struct fleet_output_stats *outs;
	int nouts;
};

/* The textfile collector's format; returns bytes written or -1 (does not fit). */
int metrics_format(const struct fleet_metrics *m, char *buf, size_t cap);

/* --- The fleet --- */

struct fleet;

/* Signals the fleet handles: SIGHUP (reload the policy, reopen -w), SIGUSR1 (reopen -w). */
void fleet_signals_install(void);
#define FLEET_REOPEN 1
#define FLEET_RELOAD 2
int fleet_take_signals(void); /* FLEET_* bits since the last call */

/* What the fleet is asked for: the -o specs of journal, syslog and kafka outputs (src/cli/ parses
 * them), and --metrics FILE every metrics_interval seconds (0: 15). */
struct fleet_config {
	const struct output_spec *specs;
	int nspecs;
	const char *metrics_path;
	uint32_t metrics_interval;
};

/* Connects every output; NULL *f when there is nothing to do. Returns 0 or 2 (error said on
 * stderr). */
int fleet_open(struct fleet **f, const struct fleet_config *cfg, const char *hostname);
void fleet_event(struct fleet *f, const struct output_ctx *ctx, struct sigscope_event *ev);
/* Serves the outputs (Kafka reports, syslog reconnects) and rewrites --metrics when due. */
void fleet_tick(struct fleet *f, const struct fleet_counters *c);
/* Flushes (Kafka: at most 5 s), writes the metrics a last time. */
void fleet_close(struct fleet *f, const struct fleet_counters *c);
/* "; kafka lost N (...)" for the summary line, nothing when all was delivered. */
void fleet_summary(const struct fleet *f, FILE *to);
void fleet_free(struct fleet *f);

#endif
