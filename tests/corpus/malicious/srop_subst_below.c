/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_subst_below: frame substitution on the handler's own stack. A real SIGUSR1 is delivered
 * on the thread's stack; its handler builds a copy of the genuine frame in its own locals, i.e.
 * below the genuine frame and within 64 KiB below the delivery's interrupted rsp, with
 * rip = mal_pwned and rsp = a scratch area in main's frame (same stack, but not the saved rsp).
 * It returns through the copy (rsp = copy + 8, jump to the restorer the kernel wrote as pretcode).
 *
 * Why it works against pairing by "frame within reach below a delivery's rsp": the delivery is
 * outstanding and the copy lies in that reach, on the same stack; neither rip nor rsp equal the
 * saved ones, so only the frame's exact address tells it from the genuine frame.
 *
 * Expected from sigscope: forged_frame (critical): no delivery wrote a frame at this ustack.
 */
#include "mal.h"

static uint64_t scratch_sp;
static volatile sig_atomic_t handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	struct k_rt_sigframe64 *genuine = mal_genuine_frame(ucv);
	unsigned char area[8192] __attribute__((aligned(16)));
	/* Well below the genuine frame and our own locals' start: 16-aligned like the kernel's. */
	struct k_rt_sigframe64 *frame = (struct k_rt_sigframe64 *)(area + 1024);
	uint64_t saved_sp = genuine->uc.uc_mcontext.rsp;

	(void)sig;
	(void)info;
	handled = 1;
	if ((uint64_t)frame >= saved_sp || saved_sp - (uint64_t)frame > 64 * 1024 ||
	    (uint64_t)frame + sizeof(*frame) > (uint64_t)genuine) {
		mal_say("substitute frame %p not within 64 KiB below the saved rsp %#lx",
			(void *)frame, (unsigned long)saved_sp);
		_exit(MAL_EXIT_SETUP);
	}
	mal_copy_frame(frame, genuine, (uint64_t)mal_pwned, scratch_sp);
	mal_say(
	    "genuine frame at %p, substitute at %p (%lu bytes below the saved rsp %#lx): rip %p, "
	    "rsp %#lx",
	    (void *)genuine, (void *)frame, (unsigned long)(saved_sp - (uint64_t)frame),
	    (unsigned long)saved_sp, (void *)mal_pwned, (unsigned long)scratch_sp);
	mal_sigreturn_via(frame, (const void *)genuine->pretcode);
}

int main(void)
{
	/* The restored context's stack: in main's frame, above the interrupted rsp. */
	char scratch[8192] __attribute__((aligned(16)));
	static volatile char sink;

	mal_init("srop_subst_below", 10);
	scratch[0] = sink;
	scratch_sp = ((uint64_t)(scratch + sizeof(scratch)) & ~15ull) - 8;
	mal_handle(SIGUSR1, handler, 0);
	mal_raise_here(SIGUSR1);
	mal_say(handled ? "the handler ran but the substitute frame was not restored"
			: "the signal was not delivered");
	return MAL_EXIT_NOTHING;
}
