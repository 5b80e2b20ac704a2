/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * guest: a signal-heavy i386 program run by qemu-user (qemu-i386) on the x86_64 host
 * (tests/realworld/run_realworld.py builds it with gcc -m32 -static). This host's kernel runs
 * no 32-bit code, so only the emulator runs it: every guest signal is qemu's business. qemu
 * catches the host's SIGSEGV of a guest fault in its own handler and leaves it with siglongjmp
 * into its CPU loop; asynchronous host signals (the guest's timers, pthread_kill) are queued
 * and their handler returns, and one that lands inside qemu's safe_syscall window (a guest
 * syscall about to be made, or being restarted by the host kernel) has its host rip moved back
 * to safe_syscall_start, which checks for a pending guest signal first (sigscope:
 * runtime_restart; red team round 11 found it killed). What sigscope sees are
 * qemu's host sigreturns; the guest's own sigreturns are emulated and never reach the kernel.
 *
 * The guest program: SIGSEGV faults resumed by a handler that moves eip past the faulting
 * instruction, division by zero (SIGFPE) the same way, stack overflow on the main thread and on
 * a second thread (caught on a sigaltstack, left with siglongjmp), a 1 kHz SIGALRM interval
 * timer interrupting blocking reads, pthread_kill between threads, a blocking read that a
 * SA_RESTART handler's signals (from a child process, every millisecond) restart until a byte
 * comes, and garbage on the heap (malloc/free churn stands in for a collector).
 *
 * Prints "qemu-guest: ..." with the counts; exit 0 when they are what they must be.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "../overflow.h"

#define FAULTS	 500
#define THREADS	 3
#define KILLS	 500
#define ALARMS	 50
#define RESTARTS 200 /* SIGUSR1s a child sends while the main thread reads */

/* Atomic: the handlers run on several threads at once (qemu runs guest threads in parallel). */
static volatile int segvs, fpes, alarms, usr1s, overflows;

static void on_segv(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	const unsigned char *ip = (const unsigned char *)uc->uc_mcontext.gregs[REG_EIP];

	(void)sig;
	(void)si;
	if (overflowing) {
		__atomic_fetch_add(&overflows, 1, __ATOMIC_RELAXED);
		siglongjmp(overflow_env, 1);
	}
	if (ip[0] == 0xc6 && ip[1] == 0x00) { /* movb $imm, (%eax): the probe in fault() */
		uc->uc_mcontext.gregs[REG_EIP] += 3;
		__atomic_fetch_add(&segvs, 1, __ATOMIC_RELAXED);
		return;
	}
	abort();
}

static void on_fpe(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	const unsigned char *ip = (const unsigned char *)uc->uc_mcontext.gregs[REG_EIP];

	(void)sig;
	(void)si;
	if (ip[0] == 0xf7 && ip[1] == 0xf1) { /* divl %ecx */
		uc->uc_mcontext.gregs[REG_EIP] += 2;
		__atomic_fetch_add(&fpes, 1, __ATOMIC_RELAXED);
		return;
	}
	abort();
}

static void on_alrm(int sig)
{
	(void)sig;
	__atomic_fetch_add(&alarms, 1, __ATOMIC_RELAXED);
}

static void on_usr1(int sig)
{
	(void)sig;
	__atomic_fetch_add(&usr1s, 1, __ATOMIC_RELAXED);
}

static void fault(void)
{
	unsigned int q = 7, zero = 0;

	asm volatile("movb $1, (%%eax)" ::"a"(16) : "memory");
	asm volatile("divl %%ecx" : "+a"(q) : "c"(zero), "d"(0) : "cc");
}

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < FAULTS; i++)
		fault();
	return NULL;
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
	while (usr1s < KILLS)
		pause();
	return NULL;
}

static void handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = {.sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags};

	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL))
		abort();
}

int main(void)
{
	struct sigaction sa = {.sa_handler = on_alrm};
	struct itimerval it = {{0, 1000}, {0, 1000}};
	pthread_t t[THREADS], ov, sl;
	long garbage = 0;
	int fds[2], ok, restarted;

	handle(SIGSEGV, on_segv, SA_ONSTACK | SA_NODEFER);
	handle(SIGFPE, on_fpe, 0);
	sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART: the read below returns EINTR */
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);

	for (int i = 0; i < FAULTS; i++)
		fault();
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);

	overflow_once();
	pthread_create(&ov, NULL, overflower, NULL);
	pthread_join(ov, NULL);

	pthread_create(&sl, NULL, sleeper, NULL);
	for (int i = 0; i < KILLS; i++) {
		pthread_kill(sl, SIGUSR1);
		while (usr1s <= i)
			sched_yield();
	}
	pthread_join(sl, NULL);

	if (pipe(fds))
		abort();
	setitimer(ITIMER_REAL, &it, NULL);
	while (alarms < ALARMS) {
		char c;
		void *p = malloc(64 + (alarms & 1023));

		garbage += p != NULL;
		free(p);
		if (read(fds[0], &c, 1) != -1) /* blocks until SIGALRM interrupts it */
			abort();
	}
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);

	/* SA_RESTART: each SIGUSR1 restarts the read, which ends when the child writes its byte. */
	{
		int before = usr1s, rfd[2];
		pid_t parent = getpid(), child;
		char c;

		if (pipe(rfd))
			abort();
		child = fork();
		if (child == 0) {
			for (int i = 0; i < RESTARTS; i++) {
				kill(parent, SIGUSR1);
				usleep(1000);
			}
			if (write(rfd[1], "x", 1) != 1)
				_exit(1);
			_exit(0);
		}
		ok = read(rfd[0], &c, 1) == 1 && c == 'x';
		waitpid(child, NULL, 0);
		restarted = ok ? usr1s - before : -1;
	}

	printf("qemu-guest: segv %d, fpe %d, stack overflows %d (main and one thread), usr1 %d, "
	       "alarms %d, restarted read %s after %d signals, allocations %ld\n",
	       (int)segvs, (int)fpes, (int)overflows, KILLS, (int)alarms,
	       restarted > 0 ? "ok" : "FAILED", restarted, garbage);
	ok = segvs == FAULTS * (THREADS + 1) && fpes == FAULTS * (THREADS + 1) && overflows == 2 &&
	     usr1s - (restarted > 0 ? restarted : 0) == KILLS && alarms >= ALARMS && restarted > 0;
	return ok ? 0 : 1;
}
