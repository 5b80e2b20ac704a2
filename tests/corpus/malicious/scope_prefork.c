/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * scope_prefork: scope escape through a child forked BEFORE the attach (red team round 5,
 * attach_child). Attach mode: the process forks a worker, as a pre-fork server does, then says
 * ready; the runner runs `sigscope -p PID` on the parent. After the go the parent passes it on,
 * and the worker does the SROP of srop_libc_restorer. The parent exits as the worker did (128 +
 * the signal when it was killed), so the runner sees the attacker's fate in its status.
 *
 * Why: capture_threads marked only the threads of PID itself; a worker forked before the attach
 * was never in scope, so an attacker who owns a worker of a watched server went unjudged.
 *
 * Expected from sigscope: forged_frame >= critical for the WORKER's pid; under --enforce the
 * worker is killed by SIGKILL before mal_pwned runs (no marker, parent exits 137).
 */
#include "mal.h"

static __attribute__((noinline, noreturn)) void worker(void)
{
	char area[32768] __attribute__((aligned(16)));

	mal_take_go(); /* passed on by the parent */
	alarm(10);     /* alarms are not inherited */
	mal_libc_srop(area);
}

int main(void)
{
	sigset_t go;
	pid_t child;

	mal_init("scope_prefork", 10);
	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &go, NULL)) /* the worker inherits it blocked */
		mal_die(MAL_EXIT_SETUP, "sigprocmask");
	child = fork();
	if (child < 0)
		mal_die(MAL_EXIT_SETUP, "fork");
	if (child == 0)
		worker();
	mal_say("attacker pid %d", (int)child);
	mal_wait_go();
	if (kill(child, SIGUSR2))
		mal_die(MAL_EXIT_SETUP, "kill");
	mal_exit_as_child(child);
}
