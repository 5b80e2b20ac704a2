/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * scope_thread: scope escape through one thread (issue 16, class 5). Attach mode with a scope
 * filter: the program starts (comm "scope_thread", uid 0), and a second thread renames itself
 * "innocent" and moves its real uid (the one -u matches) to 65534 with the raw setresuid
 * syscall, which, unlike glibc's setresuid(), changes the calling thread only (the effective uid
 * stays 0, so the hijacked context can still write the marker). Then `sigscope -c scope_thread` or
 * `sigscope -u 0` attaches, the go comes, and the renamed thread does the SROP of
 * srop_libc_restorer.
 *
 * Why: comm, uid and cgroup are per thread. A scope decided per thread at attach leaves that
 * thread out while its process is in. Scope is per process: any thread in, all threads in.
 *
 * Expected from sigscope: forged_frame >= critical for the pid; under --enforce, SIGKILL before
 * mal_pwned runs (no marker).
 */
#include "mal.h" /* first: it defines _GNU_SOURCE */

#include <pthread.h>
#include <sys/prctl.h>

static int to_worker[2], to_main[2];

static __attribute__((noinline, noreturn)) void attack(void)
{
	char area[32768] __attribute__((aligned(16)));

	mal_libc_srop(area);
}

static void *worker(void *unused)
{
	char c = 0;

	(void)unused;
	if (prctl(PR_SET_NAME, "innocent", 0, 0, 0))
		mal_die(MAL_EXIT_SETUP, "prctl(PR_SET_NAME)");
	/* The raw syscall: this thread's credentials only (glibc's wrapper changes every thread).
	 */
	if (syscall(SYS_setresuid, 65534, 0, 0))
		mal_die(MAL_EXIT_SETUP, "setresuid (run as root)");
	mal_say("thread %ld renamed to \"innocent\", uid %d", (long)syscall(SYS_gettid),
		(int)syscall(SYS_getuid));
	if (write(to_main[1], &c, 1) != 1 || read(to_worker[0], &c, 1) != 1)
		mal_die(MAL_EXIT_SETUP, "pipe");
	attack();
}

int main(void)
{
	sigset_t go;
	pthread_t t;
	char c = 0;

	mal_init("scope_thread", 10);
	/* The go signal is for the main thread's sigwaitinfo: the worker must not take it. */
	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &go, NULL) || pipe(to_worker) || pipe(to_main))
		mal_die(MAL_EXIT_SETUP, "set-up");
	if (pthread_create(&t, NULL, worker, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	if (read(to_main[0], &c, 1) != 1)
		mal_die(MAL_EXIT_SETUP, "pipe");
	mal_wait_go();
	if (write(to_worker[1], &c, 1) != 1)
		mal_die(MAL_EXIT_SETUP, "pipe");
	pthread_join(t, NULL);
	return MAL_EXIT_NOTHING;
}
