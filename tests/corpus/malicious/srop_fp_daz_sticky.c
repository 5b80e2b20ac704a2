/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_daz_sticky (red team round 36, a1): the flush allowance taken by a division's frame.
 * MXCSR's exception flags are sticky: one masked underflow, as every numerical program has,
 * leaves UE set for the rest of the thread's life. The program then unmasks divide-by-zero; its
 * SIGFPE handler masks it in the frame (explained) and the tamper also sets DAZ and FTZ. A later
 * check "some quota is left" on a denormal quota reads it as zero, and the privileged path runs.
 *
 * Why: DAZ and FTZ answer a denormal or an underflow that trapped; a flag left by an earlier,
 * masked one trapped nothing (round 35's allowance looked at the flags alone).
 *
 * Expected from sigscope: tampered_context (high, changed fpstate). Host only: QEMU's TCG raises
 * no SIMD exceptions.
 */
#include "mal.h"

static volatile double zero = 0.0, one = 1.0, tiny = 1e-200;

static void on_fpe(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if (info->si_code != FPE_FLTDIV) {
		mal_say("unexpected SIGFPE, si_code %d", info->si_code);
		_exit(MAL_EXIT_NOTHING);
	}
	uc->uc_mcontext.fpregs->mxcsr |= 0x0200u; /* ZE masked: the division re-runs */
	uc->uc_mcontext.fpregs->mxcsr |= 0x8040u; /* the tamper: FTZ and DAZ */
}

int main(void)
{
	volatile double quota = 4.9406564584124654e-324; /* a denormal: some quota is left */
	volatile double t, r;
	unsigned int mxcsr;

	mal_init("srop_fp_daz_sticky", 10);
	mal_handle(SIGFPE, on_fpe, 0);
	t = tiny * tiny; /* a masked underflow: UE (and PE) stay flagged */
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	mxcsr &= ~0x0200u; /* divide-by-zero traps */
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	r = one / zero; /* SIGFPE, FPE_FLTDIV */
	if (quota > 0.0) {
		mal_say("quota left: denied (r %g, t %g)", r, t);
		return MAL_EXIT_NOTHING;
	}
	mal_pwned();
}
