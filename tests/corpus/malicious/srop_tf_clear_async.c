/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_tf_clear_async (red team round 29): eflags.TF cleared in an asynchronous frame. The
 * program single-steps a region, and its SIGTRAP monitor stops it before forbidden() runs. A
 * SIGUSR1 taken inside the region has its handler clear TF in the frame: stepping ends at the
 * sigreturn, and forbidden() runs unmonitored.
 *
 * Why: "TF cleared only stops single-stepping" is what a step counter's SIGTRAP handler needs;
 * granted to any frame, it switches off a monitor the program relies on.
 *
 * Expected from sigscope: tampered_context (high, eflags): clearing TF is allowed only in the
 * frame of a SIGTRAP the kernel raised (AC only in a SIGBUS BUS_ADRALN's).
 */
#include "mal.h"

void forbidden(void);
__asm__(".text\n.globl forbidden\nforbidden:\n\tnop\n\tnop\n\tret\n.globl forbidden_end\n"
	"forbidden_end:\n");
extern char forbidden_end[];

static void on_trap(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	(void)info;
	if (rip >= (uintptr_t)forbidden && rip < (uintptr_t)forbidden_end) {
		mal_say("the monitor stopped forbidden()");
		_exit(MAL_EXIT_NOTHING);
	}
}

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	uc->uc_mcontext.gregs[REG_EFL] &= ~(greg_t)MAL_EFLAGS_TF; /* the tamper */
}

int main(void)
{
	long pid, tid;

	mal_init("srop_tf_clear_async", 10);
	mal_handle(SIGTRAP, on_trap, 0);
	mal_handle(SIGUSR1, on_usr1, 0);
	pid = getpid();
	tid = (long)syscall(SYS_gettid);
	__asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\t" /* stepping on */
			 "mov $234, %%eax\n\tsyscall\n\t"	      /* tgkill(self, SIGUSR1) */
			 "call forbidden\n\t"
			 "pushfq\n\tandq $~0x100, (%%rsp)\n\tpopfq\n\t"
			 :
			 : "D"(pid), "S"(tid), "d"((long)SIGUSR1)
			 : "rax", "rcx", "r11", "memory");
	mal_pwned(); /* forbidden() ran unmonitored */
}
