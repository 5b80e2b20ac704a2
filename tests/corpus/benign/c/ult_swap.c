/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ult_swap: preemptive user-level threads (issue 8, class 6). NULT ucontext threads, their
 * stacks adjacent in ONE malloc'd block, each spinning on its own counter; a 1 kHz ITIMER_REAL
 * SIGALRM handler switches from the running thread to the next with swapcontext(). So each
 * handler frame stays live on its thread's stack while the others run, and the handlers are
 * returned from in another order than they were entered (when their thread is switched back
 * to). After SWITCHES ticks the handler stops the timer; each thread finishes and hands over to
 * the next unfinished one, which resumes inside its handler and returns from it; the last goes
 * back to main. Two phases:
 *   stack    the handler runs on the interrupted thread's own stack
 *   onstack  SA_ONSTACK: each thread has its own sigaltstack (again adjacent, one block), armed
 *            with SS_AUTODISARM; the handler arms the next thread's before switching to it (it
 *            may: SS_AUTODISARM means it is no longer "on" the altstack), and each frame's
 *            uc_stack restores its own thread's at the sigreturn. This is how a scheduler gives
 *            every user-level thread a private signal stack.
 *
 * Why: pairing that expects the newest delivery to be returned from first, or looks for a
 * frame within some reach of a delivery's stack pointer (adjacent stacks), pairs these returns
 * with the wrong delivery or with none; the return then looks forged.
 *
 * Self-checks: every thread ran, was preempted and resumed inside its handler as often as it
 * was switched away (so every handler returned), the ticks reached SWITCHES, in phase onstack
 * every handler ran on its own thread's altstack; main's canary survives. Expected from
 * sigscope: every sigreturn matched, nothing above low, no kill.
 */
#include <sys/time.h>
#include <ucontext.h>

#include "benign.h"

#define NULT	 4
#define STACK_SZ (64 * 1024)
#define ALT_SZ	 (64 * 1024)
#define SWITCHES 300

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31) /* linux/signal.h; glibc 2.36 does not export it */
#endif

static ucontext_t main_uc, uc[NULT];
static char *stacks, *alts;
static int onstack;
static volatile int cur, stop;
static volatile unsigned long ticks, work[NULT], suspended[NULT], resumed[NULT];
static volatile int started[NULT], done[NULT];

static void set_alt(int i)
{
	stack_t ss = {
	    .ss_sp = alts + (size_t)i * ALT_SZ, .ss_size = ALT_SZ, .ss_flags = SS_AUTODISARM};

	if (sigaltstack(&ss, NULL))
		bn_die("sigaltstack");
}

static int on_alt(int i, const volatile void *p)
{
	const char *c = (const char *)p, *a = alts + (size_t)i * ALT_SZ;

	return c >= a && c < a + ALT_SZ;
}

static void on_alarm(int sig, siginfo_t *si, void *ucv)
{
	static const struct itimerval off;
	volatile char here;
	int me = cur, next;

	(void)sig;
	(void)si;
	(void)ucv;
	if (stop || me < 0) /* a late tick: the threads are finishing, or back in main */
		return;
	if (onstack)
		BN_CHECK(on_alt(me, &here), "thread %d's handler is not on its own altstack", me);
	if (++ticks >= SWITCHES) {
		stop = 1;
		setitimer(ITIMER_REAL, &off, NULL);
		return;
	}
	next = (me + 1) % NULT;
	if (onstack)
		set_alt(next);
	suspended[me]++;
	cur = next;
	if (swapcontext(&uc[me], &uc[next]))
		bn_die("swapcontext");
	/* Switched back to: return from this (old) frame now. */
	resumed[me]++;
	BN_CHECK(cur == me, "thread %d resumed while thread %d is current", me, cur);
	if (onstack)
		BN_CHECK(on_alt(me, &here), "thread %d resumed off its altstack", me);
}

/* Hand over to the next unfinished thread (it resumes in its handler), or back to main. */
static void hand_over(int me)
{
	for (int k = 1; k < NULT; k++) {
		int j = (me + k) % NULT;

		if (!done[j]) {
			cur = j;
			setcontext(&uc[j]);
			bn_die("setcontext");
		}
	}
	setcontext(&main_uc);
	bn_die("setcontext");
}

static void ult(int i)
{
	sigset_t alrm;

	/* Started with SIGALRM blocked (see phase()): preemptible from here on. */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	if (sigprocmask(SIG_UNBLOCK, &alrm, NULL))
		bn_die("sigprocmask");
	started[i] = 1;
	while (!stop)
		work[i]++;
	done[i] = 1;
	hand_over(i);
}

static void phase(int alt)
{
	struct itimerval it = {{0, 1000}, {0, 1000}};
	stack_t ss = {.ss_flags = SS_DISABLE};
	sigset_t alrm;

	onstack = alt;
	stop = 0;
	ticks = 0;
	/*
	 * Every context a switch lands in has SIGALRM blocked: a thread resumed inside its handler
	 * (the handler's mask), a fresh thread (the mask getcontext() saves below; ult() unblocks
	 * it) and main. Otherwise a tick could arrive inside swapcontext(), between its mask change
	 * and its jump, and save a half-switched context.
	 */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	if (sigprocmask(SIG_BLOCK, &alrm, NULL))
		bn_die("sigprocmask");
	for (int i = 0; i < NULT; i++) {
		work[i] = suspended[i] = resumed[i] = 0;
		started[i] = done[i] = 0;
		if (getcontext(&uc[i]))
			bn_die("getcontext");
		uc[i].uc_stack.ss_sp = stacks + (size_t)i * STACK_SZ; /* adjacent stacks */
		uc[i].uc_stack.ss_size = STACK_SZ;
		uc[i].uc_link = &main_uc;
		makecontext(&uc[i], (void (*)(void))ult, 1, i);
	}
	bn_install(SIGALRM, (void *)on_alarm, SA_SIGINFO | (alt ? SA_ONSTACK : 0));
	if (alt)
		set_alt(0);
	cur = 0;
	if (setitimer(ITIMER_REAL, &it, NULL))
		bn_die("setitimer");
	if (swapcontext(&main_uc, &uc[0]))
		bn_die("swapcontext");
	/* Every thread finished; the last one came back here. */
	cur = -1;
	if (alt && sigaltstack(&ss, NULL))
		bn_die("sigaltstack");
	if (sigprocmask(SIG_UNBLOCK, &alrm, NULL))
		bn_die("sigprocmask");
	BN_CHECK(ticks >= SWITCHES, "phase %s: %lu ticks", alt ? "onstack" : "stack",
		 (unsigned long)ticks);
	for (int i = 0; i < NULT; i++) {
		BN_CHECK(started[i] && done[i] && work[i] > 0, "phase %s: thread %d did not run",
			 alt ? "onstack" : "stack", i);
		BN_CHECK(suspended[i] > 0 && suspended[i] == resumed[i],
			 "phase %s: thread %d switched away %lu times, resumed in its handler %lu",
			 alt ? "onstack" : "stack", i, (unsigned long)suspended[i],
			 (unsigned long)resumed[i]);
	}
	printf("ult_swap phase=%s threads=%d ticks=%lu switched=%lu,%lu,%lu,%lu\n",
	       alt ? "onstack" : "stack", NULT, (unsigned long)ticks, (unsigned long)suspended[0],
	       (unsigned long)suspended[1], (unsigned long)suspended[2],
	       (unsigned long)suspended[3]);
}

int main(void)
{
	volatile unsigned long canary = 0x6d61696e;

	bn_init("ult_swap", 0); /* SIGALRM is the scheduler's: the runner's timeout watches */
	stacks = malloc((size_t)NULT * STACK_SZ);
	alts = malloc((size_t)NULT * ALT_SZ);
	if (!stacks || !alts)
		bn_die("malloc");
	phase(0);
	phase(1);
	BN_CHECK(canary == 0x6d61696e, "main's canary");
	printf("ult_swap failures=%lu\n", (unsigned long)bn_failures);
	return bn_finish();
}
