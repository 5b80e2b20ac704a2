/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_tracer_signalled (red team round 42): srop_tracer_cover's supervisor, which only passes
 * signals on, and a handler that makes it stop the thread: the handler sends its own thread a
 * signal it blocks (SIGUSR1, its own: pending, never a stop) and one that stops it at once
 * (SIGWINCH, ignored, but queued for a traced thread), then the frame is redirected.
 *
 * Why: `tracer` counted every signal generated for a traced thread as a stop in which its tracer
 * could have edited the frame. Anyone who may signal the process makes such stops, and a tracer
 * that only passes signals on edits nothing in them: only a signal the tracer sends itself, or
 * a trap of the thread's own code (a breakpoint, a step), is a stop of the tracer's doing.
 *
 * Expected from sigscope: tampered_context (high, unexplained); killed under --enforce.
 */
#include "mal.h"

#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static volatile sig_atomic_t signalled;

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	if (signalled++) /* the pending SIGUSR1, after the redirect: let it be */
		return;
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);  /* blocked: pending */
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGWINCH); /* a stop, passed on */
	uc->uc_mcontext.gregs[REG_RSP] = (uc->uc_mcontext.gregs[REG_RSP] & ~15LL) - 8;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)mal_pwned;
}

/* The supervisor: seize the parent, then pass every signal on unchanged. */
static __attribute__((noreturn)) void supervise(pid_t traced, int ready)
{
	int st;

	if (ptrace(PTRACE_SEIZE, traced, 0, 0))
		_exit(MAL_EXIT_SETUP);
	if (write(ready, "s", 1) != 1)
		_exit(MAL_EXIT_SETUP);
	for (;;) {
		if (waitpid(traced, &st, __WALL) < 0 || WIFEXITED(st) || WIFSIGNALED(st))
			_exit(0);
		if (WIFSTOPPED(st))
			ptrace(PTRACE_CONT, traced, 0, (void *)(long)(st >> 16 ? 0 : WSTOPSIG(st)));
	}
}

int main(void)
{
	int allowed[2], seized[2];
	pid_t me = getpid(), child;
	char c;

	mal_init("srop_tracer_signalled", 10);
	if (pipe(allowed) || pipe(seized))
		mal_die(MAL_EXIT_SETUP, "pipe");
	child = fork();
	if (child < 0)
		mal_die(MAL_EXIT_SETUP, "fork");
	if (child == 0) {
		if (read(allowed[0], &c, 1) != 1)
			_exit(MAL_EXIT_SETUP);
		supervise(me, seized[1]);
	}
	if (prctl(PR_SET_PTRACER, child, 0, 0, 0) && errno != EINVAL)
		mal_die(MAL_EXIT_SETUP, "PR_SET_PTRACER");
	if (write(allowed[1], "g", 1) != 1 || read(seized[0], &c, 1) != 1)
		mal_die(MAL_EXIT_SETUP, "the supervisor did not start");
	mal_handle(SIGUSR1, on_usr1, 0);
	raise(SIGUSR1);
	mal_say("the redirect was not applied");
	return MAL_EXIT_NOTHING;
}
