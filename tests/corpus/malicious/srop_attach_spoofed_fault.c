/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_attach_spoofed_fault (red team round 26, idea 3): a fault the process queued itself, timed
 * into sigscope's attach, taken for one the kernel raised. During the attach, a fault signal
 * with a positive si_code counted as the kernel's even when signal_generate had marked it
 * queued. The snapshot's read of a parked thread's stack is an exact oracle for that window: a
 * userfaultfd page there reports the read. The leader then queues SIGBUS (BUS_ADRERR) to its own
 * process; the one thread not blocking it spins on `jmp .`; its handler waits for the attach to
 * end and "skips" the jmp by its decoded length into `jmp mal_pwned`.
 *
 * Attach mode. Untraced (no attach, no oracle) the same SIGBUS is queued at the go, so the
 * attack's effect is shown without sigscope.
 *
 * Expected from sigscope: tampered_context (high, rip): a fault marked queued explains no skip,
 * in the attach window too. Root: userfaultfd on kernel faults (exit 77 where it is refused).
 */
#include "mal.h"

#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>

extern char spoof_jmp[];
static volatile int got, worker_tid, parked;
static char *big_lo;
static int park[2];

static void on_bus(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	if (uc->uc_mcontext.gregs[REG_RIP] != (greg_t)(uintptr_t)spoof_jmp)
		return;
	got = 1;
	sleep(2);			     /* the attach ends meanwhile */
	uc->uc_mcontext.gregs[REG_RIP] += 2; /* "skip" the faulting instruction: jmp . */
}

static void *worker(void *arg)
{
	sigset_t bus;

	(void)arg;
	sigemptyset(&bus);
	sigaddset(&bus, SIGBUS);
	pthread_sigmask(SIG_UNBLOCK, &bus, NULL); /* the only thread a group SIGBUS can take */
	worker_tid = (int)syscall(SYS_gettid);
	__asm__ volatile(".globl spoof_jmp\nspoof_jmp:\n\tjmp spoof_jmp\n\tjmp mal_pwned\n");
	return NULL;
}

/* Parked with 192 KiB of mostly untouched stack: the snapshot's window over it. */
static __attribute__((noinline)) void park_fn(void)
{
	volatile char big[192 * 1024];
	char c;

	big[0] = 1;
	big_lo = (char *)&big[0];
	parked = 1;
	if (read(park[0], &c, 1) < 0)
		_exit(MAL_EXIT_SETUP);
}

static void *parker(void *arg)
{
	(void)arg;
	park_fn();
	return NULL;
}

static void queue_bus(void)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGBUS;
	si.si_code = BUS_ADRERR;
	si.si_addr = (void *)0x1000;
	for (int k = 0; k < 50 && !got; k++) {
		syscall(SYS_rt_sigqueueinfo, getpid(), SIGBUS, &si);
		usleep(2000);
	}
}

int main(void)
{
	struct uffdio_api api = {.api = UFFD_API};
	struct uffdio_register reg = {.mode = UFFDIO_REGISTER_MODE_MISSING};
	size_t ssz = 1 << 20;
	sigset_t bus, go;
	pthread_attr_t attr;
	pthread_t u, w;
	long uffd;
	char *st;

	mal_init("srop_attach_spoofed_fault", 30);
	mal_handle(SIGBUS, on_bus, 0);
	sigemptyset(&bus);
	sigaddset(&bus, SIGBUS);
	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	if (pipe(park) || pthread_sigmask(SIG_BLOCK, &bus, NULL) ||
	    pthread_sigmask(SIG_BLOCK, &go, NULL))
		mal_die(MAL_EXIT_SETUP, "setup");
	st = mmap(NULL, ssz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		  -1, 0);
	if (st == MAP_FAILED || pthread_attr_init(&attr) || pthread_attr_setstack(&attr, st, ssz) ||
	    pthread_create(&u, &attr, parker, NULL))
		mal_die(MAL_EXIT_SETUP, "parker");
	while (!parked)
		usleep(1000);
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0 || ioctl((int)uffd, UFFDIO_API, &api)) {
		mal_say("skip: userfaultfd refused: %s", strerror(errno));
		return MAL_EXIT_SKIP;
	}
	reg.range.start = ((uint64_t)(uintptr_t)big_lo + 8192) & ~4095ULL;
	reg.range.len = 64 * 1024;
	if (ioctl((int)uffd, UFFDIO_REGISTER, &reg) || pthread_create(&w, NULL, worker, NULL))
		mal_die(MAL_EXIT_SETUP, "uffd register");
	while (!worker_tid)
		usleep(1000);
	alarm(0);
	mal_say("ready");
	for (;;) { /* the oracle, or the go (untraced, or the snapshot never read there) */
		struct pollfd p = {.fd = (int)uffd, .events = POLLIN};
		struct timespec zero = {0, 0};
		struct uffd_msg m;

		if (sigtimedwait(&go, NULL, &zero) == SIGUSR2) {
			queue_bus();
			break;
		}
		if (poll(&p, 1, 10) <= 0 || read((int)uffd, &m, sizeof(m)) != sizeof(m) ||
		    m.event != UFFD_EVENT_PAGEFAULT)
			continue;
		mal_say("the snapshot reads the parked stack: the attach window is open");
		queue_bus();
		struct uffdio_zeropage z = {.range = {m.arg.pagefault.address & ~4095ULL, 4096}};
		ioctl((int)uffd, UFFDIO_ZEROPAGE, &z);
		break;
	}
	alarm(20);
	for (;;) { /* serve the rest of the snapshot's reads */
		struct pollfd p = {.fd = (int)uffd, .events = POLLIN};
		struct uffd_msg m;

		if (poll(&p, 1, 100) > 0 && read((int)uffd, &m, sizeof(m)) == sizeof(m) &&
		    m.event == UFFD_EVENT_PAGEFAULT) {
			struct uffdio_zeropage z = {
			    .range = {m.arg.pagefault.address & ~4095ULL, 4096}};

			ioctl((int)uffd, UFFDIO_ZEROPAGE, &z);
		}
	}
}
