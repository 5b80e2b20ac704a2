/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_replay: replay of a genuine frame. A real SIGUSR1 is delivered; its handler copies the
 * frame the kernel wrote (struct rt_sigframe: pretcode, ucontext, siginfo; 440 bytes from
 * ucontext - 8) and returns normally, so that delivery is over. Later the copy is replayed through
 * the libc restorer with one change: rip = mal_pwned. Everything else (rsp, the other registers,
 * the signal mask, siginfo) is what the kernel itself saved. The fpstate pointer in the copy
 * points at the original frame's FP area, which is dead stack by now: it is set to 0, which the
 * kernel accepts as "clear the FP state".
 *
 * Expected from sigscope: forged_frame (critical): no outstanding delivery wrote this frame, even
 * though it is byte for byte one a delivery wrote (but for rip and fpstate). The call site is the
 * restorer the delivery used, and rsp is the interrupted stack pointer: nothing else to see.
 */
#include "mal.h"

static struct k_rt_sigframe64 saved;
static volatile sig_atomic_t copied;
static void *restorer;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	memcpy(&saved, (char *)ucv - 8, sizeof(saved));
	/* The return address the kernel pushed: the restorer this delivery used. */
	restorer = (void *)saved.pretcode;
	copied = 1;
}

/* A separate frame for the replay: the copy goes on the stack below main's. */
static __attribute__((noinline, noreturn)) void replay(void)
{
	struct k_rt_sigframe64 frame __attribute__((aligned(16)));

	frame = saved;
	frame.uc.uc_mcontext.rip = (uint64_t)mal_pwned;
	frame.uc.uc_mcontext.fpstate = 0;
	mal_say(
	    "replaying the frame of that delivery at %p through %p: rip %p (was %#lx), rsp %#lx",
	    (void *)&frame, restorer, (void *)mal_pwned, (unsigned long)saved.uc.uc_mcontext.rip,
	    (unsigned long)frame.uc.uc_mcontext.rsp);
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "jmp *%1\n\t"
			 :
			 : "r"(&frame.uc), "r"(restorer)
			 : "memory");
	__builtin_unreachable();
}

int main(void)
{
	struct sigaction sa;

	mal_init("srop_replay", 10);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaction");
	if (syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR1))
		mal_die(MAL_EXIT_SETUP, "tgkill");
	if (!copied) {
		mal_say("the signal was not delivered");
		return MAL_EXIT_NOTHING;
	}
	mal_say("genuine frame copied (rip %#lx, rsp %#lx, fpstate %#lx), handler returned",
		(unsigned long)saved.uc.uc_mcontext.rip, (unsigned long)saved.uc.uc_mcontext.rsp,
		(unsigned long)saved.uc.uc_mcontext.fpstate);
	replay();
}
