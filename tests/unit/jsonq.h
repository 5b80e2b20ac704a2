/* Reading the writers' JSON in unit tests (jansson): keys, names and args of one event. */
#ifndef SIGSCOPE_UNIT_JSONQ_H
#define SIGSCOPE_UNIT_JSONQ_H

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "output/output.h"
#include "json_big.h"

typedef int (*unit_writer)(const struct output_ctx *ctx, const void *data, size_t len);

/* Runs a writer on one record with the context base (its out replaced); returns all it wrote
 * (caller frees), *rc its return value. */
static inline char *unit_emit(unit_writer writer, const struct output_ctx *base, const void *rec,
			      size_t len, int *rc)
{
	struct output_ctx ctx = *base;
	char *buf = NULL;
	size_t size = 0;

	ctx.out = open_memstream(&buf, &size);
	if (!ctx.out)
		return NULL;
	*rc = writer(&ctx, rec, len);
	fclose(ctx.out);
	return buf;
}

/* Comma-joined keys of an object, in their order on the line. */
static inline const char *keys(const json_t *obj, char *out, size_t n)
{
	size_t o = 0;

	out[0] = '\0';
	for (void *it = json_object_iter((json_t *)obj); it && o < n;
	     it = json_object_iter_next((json_t *)obj, it))
		o += snprintf(out + o, n - o, "%s%s", o ? "," : "", json_object_iter_key(it));
	return out;
}

/* Comma-joined names of the args, or of the strings of an array. */
static inline const char *names(const json_t *arr, char *out, size_t n)
{
	size_t o = 0, i;
	json_t *v;

	out[0] = '\0';
	json_array_foreach(arr, i, v)
	{
		const char *s = json_is_object(v) ? json_string_value(json_object_get(v, "name"))
						  : json_string_value(v);

		if (o < n)
			o += snprintf(out + o, n - o, "%s%s", i ? "," : "", s ? s : "?");
	}
	return out;
}

/* The value of the arg called name (trace.Event layout), NULL when there is none. */
static inline json_t *arg(const json_t *ev, const char *name)
{
	size_t i;
	json_t *a;

	json_array_foreach(json_object_get(ev, "args"), i, a)
	{
		if (strcmp(json_string_value(json_object_get(a, "name")), name) == 0)
			return json_object_get(a, "value");
	}
	return NULL;
}

/* Each line: ends in '\n', holds no raw control byte, and is one JSON object for jansson. */
static inline int unit_lines_parse(const char *out)
{
	while (*out) {
		const char *nl = strchr(out, '\n');
		json_error_t e;
		json_t *j;

		if (!nl)
			return 0;
		for (const char *p = out; p < nl; p++)
			if ((unsigned char)*p < 0x20)
				return 0;
		j = unit_json_loadb(out, (size_t)(nl - out), JSON_REJECT_DUPLICATES, &e);
		if (!json_is_object(j)) {
			fprintf(stderr, "  not a JSON object (%s): %.*s\n", e.text, (int)(nl - out),
				out);
			json_decref(j);
			return 0;
		}
		json_decref(j);
		out = nl + 1;
	}
	return 1;
}

#endif
