/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_ds_tls_m32 (red team round 15, a2_ia32_ds_tls): a data-segment redirect in a 32-bit
 * process. Its SIGUSR1 handler changes only ds in its own frame, to the thread's TLS selector
 * (base: the thread pointer). The interrupted code, right after its int $0x80 tgkill, loads a
 * global function pointer through ds: the load reads (tp + &fptr) mod 2^32, where the handler
 * wrote mal_win's address, and calls it.
 *
 * Why: ds, es, fs and gs were never read from an ia32 frame. ds and es must be the flat user
 * data segment in a 32-bit task now (their base would move every data access).
 *
 * Expected from sigscope: tampered_context high (changed: ds/es); under --enforce, SIGKILL
 * before mal_win runs. Built -m32 (the _m32 suffix); exit statuses as mal.h's.
 */
#define _GNU_SOURCE
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
static void benign(void)
{
}
void (*volatile fptr)(void) = benign;

__attribute__((noinline, used)) void mal_win_body(void)
{
	mal32_pwned(marker);
}
/* The hijacked call lands here: the flat data segment back, then C. */
__asm__(".text\n.globl mal_win\nmal_win:\n\tmov $0x2b, %eax\n\tmov %eax, %ds\n\tmov %eax, %es\n"
	"\tjmp mal_win_body\n");
void mal_win(void);

static void handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned gs, lin = tp_base + (unsigned)&fptr;

	(void)sig;
	(void)si;
	__asm__ volatile("mov %%gs, %0" : "=r"(gs));
	/* Somewhere to write at the shifted address (MAP_FIXED_NOREPLACE: an existing mapping
	 * there is used as it is). */
	mmap((void *)(lin & ~0xfffu), 0x1000, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	*(volatile unsigned *)lin = (unsigned)mal_win;
	uc->uc_mcontext.gregs[REG_DS] = gs; /* the only change */
}

int main(void)
{
	struct sigaction sa;

	fprintf(stderr, "srop_ds_tls_m32: pid %d\n", (int)getpid());
	marker = getenv("MARKER");
	if (!marker)
		return 2;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(tp_base));
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, 0);
	mal32_sys3(270 /* tgkill */, getpid(), getpid(), SIGUSR1);
	fptr();
	fprintf(stderr, "srop_ds_tls_m32: returned normally\n");
	return 3;
}
