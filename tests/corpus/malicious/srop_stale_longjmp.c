/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_stale_longjmp: a stale delivery vouching for a forged frame. A real SIGUSR1 is delivered
 * on the thread's stack and its handler leaves with siglongjmp: that delivery is never returned
 * from and stays outstanding. Afterwards main forges a frame on the same stack, 1 KiB below the
 * abandoned frame (a different address, within reach of the delivery's rsp), with rip = mal_pwned
 * and rsp = a scratch area lower on that stack, and returns through the libc restorer that
 * delivery used (rsp = frame + 8, jump to __restore_rt).
 *
 * Why it works against pairing by "frame near an outstanding delivery": the abandoned delivery
 * looks like one whose handler is still running, and the forged frame lies where its frame could
 * be. An abandoned delivery must never vouch for a frame at another address.
 *
 * Expected from sigscope: forged_frame (critical): no delivery wrote a frame at this ustack.
 */
#include "mal.h"

#include <setjmp.h>

static sigjmp_buf env;
static uint64_t abandoned;
static const void *restorer;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	abandoned = (uint64_t)mal_genuine_frame(ucv);
	restorer = (const void *)mal_genuine_frame(ucv)->pretcode;
	siglongjmp(env, 1);
}

static __attribute__((noinline, noreturn)) void forge(void)
{
	unsigned char area[16384] __attribute__((aligned(16)));
	uint64_t lo = (uint64_t)area, hi = lo + sizeof(area);
	/* 1 KiB below where the abandoned frame was, 16-aligned minus 8 as the kernel places it. */
	uint64_t at = ((abandoned - 1024) & ~15ull) - 8;
	struct k_rt_sigframe64 *frame = (struct k_rt_sigframe64 *)at;
	uint64_t new_sp = ((at - 4096) & ~15ull) - 8;

	if (new_sp < lo || at + sizeof(*frame) > hi) {
		mal_say("the abandoned frame %#lx is not above this stack area [%#lx, %#lx)",
			(unsigned long)abandoned, (unsigned long)lo, (unsigned long)hi);
		_exit(MAL_EXIT_SETUP);
	}
	mal_fill_context(frame, (uint64_t)mal_pwned, new_sp);
	frame->pretcode = (uint64_t)restorer;
	mal_say("forged frame at %p (abandoned frame at %#lx), restorer %p, rip %p, rsp %#lx",
		(void *)frame, (unsigned long)abandoned, restorer, (void *)mal_pwned,
		(unsigned long)new_sp);
	mal_sigreturn_via(frame, restorer);
}

int main(void)
{
	mal_init("srop_stale_longjmp", 10);
	mal_handle(SIGUSR1, handler, 0);
	if (!sigsetjmp(env, 1)) {
		mal_raise_here(SIGUSR1);
		mal_say("the handler returned instead of jumping: no abandoned delivery");
		return MAL_EXIT_NOTHING;
	}
	mal_say("left the handler of the delivery whose frame is at %#lx with siglongjmp",
		(unsigned long)abandoned);
	forge();
}
