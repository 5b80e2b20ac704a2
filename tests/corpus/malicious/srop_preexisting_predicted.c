/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_preexisting_predicted: SROP in a thread older than sigscope, with the frame forged at the
 * exact address a live frame could have had (issue 16, class 4; the README's old "can be granted
 * an excuse for a frame crafted at the address a genuine one would have had"). Attach mode.
 * Before it says ready, the process takes one signal at a known depth and notes its frame's
 * address and the stack pointer it interrupted; it waits for the go deeper on the stack, so that
 * address lies above its attach-time sp. After the go it forges a frame at that address that
 * restores the same rsp (so get_sigframe() predicts exactly that address) and rip = mal_pwned,
 * and enters it through glibc's __restore_rt.
 *
 * Why: an older thread was excused for a frame wherever a live one could be. The attach-time
 * snapshot records the frames each older thread had at attach, with their registers: this
 * address held only the earlier delivery's (returned) frame, whose rip was not mal_pwned.
 *
 * Expected from sigscope: tampered_context >= high (the frame changed since attach) for the pid;
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

/* The wait for the go, far deeper: the attach-time sp lies below the noted frame. */
static __attribute__((noinline)) void wait_deep(void)
{
	volatile char pad[65536];

	pad[0] = 1;
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
	mal_init("srop_preexisting_predicted", 10);
	mal_handle(SIGUSR1, note_frame, 0);
	deliver_here();
	if (!noted_frame)
		mal_die(MAL_EXIT_SETUP, "no frame noted");
	wait_deep();
	forge();
}
