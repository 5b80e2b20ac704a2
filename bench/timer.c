/*
 * bench/run.sh's timer workload: a fixed amount of CPU work (a hash over a buffer, as a server's
 * request handling would do) interrupted by a POSIX timer's SIGALRM every INTERVAL_US
 * microseconds, as profilers, watchdogs and green-thread schedulers do. The work is fixed, not
 * the time: the run time is the measured quantity.
 *
 *     timer [WORK [INTERVAL_US]]   (default 2000 rounds, 100 us: about 10,000 signals a second)
 *
 * Prints "timer rounds=R signals=S elapsed_ns=... start_ns=... cpu_us=... sum=..."
 * (bench_common.h).
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench_common.h"

#define BUF_BYTES (256 * 1024)

static volatile sig_atomic_t ticks;

static void on_alarm(int sig)
{
	(void)sig;
	ticks++;
}

/* One round: FNV-1a over the buffer, folded back into it so no round can be skipped. */
static uint64_t round_of_work(unsigned char *buf, uint64_t seed)
{
	uint64_t h = 14695981039346656037ull ^ seed;

	for (size_t i = 0; i < BUF_BYTES; i++) {
		h ^= buf[i];
		h *= 1099511628211ull;
		buf[i] = (unsigned char)(h >> 29);
	}
	return h;
}

int main(int argc, char **argv)
{
	unsigned long long start_ns = bench_clock_ns(CLOCK_REALTIME), t0, t1;
	static unsigned char buf[BUF_BYTES];
	struct sigaction sa = {.sa_handler = on_alarm};
	struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM};
	unsigned long rounds = 2000, interval_us = 100;
	struct itimerspec its = {{0}, {0}};
	timer_t timer;
	uint64_t sum = 0;

	if (argc > 3 || (argc > 1 && bench_parse_count(argv[1], &rounds)) ||
	    (argc > 2 && bench_parse_count(argv[2], &interval_us))) {
		fprintf(stderr, "usage: timer [WORK [INTERVAL_US]]\n");
		return 2;
	}
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	its.it_interval.tv_sec = (time_t)(interval_us / 1000000);
	its.it_interval.tv_nsec = (long)(interval_us % 1000000) * 1000;
	its.it_value = its.it_interval;
	memset(buf, 0x5a, sizeof(buf));
	if (sigaction(SIGALRM, &sa, NULL) || timer_create(CLOCK_MONOTONIC, &sev, &timer)) {
		perror("timer: setup");
		return 1;
	}
	t0 = bench_clock_ns(CLOCK_MONOTONIC);
	if (timer_settime(timer, 0, &its, NULL)) {
		perror("timer: timer_settime");
		return 1;
	}
	for (unsigned long r = 0; r < rounds; r++)
		sum += round_of_work(buf, r);
	t1 = bench_clock_ns(CLOCK_MONOTONIC);
	timer_delete(timer);
	printf("timer rounds=%lu signals=%ld elapsed_ns=%llu start_ns=%llu cpu_us=%llu sum=%llu\n",
	       rounds, (long)ticks, t1 - t0, start_ns, bench_self_cpu_us(),
	       (unsigned long long)sum);
	return 0;
}
