/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The detection rules, as pure functions shared by the BPF side (src/bpf/rules.bpf.h, which
 * gathers their inputs: registers, VMA lookups, instruction bytes) and the unit tests
 * (tests/unit/test_verdict.c). README "Findings" and "Threat model" explain each rule.
 *
 * Trust: the registers passed as `r` are what the kernel restored (mode full) or what the frame
 * said at entry (modes enter, light). A delivery's fields were captured by the kernel side at the
 * delivery, before the handler ran: nothing the judged sigreturn installed (its uc_stack, its
 * registers) is ever used as a reference to judge it by.
 */
#ifndef SIGSCOPE_VERDICT_H
#define SIGSCOPE_VERDICT_H

#include "sigscope_event.h"
#include "frame_layout.h"
#include "pairing.h"

/* Longest x86 instruction: a handler that skips one (Wine, emulators) moves rip at most this. */
#define SIGSCOPE_SKIP_MAX  15
#define SIGSCOPE_PAGE_MASK (~4095ULL)

/* A mapping's permissions, as the kernel's VM_READ, VM_WRITE and VM_EXEC. */
#define SIGSCOPE_PROT_READ  1
#define SIGSCOPE_PROT_WRITE 2
#define SIGSCOPE_PROT_EXEC  4

/* A VMA as bpf_find_vma saw it, or as cached from an earlier lookup. */
struct sigscope_vma_info {
	__u64 start;
	__u64 end;
	__u8 cls; /* enum sigscope_mem_class; SIGSCOPE_MEM_UNKNOWN: not decided */
	__u8 growsdown;
	__u8 prot; /* SIGSCOPE_PROT_*: the mapping's read, write and execute permissions */
	__u8 pad;
	__u32 dev;   /* the mapped file's device (the kernel's encoding), 0: anonymous */
	__u64 ino;   /* the mapped file's inode, 0: anonymous */
	__u64 pgoff; /* vm_pgoff: the file offset of start, in pages */
	__u32 mtime; /* the mapped file's sigscope_time_fold, 0: anonymous */
	__u32 pad2;
};

/* A data segment an ia32 frame may restore into ds or es (the kernel loads it with RPL 3): the
 * flat user one, or one of the task's own LDT (Wine's 16-bit code, DOSEMU: the program built
 * it with modify_ldt; red team round 16, fp4_ldt_ds_m32). Not a GDT TLS segment, whose base is
 * the thread pointer (red team round 15, a2_ia32_ds_tls). */
static inline int sigscope_ia32_data_segment_ok(__u32 sel)
{
	sel &= 0xffff;
	return (sel | 3) == SIGSCOPE_USER32_DS || (sel & 4) /* TI: the LDT */;
}

/* Where addr lies in the file v maps: what user space keys a module's entries by. */
static inline __u64 sigscope_vma_file_offset(const struct sigscope_vma_info *v, __u64 addr)
{
	return addr - v->start + (v->pgoff << 12);
}

static inline int sigscope_in_vma(const struct sigscope_vma_info *v, __u64 addr)
{
	return addr >= v->start && addr < v->end;
}

/*
 * Registers restored differently from what was saved (a frame's or a delivery's), after the
 * kernel's own normalisation on restore: RPL 3 forced on cs/ss, only FIX_EFLAGS bits taken; ia32
 * frames have no r8..r15 and 32-bit registers.
 */
static inline __u32 sigscope_regs_differ(const __u64 *saved, const __u64 *applied, int ia32)
{
	__u64 width = ia32 ? 0xffffffffULL : ~0ULL;
	__u32 mask = 0;

	/* Unrolled for the BPF side: the 6.1 verifier refuses a loop closed by a fall-through edge
	 * ("back-edge from insn N to N+1"), which clang emits for this one once inlined thrice. */
#ifdef __bpf__
#pragma clang loop unroll(full)
#endif
	for (int i = 0; i < SIGSCOPE_NREGS; i++) {
		__u64 keep = i == SIGSCOPE_REG_EFLAGS ? SIGSCOPE_FIX_EFLAGS : width;
		__u64 rpl = (i == SIGSCOPE_REG_CS || i == SIGSCOPE_REG_SS) ? 3 : 0;
		__u64 x = ((saved[i] | rpl) ^ applied[i]) & keep;
		__u64 nonzero = x | -x;

#ifdef __bpf__
		/* clang would turn the shift back into a compare and a branch: 2^20 verifier paths
		 */
		asm volatile("%0 >>= 63" : "+r"(nonzero));
#else
		nonzero >>= 63;
#endif
		mask |= (__u32)nonzero << i;
	}
	return ia32 ? mask & ~((1u << SIGSCOPE_REG_RDI) - 1) : mask;
}

/* The registers a syscall takes its number and arguments from, per ABI. */
static inline __u32 sigscope_syscall_reg_mask(int ia32)
{
	if (ia32) /* eax; ebx ecx edx esi edi ebp */
		return (1u << SIGSCOPE_REG_RAX) | (1u << SIGSCOPE_REG_RBX) |
		       (1u << SIGSCOPE_REG_RCX) | (1u << SIGSCOPE_REG_RDX) |
		       (1u << SIGSCOPE_REG_RSI) | (1u << SIGSCOPE_REG_RDI) |
		       (1u << SIGSCOPE_REG_RBP);
	/* rax; rdi rsi rdx r10 r8 r9 */
	return (1u << SIGSCOPE_REG_RAX) | (1u << SIGSCOPE_REG_RDI) | (1u << SIGSCOPE_REG_RSI) |
	       (1u << SIGSCOPE_REG_RDX) | (1u << SIGSCOPE_REG_R10) | (1u << SIGSCOPE_REG_R8) |
	       (1u << SIGSCOPE_REG_R9);
}

/* The two bytes of a syscall-entering instruction: syscall, int $0x80, sysenter. */
static inline int sigscope_is_syscall_insn(const __u8 *b)
{
	return (b[0] == 0x0f && (b[1] == 0x05 || b[1] == 0x34)) || (b[0] == 0xcd && b[1] == 0x80);
}

/*
 * Is the call site a sigreturn stub? b holds the 9 bytes that end right after the syscall
 * instruction (call_site - 7 .. call_site + 2). Stubs: `mov $NR,%rax` (48 c7 c0 imm32) or
 * `mov $NR,%eax` (b8 imm32) followed by `syscall` (glibc, musl, Go) for x86_64 and x32, and by
 * `int $0x80` for ia32 (glibc's and the vDSO's __kernel_[rt_]sigreturn). The bytes are code the
 * process maps executable: registering a restorer with rt_sigaction proves nothing by itself.
 */
static inline int sigscope_is_sigreturn_stub(const __u8 *b, __u32 nr)
{
	const __u8 imm[4] = {(__u8)nr, (__u8)(nr >> 8), (__u8)(nr >> 16), (__u8)(nr >> 24)};
	int int80 = nr == SIGSCOPE_NR_RT_SIGRETURN_IA32 || nr == SIGSCOPE_NR_SIGRETURN_IA32;
	int movl, movq;

	if (int80 ? (b[7] != 0xcd || b[8] != 0x80) : (b[7] != 0x0f || b[8] != 0x05))
		return 0;
	movl = b[2] == 0xb8 && b[3] == imm[0] && b[4] == imm[1] && b[5] == imm[2] && b[6] == imm[3];
	movq = !int80 && b[0] == 0x48 && b[1] == 0xc7 && b[2] == 0xc0 && b[3] == imm[0] &&
	       b[4] == imm[1] && b[5] == imm[2] && b[6] == imm[3];
	return movl || movq;
}

/*
 * What a handler did to a matched context whose rip it moved. rip_vma: the VMA of the restored
 * rip (cls SIGSCOPE_MEM_UNKNOWN when no lookup answered, src/bpf/vma.bpf.h);
 * sysregs_at_syscall: the restored rip is at a syscall instruction and the syscall's registers
 * differ from what was saved. Runtimes that redirect legitimately go to their own code: Go
 * (asyncPreempt, sigpanic: the handler's module, pc pushed), JVMs (the code cache, anonymous),
 * CoreCLR (libcoreclr, the handler's module), Wine (skips an instruction in place).
 */
static inline __u8 sigscope_redirect_pattern(const struct sigscope_delivery *d, const __u64 *r,
					     const struct sigscope_vma_info *rip_vma,
					     int sysregs_at_syscall)
{
	__u64 rip = r[SIGSCOPE_REG_RIP], old = d->regs[SIGSCOPE_REG_RIP];

	if (sysregs_at_syscall)
		return SIGSCOPE_PAT_SYSCALL_REWRITE;
	switch (rip_vma->cls) {
	case SIGSCOPE_MEM_UNKNOWN:
		return SIGSCOPE_PAT_UNDECIDED;
	case SIGSCOPE_MEM_VDSO:
		return SIGSCOPE_PAT_VDSO;
	case SIGSCOPE_MEM_ANON_EXEC:
		return SIGSCOPE_PAT_JIT;
	case SIGSCOPE_MEM_FILE_EXEC:
		if (sigscope_in_vma(rip_vma, d->handler))
			return r[SIGSCOPE_REG_RSP] == d->regs[SIGSCOPE_REG_RSP] - 8
				   ? SIGSCOPE_PAT_CALL_INJECTION
				   : SIGSCOPE_PAT_HANDLER_MODULE;
		/* In the interrupted code's own mapping only a skip counts: a far move there is
		 * how a handler that interrupted libc would reach execve or system. */
		if (sigscope_in_vma(rip_vma, old) && rip > old && rip - old <= SIGSCOPE_SKIP_MAX)
			return SIGSCOPE_PAT_SKIP;
		return SIGSCOPE_PAT_FOREIGN_CODE;
	default:
		return SIGSCOPE_PAT_NOT_CODE;
	}
}

enum sigscope_pivot_answer {
	SIGSCOPE_PIVOT_NO = 0,	   /* on the stack it left, or on the sigaltstack */
	SIGSCOPE_PIVOT_YES = 1,	   /* another mapping, or unmapped */
	SIGSCOPE_PIVOT_LOOKUP = 2, /* needs the VMA of rsp */
};

/*
 * Stack pivot, the part that needs no lookup. ref: the stack pointer the context left (the
 * delivery's interrupted sp, or for an unmatched frame the sp the sigreturn was issued from);
 * alt: the sigaltstack captured before this sigreturn (at delivery, or at its entry); cache: the
 * thread's stack VMA from an earlier successful lookup (start == end: none). Mappings are whole
 * pages, so the same page is the same mapping.
 */
static inline int sigscope_pivot_quick(__u64 rsp, __u64 ref, __u64 alt_sp, __u64 alt_size,
				       const struct sigscope_vma_info *cache)
{
	if ((rsp & SIGSCOPE_PAGE_MASK) == (ref & SIGSCOPE_PAGE_MASK))
		return SIGSCOPE_PIVOT_NO;
	if (alt_size && sigscope_on_stack(rsp, alt_sp, alt_size))
		return SIGSCOPE_PIVOT_NO;
	if (cache->start < cache->end && sigscope_in_vma(cache, rsp) && sigscope_in_vma(cache, ref))
		return SIGSCOPE_PIVOT_NO;
	return SIGSCOPE_PIVOT_LOOKUP;
}

/* Stack pivot from the VMA of rsp (cls UNKNOWN: undecided, the caller fails closed). */
static inline int sigscope_pivot_from_vma(const struct sigscope_vma_info *v, __u64 ref)
{
	if (v->cls == SIGSCOPE_MEM_UNMAPPED)
		return SIGSCOPE_PIVOT_YES;
	return sigscope_in_vma(v, ref) || v->growsdown ? SIGSCOPE_PIVOT_NO : SIGSCOPE_PIVOT_YES;
}

/* How far below the interrupted rsp a runtime resumes on its stack's guard region (SBCL 0x90,
 * Mono 0x238 measured: tests/realworld/FINDINGS.md). */
#define SIGSCOPE_GUARD_REACH 0x10000ULL

/*
 * The same stack after all: rsp a little below ref, in a writable mapping that ends exactly where
 * ref's begins. A runtime recovering from stack exhaustion unprotects the guard region it carved
 * below the stack with mprotect (its own VMA now) and resumes there. Writing below rsp on the
 * stack itself needs no pivot, so this gives an attacker nothing the stack did not.
 */
static inline int sigscope_pivot_into_guard(const struct sigscope_vma_info *rsp_vma,
					    const struct sigscope_vma_info *ref_vma, __u64 rsp,
					    __u64 ref)
{
	return rsp < ref && ref - rsp <= SIGSCOPE_GUARD_REACH &&
	       rsp_vma->cls == SIGSCOPE_MEM_WRITABLE && ref_vma->start < ref_vma->end &&
	       rsp_vma->end == ref_vma->start && sigscope_in_vma(ref_vma, ref);
}

/* What sigscope captured of a thread that already existed when it attached (iter/task). */
struct sigscope_attach_state {
	__u64 sp;	   /* user sp at attach (pt_regs: the last kernel entry) */
	__u64 stack_start; /* the VMA that sp was in (start == end: unknown) */
	__u64 stack_end;
	__u64 alt_sp; /* the sigaltstack at attach */
	__u64 alt_size;
	__u64 grace_floor; /* rsp the last excused sigreturn restored: the next frame lies above */
	__u32 grace_used;
	__u32 valid;
};

/*
 * The attach-time snapshot (README "Threat model", issue 16 item 3). For each thread in scope that
 * existed at attach, the iterator notes where its live frames can be (attach_threads); user space
 * then reads those windows of its memory once (src/driver/snapshot.c) and records every x86_64
 * rt frame it finds, with the registers it held (attach_frames). Such a thread's unmatched
 * sigreturn is excused only through a recorded frame at that very address, once, and judged
 * against what the frame held then: nothing explains a change (there is no delivery to ground
 * one). Windows: from the thread's sp up SIGSCOPE_SNAPSHOT_REACH on the stack it was on, or to
 * the top of the altstack when it was running there; a frame above the window is not excused (a
 * Go thread's stack lies in its heap arena, where the old "could be live up there" excused a
 * frame forged in any heap buffer above: red team round 10, a1_go_heap_excuse). 256 KiB covers
 * a handler with a 192 KiB buffer blocked at attach (round 8's false positive).
 */
#define SIGSCOPE_SNAPSHOT_REACH	  (256 * 1024ULL)
#define SIGSCOPE_SNAPSHOT_ALT_MAX (1024 * 1024ULL)
#define SIGSCOPE_SNAPSHOT_FRAMES  65536 /* frames recorded, machine-wide */
/* Frames recorded per thread at most (as many as pairing keeps outstanding): a thread whose
 * window holds more look-alikes is not read, so one process's planted look-alikes cannot fill
 * the map for all. */
#define SIGSCOPE_SNAPSHOT_THREAD_FRAMES SIGSCOPE_OUTSTANDING_MAX

struct sigscope_attach_thread {
	__u32 tgid;
	__u32 scanned; /* user space read its windows: only its recorded frames are excused */
	__u64 lo, hi;  /* the window to read: [lo, hi) */
	__u32 frames;  /* how many it recorded: a fork copies them to the child (process.bpf.h) */
	__u32 user_cs; /* at attach: 0x33 is 64-bit code, where /proc/PID/exe cannot be read */
};

struct sigscope_attach_frame_key {
	__u32 tid;
	__u32 pad;
	__u64 frame; /* the frame's address (the ustack a sigreturn through it reads) */
};

struct sigscope_attach_frame {
	__u64 regs[SIGSCOPE_NREGS]; /* as the frame held them at attach */
	__u64 ss_sp, ss_size;	    /* its uc_stack then: the altstack the sigreturn restores */
	/* Its FP area then (fpstate.h): where (uc_mcontext.fpstate), how many bytes, their hash;
	 * fp_len 0: not read (the sigreturn's area is judged changed). */
	__u64 fp_area;
	__u32 fp_len;
	__u32 fp_hash;
};

/*
 * Does p (RT64_SIZE bytes) look like an rt_sigframe the kernel wrote for a 64-bit task? uc_flags
 * only the kernel's bits (UC_FP_XSTATE, UC_SIGCONTEXT_SS, UC_STRICT_RESTORE_SS), no uc_link, and
 * cs 0x33, ss 0x2b. A look, not a proof: a frame found this way is only ever a reason to excuse a
 * sigreturn that restores exactly what it held at attach.
 */
static inline int sigscope_looks_like_rt64_frame(const __u8 *p)
{
	__u64 flags, link;
	__u16 cs, ss;

	__builtin_memcpy(&flags, p + RT64_UC_FLAGS, 8);
	__builtin_memcpy(&link, p + RT64_UC_LINK, 8);
	__builtin_memcpy(&cs, p + RT64_MCONTEXT + SC64_CS, 2);
	__builtin_memcpy(&ss, p + RT64_MCONTEXT + SC64_SS, 2);
	return (flags & ~0xfULL) == 0 && link == 0 && cs == 0x33 && ss == 0x2b;
}

/*
 * An unmatched sigreturn on a thread that existed before sigscope attached may return from a
 * handler that was running then (its delivery was never seen). Excused (preexisting_unmatched,
 * low) only when the frame is where such a frame can be: above the thread's sp at attach, on the
 * stack it had then or on the sigaltstack it was running on then, at the exact address
 * get_sigframe() would have used for the rsp it restores (or for rsp + 8: a runtime that pushed a
 * call), and above the frames excused before it; at most SIGSCOPE_OUTSTANDING_MAX times. Nothing
 * here comes from the judged frame except the rsp it restores, which the address must agree with.
 */
static inline int sigscope_excusable(const struct sigscope_attach_state *a, __u64 ustack, __u64 rsp,
				     __u32 kind, __u32 xstate_size, int fxsr)
{
	struct sigscope_frame_geometry g = {.xstate_size = xstate_size, .fxsr = fxsr};
	int on_alt, on_stack, on_altstack, sp_on_alt;
	__u64 top;

	if (!a->valid || a->grace_used >= SIGSCOPE_OUTSTANDING_MAX)
		return 0;
	/* Frames still live at attach lie above the sp the thread had then, on the same stack. */
	on_stack = a->stack_start < a->stack_end && ustack >= a->sp && ustack > a->grace_floor &&
		   ustack < rsp && rsp <= a->stack_end;
	/* A frame on the altstack is live only while its handler runs there: the thread was on it
	 * at attach (red team round 5, attach_alt: a frame forged at the top of an altstack the
	 * thread was not on). */
	sp_on_alt = a->alt_size && sigscope_on_stack(a->sp, a->alt_sp, a->alt_size);
	on_altstack = sp_on_alt && sigscope_on_stack(ustack, a->alt_sp, a->alt_size) &&
		      ustack > a->grace_floor && ustack >= a->sp;
	if (!on_stack && !on_altstack)
		return 0;
	g.alt_sp = a->alt_sp;
	g.alt_size = a->alt_size;
	for (int push = 0; push <= 8; push += 8) {
		g.sp = rsp + push;
		if (sigscope_predict_frame(&g, kind, &top, &on_alt) == ustack)
			return 1;
	}
	if (on_altstack) { /* the first frame on the altstack sits at its top, whatever rsp was */
		g.sa_flags = SIGSCOPE_SA_ONSTACK;
		g.sp = 0;
		if (sigscope_predict_frame(&g, kind, &top, &on_alt) == ustack)
			return 1;
	}
	return 0;
}

/*
 * Record an excuse: the next excused frame must lie above both this frame and the stack pointer
 * it restored (outer frames lie higher), and the floor never moves down, so a forged frame that
 * restores a low rsp cannot reopen the way for a replay.
 */
static inline void sigscope_excuse_taken(struct sigscope_attach_state *a, __u64 ustack, __u64 rsp)
{
	__u64 floor = rsp > ustack ? rsp : ustack;

	a->grace_used++;
	if (floor > a->grace_floor)
		a->grace_floor = floor;
}

static inline void sigscope_raise(struct sigscope_verdict *v, int finding, __u8 sev)
{
	v->findings |= 1u << finding;
	v->severity[finding] = sev;
}

/*
 * Policy and enforcement: allowed findings are reported as allowed and never enforced; the worst
 * remaining severity decides. Returns 1 when the task must be killed (enforce_min SEV_NONE: never).
 */
static inline int sigscope_verdict_finish(struct sigscope_verdict *v, __u32 allowed,
					  __u8 enforce_min)
{
	__u8 worst = SIGSCOPE_SEV_NONE;

	v->allowed = v->findings & allowed;
	v->findings &= ~v->allowed;
	for (int i = 0; i < SIGSCOPE_FINDING_MAX; i++) {
		if ((v->findings & (1u << i)) &&
		    (worst == SIGSCOPE_SEV_NONE || v->severity[i] > worst))
			worst = v->severity[i];
	}
	v->max_severity = worst;
	return worst != SIGSCOPE_SEV_NONE && enforce_min != SIGSCOPE_SEV_NONE &&
	       worst >= enforce_min;
}

#endif /* SIGSCOPE_VERDICT_H */
