/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_tracer_cover (red team round 41): a process traced for its whole life by a supervisor that
 * only passes its signals on (a crash reporter, a sandbox: PR_SET_PTRACER, PTRACE_SEIZE, then
 * PTRACE_CONT with each signal). A SIGUSR1 handler's frame is redirected to mal_pwned, a plain
 * redirect of an asynchronous signal's frame that nothing in the closed list explains.
 *
 * Why: `tracer` (medium, not killed) was given to any change in a thread that was traced at its
 * delivery or its sigreturn, whether or not the tracer ever stopped it in between. A tracer
 * that resumes the thread with PTRACE_CONT never stops it inside the handler, where it could
 * have edited the frame: the cover is only for a stop seen since the delivery (a signal's) or a
 * tracer that stops the thread at every syscall (PTRACE_SYSCALL, at the delivery or now).
 *
 * Expected from sigscope: tampered_context (high, unexplained); killed under --enforce.
 */
#include "mal.h"

#ifndef TRACER_NAME
#define TRACER_NAME "srop_tracer_cover"
#endif

#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

static volatile sig_atomic_t signalled;

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	if (signalled++) /* srop_tracer_signalled's pending SIGUSR1, after the redirect */
		return;
#ifdef TRACER_SIGNAL_SELF
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);  /* blocked: pending */
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGWINCH); /* a stop, passed on */
#endif
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

	mal_init(TRACER_NAME, 10);
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
