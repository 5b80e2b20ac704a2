/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * altstack_legacy_m32 (red team round 15, fp1_ia32_autodisarm_legacy): a 32-bit program with an
 * SS_AUTODISARM sigaltstack and a plain SA_ONSTACK handler (no SA_SIGINFO), so the kernel writes
 * the legacy ia32 frame, which has no uc_stack: it disarms the altstack at delivery, and the
 * legacy sigreturn (119) has nothing to arm it again from. The program arms it again itself
 * before each signal.
 *
 * Why: sigscope compared the altstack after every sigreturn with the delivery's, and this one
 * stays disarmed by the kernel's own doing: tampered_context high (uc_stack), killed.
 *
 * Self-checks: every handler ran on the altstack, and after each the altstack is disarmed
 * (size 0, SS_DISABLE) as the kernel leaves it. Expected from sigscope: every sigreturn matched,
 * nothing above low, no kill. Built -m32 (the _m32 suffix).
 */
#include "benign.h"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)
#endif
#define ROUNDS	 20
#define ALT_SIZE 65536

static char *alt;
static volatile int handled, on_alt;

static void on_winch(int sig)
{
	char here;

	(void)sig;
	handled++;
	on_alt += &here >= alt && &here < alt + ALT_SIZE;
}

int main(void)
{
	struct sigaction sa;
	stack_t ss, now;
	int disarmed = 0;

	bn_init("altstack_legacy_m32", 20);
	alt = malloc(ALT_SIZE);
	if (!alt)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_winch;
	sa.sa_flags = SA_ONSTACK;
	if (sigaction(SIGWINCH, &sa, NULL))
		return 1;
	for (int i = 0; i < ROUNDS; i++) {
		ss.ss_sp = alt;
		ss.ss_size = ALT_SIZE;
		ss.ss_flags = SS_AUTODISARM;
		if (sigaltstack(&ss, NULL) || raise(SIGWINCH) || sigaltstack(NULL, &now))
			return 1;
		disarmed += now.ss_size == 0 && (now.ss_flags & SS_DISABLE);
	}
	printf("altstack_legacy_m32: handled %d, on the altstack %d, disarmed after %d\n", handled,
	       on_alt, disarmed);
	return handled == ROUNDS && on_alt == ROUNDS && disarmed == ROUNDS ? 0 : 1;
}
