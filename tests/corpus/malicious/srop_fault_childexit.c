/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fault_childexit: a "synchronous fault" the kernel itself raises at an arbitrary
 * instruction, without any syscall that queues a siginfo. A child's exit signal can be any
 * signal (clone's exit_signal): the kernel tells the parent of the child's exit with that signal
 * and si_code CLD_EXITED, which is 1, the value of SEGV_MAPERR. A victim thread spins in
 * `1: nop; jmp 1b`; the main thread blocks SIGSEGV and forks children whose exit signal is
 * SIGSEGV, so each exit lands on the victim at its next return to user mode from an interrupt.
 * When that is at the jmp, the handler moves rip past it (exactly its 2 bytes) and the victim
 * falls into the privileged path (mal_pwned).
 *
 * Why: srop_fault_sibling's fix marked fault signals queued by rt_sigqueueinfo and kin; a fault
 * signal the kernel sent for another reason, with a positive si_code, still passed for a fault of
 * the instruction at rip. Only a signal the faulting thread raised on itself, for itself, is a
 * fault's.
 *
 * Expected from sigscope: tampered_context (high) at the skip, where --enforce stops it; no
 * forged_frame, no stack_pivot.
 */
#include "mal.h"

#include <pthread.h>
#include <sys/wait.h>

int main(void)
{
	sigset_t segv;
	pthread_t t;

	mal_init("srop_fault_childexit", 10);
	mal_handle(SIGSEGV, mal_skip_spin_jmp, 0);
	sigemptyset(&segv);
	sigaddset(&segv, SIGSEGV);
	if (pthread_create(&t, NULL, mal_spin_victim, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	/* After the thread exists (it inherits the mask): only the victim can take it. */
	if (pthread_sigmask(SIG_BLOCK, &segv, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_sigmask");
	for (int i = 0; i < 20000 && !mal_spin_skipped; i++) {
		/* fork() with SIGSEGV as the exit signal: the child exits at once */
		long pid = syscall(SYS_clone, (long)SIGSEGV, 0L, 0L, 0L, 0L);

		if (pid < 0)
			mal_die(MAL_EXIT_SETUP, "clone");
		if (pid == 0)
			syscall(SYS_exit, 0);
		while (waitpid((pid_t)pid, NULL, __WALL) < 0 && errno == EINTR)
			;
		usleep(200);
	}
	if (!mal_spin_skipped) {
		mal_say("the child exits never landed on the jmp");
		_exit(MAL_EXIT_NOTHING);
	}
	pause(); /* the victim exits the process from mal_pwned */
	_exit(MAL_EXIT_NOTHING);
}
