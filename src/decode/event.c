/* Record -> decoded event (event.h). */
#include <stdio.h>
#include <string.h>

#include "event.h"
#include "../shared/frame_layout.h"
#include "../shared/verdict.h"
#include "../proc/proc_ctx.h"
#include "../util/text.h"

static void decode_sigreturn(struct sigscope_event *ev, const struct sigscope_sigreturn_event *sr)
{
	size_t frame_len = sr->frame_len < sizeof(sr->frame) ? sr->frame_len : sizeof(sr->frame);

	ev->sr = sr;
	ev->verdict = &sr->verdict;
	ev->ia32 = SIGSCOPE_ABI_IS_IA32(sr->abi);
	ev->frame_ok = (sr->flags & SIGSCOPE_SR_FRAME_OK) != 0;
	ev->applied = (sr->flags & SIGSCOPE_SR_APPLIED) != 0;
	ev->have_frame = ev->frame_ok && sigscope_decode_frame(sr->frame_kind, sr->frame, frame_len,
							       &ev->frame) == 0;
	ev->have_regs = ev->applied || ev->have_frame;
	/* Both sides are needed for a mismatch to mean anything. */
	ev->mismatch = ev->applied && ev->have_frame ? sr->mismatch_mask : 0;
	for (int r = 0; r < SIGSCOPE_NREGS; r++)
		ev->regs[r] = ev->applied ? sr->applied[r] : ev->have_frame ? ev->frame.regs[r] : 0;
	/* The kernel's own rule (verdict.h), on the same registers it judged. */
	ev->pairing_changed = 0;
	if (sr->match_status == SIGSCOPE_MATCH_MATCHED && ev->have_regs) {
		__u64 restored[SIGSCOPE_NREGS];

		for (int r = 0; r < SIGSCOPE_NREGS; r++)
			restored[r] = ev->regs[r];
		ev->pairing_changed = sigscope_regs_differ(sr->delivery.regs, restored, ev->ia32);
	}
}

int event_record_ok(const void *data, size_t len)
{
	const size_t sr_head = offsetof(struct sigscope_sigreturn_event, stack);
	const struct sigscope_sigreturn_event *sr = data;
	struct sigscope_record_header h;
	size_t need;

	if (len < sizeof(h))
		return 0;
	memcpy(&h, data, sizeof(h));
	switch (h.type) {
	case SIGSCOPE_EV_RT_SIGRETURN:
		/* The kernel side sends the stack bytes asked for, not the whole stack[]. */
		if (h.size < sr_head || len < sr_head)
			return 0;
		need =
		    sr_head + (sr->stack_len < SIGSCOPE_STACK_BYTES_MAX ? sr->stack_len
									: SIGSCOPE_STACK_BYTES_MAX);
		break;
	case SIGSCOPE_EV_SIGNAL_DELIVER:
		need = sizeof(struct sigscope_signal_deliver_event);
		break;
	case SIGSCOPE_EV_SIGNAL_GENERATE:
		need = sizeof(struct sigscope_signal_generate_event);
		break;
	default:
		return 0;
	}
	/* The header says what the kernel submitted; the ring says what arrived. */
	return h.size >= need && h.size <= len;
}

int event_decode(const void *data, size_t len, struct proc_cache *procs, struct sigscope_event *ev)
{
	const struct sigscope_record_header *h = data;

	if (!event_record_ok(data, len))
		return -1;
	ev->type = h->type;
	ev->tc = &h->ctx;
	ev->sr = NULL;
	ev->dlv = NULL;
	ev->gen = NULL;
	ev->verdict = NULL;
	ev->procs = procs;
	ev->enriched = 0;
	switch (h->type) {
	case SIGSCOPE_EV_RT_SIGRETURN:
		decode_sigreturn(ev, data);
		break;
	case SIGSCOPE_EV_SIGNAL_DELIVER:
		ev->dlv = data;
		break;
	default:
		ev->gen = data;
		break;
	}
	return 0;
}

static void enrich(struct sigscope_event *ev)
{
	const char *exe = "", *cid = "";

	if (ev->enriched)
		return;
	ev->enriched = 1;
	if (ev->procs) {
		exe = proc_exe_path(ev->procs, ev->tc->host_pid, ev->tc->exe_ino);
		cid = proc_container_id(ev->procs, ev->tc->host_pid, ev->tc->cgroup_id);
	}
	text_copy(ev->exe_path, sizeof(ev->exe_path), exe);
	text_copy(ev->container_id, sizeof(ev->container_id), cid);
}

const char *event_exe_path(struct sigscope_event *ev)
{
	enrich(ev);
	return ev->exe_path;
}

const char *event_container_id(struct sigscope_event *ev)
{
	enrich(ev);
	return ev->container_id;
}
