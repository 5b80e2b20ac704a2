/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_preexisting_alttop: SROP at the top of the sigaltstack of a thread older than sigscope
 * (red team round 5, attach_alt). Attach mode: before it says ready, the process takes one
 * SA_ONSTACK signal and notes where the kernel put that frame (the top of its altstack, as any
 * thread with an altstack would learn). After the go, with no handler running, it forges a frame
 * at exactly that address, restoring rip = mal_pwned and rsp in .bss, and enters it through
 * glibc's __restore_rt.
 *
 * Why: a thread that predates sigscope is excused for a frame where a frame live at attach could
 * be. A frame at the altstack's top was excused whatever it restored, though a frame can be live
 * on the altstack only while the thread runs there, and this thread was not on it at attach.
 *
 * Expected from sigscope: forged_frame >= critical for the pid; under --enforce, SIGKILL before
 * mal_pwned runs (no marker). No preexisting_unmatched.
 */
#include "mal.h"

static struct k_rt_sigframe64 *top_frame;
static char pivot[65536] __attribute__((aligned(16)));

static void note_frame(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	top_frame = mal_genuine_frame(ucv);
}

int main(void)
{
	struct k_rt_sigframe64 *frame;
	void *restorer = mal_libc_restorer();

	mal_init("srop_preexisting_alttop", 10);
	mal_handle(SIGUSR1, note_frame, SA_ONSTACK);
	mal_raise_here(SIGUSR1); /* before the attach: a genuine frame, returned from */
	if (!top_frame)
		mal_die(MAL_EXIT_SETUP, "no SA_ONSTACK frame");
	mal_wait_go();
	frame = top_frame;
	mal_fill_context(frame, (uint64_t)mal_pwned, (uint64_t)(pivot + sizeof(pivot) / 2) - 8);
	mal_say("forged frame at the altstack's top %p, rip %p, rsp in .bss %p", (void *)frame,
		(void *)mal_pwned, (void *)(pivot + sizeof(pivot) / 2));
	mal_enter_frame(frame, restorer);
}
