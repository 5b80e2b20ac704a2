/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_sigsys_queued: an "emulated syscall" the kernel never trapped. The program blocks SIGSYS
 * and queues itself one with si_code SYS_SECCOMP (rt_sigqueueinfo: si_code > 0 is allowed to
 * oneself), then unblocks it with a raw rt_sigprocmask whose result its code calls through
 * (`syscall; test %rax,%rax; jz 1f; call *%rax`). The SIGSYS is delivered at that syscall's
 * exit, and its handler writes mal_pwned into the saved rax, as a seccomp emulator writes the
 * emulated result.
 *
 * Why: a SIGSYS handler's new rax is explained only for a syscall the kernel really refused to
 * run (seccomp's SECCOMP_RET_TRAP, Syscall User Dispatch). The siginfo alone proves nothing:
 * only a SIGSYS the thread raised on itself, outside the syscalls that queue a siginfo, does.
 *
 * Expected from sigscope: tampered_context (high: rax changed, unexplained); no forged_frame, no
 * stack_pivot.
 */
#include "mal.h"

#define SYS_SECCOMP_CODE 1

extern const char sigsys_after[];
static volatile sig_atomic_t edited;

static void on_sigsys(int sig, siginfo_t *info, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;

	(void)sig;
	if (info->si_code != SYS_SECCOMP_CODE || g[REG_RIP] != (greg_t)sigsys_after)
		return;
	g[REG_RAX] = (greg_t)mal_pwned; /* the "emulated" result */
	edited = 1;
}

int main(void)
{
	sigset_t sys;
	siginfo_t si;
	long r;

	mal_init("srop_sigsys_queued", 10);
	mal_handle(SIGSYS, on_sigsys, 0);
	sigemptyset(&sys);
	sigaddset(&sys, SIGSYS);
	if (sigprocmask(SIG_BLOCK, &sys, NULL))
		mal_die(MAL_EXIT_SETUP, "sigprocmask");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSYS;
	si.si_code = SYS_SECCOMP_CODE;
	if (syscall(SYS_rt_sigqueueinfo, getpid(), SIGSYS, &si))
		mal_die(MAL_EXIT_SETUP, "rt_sigqueueinfo");
	{
		register long r10 __asm__("r10") = 8;

		/* rt_sigprocmask(SIG_UNBLOCK, &sys, NULL, 8): SIGSYS lands at its exit */
		__asm__ volatile("syscall\n"
				 ".globl sigsys_after\n"
				 "sigsys_after:\n\t"
				 "test %%rax, %%rax\n\t"
				 "jz 1f\n\t"
				 "call *%%rax\n"
				 "1:"
				 : "=a"(r)
				 : "a"((long)SYS_rt_sigprocmask), "D"((long)SIG_UNBLOCK), "S"(&sys),
				   "d"(0L), "r"(r10)
				 : "rcx", "r11", "memory", "cc");
	}
	mal_say(edited ? "edited, the call did not run" : "no SIGSYS at the syscall's exit");
	_exit(MAL_EXIT_NOTHING);
}
