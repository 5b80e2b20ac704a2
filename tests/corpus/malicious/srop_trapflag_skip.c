/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_trapflag_skip (red team A9): an authorisation check deleted one instruction at a time, as
 * "instruction skips" of faults the program manufactured itself. The check is `cmp $0,%edi;
 * jne deny` with edi = 1000 (only uid 0 may pass). Before it, a load faults once on a lazily
 * mapped page; the SIGSEGV handler maps the page in and sets the trap flag in the saved eflags.
 * The kernel then delivers a genuine single-step SIGTRAP after every instruction; when one stops
 * on the `jne`, the SIGTRAP handler moves rip past it (exactly its 2 bytes) and clears the trap
 * flag. The privileged path (mal_pwned) runs without the check.
 *
 * Why: a rule that trusts any SIGTRAP with a kernel si_code outside a syscall as "a synchronous
 * fault of the interrupted instruction" explains a rip moved by that instruction's length as an
 * emulated or skipped instruction (low), and a rule that judges only rip/rsp/rbp lets the trap
 * flag be set unexplained (info). A trap reports the instruction after the one that trapped:
 * skipping the instruction at its rip is never the fault's emulation.
 *
 * Expected from sigscope: tampered_context (high) at both sigreturns: the trap flag set (eflags,
 * pattern registers), where --enforce already stops it, then the skip after a trap (rip and
 * eflags, unexplained); no forged_frame, no stack_pivot.
 */
#include "mal.h"

extern const char skip_site_jne[];
static volatile char *lazy;
static volatile sig_atomic_t skipped;

static __attribute__((noreturn, used, force_align_arg_pointer)) void deny(void)
{
	mal_say("denied: the check ran%s", skipped ? " (the skip did not take)" : "");
	_exit(MAL_EXIT_NOTHING);
}

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if (info->si_addr != (void *)lazy)
		_exit(MAL_EXIT_NOTHING); /* some other fault: not ours */
	mal_lazy_map(lazy);
	uc->uc_mcontext.gregs[REG_EFL] |= MAL_EFLAGS_TF;
}

static void on_trap(int sig, siginfo_t *info, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;

	(void)sig;
	(void)info;
	if (g[REG_RIP] != (greg_t)skip_site_jne)
		return;
	g[REG_RIP] += 2; /* jne rel8: exactly it */
	g[REG_EFL] &= ~MAL_EFLAGS_TF;
	skipped = 1;
}

int main(void)
{
	mal_init("srop_trapflag_skip", 10);
	lazy = mal_lazy_page();
	mal_handle(SIGSEGV, on_segv, 0);
	mal_handle(SIGTRAP, on_trap, 0);
	/* uid 1000 asks; only 0 may pass. Neither call returns. */
	__asm__ volatile("mov $1000, %%edi\n\t"
			 "movb (%0), %%cl\n\t" /* faults once */
			 "cmp $0, %%edi\n"
			 ".globl skip_site_jne\n"
			 "skip_site_jne:\n\t"
			 "jne 1f\n\t"
			 "call mal_pwned\n"
			 "1:\n\t"
			 "call deny\n\t"
			 :
			 : "r"(lazy)
			 : "rcx", "rdi", "memory");
	__builtin_unreachable();
}
