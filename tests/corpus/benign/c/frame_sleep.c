/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * frame_sleep: signal frames whose writing sleeps. The sigaltstack is laid out so that the
 * frame's FP area lies on a present page and the rest of the frame below it on a page
 * registered with userfaultfd (MISSING mode, as a checkpoint/restore tool or a lazy-paging
 * runtime registers its memory): the kernel writes the FP area, then sleeps on the fault while
 * the program's fault thread supplies the page. The interrupted code keeps values in xmm0 and
 * xmm7 across the signal and checks them after. ROUNDS rounds, each on fresh pages.
 *
 * Why: a thread that left the CPU in the middle of its frame's writing has its FP area judged
 * against the kernel's own copy of its registers (red team round 20, srop_fp_uffd_stall); the
 * copy and the area must agree for every correct program, also where x87 or SSE is in its
 * initial state (the kernel's copy then holds nothing for it).
 *
 * Self-checks: every round's signal ran its handler on the altstack once, the page fault was
 * served, xmm0 and xmm7 came back. Expected from sigscope: every sigreturn matched, nothing above
 * info, no kill. Root (userfaultfd on kernel faults); exit 77 where it is refused.
 */
#include <cpuid.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "benign.h"

#define ROUNDS 5

static volatile int delivered, on_alt, served;
static long uffd = -1;
static char *lower, *base;
static uintptr_t top;
static pid_t main_tid;

static void handler(int sig)
{
	volatile char here;

	(void)sig;
	on_alt += (uintptr_t)&here >= (uintptr_t)base && (uintptr_t)&here < top;
	delivered = 1;
}

static void *fault_thread(void *arg)
{
	static char zero[4096] __attribute__((aligned(4096)));
	struct pollfd p = {.fd = (int)uffd, .events = POLLIN};
	struct uffd_msg msg;
	struct uffdio_copy copy = {.src = (uintptr_t)zero, .len = 4096};

	(void)arg;
	if (poll(&p, 1, 5000) != 1 || read((int)uffd, &msg, sizeof(msg)) != sizeof(msg))
		bn_die("userfaultfd read");
	copy.dst = (uintptr_t)lower;
	if (ioctl((int)uffd, UFFDIO_COPY, &copy))
		bn_die("UFFDIO_COPY");
	served++;
	return NULL;
}

static void *kicker(void *arg)
{
	struct timespec ts = {0, 20 * 1000 * 1000};

	(void)arg;
	nanosleep(&ts, NULL);
	if (syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1))
		bn_die("tgkill");
	return NULL;
}

int main(void)
{
	unsigned int a, b, c, d, xs;
	struct uffdio_api api = {.api = UFFD_API};
	struct uffdio_register reg = {.mode = UFFDIO_REGISTER_MODE_MISSING};

	bn_init("frame_sleep", 20);
	__cpuid_count(0xd, 0, a, b, c, d);
	(void)a;
	(void)c;
	(void)d;
	xs = b + 4;
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0 || ioctl((int)uffd, UFFDIO_API, &api)) {
		bn_say("skip: userfaultfd refused: %s", strerror(errno));
		return 77;
	}
	bn_install(SIGUSR1, (void *)handler, SA_ONSTACK);
	main_tid = (pid_t)syscall(SYS_gettid);
	for (int i = 0; i < ROUNDS; i++) {
		double keep0 = 1.5 + i, keep7 = -2.25 * i, got0, got7;
		pthread_t t1, t2;
		stack_t ss;

		base = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (base == MAP_FAILED)
			bn_die("mmap");
		lower = base;
		memset(base + 4096, 0, 4096);
		top = (uintptr_t)base + 4096 + ((xs + 63) & ~63u) + 64;
		reg.range.start = (uintptr_t)lower;
		reg.range.len = 4096;
		if (ioctl((int)uffd, UFFDIO_REGISTER, &reg))
			bn_die("UFFDIO_REGISTER");
		ss.ss_sp = base;
		ss.ss_size = top - (uintptr_t)base;
		ss.ss_flags = 0;
		if (sigaltstack(&ss, NULL))
			bn_die("sigaltstack");
		delivered = 0;
		if (pthread_create(&t1, NULL, fault_thread, NULL) ||
		    pthread_create(&t2, NULL, kicker, NULL))
			bn_die("pthread_create");
		__asm__ volatile("movsd %[k0], %%xmm0\n\t"
				 "movsd %[k7], %%xmm7\n\t"
				 "1: cmpl $0, %[flag]\n\t"
				 "je 1b\n\t"
				 "movsd %%xmm0, %[g0]\n\t"
				 "movsd %%xmm7, %[g7]\n\t"
				 : [g0] "=m"(got0), [g7] "=m"(got7)
				 : [k0] "m"(keep0), [k7] "m"(keep7), [flag] "m"(delivered)
				 : "xmm0", "xmm7", "memory");
		pthread_join(t1, NULL);
		pthread_join(t2, NULL);
		BN_CHECK(got0 == keep0 && got7 == keep7, "round %d: xmm0 %g xmm7 %g", i, got0,
			 got7);
		ss.ss_flags = SS_DISABLE;
		if (sigaltstack(&ss, NULL))
			bn_die("sigaltstack off");
		if (munmap(base, 8192))
			bn_die("munmap");
	}
	BN_CHECK(on_alt == ROUNDS, "%d of %d handlers on the altstack", on_alt, ROUNDS);
	BN_CHECK(served == ROUNDS, "%d of %d faults served", served, ROUNDS);
	printf("frame_sleep: rounds=%d served=%d failures=%lu\n", ROUNDS, served, bn_failures);
	return bn_failures ? 1 : 0;
}
