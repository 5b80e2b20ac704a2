/*
 * Private to the JSON writers: json.c writes the two envelopes (trace.Event and tracee-v2) around
 * the args that json_args.c builds, one builder per record type, finding and enforcement.
 */
#ifndef SIGSCOPE_OUTPUT_JSON_ARGS_H
#define SIGSCOPE_OUTPUT_JSON_ARGS_H

#include <stdint.h>

#include "output.h"
#include "jsonw.h"
#include "symref.h"
#include "../decode/event.h"

/* The event-specific part of the context keys. */
struct ev_head {
	struct sigscope_event *de; /* the decoded record: its context and enrichment */
	const struct sigscope_task_ctx *tc;
	int id;	   /* trace.Event eventId */
	int pb_id; /* tracee-v2 id: Tracee's protobuf EventId (rt_sigreturn is 16 there) */
	const char *name;
	const char *syscall;
	int compat;
	int64_t retval;
};

/*
 * The args array of one event, written before the event itself: the event states their number
 * first (argsNum), and an rt_sigreturn's args appear again in each of its findings' events.
 */
struct args {
	struct jsonw w;
	int n;
	int v2;		  /* tracee-v2 layout: {"name", "<EventValue field>": value} */
	size_t strs_mark; /* where the open str_array's {"value":[ began (tracee-v2) */
};

/* CLOCK_MONOTONIC ns as epoch ns (two's complement wrap rather than overflow). */
static inline int64_t epoch_ns(const struct output_ctx *ctx, uint64_t mono_ns)
{
	return (int64_t)(mono_ns + (uint64_t)ctx->mono_to_epoch_ns);
}

/*
 * Object members and args: their keys, names and types are string literals, written with one
 * copy each (w and a are evaluated twice). Strings from outside sigscope are made valid UTF-8 by
 * jsonw_string.
 */
#define kv_str(w, key, val)  (JSONW_KEY(w, key), jsonw_string(w, val))
#define kv_int(w, key, val)  (JSONW_KEY(w, key), jsonw_int(w, val))
#define kv_u64(w, key, val)  (JSONW_KEY(w, key), jsonw_u64(w, val))
#define kv_bool(w, key, val) (JSONW_KEY(w, key), jsonw_bool(w, val))

/* Starts and ends an args array; v2: the tracee-v2 layout. */
void json_args_begin(struct args *a, int v2);
void json_args_end(struct args *a);

/* The args of each record type; each sets h's id, name and what else its event says of itself. */
void json_sigreturn_args(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev,
			 const struct sigscope_event *v, struct ev_head *h, struct args *a);
void json_deliver_args(const struct sigscope_signal_deliver_event *ev, struct ev_head *h,
		       struct args *a);
void json_generate_args(const struct sigscope_signal_generate_event *ev, struct ev_head *h,
			struct args *a);

/* One finding's args: its evidence, the symbols, and (trace.Event) the rt_sigreturn it was
 * detected from, whose head and args are sr and sr_args. */
void json_finding_args(struct args *a, const struct output_ctx *ctx,
		       const struct sigscope_sigreturn_event *ev, const struct sigscope_event *v,
		       unsigned int finding, const struct symref *syms, const struct ev_head *sr,
		       const struct args *sr_args);

/* The enforcement event's args; returns the findings it lists (those at or above the
 * threshold, all of them when the threshold is not known). */
uint32_t json_enforcement_args(struct args *a, const struct output_ctx *ctx,
			       const struct sigscope_sigreturn_event *ev);

/* The event a finding was detected from, as an object at w. */
void json_detected_from(struct jsonw *w, const struct ev_head *sr, const struct args *sr_args);

#endif
