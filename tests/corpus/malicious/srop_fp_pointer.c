/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_pointer (class 2): the handler leaves the FP area the kernel wrote untouched and points
 * the frame's uc_mcontext.fpstate at a copy of it in the heap, with xmm0 changed. The kernel
 * restores the FP state from wherever that pointer says. The interrupted code calls through xmm0
 * after the signal, as in srop_fp_xmm.
 *
 * Why: a check that compares the area the kernel wrote, at the address it wrote it, with what it
 * held at delivery sees no change; the kernel reads another one.
 *
 * Expected from sigscope: tampered_context (high: changed fpstate); no forged_frame.
 */
#include "mal.h"

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static unsigned char *copy;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	struct k_rt_sigframe64 *f = mal_genuine_frame(ucv);
	const unsigned char *area = (const unsigned char *)uc->uc_mcontext.fpregs;
	uint64_t *xmm0;

	(void)sig;
	(void)info;
	/* The whole area (4 KiB covers the xstate of every CPU without AMX), 64-aligned. */
	memcpy(copy, area, 4096);
	xmm0 = (uint64_t *)(copy + 160); /* fxsave: xmm0 at 160 */
	if (xmm0[0] == (uint64_t)(uintptr_t)benign) {
		xmm0[0] = (uint64_t)(uintptr_t)mal_pwned;
		f->uc.uc_mcontext.fpstate = (uint64_t)(uintptr_t)copy;
	}
}

int main(void)
{
	mal_init("srop_fp_pointer", 10);
	if (posix_memalign((void **)&copy, 64, 8192))
		mal_die(MAL_EXIT_SETUP, "posix_memalign");
	mal_handle(SIGUSR1, handler, 0);
	mal_call_through_xmm0(benign, SIGUSR1);
	mal_say("the call through xmm0 went where it was meant to");
	return MAL_EXIT_NOTHING;
}
