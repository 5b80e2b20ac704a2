/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sig_plain: a plain `void h(int)` handler (no SA_SIGINFO) takes N SIGUSR1 raised with tgkill.
 * Ground truth per invocation: the frame found from the handler's own stack frame.
 */
#include "e2e.h"

#define N 5

static volatile struct e2e_site site;
static volatile int count;
static uintptr_t restorer; /* sa_restorer as the kernel holds it, from sigaction() */

/* No uc argument: the kernel enters with rsp = frame, so the frame is rbp + 8 (checked below). */
static void handler(int sig)
{
	uintptr_t ustack = (uintptr_t)__builtin_frame_address(0) + 8;
	const ucontext_t *uc = (const ucontext_t *)(ustack + 8);

	e2e_check64(uc, NULL, __builtin_return_address(0));
	E2E_CHECK(*(uintptr_t *)ustack == restorer, "pretcode %#lx != sa_restorer %#lx",
		  *(unsigned long *)ustack, (unsigned long)restorer);
	e2e_check_site64(uc, &site);
	E2E_CHECK(uc->uc_sigmask.__val[0] == 0, "mask %#lx != 0", uc->uc_sigmask.__val[0]);
	e2e_record64("plain", sig, uc, NULL, (uintptr_t)handler, 1, 1, count);
	count++;
}

int main(void)
{
	struct sigaction old;
	char extra[64];
	int i;

	e2e_open();

	e2e_install(SIGUSR1, (void *)handler, 0, NULL);
	if (sigaction(SIGUSR1, NULL, &old))
		e2e_die("sigaction");
	restorer = (uintptr_t)old.sa_restorer;
	for (i = 0; i < N; i++)
		e2e_tgkill(e2e_gettid(), SIGUSR1, &site);
	E2E_CHECK(count == N, "handled %d of %d", count, N);
	snprintf(extra, sizeof(extra), ",\"expect_exit\":0");
	return e2e_summary("sig_plain", count, count, extra);
}
