/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * restart_nr32: signals that land on a `syscall` entered with rax 0xffffffff, which a seccomp
 * filter answers with errno 512 (-ERESTARTSYS). The kernel reads the syscall number as an int
 * (syscall_get_nr(): orig_ax's low 32 bits), so to it this is syscall -1, nothing to restart:
 * the frame holds rax -512 as returned. Two phases, with and without SA_RESTART.
 *
 * Why: sigscope compared all 64 bits of orig_ax with -1, predicted a restart (or -EINTR) the
 * kernel never made, and judged the untouched frame tampered (red team round 44).
 *
 * Self-checks: every call returned -512, and at least MIN_HITS signals were handled in each
 * phase. Expected from sigscope: every sigreturn matched, nothing above info, no kill.
 */
#include "benign.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/prctl.h>

#define MIN_HITS 300

static volatile int hits, done;
static volatile pid_t main_tid;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

static void *sender(void *arg)
{
	(void)arg;
	while (!done) {
		syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1);
		usleep(200);
	}
	return NULL;
}

/* `syscall` with eax = -1 (rax 0x00000000ffffffff) */
static long nr_minus1(void)
{
	long rax;

	__asm__ volatile("movl $-1, %%eax\n\tsyscall" : "=a"(rax) : : "rcx", "r11", "memory");
	return rax;
}

static void phase(int sa_flags)
{
	struct sigaction sa;
	pthread_t t;
	long calls = 0, bad = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = sa_flags;
	if (sigaction(SIGUSR1, &sa, NULL))
		bn_die("sigaction");
	hits = 0;
	done = 0;
	if (pthread_create(&t, NULL, sender, NULL))
		bn_die("pthread_create");
	while (hits < MIN_HITS && calls < 100000000) {
		if (nr_minus1() != -512)
			bad++;
		calls++;
	}
	done = 1;
	pthread_join(t, NULL);
	BN_CHECK(bad == 0, "%ld of %ld calls did not return -512", bad, calls);
	BN_CHECK(hits >= MIN_HITS, "only %d signals handled", hits);
}

int main(void)
{
	struct sock_filter f[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffffU, 0, 1),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 512),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = 4, .filter = f};

	bn_init("restart_nr32", 20);
	main_tid = (pid_t)syscall(SYS_gettid);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		bn_die("seccomp");
	phase(0);
	phase(SA_RESTART);
	printf("restart_nr32: failures=%lu\n", bn_failures);
	return bn_failures ? 1 : 0;
}
