/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_unread_skip (issue 15): srop_unreadable_frame's tampered frame, which no entry program can
 * read, returned through while sibling threads on the same CPU flood the hooks (srop_skip_flood).
 * In mode full the entry leaves an unread frame to the exit, which judges what the kernel
 * restored; since 7.0 the kernel skips the raw sys_exit and fexit programs for a task while
 * another one on its CPU is preempted inside them (docs/kernels.md). An exit skipped there used
 * to let the tampered context run with no judgement at all: the attack won.
 *
 * The handler, on a MAP_SHARED memfd sigaltstack placed so that the frame straddles a page
 * boundary, moves rip to mal_pwned and drops the upper page's mapping (MADV_DONTNEED: the bytes
 * stay in the memfd, the kernel's copy faults them back in, a BPF read never faults).
 *
 * Expected from sigscope: tampered_context (high), and under --enforce the kill, on every kernel:
 * where the kernel has kprobes, by the exit guard (a kretprobe on the body, which an unprivileged
 * flood cannot make the kernel skip); elsewhere by the raw sys_exit (kernels before 7.0 run it
 * with preemption disabled). With no sigscope: marker written, exit 0.
 */
#define MAL_FLOOD /* mal.h's same-CPU flood */
#include "mal.h"  /* first: it sets _GNU_SOURCE */

#include <sys/mman.h>

#define FLOOD_THREADS 4
#define FLOOD_MS      300
#define ALT_SIZE      (64 * 1024)
#define PAGE	      4096ul

MAL_REDIRECT_SITE();

static char *alt;
static volatile uint64_t frame_addr;
static volatile int tamper;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t frame = (uint64_t)ucv - 8;

	(void)sig;
	(void)info;
	frame_addr = frame;
	if (!tamper)
		return;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)mal_pwned;
	/* The page after the one holding rip: the frame's tail (siginfo) and the FP state. */
	madvise((void *)((frame & ~(PAGE - 1)) + PAGE), PAGE, MADV_DONTNEED);
}

static void set_altstack(uint64_t top)
{
	stack_t ss = {.ss_sp = alt, .ss_size = top - (uint64_t)alt, .ss_flags = 0};

	if (sigaltstack(&ss, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaltstack");
}

int main(void)
{
	uint64_t top, k, want;
	int fd;

	mal_init("srop_unread_skip", 60);
	fd = memfd_create("altstack", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, ALT_SIZE + 2 * PAGE))
		mal_die(MAL_EXIT_SETUP, "memfd");
	alt = mmap(NULL, ALT_SIZE + 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (alt == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	mal_handle(SIGUSR2, handler, SA_ONSTACK); /* SIGUSR1 is the flood's */

	/* Calibrate (srop_unreadable_frame): where below the altstack's top the frame lands. */
	top = (uint64_t)alt + ALT_SIZE;
	set_altstack(top);
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR2);
	if (!frame_addr)
		mal_die(MAL_EXIT_SETUP, "no delivery");
	k = top - frame_addr;
	want = (((uint64_t)alt + ALT_SIZE / 2) & ~(PAGE - 1)) - 256;
	top = (want + k) & ~63ul;
	set_altstack(top);

	mal_same_cpu_flood(FLOOD_THREADS, FLOOD_MS);
	tamper = 1;
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR2);
	mal_flooding = 0;
	mal_say("the handler ran but the redirect did not run");
	return MAL_EXIT_NOTHING;
}
