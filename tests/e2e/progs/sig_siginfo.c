/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sig_siginfo: an SA_SIGINFO handler takes N SIGUSR1 sent with sigqueue(); each carries a value.
 * Ground truth: the frame through uc, and si_code (SI_QUEUE), si_pid, si_value from the siginfo.
 */
#include "e2e.h"

#define N 3

static volatile int count;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;

	e2e_check64(uc, si, __builtin_return_address(0));
	E2E_CHECK(si->si_code == SI_QUEUE, "si_code %d != SI_QUEUE", si->si_code);
	E2E_CHECK(si->si_pid == getpid(), "si_pid %d != %d", (int)si->si_pid, (int)getpid());
	E2E_CHECK(si->si_value.sival_int == 1000 + count, "si_value %d != %d",
		  si->si_value.sival_int, 1000 + count);
	/* sigqueue() returned 0 through rax before the delivery on its syscall exit. */
	E2E_CHECK(uc->uc_mcontext.gregs[REG_RAX] == 0, "saved rax %#llx != 0",
		  (unsigned long long)uc->uc_mcontext.gregs[REG_RAX]);
	e2e_record64("siginfo", sig, uc, si, (uintptr_t)handler, 1, 1, count);
	count++;
}

int main(void)
{
	union sigval v;
	int i;

	e2e_open();
	e2e_install(SIGUSR1, (void *)handler, SA_SIGINFO, NULL);
	for (i = 0; i < N; i++) {
		v.sival_int = 1000 + i;
		if (sigqueue(getpid(), SIGUSR1, v))
			e2e_die("sigqueue");
	}
	E2E_CHECK(count == N, "handled %d of %d", count, N);
	return e2e_summary("sig_siginfo", count, count, ",\"expect_exit\":0");
}
