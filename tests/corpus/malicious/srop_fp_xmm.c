/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_xmm (red team rounds 14, 17 and 18, class 2): a handler edits only the frame's FP area.
 * The interrupted code holds a function pointer in xmm0 (as a vectorised copy of a struct of
 * callbacks does) and calls through it after the signal; the handler rewrites xmm0's low quadword
 * in uc_mcontext.fpregs to mal_pwned. Every general register, eflags, cs, ss and uc_stack stay as
 * saved.
 *
 * Why: a rule that compares only the general registers with what the kernel saved never sees the
 * vector registers, which the kernel restores from the same frame.
 *
 * Expected from sigscope: tampered_context (high: changed fpstate, unexplained); no forged_frame,
 * no stack_pivot.
 */
#include "mal.h"

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t *xmm0 = (uint64_t *)&uc->uc_mcontext.fpregs->_xmm[0];

	(void)sig;
	(void)info;
	if (xmm0[0] == (uint64_t)(uintptr_t)benign)
		xmm0[0] = (uint64_t)(uintptr_t)mal_pwned; /* the FP area only */
}

int main(void)
{
	mal_init("srop_fp_xmm", 10);
	mal_handle(SIGUSR1, handler, 0);
	/* tgkill(self, SIGUSR1) is delivered on its way out, with xmm0 holding benign. */
	mal_call_through_xmm0(benign, SIGUSR1);
	mal_say("the call through xmm0 went where it was meant to");
	return MAL_EXIT_NOTHING;
}
