/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The length of one x86 instruction, for the rule that a handler skipping a faulting instruction
 * advanced rip by exactly its length ("15 bytes or less" proves nothing). Header-only so the BPF
 * side and the unit tests run the same code; written for the verifier: one bounded loop, table
 * look-ups with masked indices, sizes computed from table entries rather than long branch chains.
 * Only lengths are decoded: an opcode reserved inside a valid map (an unused 0f38 slot) is
 * measured, not refused; what the CPU refuses whatever follows (15 prefixes, an opcode invalid in
 * 64-bit mode, a prefix before VEX) is 0.
 */
#ifndef SIGSCOPE_INSN_LEN_H
#define SIGSCOPE_INSN_LEN_H

#ifndef __VMLINUX_H__
#include <linux/types.h> /* the same __u8 & co. as vmlinux.h gives the BPF side */
#endif

#define SIGSCOPE_INSN_32 0 /* ia32 and compat tasks */
#define SIGSCOPE_INSN_64 1 /* long mode */

/* Immediate kinds (low nibble of a table entry). IZ: 16 or 32 bits by operand size. */
#define SIGSCOPE_IK_NONE  0
#define SIGSCOPE_IK_I8	  1
#define SIGSCOPE_IK_I16	  2
#define SIGSCOPE_IK_ENTER 3 /* c8: imm16 + imm8 */
#define SIGSCOPE_IK_IZ	  4
#define SIGSCOPE_IK_IV	  5  /* b8+r: imm64 with REX.W */
#define SIGSCOPE_IK_MOFFS 6  /* a0-a3: an address-sized offset */
#define SIGSCOPE_IK_FAR	  7  /* 9a, ea: ptr16:16 or ptr16:32 */
#define SIGSCOPE_IK_TEST8 8  /* f6: imm8 only for /0 and /1 (TEST) */
#define SIGSCOPE_IK_TESTZ 9  /* f7: immz only for /0 and /1 */
#define SIGSCOPE_IK_REL	  10 /* near jcc/jmp/call rel16/32 */
#define SIGSCOPE_IK_SSE4A 11 /* 0f 78: EXTRQ/INSERTQ (66, f2) take imm8 imm8, VMREAD none */
/* Flags (high nibble). */
#define SIGSCOPE_IF_M	  0x10 /* a ModRM byte follows */
#define SIGSCOPE_IF_REG	  0x20 /* ModRM always names registers (mov cr/dr ignore mod) */
#define SIGSCOPE_IF_INV64 0x40 /* invalid in 64-bit mode */
#define SIGSCOPE_IF_INV	  0x80 /* invalid in every mode */

/* Short names for the two opcode tables below, undefined after them. */
/* clang-format off */
#define M (SIGSCOPE_IF_M)
#define MB (SIGSCOPE_IF_M | SIGSCOPE_IK_I8)
#define MZ (SIGSCOPE_IF_M | SIGSCOPE_IK_IZ)
#define N (SIGSCOPE_IK_NONE)
#define B (SIGSCOPE_IK_I8)
#define W (SIGSCOPE_IK_I16)
#define Z (SIGSCOPE_IK_IZ)
#define IV (SIGSCOPE_IK_IV)
#define MOF (SIGSCOPE_IK_MOFFS)
#define ENT (SIGSCOPE_IK_ENTER)
#define J (SIGSCOPE_IK_REL)
#define T8 (SIGSCOPE_IF_M | SIGSCOPE_IK_TEST8)
#define TZ (SIGSCOPE_IF_M | SIGSCOPE_IK_TESTZ)
#define S4A (SIGSCOPE_IF_M | SIGSCOPE_IK_SSE4A)
#define R (SIGSCOPE_IF_M | SIGSCOPE_IF_REG)
#define X (SIGSCOPE_IF_INV)
#define X6 (SIGSCOPE_IF_INV64)
#define M6 (SIGSCOPE_IF_M | SIGSCOPE_IF_INV64)
#define MB6 (SIGSCOPE_IF_M | SIGSCOPE_IK_I8 | SIGSCOPE_IF_INV64)
#define B6 (SIGSCOPE_IK_I8 | SIGSCOPE_IF_INV64)
#define FAR (SIGSCOPE_IK_FAR | SIGSCOPE_IF_INV64)
/* clang-format on */

/* The one-byte map. Prefixes and 0f never reach it; c4 c5 62 8f only in their legacy meaning. */
/* clang-format off */
static const __u8 sigscope_insn_map0[256] = {
	/* 00 */ M,   M,   M,   M,   B,   Z,   X6,  X6,  M,   M,   M,   M,   B,   Z,   X6,  N,
	/* 10 */ M,   M,   M,   M,   B,   Z,   X6,  X6,  M,   M,   M,   M,   B,   Z,   X6,  X6,
	/* 20 */ M,   M,   M,   M,   B,   Z,   N,   X6,  M,   M,   M,   M,   B,   Z,   N,   X6,
	/* 30 */ M,   M,   M,   M,   B,   Z,   N,   X6,  M,   M,   M,   M,   B,   Z,   N,   X6,
	/* 40 */ N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,
	/* 50 */ N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   N,
	/* 60 */ X6,  X6,  M6,  M,   N,   N,   N,   N,   Z,   MZ,  B,   MB,  N,   N,   N,   N,
	/* 70 */ B,   B,   B,   B,   B,   B,   B,   B,   B,   B,   B,   B,   B,   B,   B,   B,
	/* 80 */ MB,  MZ,  MB6, MB,  M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,
	/* 90 */ N,   N,   N,   N,   N,   N,   N,   N,   N,   N,   FAR, N,   N,   N,   N,   N,
	/* a0 */ MOF, MOF, MOF, MOF, N,   N,   N,   N,   B,   Z,   N,   N,   N,   N,   N,   N,
	/* b0 */ B,   B,   B,   B,   B,   B,   B,   B,   IV,  IV,  IV,  IV,  IV,  IV,  IV,  IV,
	/* c0 */ MB,  MB,  W,   N,   M6,  M6,  MB,  MZ,  ENT, N,   W,   N,   N,   B,   X6,  N,
	/* d0 */ M,   M,   M,   M,   B6,  B6,  X6,  N,   M,   M,   M,   M,   M,   M,   M,   M,
	/* e0 */ B,   B,   B,   B,   B,   B,   B,   B,   J,   J,   FAR, B,   N,   N,   N,   N,
	/* f0 */ N,   N,   N,   N,   N,   N,   T8,  TZ,  N,   N,   N,   N,   N,   N,   M,   M,
};
/* clang-format on */

/* The 0f map, also what VEX/EVEX map 1 take their ModRM and imm8 from. 0f 38 and 0f 3a are
 * escapes, decoded before the table (every opcode there has a ModRM; 0f 3a adds an imm8). */
/* clang-format off */
static const __u8 sigscope_insn_map1[256] = {
	/* 00 */ M,   M,   M,   M,   X,   N,   N,   N,   N,   N,   X,   N,   X,   M,   N,   MB,
	/* 10 */ M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,
	/* 20 */ R,   R,   R,   R,   X,   X,   X,   X,   M,   M,   M,   M,   M,   M,   M,   M,
	/* 30 */ N,   N,   N,   N,   N,   N,   X,   N,   X,   X,   X,   X,   X,   X,   X,   X,
	/* 40 */ M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,
	/* 50 */ M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,
	/* 60 */ M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,
	/* 70 */ MB,  MB,  MB,  MB,  M,   M,   M,   N,   S4A, M,   X,   X,   M,   M,   M,   M,
	/* 80 */ J,   J,   J,   J,   J,   J,   J,   J,   J,   J,   J,   J,   J,   J,   J,   J,
	/* 90 */ M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,
	/* a0 */ N,   N,   N,   M,   MB,  M,   X,   X,   N,   N,   N,   M,   MB,  M,   M,   M,
	/* b0 */ M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   MB,  M,   M,   M,   M,   M,
	/* c0 */ M,   M,   MB,  M,   MB,  MB,  MB,  M,   N,   N,   N,   N,   N,   N,   N,   N,
	/* d0 */ M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,
	/* e0 */ M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,
	/* f0 */ M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,   M,
};
/* clang-format on */
#undef M
#undef MB
#undef MZ
#undef N
#undef B
#undef W
#undef Z
#undef IV
#undef MOF
#undef ENT
#undef J
#undef T8
#undef TZ
#undef S4A
#undef R
#undef X
#undef X6
#undef M6
#undef MB6
#undef B6
#undef FAR

/*
 * Legacy prefixes and REX: 128 = a legacy prefix, and a bit each for what changes the length or
 * validity: 1 = 66, 2 = 67, 4 = f2, 8 = f3, 64 = f0, 32 = REX (a prefix in 64-bit mode only).
 */
/* clang-format off */
static const __u8 sigscope_insn_pfx[256] = {
	[0x26] = 128, [0x2e] = 128, [0x36] = 128, [0x3e] = 128, [0x64] = 128, [0x65] = 128,
	[0x66] = 129, [0x67] = 130, [0xf0] = 192, [0xf2] = 132, [0xf3] = 136,
	[0x40] = 32, [0x41] = 32, [0x42] = 32, [0x43] = 32, [0x44] = 32, [0x45] = 32, [0x46] = 32,
	[0x47] = 32, [0x48] = 32, [0x49] = 32, [0x4a] = 32, [0x4b] = 32, [0x4c] = 32, [0x4d] = 32,
	[0x4e] = 32, [0x4f] = 32,
};

/*
 * ModRM: displacement bytes (bits 0-2) and whether a SIB follows (bit 3), by
 * [16-bit addressing][mod][rm]. mod 3 names a register: nothing follows.
 */
static const __u8 sigscope_insn_modrm[64] = {
	/* 32/64-bit: mod 0 (rm 4 SIB, rm 5 disp32), mod 1 disp8, mod 2 disp32 */
	0, 0, 0, 0, 8, 4, 0, 0,
	1, 1, 1, 1, 9, 1, 1, 1,
	4, 4, 4, 4, 12, 4, 4, 4,
	0, 0, 0, 0, 0, 0, 0, 0,
	/* 16-bit: mod 0 (rm 6 disp16), mod 1 disp8, mod 2 disp16, no SIB */
	0, 0, 0, 0, 0, 0, 2, 0,
	1, 1, 1, 1, 1, 1, 1, 1,
	2, 2, 2, 2, 2, 2, 2, 2,
	0, 0, 0, 0, 0, 0, 0, 0,
};
/* clang-format on */

/*
 * VEX, EVEX and XOP maps: the immediate bytes (0-4) in the low nibble, and in the high nibble
 * the escapes that may select the map (1 = c4, 2 = 62, 4 = 8f; c5 is map 1 only). Map 1 takes
 * its imm8 from sigscope_insn_map1 instead; 0 = no escape selects it. 64 entries, not the 32
 * used: clang puts a 32-byte constant in .rodata.cst32, which libbpf's linker lays over offset 0
 * of .rodata, and the kernel then refuses the object's BTF ("Invalid offset").
 */
static const __u8 sigscope_insn_vmap[64] = {
    [1] = 0x30, [2] = 0x30, [3] = 0x31, [5] = 0x20, [6] = 0x20, [8] = 0x41, [9] = 0x40, [10] = 0x44,
};

/* clang turns the arithmetic below back into branches (which split the verifier's paths) unless it
 * can no longer see through the value. */
#ifdef __bpf__
#define SIGSCOPE_INSN_OPAQUE(v) __asm__ volatile("" : "+r"(v))
#else
#define SIGSCOPE_INSN_OPAQUE(v) ((void)0)
#endif

/*
 * A table entry by an index masked where the verifier sees it: clang may otherwise fold the mask
 * into the bits it already knows, and Linux 6.1's verifier then sees "math between map_value
 * pointer and register with unbounded min value" (seen on the modrm index).
 */
#define SIGSCOPE_INSN_TBL(tbl, ix, mask)                                                           \
	({                                                                                         \
		__u32 _ix = (ix);                                                                  \
		SIGSCOPE_INSN_OPAQUE(_ix);                                                         \
		(tbl)[_ix & (mask)];                                                               \
	})

/* Reads b[pos] into v, or returns 0: past n, or past the 15 bytes the verifier must see bounded. */
#define SIGSCOPE_INSN_READ(v, b, n, pos)                                                           \
	do {                                                                                       \
		if ((pos) >= (n) || (pos) >= 15)                                                   \
			return 0;                                                                  \
		(v) = (b)[(pos)&15];                                                               \
	} while (0)

static inline __u32 sigscope_insn_len(const __u8 *b, __u32 n, int mode)
{
	__u32 m64 = mode == SIGSCOPE_INSN_64, pf = 0, last = 0, more = 1, p = 0;
	__u32 i, c, k, lt, op, e, x, imm, iz, asz16, m, rexw;
	__u64 d;

	/*
	 * Count the prefixes without branching, so that the count stays one range to the verifier
	 * instead of a path per count (and per n). A byte at or past n reads b[0] (the caller's n
	 * is not 0) and ends the prefixes. A REX counts only right before the opcode: a legacy
	 * prefix after it voids it. A 15th prefix leaves no room for an opcode.
	 */
	if (n == 0)
		return 0;
	for (i = 0; i < 15; i++) {
		d = (__u64)i - n;
		SIGSCOPE_INSN_OPAQUE(d);
		lt = (__u32)(d >> 63); /* i < n, as a number */
		c = b[i & (0u - lt)];
		k = SIGSCOPE_INSN_TBL(sigscope_insn_pfx, c, 0xff);
		more &= ((k >> 7) | ((k >> 5) & m64)) & lt & 1;
		pf |= k & (0u - more);
		last = (last & (more - 1)) | (((k & 32) | (c & 8)) & (0u - more));
		p += more;
	}
	if (p >= 15)
		return 0;
	SIGSCOPE_INSN_READ(op, b, n, p);
	p++;

	if (op == 0x0f) {
		SIGSCOPE_INSN_READ(op, b, n, p);
		p++;
		if (op == 0x38 || op == 0x3a) {
			/* Three-byte maps: always ModRM; 0f 3a also an imm8. */
			imm = op == 0x3a;
			SIGSCOPE_INSN_READ(op, b, n, p);
			p++;
			e = SIGSCOPE_IF_M;
		} else {
			e = SIGSCOPE_INSN_TBL(sigscope_insn_map1, op, 0xff);
			imm = 0xff;
		}
	} else if ((op == 0xc4 || op == 0xc5 || op == 0x62 || op == 0x8f)) {
		SIGSCOPE_INSN_READ(x, b, n, p);
		/* 32-bit mode: c4 c5 62 are LES LDS BOUND unless ModRM says register (mod 11); 8f
		 * is POP unless the map select is 8 or more (POP is /0). */
		if (op == 0x8f ? (x & 0x1f) >= 8 : (m64 || (x >> 6) == 3)) {
			/* VEX/EVEX/XOP: no legacy 66 f2 f3 f0 or REX before it. */
			if ((pf & 0x4d) || (last & 32))
				return 0;
			m = op == 0xc5 ? 1 : op == 0x62 ? (x & 7) : (x & 0x1f);
			e = SIGSCOPE_INSN_TBL(sigscope_insn_vmap, m, 0x1f);
			if (!(e >> 4 & (op == 0x62 ? 2 : op == 0x8f ? 4 : 1)))
				return 0;
			imm = e & 0xf;
			/* Payload bytes: c5 one, c4 and 8f two, 62 three; then the opcode. */
			p += op == 0xc5 ? 1 : op == 0x62 ? 3 : 2;
			x = op;
			SIGSCOPE_INSN_READ(op, b, n, p);
			p++;
			if (m == 1) {
				e = SIGSCOPE_INSN_TBL(sigscope_insn_map1, op, 0xff);
				imm = (e & 0xf) == SIGSCOPE_IK_I8;
				/* vzeroupper/vzeroall: the one VEX map-1 opcode without ModRM */
				e = op == 0x77 && x != 0x62 ? 0 : SIGSCOPE_IF_M;
			} else {
				e = SIGSCOPE_IF_M;
			}
		} else {
			e = SIGSCOPE_INSN_TBL(sigscope_insn_map0, op, 0xff);
			imm = 0xff;
		}
	} else {
		e = SIGSCOPE_INSN_TBL(sigscope_insn_map0, op, 0xff);
		imm = 0xff;
	}
	if ((e & SIGSCOPE_IF_INV) || ((e & SIGSCOPE_IF_INV64) && m64))
		return 0;

	m = 0;
	if (e & SIGSCOPE_IF_M) {
		asz16 = (pf >> 1) & (m64 ^ 1) & 1;
		SIGSCOPE_INSN_READ(m, b, n, p);
		p++;
		x = SIGSCOPE_INSN_TBL(sigscope_insn_modrm,
				      (asz16 << 5) | ((m >> 3) & 0x18) | (m & 7), 0x3f);
		if (e & SIGSCOPE_IF_REG)
			x = 0;
		if (x & 8) {
			SIGSCOPE_INSN_READ(c, b, n, p);
			p++;
			/* SIB base 101 with mod 00: no base register, a disp32 instead. */
			if ((c & 7) == 5 && (m >> 6) == 0)
				x = 4;
		}
		p += x & 7;
	}

	if (imm == 0xff) {
		/* REX.W: the last prefix is a REX (32) with bit 3 set */
		rexw = (last >> 5) & (last >> 3) & 1;
		iz = 4 - ((pf & ~rexw & 1) << 1);
		switch (e & 0xf) {
		case SIGSCOPE_IK_I8:
			imm = 1;
			break;
		case SIGSCOPE_IK_I16:
			imm = 2;
			break;
		case SIGSCOPE_IK_ENTER:
			imm = 3;
			break;
		case SIGSCOPE_IK_IZ:
			imm = iz;
			break;
		case SIGSCOPE_IK_IV:
			imm = rexw ? 8 : iz;
			break;
		case SIGSCOPE_IK_MOFFS:
			imm = (m64 ? 8 : 4) >> ((pf >> 1) & 1);
			break;
		case SIGSCOPE_IK_FAR:
			imm = iz + 2;
			break;
		case SIGSCOPE_IK_TEST8:
			imm = ((m >> 3) & 7) < 2;
			break;
		case SIGSCOPE_IK_TESTZ:
			imm = ((m >> 3) & 7) < 2 ? iz : 0;
			break;
		case SIGSCOPE_IK_REL:
			/* With 66 in 64-bit mode Intel CPUs keep rel32 and AMD ones take rel16 (and
			 * truncate rip to 16 bits): a length that depends on the CPU's vendor
			 * proves nothing, so none (red team round 14, a3_amd_rel16). */
			if (m64 && (pf & 1))
				return 0;
			imm = iz;
			break;
		case SIGSCOPE_IK_SSE4A:
			imm = (pf & 5) ? 2 : 0;
			break;
		default:
			imm = 0;
		}
	}
	p += imm;
	return p <= n && p <= 15 ? p : 0;
}

#undef SIGSCOPE_INSN_READ
#undef SIGSCOPE_INSN_OPAQUE
#undef SIGSCOPE_INSN_TBL

/* Where the opcode starts after any prefixes (REX only in 64-bit mode): n when none is read. */
static inline __u32 sigscope_insn_opcode_at(const __u8 *b, __u32 n, int mode)
{
	__u32 m64 = mode == SIGSCOPE_INSN_64, p = 0, k;

	for (int i = 0; i < 15; i++) {
		if (p >= n)
			return n;
		k = sigscope_insn_pfx[b[p & 15]];
		if (!((k >> 7) & 1) && !(((k >> 5) & 1) && m64))
			break;
		p++;
	}
	return p;
}

/*
 * Is the instruction at b (n bytes) one that exists only to trap: ud0, ud1 or ud2 (0f ff, 0f b9,
 * 0f 0b, after any prefixes), which no CPU will ever define? A handler that steps over one does
 * not emulate anything: it cancels a deliberate trap, the shape of a CFI check or
 * __builtin_trap() (red team round 7: an indirect call's guard skipped, the call then taken).
 * int3, int n and hlt trap by another signal (SIGTRAP, a #GP's SIGSEGV SI_KERNEL), which no
 * skip explains anyway.
 */
static inline int sigscope_insn_is_trap(const __u8 *b, __u32 n, int mode)
{
	__u32 p = sigscope_insn_opcode_at(b, n, mode), k;

	if (p + 1 >= n || p >= 14 || b[p & 15] != 0x0f)
		return 0;
	k = b[(p + 1) & 15];
	return k == 0x0b || k == 0xb9 || k == 0xff;
}

/*
 * Does the instruction at b (n bytes) move control or the stack pointer: a jump, call, return,
 * loop, interrupt or system call (near, far, direct or through memory), push, pop, enter or
 * leave? Skipping one is no emulation: the next instruction in memory is not where the program
 * goes, or its stack is left a slot off for the ret that follows (red team round 30: a call
 * whose push hit the guard page skipped, the callee never run and its result register the
 * attacker's; a ret whose read faulted skipped, falling into the next function). A handler
 * may skip what reads or writes data; none of these.
 */
static inline int sigscope_insn_moves_flow(const __u8 *b, __u32 n, int mode)
{
	__u32 p = sigscope_insn_opcode_at(b, n, mode), o, reg;

	if (p >= n || p >= 15)
		return 0;
	o = b[p & 15];
	if (o == 0x0f) {
		if (p + 1 >= n || p >= 14)
			return 0;
		o = b[(p + 1) & 15];
		return (o >= 0x80 && o <= 0x8f) || o == 0x05 || o == 0x07 || o == 0x34 ||
		       o == 0x35 || o == 0xa0 || o == 0xa1 || o == 0xa8 || o == 0xa9;
	}
	if (o == 0xff || o == 0x8f) {
		if (p + 1 >= n || p >= 14)
			return 0;
		reg = (b[(p + 1) & 15] >> 3) & 7;
		return o == 0x8f ? reg == 0 : reg >= 2 && reg != 7;
	}
	return (o >= 0x50 && o <= 0x5f) || (o >= 0x70 && o <= 0x7f) || (o >= 0xc8 && o <= 0xcf) ||
	       (o >= 0xe0 && o <= 0xe3) || (o >= 0xe8 && o <= 0xeb) || (o == 0xc2 || o == 0xc3) ||
	       o == 0x06 || o == 0x07 || o == 0x0e || o == 0x16 || o == 0x17 || o == 0x1e ||
	       o == 0x1f || o == 0x60 || o == 0x61 || o == 0x68 || o == 0x6a || o == 0x9a ||
	       o == 0x9c || o == 0x9d || o == 0xf1;
}

#endif
