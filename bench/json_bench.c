/*
 * Cost of the JSON-lines writer alone: output_json_event() on realistic records, into /dev/null
 * through a 1 MiB stdio buffer (as sigscope's output should have), with a process cache that
 * resolves this process's executable once and then hits. No BPF, no root.
 *
 * Build: -O2 -I src -I tests/unit with every .c file of src/output and src/decode,
 * src/proc/proc_ctx.c and src/rules/findings.c, and -ljansson (bench/Makefile). Run: json_bench
 * [records per type, default 200000]. Prints ns per record for each record type, best of ROUNDS
 * rounds, next to jansson building and dumping the same line (why jsonw.c exists), and for the
 * 1:1:1 mix that every handled signal gives (signal_generate, signal_deliver, rt_sigreturn).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "output/output.h"
#include "proc/proc_ctx.h"
#include "shared/frame_layout.h"
#include "records.h" /* tests/unit/: the fixtures */
#include <jansson.h>

#define ROUNDS 5

/* The unit tests' records (tests/unit/records.h), made to look like this live process's: its exe
 * path resolves once and then hits the cache. */
static void as_this_process(struct sigscope_task_ctx *c)
{
	c->host_pid = (uint32_t)getpid();
	c->host_tid = c->host_pid;
	c->host_ppid = (uint32_t)getppid();
}

static double now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* Best of ROUNDS rounds of n records, in ns per record; -1 when the writer fails. */
static double run(const struct output_ctx *ctx, const void *const *recs, const size_t *lens,
		  size_t nrecs, long n)
{
	double best = -1;

	for (int round = 0; round < ROUNDS; round++) {
		double t0 = now_ns(), dt;

		for (long i = 0; i < n; i++) {
			size_t k = (size_t)i % nrecs;

			if (output_json_event(ctx, recs[k], lens[k]) != 0)
				return -1;
		}
		fflush(ctx->out);
		dt = (now_ns() - t0) / (double)n;
		if (best < 0 || dt < best)
			best = dt;
	}
	return best;
}

/*
 * The same lines through jansson (Debian's libjansson), the library jsonw.c replaced: the event's
 * object tree built (a deep copy of the tree parsed from sigscope's own line: one allocation per
 * node, as building it field by field costs) and dumped compactly, best of ROUNDS, ns per record.
 * *same: jansson wrote the same bytes. -1 when the line does not parse.
 */
static double run_jansson(const struct output_ctx *base, const void *rec, size_t len, long n,
			  int *same)
{
	struct output_ctx ctx = *base;
	char *buf = NULL;
	size_t size = 0;
	json_t *tree;
	char *again;
	double best = -1;

	ctx.out = open_memstream(&buf, &size);
	if (!ctx.out || output_json_event(&ctx, rec, len) != 0)
		return -1;
	fclose(ctx.out);
	buf[strcspn(buf, "\n")] = '\0'; /* the first line: the event itself */
	/* jansson's integers are signed: a u64 above INT64_MAX (rax = -EINTR) only parses as a
	 * real, and then its bytes differ; the cost is the same. */
	tree = json_loads(buf, 0, NULL);
	if (!tree)
		tree = json_loads(buf, JSON_DECODE_INT_AS_REAL, NULL);
	again = tree ? json_dumps(tree, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	if (!again) {
		free(buf), json_decref(tree);
		return -1;
	}
	*same = strcmp(again, buf) == 0;
	free(again);
	for (int round = 0; round < ROUNDS; round++) {
		double t0 = now_ns(), dt;

		for (long i = 0; i < n; i++) {
			json_t *copy = json_deep_copy(tree);

			json_dumpf(copy, base->out, JSON_COMPACT | JSON_PRESERVE_ORDER);
			fputc('\n', base->out);
			json_decref(copy);
		}
		fflush(base->out);
		dt = (now_ns() - t0) / (double)n;
		if (best < 0 || dt < best)
			best = dt;
	}
	json_decref(tree);
	free(buf);
	return best;
}

/* Bytes output_json_event writes for one record. */
static long line_bytes(const struct output_ctx *base, const void *rec, size_t len)
{
	struct output_ctx ctx = *base;
	char *buf = NULL;
	size_t size = 0;
	long n = -1;

	ctx.out = open_memstream(&buf, &size);
	if (!ctx.out)
		return -1;
	if (output_json_event(&ctx, rec, len) == 0)
		n = (long)ftell(ctx.out);
	fclose(ctx.out);
	free(buf);
	return n;
}

int main(int argc, char **argv)
{
	static struct sigscope_sigreturn_event sr;
	static struct sigscope_signal_deliver_event dl;
	static struct sigscope_signal_generate_event gen;
	static char outbuf[1 << 20];
	static const char *const names[] = {"rt_sigreturn", "signal_deliver", "signal_generate"};
	const void *recs[] = {&sr, &dl, &gen};
	const size_t lens[] = {sizeof(sr), sizeof(dl), sizeof(gen)};
	long n = argc > 1 ? atol(argv[1]) : 200000;
	struct output_ctx ctx = {.mono_to_epoch_ns = 1764387000000000000LL,
				 .enforce_threshold = -1};
	char host[256];
	double t, mix;
	int same = 0;

	if (n <= 0) {
		fprintf(stderr, "usage: %s [records per type]\n", argv[0]);
		return 2;
	}
	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	ctx.hostname = host;
	ctx.procs = proc_cache_new();
	ctx.out = fopen("/dev/null", "we");
	/* glibc ignores the size of setvbuf() without a buffer: it is given one. */
	if (!ctx.procs || !ctx.out || setvbuf(ctx.out, outbuf, _IOFBF, sizeof(outbuf)) != 0) {
		fprintf(stderr, "json_bench: setup failed\n");
		return 1;
	}
	make_rt64(&sr);
	make_deliver(&dl);
	make_generate(&gen);
	as_this_process(&sr.hdr.ctx);
	as_this_process(&dl.hdr.ctx);
	as_this_process(&gen.hdr.ctx);

	printf("json_bench: %ld records per type, best of %d rounds, into /dev/null\n", n, ROUNDS);
	for (size_t i = 0; i < 3; i++) {
		t = run(&ctx, &recs[i], &lens[i], 1, n);
		if (t < 0) {
			fprintf(stderr, "json_bench: output_json_event failed on %s\n", names[i]);
			return 1;
		}
		double tj = run_jansson(&ctx, recs[i], lens[i], n / 4 ? n / 4 : 1, &same);

		printf("  %-16s %8.1f ns/event  %5ld bytes/line  jansson %8.1f ns/event%s\n",
		       names[i], t, line_bytes(&ctx, recs[i], lens[i]), tj,
		       same ? "" : " (other bytes: u64 above INT64_MAX)");
	}
	mix = run(&ctx, recs, lens, 3, 3 * n);
	printf("  %-16s %8.1f ns/event  (generate, deliver, rt_sigreturn in turn)\n", "mix 1:1:1",
	       mix);
	fclose(ctx.out);
	proc_cache_free(ctx.procs);
	return mix < 0;
}
