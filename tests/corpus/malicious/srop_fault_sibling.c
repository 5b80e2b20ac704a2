/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fault_sibling (red team round 2, fakefault_sibling): a "synchronous fault" that lands at
 * an arbitrary instruction of a running thread, queued by the process itself. A victim thread
 * spins in `1: nop; jmp 1b`, waiting for an authorisation that never comes. The main thread
 * (tid == tgid: the kernel lets only that sender queue si_code > 0 to the process) blocks SIGSEGV
 * and queues SIGSEGV with si_code SEGV_MAPERR to the process (rt_sigqueueinfo): the victim, the
 * only thread that takes it, gets it at its next return to user mode from an interrupt, at
 * whatever instruction was next. When that is the jmp, the handler moves rip past it (exactly its
 * 2 bytes) and the victim falls into the privileged path (mal_pwned); otherwise it queues again.
 *
 * Why: instruction_skip (low) excused a rip-only move by the decoded length of the instruction a
 * synchronous fault interrupted, and a fault signal with si_code > 0 delivered with orig_ax == -1
 * (outside a syscall, here an interrupt's return) passed for one. No sigreturn is needed to place
 * it (srop_fault_skipwalk's way): the sibling's queueing makes a fault out of any interrupt.
 *
 * Expected from sigscope: tampered_context (high) at the skip, where --enforce stops it; no
 * forged_frame, no stack_pivot.
 */
#include "mal.h"

#include <pthread.h>

extern const char spin_jmp[];
static volatile sig_atomic_t skipped;

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;

	(void)sig;
	if (info->si_code != SEGV_MAPERR)
		_exit(MAL_EXIT_NOTHING); /* a real fault: not ours */
	/* Not at the jmp: the main thread queues another. */
	if (g[REG_RIP] != (greg_t)spin_jmp)
		return;
	g[REG_RIP] += 2; /* jmp rel8: exactly it */
	skipped = 1;
}

static void *victim(void *arg)
{
	(void)arg;
	__asm__ volatile("1:\n\t"
			 "nop\n"
			 ".globl spin_jmp\n"
			 "spin_jmp:\n\t"
			 "jmp 1b\n\t"
			 "call mal_pwned\n\t" ::
			     : "memory");
	__builtin_unreachable();
}

int main(void)
{
	sigset_t segv;
	siginfo_t si;
	pthread_t t;

	mal_init("srop_fault_sibling", 10);
	mal_handle(SIGSEGV, on_segv, 0);
	sigemptyset(&segv);
	sigaddset(&segv, SIGSEGV);
	if (pthread_create(&t, NULL, victim, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	/* After the thread exists (it inherits the mask): only the victim can take it. */
	if (pthread_sigmask(SIG_BLOCK, &segv, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_sigmask");
	for (int i = 0; i < 20000 && !skipped; i++) {
		memset(&si, 0, sizeof(si));
		si.si_signo = SIGSEGV;
		si.si_code = SEGV_MAPERR;
		if (syscall(SYS_rt_sigqueueinfo, getpid(), SIGSEGV, &si))
			mal_die(MAL_EXIT_SETUP, "rt_sigqueueinfo");
		usleep(200);
	}
	if (!skipped) {
		mal_say("the queued faults never landed on the jmp");
		_exit(MAL_EXIT_NOTHING);
	}
	pause(); /* the victim exits the process from mal_pwned */
	_exit(MAL_EXIT_NOTHING);
}
