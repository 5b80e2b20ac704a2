/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_nested_unmask (red team round 24, idea 4): the SIGFPE allowance ("masks of the flagged
 * exceptions may be set, flags cleared") taken the wrong way in a frame whose area a nested
 * delivery displaced. An SSE division by zero with its exception unmasked raises a genuine
 * SIGFPE; its handler takes a SIGUSR1 inside (the SIGFPE frame's area is then kept as a hash),
 * masks the division exception as a correct handler does, and also clears MXCSR's precision
 * mask in its frame. The interrupted code's next inexact division faults for real, and that
 * handler skips it: the quotient stays 0 and `ratio < 1.0` grants what it guards.
 *
 * Why: a hash keeps no old value to check a change's direction against; leaving the
 * allowance's bits out of it let a mask be cleared as freely as set.
 *
 * Expected from sigscope: tampered_context (high, changed fpstate) at the first SIGFPE frame's
 * sigreturn: the delivery keeps those bits' old values beside the hash. Host only: QEMU's TCG
 * raises no SIMD exceptions.
 */
#include "mal.h"

static volatile int nested_ran;

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	(void)ucv;
	nested_ran = 1;
}

static void on_fpe(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if (info->si_code == FPE_FLTDIV) {
		mal_raise_here(SIGUSR1); /* displaces this frame's area into a hash */
		uc->uc_mcontext.fpregs->mxcsr |= 0x200u;   /* ZM: what a correct handler does */
		uc->uc_mcontext.fpregs->mxcsr &= ~0x4u;	   /* its flag */
		uc->uc_mcontext.fpregs->mxcsr &= ~0x1000u; /* the tamper: PM cleared */
		return;
	}
	uc->uc_mcontext.gregs[REG_RIP] += 4; /* divsd %xmm1,%xmm0: f2 0f 5e c1 */
	uc->uc_mcontext.fpregs->mxcsr |= 0x1000u;
	uc->uc_mcontext.fpregs->mxcsr &= ~0x3fu;
}

int main(void)
{
	unsigned int mxcsr;
	double inf = 1.0;

	mal_init("srop_fp_nested_unmask", 10);
	mal_handle(SIGUSR1, on_usr1, 0);
	mal_handle(SIGFPE, on_fpe, 0);
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	mxcsr &= ~0x204u; /* division by zero traps */
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	__asm__ volatile("divsd %1, %0" : "+x"(inf) : "x"(0.0));
	if (!nested_ran)
		mal_die(MAL_EXIT_SETUP, "the division by zero did not fault");
	mal_inexact_ratio_guard();
	return MAL_EXIT_NOTHING;
}
