/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * cli_fork N: for tests/e2e/run_cli.py (`sigscope -- COMMAND` follows descendants). Sends itself
 * one SIGUSR1, then forks a child that waits for one byte on stdin (EOF: goes on at once) and sends
 * itself N SIGUSR2; the parent waits for it. Ground truth: one e2e.h summary line each, "cli_fork"
 * for the parent and "cli_fork_child" for the child (with its pid).
 */
#include "e2e.h"

#include <sys/wait.h>

static volatile int handled;

static void handler(int sig)
{
	(void)sig;
	handled++;
}

int main(int argc, char **argv)
{
	int i, n, status;
	pid_t pid;
	char c;

	if (argc != 2 || (n = atoi(argv[1])) < 0) {
		fprintf(stderr, "usage: cli_fork N\n");
		return 2;
	}
	e2e_open();
	e2e_install(SIGUSR1, (void *)handler, 0, NULL);
	e2e_install(SIGUSR2, (void *)handler, 0, NULL);
	if (syscall(SYS_tgkill, getpid(), e2e_gettid(), SIGUSR1))
		e2e_die("tgkill");
	pid = fork();
	if (pid < 0)
		e2e_die("fork");
	if (pid == 0) {
		handled = 0;
		while (read(0, &c, 1) < 0 && errno == EINTR)
			;
		for (i = 0; i < n; i++)
			if (syscall(SYS_tgkill, getpid(), e2e_gettid(), SIGUSR2))
				e2e_die("tgkill");
		E2E_CHECK(handled == n, "child handled %d of %d", handled, n);
		return e2e_summary("cli_fork_child", handled, handled, ",\"expect_exit\":0");
	}
	if (waitpid(pid, &status, 0) != pid)
		e2e_die("waitpid");
	E2E_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	return e2e_summary("cli_fork", handled, handled, ",\"expect_exit\":0");
}
