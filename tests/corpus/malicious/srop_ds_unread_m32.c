/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_ds_unread_m32 (red team round 16, a1_ds_unread_m32): ds restored to the TLS selector
 * through a genuine ia32 frame sigscope cannot read at entry. The handler edits uc_mcontext.ds,
 * then drops the page under the upper part of its frame (on a MAP_SHARED anonymous sigaltstack,
 * so the data stays in shmem): sigscope's non-faulting read at sys_enter fails, the kernel
 * faults the page back in and restores ds. A polling loop then loads a function pointer through
 * ds, from the thread pointer's offset, and calls mal_win.
 *
 * Why: ds and es are not in pt_regs: judged from the frame as read at entry, and nothing was
 * read. An ia32 frame not read at entry now leaves its data segments unverified: judged moved.
 *
 * Expected from sigscope: tampered_context high (changed: ds/es); under --enforce, SIGKILL
 * before mal_win runs. Built -m32 (the _m32 suffix); exit statuses as mal.h's (3 after 10 s
 * without the hijack).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <pthread.h>
#include <unistd.h>

volatile uintptr_t fnptr;  /* 0: keep polling */
static uintptr_t boundary; /* page boundary inside the frame */
static volatile int calib = 1;
static volatile uintptr_t calib_dist;
extern char loop_start[], loop_end[];

void win(void)
{
	const char *m = getenv("MARKER");
	int fd = m ? open(m, O_CREAT | O_WRONLY | O_TRUNC, 0644) : -1;

	if (fd < 0 || write(fd, "pwned", 5) != 5)
		_exit(2);
	close(fd);
	_exit(0);
}

/* Not hijacked within 10 s: the attack did not happen. */
static void *watchdog(void *arg)
{
	(void)arg;
	sleep(10);
	fprintf(stderr, "srop_ds_unread_m32: no hijack within 10 s\n");
	_exit(3);
}

/* first thing: flat data segments again, then C */
__asm__(".text\n.globl win_entry\nwin_entry:\n"
	"  movw %ss, %ax\n  movw %ax, %ds\n  movw %ax, %es\n"
	"  andl $-16, %esp\n  call win\n  hlt\n");
extern char win_entry[];

static void poll_loop(volatile uintptr_t *p)
{
	__asm__ volatile("loop_start:\n"
			 "1: movl (%0), %%eax\n"
			 "   testl %%eax, %%eax\n"
			 "   jz 1b\n"
			 "   call *%%eax\n"
			 "loop_end:\n"
			 :
			 : "r"(p)
			 : "eax", "ecx", "edx", "memory");
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uintptr_t ustack = (uintptr_t)uc - 144;
	(void)sig;
	(void)si;
	if (calib) {
		calib_dist = ustack;
		return;
	}
	uintptr_t eip = uc->uc_mcontext.gregs[REG_EIP];
	if (eip < (uintptr_t)loop_start || eip >= (uintptr_t)loop_end)
		return;
	unsigned short gs;
	__asm__ volatile("movw %%gs, %0" : "=r"(gs));
	uc->uc_mcontext.gregs[REG_DS] = gs;		/* the TLS selector */
	madvise((void *)boundary, 4096, MADV_DONTNEED); /* upper part of the frame: not present */
}

int main(void)
{
	pthread_t wd;
	size_t sz = 16 * 4096;
	char *alt = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fprintf(stderr, "srop_ds_unread_m32: pid %d\n", (int)getpid());
	stack_t ss = {.ss_sp = alt, .ss_size = sz, .ss_flags = 0};
	sigaltstack(&ss, NULL);
	struct sigaction sa = {0};
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGALRM, &sa, NULL);
	raise(SIGALRM); /* calibrate: where the frame lies below the altstack's top */
	uintptr_t top0 = (uintptr_t)alt + sz;
	uintptr_t dist = top0 - calib_dist;
	calib = 0;
	/* new altstack whose top puts a page boundary ~100 bytes into the frame */
	boundary = (uintptr_t)alt + 12 * 4096;
	uintptr_t top = (boundary - 100 + dist + 63) & ~63UL;
	ss.ss_sp = alt;
	ss.ss_size = top - (uintptr_t)alt;
	sigaltstack(&ss, NULL);
	fprintf(stderr, "dist %lu ustack-to-boundary %ld\n", (unsigned long)dist,
		(long)(boundary - (top - dist)));

	/* the fake pointer ds:fnptr will read once ds has the TLS base */
	uintptr_t tp;
	__asm__ volatile("movl %%gs:0, %0" : "=r"(tp));
	uintptr_t lin = (tp + (uintptr_t)&fnptr) & 0xffffffffUL;
	char *pg = mmap((void *)(lin & ~4095UL), 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (pg == MAP_FAILED) {
		perror("mmap fake");
		return 2;
	}
	*(uintptr_t *)lin = (uintptr_t)win_entry;

	if (pthread_create(&wd, NULL, watchdog, NULL))
		return 2;
	struct itimerval it = {{0, 20000}, {0, 20000}};
	setitimer(ITIMER_REAL, &it, NULL);
	poll_loop(&fnptr);
	return 1;
}
