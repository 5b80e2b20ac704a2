/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * scope_rename: scope escape through a rename (issue 8, class 7). Scoped mode: the runner starts
 * `sigscope -c scope_rename` first, then this program (comm "scope_rename", in scope from its
 * exec), then sends the go. It renames itself with prctl(PR_SET_NAME, "innocent") and does the
 * SROP of srop_libc_restorer.
 *
 * Why: a comm filter that is evaluated at each event is left by one prctl. Scope must be sticky:
 * a task in scope stays in scope through a rename.
 *
 * Expected from sigscope: forged_frame >= critical for the pid (its comm now "innocent"); under
 * --enforce, SIGKILL before mal_pwned runs (no marker).
 */
#include "mal.h" /* first: it defines _GNU_SOURCE */

#include <sys/prctl.h>

static __attribute__((noinline, noreturn)) void attack(void)
{
	char area[32768] __attribute__((aligned(16)));

	if (prctl(PR_SET_NAME, "innocent", 0, 0, 0))
		mal_die(MAL_EXIT_SETUP, "prctl(PR_SET_NAME)");
	mal_say("renamed to \"innocent\"");
	mal_libc_srop(area);
}

int main(void)
{
	mal_init("scope_rename", 10);
	mal_wait_go();
	attack();
}
