/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A burst (issue 12 item 9): NTHREADS threads, released together, each sending itself NSIG
 * SIGUSR1 with tgkill. Every signal is one signal_generate, one signal_deliver and one
 * rt_sigreturn: the tracer must account for NTHREADS * NSIG of each, seen or lost.
 *
 *     burst NTHREADS NSIG      prints "burst: pid N" and "burst: T threads, S signals" on stderr
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t go;
static int nsig;
static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled = 1;
}

static void *thread(void *arg)
{
	pid_t tid = (pid_t)syscall(SYS_gettid);

	(void)arg;
	pthread_barrier_wait(&go);
	for (int i = 0; i < nsig; i++)
		syscall(SYS_tgkill, getpid(), tid, SIGUSR1);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t *t;
	int n, started = 0;

	if (argc != 3)
		return 2;
	n = atoi(argv[1]);
	nsig = atoi(argv[2]);
	t = calloc((size_t)n, sizeof(*t));
	if (!t || pthread_barrier_init(&go, NULL, (unsigned int)n + 1) != 0)
		return 1;
	fprintf(stderr, "burst: pid %d\n", getpid());
	signal(SIGUSR1, on_usr1);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 << 10);
	for (int i = 0; i < n; i++, started++)
		if (pthread_create(&t[i], &attr, thread, NULL) != 0)
			break;
	if (started != n) {
		fprintf(stderr, "burst: only %d of %d threads\n", started, n);
		return 1; /* the barrier never opens: the caller's timeout ends it */
	}
	pthread_barrier_wait(&go);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	fprintf(stderr, "burst: %d threads, %d signals\n", n, n * nsig);
	return 0;
}
