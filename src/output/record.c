/* What a ring-buffer record must hold before anything looks inside it; record -> writer. */
#include <stddef.h>
#include <string.h>

#include "output.h"
#include "../decode/event.h"

int output_record_ok(const void *data, size_t len)
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

int output_record(const struct output_ctx *ctx, output_writer writer, const void *data, size_t len)
{
	/* Large (the exe path buffer): one per thread, as the writers reuse theirs. */
	static _Thread_local struct sigscope_event ev;

	if (event_decode(data, len, ctx->procs, &ev) != 0)
		return -1;
	return writer(ctx, &ev);
}

int output_json_event(const struct output_ctx *ctx, const void *data, size_t len)
{
	return output_record(ctx, output_json_write, data, len);
}

int output_tracee_v2_event(const struct output_ctx *ctx, const void *data, size_t len)
{
	return output_record(ctx, output_tracee_v2_write, data, len);
}

int output_table_event(const struct output_ctx *ctx, const void *data, size_t len)
{
	return output_record(ctx, output_table_write, data, len);
}
