/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_skip_trap: a deliberate trap cancelled by an instruction skip (red team round 7). A
 * hardened indirect call checks its target and runs ud2 when the target is not an allowed one
 * (the layout of clang's cfi-icall and GCC's __builtin_trap() checks: compare, branch over the
 * trap). The attacker overwrites the function pointer; the check traps with SIGILL; while the
 * program's crash reporter logs, the attacker's write (a stand-in in the handler) moves the
 * frame's rip past the 2-byte ud2, so the sigreturn resumes on the call, into mal_pwned.
 *
 * Why: instruction_skip explained any skip of exactly the faulting instruction's length after a
 * kernel-raised fault, and ud2 is 2 bytes. ud0, ud1 and ud2 exist only to trap: no handler
 * emulates them, and skipping one cancels the trap.
 *
 * srop_skip_lock_trap (red team round 28) is this program built with TRAP_BYTES `lock nop`
 * (f0 90): any opcode that raises #UD traps, not only ud0, ud1 and ud2.
 *
 * Expected from sigscope: tampered_context >= high; under --enforce, SIGKILL before mal_pwned
 * runs (no marker). No skip is explained after SIGILL: an illegal instruction never ran.
 */
#include "mal.h"

#ifndef TRAP_BYTES
#define TRAP_BYTES "ud2"
#define TRAP_NAME  "srop_skip_trap"
#endif

static void on_get(void)
{
}

static void on_put(void)
{
}

static void (*volatile conn_handler)(void) = on_get;

/* The hardened call: the target must be one of the allowed ones, or ud2. */
static __attribute__((noinline)) void dispatch(void)
{
	void (*fp)(void) = conn_handler;

	__asm__ volatile("cmp %1, %0\n\t"
			 "je 1f\n\t"
			 "cmp %2, %0\n\t"
			 "je 1f\n\t" TRAP_BYTES "\n"
			 "1:\n\t"
			 "call *%0\n\t"
			 : "+r"(fp)
			 : "r"(on_get), "r"(on_put)
			 : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory",
			   "cc");
}

/* The crash reporter: logs and returns (the trap repeats with the default action). */
static void crash_reporter(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)info;
	mal_say("crash: signal %d at %#llx", sig,
		(unsigned long long)uc->uc_mcontext.gregs[REG_RIP]);
	signal(sig, SIG_DFL);
	uc->uc_mcontext.gregs[REG_RIP] += 2; /* the attacker's write: past the ud2 */
}

int main(void)
{
	mal_init(TRAP_NAME, 10);
	mal_handle(SIGILL, crash_reporter, 0);
	dispatch();
	conn_handler = (void (*)(void))mal_pwned; /* the attacker's write: the handler pointer */
	dispatch();
	mal_say("not pwned");
	return MAL_EXIT_NOTHING;
}
