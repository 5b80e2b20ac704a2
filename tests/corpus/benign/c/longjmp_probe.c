/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * longjmp_probe: memory probing with siglongjmp inside a live handler (issue 8, class 6).
 * SIGUSR1's handler (the outer one) stays live while, inside it, a loop probes PROBES addresses:
 * each probe of a PROT_NONE page faults, and the SIGSEGV handler leaves with siglongjmp back to
 * the probe loop (so each SIGSEGV delivery is abandoned, never returned from); every eighth probe
 * reads a readable page and does not fault. Then the outer handler returns normally. ROUNDS
 * rounds.
 *
 * Why: abandoned deliveries pile up above the live outer one. Bookkeeping that keeps a bounded
 * list of outstanding deliveries (dropping the oldest) loses the outer delivery, and its
 * sigreturn looks forged; bookkeeping that lets an abandoned delivery vouch for a frame is the
 * attack of class 2. The outer sigreturn must pair with the outer delivery, exactly.
 *
 * Self-checks: every PROT_NONE probe faulted once at its own address and came back through
 * siglongjmp, no readable probe faulted, the outer handler returned to the interrupted code
 * (canaries). Expected from sigscope: every sigreturn matched, nothing above low, no kill.
 */
#include <setjmp.h>
#include <sys/mman.h>

#include "benign.h"

#define PROBES 256
#define ROUNDS 3
#define PAGE   4096

static sigjmp_buf probe_env;
static unsigned char *guard, *readable;
static volatile unsigned char *probe_addr;
static volatile int faults, bad_faults, outer_done;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if ((volatile unsigned char *)si->si_addr != probe_addr)
		bad_faults++;
	faults++;
	siglongjmp(probe_env, 1); /* this delivery is never returned from */
}

/* 1 when reading *p faulted (the SIGSEGV handler jumps back here), 0 when it did not. */
static __attribute__((noinline)) int probe(volatile unsigned char *p)
{
	probe_addr = p;
	if (sigsetjmp(probe_env, 1))
		return 1;
	(void)*p;
	return 0;
}

static void on_outer(int sig)
{
	volatile unsigned long canary = 0x6f757465;
	int want_faults = 0, seen = 0;

	(void)sig;
	faults = 0;
	for (int i = 0; i < PROBES; i++) {
		int faulting = i % 8 != 7;
		volatile unsigned char *p = (faulting ? guard : readable) + (i * 64) % PAGE;

		want_faults += faulting;
		seen += probe(p);
	}
	BN_CHECK(faults == want_faults && seen == want_faults, "%d faults (%d seen), %d expected",
		 faults, seen, want_faults);
	BN_CHECK(bad_faults == 0, "%d faults at an unexpected address", bad_faults);
	BN_CHECK(canary == 0x6f757465, "the outer handler's canary");
	outer_done++;
}

int main(void)
{
	volatile unsigned long canary = 0x6d61696e;
	int total = 0;

	bn_init("longjmp_probe", 30);
	guard = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	readable = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (guard == MAP_FAILED || readable == MAP_FAILED)
		bn_die("mmap");
	bn_install(SIGSEGV, (void *)on_segv, SA_SIGINFO);
	bn_install(SIGUSR1, (void *)on_outer, 0);
	for (int r = 0; r < ROUNDS; r++) {
		outer_done = 0;
		bn_raise(SIGUSR1);
		BN_CHECK(outer_done == 1, "round %d: the outer handler finished %d times", r,
			 outer_done);
		total += faults;
	}
	BN_CHECK(canary == 0x6d61696e, "main's canary");
	printf("longjmp_probe rounds=%d probes=%d faults=%d failures=%lu\n", ROUNDS, PROBES, total,
	       (unsigned long)bn_failures);
	return bn_finish();
}
