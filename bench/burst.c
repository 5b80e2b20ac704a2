/*
 * A burst: THREADS threads released together, each sending itself SIGNALS SIGUSR1 with tgkill
 * (what tests/reliability/progs/burst.c checks for losses, timed here for bench/run.sh). The timed
 * region runs from the release to the last join; creating the threads is not in it.
 *
 *     burst [THREADS [SIGNALS]]   (default 10000 x 3)
 *
 * Prints "burst threads=T signals=S elapsed_ns=... start_ns=... cpu_us=..." (bench_common.h).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench_common.h"

static pthread_barrier_t go;
static unsigned long nsig;
static volatile sig_atomic_t handled_any;
static unsigned long handled_total;

static void on_usr1(int sig)
{
	(void)sig;
	handled_any = 1;
}

static void *thread_main(void *arg)
{
	pid_t tid = (pid_t)syscall(SYS_gettid);

	(void)arg;
	pthread_barrier_wait(&go);
	for (unsigned long i = 0; i < nsig; i++)
		syscall(SYS_tgkill, getpid(), tid, SIGUSR1);
	__atomic_add_fetch(&handled_total, nsig, __ATOMIC_RELAXED);
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned long long start_ns = bench_clock_ns(CLOCK_REALTIME), t0, t1;
	struct sigaction sa = {.sa_handler = on_usr1};
	unsigned long nthreads = 10000;
	pthread_attr_t attr;
	pthread_t *threads;
	int e;

	nsig = 3;
	if (argc > 3 || (argc > 1 && bench_parse_count(argv[1], &nthreads)) ||
	    (argc > 2 && bench_parse_count(argv[2], &nsig))) {
		fprintf(stderr, "usage: burst [THREADS [SIGNALS]]\n");
		return 2;
	}
	sigemptyset(&sa.sa_mask);
	threads = calloc(nthreads, sizeof(*threads));
	if (!threads || sigaction(SIGUSR1, &sa, NULL) ||
	    pthread_barrier_init(&go, NULL, (unsigned int)nthreads + 1) ||
	    pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, 64 * 1024)) {
		perror("burst: setup");
		return 1;
	}
	for (unsigned long i = 0; i < nthreads; i++) {
		if ((e = pthread_create(&threads[i], &attr, thread_main, NULL))) {
			/* The barrier would wait forever for the rest: nothing to do but leave. */
			fprintf(stderr, "burst: pthread_create %lu: %s\n", i, strerror(e));
			exit(1);
		}
	}
	pthread_barrier_wait(&go);
	t0 = bench_clock_ns(CLOCK_MONOTONIC);
	for (unsigned long i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	t1 = bench_clock_ns(CLOCK_MONOTONIC);
	if (!handled_any || handled_total != nthreads * nsig) {
		fprintf(stderr, "burst: %lu of %lu signals sent\n", handled_total, nthreads * nsig);
		return 1;
	}
	printf("burst threads=%lu signals=%lu elapsed_ns=%llu start_ns=%llu cpu_us=%llu\n",
	       nthreads, nsig, t1 - t0, start_ns, bench_self_cpu_us());
	free(threads);
	return 0;
}
