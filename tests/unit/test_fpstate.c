/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The FP area's judgement (src/shared/fpstate.h, judge.h): where the kernel puts the area, which
 * bytes are judged, that the keyed hash of a displaced baseline sees the changes an attacker
 * would make, and that a changed area is explained by nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "shared/fpstate.h"
#include "shared/judge.h"

#define AREA_WORDS (SIGSCOPE_FP_MAX / 8)

/* The hash of words [FROM, n) as the kernel side computes it (fpstate.bpf.h). */
static __u32 hash_words(const __u64 *w, size_t n, const __u64 *key)
{
	__u64 sum = sigscope_fp_nh(w[0] & sigscope_fp_word0_hashed(0), key[0]) +
		    sigscope_fp_nh(w[3] & sigscope_fp_word3_hashed(0), key[3]);

	for (size_t i = SIGSCOPE_FP_FROM / 8; i < n; i++)
		sum += sigscope_fp_nh(w[i], key[i]);
	return sigscope_fp_fold(sum);
}

static void random_words(__u64 *w, size_t n, unsigned int *seed)
{
	for (size_t i = 0; i < n; i++)
		w[i] =
		    ((__u64)rand_r(seed) << 42) ^ ((__u64)rand_r(seed) << 21) ^ (__u64)rand_r(seed);
}

TEST(fpstate_area_placement)
{
	/* fpu__alloc_mathframe(): below the top, 64-aligned; the length kept is capped. */
	CHECK(sigscope_fp_area(0x7ffc0000f000ULL, 2696) == ((0x7ffc0000f000ULL - 2696) & ~63ULL));
	CHECK((sigscope_fp_area(0x7ffc0000f008ULL, 516) & 63) == 0);
	CHECK(sigscope_fp_len(2696) == 2696);
	CHECK(sigscope_fp_len(11008) == SIGSCOPE_FP_MAX); /* AMX tiles: beyond is not judged */
	CHECK(SIGSCOPE_FP_FROM == 32);			  /* FCW .. MXCSR_MASK: judged apart */
}

TEST(fpstate_hash_sees_every_edit)
{
	static __u64 key[AREA_WORDS], area[AREA_WORDS], edited[AREA_WORDS];
	unsigned int seed = 16;
	const size_t n = 2696 / 8 + 1;
	__u32 base;

	for (int round = 0; round < 64; round++) {
		random_words(key, AREA_WORDS, &seed);
		random_words(area, AREA_WORDS, &seed);
		base = hash_words(area, n, key);
		/* One word (a code pointer in xmm0, at 160), any value. */
		memcpy(edited, area, sizeof(area));
		edited[160 / 8] = 0x401000 + (__u64)round;
		CHECK(hash_words(edited, n, key) != base);
		/* Two top bits flipped: the differences cancel in a plain sum mod 2^64. */
		memcpy(edited, area, sizeof(area));
		edited[20] ^= 1ULL << 63;
		edited[21] ^= 1ULL << 63;
		CHECK(hash_words(edited, n, key) != base);
		/* Two words swapped: the key binds each word to its place. */
		memcpy(edited, area, sizeof(area));
		edited[20] = area[21];
		edited[21] = area[20];
		CHECK(area[20] == area[21] || hash_words(edited, n, key) != base);
		/* PKRU (2688 on Intel CPUs with AVX-512) cleared. */
		memcpy(edited, area, sizeof(area));
		edited[2688 / 8] &= ~0xffffffffULL;
		CHECK((area[2688 / 8] & 0xffffffffULL) == 0 || hash_words(edited, n, key) != base);
		/* The hash keeps the control words exactly: MXCSR's rounding, its masks. */
		memcpy(edited, area, sizeof(area));
		edited[3] ^= 0x2000; /* MXCSR RC: round down */
		CHECK(hash_words(edited, n, key) != base);
		memcpy(edited, area, sizeof(area));
		edited[3] ^= 0x80; /* a mask */
		CHECK(hash_words(edited, n, key) != base);
		/* But not where the last x87 exception was (FIP, FDP) nor MXCSR_MASK. */
		memcpy(edited, area, sizeof(area));
		edited[1] ^= 0x1234;
		edited[2] ^= 0x5678;
		edited[3] ^= 0xffffULL << 32;
		CHECK(hash_words(edited, n, key) == base);
		/* TOP moved (renames every st(i)), a tag changed. */
		memcpy(edited, area, sizeof(area));
		edited[0] ^= 1ULL << 27; /* FSW bit 11 */
		CHECK(hash_words(edited, n, key) != base);
		memcpy(edited, area, sizeof(area));
		edited[0] ^= 1ULL << 32; /* FTW bit 0 */
		CHECK(hash_words(edited, n, key) != base);
	}
}

#define FPE_DIV 3 /* FPE_FLTDIV */
#define FPE_UND 5 /* FPE_FLTUND */
#define FPE_INV 7 /* FPE_FLTINV */

/* The allowance of a kernel-raised SIGFPE of a SIMD exception with this si_code. */
static int sigscope_fp_ok_simd(__u64 o0, __u64 n0, __u64 o3, __u64 n3, int si_code)
{
	return sigscope_fp_controls_ok(
	    o0, n0, o3, n3,
	    sigscope_fp_allowance(8, SIGSCOPE_DLV_KERNEL_FAULT | SIGSCOPE_DLV_MATH_SIMD, si_code));
}

/* ...and of an x87 one. */
static int sigscope_fp_ok_x87(__u64 o0, __u64 n0, __u64 o3, __u64 n3, int si_code)
{
	return sigscope_fp_controls_ok(
	    o0, n0, o3, n3,
	    sigscope_fp_allowance(8, SIGSCOPE_DLV_KERNEL_FAULT | SIGSCOPE_DLV_MATH_X87, si_code));
}

TEST(fpstate_controls_allowance)
{
	const __u64 fcw = 0x037f, fsw = 0x3800ULL << 16, w0 = fcw | fsw | (0xffULL << 32);
	const __u64 mx = 0x1f80;		 /* all masked, round to nearest */
	const __u64 ze = (mx & ~0x200ULL) | 0x4; /* divide-by-zero trapped (unmasked, flagged) */

	/* A SIGFPE handler: the exception masked again, its flag cleared (MXCSR and x87). */
	CHECK(sigscope_fp_ok_simd(w0, w0, ze, mx, FPE_DIV));
	CHECK(sigscope_fp_ok_x87((w0 & ~0x4ULL) | (0x84ULL << 16), w0, mx, mx, FPE_DIV));
	CHECK(sigscope_fp_ok_simd(w0, w0, mx, mx, FPE_DIV));
	/* Red team round 21: MXCSR's rounding moved (i1), a mask cleared to fault on demand
	 * (i4); the same on the x87 side; a flag set; DAZ, FTZ; C0-C3, TOP, a tag. */
	CHECK(!sigscope_fp_ok_simd(w0, w0, ze, mx | 0x4000, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0, w0, ze, mx & ~0x1000ULL, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0, w0 & ~0x20ULL, ze, mx, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0, w0 ^ 0x0c00, ze, mx, FPE_DIV)); /* FCW RC */
	CHECK(!sigscope_fp_ok_simd(w0, w0 ^ 0x0300, ze, mx, FPE_DIV)); /* FCW PC */
	CHECK(!sigscope_fp_ok_simd(w0, w0, ze, mx | 0x1, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0, w0 | (0x1ULL << 16), ze, mx, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0, w0, ze, mx | 0x40, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0, w0, ze, mx | 0x8000, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0, w0 ^ (0x0100ULL << 16), ze, mx, FPE_DIV)); /* C0 */
	CHECK(!sigscope_fp_ok_simd(w0, w0 ^ (0x0800ULL << 16), ze, mx, FPE_DIV)); /* TOP */
	CHECK(!sigscope_fp_ok_simd(w0, w0 ^ (0x1ULL << 32), ze, mx, FPE_DIV));	  /* FTW */
	/* Red team round 35: after a SIMD denormal (DE) or underflow (UE) trapped, DAZ and FTZ may
	 * be set, as numerical code flushes from then on; never cleared, never after another. */
	CHECK(sigscope_fp_ok_simd(w0, w0, (mx & ~0x100ULL) | 0x2, mx | 0x8040, FPE_UND));
	CHECK(sigscope_fp_ok_simd(w0, w0, (mx & ~0x800ULL) | 0x10, mx | 0x8000, FPE_UND));
	CHECK(!sigscope_fp_ok_simd(w0, w0, (mx & ~0x100ULL) | 0x2 | 0x8040, mx, FPE_UND));
	CHECK(!sigscope_fp_ok_simd(w0, w0, ze, mx | 0x40, FPE_DIV));
	CHECK(!sigscope_fp_ok_x87(w0, w0, (mx & ~0x100ULL) | 0x2, mx | 0x8040, FPE_UND));
	CHECK(!sigscope_fp_ok_simd(w0, w0, (mx & ~0x100ULL) | 0x2, mx | 0x8040 | 0x4000, FPE_UND));
	/* Round 36: a sticky UE flag of a masked underflow long before is no trap; round 37: nor
	 * once feenableexcept unmasked it, whatever trapped beside it. */
	CHECK(!sigscope_fp_ok_simd(w0, w0, ze | 0x10 | 0x20, mx | 0x8040, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0, w0, (ze & ~0x800ULL) | 0x10, mx | 0x8040, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0, w0, (mx & ~0x1800ULL) | 0x30, mx | 0x8040, FPE_UND));
	CHECK(!sigscope_fp_ok_simd(w0, w0, mx | 0x2, mx | 0x8040, FPE_UND));
	/* ...and a mask only of the exception si_code names: a sticky flag unmasked since is not
	 * the trap (masking it would silence the next one). */
	CHECK(!sigscope_fp_ok_simd(w0, w0, (mx & ~0xa00ULL) | 0x14, mx, FPE_UND));
	CHECK(sigscope_fp_ok_simd(w0, w0, (mx & ~0xa00ULL) | 0x14, mx & ~0x200ULL, FPE_UND));
	/* Round 37: fedisableexcept and feclearexcept work on both units: an x87 underflow's
	 * handler may mask it and clear flags in MXCSR too, and a SIMD one in FCW and FSW (round
	 * 29), but only that exception's masks. */
	CHECK(sigscope_fp_ok_x87((w0 & ~0x10ULL) | (0x30ULL << 16), w0, mx & ~0x800ULL, mx | 0x800,
				 FPE_UND));
	CHECK(sigscope_fp_ok_x87(w0, w0, mx | 0x3f, mx, FPE_UND));
	CHECK(sigscope_fp_ok_simd(w0 & ~0x4ULL, w0, ze, mx, FPE_DIV));
	CHECK(sigscope_fp_ok_simd(w0 | (0x3fULL << 16), w0, ze, mx, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0 & ~0x1ULL, w0, ze, mx, FPE_DIV));
	CHECK(!sigscope_fp_ok_x87(w0, w0, mx & ~0x80ULL, mx, FPE_UND));
	/* FOP and MXCSR_MASK are not judged. */
	CHECK(sigscope_fp_ok_simd(w0, w0 ^ (0x7ffULL << 48), mx, mx ^ (0xffffULL << 32), FPE_DIV));
	/* Red team round 22: the allowance is a kernel-raised SIGFPE's only; elsewhere a mask
	 * set or a flag cleared is a change. */
	CHECK(
	    sigscope_fp_allowance(8, SIGSCOPE_DLV_KERNEL_FAULT | SIGSCOPE_DLV_MATH_SIMD, FPE_DIV) ==
	    (SIGSCOPE_FP_ALLOW_SIMD | (0x4 << SIGSCOPE_FP_KINDS_SHIFT)));
	CHECK(
	    sigscope_fp_allowance(8, SIGSCOPE_DLV_KERNEL_FAULT | SIGSCOPE_DLV_MATH_X87, FPE_INV) ==
	    (SIGSCOPE_FP_ALLOW_X87 | (0x1 << SIGSCOPE_FP_KINDS_SHIFT)));
	CHECK(
	    !sigscope_fp_allowance(8, SIGSCOPE_DLV_MATH_SIMD, FPE_DIV)); /* queued by the process */
	CHECK(!sigscope_fp_allowance(10, SIGSCOPE_DLV_KERNEL_FAULT | SIGSCOPE_DLV_MATH_SIMD,
				     FPE_DIV));
	/* Red team round 25: an integer division's SIGFPE (#DE) relaxes nothing, and with no
	 * trapped exception named, no mask may be set. */
	CHECK(!sigscope_fp_allowance(8, SIGSCOPE_DLV_KERNEL_FAULT | SIGSCOPE_DLV_HANDLER, 1));
	CHECK(!sigscope_fp_controls_ok(w0, w0, mx & ~0x80ULL, mx, SIGSCOPE_FP_ALLOW_X87));
	CHECK(!sigscope_fp_controls_ok(w0 & ~0x4ULL, w0, mx, mx, SIGSCOPE_FP_ALLOW_SIMD));
	CHECK(!sigscope_fp_controls_ok(w0, w0, mx & ~0x80ULL, mx, SIGSCOPE_FP_ALLOW_SIMD));
	CHECK(!sigscope_fp_controls_ok(w0, w0, mx & ~0x80ULL, mx, 0));
	CHECK(!sigscope_fp_controls_ok(w0, w0, mx | 0x1, mx, 0));
	CHECK(sigscope_fp_controls_ok(w0, w0 ^ (0x7ffULL << 48), mx, mx, 0));
	/* A hash with the allowance keeps masks and flags out, and the rounding in, in both
	 * units whichever trapped. */
	CHECK(!(sigscope_fp_word3_hashed(SIGSCOPE_FP_ALLOW_SIMD) & 0x1fbf) &&
	      (sigscope_fp_word3_hashed(SIGSCOPE_FP_ALLOW_SIMD) & 0x6000));
	CHECK(!(sigscope_fp_word0_hashed(SIGSCOPE_FP_ALLOW_X87) & 0x3f) &&
	      (sigscope_fp_word0_hashed(SIGSCOPE_FP_ALLOW_X87) & 0x0f00));
	CHECK(sigscope_fp_word3_hashed(SIGSCOPE_FP_ALLOW_X87) ==
	      sigscope_fp_word3_hashed(SIGSCOPE_FP_ALLOW_SIMD));
	CHECK(sigscope_fp_word3_hashed(0) == SIGSCOPE_FP_WORD3_JUDGED);
	/* ...and the delivery keeps those bits' old values beside it, so that their direction is
	 * still judged (red team round 24: a mask cleared in a displaced SIGFPE frame). */
	CHECK(sigscope_fp_ok_simd(w0 & SIGSCOPE_FP_WORD0_ALLOWED, w0 & SIGSCOPE_FP_WORD0_ALLOWED,
				  ze & SIGSCOPE_FP_WORD3_ALLOWED, mx & SIGSCOPE_FP_WORD3_ALLOWED,
				  FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(w0 & SIGSCOPE_FP_WORD0_ALLOWED, w0 & SIGSCOPE_FP_WORD0_ALLOWED,
				   mx & SIGSCOPE_FP_WORD3_ALLOWED,
				   (mx & ~0x1000ULL) & SIGSCOPE_FP_WORD3_ALLOWED, FPE_DIV));
	CHECK(!sigscope_fp_ok_simd(
	    w0 & SIGSCOPE_FP_WORD0_ALLOWED, (w0 & ~0x20ULL) & SIGSCOPE_FP_WORD0_ALLOWED,
	    mx & SIGSCOPE_FP_WORD3_ALLOWED, mx & SIGSCOPE_FP_WORD3_ALLOWED, FPE_DIV));
}

TEST(fpstate_change_is_unexplained)
{
	struct sigscope_delivery d;
	struct sigscope_explain_in ex;
	__u64 r[SIGSCOPE_NREGS];

	memset(&d, 0, sizeof(d));
	memset(&ex, 0, sizeof(ex));
	for (int i = 0; i < SIGSCOPE_NREGS; i++)
		d.regs[i] = 0x1000 * (__u64)(i + 1);
	d.regs[SIGSCOPE_REG_CS] = 0x33;
	d.regs[SIGSCOPE_REG_SS] = 0x2b;
	d.regs[SIGSCOPE_REG_EFLAGS] = 0x246;
	d.flags = SIGSCOPE_DLV_HANDLER | SIGSCOPE_DLV_KERNEL_FAULT;
	d.sig = SIGSCOPE_SIGSEGV;
	d.si_code = 1;
	d.insn_len = 3;
	memcpy(r, d.regs, sizeof(r));
	/* The area alone. */
	ex.changed = SIGSCOPE_CHANGED_FPSTATE;
	CHECK(sigscope_explain(&d, r, 0, &ex) == SIGSCOPE_EXPL_UNEXPLAINED);
	CHECK(sigscope_explanation_severity(SIGSCOPE_EXPL_UNEXPLAINED, SIGSCOPE_SEV_LOW) ==
	      SIGSCOPE_SEV_HIGH);
	/* With an instruction skip that alone would be explained (its handler told: not Go's; the
	 * fault's address still unmapped). */
	ex.handler_told = 1;
	ex.fault_vma.cls = SIGSCOPE_MEM_UNMAPPED;
	r[SIGSCOPE_REG_RIP] += 3;
	ex.changed = sigscope_regs_differ(d.regs, r, 0);
	CHECK(sigscope_explain(&d, r, 0, &ex) == SIGSCOPE_EXPL_SKIP);
	ex.changed |= SIGSCOPE_CHANGED_FPSTATE;
	CHECK(sigscope_explain(&d, r, 0, &ex) == SIGSCOPE_EXPL_UNEXPLAINED);
}

TEST(fpstate_snapshot_hash_is_the_kernel_sides)
{
	/* User space hashes the attach-time frames (snapshot.c) as the kernel side hashes at the
	 * sigreturn (hash_words, a word at a time, a half-filled last word padded with 0). */
	static __u64 key[AREA_WORDS], area[AREA_WORDS + 1];
	unsigned int seed = 20;

	for (__u32 len = 512; len <= SIGSCOPE_FP_MAX; len += 4 * 67) {
		__u64 padded[AREA_WORDS + 1];

		random_words(key, AREA_WORDS, &seed);
		random_words(area, AREA_WORDS + 1, &seed);
		memcpy(padded, area, sizeof(padded));
		if (len % 8)
			padded[len / 8] &= 0xffffffffULL; /* the bytes past len read as 0 */
		CHECK(sigscope_fp_hash((const unsigned char *)area, len, key) ==
		      hash_words(padded, (len + 7) / 8, key));
	}
}
