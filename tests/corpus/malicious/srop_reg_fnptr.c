/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_reg_fnptr (red team A1, class 2): a handler hijacks control through a register other than
 * rip, rsp or rbp. The interrupted code is a dispatch loop `1: call *%rbx; jmp 1b` (a callback
 * kept in a callee-saved register, as compilers emit for `for (;;) cb();`); a CPU-time timer
 * (SIGVTALRM) interrupts it, and the handler rewrites the saved rbx alone, to mal_pwned. rip,
 * rsp and rbp are restored as saved: the next `call *%rbx` calls the attacker's address.
 *
 * Why: a rule that judges only rip, rsp and rbp ranks a change of any other register info ("only
 * registers no rule judges"), yet every register the interrupted code is about to branch through
 * (rbx, r12-r15 across calls, rax before `jmp *%rax`...) is a redirect as good as rip.
 *
 * Expected from sigscope: tampered_context (high: changed rbx, unexplained, pattern registers); no
 * forged_frame, no stack_pivot.
 */
#include "mal.h"

#include <sys/time.h>

static volatile sig_atomic_t handled;

static __attribute__((noinline)) void benign(void)
{
	__asm__ volatile("");
}

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	handled = 1;
	if (uc->uc_mcontext.gregs[REG_RBX] == (greg_t)benign)
		uc->uc_mcontext.gregs[REG_RBX] = (greg_t)mal_pwned; /* rbx only */
}

int main(void)
{
	/* SIGALRM is mal_init's watchdog: the loop's CPU time raises SIGVTALRM instead. */
	struct itimerval it = {.it_value = {.tv_sec = 0, .tv_usec = 20000}};

	mal_init("srop_reg_fnptr", 10);
	mal_handle(SIGVTALRM, handler, 0);
	if (setitimer(ITIMER_VIRTUAL, &it, NULL))
		mal_die(MAL_EXIT_SETUP, "setitimer");
	/* Leaves only when a call through rbx goes elsewhere (mal_pwned never returns). */
	__asm__ volatile("1: call *%%rbx\n\t"
			 "cmpl $0, %1\n\t"
			 "je 1b\n\t"
			 "call *%%rbx\n\t"
			 :
			 : "b"(benign), "m"(handled)
			 : "memory", "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11");
	mal_say(handled ? "the handler ran but the redirect did not run" : "no delivery");
	return MAL_EXIT_NOTHING;
}
