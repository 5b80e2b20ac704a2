/*
 * The golden files (golden.h): every writer's output for every fixture, byte for byte, and every
 * fixture's tracee-v2 lines in Tracee's shape. A line that differs is printed as a C literal, with
 * the byte where it parts from the golden one. The JSON files began as the bytes of the jansson
 * writer src/output/json.c used before (json_dumps with JSON_COMPACT | JSON_PRESERVE_ORDER).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"
#include "golden.h"
#include "json_big.h"
#include "jsonq.h"

/* got equals want; otherwise says where they part and prints got as a literal to paste. */
static int same_bytes(const char *name, const char *got, const char *want)
{
	size_t i = 0;

	if (got && strcmp(got, want) == 0)
		return 1;
	while (got && got[i] && got[i] == want[i])
		i++;
	fprintf(stderr, "  golden %s differs at byte %zu: got\n", name, i);
	if (got)
		golden_print_literal(stderr, got);
	return 0;
}

/* Every golden record in the tracee-v2 layout: each line one object with Tracee's top-level keys
 * in Tracee's order, and data entries with a name and exactly one value field. */
TEST(jsonw_tracee_v2_lines)
{
	for (size_t i = 0; i < GOLDEN_CASES; i++) {
		struct output_ctx ctx = golden_ctx();
		static union rec r;
		size_t len = golden_cases[i].make(&r, &ctx);
		char *buf = NULL, *save = NULL;
		size_t size = 0;
		int rc;

		ctx.out = open_memstream(&buf, &size);
		CHECK(ctx.out);
		rc = output_tracee_v2_event(&ctx, &r, len);
		fclose(ctx.out);
		proc_cache_free(ctx.procs);
		CHECK(rc == 0 && buf && unit_lines_parse(buf));
		for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			json_t *j = unit_json_loads(l, JSON_REJECT_DUPLICATES, NULL), *d;
			const char *key;
			size_t k;
			int ok = j && json_is_string(json_object_get(j, "timestamp")) &&
				 json_is_integer(json_object_get(j, "id")) &&
				 json_is_string(json_object_get(j, "name")) &&
				 json_is_object(json_object_get(
				     json_object_get(json_object_get(j, "workload"), "process"),
				     "thread")) &&
				 !json_object_get(j, "args") && !json_object_get(j, "eventId");

			json_array_foreach(json_object_get(j, "data"), k, d)
			{
				ok = ok && json_object_size(d) == 2 &&
				     json_is_string(json_object_get(d, "name"));
			}
			key = json_string_value(json_object_get(j, "name"));
			if (ok && key && strncmp(key, "sigreturn_", 10) == 0)
				ok = json_is_object(json_object_get(j, "threat")) &&
				     json_is_object(json_object_get(j, "detected_from"));
			if (!ok)
				fprintf(stderr, "  %s: bad tracee-v2 line %s\n",
					golden_cases[i].name, l);
			json_decref(j);
			CHECK(ok);
		}
		free(buf);
	}
}

/*
 * Expected output in tests/unit/golden/NAME.{json,tracee-v2.json,table}: every writer, every
 * fixture above, byte for byte. `make golden` rewrites the files from the writers
 * (SIGSCOPE_GOLDEN_WRITE=1); review the diff before committing it. The table's times are UTC.
 */

static const struct {
	const char *ext;
	int (*write)(const struct output_ctx *ctx, const void *data, size_t len);
} golden_formats[] = {
    {"json", output_json_event},
    {"tracee-v2.json", output_tracee_v2_event},
    {"table", output_table_event},
};

TEST(golden_files)
{
	const char *write = getenv("SIGSCOPE_GOLDEN_WRITE");
	int failed = 0;

	setenv("TZ", "UTC", 1);
	tzset();
	for (size_t i = 0; i < GOLDEN_CASES; i++) {
		for (size_t k = 0; k < sizeof(golden_formats) / sizeof(golden_formats[0]); k++) {
			struct output_ctx ctx = golden_ctx();
			static union rec r;
			size_t len = golden_cases[i].make(&r, &ctx);
			char path[512], *out = NULL, *want;
			size_t size = 0;
			int rc;

			ctx.out = open_memstream(&out, &size);
			rc = golden_formats[k].write(&ctx, &r, len);
			fclose(ctx.out);
			proc_cache_free(ctx.procs);
			snprintf(path, sizeof(path), "%s/%s.%s", GOLDEN_DIR, golden_cases[i].name,
				 golden_formats[k].ext);
			if (write && write[0] == '1') {
				FILE *f = fopen(path, "wb");

				if (!f || fwrite(out, 1, size, f) != size)
					failed = 1;
				if (f)
					fclose(f);
			} else {
				want = golden_read(path);
				if (rc != 0 || !want || !same_bytes(path, out, want))
					failed = 1;
				free(want);
			}
			free(out);
		}
	}
	CHECK(!failed);
}
