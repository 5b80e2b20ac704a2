/*
 * Cost of the JSON-lines writer alone: output_json_event() on realistic records, into /dev/null
 * through a 1 MiB stdio buffer (as sigscope's output should have), with a process cache that
 * resolves this process's executable once and then hits. No BPF, no root.
 *
 * Build: -O2 -I src with every .c file of src/output and src/decode, src/proc/proc_ctx.c and
 * src/rules/findings.c (bench/Makefile). Run: json_bench [records per type, default 200000].
 * Prints ns per record for each record type, best of ROUNDS rounds, and for the 1:1:1 mix that
 * every handled signal gives (signal_generate, signal_deliver, rt_sigreturn).
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

#define ROUNDS 5

static const uint64_t regs64[SIGSCOPE_NREGS] = {
    0x8,  0x9,	      0xa,	0xb,	    0xc,  0xd,	0xe,
    0xf,  0x10,	      0x11,	0x7ffd3000, 0x13, 0x14, 0xfffffffffffffffcULL,
    0x16, 0x7ffd2f00, 0x401400, 0x246,	    0x33, 0x2b,
};

static void put16(uint8_t *b, size_t off, uint16_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static void put32(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static void put64(uint8_t *b, size_t off, uint64_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static void fill_ctx(struct sigscope_task_ctx *c, const char *comm)
{
	c->ts_ns = 5000123456;
	c->thread_start_ns = 1000;
	c->cgroup_id = 4242;
	c->exe_ino = 77;
	c->cpu = 3;
	c->host_pid = (uint32_t)getpid(); /* a live process: its exe path resolves and is cached */
	c->host_tid = c->host_pid;
	c->host_ppid = (uint32_t)getppid();
	c->ns_pid = 21;
	c->ns_tid = 22;
	c->uid = 1000;
	c->gid = 1000;
	c->mnt_ns = 4026531841u;
	c->pid_ns = 4026531836u;
	memcpy(c->comm, comm, strnlen(comm, sizeof(c->comm)));
}

/* An x86_64 rt_sigreturn paired with its SIGUSR1 delivery, frame and exit both read, no finding
 * (what nearly every traced sigreturn looks like). */
static void make_rt64(struct sigscope_sigreturn_event *ev)
{
	uint8_t *sc = ev->frame + RT64_MCONTEXT;
	uint8_t *si = ev->frame + RT64_SIGINFO;
	static const size_t off[] = {
	    SC64_R8,	  SC64_R8 + 8,	SC64_R8 + 16, SC64_R8 + 24, SC64_R8 + 32, SC64_R8 + 40,
	    SC64_R8 + 48, SC64_R8 + 56, SC64_RDI,     SC64_RSI,	    SC64_RBP,	  SC64_RBX,
	    SC64_RDX,	  SC64_RAX,	SC64_RCX,     SC64_RSP,	    SC64_RIP,	  SC64_EFLAGS,
	};

	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = SIGSCOPE_EV_RT_SIGRETURN;
	ev->hdr.size = sizeof(*ev);
	ev->abi = SIGSCOPE_ABI_X86_64;
	ev->frame_kind = SIGSCOPE_FRAME_RT64;
	ev->syscall_nr = SIGSCOPE_NR_RT_SIGRETURN_64;
	ev->flags = SIGSCOPE_SR_FRAME_OK | SIGSCOPE_SR_APPLIED;
	ev->frame_len = RT64_SIZE;
	fill_ctx(&ev->hdr.ctx, "sig-test");
	ev->ustack = 0x7ffd1000;
	ev->call_site = 0x7f0000001234;
	ev->entry_sp = 0x7ffd1008;
	ev->entry_cs = 0x33;

	put64(ev->frame, RT64_PRETCODE, 0x7f0000001230);
	put64(ev->frame, RT64_UC_FLAGS, 0x7);
	put32(ev->frame, RT64_SS_FLAGS, 2);
	for (size_t r = 0; r < sizeof(off) / sizeof(off[0]); r++)
		put64(sc, off[r], regs64[r]);
	put16(sc, SC64_CS, 0x33);
	put16(sc, SC64_SS, 0x2b);
	put64(sc, SC64_FPSTATE, 0x7ffd1200);
	put64(ev->frame, RT64_SIGMASK, 1ull << (12 - 1));
	put32(si, 0, 10);
	put32(si, 8, (uint32_t)-6);
	put32(si, SI_UNION64, 1234);
	put32(si, SI_UNION64 + 4, 1000);

	memcpy(ev->applied, regs64, sizeof(regs64));
	ev->retval = (int64_t)regs64[SIGSCOPE_REG_RAX];

	ev->match_status = SIGSCOPE_MATCH_MATCHED;
	ev->match_method = SIGSCOPE_MATCH_BY_SP;
	ev->depth = 1;
	ev->delivery.ts_ns = 5000000000;
	memcpy(ev->delivery.regs, regs64, sizeof(regs64));
	ev->delivery.handler = 0x401136;
	ev->delivery.restorer = 0x7f0000001230;
	ev->delivery.sa_flags = 0x14000004; /* SA_SIGINFO|SA_RESTORER|SA_RESTART */
	ev->delivery.blocked = 1ull << (12 - 1);
	ev->delivery.sig = 10;
	ev->delivery.flags = SIGSCOPE_DLV_HANDLER | SIGSCOPE_DLV_EINTR;
	ev->delivery.seq = 3;

	ev->verdict.max_severity = SIGSCOPE_SEV_NONE;
	ev->verdict.call_site = SIGSCOPE_SITE_DELIVERED;
	ev->verdict.rip_class = SIGSCOPE_MEM_FILE_EXEC;
	ev->verdict.rsp_class = SIGSCOPE_MEM_STACK;
	ev->verdict.rsp_ref = 0x7ffd2f00;
}

static void make_deliver(struct sigscope_signal_deliver_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = SIGSCOPE_EV_SIGNAL_DELIVER;
	ev->hdr.size = sizeof(*ev);
	ev->depth = 1;
	fill_ctx(&ev->hdr.ctx, "sig-test");
	ev->info.signo = 10;
	ev->info.code = -6;
	ev->info.pid = 1234;
	ev->info.uid = 1000;
	ev->info.valid = 1;
	memcpy(ev->dlv.regs, regs64, sizeof(regs64));
	ev->dlv.handler = 0x401136;
	ev->dlv.restorer = 0x7f0000001230;
	ev->dlv.sa_flags = 0x14000004;
	ev->dlv.sa_mask = 1ull << (12 - 1);
	ev->dlv.blocked = (1ull << (2 - 1)) | (1ull << (15 - 1));
	ev->dlv.sig = 10;
	ev->dlv.flags = SIGSCOPE_DLV_HANDLER | SIGSCOPE_DLV_IN_SYSCALL | SIGSCOPE_DLV_RESTARTED;
	ev->dlv.seq = 3;
}

static void make_generate(struct sigscope_signal_generate_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = SIGSCOPE_EV_SIGNAL_GENERATE;
	ev->hdr.size = sizeof(*ev);
	ev->sig = 10;
	ev->code = -6;
	ev->target_pid = 4321;
	ev->target_tid = 4322;
	memcpy(ev->target_comm, "target", 6);
	fill_ctx(&ev->hdr.ctx, "sender");
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

	printf("json_bench: %ld records per type, best of %d rounds, into /dev/null\n", n, ROUNDS);
	for (size_t i = 0; i < 3; i++) {
		t = run(&ctx, &recs[i], &lens[i], 1, n);
		if (t < 0) {
			fprintf(stderr, "json_bench: output_json_event failed on %s\n", names[i]);
			return 1;
		}
		printf("  %-16s %8.1f ns/event  %5ld bytes/line\n", names[i], t,
		       line_bytes(&ctx, recs[i], lens[i]));
	}
	mix = run(&ctx, recs, lens, 3, 3 * n);
	printf("  %-16s %8.1f ns/event  (generate, deliver, rt_sigreturn in turn)\n", "mix 1:1:1",
	       mix);
	fclose(ctx.out);
	proc_cache_free(ctx.procs);
	return mix < 0;
}
