/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fault_skipwalk (red team round 2, skipwalk): an authorisation check walked over one
 * instruction at a time by "synchronous faults" that never happened. The check is `cmp $0,%r8d;
 * jne deny` with r8d = 1000 (only uid 0 may pass). A SIGUSR1 handler that blocks SIGSEGV queues
 * itself SIGSEGV with a kernel-looking si_code (SEGV_MAPERR, rt_tgsigqueueinfo to its own tid);
 * it stays pending until the handler's rt_sigreturn restores a mask that unblocks it, and is then
 * delivered at the restored rip, the cmp. The SIGSEGV handler moves rip past "the faulting
 * instruction" (exactly its length) and queues the next one, blocked while it runs: its own
 * sigreturn's exit delivers it at the jne before any instruction ran. Two skips later the
 * privileged path (mal_pwned) runs without the check.
 *
 * Why: instruction_skip (low) excused a rip-only move by the decoded length of the instruction a
 * synchronous fault interrupted, and a fault was "synchronous" when a fault signal with si_code > 0
 * arrived with orig_ax == -1 (outside a syscall). rt_sigreturn sets orig_ax = -1 itself, and a
 * process can queue itself such a signal: a fault it queued explains nothing. Nothing bounded how
 * many skips chain back to back either (the red team walked 3,399 instructions through libc).
 *
 * Expected from sigscope: tampered_context (high) at each skip (unexplained: a queued fault is
 * no fault), where --enforce stops the first; no forged_frame, no stack_pivot.
 */
#include "mal.h"

extern const char walk_cmp[], walk_jne[], walk_end[];
/* The instruction boundaries the walk steps through, in order. */
static const char *const walk[] = {walk_cmp, walk_jne, walk_end};
static volatile sig_atomic_t steps;

/* SIGSEGV with si_code SEGV_MAPERR to this thread, as a kernel fault would read. */
static void queue_fake_fault(void)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSEGV;
	si.si_code = SEGV_MAPERR;
	if (syscall(SYS_rt_tgsigqueueinfo, getpid(), (pid_t)syscall(SYS_gettid), SIGSEGV, &si))
		mal_die(MAL_EXIT_SETUP, "rt_tgsigqueueinfo");
}

static __attribute__((noreturn, used, force_align_arg_pointer)) void deny(void)
{
	mal_say("denied: the check ran after %d skips", (int)steps);
	_exit(MAL_EXIT_NOTHING);
}

/* SIGSEGV is blocked here (sa_mask): the fault stays pending until this handler's sigreturn. */
static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	(void)ucv;
	queue_fake_fault();
}

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;
	unsigned i;

	(void)sig;
	if (info->si_code != SEGV_MAPERR)
		_exit(MAL_EXIT_NOTHING); /* a real fault: not ours */
	for (i = 0; i + 1 < sizeof(walk) / sizeof(walk[0]); i++)
		if (g[REG_RIP] == (greg_t)walk[i])
			break;
	/* Delivered elsewhere: the walk lost its place. */
	if (i + 1 == sizeof(walk) / sizeof(walk[0]))
		_exit(MAL_EXIT_NOTHING);
	g[REG_RIP] = (greg_t)walk[i + 1]; /* exactly one instruction */
	steps++;
	if (i + 2 < sizeof(walk) / sizeof(walk[0]))
		queue_fake_fault(); /* blocked while this runs: delivered at its sigreturn's exit */
}

int main(void)
{
	struct sigaction sa;

	mal_init("srop_fault_skipwalk", 10);
	mal_handle(SIGSEGV, on_segv, 0); /* blocked while it runs (no SA_NODEFER) */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGSEGV);
	if (sigaction(SIGUSR1, &sa, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaction");
	/* uid 1000 asks; only 0 may pass. The tgkill's handler starts the walk at the cmp. */
	__asm__ volatile("mov $1000, %%r8d\n\t"
			 "mov %0, %%edi\n\t"
			 "mov %1, %%esi\n\t"
			 "mov %2, %%edx\n\t"
			 "mov $234, %%eax\n\t" /* SYS_tgkill */
			 "syscall\n"
			 ".globl walk_cmp\n"
			 "walk_cmp:\n\t"
			 "cmp $0, %%r8d\n"
			 ".globl walk_jne\n"
			 "walk_jne:\n\t"
			 "jne 1f\n"
			 ".globl walk_end\n"
			 "walk_end:\n\t"
			 "call mal_pwned\n"
			 "1:\n\t"
			 "call deny\n\t"
			 :
			 : "r"(getpid()), "r"((int)syscall(SYS_gettid)), "i"(SIGUSR1)
			 : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r11", "memory");
	__builtin_unreachable();
}
