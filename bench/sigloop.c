/*
 * Signal round-trip microbenchmark: each iteration sends SIGUSR1 to the calling thread, so it
 * costs one tgkill, one delivery and one rt_sigreturn, the path every sigscope hook mode sees.
 * With THREADS > 1, that many threads each run ITERATIONS round trips on themselves at once,
 * thread i pinned to the i-th CPU the process may use (wrapping around), so the hooks run on
 * every core together.
 * Usage: sigloop [ITERATIONS [THREADS]]   (defaults 1000000 and 1; ITERATIONS is per thread)
 * Prints: sigloop iterations=N ns_per_iter=X threads=T elapsed_ns=E start_ns=S cpu_us=C
 *         (ns_per_iter: wall time / ITERATIONS; see bench_common.h for the rest)
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bench_common.h"

#define MAX_THREADS 1024

/* Written only by the handler, which runs only inside its own thread's tgkill. */
static _Thread_local volatile unsigned long handled;

struct worker {
	pthread_t thread;
	unsigned long n;
	int cpu;
	int err; /* pthread_setaffinity_np's */
	unsigned long handled;
};

static pthread_barrier_t start_line;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* n round trips on the calling thread; returns how many ran the handler. */
static unsigned long signal_loop(unsigned long n)
{
	/* Looked up once, so each iteration holds no syscall but tgkill and rt_sigreturn. */
	pid_t pid = getpid(), tid = (pid_t)syscall(SYS_gettid);
	unsigned long i;

	handled = 0;
	for (i = 0; i < n; i++)
		syscall(SYS_tgkill, pid, tid, SIGUSR1);
	/* The signal is delivered on the way out of tgkill, so every one ran its handler. */
	return handled;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(w->cpu, &set);
	w->err = pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	/* Pinned (or failed) before the clock starts; a failed thread sends nothing. */
	pthread_barrier_wait(&start_line);
	if (!w->err)
		w->handled = signal_loop(w->n);
	return NULL;
}

/* The CPUs this process may run on, in order; returns how many (0 on error). */
static int allowed_cpus(int *cpus, int max)
{
	cpu_set_t set;
	int n = 0;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 0;
	for (int c = 0; c < CPU_SETSIZE && n < max; c++)
		if (CPU_ISSET(c, &set))
			cpus[n++] = c;
	return n;
}

/* Starts the pinned workers; they wait at start_line until main joins it. */
static int run_threads(struct worker *w, unsigned int nthreads, unsigned long n)
{
	int cpus[CPU_SETSIZE], ncpus = allowed_cpus(cpus, CPU_SETSIZE), e;

	if (ncpus == 0) {
		perror("sigloop: sched_getaffinity");
		return -1;
	}
	if ((e = pthread_barrier_init(&start_line, NULL, nthreads + 1))) {
		fprintf(stderr, "sigloop: pthread_barrier_init: %s\n", strerror(e));
		return -1;
	}
	for (unsigned int i = 0; i < nthreads; i++) {
		w[i] = (struct worker){.n = n, .cpu = cpus[i % (unsigned int)ncpus]};
		if ((e = pthread_create(&w[i].thread, NULL, worker_main, &w[i]))) {
			fprintf(stderr, "sigloop: pthread_create: %s\n", strerror(e));
			/* The barrier would wait forever for the rest: nothing to do but leave. */
			exit(1);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long start_ns = bench_clock_ns(CLOCK_REALTIME), t0, t1;
	struct sigaction sa = {.sa_handler = on_usr1};
	static struct worker workers[MAX_THREADS];
	unsigned long n = 1000000, threads = 1, total = 0;
	int failed = 0;

	if (argc > 3 || (argc > 1 && bench_parse_count(argv[1], &n)) ||
	    (argc > 2 && (bench_parse_count(argv[2], &threads) || threads > MAX_THREADS))) {
		fprintf(stderr, "usage: sigloop [ITERATIONS [THREADS]]   (THREADS at most %d)\n",
			MAX_THREADS);
		return 2;
	}
	/* glibc's sigaction adds SA_RESTORER with its __restore_rt trampoline. */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL)) {
		perror("sigloop: sigaction");
		return 1;
	}
	if (threads == 1) {
		t0 = bench_clock_ns(CLOCK_MONOTONIC);
		total = signal_loop(n);
		t1 = bench_clock_ns(CLOCK_MONOTONIC);
	} else {
		if (run_threads(workers, (unsigned int)threads, n) < 0)
			return 1;
		pthread_barrier_wait(&start_line);
		t0 = bench_clock_ns(CLOCK_MONOTONIC);
		for (unsigned long i = 0; i < threads; i++) {
			pthread_join(workers[i].thread, NULL);
			if (workers[i].err) {
				fprintf(stderr, "sigloop: cannot pin thread %lu to CPU %d: %s\n", i,
					workers[i].cpu, strerror(workers[i].err));
				failed = 1;
			}
			total += workers[i].handled;
		}
		t1 = bench_clock_ns(CLOCK_MONOTONIC);
	}
	if (failed)
		return 1;
	if (total != n * threads) {
		fprintf(stderr, "sigloop: %lu signals sent, %lu handled\n", n * threads, total);
		return 1;
	}
	printf("sigloop iterations=%lu ns_per_iter=%.1f threads=%lu elapsed_ns=%llu start_ns=%llu "
	       "cpu_us=%llu\n",
	       n, (double)(t1 - t0) / (double)n, threads, t1 - t0, start_ns, bench_self_cpu_us());
	return 0;
}
