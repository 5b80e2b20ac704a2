/*
 * Signal round-trip microbenchmark: each iteration sends SIGUSR1 to the calling thread, so it
 * costs one tgkill, one delivery and one rt_sigreturn, the path every sigscope hook mode sees.
 * Usage: sigloop [ITERATIONS]   (default 1000000)
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Written only by the handler, which runs only inside tgkill: no torn update to fear. */
static volatile unsigned long handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static int parse_iterations(int argc, char **argv, unsigned long *n)
{
	char *end;

	*n = 1000000;
	if (argc < 2)
		return 0;
	errno = 0;
	*n = strtoul(argv[1], &end, 10);
	return argv[1][0] >= '0' && argv[1][0] <= '9' && !errno && *end == '\0' && *n > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = on_usr1};
	struct timespec t0, t1;
	unsigned long n, i;
	pid_t pid, tid;
	double ns;

	if (argc > 2 || parse_iterations(argc, argv, &n)) {
		fprintf(stderr, "usage: sigloop [ITERATIONS]\n");
		return 2;
	}
	/* glibc's sigaction adds SA_RESTORER with its __restore_rt trampoline. */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL)) {
		perror("sigloop: sigaction");
		return 1;
	}
	/* Looked up once, so each iteration holds no syscall but tgkill and rt_sigreturn. */
	pid = getpid();
	tid = (pid_t)syscall(SYS_gettid);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		syscall(SYS_tgkill, pid, tid, SIGUSR1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* The signal is delivered on the way out of tgkill, so every one ran its handler. */
	if (handled != n) {
		fprintf(stderr, "sigloop: %lu signals sent, %lu handled\n", n, handled);
		return 1;
	}
	ns =
	    ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / (double)n;
	printf("sigloop iterations=%lu ns_per_iter=%.1f\n", n, ns);
	return 0;
}
