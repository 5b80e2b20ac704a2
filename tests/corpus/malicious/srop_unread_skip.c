/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_unread_skip (issue 15): srop_unreadable_frame's tampered frame, which no entry program can
 * read, returned through while sibling threads on the same CPU flood the hooks (srop_skip_flood).
 * In mode full the entry leaves an unread frame to the exit, which judges what the kernel
 * restored; since 7.0 the kernel skips the raw sys_exit and fexit programs for a task while
 * another one on its CPU is preempted inside them (docs/kernels.md). An exit skipped there used
 * to let the tampered context run with no judgement at all: the attack won.
 *
 * The frame: mal.h's MAL_UNREAD_FRAME (a tampered frame whose tail page is dropped from the page
 * tables, still in its memfd: the kernel's copy faults it back in, a BPF read never faults).
 *
 * Expected from sigscope: tampered_context (high), and under --enforce the kill, on every kernel:
 * where the kernel has kprobes, by the exit guard (a kretprobe on the body, which an unprivileged
 * flood cannot make the kernel skip); elsewhere by the raw sys_exit (kernels before 7.0 run it
 * with preemption disabled). With no sigscope: marker written, exit 0.
 */
#define MAL_FLOOD	 /* mal.h's same-CPU flood */
#define MAL_UNREAD_FRAME /* and its unreadable frame */
#include "mal.h"	 /* first: it sets _GNU_SOURCE */

#define FLOOD_THREADS 4
#define FLOOD_MS      300

MAL_REDIRECT_SITE();

int main(void)
{
	mal_init("srop_unread_skip", 60);
	mal_unread_frame_setup(SIGUSR2); /* SIGUSR1 is the flood's */
	mal_same_cpu_flood(FLOOD_THREADS, FLOOD_MS);
	mal_tamper = 1;
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR2);
	mal_flooding = 0;
	mal_say("the handler ran but the redirect did not run");
	return MAL_EXIT_NOTHING;
}
