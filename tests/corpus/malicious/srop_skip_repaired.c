/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_skip_repaired (red team round 41, skipload): a faulting load cancelled after its cause was
 * repaired. A table page is PROT_NONE until first use (a lazy loader, a GC read barrier); the
 * SIGSEGV handler makes it readable and returns, so that the load runs again. The attacker,
 * with a write to the live frame while the handler runs (modelled in the handler), moves rip
 * past the faulting `mov (%rdi),%rax` (3 bytes), exactly the decoded length: the load never
 * happens, and the `call *%rax` that follows runs the stale rax the attacker left there.
 *
 * Why: a skip is what a handler that emulated the access does; the access then still faults
 * (the page stays protected). A handler that removed the cause wants the instruction run again:
 * after it, "skipped by its length" explains nothing.
 *
 * Expected from sigscope: tampered_context (high): the fault address is readable at the
 * sigreturn, so the skip is not explained.
 */
#include "mal.h"

#ifndef SKIP_NAME
#define SKIP_NAME	 "srop_skip_repaired"
#define SKIP_REPAIR_PROT PROT_READ
#endif

static void *table;

static void benign_fn(void)
{
	mal_say("the table's function ran: the skip was not applied");
}

/* victim(slot, stale): rax = stale (left over from earlier code); rax = *slot; call *rax */
void skip_victim(void **slot, void (*stale)(void));
__asm__(".pushsection .text.skip_victim,\"ax\",@progbits\n"
	".globl skip_victim\n.type skip_victim,@function\nskip_victim:\n"
	"  push %rbx\n"
	"  mov %rsi, %rax\n"
	"  mov (%rdi), %rax\n" /* 48 8b 07: faults on the PROT_NONE page */
	"  call *%rax\n"
	"  pop %rbx\n"
	"  ret\n"
	".popsection\n");

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if ((char *)info->si_addr < (char *)table || (char *)info->si_addr >= (char *)table + 4096)
		_exit(MAL_EXIT_SETUP);
	if (mprotect(table, 4096, SKIP_REPAIR_PROT)) /* the benign handler's whole job */
		_exit(MAL_EXIT_SETUP);
	uc->uc_mcontext.gregs[REG_RIP] += 3; /* the tamper: cancel the repaired load */
}

int main(void)
{
	mal_init(SKIP_NAME, 10);
	table = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (table == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	*(void (**)(void))table = benign_fn;
	if (mprotect(table, 4096, PROT_NONE))
		mal_die(MAL_EXIT_SETUP, "mprotect");
	mal_handle(SIGSEGV, on_segv, 0);
	skip_victim((void **)table, mal_pwned);
	return MAL_EXIT_NOTHING;
}
