/*
 * The one decode step between the ring buffer and the writers: a record (header, then its type's
 * fields) becomes a decoded event. The frame is decoded once, the restored registers chosen once
 * (the exit hook's, else the frame's), and the host-side enrichment (executable path, container
 * id) looked up once, on first use, so a writer that never prints them costs no /proc lookup.
 * Writers (src/output/) read this and never the frame bytes.
 */
#ifndef SIGSCOPE_DECODE_EVENT_H
#define SIGSCOPE_DECODE_EVENT_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "../shared/sigscope_event.h"

struct proc_cache;

struct sigscope_event {
	uint32_t type; /* enum sigscope_event_type */
	const struct sigscope_task_ctx *tc;
	/* The record, by type (the others NULL). */
	const struct sigscope_sigreturn_event *sr;
	const struct sigscope_signal_deliver_event *dlv;
	const struct sigscope_signal_generate_event *gen;

	/* rt_sigreturn only. */
	int ia32;
	int frame_ok;	   /* the kernel side read the frame */
	int have_frame;	   /* ... and it decoded: frame is valid */
	int applied;	   /* the exit hook saw the registers the kernel restored */
	int have_regs;	   /* regs holds what the kernel restores */
	uint32_t mismatch; /* registers the exit saw differently from the frame read (both known) */
	struct sigscope_frame frame;
	uint64_t regs[SIGSCOPE_NREGS]; /* restored: seen at exit, else the frame's; else 0 */
	/*
	 * Matched only: registers whose restored value differs from what the delivery interrupted,
	 * by the kernel's own rule (sigscope_regs_differ, src/shared/verdict.h: register width, RPL
	 * of cs/ss, FIX_EFLAGS), as pairing.changed reports them: on the kernel's records it equals
	 * verdict->changed_mask, computed there from the same registers.
	 */
	uint32_t pairing_changed;
	/* The kernel's verdict and its evidence. */
	const struct sigscope_verdict *verdict;

	/* Host-side enrichment, through event_exe_path() and event_container_id(). */
	struct proc_cache *procs; /* NULL: both are "" (unit tests) */
	int enriched;
	char exe_path[PATH_MAX];
	char container_id[80];
};

/* A known record type, long enough for its fields (an rt_sigreturn record ends after the
 * stack bytes it carries): anything else is not worth a partial line. */
int event_record_ok(const void *data, size_t len);

/* Decode one ring-buffer record. Returns 0, or -1 when it is malformed (event_record_ok()). */
int event_decode(const void *data, size_t len, struct proc_cache *procs, struct sigscope_event *ev);

/* The task's executable path and container id ("" when unknown), looked up on first use. */
const char *event_exe_path(struct sigscope_event *ev);
const char *event_container_id(struct sigscope_event *ev);

#endif
