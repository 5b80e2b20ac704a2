/* Record -> decoded event -> writer, in one call (for the tests and the benchmarks), and the writer
 * of nothing. */
#include <stddef.h>

#include "output.h"
#include "../decode/event.h"

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

int output_none_write(const struct output_ctx *ctx, struct sigscope_event *ev)
{
	(void)ctx;
	(void)ev;
	return 0;
}
