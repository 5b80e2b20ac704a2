/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_skip_xom (red team round 43): srop_skip_repaired with the table's page left PROT_EXEC
 * after its repair (an "execute-only" hardening intent). The VMA has no VM_READ, but an x86
 * page that may be executed may be read: the load would succeed if run again.
 *
 * Why: a skip after a memory fault is explained while the fault's cause stands; for a read,
 * that is while the page cannot be accessed at all (x86 without protection keys has no
 * execute-only or write-only pages).
 *
 * Expected from sigscope: tampered_context (high); killed under --enforce.
 */
#include "mal.h"

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
	if (mprotect(table, 4096, PROT_EXEC)) /* the repair, "execute-only" */
		_exit(MAL_EXIT_SETUP);
	uc->uc_mcontext.gregs[REG_RIP] += 3; /* the tamper: cancel the repaired load */
}

int main(void)
{
	mal_init("srop_skip_xom", 10);
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
