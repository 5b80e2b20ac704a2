/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_nested (class 2): as srop_fp_xmm, but the handler first takes a nested signal (raised
 * inside it, handled and returned from) and only then rewrites xmm0 in its own frame. The nested
 * delivery is the thread's newest while it runs: whatever a monitor keeps of the outer frame's FP
 * area must survive it.
 *
 * Why: a baseline kept only for the newest delivery is gone when the outer sigreturn comes.
 *
 * Expected from sigscope: tampered_context (high: changed fpstate) on the outer sigreturn; the
 * nested one is clean.
 */
#include "mal.h"

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static volatile sig_atomic_t inner_ran;

static void inner(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	(void)ucv;
	inner_ran = 1;
}

static void outer(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t *xmm0 = (uint64_t *)&uc->uc_mcontext.fpregs->_xmm[0];

	(void)sig;
	(void)info;
	mal_raise_here(SIGUSR2); /* nested: delivered before tgkill returns */
	if (inner_ran && xmm0[0] == (uint64_t)(uintptr_t)benign)
		xmm0[0] = (uint64_t)(uintptr_t)mal_pwned;
}

int main(void)
{
	mal_init("srop_fp_nested", 10);
	mal_handle(SIGUSR2, inner, 0);
	mal_handle(SIGUSR1, outer, SA_NODEFER);
	mal_call_through_xmm0(benign, SIGUSR1);
	mal_say(inner_ran ? "the call through xmm0 went where it was meant to"
			  : "the nested signal never ran");
	return MAL_EXIT_NOTHING;
}
