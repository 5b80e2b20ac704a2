/* What a ring-buffer record must hold before a writer looks inside it. */
#include <stddef.h>
#include <string.h>

#include "output.h"

int output_record_ok(const void *data, size_t len)
{
	const size_t sr_head = offsetof(struct sigscope_sigreturn_event, stack);
	const struct sigscope_sigreturn_event *sr = data;
	uint32_t type;

	if (len < sizeof(type))
		return 0;
	memcpy(&type, data, sizeof(type));
	switch (type) {
	case SIGSCOPE_EV_RT_SIGRETURN:
		/* The kernel side sends the stack bytes asked for, not the whole stack[]. */
		return len >= sr_head && len >= sr_head + (sr->stack_len < SIGSCOPE_STACK_BYTES_MAX
							       ? sr->stack_len
							       : SIGSCOPE_STACK_BYTES_MAX);
	case SIGSCOPE_EV_SIGNAL_DELIVER:
		return len >= sizeof(struct sigscope_signal_deliver_event);
	case SIGSCOPE_EV_SIGNAL_GENERATE:
		return len >= sizeof(struct sigscope_signal_generate_event);
	default:
		return 0;
	}
}
