/*
 * Unrelated-syscall microbenchmark: getppid does almost nothing in the kernel, so the time per
 * iteration is dominated by syscall entry and exit, where the raw sys_enter/sys_exit hooks run.
 * Usage: getppid_loop [ITERATIONS]   (default 5000000)
 * Prints: getppid iterations=N ns_per_iter=X elapsed_ns=E start_ns=S cpu_us=C
 *         (see bench_common.h)
 */
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bench_common.h"

int main(int argc, char **argv)
{
	unsigned long long start_ns = bench_clock_ns(CLOCK_REALTIME), t0, t1;
	unsigned long n = 5000000, i;

	if (argc > 2 || (argc == 2 && bench_parse_count(argv[1], &n))) {
		fprintf(stderr, "usage: getppid_loop [ITERATIONS]\n");
		return 2;
	}
	t0 = bench_clock_ns(CLOCK_MONOTONIC);
	/* syscall() rather than getppid(): no libc wrapper may ever cache the answer. */
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	t1 = bench_clock_ns(CLOCK_MONOTONIC);
	printf(
	    "getppid iterations=%lu ns_per_iter=%.1f elapsed_ns=%llu start_ns=%llu cpu_us=%llu\n",
	    n, (double)(t1 - t0) / (double)n, t1 - t0, start_ns, bench_self_cpu_us());
	return 0;
}
