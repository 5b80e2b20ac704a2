/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_park_inflight (red team round 14, a2_park_uffd): a forged rt_sigreturn parked inside the
 * kernel across sigscope's attach. A worker thread issues rt_sigreturn with its stack pointer on
 * a page registered with userfaultfd (missing mode), so the kernel's read of the frame blocks
 * before sigscope is there. Once sigscope has attached (the go), the program supplies the page:
 * a forged frame whose rip is mal_pwned. sigscope's attach-time snapshot reads the same page
 * before the sigreturn hooks attach, and stalls there until it gives up (2 s). (Supplying the page
 * at that read, as the first version did, completes the sigreturn before any sigreturn hook is
 * attached: an attack finished before sigscope was there, its marker written before sigscope
 * says it is attached, which no tracer sees.) The entry was never seen; the exit (orig_ax -1,
 * nothing pending) looked like a plain syscall's return and was not judged. Root
 * (vm.unprivileged_userfaultfd=0); a FUSE page would do the same without it where fusermount is
 * available.
 *
 * Why: a thread inside a sigreturn once every hook is attached entered it unseen, and the frame
 * the kernel reads may be supplied after any read sigscope makes. Its exit is judged, without
 * the excuse older threads get.
 *
 * Expected from sigscope: forged_frame critical at the exit; under --enforce, SIGKILL before
 * mal_pwned runs.
 */
#include "mal.h"

#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>

static unsigned long frame_sp; /* the worker's sp at the syscall: the frame is at sp - 8 */
static char pwn_stack[65536] __attribute__((aligned(16)));

static void *worker(void *arg)
{
	(void)arg;
	__asm__ volatile("mov %0, %%rsp\n\tmov $15, %%eax\n\tsyscall\n\tud2\n" ::"r"(frame_sp)
			 : "memory");
	return NULL;
}

/* Faults reported on the page so far (the worker's, then sigscope's snapshot read). */
static int faults_seen(int uffd, int wait_ms)
{
	struct pollfd p = {.fd = uffd, .events = POLLIN};
	struct uffd_msg msg;
	int n = 0;

	if (poll(&p, 1, wait_ms) <= 0)
		return 0;
	while (read(uffd, &msg, sizeof(msg)) == sizeof(msg))
		n += msg.event == UFFD_EVENT_PAGEFAULT;
	return n;
}

int main(void)
{
	static unsigned char src[4096] __attribute__((aligned(4096)));
	struct uffdio_api api = {.api = UFFD_API};
	struct uffdio_register reg = {.mode = UFFDIO_REGISTER_MODE_MISSING};
	struct uffdio_copy copy = {.len = 4096};
	struct timespec zero = {0, 0};
	sigset_t go;
	pthread_t t;
	char *page;
	int uffd, faults = 0, gone = 0;

	mal_init("srop_park_inflight", 60);
	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &go, NULL))
		mal_die(MAL_EXIT_SETUP, "sigprocmask");
	uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0) {
		mal_say("no userfaultfd here: %s", strerror(errno));
		return MAL_EXIT_SKIP;
	}
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	reg.range.start = (unsigned long)page;
	reg.range.len = 4096;
	if (page == MAP_FAILED || ioctl(uffd, UFFDIO_API, &api) ||
	    ioctl(uffd, UFFDIO_REGISTER, &reg))
		mal_die(MAL_EXIT_SETUP, "userfaultfd register");
	/* The forged frame, supplied later at page + 64. */
	mal_fill_context((struct k_rt_sigframe64 *)(src + 64), (uint64_t)mal_pwned,
			 (uint64_t)(pwn_stack + sizeof(pwn_stack) - 8));
	frame_sp = (unsigned long)page + 64 + 8;
	if (pthread_create(&t, NULL, worker, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	while (!faults)
		faults = faults_seen(uffd, 100); /* the worker is parked in rt_sigreturn */
	alarm(0);
	mal_say("ready");
	/* Until sigscope is attached (the go); its snapshot read blocks on the page meanwhile. */
	while (!gone) {
		faults += faults_seen(uffd, 50);
		gone = sigtimedwait(&go, NULL, &zero) == SIGUSR2;
	}
	mal_say("supplying the forged frame after the go (%d faults on the page)", faults);
	alarm(20);
	copy.dst = (unsigned long)page;
	copy.src = (unsigned long)src;
	if (ioctl(uffd, UFFDIO_COPY, &copy))
		mal_die(MAL_EXIT_SETUP, "UFFDIO_COPY");
	pthread_join(t, NULL);
	return MAL_EXIT_NOTHING;
}
