/*
 * Unrelated-syscall microbenchmark: getppid does almost nothing in the kernel, so the time per
 * iteration is dominated by syscall entry and exit, where the raw sys_enter/sys_exit hooks run.
 * Usage: getppid_loop [ITERATIONS]   (default 5000000)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int parse_iterations(int argc, char **argv, unsigned long *n)
{
	char *end;

	*n = 5000000;
	if (argc < 2)
		return 0;
	errno = 0;
	*n = strtoul(argv[1], &end, 10);
	return argv[1][0] >= '0' && argv[1][0] <= '9' && !errno && *end == '\0' && *n > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	unsigned long n, i;
	double ns;

	if (argc > 2 || parse_iterations(argc, argv, &n)) {
		fprintf(stderr, "usage: getppid_loop [ITERATIONS]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* syscall() rather than getppid(): no libc wrapper may ever cache the answer. */
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns =
	    ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / (double)n;
	printf("getppid iterations=%lu ns_per_iter=%.1f\n", n, ns);
	return 0;
}
