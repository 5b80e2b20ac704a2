/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_unmask_skip (red team round 21, class 2): a frame write clears MXCSR's precision
 * exception mask. The interrupted code's next inexact division then faults for real: a SIGFPE
 * the kernel raised itself, outside any syscall, on the division's own rip. Its handler (here
 * the program's, standing in for a second write) moves rip past exactly that instruction, an
 * "instruction skip" that alone is explained, and the quotient register keeps its stale 0: the
 * check `ratio < 1.0` that follows grants what it guards.
 *
 * Why: unmasking an exception makes the kernel fault where the attacker likes, the primitive
 * that setting eflags.TF or AC gives and that is judged there.
 *
 * Expected from sigscope: tampered_context (high, changed fpstate) at the first sigreturn;
 * under --enforce the process dies before the division.
 */
#include "mal.h"

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	uc->uc_mcontext.fpregs->mxcsr &= ~0x1000u; /* PM: inexact results fault */
}

static void on_fpe(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	uc->uc_mcontext.gregs[REG_RIP] += 4; /* divsd %xmm1,%xmm0: f2 0f 5e c1 */
	uc->uc_mcontext.fpregs->mxcsr |= 0x1000u;
	uc->uc_mcontext.fpregs->mxcsr &= ~0x3fu;
}

int main(void)
{

	mal_init("srop_fp_unmask_skip", 10);
	mal_handle(SIGUSR1, on_usr1, 0);
	mal_handle(SIGFPE, on_fpe, 0);
	mal_raise_here(SIGUSR1);
	mal_inexact_ratio_guard();
	return MAL_EXIT_NOTHING;
}
