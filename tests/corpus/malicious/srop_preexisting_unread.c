/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_preexisting_unread: srop_preexisting_predicted with the thread's attach-time window made
 * unreadable to the snapshot (red team round 12, A3): before the attach, the waiting frame fills
 * its stack with more frame look-alikes (uc_flags 0, uc_link 0, cs 0x33, ss 0x2b) than the
 * snapshot records for one thread, so the window is not read. Attach mode.
 * Before it says ready, the process takes one signal at a known depth and notes its frame's
 * address and the stack pointer it interrupted; it waits for the go deeper on the stack, over
 * 100 look-alikes. After the go it forges a frame at the noted address that restores the same rsp
 * (so get_sigframe() predicts exactly that address) and rip = mal_pwned, and enters it through
 * glibc's __restore_rt.
 *
 * Why: a thread the snapshot did not read kept the excuse of where a live frame could be. Once
 * the snapshot is done, only the frames it recorded are excused.
 *
 * Expected from sigscope: forged_frame critical (no delivery, no recorded frame) for the pid;
 * under --enforce, SIGKILL before mal_pwned runs (no marker).
 */
#include "mal.h"

static struct k_rt_sigframe64 *noted_frame;
static uint64_t noted_rsp;

static void note_frame(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	noted_frame = mal_genuine_frame(ucv);
	noted_rsp = (uint64_t)uc->uc_mcontext.gregs[REG_RSP];
}

/* The delivery, some way below main's frame. */
static __attribute__((noinline)) void deliver_here(void)
{
	volatile char pad[4096];

	pad[0] = 1;
	mal_raise_here(SIGUSR1);
	__asm__ volatile("" : : "r"(pad) : "memory");
}

/* The wait for the go, far deeper: the attach-time sp lies below the noted frame, and the window
 * the snapshot would read holds 100 frame look-alikes. */
static __attribute__((noinline)) void wait_deep(void)
{
	volatile char pad[65536];
	struct k_rt_sigframe64 *alike = (struct k_rt_sigframe64 *)((uintptr_t)(pad + 64) & ~7UL);

	memset((char *)pad, 0, sizeof(pad));
	for (int i = 0; i < 100; i++) {
		alike[i].uc.uc_mcontext.cs = USER_CS;
		alike[i].uc.uc_mcontext.ss = USER_DS;
	}
	mal_wait_go();
	__asm__ volatile("" : : "r"(pad) : "memory");
}

/* The forgery, from a frame deep enough that the noted address lies inside its own pad. */
static __attribute__((noinline, noreturn)) void forge(void)
{
	volatile char pad[32768];

	pad[0] = 1;
	__asm__ volatile("" : : "r"(pad) : "memory");
	mal_fill_context(noted_frame, (uint64_t)mal_pwned, noted_rsp);
	mal_say("forged frame at %p (a delivery's address before the attach), rip %p, rsp %#lx",
		(void *)noted_frame, (void *)mal_pwned, (unsigned long)noted_rsp);
	mal_enter_frame(noted_frame, mal_libc_restorer());
}

int main(void)
{
	mal_init("srop_preexisting_unread", 10);
	mal_handle(SIGUSR1, note_frame, 0);
	deliver_here();
	if (!noted_frame)
		mal_die(MAL_EXIT_SETUP, "no frame noted");
	wait_deep();
	forge();
}
