/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * align_check: a misaligned-access checker (the eflags.AC technique: with AC set every misaligned
 * user access raises SIGBUS BUS_ADRALN). Its handler records the address and clears AC in the
 * saved eflags, so that the access re-executes unchecked and the program carries on
 * (report-first mode). ROUNDS rounds of one misaligned load each.
 *
 * Why: only eflags changes, by the AC bit; clearing it only stops checking, like clearing TF
 * stops single-stepping (red team round 3 found it killed: tampered_context high).
 *
 * Self-checks: every load read its value, every round was reported once (x86 gives no address).
 * Expected from sigscope: every sigreturn matched, nothing above info, no kill.
 */
#include "benign.h"

#define ROUNDS	  50
#define EFLAGS_AC 0x40000

static volatile int reports;

static void on_sigbus(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if (si->si_code != BUS_ADRALN)
		return; /* not ours: the default action on the next one */
	reports++;
	uc->uc_mcontext.gregs[REG_EFL] &= ~EFLAGS_AC; /* stop checking: the load completes */
}

static char buf[64] __attribute__((aligned(16)));

int main(void)
{
	struct sigaction sa;

	bn_init("align_check", 20);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGBUS, &sa, NULL))
		bn_die("sigaction");
	memcpy(buf + 1, "\x2a\0\0\0", 4);
	for (int i = 0; i < ROUNDS; i++) {
		int v, before = reports;

		__asm__ volatile("pushfq; orl $0x40000, (%%rsp); popfq\n\t"
				 "movl 1(%1), %0\n\t" /* misaligned: SIGBUS, then re-executed */
				 : "=r"(v)
				 : "r"(buf)
				 : "memory", "cc");
		BN_CHECK(v == 42, "the misaligned load read %d", v);
		BN_CHECK(reports == before + 1, "round %d: %d reports", i, reports - before);
	}
	printf("align_check: rounds=%d reports=%d failures=%lu\n", ROUNDS, reports, bn_failures);
	return bn_failures ? 1 : 0;
}
