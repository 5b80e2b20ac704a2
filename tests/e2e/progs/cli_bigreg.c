/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * cli_bigreg: for tests/fleet/run_fleet.py. A handler sets r15 of the context it returns to to a
 * value at or above 2^63 (BIGREG), so the sigreturn raises tampered_context (high) with a
 * register that JSON carries as an integer beyond int64: a finding every fleet output must still
 * carry (issue 17: they dropped it). The interrupted code is a raw syscall that declares r15
 * clobbered, so the program runs on correctly. Prints {"kind":"bigreg","r15":"0x..."}.
 */
#include "e2e.h"

#define BIGREG 0x8000000000005eedULL

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	uc->uc_mcontext.gregs[REG_R15] = (greg_t)BIGREG;
}

int main(void)
{
	long ret;

	e2e_open();
	e2e_install(SIGUSR1, (void *)handler, SA_SIGINFO, NULL);
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"((long)SYS_tgkill), "D"((long)getpid()), "S"((long)e2e_gettid()),
			   "d"((long)SIGUSR1)
			 : "rcx", "r11", "r15", "memory");
	if (ret != 0)
		e2e_die("tgkill");
	e2e_out("{\"kind\":\"bigreg\",\"r15\":\"0x%llx\"}", (unsigned long long)BIGREG);
	return 0;
}
