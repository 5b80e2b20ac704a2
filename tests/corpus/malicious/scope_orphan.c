/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * scope_orphan (red team round 10, a5_scope_root_exit): a server that forks a worker and exits,
 * as a daemon does; the worker, now an orphan, does ordinary SROP through glibc's __restore_rt
 * half a second later.
 *
 * Why it got through: sigscope ended its run when the command (or the -p target) exited, so the
 * orphan's attack ran with nobody watching. A run on a command or a -p target now goes on while
 * any process of its scope lives (the kernel side counts them), and judges the orphan.
 *
 * Expected from sigscope: forged_frame >= critical for the attacker's pid; under --enforce the
 * attacker is killed before mal_pwned runs (no marker). The parent's own status is 0: it exits
 * first, before anything happens (run_malicious.py "orphan").
 */
#include "mal.h"

static __attribute__((noinline, noreturn)) void attack(void)
{
	char area[32768] __attribute__((aligned(16)));

	mal_libc_srop(area);
}

int main(void)
{
	pid_t child;

	mal_init("scope_orphan", 10);
	child = fork();
	if (child < 0)
		mal_die(MAL_EXIT_SETUP, "fork");
	if (child == 0) {
		alarm(10); /* alarms are not inherited */
		mal_say("attacker pid %d", (int)getpid());
		usleep(500000); /* the parent is long gone */
		attack();
	}
	mal_say("the parent exits, leaving its worker %d", (int)child);
	return MAL_EXIT_OK;
}
