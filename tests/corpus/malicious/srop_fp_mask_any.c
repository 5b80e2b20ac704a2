/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_mask_any (red team round 22, class 2): the SIGFPE handler's allowance taken by another
 * signal's frame. The program unmasks SSE's invalid-operation exception, so that converting an
 * out-of-range double traps (its SIGFPE handler rejects the input). A SIGUSR1 handler sets that
 * mask again in its own frame's MXCSR: after the sigreturn the conversion of 1e300 returns
 * INT64_MIN silently, and that index, masked into the dispatch table, reaches the privileged
 * slot 0.
 *
 * Why: "exception masks may be set" is what a SIGFPE handler re-running a faulting instruction
 * needs; granted to any frame, it turns off the checks a program relies on.
 *
 * Expected from sigscope: tampered_context (high, changed fpstate): the allowance is a
 * kernel-raised SIGFPE's only. Host only: QEMU's TCG raises no SIMD exceptions.
 */
#include "mal.h"

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static void (*const table[4])(void) = {(void (*)(void))mal_pwned, benign, benign, benign};

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	uc->uc_mcontext.fpregs->mxcsr |= 0x80u; /* IM: invalid operations no longer trap */
}

static void on_fpe(int sig)
{
	(void)sig;
	mal_say("the out-of-range input was rejected (SIGFPE)");
	_exit(MAL_EXIT_NOTHING);
}

int main(void)
{
	unsigned int mxcsr;
	const double big = 1e300;
	long i;

	mal_init("srop_fp_mask_any", 10);
	mal_handle(SIGUSR1, on_usr1, 0);
	if (signal(SIGFPE, on_fpe) == SIG_ERR)
		mal_die(MAL_EXIT_SETUP, "signal");
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	mxcsr &= ~0x81u; /* unmask invalid operation, clear its flag */
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	mal_raise_here(SIGUSR1);
	__asm__ volatile("cvttsd2si %1, %0" : "=r"(i) : "x"(big));
	table[i & 3]();
	mal_say("the conversion gave %ld", i);
	return MAL_EXIT_NOTHING;
}
