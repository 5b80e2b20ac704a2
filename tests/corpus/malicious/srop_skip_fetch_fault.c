/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_skip_fetch_fault (red team round 23, idea 4): a genuine fault made to happen at an
 * instruction that accesses no memory, then "skipped". The thread waits for authorisation in
 * `1: cmpb $0,authorized; je 1b` on a code page of its own; a sibling makes the page readable
 * but not executable (as a JIT's W^X toggling would). The spinning thread takes a kernel-raised
 * SIGSEGV SEGV_ACCERR on fetching whichever instruction comes next, the `je` included; its
 * bytes are still readable, so they decode, and the handler, restoring the protection, moves
 * rip past the `je`: the never-authorised path runs.
 *
 * Why: "rip advanced by exactly the faulting instruction's length" explains a handler that
 * emulates or abandons an access. An instruction that could not be fetched was never run:
 * there is nothing to skip.
 *
 * Expected from sigscope: tampered_context (high): a fault whose address is the instruction's
 * own (a fetch) records no length to skip by.
 */
#include "mal.h"

#include <pthread.h>

extern char fetch_page[], fetch_je[];
volatile char authorized; /* never set */
static volatile int restored = 1, done;

__asm__(".pushsection .text.fetchgate,\"ax\",@progbits\n"
	".p2align 12\n"
	".globl fetch_page\nfetch_page:\n"
	"1: cmpb $0, authorized(%rip)\n"
	".globl fetch_je\nfetch_je: je 1b\n"
	"  jmp mal_pwned\n"
	".p2align 12\n"
	".popsection\n");

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	if (mprotect(fetch_page, 4096, PROT_READ | PROT_EXEC)) /* the repair */
		_exit(MAL_EXIT_SETUP);
	if (uc->uc_mcontext.gregs[REG_RIP] == (greg_t)(uintptr_t)fetch_je)
		uc->uc_mcontext.gregs[REG_RIP] += 2; /* the tamper: skip the je */
	restored = 1;
}

static void *sibling(void *arg)
{
	(void)arg;
	for (int i = 0; i < 400 && !done; i++) {
		usleep(5000);
		if (!restored)
			continue;
		restored = 0;
		mprotect(fetch_page, 4096, PROT_READ);
	}
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
	mal_say("never authorised: the wait timed out");
	_exit(MAL_EXIT_NOTHING);
}

int main(void)
{
	pthread_t t;

	mal_init("srop_skip_fetch_fault", 10);
	mal_handle(SIGSEGV, on_segv, 0);
	signal(SIGALRM, on_alarm);
	alarm(3);
	if (pthread_create(&t, NULL, sibling, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	((void (*)(void))(uintptr_t)fetch_page)();
	return MAL_EXIT_NOTHING;
}
