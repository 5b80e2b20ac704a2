/* What a ring-buffer record must hold before anything looks inside it. */
#include <stddef.h>
#include <string.h>

#include "output.h"

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
