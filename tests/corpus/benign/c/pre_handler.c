/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * pre_handler: threads that are INSIDE genuine signal handlers when sigscope attaches (issue 8,
 * class 4, the benign side). Three threads each take a signal and block inside its handler, on
 * a pipe:
 *   plain   SIGUSR1, one handler deep, on the thread's stack
 *   nested  SIGRTMIN+1, whose handler raises SIGRTMIN+2: blocked two handlers deep
 *   onstack SIGRTMIN+3 with SA_ONSTACK, on the thread's own sigaltstack
 *   deep    SIGRTMIN+4, whose handler builds a report in a 192 KiB buffer on its stack: its
 *           frame lies far above where it blocks (red team round 8: beyond the attach-time
 *           snapshot's 64 KiB window)
 *   twostack SIGRTMIN+6 on the thread's stack, whose handler raises SIGRTMIN+7 with SA_ONSTACK:
 *           blocked two handlers deep on two stacks (red team round 18, FP6: only the altstack
 *           was read, and the outer frame was killed as forged)
 *   fork    SIGRTMIN+5, whose handler forks once the gate opens (a daemon respawning a worker
 *           from its SIGHUP handler): parent and child both return through the frame written
 *           before the attach (red team round 17, fp2: the child was killed as forged)
 *   mlock   SIGRTMIN+8, whose handler derives a key into a stack buffer it mlock()s (libsodium's
 *           sodium_mlock on a stack array): the stack's VMA is split in three, with the sp in
 *           the lowest piece and the frame in the highest (red team round 18, FP4: the snapshot
 *           read only the sp's piece, and the return was killed as forged)
 * Once all three are inside, main says "pre_handler: ready" and waits for the go (SIGUSR2,
 * benign.h); the runner attaches `sigscope -p PID` first. On the go, main writes one byte per
 * blocked handler; the handlers return (four sigreturns from deliveries sigscope never saw),
 * and each thread then takes AFTER ordinary signals (seen by sigscope from delivery to return).
 *
 * Why: a thread older than the tracer may legitimately return from a delivery the tracer never
 * saw; sigscope excuses exactly those (preexisting_unmatched, low). Tightening the excuse
 * against the class-4 attacks (srop_preexisting*) must not start killing these.
 *
 * Self-checks: each handler returned to the code it interrupted (canaries, flags set after the
 * return), the nested inner handler returned into the outer one, the onstack handler ran on its
 * altstack, every later signal ran. Expected from sigscope: nothing above low, no kill; the
 * four returns from unseen deliveries are the only unmatched sigreturns (preexisting_unmatched,
 * low, pairing thread_predates_tracer), every later one is matched.
 */
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#include "benign.h"

#define ALT_SZ 65536
#define AFTER  3
#define BLOCKS 7 /* handlers that block: one per thread */
#define DEEP   (192 * 1024)

static int gate[2];
static volatile int inside, returned_inner;
static volatile pid_t forked, main_pid;
static volatile unsigned long later;
static char *altstack, *altstack2;

static void block_here(void)
{
	char c;

	__atomic_add_fetch(&inside, 1, __ATOMIC_SEQ_CST);
	while (read(gate[0], &c, 1) != 1)
		if (errno != EINTR)
			bn_die("read");
}

static void on_plain(int sig)
{
	volatile unsigned long canary = 0x706c61;

	(void)sig;
	block_here();
	BN_CHECK(canary == 0x706c61, "plain handler's canary");
}

static void on_inner(int sig)
{
	volatile unsigned long canary = 0x696e6e;

	(void)sig;
	block_here();
	BN_CHECK(canary == 0x696e6e, "inner handler's canary");
	returned_inner = 1;
}

static void on_outer(int sig)
{
	volatile unsigned long canary = 0x6f7574;

	(void)sig;
	bn_raise(SIGRTMIN + 2); /* blocks in on_inner, two deep */
	BN_CHECK(returned_inner == 1, "the inner handler did not return into the outer one");
	BN_CHECK(canary == 0x6f7574, "outer handler's canary");
}

static void on_onstack(int sig)
{
	volatile char here;

	(void)sig;
	BN_CHECK((char *)&here >= altstack && (char *)&here < altstack + ALT_SZ,
		 "the onstack handler is not on its altstack");
	block_here();
	BN_CHECK((char *)&here >= altstack && (char *)&here < altstack + ALT_SZ,
		 "the onstack handler left its altstack");
}

static __attribute__((noinline)) void on_deep(int sig)
{
	volatile char report[DEEP];

	(void)sig;
	report[0] = report[DEEP - 1] = 'r';
	block_here();
	BN_CHECK(report[0] == 'r' && report[DEEP - 1] == 'r', "deep handler's report");
}

static void on_fork(int sig)
{
	volatile unsigned long canary = 0x666f72;

	(void)sig;
	block_here();
	forked = fork(); /* async-signal-safe; the child returns from this handler too */
	if (forked < 0)
		bn_die("fork");
	BN_CHECK(canary == 0x666f72, "fork handler's canary");
}

static void on_two_inner(int sig)
{
	volatile char here;

	(void)sig;
	BN_CHECK((char *)&here >= altstack2 && (char *)&here < altstack2 + ALT_SZ,
		 "the inner twostack handler is not on its altstack");
	block_here();
}

static void on_two_outer(int sig)
{
	volatile unsigned long canary = 0x74776f;

	(void)sig;
	bn_raise(SIGRTMIN + 7); /* blocks in on_two_inner, on the altstack */
	BN_CHECK(canary == 0x74776f, "outer twostack handler's canary");
}

static __attribute__((noinline)) void on_mlock(int sig)
{
	unsigned char key[3 * 4096] __attribute__((aligned(4096)));

	(void)sig;
	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (unsigned char)(i * 131u);
	if (mlock(key, sizeof(key)))
		bn_die("mlock");
	block_here();
	BN_CHECK(key[4097] == (unsigned char)(4097 * 131u), "mlock handler's key");
	explicit_bzero(key, sizeof(key));
	if (munlock(key, sizeof(key)))
		bn_die("munlock");
}

static void on_later(int sig)
{
	(void)sig;
	__atomic_add_fetch(&later, 1, __ATOMIC_SEQ_CST);
}

static void *thread(void *arg)
{
	int sig = (int)(intptr_t)arg;
	volatile unsigned long canary = 0x746872 + (unsigned long)sig;

	if (sig == SIGRTMIN + 3 || sig == SIGRTMIN + 6) {
		stack_t ss = {.ss_sp = sig == SIGRTMIN + 3 ? altstack : altstack2,
			      .ss_size = ALT_SZ};

		if (sigaltstack(&ss, NULL))
			bn_die("sigaltstack");
	}
	bn_raise(sig); /* returns only after the go */
	BN_CHECK(canary == 0x746872 + (unsigned long)sig, "thread of signal %d: canary", sig);
	if (sig == SIGRTMIN + 5) {
		int status;

		if (getpid() != main_pid) /* the child, back from the handler it inherited */
			_exit(bn_failures ? 1 : 0);
		if (waitpid(forked, &status, 0) != forked)
			bn_die("waitpid");
		BN_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			 "the child forked in a handler did not return from it (status %#x)",
			 status);
	}
	for (int i = 0; i < AFTER; i++)
		bn_raise(SIGWINCH);
	return NULL;
}

int main(void)
{
	static const char ones[BLOCKS] = {1, 1, 1, 1, 1, 1, 1};
	int sigs[BLOCKS] = {SIGUSR1,	  SIGRTMIN + 1, SIGRTMIN + 3, SIGRTMIN + 4,
			    SIGRTMIN + 5, SIGRTMIN + 6, SIGRTMIN + 8};
	pthread_t t[BLOCKS];
	sigset_t go;

	bn_init("pre_handler", 0);
	main_pid = getpid();
	altstack = malloc(ALT_SZ);
	altstack2 = malloc(ALT_SZ);
	if (!altstack || !altstack2 || pipe(gate))
		bn_die("setup");
	bn_install(SIGUSR1, (void *)on_plain, 0);
	bn_install(SIGRTMIN + 1, (void *)on_outer, 0);
	bn_install(SIGRTMIN + 2, (void *)on_inner, 0);
	bn_install(SIGRTMIN + 3, (void *)on_onstack, SA_ONSTACK);
	bn_install(SIGRTMIN + 4, (void *)on_deep, 0);
	bn_install(SIGRTMIN + 5, (void *)on_fork, 0);
	bn_install(SIGRTMIN + 6, (void *)on_two_outer, 0);
	bn_install(SIGRTMIN + 7, (void *)on_two_inner, SA_ONSTACK);
	bn_install(SIGRTMIN + 8, (void *)on_mlock, 0);
	bn_install(SIGWINCH, (void *)on_later, 0);
	/* The go signal is blocked in every thread (they inherit the mask): only main takes it. */
	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &go, NULL))
		bn_die("sigprocmask");
	for (int i = 0; i < BLOCKS; i++)
		if (pthread_create(&t[i], NULL, thread, (void *)(intptr_t)sigs[i]))
			bn_die("pthread_create");
	for (int n = 0; __atomic_load_n(&inside, __ATOMIC_SEQ_CST) < BLOCKS; n++) {
		struct timespec ts = {0, 10000000};

		if (n > 1000) {
			bn_say("the threads never got inside their handlers");
			return 1;
		}
		nanosleep(&ts, NULL);
	}
	bn_wait_go();
	alarm(30);
	if (write(gate[1], ones, BLOCKS) != BLOCKS)
		bn_die("write");
	for (int i = 0; i < BLOCKS; i++)
		pthread_join(t[i], NULL);
	BN_CHECK(later == BLOCKS * AFTER, "%lu later signals ran, %d sent", (unsigned long)later,
		 BLOCKS * AFTER);
	printf("pre_handler threads=%d blocked_handlers=%d later=%lu failures=%lu\n", BLOCKS,
	       BLOCKS, (unsigned long)later, (unsigned long)bn_failures);
	return bn_finish();
}
