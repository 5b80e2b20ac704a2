/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_sysargs_unread_code (red team A4): a syscall turned into execve with the restored rip ON
 * the syscall instruction, whose code page the handler has dropped from the page tables. The
 * load before the `syscall` faults once on a lazily mapped page; the SIGSEGV handler maps it in
 * and sets the trap flag, so the next delivery (SIGTRAP, single step) stops exactly on the
 * `syscall`. That handler clears the trap flag, rewrites rax, rdi, rsi, rdx to execve("/bin/sh",
 * mal_sh_argv, environ), and madvise(MADV_DONTNEED)s the page holding the `syscall` (this
 * program's own file-backed text, alone on its page): the PTE is gone, a non-faulting read of
 * the code fails, and the CPU faults the page back in from the page cache at the next fetch.
 *
 * Why: a rule that decides "the restored rip is on a syscall instruction" by reading the bytes at
 * rip, and answers no when the read fails, fails open: the rewrite would be ranked info (only
 * unjudged registers changed). Unreadable code must count against the context, not for it.
 *
 * Expected from sigscope: tampered_context (high) at both sigreturns: the trap flag set (eflags,
 * pattern registers), where --enforce already stops it, then the rewrite at the unreadable
 * syscall (pattern syscall_rewrite: unreadable code fails closed); no forged_frame, no
 * stack_pivot.
 */
#include "mal.h"

/* long unread_site_getpid(volatile char *lazy): a load that faults once, then getpid; alone on
 * its page, so that dropping that page drops nothing else this program runs. */
extern long unread_site_getpid(volatile char *lazy);
extern const char unread_site_syscall[];
__asm__(".text\n"
	".balign 4096\n"
	".globl unread_site_getpid\n"
	".type unread_site_getpid, @function\n"
	"unread_site_getpid:\n\t"
	"mov $39, %eax\n\t" /* SYS_getpid */
	"movb (%rdi), %cl\n"
	".globl unread_site_syscall\n"
	"unread_site_syscall:\n\t"
	"syscall\n\t"
	"ret\n\t"
	".size unread_site_getpid, . - unread_site_getpid\n\t"
	".balign 4096\n");

static volatile char *lazy;
static volatile sig_atomic_t rewritten;

static void on_segv(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if (info->si_addr != (void *)lazy)
		_exit(MAL_EXIT_NOTHING); /* some other fault: not ours */
	mal_lazy_map(lazy);
	uc->uc_mcontext.gregs[REG_EFL] |= MAL_EFLAGS_TF; /* step onto the syscall instruction */
}

static void on_trap(int sig, siginfo_t *info, void *ucv)
{
	greg_t *g = ((ucontext_t *)ucv)->uc_mcontext.gregs;

	(void)sig;
	(void)info;
	if (g[REG_RIP] != (greg_t)unread_site_syscall)
		return;
	g[REG_EFL] &= ~MAL_EFLAGS_TF;
	mal_rewrite_execve_sh(g);
	rewritten = 1;
	madvise((void *)((uintptr_t)unread_site_syscall & ~4095ul), 4096, MADV_DONTNEED);
}

int main(void)
{
	long ret;

	mal_init("srop_sysargs_unread_code", 10);
	lazy = mal_lazy_page();
	mal_handle(SIGSEGV, on_segv, 0);
	mal_handle(SIGTRAP, on_trap, 0);
	ret = unread_site_getpid(lazy);
	mal_say("getpid returned %ld%s", ret,
		rewritten ? ": the rewritten syscall did not exec" : " without a rewrite");
	return MAL_EXIT_NOTHING;
}
