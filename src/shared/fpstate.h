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

#ifdef __bpf__
#include "vmlinux.h"
#else
#include <linux/types.h>
#endif

/* Bytes of the area kept and judged: the legacy FXSAVE region, the xsave header, AVX, AVX-512
 * and PKRU fit (2,700 bytes on AVX-512 CPUs); AMX tile data, beyond, is not judged. Kept under
 * 4 KiB with its chunk buffer: 7.3.4 refuses larger task-storage elements (docs/kernels.md). */
#define SIGSCOPE_FP_MAX	  3584
#define SIGSCOPE_FP_CHUNK 256 /* read from the frame at a time, at the sigreturn */
/* The first 32 bytes are the x87 and SSE control and status words (FCW, FSW, FTW, FOP, FIP,
 * FDP, MXCSR, its mask): a SIGFPE handler clears exception flags or masks there. They hold no
 * data an interrupted program computes with, so they are not judged, but for the x87 stack's
 * shape in the first word: FSW's TOP (which register st(0) is) and the tag word (which are
 * empty). Moving TOP renames every st(i), as good as rewriting them. */
#define SIGSCOPE_FP_FROM	 32
#define SIGSCOPE_FP_WORD0_JUDGED 0x000000ff38000000ULL /* FTW, and FSW bits 11-13 (TOP) */

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
 * The hash of an area as the kernel side computes it (fpstate.bpf.h fp_hash_kept): the x87
 * stack's shape from the first word, then every word from SIGSCOPE_FP_FROM up to len (a last
 * half-filled word padded with 0). key: SIGSCOPE_FP_MAX / 8 words at least. User space hashes
 * the frames of the attach-time snapshot with it (src/driver/snapshot.c).
 */
static inline __u32 sigscope_fp_hash(const unsigned char *area, __u32 len, const __u64 *key)
{
	__u64 sum, w0 = 0;

	len = sigscope_fp_len(len);
	__builtin_memcpy(&w0, area, 8);
	sum = sigscope_fp_nh(w0 & SIGSCOPE_FP_WORD0_JUDGED, key[0]);
	for (__u32 i = SIGSCOPE_FP_FROM / 8; i * 8 < len; i++) {
		__u64 w = 0;

		__builtin_memcpy(&w, area + i * 8, len - i * 8 >= 8 ? 8 : len - i * 8);
		sum += sigscope_fp_nh(w, key[i]);
	}
	return sigscope_fp_fold(sum);
}
#endif

#endif /* SIGSCOPE_FPSTATE_H */
