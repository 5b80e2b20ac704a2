/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_rsp_only (issue 16, class 2): the handler moves rsp alone. The delivery interrupted the
 * syscall right before a `ret`; the restored rsp points at a fake stack, lower on the same stack
 * (no pivot to another mapping), whose top is mal_pwned's address. rip is left as it was: the
 * interrupted `ret` pops the attacker's address.
 *
 * Why: a rule that judges only rip (and ranks other registers info) lets rsp alone hijack
 * control. rsp and rbp are judged like rip (judge.h): every change must be explained.
 *
 * Expected from sigscope: tampered_context (high); no forged_frame, no stack_pivot.
 */
#include "mal.h"

MAL_REDIRECT_SITE();

static volatile sig_atomic_t handled;
static uint64_t *fake_sp;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	handled = 1;
	if (uc->uc_mcontext.gregs[REG_RIP] != (greg_t)redirect_site_ret)
		return;
	fake_sp[0] = (uint64_t)mal_pwned;
	uc->uc_mcontext.gregs[REG_RSP] = (greg_t)fake_sp;
}

int main(void)
{
	uint64_t area[4096]; /* on this thread's own stack: the same mapping as the saved rsp */

	mal_init("srop_rsp_only", 10);
	/* Aligned as after a call (rsp = 8 mod 16 at mal_pwned's entry, which realigns anyway). */
	fake_sp = (uint64_t *)(((uint64_t)&area[2048]) & ~15ull);
	mal_handle(SIGUSR1, handler, 0);
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	mal_say(handled ? "the handler ran but the redirect did not run" : "no delivery");
	return MAL_EXIT_NOTHING;
}
