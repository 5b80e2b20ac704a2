/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * cli_storm [N [BURST]]: for tests/e2e/run_cli.py (drops are counted). Installs a SIGUSR1 handler
 * and tgkills itself N times (default 20000) as fast as it can: N signal_generate, N
 * signal_deliver, N rt_sigreturn. With BURST > 0 it sleeps 30 ms after every BURST signals, so a
 * tracer with a small buffer loses records in each burst and writes some again after each pause.
 * Ground truth: the e2e.h summary line (invocations = handled).
 */
#include "e2e.h"

#include <time.h>

static volatile unsigned long handled;

static void handler(int sig)
{
	(void)sig;
	handled++;
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000, i;
	unsigned long burst = argc > 2 ? strtoul(argv[2], NULL, 10) : 0;
	const struct timespec pause = {0, 30 * 1000 * 1000};
	pid_t pid, tid;

	e2e_open();
	e2e_install(SIGUSR1, (void *)handler, 0, NULL);
	pid = getpid();
	tid = e2e_gettid();
	for (i = 0; i < n; i++) {
		syscall(SYS_tgkill, pid, tid, SIGUSR1);
		if (burst && (i + 1) % burst == 0)
			nanosleep(&pause, NULL);
	}
	E2E_CHECK(handled == n, "handled %lu of %lu", handled, n);
	return e2e_summary("cli_storm", (int)handled, (int)handled, ",\"expect_exit\":0");
}
