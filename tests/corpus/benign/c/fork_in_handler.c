/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * fork_in_handler: fork() inside a signal handler, and both processes return from it (issue 8,
 * class 6). SIGUSR1's handler forks; the child returns from the handler (its copy of the frame,
 * at the same address), gets back to the interrupted code, takes one more ordinary signal,
 * checks and exits; the parent returns from its handler and waits for the child. Odd rounds
 * fork two handlers deep (SIGUSR2's handler raises SIGUSR1), so the child returns from two
 * frames it inherited.
 *
 * Why: sigscope keeps outstanding deliveries per thread; a child that does not inherit its
 * parent's thread state returns from a delivery sigscope never saw in it, and the return looks
 * forged (critical) and is killed under --enforce.
 *
 * Self-checks, in both processes: the handler(s) ran and returned to the code they interrupted
 * (canaries, the depth back to 0, the fork's result seen after the return); the child's later
 * signal is handled; the parent sees every child exit 0. Expected from sigscope: every
 * sigreturn matched (the child's included), nothing above low, no kill.
 */
#include <sys/wait.h>

#include "benign.h"

#define ROUNDS 6

static volatile pid_t forked; /* fork()'s result as the handler saw it: 0 in the child */
static volatile int depth, handled, later;

static void on_usr1(int sig)
{
	volatile unsigned long canary = 0x666f726b;

	(void)sig;
	depth++;
	forked = fork();
	if (forked < 0)
		bn_die("fork");
	handled++;
	BN_CHECK(canary == 0x666f726b, "canary of the forking handler (%s)",
		 forked ? "parent" : "child");
	depth--;
}

static void on_usr2(int sig)
{
	volatile unsigned long canary = 0x6f757465;

	(void)sig;
	depth++;
	bn_raise(SIGUSR1); /* the fork happens one level deeper */
	BN_CHECK(canary == 0x6f757465, "canary of the outer handler (%s)",
		 forked ? "parent" : "child");
	depth--;
}

static void on_later(int sig)
{
	(void)sig;
	later++;
}

int main(void)
{
	volatile unsigned long canary = 0x6d61696e;
	int children = 0;

	bn_init("fork_in_handler", 30);
	bn_install(SIGUSR1, (void *)on_usr1, 0);
	bn_install(SIGUSR2, (void *)on_usr2, 0);
	bn_install(SIGWINCH, (void *)on_later, 0);
	for (int r = 0; r < ROUNDS; r++) {
		int status, nested = r & 1;

		forked = -1;
		handled = 0;
		fflush(NULL); /* nothing buffered is written twice */
		bn_raise(nested ? SIGUSR2 : SIGUSR1);
		/* Back in the interrupted code, in the parent and in the child alike. */
		BN_CHECK(handled == 1 && depth == 0, "round %d: handled %d, depth %d after return",
			 r, handled, depth);
		BN_CHECK(canary == 0x6d61696e, "round %d: main's canary", r);
		if (forked == 0) {
			bn_raise(SIGWINCH); /* the child goes on taking signals normally */
			BN_CHECK(later == 1, "round %d: the child's later signal ran %d times", r,
				 later);
			_exit(bn_failures ? 1 : 0);
		}
		if (waitpid(forked, &status, 0) != forked)
			bn_die("waitpid");
		BN_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			 "round %d (%s): the child %s %d", r, nested ? "two deep" : "one deep",
			 WIFSIGNALED(status) ? "was killed by signal" : "exited with",
			 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		children++;
	}
	printf("fork_in_handler rounds=%d children=%d failures=%lu\n", ROUNDS, children,
	       (unsigned long)bn_failures);
	return bn_finish();
}
