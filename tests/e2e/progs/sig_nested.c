/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sig_nested: the SIGUSR1 handler raises SIGUSR2 (not blocked), whose handler runs nested inside
 * it on the same stack; ROUNDS times. Ground truth: both frames, depth 1 and 2, and the order
 * (the SIGUSR2 frame returns first). Each handler writes its line before it raises anything.
 */
#include "e2e.h"

#define ROUNDS 3

static volatile struct e2e_site main_site, usr1_site;
static volatile int depth, count, order_ok = 1;
static volatile uintptr_t outer_ustack;

static void usr2_handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;

	depth++;
	e2e_check64(uc, si, __builtin_return_address(0));
	/* Interrupted the SIGUSR1 handler's tgkill: SIGUSR1 blocked there, frame below its frame.
	 */
	e2e_check_site64(uc, &usr1_site);
	E2E_CHECK(uc->uc_sigmask.__val[0] == 1ul << (SIGUSR1 - 1), "inner mask %#lx",
		  uc->uc_sigmask.__val[0]);
	E2E_CHECK((uintptr_t)uc - 8 < outer_ustack, "inner frame above outer frame");
	if (depth != 2)
		order_ok = 0;
	e2e_record64("inner", sig, uc, si, (uintptr_t)usr2_handler, 1, depth, count);
	count++;
	depth--;
}

static void usr1_handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;
	int before;

	depth++;
	e2e_check64(uc, si, __builtin_return_address(0));
	e2e_check_site64(uc, &main_site);
	E2E_CHECK(uc->uc_sigmask.__val[0] == 0, "outer mask %#lx", uc->uc_sigmask.__val[0]);
	if (depth != 1)
		order_ok = 0;
	outer_ustack = (uintptr_t)uc - 8;
	e2e_record64("outer", sig, uc, si, (uintptr_t)usr1_handler, 1, depth, count);
	count++;
	before = count;
	e2e_tgkill(e2e_gettid(), SIGUSR2, &usr1_site);
	/* The SIGUSR2 handler ran (and returned) before tgkill returned here. */
	if (count != before + 1)
		order_ok = 0;
	depth--;
}

int main(void)
{
	char extra[64];
	int i;

	e2e_open();
	e2e_install(SIGUSR1, (void *)usr1_handler, SA_SIGINFO, NULL);
	e2e_install(SIGUSR2, (void *)usr2_handler, SA_SIGINFO, NULL);
	for (i = 0; i < ROUNDS; i++)
		e2e_tgkill(e2e_gettid(), SIGUSR1, &main_site);
	E2E_CHECK(count == 2 * ROUNDS, "handled %d of %d", count, 2 * ROUNDS);
	E2E_CHECK(order_ok, "SIGUSR2 did not run nested inside SIGUSR1");
	snprintf(extra, sizeof(extra), ",\"rounds\":%d,\"expect_exit\":0", ROUNDS);
	return e2e_summary("sig_nested", count, count, extra);
}
