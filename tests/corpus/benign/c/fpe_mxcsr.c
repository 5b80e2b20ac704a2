/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * fpe_mxcsr: a program that unmasks SSE floating-point exceptions to find where its numbers go
 * bad (feenableexcept and its kin), with a SIGFPE handler that records the fault, then masks the
 * exception and clears its flag in the frame's MXCSR, so that the division re-executes and gives
 * the IEEE result (inf). Between the faults the main loop keeps values in every xmm register,
 * and the handler calls into libc, whose string functions use the vector registers themselves.
 * ROUNDS divisions by zero, one fault each; in every other round a signal (a profiler's, a
 * logger's) arrives inside the SIGFPE handler before it edits MXCSR, so that its frame is no
 * longer the thread's newest (red team round 22, fp1_sigfpe_nested: that one was killed).
 * Then DENORMAL_ROUNDS multiplications of a denormal with the denormal exception unmasked: the
 * handler answers FPE_FLTUND as numerical code does, switching the thread to denormals-are-zero
 * and flush-to-zero (MXCSR's DAZ and FTZ), masking the exception and clearing its flag, so that
 * the multiplication re-executes on a zero (red team round 35, fpe_daz: killed).
 * Last, X87_ROUNDS long double underflows with underflow unmasked in both units, as
 * feenableexcept(FE_UNDERFLOW) leaves them; the handler answers as fedisableexcept and
 * feclearexcept would, in the frame: underflow masked in FCW and in MXCSR, the x87 status cleared
 * (red team round 37, b3_x87_fedisable_both: killed for the MXCSR mask).
 *
 * Why: the FP area is judged (issue 16: a code pointer moved through xmm0); the control and
 * status words are not, since a handler like this one edits them. A judge that compared the
 * whole area would kill this program.
 *
 * Self-checks: every division gave +inf after exactly one fault, the handler saw FPE_FLTDIV, the
 * xmm registers the loop keeps survived each handler. Expected from sigscope: every sigreturn
 * matched, nothing above info, no kill.
 */
#include <math.h>

#include "benign.h"

#define ROUNDS		50
#define DENORMAL_ROUNDS 10
#define MXCSR_FLAGS	0x3fu
#define MXCSR_ZE_FLAG	(1u << 2)
#define MXCSR_ZE_MASK	(1u << 9)
#define MXCSR_DE_MASK	(1u << 8)
#define MXCSR_DAZ	(1u << 6)
#define MXCSR_FTZ	(1u << 15)
#define MXCSR_UE_MASK	(1u << 11)
#define FCW_UE_MASK	(1u << 4)
#define FSW_STATUS	0x80ffu /* the flags, SF, ES and B */
#define X87_ROUNDS	10

static volatile int faults, denormal_faults, x87_faults, wrong_code, nested;
static volatile long double x87_tiny = 1e-4000L;

static void on_sigusr1(int sig)
{
	(void)sig;
	nested++;
}

static void on_sigfpe(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	char scratch[256];

	(void)sig;
	if (si->si_code == FPE_FLTUND && !(uc->uc_mcontext.fpregs->cwd & FCW_UE_MASK)) {
		x87_faults++; /* fedisableexcept(FE_UNDERFLOW), feclearexcept: both units */
		uc->uc_mcontext.fpregs->cwd |= FCW_UE_MASK;
		uc->uc_mcontext.fpregs->mxcsr |= MXCSR_UE_MASK;
		uc->uc_mcontext.fpregs->swd &= ~FSW_STATUS;
		return;
	}
	if (si->si_code == FPE_FLTUND) { /* a denormal operand: flush them from now on */
		denormal_faults++;
		uc->uc_mcontext.fpregs->mxcsr |= MXCSR_DAZ | MXCSR_FTZ | MXCSR_DE_MASK;
		uc->uc_mcontext.fpregs->mxcsr &= ~MXCSR_FLAGS;
		return;
	}
	if (si->si_code != FPE_FLTDIV)
		wrong_code++;
	if (faults++ & 1)
		bn_raise(SIGUSR1);		/* nested: delivered before the edit below */
	memset(scratch, 0x5a, sizeof(scratch)); /* libc's vector code, inside the handler */
	__asm__ volatile("" : : "r"(scratch) : "memory");
	uc->uc_mcontext.fpregs->mxcsr |= MXCSR_ZE_MASK;
	uc->uc_mcontext.fpregs->mxcsr &= ~MXCSR_ZE_FLAG;
}

int main(void)
{
	bn_init("fpe_mxcsr", 20);
	bn_install(SIGFPE, on_sigfpe, SA_SIGINFO);
	bn_install(SIGUSR1, (void *)on_sigusr1, 0);
	for (int i = 0; i < ROUNDS; i++) {
		unsigned int mxcsr;
		double num = 1.0 + i, zero = 0.0, q;
		double keep = 0.5 * i, kept;
		int before = faults;

		__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
		mxcsr &= ~(MXCSR_ZE_MASK | MXCSR_ZE_FLAG); /* divide-by-zero traps */
		__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
		__asm__ volatile("movsd %[keep], %%xmm7\n\t"
				 "movsd %[num], %%xmm0\n\t"
				 "divsd %[zero], %%xmm0\n\t" /* SIGFPE, then re-executed masked */
				 "movsd %%xmm0, %[q]\n\t"
				 "movsd %%xmm7, %[kept]\n\t"
				 : [q] "=m"(q), [kept] "=m"(kept)
				 : [num] "m"(num), [zero] "m"(zero), [keep] "m"(keep)
				 : "xmm0", "xmm7", "memory");
		BN_CHECK(isinf(q) && q > 0, "round %d: %g / 0 gave %g", i, num, q);
		BN_CHECK(kept == keep, "round %d: xmm7 came back as %g, not %g", i, kept, keep);
		BN_CHECK(faults == before + 1, "round %d: %d faults", i, faults - before);
	}
	for (int i = 0; i < DENORMAL_ROUNDS; i++) {
		unsigned int mxcsr;
		volatile float tiny = 1e-39f; /* a denormal */
		float product;
		int before = denormal_faults;

		__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
		mxcsr &=
		    ~(MXCSR_DAZ | MXCSR_FTZ | MXCSR_DE_MASK | MXCSR_FLAGS); /* denormals trap */
		__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
		product = tiny * 3.0f; /* SIGFPE, then re-executed with DAZ: 0 * 3 */
		__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
		BN_CHECK(product == 0.0f, "denormal round %d: product %g, not 0", i,
			 (double)product);
		BN_CHECK(denormal_faults == before + 1, "denormal round %d: %d faults", i,
			 denormal_faults - before);
		BN_CHECK((mxcsr & (MXCSR_DAZ | MXCSR_FTZ | MXCSR_DE_MASK)) ==
			     (MXCSR_DAZ | MXCSR_FTZ | MXCSR_DE_MASK),
			 "denormal round %d: MXCSR %#x came back without DAZ, FTZ and DM", i,
			 mxcsr);
	}
	for (int i = 0; i < X87_ROUNDS; i++) {
		unsigned short cw;
		unsigned int mxcsr;
		volatile long double product;
		int before = x87_faults;

		__asm__ volatile("fnstcw %0" : "=m"(cw));
		cw &= (unsigned short)~FCW_UE_MASK;
		__asm__ volatile("fnclex\n\tfldcw %0" : : "m"(cw));
		__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
		mxcsr &= ~MXCSR_UE_MASK;
		__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
		/* The exception is raised at the next waiting x87 instruction (the store, or the
		 * fwait), which then re-runs masked; the product is the x87's rescaled one. */
		product = x87_tiny * x87_tiny;
		__asm__ volatile("fwait\n\tfnstcw %0\n\tstmxcsr %1" : "=m"(cw), "=m"(mxcsr));
		BN_CHECK(product != 0.0L, "x87 round %d: no product", i);
		BN_CHECK(x87_faults == before + 1, "x87 round %d: %d faults", i,
			 x87_faults - before);
		BN_CHECK((cw & FCW_UE_MASK) && (mxcsr & MXCSR_UE_MASK),
			 "x87 round %d: underflow came back unmasked (FCW %#x, MXCSR %#x)", i, cw,
			 mxcsr);
	}
	BN_CHECK(wrong_code == 0, "%d faults were neither FPE_FLTDIV nor FPE_FLTUND", wrong_code);
	BN_CHECK(nested == ROUNDS / 2, "%d nested signals, %d sent", nested, ROUNDS / 2);
	printf("fpe_mxcsr: rounds=%d faults=%d denormal_faults=%d x87_faults=%d failures=%lu\n",
	       ROUNDS, faults, denormal_faults, x87_faults, bn_failures);
	return bn_failures ? 1 : 0;
}
