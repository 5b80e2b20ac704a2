/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * probe_stale_watchdog (red team round 32, idea 4, a false positive): a recursive walk probes
 * pointers that may be bad, recovering from each fault with siglongjmp, deep below a 64 KiB
 * request frame; nothing is ever written over those abandoned frames again, so more deliveries
 * than a thread's set keeps (72) stay outstanding. Then a watchdog's SIGALRM handler, running
 * higher on the same stack, probes one pointer itself (a nested SIGSEGV, left by siglongjmp
 * back into the handler) and returns.
 *
 * Self-checks: every probe faulted and was recovered from, and the watchdog ran. Expected from
 * sigscope: no finding above low. A full set drops a delivery whose frame lies below the sp the
 * new signal interrupted (on one stack, nothing live lies below the code that runs); it dropped
 * the newest before the one added, the live SIGALRM, whose return was then judged forged.
 */
#include "benign.h"

#include <setjmp.h>

#define PROBES 100

static sigjmp_buf *volatile probe_env;
static volatile int faults, watchdog_runs;

static void on_segv(int sig)
{
	(void)sig;
	faults++;
	if (probe_env)
		siglongjmp(*probe_env, 1);
}

/* 1 when *p could be read, 0 when it faulted. */
static __attribute__((noinline)) int safe_read(const volatile long *p, long *out)
{
	sigjmp_buf env, *saved = probe_env;
	int ok = 0;

	if (sigsetjmp(env, 1) == 0) {
		probe_env = &env;
		*out = *p;
		ok = 1;
	}
	probe_env = saved;
	return ok;
}

static __attribute__((noinline)) long walk(int depth)
{
	volatile char scratch[4096]; /* a page deeper each level */
	long v = 0;

	scratch[0] = (char)depth;
	safe_read((const volatile long *)(unsigned long)(0x10000 + depth * 8), &v);
	if (depth < PROBES - 1)
		return walk(depth + 1) + scratch[0];
	return scratch[0] + v;
}

static void on_alarm(int sig)
{
	long v;

	(void)sig;
	safe_read((const volatile long *)0x20000, &v); /* a status word that may be unmapped */
	watchdog_runs++;
}

static __attribute__((noinline)) void run_job(void)
{
	volatile char request[64 * 1024];

	request[0] = 1;
	walk(0);
	(void)request[0];
}

int main(void)
{
	bn_init("probe_stale_watchdog", 30);
	bn_install(SIGSEGV, (void *)on_segv, SA_NODEFER);
	bn_install(SIGALRM, (void *)on_alarm, 0);
	run_job();
	bn_raise(SIGALRM);
	bn_raise(SIGALRM);
	BN_CHECK(faults == PROBES + 2, "%d of %d probes faulted and were recovered", faults,
		 PROBES + 2);
	BN_CHECK(watchdog_runs == 2, "the watchdog ran %d times of 2", watchdog_runs);
	return bn_finish();
}
