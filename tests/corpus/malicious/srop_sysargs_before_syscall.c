/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_sysargs_before_syscall (red team A3, class 2): a syscall turned into execve by a handler
 * that stops one instruction before it. getpid() is issued as `mov $39,%eax; xor %edi,%edi;
 * movb (lazy),%cl; syscall`, and the load faults once on a lazily mapped page (mal_lazy_page).
 * The SIGSEGV handler maps the page in, as a userfault-style allocator would, and also rewrites
 * rax, rdi, rsi, rdx to execve("/bin/sh", mal_sh_argv, environ). rip, rsp and rbp are kept:
 * the load re-executes and the `syscall` after it runs the shell, which writes the marker.
 *
 * Why: a rule that judges the syscall registers only when the restored rip is on a syscall
 * instruction, and otherwise only rip/rsp/rbp, ranks this info: the syscall is one instruction
 * away. Every general register is judged; a fault handler has no reason to set any of these.
 *
 * Expected from sigscope: tampered_context (high: changed rax, rdi, rsi, rdx, unexplained, pattern
 * registers); no forged_frame, no stack_pivot.
 */
#include "mal.h"

static volatile char *lazy;
static volatile sig_atomic_t handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	handled = 1;
	if (info->si_addr != (void *)lazy)
		_exit(MAL_EXIT_NOTHING); /* some other fault: not ours */
	/* The benign part (map the page in), then the attacker's (the syscall registers). */
	mal_lazy_map(lazy);
	mal_rewrite_execve_sh(uc->uc_mcontext.gregs);
}

int main(void)
{
	long ret;

	mal_init("srop_sysargs_before_syscall", 10);
	lazy = mal_lazy_page();
	mal_handle(SIGSEGV, handler, 0);
	__asm__ volatile("mov $39, %%eax\n\t" /* SYS_getpid */
			 "xor %%edi, %%edi\n\t"
			 "movb (%1), %%cl\n\t" /* faults once: the saved rip is here */
			 "syscall\n\t"
			 : "=&a"(ret)
			 : "r"(lazy)
			 : "rcx", "rdi", "rsi", "rdx", "r11", "memory");
	mal_say("getpid returned %ld%s", ret,
		handled ? ": the rewritten syscall did not exec" : " without a fault");
	return MAL_EXIT_NOTHING;
}
