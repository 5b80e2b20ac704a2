/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * nest64: 64-deep nested signal handlers (issue 8, class 6). SIGUSR1's handler is installed with
 * SA_NODEFER and re-raises SIGUSR1 (tgkill to itself) until the depth reaches 64: each raise is
 * delivered on the way out of tgkill, so 64 frames lie one below the other on the stack before the
 * innermost handler returns; then all return, innermost first. ROUNDS rounds.
 *
 * Why: sigscope keeps the outstanding deliveries of each thread; a bound below 64 (8 today,
 * SIGSCOPE_NEST_MAX) drops the oldest ones, and their sigreturns then look forged: a correct
 * program killed under --enforce.
 *
 * Self-checks: every round reaches depth 64 and runs 64 handlers; after each nested raise
 * returns, the depth is back to this handler's own and this frame's canary is intact; main's
 * canary survives. Expected from sigscope: every sigreturn matched, nothing above low, no kill.
 */
#include "benign.h"

#define DEPTH  64
#define ROUNDS 5

static volatile int depth, max_depth;
static volatile unsigned long calls;

static void on_usr1(int sig)
{
	int my = ++depth;
	volatile unsigned long canary = 0x6e657374ul * 1000 + (unsigned long)my;

	(void)sig;
	calls++;
	if (my > max_depth)
		max_depth = my;
	if (my < DEPTH)
		bn_raise(SIGUSR1); /* the next level runs and returns before this returns */
	BN_CHECK(depth == my, "depth %d after the nested raise at level %d", depth, my);
	BN_CHECK(canary == 0x6e657374ul * 1000 + (unsigned long)my, "canary of level %d", my);
	depth--;
}

int main(void)
{
	volatile unsigned long canary = 0x6d61696e;

	bn_init("nest64", 30);
	bn_install(SIGUSR1, (void *)on_usr1, SA_NODEFER);
	for (int r = 0; r < ROUNDS; r++) {
		depth = 0;
		max_depth = 0;
		bn_raise(SIGUSR1);
		BN_CHECK(depth == 0, "round %d: depth %d after the outermost handler", r, depth);
		BN_CHECK(max_depth == DEPTH, "round %d: reached depth %d, not %d", r, max_depth,
			 DEPTH);
		BN_CHECK(calls == (unsigned long)DEPTH * (r + 1), "round %d: %lu handler calls", r,
			 (unsigned long)calls);
	}
	BN_CHECK(canary == 0x6d61696e, "main's canary");
	printf("nest64 rounds=%d depth=%d calls=%lu failures=%lu\n", ROUNDS, DEPTH,
	       (unsigned long)calls, (unsigned long)bn_failures);
	return bn_finish();
}
