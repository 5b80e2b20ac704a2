/* Output writers: JSON lines (Tracee's trace.Event, or Tracee's current v1beta1.Event layout) and
 * a human table. */
#ifndef SIGSCOPE_OUTPUT_H
#define SIGSCOPE_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../shared/sigscope_event.h"

struct proc_cache;
struct sym_cache;
struct output_lines;

struct output_ctx {
	FILE *out;		  /* NULL: render only, into *lines (the fleet's own rendering) */
	int64_t mono_to_epoch_ns; /* add to CLOCK_MONOTONIC ns to get epoch ns */
	struct proc_cache *procs; /* may be NULL (unit tests): executable/containerId left "" */
	/* Parsed modules for findings' symbols (src/proc/symbols.h); NULL: modules and offsets
	 * without symbols or build-ids. */
	struct sym_cache *syms;
	const char *hostname;
	/* Events the user selected (EVENT_BIT mask of src/decode/names.h), 0: all. An
	 * rt_sigreturn record also arrives when only its findings are wanted: its own line is then
	 * left out. */
	uint32_t events;
	/* The enforcement threshold in effect (--enforce or the policy), 0..4; -1: off. Reported by
	 * the sigscope_enforcement event. */
	int enforce_threshold;
	/* Non-NULL: the JSON writers also describe each line they write there, for the outputs
	 * that route lines by pid, finding and severity (src/output/fleet.h). */
	struct output_lines *lines;
};

/*
 * One line a JSON writer wrote for a record, and what it is: read from the decoded event as the
 * line was written, so nothing ever parses a line back.
 */
struct output_line {
	size_t off, len;    /* in output_lines.buf; len without the newline */
	const char *event;  /* its eventName */
	uint32_t findings;  /* rt_sigreturn: its verdict's; a finding: its own bit; enforcement: the
			     * findings it lists */
	int severity;	    /* rt_sigreturn: the highest; a finding's own; enforcement: the
			     * highest; -1: none */
	int is_finding;	    /* a finding or the enforcement event (the "findings" filter) */
	int is_enforcement; /* the sigscope_enforcement event */
};

#define OUTPUT_LINES_MAX (2 + SIGSCOPE_FINDING_MAX) /* rt_sigreturn, its findings, the kill */

/* The lines of the last record a JSON writer wrote (valid until it writes the next). */
struct output_lines {
	int filled; /* set by the writer; whoever reads clears it */
	int v2;	    /* written in the tracee-v2 layout */
	const char *buf;
	int n;
	struct output_line line[OUTPUT_LINES_MAX];
};

struct sigscope_event;

/*
 * The writers, each of one decoded event (src/decode/event.h). An rt_sigreturn gives its own
 * event (when selected), then one event per finding of its verdict, then the enforcement event
 * when the kernel killed the task (docs/events.md). Returns 0, or -1 when nothing could be
 * written (all of a record's lines or none).
 */
typedef int (*output_writer)(const struct output_ctx *ctx, struct sigscope_event *ev);
int output_json_write(const struct output_ctx *ctx, struct sigscope_event *ev);
/* The same events in the layout current Tracee writes with --output json (v1beta1.Event). */
int output_tracee_v2_write(const struct output_ctx *ctx, struct sigscope_event *ev);
int output_table_write(const struct output_ctx *ctx, struct sigscope_event *ev);
/* The stream writer when the stream is off (only fleet outputs were asked for): writes nothing. */
int output_none_write(const struct output_ctx *ctx, struct sigscope_event *ev);
void output_table_header(const struct output_ctx *ctx);

/*
 * Decode one raw ring-buffer record (data/len as the kernel submitted it) and write it with
 * writer: what the driver does per record, for the tests and the benchmark. Returns -1 when the
 * record is malformed (too short, unknown type) after writing nothing.
 */
int output_record(const struct output_ctx *ctx, output_writer writer, const void *data, size_t len);
int output_json_event(const struct output_ctx *ctx, const void *data, size_t len);
int output_tracee_v2_event(const struct output_ctx *ctx, const void *data, size_t len);
int output_table_event(const struct output_ctx *ctx, const void *data, size_t len);

#endif
