/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * target: the program the gdb workloads debug (the .gdb scripts next to it). It takes signals
 * in every way gdb has to step around: SIGUSR1 from raise() and from another thread, SIGSEGV
 * faults resumed by a handler that moves rip past the faulting instruction, SIGALRM from a 50 Hz
 * interval timer (faster, and gdb's round trips per signal outlast the period: the thread never
 * leaves its handlers), and a stack overflow on the main thread and on a second thread (caught
 * on a sigaltstack, left with siglongjmp).
 *
 * The scripts set breakpoints in the handlers and one on the `syscall` instruction of glibc's
 * signal restorer (__restore_rt: `mov $15,%rax; syscall`). Debian strips __restore_rt from
 * libc's symbol table, so the program publishes the address in restorer_syscall (from the
 * sa_restorer glibc registered, checked to be that stub) and calls ready() once it is set: a
 * script breaks on ready() and then on *restorer_syscall. A breakpoint there means every
 * sigreturn starts with gdb stepping over its own breakpoint at the syscall, in line or
 * displaced (copied to a scratch area and run there).
 *
 * Prints "gdb-target: ..." with the counts; exit 0 when they are what they must be.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#define RAISES	    50
#define KILLS	    50
#define FAULTS	    50
#define ALARMS	    20
#define ALTSTACK_SZ (64 * 1024)

static volatile sig_atomic_t usr1s, segvs, alarms, overflows;
static __thread sigjmp_buf overflow_env;
static __thread volatile int overflowing;
static volatile int depth_limit = 1 << 30; /* never reached: the stack ends first */
void *volatile restorer_syscall;	   /* the `syscall` of glibc's __restore_rt */

/* A breakpoint location for the scripts: restorer_syscall is set. */
void __attribute__((noinline)) ready(void)
{
	asm volatile("" ::: "memory");
}

void on_usr1(int sig)
{
	(void)sig;
	usr1s++;
}

void on_alrm(int sig)
{
	(void)sig;
	alarms++;
}

void on_segv(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	const unsigned char *ip = (const unsigned char *)uc->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	(void)si;
	if (overflowing) {
		overflows++;
		siglongjmp(overflow_env, 1);
	}
	if (ip[0] == 0xc6 && ip[1] == 0x00) { /* movb $imm, (%rax): the probe in fault() */
		uc->uc_mcontext.gregs[REG_RIP] += 3;
		segvs++;
		return;
	}
	abort();
}

static int __attribute__((noinline)) recurse(int depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	if (depth == depth_limit)
		return 0;
	return recurse(depth + 1) + frame[0];
}

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

static void *overflower(void *arg)
{
	(void)arg;
	overflow_once();
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	while (usr1s < RAISES + KILLS)
		pause();
	return NULL;
}

int main(void)
{
	struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = SA_RESTART}, old;
	struct itimerval it = {{0, 20000}, {0, 20000}};
	const unsigned char *r;
	pthread_t t;
	int ok;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_alrm;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);

	/* glibc's restorer: 48 c7 c0 0f 00 00 00 (mov $15,%rax), 0f 05 (syscall). */
	sigaction(SIGUSR1, NULL, &old);
	r = (const unsigned char *)old.sa_restorer;
	if (!r || memcmp(r, "\x48\xc7\xc0\x0f\x00\x00\x00\x0f\x05", 9)) {
		printf("gdb-target: sa_restorer is not glibc's __restore_rt\n");
		return 1;
	}
	restorer_syscall = (void *)(r + 7);
	ready();

	for (int i = 0; i < RAISES; i++)
		raise(SIGUSR1);
	pthread_create(&t, NULL, sleeper, NULL);
	for (int i = 0; i < KILLS; i++) {
		pthread_kill(t, SIGUSR1);
		while (usr1s <= RAISES + i)
			sched_yield();
	}
	pthread_join(t, NULL);
	for (int i = 0; i < FAULTS; i++)
		asm volatile("movb $1, (%%rax)" ::"a"(16UL) : "memory");
	overflow_once();
	pthread_create(&t, NULL, overflower, NULL);
	pthread_join(t, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	while (alarms < ALARMS)
		pause();
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);

	printf("gdb-target: usr1 %d, segv %d, stack overflows %d (main and one thread), "
	       "alarms %d\n",
	       (int)usr1s, (int)segvs, (int)overflows, (int)alarms);
	ok = usr1s == RAISES + KILLS && segvs == FAULTS && overflows == 2 && alarms >= ALARMS;
	return ok ? 0 : 1;
}
