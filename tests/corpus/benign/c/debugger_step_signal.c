/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * debugger_step_signal (red team round 30, a false positive): a debugger single-steps into a
 * signal handler, as gdb's `stepi` or `next` does at a stopped signal, and as `record full`
 * does for every signal. The tracee stops at SIGUSR1; the tracer resumes it with
 * PTRACE_SINGLESTEP and the signal, so the handler's first instruction traps; then it lets the
 * tracee run. The kernel switches off the debugger's single step (TIF_FORCED_TF) before it
 * writes the frame, so the frame holds TF clear where the interrupted registers had it set.
 *
 * Self-checks: every handler ran and returned, the tracee stopped after one step each time, and
 * it exited 0. Expected from sigscope: no finding above low, nothing killed (it was: the frame's
 * TF, cleared by the kernel, was taken for the handler clearing a single-step monitor's flag).
 */
#include "benign.h"

#include <sys/ptrace.h>
#include <sys/wait.h>

#define ROUNDS 20

static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static int tracee(void)
{
	bn_install(SIGUSR1, (void *)on_usr1, 0);
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
		bn_die("PTRACE_TRACEME");
	for (int i = 0; i < ROUNDS; i++)
		bn_raise(SIGUSR1);
	return handled == ROUNDS ? 0 : 1;
}

int main(void)
{
	int status, steps = 0;
	pid_t child;

	bn_init("debugger_step_signal", 30);
	child = fork();
	if (child < 0)
		bn_die("fork");
	if (child == 0)
		_exit(tracee());
	for (;;) {
		if (waitpid(child, &status, 0) != child)
			bn_die("waitpid");
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		if (WSTOPSIG(status) == SIGUSR1) {
			/* Into the handler by one step, the signal delivered with it. */
			if (ptrace(PTRACE_SINGLESTEP, child, NULL, (void *)(long)SIGUSR1))
				bn_die("PTRACE_SINGLESTEP");
			if (waitpid(child, &status, 0) != child)
				bn_die("waitpid");
			BN_CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTRAP,
				 "the step stopped with status %#x, not SIGTRAP", status);
			steps++;
		}
		if (ptrace(PTRACE_CONT, child, NULL, NULL))
			bn_die("PTRACE_CONT");
	}
	BN_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		 "the tracee ended with status %#x (killed: %d)", status,
		 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	BN_CHECK(steps == ROUNDS, "%d of %d steps into the handler", steps, ROUNDS);
	return bn_finish();
}
