/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * seccomp_trace_skip: a ptrace supervisor answers a sandboxed child's syscalls through
 * SECCOMP_RET_TRACE (red team round 6). At the PTRACE_EVENT_SECCOMP stop it sets orig_rax to -1
 * and rax to its answer, the skip that Documentation/userspace-api/seccomp_filter.rst describes
 * ("the system call will appear to return the value that the tracer puts in the return value
 * register"): sandboxes and syscall emulators built on ptrace do this. A skipped syscall leaves
 * orig_ax -1 at the raw sys_exit, as a rt_sigreturn does, with no sys_enter before it (seccomp
 * runs first) and rax not -ENOSYS; the child also takes signals between the emulated calls.
 *
 * Self-checks: every emulated getppid() returns the supervisor's answer (1); every handler ran.
 * Expected from sigscope: no finding, every sigreturn matched, no kill.
 */
#include "benign.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

#define CALLS 50

static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/* The sandboxed child: getppid() goes to the supervisor, with a signal after each call. */
static __attribute__((noreturn)) void sandboxed(void)
{
	struct sock_filter f[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof(f) / sizeof(f[0]), f};
	int wrong = 0;

	bn_install(SIGUSR1, on_usr1, 0);
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) || raise(SIGSTOP))
		bn_die("ptrace(PTRACE_TRACEME)");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		bn_die("seccomp");
	for (int i = 0; i < CALLS; i++) {
		wrong += syscall(SYS_getppid) != 1; /* a virtual parent: pid 1 */
		bn_raise(SIGUSR1);
	}
	BN_CHECK(wrong == 0, "%d of %d emulated getppid() calls did not return 1", wrong, CALLS);
	BN_CHECK(handled == CALLS, "%d of %d handlers ran", handled, CALLS);
	_exit(bn_finish());
}

/* At a seccomp stop: skip the syscall (orig_rax -1) and answer it (rax). */
static void answer(pid_t c)
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, c, 0, &r))
		bn_die("ptrace(PTRACE_GETREGS)");
	r.orig_rax = (unsigned long long)-1;
	r.rax = 1;
	if (ptrace(PTRACE_SETREGS, c, 0, &r))
		bn_die("ptrace(PTRACE_SETREGS)");
}

int main(void)
{
	int st, sig = 0, answered = 0;
	pid_t c;

	bn_init("seccomp_trace_skip", 30);
	c = fork();
	if (c < 0)
		bn_die("fork");
	if (c == 0)
		sandboxed();
	if (waitpid(c, &st, 0) != c || !WIFSTOPPED(st))
		bn_die("waitpid");
	if (ptrace(PTRACE_SETOPTIONS, c, 0, PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL))
		bn_die("ptrace(PTRACE_SETOPTIONS)");
	for (;;) {
		if (ptrace(PTRACE_CONT, c, 0, sig))
			bn_die("ptrace(PTRACE_CONT)");
		sig = 0;
		if (waitpid(c, &st, 0) != c)
			bn_die("waitpid");
		if (WIFEXITED(st) || WIFSIGNALED(st))
			break;
		if (st >> 8 == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
			answer(c);
			answered++;
		} else if (WSTOPSIG(st) != SIGTRAP) {
			sig = WSTOPSIG(st); /* the child's own SIGUSR1: delivered */
		}
	}
	BN_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the sandboxed child ended with status %#x",
		 st);
	BN_CHECK(answered == CALLS, "%d of %d seccomp stops answered", answered, CALLS);
	return bn_finish();
}
