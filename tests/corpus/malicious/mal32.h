/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What the 32-bit attacks of the malicious corpus (the _m32 programs, built -m32) share: the
 * hijacked context's proof, written with raw int $0x80 syscalls only (a context whose segments
 * the attack moved cannot count on libc), then exit_group(0): the contract of mal.h (0 and the
 * marker: the attack ran).
 */
#ifndef MAL32_H
#define MAL32_H

#include <fcntl.h>

static long mal32_sys3(long nr, long a, long b, long c)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

/* Writes "pwned" to marker and exits 0, through the kernel alone. */
static __attribute__((noreturn, unused)) void mal32_pwned(const char *marker)
{
	long fd = mal32_sys3(5 /* open */, (long)marker, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	mal32_sys3(4 /* write */, fd, (long)"pwned", 5);
	mal32_sys3(6 /* close */, fd, 0, 0);
	for (;;)
		mal32_sys3(252 /* exit_group */, 0, 0, 0);
}

#endif /* MAL32_H */
