/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_framefail_skip (red team round 3): an instruction "skip" after a fault that never was. A
 * thread parks in a `jmp .` loop with a read-only sigaltstack; SIGUSR1 is SA_ONSTACK, so the
 * kernel cannot write its frame and forces a SIGSEGV instead (force_sigsegv(), si_code
 * SI_KERNEL), delivered with the saved rip at the parked `jmp`, which faulted nothing. The SIGSEGV
 * handler moves rip past the jmp (its exact length, 2 bytes), and the thread falls into
 * mal_pwned. sigscope took a kernel-raised SIGSEGV outside a syscall for a fault of the
 * instruction at rip, and explained the move as instruction_skip (low). Chained (a SIGUSR1 queued
 * from each handler, blocked until its sigreturn), the same walks over a call and its test.
 *
 * Expected from sigscope: tampered_context (high): a skip is explained only after a fault's own
 * si_code (SEGV_*, BUS_*, ILL_*, FPE_*), never SI_KERNEL (judge.h sigscope_sync_fault).
 */
#include "mal.h" /* first: it defines _GNU_SOURCE */

#include <pthread.h>
#include <sys/mman.h>

extern char park_jmp[];
static volatile pid_t victim_tid;
static volatile int parked;

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	(void)ucv;
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if (si->si_code == SI_KERNEL && uc->uc_mcontext.gregs[REG_RIP] == (greg_t)park_jmp)
		uc->uc_mcontext.gregs[REG_RIP] += 2; /* jmp rel8 */
}

static __attribute__((noinline)) void park(void)
{
	parked = 1;
	__asm__ volatile(".globl park_jmp\npark_jmp: jmp park_jmp\n" ::: "memory");
	mal_pwned();
}

static void *victim(void *arg)
{
	size_t sz = 64 * 1024;
	void *alt = mmap(NULL, sz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	stack_t ss = {.ss_sp = alt, .ss_size = sz, .ss_flags = 0};

	(void)arg;
	if (alt == MAP_FAILED || sigaltstack(&ss, NULL))
		mal_die(MAL_EXIT_SETUP, "read-only sigaltstack");
	victim_tid = (pid_t)syscall(SYS_gettid);
	park();
	return NULL;
}

int main(void)
{
	pthread_t t;

	mal_init("srop_framefail_skip", 20);
	mal_handle(SIGSEGV, on_segv, 0);
	mal_handle(SIGUSR1, on_usr1, SA_ONSTACK);
	if (pthread_create(&t, NULL, victim, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	while (!parked)
		usleep(1000);
	usleep(20000);
	syscall(SYS_tgkill, getpid(), victim_tid, SIGUSR1);
	sleep(3);
	mal_say("the forced SIGSEGV's skip did not run");
	return MAL_EXIT_NOTHING;
}
