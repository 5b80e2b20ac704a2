/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * storm: the volume workload of sigscope's benign corpus (tests/corpus/run_benign.py). THREADS
 * threads take signals at a paced rate until TOTAL handler invocations have run, each thread
 * cycling through the legitimate ways a C program takes a signal:
 *
 *   plain    SIGUSR1, `void h(int)`, SA_RESTART, raised with tgkill
 *   siginfo  SIGUSR2, SA_SIGINFO; the handler edits uc_sigmask (blocks or unblocks SIGWINCH for
 *            the interrupted code), as handlers may
 *   queued   SIGRTMIN, rt_tgsigqueueinfo with a value, SA_SIGINFO
 *   nested   SIGRTMIN+1 whose handler raises SIGRTMIN+2: two frames, inner one returned first
 *   onstack  SIGRTMIN+3 with SA_ONSTACK on the thread's sigaltstack
 *   recover  SIGSEGV from a read of a PROT_NONE page; the handler moves rip past exactly the
 *            faulting load (the result preset to -1), as emulators and fault-probing code do:
 *            sigscope explains it (instruction_skip) and reports each (tampered_context, low),
 *            so one in RECOVER_EVERY. (A jump to a continuation label elsewhere, HotSpot's
 *            static SafeFetch, is not explained yet: README "Not explained yet".)
 *
 * plus a process-wide ITIMER_REAL SIGALRM at 1 kHz that interrupts whatever runs (user-mode
 * loops included), and sleeps that the pacing itself takes. Pacing keeps the event rate within
 * what the tracer's consumer drains, so that nothing is lost.
 *
 * Usage: storm TOTAL [RATE [THREADS]]   (RATE handler invocations per second, all threads
 * together, 0 = unpaced; default 20000; THREADS default 2). Prints one summary line; exit status
 * 0 when every signal sent was handled as expected and every probe recovered, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define MAX_THREADS 16
#define BATCH	    64 /* signals between pacing checks */
#define ALTSTACK_SZ (64 * 1024)

enum kind { K_PLAIN, K_SIGINFO, K_QUEUED, K_NESTED, K_ONSTACK, K_MAX, K_RECOVER = K_MAX };
#define RECOVER_EVERY 64 /* one fault probe per this many signals: each is a low finding */

/* Per-thread counters, written by that thread's handlers only. */
struct worker {
	pthread_t thread;
	pid_t tid;
	unsigned long quota;		/* invocations this thread drives (alarms not included) */
	volatile unsigned long handled; /* handler invocations of the driven kinds */
	volatile unsigned long recovered;
	volatile unsigned long bad; /* a queued signal without SI_QUEUE, an onstack one off it */
	unsigned long sent, probes;
	char *altstack;
};

static struct worker workers[MAX_THREADS];
static __thread struct worker *self;
static volatile unsigned long alarms;
static unsigned char *guard; /* a PROT_NONE page: every read faults */
static pid_t pid;
static double per_thread_rate;

/* probe_read(p): *p, or -1 when the read faulted (the SIGSEGV handler skips the load, whose
 * length is PROBE_INSN_LEN, and its result stays the -1 set before it). */
extern int probe_read(const volatile unsigned char *p);
extern char probe_insn[];
#define PROBE_INSN_LEN 3 /* movzbl (%rdi), %eax: 0f b6 07 */
__asm__(".text\n"
	".globl probe_read\n"
	".type probe_read, @function\n"
	"probe_read:\n"
	"	movl $-1, %eax\n"
	".globl probe_insn\n"
	"probe_insn:\n"
	"	movzbl (%rdi), %eax\n"
	"	ret\n"
	".size probe_read, . - probe_read\n");

static pid_t gettid_raw(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void on_plain(int sig)
{
	(void)sig;
	if (self)
		self->handled++;
}

static void on_siginfo(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	/* Alternately block and unblock SIGWINCH for the code this signal interrupted. */
	if (sigismember(&uc->uc_sigmask, SIGWINCH))
		sigdelset(&uc->uc_sigmask, SIGWINCH);
	else
		sigaddset(&uc->uc_sigmask, SIGWINCH);
	if (self)
		self->handled++;
}

static void on_queued(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	(void)ucv;
	if (!self)
		return;
	self->handled++;
	if (si->si_code != SI_QUEUE)
		self->bad++;
}

static void on_inner(int sig)
{
	(void)sig;
	if (self)
		self->handled++;
}

static void on_outer(int sig)
{
	(void)sig;
	/* Delivered on the way out of this tgkill: a second frame below ours. */
	syscall(SYS_tgkill, pid, gettid_raw(), SIGRTMIN + 2);
	if (self)
		self->handled++;
}

static void on_onstack(int sig, siginfo_t *si, void *ucv)
{
	char here;

	(void)sig;
	(void)si;
	(void)ucv;
	if (!self)
		return;
	self->handled++;
	if (&here < self->altstack || &here >= self->altstack + ALTSTACK_SZ)
		self->bad++;
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if (uc->uc_mcontext.gregs[REG_RIP] != (greg_t)(uintptr_t)probe_insn ||
	    (unsigned char *)si->si_addr != guard) {
		/* A real crash: restore the default action and let it happen again. */
		signal(SIGSEGV, SIG_DFL);
		return;
	}
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)probe_insn + PROBE_INSN_LEN;
	if (self) {
		self->handled++;
		self->recovered++;
	}
}

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void install(int sig, void *fn, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	if (flags & SA_SIGINFO)
		sa.sa_sigaction = fn;
	else
		sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL)) {
		perror("storm: sigaction");
		exit(1);
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One signal of kind k, taken by the calling thread before this returns. */
static void take(struct worker *w, enum kind k)
{
	siginfo_t si;

	switch (k) {
	case K_PLAIN:
		syscall(SYS_tgkill, pid, w->tid, SIGUSR1);
		break;
	case K_SIGINFO:
		syscall(SYS_tgkill, pid, w->tid, SIGUSR2);
		break;
	case K_QUEUED:
		memset(&si, 0, sizeof(si));
		si.si_signo = SIGRTMIN;
		si.si_code = SI_QUEUE;
		si.si_pid = pid;
		si.si_uid = getuid();
		si.si_value.sival_int = (int)w->sent;
		syscall(SYS_rt_tgsigqueueinfo, pid, w->tid, SIGRTMIN, &si);
		break;
	case K_NESTED:
		syscall(SYS_tgkill, pid, w->tid, SIGRTMIN + 1);
		break;
	case K_ONSTACK:
		syscall(SYS_tgkill, pid, w->tid, SIGRTMIN + 3);
		break;
	case K_RECOVER:
		w->probes++;
		if (probe_read(guard) != -1) {
			fprintf(stderr, "storm: probe of the guard page did not fault\n");
			exit(1);
		}
		return;
	}
	w->sent++;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	stack_t ss = {.ss_size = ALTSTACK_SZ};
	double t0, due;
	unsigned long i = 0;

	self = w;
	w->tid = gettid_raw();
	ss.ss_sp = w->altstack;
	if (sigaltstack(&ss, NULL)) {
		perror("storm: sigaltstack");
		exit(1);
	}
	t0 = now();
	while (w->handled < w->quota) {
		enum kind k =
		    i % RECOVER_EVERY == RECOVER_EVERY - 1 ? K_RECOVER : (enum kind)(i % K_MAX);

		/* The nested kind counts two invocations: keep the total exact near the end. */
		if (k == K_NESTED && w->quota - w->handled < 2)
			k = K_PLAIN;
		take(w, k);
		i++;
		if (per_thread_rate > 0 && i % BATCH == 0) {
			due = t0 + (double)w->handled / per_thread_rate;
			while (now() < due) {
				struct timespec ts = {0, 200000};

				nanosleep(&ts, NULL); /* SIGALRM may cut it short: EINTR, loop */
			}
		}
	}
	return NULL;
}

static int parse_ul(const char *s, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 10);
	return s[0] >= '0' && s[0] <= '9' && !errno && *end == '\0' ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned long total, rate = 20000, nthreads = 2, handled = 0, sent = 0, probes = 0,
			     recovered = 0, bad = 0;
	struct itimerval it = {{0, 1000}, {0, 1000}}, off = {{0, 0}, {0, 0}};
	double t0, secs;
	int ok;

	if (argc < 2 || argc > 4 || parse_ul(argv[1], &total) || total == 0 ||
	    (argc > 2 && parse_ul(argv[2], &rate)) ||
	    (argc > 3 &&
	     (parse_ul(argv[3], &nthreads) || nthreads == 0 || nthreads > MAX_THREADS))) {
		fprintf(stderr, "usage: storm TOTAL [RATE [THREADS]]\n");
		return 2;
	}
	pid = getpid();
	per_thread_rate = (double)rate / (double)nthreads;
	guard = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (guard == MAP_FAILED) {
		perror("storm: mmap");
		return 1;
	}
	install(SIGUSR1, (void *)on_plain, SA_RESTART);
	install(SIGUSR2, (void *)on_siginfo, SA_SIGINFO | SA_RESTART);
	install(SIGRTMIN, (void *)on_queued, SA_SIGINFO);
	install(SIGRTMIN + 1, (void *)on_outer, 0);
	install(SIGRTMIN + 2, (void *)on_inner, 0);
	install(SIGRTMIN + 3, (void *)on_onstack, SA_SIGINFO | SA_ONSTACK);
	install(SIGSEGV, (void *)on_segv, SA_SIGINFO);
	install(SIGALRM, (void *)on_alarm, SA_RESTART);
	if (setitimer(ITIMER_REAL, &it, NULL)) {
		perror("storm: setitimer");
		return 1;
	}
	t0 = now();
	for (unsigned long t = 0; t < nthreads; t++) {
		struct worker *w = &workers[t];

		w->quota = total / nthreads + (t < total % nthreads ? 1 : 0);
		w->altstack = malloc(ALTSTACK_SZ);
		if (!w->altstack || pthread_create(&w->thread, NULL, work, w)) {
			fprintf(stderr, "storm: thread %lu: cannot start\n", t);
			return 1;
		}
	}
	for (unsigned long t = 0; t < nthreads; t++) {
		pthread_join(workers[t].thread, NULL);
		handled += workers[t].handled;
		sent += workers[t].sent;
		probes += workers[t].probes;
		recovered += workers[t].recovered;
		bad += workers[t].bad;
	}
	setitimer(ITIMER_REAL, &off, NULL);
	secs = now() - t0;
	/* Every nested signal ran two handlers; each probe faulted once. */
	ok = handled == total && recovered == probes && bad == 0;
	printf("storm total=%lu handled=%lu sent=%lu probes=%lu recovered=%lu bad=%lu alarms=%lu "
	       "threads=%lu seconds=%.2f rate=%.0f/s%s\n",
	       total, handled, sent, probes, recovered, bad, alarms, nthreads, secs,
	       (double)(handled + alarms) / secs, ok ? "" : " MISMATCH");
	return ok ? 0 : 1;
}
