/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * rt_burst: a burst of queued real-time signals delivered nested on unblock (issue 8, class 6).
 * With every real-time signal blocked, COPIES sigqueue()s of each of SIGRTMIN..SIGRTMAX (glibc:
 * 31 signals, 62 queued) are made; then one sigprocmask unblocks them all. On the way out of
 * that syscall the kernel delivers every one of them before any handler instruction runs (the
 * handlers have SA_NODEFER, so a second copy of a signal is not held back by the first): 62
 * frames stacked one below the other; then the handlers run, the last delivered first, each
 * returning into the next. ROUNDS rounds.
 *
 * Why: as nest64, a depth bound in sigscope's bookkeeping turns the oldest of these returns
 * into "forged" frames; a dozen queued real-time signals are enough today.
 *
 * Self-checks: every queued signal ran exactly once with its own si_value and SI_QUEUE; the
 * handlers ran at strictly rising stack addresses (proof that the frames were nested, newest
 * lowest); main's canary survives. Expected from sigscope: every sigreturn matched, nothing
 * above low, no kill.
 */
#include "benign.h"

#define COPIES	 2
#define MAX_RT	 64
#define ROUNDS	 4
#define MAX_RUNS (MAX_RT * COPIES)

static volatile unsigned char seen[MAX_RT][COPIES];
static volatile uintptr_t run_sp[MAX_RUNS];
static volatile int runs;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	volatile char here;
	int v = si->si_value.sival_int;

	(void)uc;
	BN_CHECK(si->si_code == SI_QUEUE, "signal %d with si_code %d", sig, si->si_code);
	BN_CHECK(v >> 8 == sig && (v & 0xff) < COPIES, "signal %d with si_value %#x", sig, v);
	if (v >> 8 == sig && (v & 0xff) < COPIES)
		seen[sig - SIGRTMIN][v & 0xff]++;
	if (runs < MAX_RUNS)
		run_sp[runs] = (uintptr_t)&here;
	runs++;
}

int main(void)
{
	volatile unsigned long canary = 0x72747273;
	int nsig = SIGRTMAX - SIGRTMIN + 1, total = 0;
	sigset_t rt, old;

	bn_init("rt_burst", 30);
	if (nsig > MAX_RT)
		nsig = MAX_RT;
	sigemptyset(&rt);
	for (int s = SIGRTMIN; s < SIGRTMIN + nsig; s++) {
		bn_install(s, (void *)on_rt, SA_SIGINFO | SA_NODEFER);
		sigaddset(&rt, s);
	}
	for (int r = 0; r < ROUNDS; r++) {
		int want = nsig * COPIES;

		memset((void *)seen, 0, sizeof(seen));
		runs = 0;
		if (sigprocmask(SIG_BLOCK, &rt, &old))
			bn_die("sigprocmask");
		for (int s = SIGRTMIN; s < SIGRTMIN + nsig; s++)
			for (int c = 0; c < COPIES; c++) {
				union sigval val = {.sival_int = s << 8 | c};

				if (sigqueue(getpid(), s, val))
					bn_die("sigqueue");
			}
		if (sigprocmask(SIG_SETMASK, &old, NULL)) /* all delivered before this returns */
			bn_die("sigprocmask");
		BN_CHECK(runs == want, "round %d: %d handlers ran, %d queued", r, runs, want);
		for (int s = 0; s < nsig; s++)
			for (int c = 0; c < COPIES; c++)
				BN_CHECK(seen[s][c] == 1,
					 "round %d: SIGRTMIN+%d copy %d ran %d times", r, s, c,
					 seen[s][c]);
		for (int i = 1; i < runs && i < MAX_RUNS; i++)
			BN_CHECK(run_sp[i] > run_sp[i - 1],
				 "round %d: handler %d ran at %#lx, not above handler %d (%#lx): "
				 "not nested",
				 r, i, (unsigned long)run_sp[i], i - 1,
				 (unsigned long)run_sp[i - 1]);
		total += runs;
	}
	BN_CHECK(canary == 0x72747273, "main's canary");
	printf("rt_burst rounds=%d signals=%d queued_per_round=%d handled=%d failures=%lu\n",
	       ROUNDS, nsig, nsig * COPIES, total, (unsigned long)bn_failures);
	return bn_finish();
}
