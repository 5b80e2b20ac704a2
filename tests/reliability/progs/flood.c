/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * An unprivileged flood (issue 12 item 1): NMAPS separate mappings, then faulting loads for
 * SECONDS, its SIGSEGV handler skipping each: every sigreturn raises a low tampered_context
 * finding (an explained instruction skip, below --enforce's threshold), whose evidence names a
 * mapping of this 60,000-mapping process.
 *
 *     flood NMAPS SECONDS      prints "flood: pid N" on stderr, then "flood: S signals" at the end
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;

	(void)sig;
	(void)si;
	uc->uc_mcontext.gregs[REG_RIP] += 3; /* past the faulting load: an explained skip (low) */
}

int main(int argc, char **argv)
{
	struct sigaction sa = {0};
	long page = sysconf(_SC_PAGESIZE);
	unsigned long nmaps, n = 0;
	struct timespec start, now;
	char *base;
	double secs;

	if (argc != 3)
		return 2;
	nmaps = strtoul(argv[1], NULL, 10);
	secs = atof(argv[2]);
	fprintf(stderr, "flood: pid %d\n", getpid());
	base = mmap(NULL, nmaps * (size_t)page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		return 1;
	/* Alternate protections: no two neighbours merge, every page is its own mapping. */
	for (unsigned long i = 0; i < nmaps; i += 2)
		if (mprotect(base + i * (size_t)page, (size_t)page, PROT_NONE) != 0)
			return 1;
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		for (int i = 0; i < 256; i++, n++) {
			long zero = 0;

			__asm__ volatile(".byte 0x48, 0x8b, 0x00" /* mov (%%rax), %%rax: faults */
					 : "+a"(zero)
					 :
					 : "memory");
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((double)(now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9 < secs);
	fprintf(stderr, "flood: %lu signals\n", n);
	return 0;
}
