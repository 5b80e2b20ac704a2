/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * edit: the program of the gdb-edit workload (edit.gdb). A developer stops it inside a signal
 * handler, selects the interrupted function's frame and sets a variable kept in a register: gdb
 * writes the new value where that frame's register is saved, the signal frame's uc_mcontext, and
 * the kernel restores it at the handler's return (red team round 36, b3_gdb_setvar: killed).
 * edit.gdb stops at a breakpoint in the handler (a SIGTRAP stop), edit-syscall.gdb at the entry
 * of the handler's getppid() (a syscall stop, no signal: red team round 37, b2).
 *
 * work() counts i (in rbx) from 0 to LIMIT and sums it; at i == 1000 it raises SIGUSR1, and the
 * script sets i to LIMIT - 10 in work()'s frame. The sum is then 0 + ... + 1000 plus the last
 * nine values: 500500 + 899999955 = 900500455. Without the edit it would be LIMIT (LIMIT - 1) / 2.
 *
 * Prints "gdb-edit: sum=N ticks=1".
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#define LIMIT 100000000L

static volatile sig_atomic_t ticks;

void on_usr1(int sig)
{
	long nr = 110; /* getppid: edit-syscall.gdb stops at its entry */

	(void)sig;
	ticks++;
	/* Inline, not a call: the frames stay as edit.gdb has them (the handler, the trampoline,
	 * the interrupted kill()). */
	__asm__ volatile("syscall" : "+a"(nr) : : "rcx", "r11", "memory");
}

__attribute__((noinline)) long work(long limit)
{
	register long i asm("rbx"); /* callee-saved: the signal frame holds it */
	long sum = 0;

	for (i = 0; i < limit; i++) {
		sum += i;
		if (i == 1000)
			kill(getpid(), SIGUSR1);
		__asm__ volatile("" : "+r"(i));
	}
	return sum;
}

int main(void)
{
	long sum;

	signal(SIGUSR1, on_usr1);
	sum = work(LIMIT);
	printf("gdb-edit: sum=%ld ticks=%d\n", sum, (int)ticks);
	return 0;
}
