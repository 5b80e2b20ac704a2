/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * An unprivileged alert flood (issue 18): NPROCS processes, each returning through frames it
 * built itself for SECONDS. Every rt_sigreturn restores the context getcontext() saved just
 * before, so the loop goes on; each one is a forged frame (critical) that sigscope reports and,
 * without --enforce, lets run. It floods the alert path, not the ordinary one.
 *
 *     alert_flood NPROCS SECONDS   prints "alert_flood: N sigreturns" on stderr at the end
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define USER_CS 0x33ULL
#define USER_SS 0x2bULL

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One forged return: the frame is this ucontext, which the kernel reads at the stack pointer of
 * the syscall; it resumes where getcontext() returned, with "returned" set. */
static unsigned long flood(double seconds)
{
	volatile unsigned long n = 0; /* lives across getcontext()'s second return */
	double end = now() + seconds;

	while (now() < end) {
		ucontext_t uc;
		volatile int returned = 0;

		memset(&uc, 0, sizeof(uc));
		getcontext(&uc);
		if (returned) {
			n++;
			continue;
		}
		returned = 1;
		uc.uc_flags = 0;
		uc.uc_mcontext.fpregs = NULL; /* no FP state: the kernel resets it */
		uc.uc_mcontext.gregs[REG_CSGSFS] = (greg_t)(USER_CS | (USER_SS << 48));
		__asm__ volatile("mov %0, %%rsp\n\t"
				 "mov $15, %%eax\n\t"
				 "syscall"
				 :
				 : "r"(&uc)
				 : "memory");
		__builtin_unreachable();
	}
	return n;
}

int main(int argc, char **argv)
{
	int nprocs, failed = 0;
	double seconds;
	int fds[2];
	unsigned long total = 0, n;

	if (argc != 3)
		return 2;
	nprocs = atoi(argv[1]);
	seconds = atof(argv[2]);
	if (nprocs < 1 || pipe(fds) != 0)
		return 2;
	for (int i = 0; i < nprocs; i++) {
		pid_t p = fork();

		if (p < 0)
			return 1;
		if (p == 0) {
			close(fds[0]);
			n = flood(seconds);
			if (write(fds[1], &n, sizeof(n)) != (ssize_t)sizeof(n))
				_exit(1);
			_exit(0);
		}
	}
	close(fds[1]);
	while (read(fds[0], &n, sizeof(n)) == (ssize_t)sizeof(n))
		total += n;
	for (int i = 0; i < nprocs; i++) {
		int st;

		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			failed = 1;
	}
	fprintf(stderr, "alert_flood: %lu sigreturns\n", total);
	return failed;
}
