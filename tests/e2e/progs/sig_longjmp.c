/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sig_longjmp: handlers left with siglongjmp, so their frames are never returned from.
 *   Phase "flat": main takes 3 SIGUSR1 whose handler siglongjmps back to main, then a 4th that
 *   returns normally (its frame sits where the abandoned ones were).
 *   Phase "nested": a SIGUSR2 handler takes 3 SIGUSR1 whose handler siglongjmps back into the
 *   SIGUSR2 handler, which then returns normally: the 3 abandoned deliveries lie above it.
 * Ground truth: every invocation's frame and whether it returned ("returns").
 */
#include "e2e.h" /* first: it defines _GNU_SOURCE */

#include <setjmp.h>

#define JUMPS 3

static volatile struct e2e_site main_site, usr2_site;
static sigjmp_buf main_env, usr2_env;
static volatile int count, returns, phase_nested, jump;

static void usr1_handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;
	int leave = jump;

	e2e_check64(uc, si, __builtin_return_address(0));
	e2e_check_site64(uc, phase_nested ? &usr2_site : &main_site);
	e2e_record64(phase_nested ? "nested_jump" : (leave ? "flat_jump" : "flat_return"), sig, uc,
		     si, (uintptr_t)usr1_handler, !leave, phase_nested ? 2 : 1, count);
	count++;
	if (leave)
		siglongjmp(phase_nested ? usr2_env : main_env, 1);
	returns++;
}

static void usr2_handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;
	volatile int i;

	e2e_check64(uc, si, __builtin_return_address(0));
	e2e_check_site64(uc, &main_site);
	e2e_record64("nested_return", sig, uc, si, (uintptr_t)usr2_handler, 1, 1, count);
	count++;
	phase_nested = 1;
	jump = 1;
	for (i = 0; i < JUMPS; i++) {
		/* Saves the mask {SIGUSR2} that siglongjmp restores, unblocking SIGUSR1 again. */
		if (sigsetjmp(usr2_env, 1) == 0) {
			e2e_tgkill(e2e_gettid(), SIGUSR1, &usr2_site);
			e2e_fail("nested: SIGUSR1 handler returned");
		}
	}
	phase_nested = 0;
	returns++;
}

int main(void)
{
	char extra[96];
	volatile int i;

	e2e_open();
	e2e_install(SIGUSR1, (void *)usr1_handler, SA_SIGINFO, NULL);
	e2e_install(SIGUSR2, (void *)usr2_handler, SA_SIGINFO, NULL);
	jump = 1;
	for (i = 0; i < JUMPS; i++) {
		if (sigsetjmp(main_env, 1) == 0) {
			e2e_tgkill(e2e_gettid(), SIGUSR1, &main_site);
			e2e_fail("flat: SIGUSR1 handler returned");
		}
	}
	jump = 0;
	e2e_tgkill(e2e_gettid(), SIGUSR1, &main_site);
	e2e_tgkill(e2e_gettid(), SIGUSR2, &main_site);
	E2E_CHECK(count == 2 * JUMPS + 2, "handled %d of %d", count, 2 * JUMPS + 2);
	E2E_CHECK(returns == 2, "%d handlers returned, not 2", returns);
	snprintf(extra, sizeof(extra), ",\"jumps\":%d,\"expect_exit\":0", JUMPS);
	return e2e_summary("sig_longjmp", count, returns, extra);
}
