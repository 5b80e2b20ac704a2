/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_preexisting_abovewindow (red team round 10, a1_go_heap_excuse): SROP in a thread older
 * than sigscope, through a frame forged where a genuine one was once written, more than the
 * attach-time snapshot's window (256 KiB) above the stack pointer the thread had at attach.
 * Attach mode. Before it says ready, the process takes one signal and notes its frame's address
 * and the rsp it interrupted; it waits for the go 320 KiB deeper; after the go it forges a frame
 * at the noted address that restores the noted rsp (so get_sigframe() predicts exactly that
 * address) with rip = mal_pwned, and enters it through glibc's __restore_rt.
 *
 * Why it got through: a frame above the window the snapshot read kept the old excuse, "a live
 * frame could be up there". In a Go process a thread's stack lies in the heap arena, so any heap
 * buffer above was up there (the red team's version). Nothing above the window was live at
 * attach that the window would not show: such a frame is no longer excused.
 *
 * Expected from sigscope: forged_frame >= critical for the pid; under --enforce, SIGKILL before
 * mal_pwned runs (no marker).
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

/* The wait for the go, far deeper: the noted frame lies above the snapshot's window. */
static __attribute__((noinline)) void wait_deep(void)
{
	volatile char pad[320 * 1024];

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
	mal_say("forged frame at %p (a delivery's address, above the window), rip %p, rsp %#lx",
		(void *)noted_frame, (void *)mal_pwned, (unsigned long)noted_rsp);
	mal_enter_frame(noted_frame, mal_libc_restorer());
}

int main(void)
{
	mal_init("srop_preexisting_abovewindow", 10);
	mal_handle(SIGUSR1, note_frame, 0);
	deliver_here();
	if (!noted_frame)
		mal_die(MAL_EXIT_SETUP, "no frame noted");
	wait_deep();
	forge();
}
