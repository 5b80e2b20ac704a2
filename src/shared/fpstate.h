/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The FP/xstate area of an x86_64 frame (uc_mcontext.fpstate), judged like the general registers
 * (README "Threat model", FP and vector registers). The kernel's copy of what it saved is in CPU
 * registers at delivery, where no BPF program can read it, so the baseline is the area as the
 * kernel wrote it, read before the thread returns to user mode (src/bpf/fpstate.bpf.h). The
 * newest delivery's area is kept whole and compared byte for byte; one that a nested delivery
 * displaces is kept as a keyed hash (NH, below) of the same bytes.
 */
#ifndef SIGSCOPE_FPSTATE_H
#define SIGSCOPE_FPSTATE_H

#include "sigscope_event.h"

/* Bytes of the area kept and judged: the legacy FXSAVE region, the xsave header, AVX, AVX-512
 * and PKRU fit (2,700 bytes on AVX-512 CPUs); AMX tile data, beyond, is not judged. Twice this
 * (kept, and read back) stays under the 8 KiB task-storage element 7.3.4 allocates
 * (docs/kernels.md). */
#define SIGSCOPE_FP_MAX 3584
/*
 * The first 32 bytes are the x87 and SSE control and status words: FCW, FSW, FTW, FOP, FIP,
 * FDP, MXCSR and its mask. They steer what the program computes (rounding, precision,
 * flush-to-zero, which exceptions fault: red team round 21 rounded a table index up through
 * MXCSR, and unmasked an exception to make a fault an "instruction skip" then explained), so
 * they are judged like data, with one allowance, the one a SIGFPE handler needs: exception
 * flags cleared and exception masks set (it masks the exception and re-runs the instruction,
 * benign c6/fpe_mxcsr), as clearing eflags' TF or AC is allowed. FOP, FIP and FDP (where the
 * last x87 exception was) and MXCSR_MASK (the CPU's) are not judged.
 */
#define SIGSCOPE_FP_FROM 32
/* Word 0: FCW (bits 0-15), FSW (16-31), FTW (32-39), FOP (48-63). */
#define SIGSCOPE_FP_FCW_MASKS	 0x3fULL	   /* FCW's exception masks: may be set */
#define SIGSCOPE_FP_FSW_FLAGS	 (0x80ffULL << 16) /* FSW's flags, SF, ES and B: may be cleared */
#define SIGSCOPE_FP_WORD0_JUDGED 0x000000ffffffffffULL /* FCW, FSW, FTW */
/* Word 3, low half: MXCSR. */
#define SIGSCOPE_FP_MXCSR_FLAGS 0x3fULL	  /* exception flags: may be cleared */
#define SIGSCOPE_FP_MXCSR_MASKS 0x1f80ULL /* exception masks: may be set */
/* FTZ and DAZ: may be set when a SIMD denormal or underflow trapped (sigscope_fp_allowance),
 * the numerical program's answer to it (red team round 35: fpe_daz was killed). */
#define SIGSCOPE_FP_MXCSR_FLUSH	 0x8040ULL
#define SIGSCOPE_FP_MXCSR_TINY	 0x12ULL /* DE, UE */
#define SIGSCOPE_FP_WORD3_JUDGED 0xffffffffULL
/* The control words of an x87 (FCW 0x37f, FSW and FTW 0) and SSE (MXCSR 0x1f80) state in its
 * initial configuration, which XSAVEOPT and XSAVES do not write. */
#define SIGSCOPE_FP_WORD0_INIT 0x037fULL
#define SIGSCOPE_FP_WORD3_INIT 0x1f80ULL
/* The allowance's bits of the control words (words 0 and 3): a hashed delivery keeps them beside
 * its hash, which leaves them out, so that their change's direction is still judged. */
#define SIGSCOPE_FP_WORD0_ALLOWED (SIGSCOPE_FP_FCW_MASKS | SIGSCOPE_FP_FSW_FLAGS)
#define SIGSCOPE_FP_WORD3_ALLOWED                                                                  \
	(SIGSCOPE_FP_MXCSR_FLAGS | SIGSCOPE_FP_MXCSR_MASKS | SIGSCOPE_FP_MXCSR_FLUSH)

/*
 * Which allowance the delivery gets. A SIGFPE the kernel raised for an FP exception (x87 or
 * SIMD) may have any exception flag cleared, and the masks of the exception it trapped for set,
 * in both units: fedisableexcept and feclearexcept work on both (red team round 37: an x87
 * underflow's handler masking it in MXCSR too was killed). Which exception trapped is si_code's,
 * which the kernel derived from the trapping unit's flagged and unmasked exceptions; the flags
 * alone say nothing, being sticky (rounds 36 and 37: a division's frame set DAZ on a flag that
 * a masked underflow had left long before, and feenableexcept had unmasked since). After a SIMD
 * denormal or underflow, and nothing else flagged and unmasked there, FTZ and DAZ may be set.
 * Any other frame's control words come back as saved: round 22 (a SIGUSR1 frame masked the SSE
 * exception a range check relied on to trap) and round 25 (an integer division's SIGFPE frame
 * did the same).
 */
#define SIGSCOPE_FP_ALLOW_X87	1 /* the trap was the x87's */
#define SIGSCOPE_FP_ALLOW_SIMD	2 /* the trap was SIMD's */
#define SIGSCOPE_FP_KINDS_SHIFT 8 /* then the trapped exceptions, MXCSR's flag order (IE..PE) */
#define SIGSCOPE_FP_ALLOW_UNITS (SIGSCOPE_FP_ALLOW_X87 | SIGSCOPE_FP_ALLOW_SIMD)

/* The exceptions si_code names, in fpu__exception_code()'s order of priority. */
static inline int sigscope_fp_trapped_kinds(__s32 si_code)
{
	switch (si_code) {
	case 7: /* FPE_FLTINV */
	case 8: /* FPE_FLTSUB */
		return 0x01;
	case 3: /* FPE_FLTDIV */
		return 0x04;
	case 4: /* FPE_FLTOVF */
		return 0x08;
	case 5: /* FPE_FLTUND: denormal or underflow */
		return (int)SIGSCOPE_FP_MXCSR_TINY;
	case 6: /* FPE_FLTRES */
		return 0x20;
	default:
		return 0;
	}
}

static inline int sigscope_fp_allowance(__s32 sig, __u32 dlv_flags, __s32 si_code)
{
	int units;

	if (sig != 8 /* SIGFPE */ || !(dlv_flags & SIGSCOPE_DLV_KERNEL_FAULT))
		return 0;
	units = ((dlv_flags & SIGSCOPE_DLV_MATH_X87) ? SIGSCOPE_FP_ALLOW_X87 : 0) |
		((dlv_flags & SIGSCOPE_DLV_MATH_SIMD) ? SIGSCOPE_FP_ALLOW_SIMD : 0);
	return units ? units | (sigscope_fp_trapped_kinds(si_code) << SIGSCOPE_FP_KINDS_SHIFT) : 0;
}

/* The control bits a hash keeps: all judged ones, but the allowance's where it applies (a hash
 * cannot check a change's direction: those bits' old values are kept beside it, the delivery's
 * fp_x87_allowed and fp_mxcsr_allowed, red team round 24). */
static inline __u64 sigscope_fp_word0_hashed(int allow)
{
	return (allow & SIGSCOPE_FP_ALLOW_UNITS)
		   ? SIGSCOPE_FP_WORD0_JUDGED & ~SIGSCOPE_FP_WORD0_ALLOWED
		   : SIGSCOPE_FP_WORD0_JUDGED;
}

static inline __u64 sigscope_fp_word3_hashed(int allow)
{
	return (allow & SIGSCOPE_FP_ALLOW_UNITS)
		   ? SIGSCOPE_FP_WORD3_JUDGED & ~SIGSCOPE_FP_WORD3_ALLOWED
		   : SIGSCOPE_FP_WORD3_JUDGED;
}

/* Are the control words of new what old's may become under allow (exactly them without)? */
static inline int sigscope_fp_controls_ok(__u64 old0, __u64 new0, __u64 old3, __u64 new3, int allow)
{
	__u64 d0 = (old0 ^ new0) & SIGSCOPE_FP_WORD0_JUDGED;
	__u64 d3 = (old3 ^ new3) & SIGSCOPE_FP_WORD3_JUDGED;
	__u64 kinds = (__u64)(allow >> SIGSCOPE_FP_KINDS_SHIFT) & SIGSCOPE_FP_MXCSR_FLAGS;
	__u64 simd_trapped = old3 & SIGSCOPE_FP_MXCSR_FLAGS & ~(old3 >> 7); /* flagged, unmasked */
	__u64 flushable = (allow & SIGSCOPE_FP_ALLOW_SIMD) && (kinds & SIGSCOPE_FP_MXCSR_TINY) &&
				  (simd_trapped & SIGSCOPE_FP_MXCSR_TINY) &&
				  !(simd_trapped & ~SIGSCOPE_FP_MXCSR_TINY)
			      ? SIGSCOPE_FP_MXCSR_FLUSH
			      : 0;

	if (!(allow & SIGSCOPE_FP_ALLOW_UNITS))
		return !d0 && !d3;
	return !(d0 & ~SIGSCOPE_FP_WORD0_ALLOWED) &&
	       !(d0 & SIGSCOPE_FP_FCW_MASKS & ~(new0 & kinds)) && /* unmasked, or not trapped */
	       !(d0 & SIGSCOPE_FP_FSW_FLAGS & new0) &&		  /* a flag set */
	       !(d3 & ~SIGSCOPE_FP_WORD3_ALLOWED) &&
	       !(d3 & SIGSCOPE_FP_MXCSR_MASKS & ~(new3 & (kinds << 7))) &&
	       !(d3 & SIGSCOPE_FP_MXCSR_FLAGS & new3) &&
	       !(d3 & SIGSCOPE_FP_MXCSR_FLUSH & ~(new3 & flushable)); /* cleared, or no trap */
}

/* Where fpu__alloc_mathframe() puts the area below top (the frame's top, pairing.h): 64-aligned. */
static inline __u64 sigscope_fp_area(__u64 top, __u32 xstate_size)
{
	return (top - xstate_size) & ~63ULL;
}

/* How many bytes of an area of xstate_size are kept and judged (a multiple of 4). */
static inline __u32 sigscope_fp_len(__u32 xstate_size)
{
	return xstate_size > SIGSCOPE_FP_MAX ? SIGSCOPE_FP_MAX : xstate_size;
}

/*
 * One step of NH (Black et al., UMAC): the message word's two 32-bit halves, each added to its
 * key half mod 2^32, multiplied into 64 bits. Summed over the words, two different messages
 * collide with probability at most 2^-32 over a random key, which the process never sees (made
 * by getrandom() at start, kept in BPF memory). A plain sum or xor would let an attacker change
 * two words so that the differences cancel.
 */
static inline __u64 sigscope_fp_nh(__u64 word, __u64 key)
{
	__u32 lo = (__u32)word + (__u32)key, hi = (__u32)(word >> 32) + (__u32)(key >> 32);

	return (__u64)lo * hi;
}

/* The 32 bits of an NH sum kept in a delivery (sigscope_delivery.fp_hash). */
static inline __u32 sigscope_fp_fold(__u64 sum)
{
	return (__u32)(sum ^ (sum >> 32));
}

#ifndef __bpf__
/*
 * The hash of an area as the kernel side computes it (fpstate.bpf.h fp_area_hash): the judged
 * control words exactly (no allowance: a hash keeps no old value to allow a change from), then
 * every word from SIGSCOPE_FP_FROM up to len (a last half-filled word padded with 0). key:
 * SIGSCOPE_FP_MAX / 8 words at least. User space hashes the frames of the attach-time snapshot with
 * it (src/driver/snapshot.c).
 */
static inline __u32 sigscope_fp_hash(const unsigned char *area, __u32 len, const __u64 *key)
{
	__u64 sum, w0 = 0;

	len = sigscope_fp_len(len);
	__builtin_memcpy(&w0, area, 8);
	sum = sigscope_fp_nh(w0 & sigscope_fp_word0_hashed(0), key[0]);
	__builtin_memcpy(&w0, area + 24, 8);
	sum += sigscope_fp_nh(w0 & sigscope_fp_word3_hashed(0), key[3]);
	for (__u32 i = SIGSCOPE_FP_FROM / 8; i * 8 < len; i++) {
		__u64 w = 0;

		__builtin_memcpy(&w, area + i * 8, len - i * 8 >= 8 ? 8 : len - i * 8);
		sum += sigscope_fp_nh(w, key[i]);
	}
	return sigscope_fp_fold(sum);
}
#endif

#endif /* SIGSCOPE_FPSTATE_H */
