/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_daz_unmasked (red team round 37, a1): the flush allowance taken on a flag that is
 * sticky and was unmasked since. A masked underflow leaves UE flagged; feenableexcept() then
 * unmasks underflow and division by zero without clearing it. A division by zero traps with UE
 * flagged and unmasked beside it; the tamper sets DAZ and FTZ and masks what is flagged. The
 * program's check "a denormal input is not zero" then fails, and the privileged path runs.
 *
 * Why: which exception trapped is si_code's (FPE_FLTDIV here); the flags alone cannot tell a
 * trap from a leftover.
 *
 * Expected from sigscope: tampered_context (high, changed fpstate). Host only: QEMU's TCG raises
 * no SIMD exceptions.
 */
#include "mal.h"

static volatile double zero = 0.0, one = 1.0, tiny = 1e-310 /* a denormal */, small = 1e-300;
static volatile double sink;

static void on_fpe(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned int *mxcsr = &uc->uc_mcontext.fpregs->mxcsr;

	(void)sig;
	if (info->si_code != FPE_FLTDIV) {
		mal_say("unexpected SIGFPE, si_code %d", info->si_code);
		_exit(MAL_EXIT_NOTHING);
	}
	*mxcsr |= 0x8040u;		 /* the tamper: FTZ and DAZ */
	*mxcsr |= (*mxcsr & 0x3fu) << 7; /* what is flagged masked (ZE, UE) */
	*mxcsr &= ~0x3fu;
}

int main(void)
{
	unsigned int mxcsr;

	mal_init("srop_fp_daz_unmasked", 10);
	mal_handle(SIGFPE, on_fpe, 0);
	sink = small * small; /* a masked underflow: UE stays flagged */
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	mxcsr &= ~0xa00u; /* feenableexcept(FE_UNDERFLOW | FE_DIVBYZERO): UM, ZM cleared */
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	sink = one / zero; /* SIGFPE, FPE_FLTDIV, UE flagged and unmasked beside it */
	if (tiny * 1.0 != 0.0) {
		mal_say("the denormal is not zero: denied");
		return MAL_EXIT_NOTHING;
	}
	mal_pwned();
}
