/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_abandoned_exact (issue 16, class 1): a frame forged at the exact address of an abandoned
 * delivery. A real SIGUSR1 is delivered on the thread's stack; its handler copies what the kernel
 * wrote there (the rt_sigframe and its FP area, up to the area's end) and leaves with siglongjmp,
 * so that delivery is never returned from and stays outstanding. Later, running on a stack of its
 * own, the program writes the copy back at the same address with one change, rip = mal_pwned,
 * and returns through the restorer that delivery used.
 *
 * Why it could work: the frame is where a live delivery's frame is, every byte but rip is what
 * the kernel wrote (the FP area too, so its comparison holds), and pairing by exact address takes
 * it for that delivery's return. Whatever the pairing says, the return must still explain each
 * register it changes against what that delivery saved: an asynchronous signal explains no new
 * rip.
 *
 * Expected from sigscope: tampered_context (high: rip differs from the delivery's saved rip, no
 * explanation), killed under --enforce before mal_pwned runs.
 */
#include "mal.h"

#include <setjmp.h>

#define SAVED_MAX 16384

static sigjmp_buf env;
static uint64_t abandoned;
static const void *restorer;
static unsigned char saved[SAVED_MAX] __attribute__((aligned(16)));
static size_t saved_len;
static unsigned char own_stack[65536] __attribute__((aligned(16)));

/* The bytes from the frame to the end of its FP area: fx_sw_bytes.extended_size (at byte 468 of
 * the area, magic2 included) says how long the area is. */
static void handler(int sig, siginfo_t *info, void *ucv)
{
	struct k_rt_sigframe64 *f = mal_genuine_frame(ucv);
	uint64_t fp = f->uc.uc_mcontext.fpstate;
	uint32_t ext = 0;

	(void)sig;
	(void)info;
	if (fp)
		memcpy(&ext, (const void *)(fp + 468), sizeof(ext));
	saved_len = fp ? fp + ext - (uint64_t)f : sizeof(*f);
	if (saved_len > SAVED_MAX || saved_len < sizeof(*f))
		_exit(MAL_EXIT_SETUP);
	memcpy(saved, f, saved_len);
	abandoned = (uint64_t)f;
	restorer = (const void *)f->pretcode;
	siglongjmp(env, 1);
}

/* On own_stack: the abandoned frame's memory is below the stack pointer main had, and this
 * writes it back whole. */
static __attribute__((noinline, noreturn, used)) void forge(void)
{
	struct k_rt_sigframe64 *frame = (struct k_rt_sigframe64 *)abandoned;

	memcpy(frame, saved, saved_len);
	frame->uc.uc_mcontext.rip = (uint64_t)mal_pwned;
	mal_sigreturn_via(frame, restorer);
}

int main(void)
{
	mal_init("srop_abandoned_exact", 10);
	mal_handle(SIGUSR1, handler, 0);
	if (!sigsetjmp(env, 1)) {
		mal_raise_here(SIGUSR1);
		mal_say("the handler returned instead of jumping: no abandoned delivery");
		return MAL_EXIT_NOTHING;
	}
	mal_say("left the delivery whose frame is at %#lx (%zu bytes kept) with siglongjmp; "
		"forging at that address, rip %p",
		(unsigned long)abandoned, saved_len, (void *)mal_pwned);
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "call forge\n\t"
			 "ud2\n\t"
			 :
			 : "r"(own_stack + sizeof(own_stack))
			 : "memory");
	__builtin_unreachable();
}
