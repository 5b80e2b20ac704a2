/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Byte offsets of the x86 signal frames, from the frame start (the ustack the kernel reads).
 * Source: arch/x86/include/asm/sigframe.h, arch/x86/include/uapi/asm/sigcontext.h and
 * ucontext.h; these are user ABI and do not change between kernels. Shared by the BPF side
 * (which needs rip/rsp/cs for pairing) and the user-space decoders (which decode everything).
 */
#ifndef SIGSCOPE_FRAME_LAYOUT_H
#define SIGSCOPE_FRAME_LAYOUT_H

/* struct rt_sigframe (x86_64): 440 bytes, FP state follows at uc_mcontext.fpstate. */
#define RT64_PRETCODE 0
#define RT64_UC_FLAGS 8
#define RT64_UC_LINK  16
#define RT64_SS_SP    24
#define RT64_SS_FLAGS 32
#define RT64_SS_SIZE  40
#define RT64_MCONTEXT 48
#define RT64_SIGMASK  304
#define RT64_SIGINFO  312
#define RT64_SIZE     440
/* struct sigcontext_64, offsets inside uc_mcontext (8-byte slots r8..cr2, then fpstate). */
#define SC64_R8	     0 /* r8..r15 at 0..56, then rdi rsi rbp rbx rdx rax rcx rsp rip */
#define SC64_RDI     64
#define SC64_RSI     72
#define SC64_RBP     80
#define SC64_RBX     88
#define SC64_RDX     96
#define SC64_RAX     104
#define SC64_RCX     112
#define SC64_RSP     120
#define SC64_RIP     128
#define SC64_EFLAGS  136
#define SC64_CS	     144 /* u16 cs, gs, fs, ss */
#define SC64_GS	     146
#define SC64_FS	     148
#define SC64_SS	     150
#define SC64_ERR     152
#define SC64_TRAPNO  160
#define SC64_OLDMASK 168
#define SC64_CR2     176
#define SC64_FPSTATE 184

/* struct rt_sigframe_x32: pretcode (u64), struct ucontext_x32 (u32 uc_flags, uc_link,
 * compat_stack_t, pad, the 64-bit sigcontext, compat_sigset_t), compat_siginfo_t. */
#define RTX32_PRETCODE 0
#define RTX32_UC_FLAGS 8
#define RTX32_UC_LINK  12
#define RTX32_SS_SP    16
#define RTX32_SS_FLAGS 20
#define RTX32_SS_SIZE  24
#define RTX32_MCONTEXT 32
#define RTX32_SIGMASK  288
#define RTX32_SIGINFO  296
#define RTX32_SIZE     424

/* struct rt_sigframe_ia32: ustack = sp - 4 at entry. */
#define RT32_PRETCODE 0
#define RT32_SIG      4
#define RT32_PINFO    8
#define RT32_PUC      12
#define RT32_SIGINFO  16 /* compat_siginfo_t, 128 bytes */
#define RT32_UC	      144
#define RT32_UC_FLAGS 144
#define RT32_UC_LINK  148
#define RT32_SS_SP    152
#define RT32_SS_FLAGS 156
#define RT32_SS_SIZE  160
#define RT32_MCONTEXT 164
#define RT32_SIGMASK  252 /* compat_sigset_t: two u32 words */
#define RT32_SIZE     268 /* sizeof(struct rt_sigframe_ia32), retcode[8] at 260 included */

/* struct sigframe_ia32 (legacy sigreturn, nr 119): ustack = sp - 8 at entry. */
#define SIG32_PRETCODE	0
#define SIG32_SIG	4
#define SIG32_MCONTEXT	8
#define SIG32_EXTRAMASK 720 /* after struct _fpstate_32 fpstate_unused (624 bytes) */
#define SIG32_SIZE	724 /* through extramask (what the kernel reads); retcode[8] follows */

/* struct sigcontext_32 (88 bytes), offsets inside the mcontext: u32 slots; segments are u16 + pad.
 */
#define SC32_GS		   0
#define SC32_FS		   4
#define SC32_ES		   8
#define SC32_DS		   12
#define SC32_EDI	   16
#define SC32_ESI	   20
#define SC32_EBP	   24
#define SC32_ESP	   28
#define SC32_EBX	   32
#define SC32_EDX	   36
#define SC32_ECX	   40
#define SC32_EAX	   44
#define SC32_TRAPNO	   48
#define SC32_ERR	   52
#define SC32_EIP	   56
#define SC32_CS		   60
#define SC32_EFLAGS	   64
#define SC32_ESP_AT_SIGNAL 68
#define SC32_SS		   72
#define SC32_FPSTATE	   76
#define SC32_OLDMASK	   80
#define SC32_CR2	   84
#define SC32_SIZE	   88

/* siginfo (both ABIs): signo, errno, code as int at 0/4/8; the union starts at 16 (64-bit) or
 * 12 (compat). kill/tkill/queue: pid at +0 of the union, uid at +4; faults: addr at +0. */
#define SI_UNION64 16
#define SI_UNION32 12

/* EFLAGS bits restore_sigcontext() takes from the frame (FIX_EFLAGS): the others are kept. */
#define SIGSCOPE_FIX_EFLAGS 0x50dd5UL

#endif /* SIGSCOPE_FRAME_LAYOUT_H */
