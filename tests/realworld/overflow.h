/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * One stack overflow on the calling thread, shared by the gdb target and the qemu guest: unbounded
 * recursion faults on the guard page, the SIGSEGV handler runs on a sigaltstack and, seeing
 * `overflowing`, leaves by siglongjmp(overflow_env, 1). Include after <setjmp.h>, <signal.h> and
 * <stdlib.h>; the including program's SIGSEGV handler does the siglongjmp.
 */
#ifndef REALWORLD_OVERFLOW_H
#define REALWORLD_OVERFLOW_H

#define ALTSTACK_SZ (64 * 1024)

static __thread sigjmp_buf overflow_env;
static __thread volatile int overflowing;
static volatile int depth_limit = 1 << 30; /* never reached: the stack ends first */

static int __attribute__((noinline)) recurse(int depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	if (depth == depth_limit)
		return 0;
	return recurse(depth + 1) + frame[0];
}

/* One stack overflow on the calling thread: SIGSEGV on the sigaltstack, left by siglongjmp. */
static void overflow_once(void)
{
	stack_t ss = {.ss_sp = malloc(ALTSTACK_SZ), .ss_size = ALTSTACK_SZ};

	if (!ss.ss_sp || sigaltstack(&ss, NULL))
		abort();
	if (sigsetjmp(overflow_env, 1) == 0) {
		overflowing = 1;
		recurse(0);
	}
	overflowing = 0;
}

#endif
