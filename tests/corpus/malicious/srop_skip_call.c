/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_skip_call (red team round 30, A1): a faulting call "skipped". The victim loads a value
 * from its input into rax, then calls a function whose result replaces it, with the stack at a
 * guard page: the call's push of its return address faults (SIGSEGV at the call, si_addr the
 * stack slot, not the call's bytes). The handler, standing for the attacker's write primitive,
 * moves rip past the call (5 bytes, e8 rel32: exactly its length). The callee never runs, rax
 * still holds the input, and the next instruction, `call *%rax`, runs mal_pwned.
 *
 * Why it worked: a skip of exactly the faulting instruction after a kernel-raised fault was
 * explained, whatever the instruction. Skipping a call, jump, return, push or pop is no
 * emulation of anything: control goes where it would not have gone, or the stack is left a
 * slot off for the ret that follows (round 30's A1b skipped a faulting ret and fell into the
 * next function).
 *
 * Expected from sigscope: tampered_context (high: rip moved, no instruction to skip), killed
 * under --enforce before mal_pwned runs.
 */
#include "mal.h"

#include <sys/mman.h>

/* The call the handler skips; what it would have returned. */
__attribute__((noinline, used)) void *skip_callee(void)
{
	return NULL;
}

/* skip_victim(stack_top, input): rax = input, then `call skip_callee` on stack_top (the page
 * below is PROT_NONE, so the push faults), then the real stack back and `call *%rax`. */
void skip_victim(uint64_t stack_top, uint64_t input);
__asm__(".text\n.globl skip_victim\n.type skip_victim, @function\nskip_victim:\n"
	"\tpush %rbx\n"
	"\tmov %rsp, %rbx\n"
	"\tmov %rsi, %rax\n"
	"\tmov %rdi, %rsp\n"
	".globl skip_call_site\nskip_call_site:\n"
	"\tcall skip_callee\n"
	"\tmov %rbx, %rsp\n"
	"\ttest %rax, %rax\n"
	"\tjz 1f\n"
	"\tcall *%rax\n"
	"1:\tpop %rbx\n"
	"\tret\n");
extern const char skip_call_site[];

/* The write primitive: rip past the faulting call, only there. */
static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	if (uc->uc_mcontext.gregs[REG_RIP] != (greg_t)skip_call_site)
		_exit(MAL_EXIT_SETUP);
	uc->uc_mcontext.gregs[REG_RIP] += 5;
}

int main(void)
{
	static char alt[64 * 1024];
	stack_t ss = {.ss_sp = alt, .ss_size = sizeof(alt)};
	char *pages;

	mal_init("srop_skip_call", 10);
	pages = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED || mprotect(pages, 4096, PROT_NONE) || sigaltstack(&ss, NULL))
		mal_die(MAL_EXIT_SETUP, "mmap, mprotect or sigaltstack");
	mal_handle(SIGSEGV, handler, SA_ONSTACK);
	mal_say("calling skip_callee at %p with the stack at the guard page %p; rax holds %p",
		(void *)skip_call_site, (void *)(pages + 4096), (void *)mal_pwned);
	skip_victim((uint64_t)(pages + 4096), (uint64_t)mal_pwned);
	mal_say("the call returned: nothing was skipped");
	return MAL_EXIT_NOTHING;
}
