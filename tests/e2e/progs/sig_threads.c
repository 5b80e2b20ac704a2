/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sig_threads: NTHREADS threads each take M SIGUSR1 sent by the main thread with tgkill, all
 * threads at once. The threads do different things when hit (spin in user mode, sched_yield,
 * nanosleep: -EINTR, read on a pipe: restarted by SA_RESTART), so the interrupted contexts vary.
 * main sends a thread its next signal only after the previous one was delivered (the handler
 * counted it), so none is merged into a still-pending one and each thread gets exactly M.
 * Ground truth: per-invocation frames and the per-thread counts.
 */
#include "e2e.h" /* first: it defines _GNU_SOURCE */

#include <pthread.h>
#include <time.h>

#define NTHREADS 4
#define M	 50

struct worker {
	pthread_t thread;
	volatile pid_t tid;
	volatile int count;
	int pipefd[2];
	int kind;
};

static struct worker workers[NTHREADS];
static volatile int stop;
static __thread struct worker *self;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;

	e2e_check64(uc, si, __builtin_return_address(0));
	E2E_CHECK(self != NULL, "signal on a thread without a worker");
	if (!self)
		return;
	E2E_CHECK(si->si_code == SI_TKILL && si->si_pid == getpid(), "siginfo %d/%d", si->si_code,
		  (int)si->si_pid);
	e2e_record64("thread", sig, uc, si, (uintptr_t)handler, 1, 1, self->count);
	/* Counted last: main may send the next one as soon as it sees this. */
	__atomic_add_fetch(&self->count, 1, __ATOMIC_SEQ_CST);
}

static void *work(void *arg)
{
	const struct timespec ms = {0, 1000000};
	struct worker *w = arg;
	volatile unsigned long spin = 0;
	char c;

	self = w;
	w->tid = e2e_gettid();
	while (!stop) {
		switch (w->kind) {
		case 0: /* user mode only, but let main run on a 2-CPU machine */
			for (spin = 0; spin < 100000 && !stop; spin++)
				;
			sched_yield();
			break;
		case 1:
			sched_yield();
			break;
		case 2:
			nanosleep(&ms, NULL);
			break;
		default:
			/* Restarted after each handler; main's stop byte ends it. */
			if (read(w->pipefd[0], &c, 1) < 0)
				e2e_die("read");
			break;
		}
	}
	return NULL;
}

int main(void)
{
	const struct timespec us = {0, 20000};
	char extra[512];
	int i, k, n, total = 0, off;

	e2e_open();
	e2e_install(SIGUSR1, (void *)handler, SA_SIGINFO | SA_RESTART, NULL);
	for (i = 0; i < NTHREADS; i++) {
		workers[i].kind = i;
		if (pipe(workers[i].pipefd))
			e2e_die("pipe");
		if (pthread_create(&workers[i].thread, NULL, work, &workers[i]))
			e2e_die("pthread_create");
	}
	for (i = 0; i < NTHREADS; i++)
		while (!workers[i].tid)
			nanosleep(&us, NULL);
	for (k = 0; k < M; k++) {
		for (i = 0; i < NTHREADS; i++) {
			for (n = 0;
			     n < 100000 && __atomic_load_n(&workers[i].count, __ATOMIC_SEQ_CST) < k;
			     n++)
				nanosleep(&us, NULL);
			if (syscall(SYS_tgkill, getpid(), workers[i].tid, SIGUSR1))
				e2e_die("tgkill");
		}
	}
	for (i = 0; i < NTHREADS; i++)
		for (n = 0; n < 100000 && workers[i].count < M; n++)
			nanosleep(&us, NULL);
	stop = 1;
	off = snprintf(extra, sizeof(extra), ",\"threads\":{");
	for (i = 0; i < NTHREADS; i++) {
		if (write(workers[i].pipefd[1], "x", 1) != 1)
			e2e_die("write");
		pthread_join(workers[i].thread, NULL);
		E2E_CHECK(workers[i].count == M, "thread %d handled %d of %d", i, workers[i].count,
			  M);
		total += workers[i].count;
		off += snprintf(extra + off, sizeof(extra) - off, "%s\"%d\":%d", i ? "," : "",
				(int)workers[i].tid, workers[i].count);
	}
	snprintf(extra + off, sizeof(extra) - off, "},\"per_thread\":%d,\"expect_exit\":0", M);
	return e2e_summary("sig_threads", total, total, extra);
}
