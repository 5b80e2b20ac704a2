/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_intdiv_mask (red team round 25, idea A): the SIGFPE allowance taken by an integer
 * division's frame. The program unmasks SSE's invalid-operation exception, so that converting an
 * out-of-range double traps (its SIGFPE handler rejects the input). An integer division by zero
 * raises a genuine SIGFPE (#DE, FPE_INTDIV); its handler skips the idiv (explained) and also
 * masks invalid operations in its frame's MXCSR. The conversion of 1e300 then returns INT64_MIN
 * silently, and that index reaches the privileged slot.
 *
 * Why: "exception masks may be set, flags cleared" is what a handler of an FP exception needs
 * for the unit that raised it; an integer fault, or the other unit's, needs none of it.
 *
 * Expected from sigscope: tampered_context (high, changed fpstate): the allowance is an x87
 * exception's for FCW and FSW, a SIMD exception's for MXCSR, and only for the exceptions
 * flagged. Host only: QEMU's TCG raises no SIMD exceptions.
 */
#include "mal.h"

static volatile long divisor; /* 0: the idiv faults */

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static void (*const table[4])(void) = {(void (*)(void))mal_pwned, benign, benign, benign};

static void on_fpe(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if (info->si_code == FPE_INTDIV) {
		uc->uc_mcontext.gregs[REG_RIP] += 3; /* idivq %rcx: 48 f7 f9 */
		uc->uc_mcontext.fpregs->mxcsr |=
		    0x80u; /* the tamper: IM, invalid no longer traps */
		return;
	}
	mal_say("the out-of-range input was rejected (SIGFPE)");
	_exit(MAL_EXIT_NOTHING);
}

int main(void)
{
	unsigned int mxcsr;
	const double big = 1e300;
	long i, q;

	mal_init("srop_fp_intdiv_mask", 10);
	mal_handle(SIGFPE, on_fpe, 0);
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	mxcsr &= ~0x81u; /* unmask invalid operation, clear its flag */
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	__asm__ volatile("cqo\n\t"
			 ".byte 0x48, 0xf7, 0xf9\n\t" /* idivq %rcx */
			 : "=a"(q)
			 : "a"(10L), "c"(divisor)
			 : "rdx");
	__asm__ volatile("cvttsd2si %1, %0" : "=r"(i) : "x"(big));
	table[i & 3]();
	mal_say("the conversion gave %ld (q %ld)", i, q);
	return MAL_EXIT_NOTHING;
}
