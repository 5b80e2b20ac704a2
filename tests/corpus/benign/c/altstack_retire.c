/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * altstack_retire (red team round 25, a false positive): a handler retires its thread's
 * sigaltstack for good. A sigaltstack(SS_DISABLE) call inside the handler would be undone by
 * rt_sigreturn (restore_altstack() installs uc_stack), so it writes SS_DISABLE into its frame's
 * uc_stack instead, and the program frees the altstack afterwards. Then it installs a new one
 * and does it again.
 *
 * Self-checks: each round, the altstack is disabled after the handler returned. Expected from
 * sigscope: no finding: a disabled altstack aims no frame anywhere.
 */
#include "benign.h"

#include <sys/mman.h>

#define ROUNDS 40
#define ALT_SZ 65536

static volatile int handled;

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	uc->uc_stack.ss_flags = SS_DISABLE;
	uc->uc_stack.ss_sp = NULL;
	uc->uc_stack.ss_size = 0;
	handled++;
}

int main(void)
{
	bn_init("altstack_retire", 30);
	for (int i = 0; i < ROUNDS; i++) {
		char *alt =
		    mmap(NULL, ALT_SZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		stack_t ss = {.ss_sp = alt, .ss_size = ALT_SZ, .ss_flags = 0}, now;

		if (alt == MAP_FAILED || sigaltstack(&ss, NULL))
			bn_die("altstack");
		bn_install(SIGUSR1, (void *)on_usr1, SA_SIGINFO); /* on the thread's stack */
		bn_raise(SIGUSR1);
		if (sigaltstack(NULL, &now))
			bn_die("sigaltstack");
		BN_CHECK(now.ss_flags & SS_DISABLE, "round %d: the altstack is still on (%d)", i,
			 now.ss_flags);
		munmap(alt, ALT_SZ);
	}
	BN_CHECK(handled == ROUNDS, "%d of %d handlers ran", handled, ROUNDS);
	return bn_finish();
}
