/*
 * What every bench/ workload reports besides its own numbers, for bench/run.sh:
 *   start_ns    CLOCK_REALTIME when main() began (run.sh takes the tracer's launch time on the
 *               same clock, so start_ns minus it is the time until the workload ran traced)
 *   elapsed_ns  wall time of the timed region (CLOCK_MONOTONIC)
 *   cpu_us      user+sys CPU of the whole process (every thread) at the end of the timed region,
 *               which run.sh subtracts when a tracer's rusage includes the workload (strace)
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static inline unsigned long long bench_clock_ns(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (unsigned long long)t.tv_sec * 1000000000ull + (unsigned long long)t.tv_nsec;
}

static inline unsigned long long bench_self_cpu_us(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return 0;
	return (unsigned long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000ull +
	       (unsigned long long)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

/* A decimal count of at least 1, or -1. */
static inline int bench_parse_count(const char *s, unsigned long *n)
{
	char *end;

	errno = 0;
	*n = strtoul(s, &end, 10);
	return s[0] >= '0' && s[0] <= '9' && !errno && *end == '\0' && *n > 0 ? 0 : -1;
}

#endif
