/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_redirect_contended (red team round 4, contend_redirect): the plainest redirect (a handler
 * sends rip to another function) made undecidable by mm lock contention. A sibling thread keeps
 * the mmap lock write-held (mprotect of a large populated region, over and over), so the kernel
 * side's VMA lookups fail every try and no code range of this process is cached yet.
 *
 * Why: an explanation whose evidence cannot be had must fail closed (policy contended_redirect,
 * high by default). Run without --policy, as the runner does: the defaults of no policy at all
 * must be the documented ones (the loader once ranked this low without a policy file).
 *
 * Expected from sigscope: tampered_context (high: undecided, or unexplained when the lookup
 * wins anyway); no forged_frame.
 */
#include "mal.h"

#include <pthread.h>

#define BIG (256UL << 20)

static volatile sig_atomic_t contending;
static char *big;

static void *contend(void *arg)
{
	(void)arg;
	contending = 1;
	for (;;) {
		mprotect(big, BIG, PROT_READ);
		mprotect(big, BIG, PROT_READ | PROT_WRITE);
	}
	return NULL;
}

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	((ucontext_t *)ucv)->uc_mcontext.gregs[REG_RIP] = (greg_t)mal_pwned; /* a far redirect */
}

int main(void)
{
	pthread_t t;

	mal_init("srop_redirect_contended", 20);
	big = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		   -1, 0);
	if (big == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	mal_handle(SIGUSR1, on_usr1, 0);
	if (pthread_create(&t, NULL, contend, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	while (!contending)
		;
	usleep(20000);
	mal_raise_here(SIGUSR1);
	mal_say("the redirect did not run");
	_exit(MAL_EXIT_NOTHING);
}
