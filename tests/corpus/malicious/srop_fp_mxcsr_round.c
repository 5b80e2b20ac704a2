/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_mxcsr_round (red team round 21, class 2): a handler changes only MXCSR's rounding
 * control in the frame's FP area, to round up. The interrupted code converts 2.3 to an index
 * with cvtsd2si (which rounds as MXCSR says) and calls through a table: table[2] is benign,
 * table[3] the attacker's.
 *
 * Why: the control words steer what a program computes; leaving them unjudged as "no data"
 * lets a frame write turn a rounding into control flow.
 *
 * Expected from sigscope: tampered_context (high, changed fpstate): only exception flags may be
 * cleared and masks set there.
 */
#include "mal.h"

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static void (*const table[4])(void) = {benign, benign, benign, (void (*)(void))mal_pwned};

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	uc->uc_mcontext.fpregs->mxcsr = (uc->uc_mcontext.fpregs->mxcsr & ~0x6000u) | 0x4000u;
}

int main(void)
{
	const double x = 2.3;
	long i;

	mal_init("srop_fp_mxcsr_round", 10);
	mal_handle(SIGUSR1, handler, 0);
	mal_raise_here(SIGUSR1);
	__asm__ volatile("cvtsd2si %1, %0" : "=r"(i) : "x"(x));
	table[i & 3]();
	mal_say("cvtsd2si rounded 2.3 to %ld", i);
	return MAL_EXIT_NOTHING;
}
