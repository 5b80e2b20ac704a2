/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * scope_exec: scope escape through exec (issue 8, class 7). After the go (attach mode with
 * `sigscope -p PID`, or scoped mode with `sigscope -c scope_exec`) the process execs
 * srop_libc_restorer from its own directory: same pid, new image, new comm
 * ("srop_libc_resto"), which then does its SROP.
 *
 * Why: exec drops per-thread state and changes the comm; a task in scope must stay in scope
 * through exec (by -p and by -c alike).
 *
 * Expected from sigscope: forged_frame >= critical for the pid; under --enforce, SIGKILL before
 * mal_pwned runs (no marker).
 */
#include "mal.h" /* first: it defines _GNU_SOURCE */

#include <libgen.h>
#include <limits.h>

int main(void)
{
	char self[PATH_MAX], target[PATH_MAX + 32];
	ssize_t n;

	mal_init("scope_exec", 10);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		mal_die(MAL_EXIT_SETUP, "readlink /proc/self/exe");
	self[n] = '\0';
	snprintf(target, sizeof(target), "%s/srop_libc_restorer", dirname(self));
	if (access(target, X_OK))
		mal_die(MAL_EXIT_SETUP, target);
	mal_wait_go();
	mal_say("exec %s", target);
	alarm(0);
	execl(target, target, (char *)NULL);
	mal_die(MAL_EXIT_SETUP, "execl");
}
