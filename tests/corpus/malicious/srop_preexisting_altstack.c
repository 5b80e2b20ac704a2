/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_preexisting_altstack: SROP with a stack pivot in a thread older than sigscope (issue 8,
 * class 4, second half). Attach mode, as srop_preexisting: after the go, attack() forges a frame
 * below the attach-time sp and enters it through glibc's __restore_rt. The restored rsp pivots
 * onto a fresh anonymous mapping (not the thread's stack, not its sigaltstack at attach), and
 * the frame's uc_stack installs that very mapping as the sigaltstack (restore_altstack() runs
 * during the same rt_sigreturn).
 *
 * Why: the stack-pivot check asks whether the restored rsp is on the thread's stack or on its
 * sigaltstack. Read from the task after the kernel restored uc_stack, the sigaltstack is the
 * attacker's: judged with values the judged sigreturn installed, the pivot looks like a return
 * to the altstack. It must be judged with the altstack as it was before this sigreturn.
 *
 * Expected from sigscope: forged_frame >= critical and stack_pivot >= high for the pid; under
 * --enforce, SIGKILL before mal_pwned runs (no marker). No wrong_call_site.
 */
#include "mal.h" /* first: it defines _GNU_SOURCE */

#include <sys/mman.h>

#define PIVOT_SIZE (256 * 1024)

static __attribute__((noinline, noreturn)) void attack(void)
{
	char area[32768] __attribute__((aligned(16)));
	struct k_rt_sigframe64 *frame = (struct k_rt_sigframe64 *)(area + 8192 - 8);
	char *pivot =
	    mmap(NULL, PIVOT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t new_rsp;
	void *restorer = mal_libc_restorer();

	if (pivot == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	new_rsp = (uint64_t)(pivot + PIVOT_SIZE / 2) - 8;
	mal_fill_context(frame, (uint64_t)mal_pwned, new_rsp);
	/* The forged frame's alternate stack: exactly the pivot target. */
	frame->uc.uc_stack.ss_sp = (uint64_t)pivot;
	frame->uc.uc_stack.ss_size = PIVOT_SIZE;
	frame->uc.uc_stack.ss_flags = 0;
	mal_say("forged frame at %p, restorer %p, rip %p, rsp %#lx on an mmap that uc_stack makes "
		"the sigaltstack [%p, %p)",
		(void *)frame, restorer, (void *)mal_pwned, (unsigned long)new_rsp, (void *)pivot,
		(void *)(pivot + PIVOT_SIZE));
	mal_enter_frame(frame, restorer);
}

int main(void)
{
	mal_init("srop_preexisting_altstack", 10);
	mal_wait_go();
	attack();
}
