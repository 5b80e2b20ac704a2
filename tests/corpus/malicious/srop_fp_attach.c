/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_attach (red team round 20): the FP area of a frame that was live when sigscope
 * attached. Run in attach mode: a worker thread takes SIGUSR1 with a function pointer in xmm0
 * and waits inside its handler; main prints "srop_fp_attach: ready" and waits for the go
 * (mal_wait_go); the runner attaches `sigscope -p PID` and sends it. Then main rewrites xmm0 in
 * the worker's frame and lets the handler return: its general registers are as the frame held
 * them at attach, so the attach-time snapshot excuses the return, and the interrupted code calls
 * through xmm0.
 *
 * Why: an excuse that compares only what the snapshot recorded of the general registers leaves
 * the rest of the frame free.
 *
 * Expected from sigscope: tampered_context (high, changed fpstate) on an excused
 * (preexisting_unmatched) return; under --enforce, SIGKILL before mal_pwned runs.
 */
#include "mal.h"

#include <pthread.h>
#include <time.h>

static volatile int inside, release;
static uint64_t *volatile xmm0_slot;
static pid_t worker_tid;

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	struct timespec ts = {0, 5 * 1000 * 1000};

	(void)sig;
	(void)info;
	xmm0_slot = (uint64_t *)&uc->uc_mcontext.fpregs->_xmm[0];
	inside = 1;
	while (!release)
		nanosleep(&ts, NULL); /* inside the handler while sigscope attaches */
}

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = (pid_t)syscall(SYS_gettid);
	mal_call_through_xmm0(benign, SIGUSR1);
	return NULL;
}

int main(void)
{
	sigset_t go;
	pthread_t t;
	struct timespec ts = {0, 1000 * 1000};

	mal_init("srop_fp_attach", 30);
	sigemptyset(&go);
	sigaddset(&go, SIGUSR2); /* the go is main's: the worker inherits it blocked */
	if (sigprocmask(SIG_BLOCK, &go, NULL))
		mal_die(MAL_EXIT_SETUP, "sigprocmask");
	mal_handle(SIGUSR1, handler, 0);
	if (pthread_create(&t, NULL, worker, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	for (int i = 0; !inside; i++) {
		if (i > 5000)
			mal_die(MAL_EXIT_SETUP, "the worker never entered its handler");
		nanosleep(&ts, NULL);
	}
	mal_wait_go();
	if (*xmm0_slot == (uint64_t)(uintptr_t)benign)
		*xmm0_slot = (uint64_t)(uintptr_t)mal_pwned; /* the frame live at attach */
	release = 1;
	pthread_join(t, NULL);
	mal_say("the call through xmm0 went where it was meant to");
	return MAL_EXIT_NOTHING;
}
