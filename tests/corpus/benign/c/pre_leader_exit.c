/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * pre_leader_exit: a daemon whose main() ended in pthread_exit() (the documented way to let the
 * other threads run on), with a worker inside a signal handler when sigscope attaches (red team
 * round 18, FP2). The thread-group leader is a zombie then, so nothing of the process can be read
 * through its pid: the attach-time snapshot must read the worker through the worker.
 *
 * Attach mode: the worker takes SIGUSR1 and blocks inside its handler on a pipe; a second worker
 * waits until main has exited and the first is inside, says ready and takes the go (SIGUSR2,
 * blocked everywhere); then it opens the gate, the handler returns (a frame written before the
 * attach), the worker takes AFTER more signals (seen from delivery to return) and the process
 * exits 0 when every self-check held.
 *
 * Expected from sigscope: nothing above low, no kill; the one return from the unseen delivery is
 * the only unmatched sigreturn (preexisting_unmatched, low).
 */
#include <pthread.h>
#include <time.h>

#include "benign.h"

#define AFTER 3

static int gate[2];
static volatile int inside, returned;
static volatile unsigned long later;

static void on_reload(int sig)
{
	volatile unsigned long canary = 0x72656c;
	char c;

	(void)sig;
	__atomic_store_n(&inside, 1, __ATOMIC_SEQ_CST);
	while (read(gate[0], &c, 1) != 1)
		if (errno != EINTR)
			bn_die("read");
	BN_CHECK(canary == 0x72656c, "reload handler's canary");
}

static void on_later(int sig)
{
	(void)sig;
	__atomic_add_fetch(&later, 1, __ATOMIC_SEQ_CST);
}

static void *reloader(void *arg)
{
	(void)arg;
	bn_raise(SIGUSR1); /* returns only after the go */
	returned = 1;
	for (int i = 0; i < AFTER; i++)
		bn_raise(SIGWINCH);
	return NULL;
}

/* The leader is gone when /proc/self/status (the thread group's, its leader's state) says so. */
static int leader_is_zombie(void)
{
	char line[128];
	int zombie = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "State:", 6) == 0)
			zombie = strchr(line, 'Z') != NULL;
	fclose(f);
	return zombie;
}

static void *starter(void *arg)
{
	pthread_t r = *(pthread_t *)arg;
	char one = 1;

	for (int n = 0; !leader_is_zombie() || !__atomic_load_n(&inside, __ATOMIC_SEQ_CST); n++) {
		struct timespec ts = {0, 10000000};

		if (n > 1000)
			bn_die("the leader never exited, or the reloader never got inside its "
			       "handler");
		nanosleep(&ts, NULL);
	}
	bn_wait_go();
	if (write(gate[1], &one, 1) != 1)
		bn_die("write");
	pthread_join(r, NULL);
	BN_CHECK(returned == 1, "the reloader did not return from its handler");
	BN_CHECK(later == AFTER, "%lu later signals ran, %d sent", (unsigned long)later, AFTER);
	printf("pre_leader_exit reloads=1 later=%lu failures=%lu\n", (unsigned long)later,
	       (unsigned long)bn_failures);
	fflush(stdout);
	exit(bn_finish());
}

int main(void)
{
	static pthread_t r, s;
	sigset_t go;

	bn_init("pre_leader_exit", 0);
	if (pipe(gate))
		bn_die("pipe");
	bn_install(SIGUSR1, (void *)on_reload, 0);
	bn_install(SIGWINCH, (void *)on_later, 0);
	/* The go is blocked in every thread (they inherit the mask): the starter takes it. */
	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &go, NULL))
		bn_die("sigprocmask");
	if (pthread_create(&r, NULL, reloader, NULL) || pthread_create(&s, NULL, starter, &r))
		bn_die("pthread_create");
	pthread_exit(NULL);
}
