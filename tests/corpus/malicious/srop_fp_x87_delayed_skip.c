/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_fp_x87_delayed_skip (red team round 25, idea B): x87 exceptions are delayed. An unmasked
 * division by zero in fdivp is raised (#MF, SIGFPE FPE_FLTDIV, by the kernel, outside a
 * syscall) at the next waiting x87 instruction, here the fldz of a revocation `fldz; fistpll
 * flag`. A correct handler clears the exception flags and lets the fldz run; this one also
 * moves rip past it, "the faulting instruction", so the revocation stores the division's
 * infinity as a non-zero integer and the grant stays.
 *
 * Why: rip after an x87 exception is wherever the next waiting instruction was, not the
 * instruction that raised it: skipping it deletes an unrelated instruction.
 *
 * Expected from sigscope: tampered_context (high, changed rip): an x87 exception explains no
 * skip. Host only: QEMU's TCG raises no x87 exceptions either.
 */
#include "mal.h"

static void on_fpe(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	const unsigned char *ip = (const unsigned char *)uc->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	(void)info;
	uc->uc_mcontext.fpregs->swd &= ~0x80ffu; /* fnclex: what a correct handler does */
	if (ip[0] == 0xd9 && ip[1] == 0xee)
		uc->uc_mcontext.gregs[REG_RIP] += 2; /* the tamper: skip the blamed fldz */
}

int main(void)
{
	volatile long long flag = 1; /* granted until revoked */
	unsigned short cw;

	mal_init("srop_fp_x87_delayed_skip", 10);
	mal_handle(SIGFPE, on_fpe, 0);
	__asm__ volatile("fnstcw %0" : "=m"(cw));
	cw &= ~0x4; /* unmask zero-divide */
	__asm__ volatile("fldcw %0" : : "m"(cw));
	__asm__ volatile("fldz\n\t"
			 "fld1\n\t"
			 "fdivp\n\t" /* st0 = 1/0: #Z pending */
			 "nop\n\t"
			 "fldz\n\t"	  /* #MF raised here */
			 "fistpll %0\n\t" /* the revocation: flag = 0 */
			 "fstp %%st(0)\n\t"
			 : "=m"(flag)
			 :
			 : "memory");
	cw |= 0x4;
	__asm__ volatile("fldcw %0" : : "m"(cw));
	if (flag)
		mal_pwned();
	mal_say("revoked (flag %llx)", flag);
	return MAL_EXIT_NOTHING;
}
