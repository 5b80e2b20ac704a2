/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_subst_altstack: frame substitution on a sigaltstack. SIGUSR1 is handled with SA_ONSTACK,
 * so the kernel writes the genuine frame near the top of the altstack; the handler builds a copy
 * of it 16 KiB above the altstack's base (far from the genuine frame, same altstack) with
 * rip = mal_pwned and rsp = a scratch area in main's frame (the interrupted stack, not the saved
 * rsp), and returns through the copy (rsp = copy + 8, jump to the restorer the kernel wrote).
 *
 * Why it works against pairing by "frame anywhere on the delivery's altstack": the delivery is
 * outstanding and ran on that altstack, and the copy lies on it; only the frame's exact address
 * tells it from the genuine frame.
 *
 * Expected from sigscope: forged_frame (critical): no delivery wrote a frame at this ustack.
 */
#include "mal.h"

#include <sys/mman.h>

#define ALT_SIZE (128 * 1024)

static unsigned char *alt;
static uint64_t scratch_sp;
static volatile sig_atomic_t handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	struct k_rt_sigframe64 *genuine = mal_genuine_frame(ucv);
	struct k_rt_sigframe64 *frame = (struct k_rt_sigframe64 *)(alt + 16 * 1024);

	(void)sig;
	(void)info;
	handled = 1;
	if ((unsigned char *)genuine < alt || (unsigned char *)genuine >= alt + ALT_SIZE) {
		mal_say("the genuine frame %p is not on the altstack %p", (void *)genuine,
			(void *)alt);
		_exit(MAL_EXIT_SETUP);
	}
	mal_copy_frame(frame, genuine, (uint64_t)mal_pwned, scratch_sp);
	mal_say("genuine frame at %p, substitute at %p (same altstack %p+%#x): rip %p, rsp %#lx",
		(void *)genuine, (void *)frame, (void *)alt, ALT_SIZE, (void *)mal_pwned,
		(unsigned long)scratch_sp);
	mal_sigreturn_via(frame, (const void *)genuine->pretcode);
}

int main(void)
{
	char scratch[8192] __attribute__((aligned(16)));
	static volatile char sink;
	stack_t ss;

	mal_init("srop_subst_altstack", 10);
	scratch[0] = sink;
	scratch_sp = ((uint64_t)(scratch + sizeof(scratch)) & ~15ull) - 8;
	/* Our own altstack (replacing mal_init's; its crash handlers use this one then). */
	alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (alt == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	ss.ss_sp = alt;
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaltstack");
	mal_handle(SIGUSR1, handler, SA_ONSTACK);
	mal_raise_here(SIGUSR1);
	mal_say(handled ? "the handler ran but the substitute frame was not restored"
			: "the signal was not delivered");
	return MAL_EXIT_NOTHING;
}
