/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The registers a signal frame asks the kernel to restore, in enum sigscope_reg order: one pure
 * function both sides run (the BPF side on the frame it read, to pair and judge; the user-space
 * decoders, which decode the rest of the frame around it). Untrusted bytes, read with memcpy.
 */
#ifndef SIGSCOPE_FRAME_REGS_H
#define SIGSCOPE_FRAME_REGS_H

#include "frame_layout.h"
#include "sigscope_event.h"

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

/* The BPF side's frame buffers are 8-aligned and every field is aligned in its frame: one load
 * each, not eight byte loads and shifts the verifier walks on every path. User space reads
 * records' frames wherever they lie. */
#ifdef __bpf__
#define SIGSCOPE_FIELD(p, n) __builtin_assume_aligned((p), (n))
#else
#define SIGSCOPE_FIELD(p, n) ((const void *)(p))
#endif

static __always_inline __u64 sigscope_ld64(const __u8 *p, __u32 off)
{
	__u64 v;

	__builtin_memcpy(&v, SIGSCOPE_FIELD(p + off, sizeof(v)), sizeof(v));
	return v;
}

static __always_inline __u64 sigscope_ld32(const __u8 *p, __u32 off)
{
	__u32 v;

	__builtin_memcpy(&v, SIGSCOPE_FIELD(p + off, sizeof(v)), sizeof(v));
	return v;
}

static __always_inline __u64 sigscope_ld16(const __u8 *p, __u32 off)
{
	__u16 v;

	__builtin_memcpy(&v, SIGSCOPE_FIELD(p + off, sizeof(v)), sizeof(v));
	return v;
}

/* f: a whole frame of kind (enum sigscope_frame_kind); r: every register it restores, the
 * 32-bit frames' zero-extended and r8-r15 zero. */
static __always_inline void sigscope_frame_regs(__u32 kind, const __u8 *f, __u64 r[SIGSCOPE_NREGS])
{
	if (kind == SIGSCOPE_FRAME_RT64 || kind == SIGSCOPE_FRAME_RT_X32) {
		/* both hold a 64-bit struct sigcontext */
		const __u8 *sc = f + (kind == SIGSCOPE_FRAME_RT64 ? RT64_MCONTEXT : RTX32_MCONTEXT);

#ifdef __bpf__
#pragma unroll
#endif
		for (int i = 0; i <= SIGSCOPE_REG_RIP; i++)
			r[i] = sigscope_ld64(sc, i * 8); /* r8..rip: consecutive in both orders */
		r[SIGSCOPE_REG_EFLAGS] = sigscope_ld64(sc, SC64_EFLAGS);
		r[SIGSCOPE_REG_CS] = sigscope_ld16(sc, SC64_CS);
		r[SIGSCOPE_REG_SS] = sigscope_ld16(sc, SC64_SS);
		return;
	}
	const __u8 *sc = f + (kind == SIGSCOPE_FRAME_RT_IA32 ? RT32_MCONTEXT : SIG32_MCONTEXT);

#ifdef __bpf__
#pragma unroll
#endif
	for (int i = 0; i < SIGSCOPE_REG_RDI; i++)
		r[i] = 0;
	r[SIGSCOPE_REG_RDI] = sigscope_ld32(sc, SC32_EDI);
	r[SIGSCOPE_REG_RSI] = sigscope_ld32(sc, SC32_ESI);
	r[SIGSCOPE_REG_RBP] = sigscope_ld32(sc, SC32_EBP);
	r[SIGSCOPE_REG_RBX] = sigscope_ld32(sc, SC32_EBX);
	r[SIGSCOPE_REG_RDX] = sigscope_ld32(sc, SC32_EDX);
	r[SIGSCOPE_REG_RAX] = sigscope_ld32(sc, SC32_EAX);
	r[SIGSCOPE_REG_RCX] = sigscope_ld32(sc, SC32_ECX);
	r[SIGSCOPE_REG_RSP] = sigscope_ld32(sc, SC32_ESP);
	r[SIGSCOPE_REG_RIP] = sigscope_ld32(sc, SC32_EIP);
	r[SIGSCOPE_REG_EFLAGS] = sigscope_ld32(sc, SC32_EFLAGS);
	/* u16 selectors with a pad half the kernel ignores on restore */
	r[SIGSCOPE_REG_CS] = sigscope_ld32(sc, SC32_CS) & 0xffff;
	r[SIGSCOPE_REG_SS] = sigscope_ld32(sc, SC32_SS) & 0xffff;
}

#endif
