/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_unreadable_frame (issue 16, class 6): a genuine frame that sigscope cannot read at the
 * sigreturn's entry, while the kernel can. The handler runs on a sigaltstack that is a MAP_SHARED
 * memfd mapping, placed so that its frame straddles a page boundary: pretcode and the registers on
 * the lower page, the end of the frame (siginfo) on the upper one. The handler moves rip to
 * mal_pwned, then drops the upper page's mapping with MADV_DONTNEED: the bytes stay in the memfd,
 * so the kernel's copy faults them back in, but a BPF read never faults (copy_from_user_nofault)
 * and fails.
 *
 * Why: modes enter and light have no exit hook to judge what the kernel restored; with the frame
 * unread, every rule but forged_frame used to be off, and this frame is genuine. They now fail
 * closed (toctou, high). Mode full judges the restored registers at the exit (tampered_context).
 *
 * Expected from sigscope: enter, light: toctou (high); full: tampered_context (high).
 */
#include "mal.h" /* first: it defines _GNU_SOURCE */

#include <sys/mman.h>

#define ALT_SIZE (64 * 1024)
#define PAGE	 4096ul

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

	mal_init("srop_unreadable_frame", 10);
	fd = memfd_create("altstack", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, ALT_SIZE + 2 * PAGE))
		mal_die(MAL_EXIT_SETUP, "memfd");
	alt = mmap(NULL, ALT_SIZE + 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (alt == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	mal_handle(SIGUSR1, handler, SA_ONSTACK);

	/* Calibrate: how far below the altstack's top the kernel puts the frame. */
	top = (uint64_t)alt + ALT_SIZE;
	set_altstack(top);
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	if (!frame_addr)
		mal_die(MAL_EXIT_SETUP, "no delivery");
	k = top - frame_addr;
	/* Move the top by multiples of 64 (the frame's alignment stays the same) so that the frame
	 * starts 256 bytes or a little more below a page boundary: rip (+176) below it, the
	 * siginfo (+312) above. */
	want = (((uint64_t)alt + ALT_SIZE / 2) & ~(PAGE - 1)) - 256;
	top = (want + k) & ~63ul;
	set_altstack(top);
	mal_say("frame %#lx bytes below the altstack top; frame now at %#lx", (unsigned long)k,
		(unsigned long)(top - k));
	tamper = 1;
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	mal_say("the handler ran but the redirect did not run");
	return MAL_EXIT_NOTHING;
}
