/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * cli_wait N [COMM]: for tests/e2e/run_cli.py. Sets its comm to COMM (prctl PR_SET_NAME, any
 * bytes), installs a SIGUSR1 handler, then waits for one byte on stdin (EOF: goes on at once) and
 * sends itself N SIGUSR1 with tgkill. Writes nothing to stdout; the ground truth ($GROUND_TRUTH)
 * is the e2e.h summary line: pid, invocations (handled), ok. With $CLI_WAIT_RENAME set, the
 * handler's first run renames the thread to it (async-signal-safe prctl): the process enters a
 * `-c` scope from inside a handler.
 */
#include "e2e.h"

#include <sys/prctl.h>

static volatile int handled;
static const char *rename_to;

static void handler(int sig)
{
	(void)sig;
	if (!handled && rename_to)
		prctl(PR_SET_NAME, rename_to, 0, 0, 0);
	handled++;
}

int main(int argc, char **argv)
{
	char c;
	int i, n;

	if (argc < 2 || argc > 3 || (n = atoi(argv[1])) < 0) {
		fprintf(stderr, "usage: cli_wait N [COMM]\n");
		return 2;
	}
	e2e_open();
	rename_to = getenv("CLI_WAIT_RENAME");
	if (argc == 3 && prctl(PR_SET_NAME, argv[2], 0, 0, 0))
		e2e_die("prctl(PR_SET_NAME)");
	e2e_install(SIGUSR1, (void *)handler, 0, NULL);
	while (read(0, &c, 1) < 0 && errno == EINTR)
		;
	for (i = 0; i < n; i++)
		if (syscall(SYS_tgkill, getpid(), e2e_gettid(), SIGUSR1))
			e2e_die("tgkill");
	E2E_CHECK(handled == n, "handled %d of %d", handled, n);
	return e2e_summary("cli_wait", handled, handled, ",\"expect_exit\":0");
}
