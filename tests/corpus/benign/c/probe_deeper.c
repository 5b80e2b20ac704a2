/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * probe_deeper (red team round 31, a false positive): a long-running handler (a SIGUSR1 "dump
 * state" handler) walks a deep structure recursively and probes pointers that may be bad,
 * recovering from each fault with siglongjmp. The probes fault at ever greater depth, so no
 * later fault's frame is written over an earlier, abandoned one: more than the 72 deliveries a
 * thread's set keeps are outstanding at once, all but the first abandoned. The handler then
 * returns.
 *
 * Self-checks: every probe faulted and was recovered from. Expected from sigscope: no finding
 * above low: a full set drops the newest delivery before the one being added, never the outer
 * handler's (it dropped the oldest, the live one, whose return was then judged forged).
 */
#include "benign.h"

#include <setjmp.h>

#define PROBES 90

static sigjmp_buf env;
static volatile int faults;
static volatile int *volatile bad_ptr = (volatile int *)16; /* the bad pointer each probe reads */

static void on_segv(int sig)
{
	(void)sig;
	faults++;
	siglongjmp(env, 1);
}

static __attribute__((noinline)) int walk(int depth)
{
	volatile char pad[4096]; /* a page deeper each level: the fault frames never overlap */

	pad[0] = (char)depth;
	if (depth == 0)
		return *bad_ptr + pad[0];
	return walk(depth - 1) + pad[0];
}

static void on_usr1(int sig)
{
	(void)sig;
	for (volatile int i = 0; i < PROBES; i++)
		if (sigsetjmp(env, 1) == 0)
			walk(i);
}

int main(void)
{
	bn_init("probe_deeper", 30);
	bn_install(SIGSEGV, (void *)on_segv, SA_NODEFER);
	bn_install(SIGUSR1, (void *)on_usr1, 0);
	bn_raise(SIGUSR1);
	BN_CHECK(faults == PROBES, "%d of %d probes faulted and were recovered", faults, PROBES);
	return bn_finish();
}
