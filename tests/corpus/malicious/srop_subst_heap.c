/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_subst_heap: frame substitution inside a genuine handler. A real SIGUSR1 is delivered; its
 * handler copies the genuine frame to a buffer on the heap, sets rip = mal_pwned there (rsp stays
 * the interrupted rsp the kernel saved), and returns through the heap copy: rsp = copy + 8, jump
 * to the restorer the kernel wrote as pretcode. The kernel restores whatever frame sits at
 * rsp - 8, so the hijacked context runs on the interrupted stack.
 *
 * Why it works against pairing by rsp or by "frame near the delivery": the delivery is
 * outstanding, the restored rsp equals its saved rsp and the call site is its restorer; only the
 * frame's address (the heap, not where the kernel wrote the frame) gives it away.
 *
 * Expected from sigscope: forged_frame (critical): a sigreturn pairs only with the delivery whose
 * frame lies exactly at ustack, and none does.
 */
#include "mal.h"

static struct k_rt_sigframe64 *heap_frame;
static volatile sig_atomic_t handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	struct k_rt_sigframe64 *genuine = mal_genuine_frame(ucv);

	(void)sig;
	(void)info;
	handled = 1;
	mal_copy_frame(heap_frame, genuine, (uint64_t)mal_pwned, genuine->uc.uc_mcontext.rsp);
	mal_say("genuine frame at %p, substitute at %p (heap): rip %p (was %#lx), rsp %#lx",
		(void *)genuine, (void *)heap_frame, (void *)mal_pwned,
		(unsigned long)genuine->uc.uc_mcontext.rip,
		(unsigned long)genuine->uc.uc_mcontext.rsp);
	mal_sigreturn_via(heap_frame, (const void *)genuine->pretcode);
}

int main(void)
{
	mal_init("srop_subst_heap", 10);
	heap_frame = aligned_alloc(64, 4096);
	if (!heap_frame)
		mal_die(MAL_EXIT_SETUP, "aligned_alloc");
	mal_handle(SIGUSR1, handler, 0);
	mal_raise_here(SIGUSR1);
	/* Only reached when the substitute frame was not restored. */
	mal_say(handled ? "the handler ran but the substitute frame was not restored"
			: "the signal was not delivered");
	return MAL_EXIT_NOTHING;
}
