/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * altstack_install (red team round 31, a false positive): a thread installs its sigaltstack
 * lazily, from inside the first handler it runs (on its ordinary stack). rt_sigreturn restores
 * uc_stack, which would undo the sigaltstack() call, so the handler also writes the new stack
 * into its frame's uc_stack: the way to keep it. Later signals then run on that altstack. Each
 * thread of a pool does it once, on a stack of its own.
 *
 * Self-checks: each thread's SA_ONSTACK handler ran on the altstack its first handler
 * installed. Expected from sigscope: no finding: the restored altstack is the one the thread
 * itself installed (kernel state, seen at the sigreturn's entry).
 */
#include "benign.h"

#include <pthread.h>

#define THREADS 8
#define ALT_SZ	65536

static __thread stack_t alt;
static __thread volatile int installed, on_alt;

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	if (installed)
		return;
	alt.ss_sp = malloc(ALT_SZ);
	alt.ss_size = ALT_SZ;
	alt.ss_flags = 0;
	if (alt.ss_sp && sigaltstack(&alt, NULL) == 0) {
		uc->uc_stack = alt; /* else the sigreturn puts the old one (none) back */
		installed = 1;
	}
}

static void on_usr2(int sig, siginfo_t *si, void *ucv)
{
	char here;

	(void)sig;
	(void)si;
	(void)ucv;
	on_alt = &here >= (char *)alt.ss_sp && &here < (char *)alt.ss_sp + alt.ss_size;
}

static void *worker(void *arg)
{
	(void)arg;
	bn_raise(SIGUSR1);
	bn_raise(SIGUSR2);
	bn_raise(SIGUSR1); /* installed already: returns unchanged */
	BN_CHECK(installed && on_alt, "thread %d: installed %d, on the altstack %d",
		 (int)bn_gettid(), installed, on_alt);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];

	bn_init("altstack_install", 30);
	bn_install(SIGUSR1, (void *)on_usr1, SA_SIGINFO);
	bn_install(SIGUSR2, (void *)on_usr2, SA_SIGINFO | SA_ONSTACK);
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, NULL))
			bn_die("pthread_create");
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	return bn_finish();
}
