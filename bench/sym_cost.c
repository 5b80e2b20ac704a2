/*
 * Cost of symbolizing a finding's addresses (src/proc/symbols.c, docs/events.md "Symbols"): the
 * JSON writer on a tampered_context record of this live process, whose restored rip is libc's
 * execve, saved rip and handler in this binary and call site in libc, written with
 * symbolization (a process cache and a module cache, as sigscope runs) and without (no caches:
 * every address "unknown", what the writer costs with nothing looked up). Also the first
 * finding of a process (cold: maps read, libc and this binary parsed) and a record without
 * findings (never symbolized: the event path). No BPF, no root.
 *
 * Run: sym_cost [records, default 20000]. Prints µs per finding record, best of ROUNDS rounds,
 * and the ratio with/without.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "output/output.h"
#include "proc/proc_ctx.h"
#include "proc/symbols.h"
#include "records.h" /* tests/unit/: the fixtures */

#define ROUNDS 5

static double now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void handler_fn(int sig)
{
	(void)sig;
}

/* Best of ROUNDS rounds of n records, ns per record; -1 when the writer fails. */
static double run(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev, long n)
{
	double best = -1;

	for (int round = 0; round < ROUNDS; round++) {
		double t0 = now_ns(), dt;

		for (long i = 0; i < n; i++)
			if (output_json_event(ctx, ev, sizeof(*ev)) != 0)
				return -1;
		fflush(ctx->out);
		dt = (now_ns() - t0) / (double)n;
		if (best < 0 || dt < best)
			best = dt;
	}
	return best;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000;
	static char buf[1 << 20];
	struct sigscope_sigreturn_event ev, plain;
	struct output_ctx sym = {.enforce_threshold = -1}, nosym;
	struct stat exe;
	double t0, cold, with, without, none;

	if (n <= 0 || stat("/proc/self/exe", &exe) != 0)
		return 2;
	sym.out = fopen("/dev/null", "w");
	if (!sym.out)
		return 2;
	setvbuf(sym.out, buf, _IOFBF, sizeof(buf));
	nosym = sym;
	make_finding(&ev, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_HIGH);
	ev.hdr.ctx.host_pid = ev.hdr.ctx.host_tid = (uint32_t)getpid();
	ev.hdr.ctx.exe_ino = exe.st_ino;
	ev.applied[SIGSCOPE_REG_RIP] = (uint64_t)(uintptr_t)execve;
	ev.delivery.regs[SIGSCOPE_REG_RIP] = (uint64_t)(uintptr_t)run;
	ev.delivery.handler = (uint64_t)(uintptr_t)handler_fn;
	ev.call_site = (uint64_t)(uintptr_t)getpid;
	make_sr(&plain); /* no finding: what every other record costs */
	plain.hdr.ctx = ev.hdr.ctx;

	sym.procs = proc_cache_new();
	sym.syms = sym_cache_new();
	if (!sym.procs || !sym.syms)
		return 2;
	t0 = now_ns();
	if (output_json_event(&sym, &ev, sizeof(ev)) != 0)
		return 1;
	cold = now_ns() - t0;
	with = run(&sym, &ev, n);
	without = run(&nosym, &ev, n);
	none = run(&sym, &plain, n);
	if (with < 0 || without < 0 || none < 0)
		return 1;
	printf("finding record (tampered_context, 4 addresses), %ld records, best of %d:\n", n,
	       ROUNDS);
	printf("  first finding of a process (maps read, libc and this binary parsed): %.1f us\n",
	       cold / 1e3);
	printf("  with symbolization (warm caches):    %.2f us per finding record\n", with / 1e3);
	printf("  without symbolization:               %.2f us per finding record\n",
	       without / 1e3);
	printf("  symbolization alone:                 %.2f us per finding record (%.2f per "
	       "address)\n",
	       (with - without) / 1e3, (with - without) / 4e3);
	printf("  ratio with / without:                %.2f\n", with / without);
	printf("  record without findings (never symbolized): %.2f us\n", none / 1e3);
	/* What every signal delivery with a handler adds on the event path (src/driver/run.c):
	 * the prefetch check, which reads the maps at most once a second per process. */
	{
		struct proc_cache *pc = proc_cache_new();
		uint32_t self = (uint32_t)getpid(); /* a syscall: not inside the loop */
		double best = -1;

		if (!pc)
			return 2;
		t0 = now_ns();
		proc_maps_prefetch(pc, self, exe.st_ino);
		cold = now_ns() - t0;
		for (int round = 0; round < ROUNDS; round++) {
			double t1 = now_ns(), dt;

			for (long i = 0; i < n * 10; i++)
				proc_maps_prefetch(pc, self, exe.st_ino);
			dt = (now_ns() - t1) / (double)(n * 10);
			if (best < 0 || dt < best)
				best = dt;
		}
		printf(
		    "  signal_deliver prefetch: %.0f ns per delivery (a table younger than 1 s); "
		    "the maps read itself, once a second per process: %.1f us\n",
		    best, cold / 1e3);
		proc_cache_free(pc);
	}
	proc_cache_free(sym.procs);
	sym_cache_free(sym.syms);
	return 0;
}
