/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * scope_fork: scope escape through fork (issue 8, class 7). Attach mode: the runner runs
 * `sigscope -p PID` on this process; after the go it forks, and the child (born after the
 * attach, a descendant of the watched process) does the SROP of srop_libc_restorer. The child
 * prints "scope_fork: attacker pid N"; the parent waits and exits as the child did (128 + the
 * signal when it was killed), so the runner sees the attacker's fate in the parent's status.
 *
 * Why: with -p PID sigscope watches one pid; a process that forks before it attacks leaves the
 * scope. Scope must be inherited by descendants (as Tracee's `follow`).
 *
 * Expected from sigscope: forged_frame >= critical for the CHILD's pid; under --enforce the child
 * is killed by SIGKILL before mal_pwned runs (no marker, parent exits 137).
 */
#include "mal.h"

static __attribute__((noinline, noreturn)) void attack(void)
{
	char area[32768] __attribute__((aligned(16)));

	mal_say("attacker pid %d", (int)getpid());
	mal_libc_srop(area);
}

int main(void)
{
	pid_t child;

	mal_init("scope_fork", 10);
	mal_wait_go();
	child = fork();
	if (child < 0)
		mal_die(MAL_EXIT_SETUP, "fork");
	if (child == 0) {
		alarm(10); /* alarms are not inherited */
		attack();
	}
	mal_exit_as_child(child);
}
