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

int main(void)
{
	sigset_t segv;
	siginfo_t si;
	pthread_t t;

	mal_init("srop_fault_sibling", 10);
	mal_handle(SIGSEGV, mal_skip_spin_jmp, 0);
	sigemptyset(&segv);
	sigaddset(&segv, SIGSEGV);
	if (pthread_create(&t, NULL, mal_spin_victim, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	/* After the thread exists (it inherits the mask): only the victim can take it. */
	if (pthread_sigmask(SIG_BLOCK, &segv, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_sigmask");
	for (int i = 0; i < 20000 && !mal_spin_skipped; i++) {
		memset(&si, 0, sizeof(si));
		si.si_signo = SIGSEGV;
		si.si_code = SEGV_MAPERR;
		if (syscall(SYS_rt_sigqueueinfo, getpid(), SIGSEGV, &si))
			mal_die(MAL_EXIT_SETUP, "rt_sigqueueinfo");
		usleep(200);
	}
	if (!mal_spin_skipped) {
		mal_say("the queued faults never landed on the jmp");
		_exit(MAL_EXIT_NOTHING);
	}
	pause(); /* the victim exits the process from mal_pwned */
	_exit(MAL_EXIT_NOTHING);
}
