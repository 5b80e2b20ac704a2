/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_unreadable_frame (issue 16, class 6): a genuine frame that sigscope cannot read at the
 * sigreturn's entry, while the kernel can (mal.h MAL_UNREAD_FRAME: a tampered frame whose tail
 * page is dropped from the page tables, still in its memfd): rip moved to mal_pwned.
 *
 * Why: modes enter and light have no exit hook to judge what the kernel restored; with the frame
 * unread, every rule but forged_frame used to be off, and this frame is genuine. They now fail
 * closed (toctou, high). Mode full judges the restored registers at the exit (tampered_context).
 *
 * Expected from sigscope: enter, light: toctou (high); full: tampered_context (high).
 */
#define MAL_UNREAD_FRAME /* mal.h's unreadable frame */
#include "mal.h"	 /* first: it defines _GNU_SOURCE */

MAL_REDIRECT_SITE();

int main(void)
{
	mal_init("srop_unreadable_frame", 10);
	mal_unread_frame_setup(SIGUSR1);
	mal_tamper = 1;
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	mal_say("the handler ran but the redirect did not run");
	return MAL_EXIT_NOTHING;
}
