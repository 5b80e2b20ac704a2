/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Pairing, as pure functions shared by the BPF side and the unit tests (tests/unit/test_pairing.c):
 * where the kernel puts a signal frame, and the per-thread set of outstanding deliveries.
 *
 * A sigreturn pairs only with the delivery whose frame lies exactly at its ustack: the address the
 * kernel wrote that frame to. Anything else (a frame built elsewhere by a handler, a copy, a
 * forgery) is not vouched for by any delivery, whatever registers it holds. Pairing does not
 * depend on the order in which handlers return (swapcontext), and a delivery leaves the set only
 * when its frame is returned through, when a newer frame is written over it (the handler was left
 * by siglongjmp and its stack reused), when the set is full (one below the interrupted sp, else
 * the newest before the one added, goes, counted: sigscope_full_slot), or on exec.
 */
#ifndef SIGSCOPE_PAIRING_H
#define SIGSCOPE_PAIRING_H

#include "sigscope_event.h"
#include "frame_layout.h"

#define SIGSCOPE_REDZONE	       128 /* x86_64 ABI red zone below sp, skipped by get_sigframe */
#define SIGSCOPE_FREGS_SIZE	       112 /* struct fregs_state: the fsave header of ia32 frames */
#define SIGSCOPE_SA_ONSTACK	       0x08000000ULL
#define SIGSCOPE_SA_SIGINFO	       0x00000004ULL
#define SIGSCOPE_SA_IA32_ABI	       0x02000000ULL /* set by the compat sigaction(): an ia32 frame */
#define SIGSCOPE_SA_X32_ABI	       0x01000000ULL /* set by an x32 sigaction(): an x32 frame */
#define SIGSCOPE_SS_AUTODISARM	       (1U << 31)
#define SIGSCOPE_FP_XSTATE_MAGIC2_SIZE 4

/* sizeof the kernel's frame structs (arch/x86/include/asm/sigframe.h), what get_sigframe sizes. */
#define SIGSCOPE_RT64_STRUCT	 440
#define SIGSCOPE_RT_IA32_STRUCT	 268 /* with retcode[8] */
#define SIGSCOPE_SIG_IA32_STRUCT 732 /* with extramask and retcode[8] */
#define SIGSCOPE_RT_X32_STRUCT	 424

/* The frame a delivery with these sigaction flags writes (x86 setup_rt_frame()). */
static inline __u32 sigscope_delivery_frame_kind(__u64 sa_flags)
{
	if (sa_flags & SIGSCOPE_SA_IA32_ABI)
		return (sa_flags & SIGSCOPE_SA_SIGINFO) ? SIGSCOPE_FRAME_RT_IA32
							: SIGSCOPE_FRAME_SIG_IA32;
	if (sa_flags & SIGSCOPE_SA_X32_ABI)
		return SIGSCOPE_FRAME_RT_X32;
	return SIGSCOPE_FRAME_RT64;
}

static inline __u32 sigscope_frame_struct_size(__u32 kind)
{
	switch (kind) {
	case SIGSCOPE_FRAME_RT_IA32:
		return SIGSCOPE_RT_IA32_STRUCT;
	case SIGSCOPE_FRAME_SIG_IA32:
		return SIGSCOPE_SIG_IA32_STRUCT;
	case SIGSCOPE_FRAME_RT_X32:
		return SIGSCOPE_RT_X32_STRUCT;
	default:
		return SIGSCOPE_RT64_STRUCT;
	}
}

/* The kernel's on_sig_stack(): sp in (base, base + size]. */
static inline int sigscope_on_stack(__u64 sp, __u64 base, __u64 size)
{
	return sp > base && sp - base <= size;
}

/* What get_sigframe() needs to know about the task at delivery. */
struct sigscope_frame_geometry {
	__u64 sp;	/* interrupted user sp (after the restart fix-ups: they leave sp alone) */
	__u64 sa_flags; /* ka->sa.sa_flags */
	__u64 alt_sp;	/* current->sas_ss_sp, sas_ss_size, sas_ss_flags */
	__u64 alt_size;
	__u32 alt_flags;
	__u32 xstate_size; /* xstate_sigframe_size(): fpstate->user_size (+ 4 with XSAVE) */
	int fxsr;	   /* use_fxsr(): ia32 frames get an fsave header */
};

/*
 * get_sigframe() (arch/x86/kernel/signal.c, 6.1 to 6.18) and fpu__alloc_mathframe(): below the
 * red zone (64-bit frames), or at the top of the sigaltstack when SA_ONSTACK asks for it and the
 * task is not on it already (SS_AUTODISARM: never counts as on it); the FP area 64-aligned; the
 * frame so that (frame + 8) is 16-aligned, or (frame + 4) for ia32 frames (measured on 6.1 and
 * 6.18 against the ustack handlers see: tests/e2e, check "frame"). Returns the frame address (the
 * sigreturn's ustack); *top is the highest address the kernel writes below; *on_alt says the frame
 * is on the altstack. The ia32 "legacy stack switch" through sa_restorer (an ss other than
 * __USER_DS) is not modelled.
 */
static inline __u64 sigscope_predict_frame(const struct sigscope_frame_geometry *g, __u32 kind,
					   __u64 *top, int *on_alt)
{
	int ia32 = kind == SIGSCOPE_FRAME_RT_IA32 || kind == SIGSCOPE_FRAME_SIG_IA32;
	__u64 sp = g->sp;
	int nested = g->alt_size && !(g->alt_flags & SIGSCOPE_SS_AUTODISARM) &&
		     sigscope_on_stack(sp, g->alt_sp, g->alt_size);

	if (!ia32)
		sp -= SIGSCOPE_REDZONE;
	*on_alt = nested;
	if ((g->sa_flags & SIGSCOPE_SA_ONSTACK) && g->alt_size &&
	    ((g->alt_flags & SIGSCOPE_SS_AUTODISARM) ||
	     !sigscope_on_stack(sp, g->alt_sp, g->alt_size))) {
		sp = g->alt_sp + g->alt_size;
		*on_alt = 1;
	}
	if (ia32)
		sp &= 0xffffffffULL;
	*top = sp;
	sp = (sp - g->xstate_size) & ~63ULL;
	if (ia32 && g->fxsr)
		sp -= SIGSCOPE_FREGS_SIZE;
	sp -= sigscope_frame_struct_size(kind);
	if (ia32) /* the i386 ABI: ((sp + 4) & 15) == 0 at function entry */
		return (((sp + 4) & ~15ULL) - 4) & 0xffffffffULL;
	return (sp & ~15ULL) - 8; /* the x86_64 ABI: ((sp + 8) & 15) == 0 */
}

static inline int sigscope_kind_is_ia32(__u32 kind)
{
	return kind == SIGSCOPE_FRAME_RT_IA32 || kind == SIGSCOPE_FRAME_SIG_IA32;
}

/*
 * Does a restored context differ from a saved one (a delivery's, or a frame's)? The kernel's own
 * normalisation on restore as in verdict.h's sigscope_regs_differ (RPL 3 on cs/ss, only the
 * FIX_EFLAGS bits, ia32: no r8..r15 and 32-bit registers); a plain loop, for the pairing walk.
 */
static inline int sigscope_ctx_differ(const __u64 *saved, const __u64 *applied, int ia32)
{
	__u64 width = ia32 ? 0xffffffffULL : ~0ULL;
	__u64 diff = 0;

	/* Unrolled, no early exit: the 6.1 verifier refuses loops clang closes by a fall-through
	 * edge (see sigscope_regs_differ). */
#ifdef __bpf__
#pragma clang loop unroll(full)
#endif
	for (int i = 0; i < SIGSCOPE_NREGS; i++) {
		__u64 keep = i == SIGSCOPE_REG_EFLAGS ? SIGSCOPE_FIX_EFLAGS : width;
		__u64 rpl = (i == SIGSCOPE_REG_CS || i == SIGSCOPE_REG_SS) ? 3 : 0;

		if (ia32 && i < SIGSCOPE_REG_RDI)
			continue; /* no r8..r15 in an ia32 frame */
		diff |= ((saved[i] | rpl) ^ applied[i]) & keep;
	}
	return diff != 0;
}

/*
 * Which entry an exit completes (mode full, and the trampolines). Entry and exit alternate
 * strictly on a thread within one syscall, and the kernel gives no number to a syscall instance;
 * but since 7.0 it may skip either program (docs/kernels.md). A pending entry at an exit is
 * therefore this syscall's own, or one whose exit was skipped while this exit's entry was
 * skipped too. The exit proves it its own by the registers: the kernel restored exactly the
 * frame that entry read. When it did not, either the frame was rewritten between that read and
 * the kernel's (TOCTOU), or the entry is stale: stale when the restored registers are explained
 * by a live delivery the pending entry did not pair with (its saved context, or its frame as it
 * is now), since the pending entry already took its own delivery out of the set. An entry that
 * finds a pending one knows that one's exit was skipped (a thread cannot enter a syscall inside
 * another), and reports it judged at entry. The decision, from:
 *   pending:   an entry is pending on the thread;
 *   frame_ok, mismatch: the pending entry read its frame, and where the restored registers
 *              differ from it (sigscope_regs_differ);
 *   explained: a live delivery explains the restored registers;
 *   plain:     the exit looks like a plain syscall's return that never reached a sigreturn:
 *              syscall(-1) or a syscall ptrace skipped also exit with orig_ax -1 (tracepoint
 *              backend only; the trampolines are on the sigreturn bodies themselves);
 *   exits_never_skipped: the kernel never skips an exit program of ours (it cannot skip them
 *              at all, or every ABI has an exit guard): a pending entry is then always this
 *              exit's own, whatever explains the registers. Taking it for stale there let a
 *              frame rewritten between the two reads (or unreadable at entry) return as an
 *              abandoned delivery's context, judged clean (red team round 10, a2_stale_unread,
 *              a3_stale_race).
 */
enum sigscope_exit_pairing {
	SIGSCOPE_EXIT_OWN = 0,	 /* complete the pending entry: its own exit */
	SIGSCOPE_EXIT_STALE = 1, /* report the pending one (exit missed), judge alone */
	SIGSCOPE_EXIT_ALONE = 2, /* no entry: it was skipped; judge from what was restored */
	SIGSCOPE_EXIT_NOT_SIGRETURN = 3,       /* nothing to judge */
	SIGSCOPE_EXIT_STALE_NOT_SIGRETURN = 4, /* report the pending one, nothing to judge */
};

static inline int sigscope_exit_pairing(int pending, int frame_ok, __u32 mismatch, int explained,
					int plain, int exits_never_skipped)
{
	if (pending && exits_never_skipped)
		return SIGSCOPE_EXIT_OWN;
	if (!pending) {
		if (explained)
			return SIGSCOPE_EXIT_ALONE;
		return plain ? SIGSCOPE_EXIT_NOT_SIGRETURN : SIGSCOPE_EXIT_ALONE;
	}
	if (frame_ok && !mismatch)
		return SIGSCOPE_EXIT_OWN;
	if (explained)
		return SIGSCOPE_EXIT_STALE;
	return plain ? SIGSCOPE_EXIT_STALE_NOT_SIGRETURN : SIGSCOPE_EXIT_OWN;
}

/* A slot is free when its seq is 0 (deliveries are numbered from 1). */
static inline int sigscope_slot_used(const struct sigscope_delivery *d)
{
	return d->seq != 0;
}

/*
 * One pass over a thread's set of outstanding deliveries, which lives in an inline block and, for
 * threads that nest deeper, overflow blocks. It finds the delivery whose frame is exactly at
 * find_frame (of kind find_kind), frees the ones a new frame at [prune_frame, prune_top)
 * overwrites, and notes a free slot and the newest slot. On the BPF side the pass runs as a
 * bpf_loop() callback: the verifier checks its body once instead of 64 unrolled copies.
 */
/* The walk's inputs and results: only numbers, so that the BPF side can hand them to a global
 * function without the verifier forgetting the block pointers kept beside them. */
#define SIGSCOPE_WALK_ACC_FIELDS                                                                   \
	__u64 find_frame; /* 0: find nothing */                                                    \
	__u64 prune_frame;                                                                         \
	__u64 prune_top;   /* 0: prune nothing */                                                  \
	__u64 below_sp;	   /* the sp a new delivery interrupted (0: none), for below: */           \
	__u64 below_frame; /* the highest frame wholly below below_sp, at index below */           \
	__s32 below;	   /* -1: none */                                                          \
	__u32 below_pad;                                                                           \
	__u32 find_kind;                                                                           \
	__s32 found;	  /* index of the match, or -1 */                                          \
	__s32 free_slot;  /* first free index, or -1 */                                            \
	__u32 pruned;	  /* freed by this pass */                                                 \
	__u32 used;	  /* in use after this pass */                                             \
	__s32 found_ctx;  /* index of a delivery whose saved context is find_regs, or -1 */        \
	__u32 newest;	  /* index of the used slot with the highest seq */                        \
	__u32 newest_seq; /* 0: no slot in use */                                                  \
	__u32 acc_pad;

struct sigscope_walk_acc {
	SIGSCOPE_WALK_ACC_FIELDS
};

/* The registers an exit looks for among the saved contexts: a struct, so its size is known. */
struct sigscope_regs {
	__u64 r[SIGSCOPE_NREGS];
};

struct sigscope_walk {
	struct sigscope_delivery *a; /* SIGSCOPE_SLOTS_INLINE slots */
	/* SIGSCOPE_SLOTS_BLOCK slots each, or NULL: not allocated. Named, not an array: the BPF
	 * verifier cannot read a pointer back from the stack at a variable offset. */
	struct sigscope_delivery *b0, *b1, *b2, *b3;
	/* An exit whose entry the kernel skipped (sigreturn.bpf.h): find_regs, the registers the
	 * kernel restored, are looked for among the deliveries' saved contexts (found_ctx), and the
	 * newest delivery is noted (its frame may hold what a handler changed). */
	const __u64 *find_regs;	       /* NULL: look for nothing */
	struct sigscope_delivery *cur; /* the block being walked (sigscope_walk_block) */
	__u32 base;		       /* index of cur[0] in the set */
	__u32 pad;
	union { /* the fields by name (w->found), or all of them at once (&w->acc) */
		struct sigscope_walk_acc acc;
		struct {
			SIGSCOPE_WALK_ACC_FIELDS
		};
	};
};

/* The slot a delivery takes in a full set (push_delivery), after a walk given below_sp: a
 * delivery whose frame lies wholly below the sp the new signal interrupted, the highest such (on
 * one stack nothing live lies below the code that runs; the nearest is the likeliest on this
 * stack); else the newest before the one added, never the oldest (the likeliest live: an outer
 * handler whose inner faults are left by siglongjmp at ever greater depth). */
static inline __u32 sigscope_full_slot(const struct sigscope_walk *w)
{
	return w->below >= 0 ? (__u32)w->below : w->newest;
}

/* Hides a value from the compiler, so a mask that proves its bounds to the verifier stays. */
#ifdef __bpf__
#define SIGSCOPE_OPAQUE(x) asm volatile("" : "+r"(x))
#else
#define SIGSCOPE_OPAQUE(x) ((void)0)
#endif

static inline struct sigscope_delivery *sigscope_walk_slot(const struct sigscope_walk *w, __u32 i)
{
	struct sigscope_delivery *b;
	__u32 j = i;

	if (i >= SIGSCOPE_OUTSTANDING_MAX)
		return 0;
	SIGSCOPE_OPAQUE(j);
	if (i < SIGSCOPE_SLOTS_INLINE)
		return &w->a[j & (SIGSCOPE_SLOTS_INLINE - 1)];
	j -= SIGSCOPE_SLOTS_INLINE;
	switch ((j / SIGSCOPE_SLOTS_BLOCK) & (SIGSCOPE_OVERFLOW_BLOCKS - 1)) {
	case 0:
		b = w->b0;
		break;
	case 1:
		b = w->b1;
		break;
	case 2:
		b = w->b2;
		break;
	default:
		b = w->b3;
		break;
	}
	return b ? &b[j & (SIGSCOPE_SLOTS_BLOCK - 1)] : 0;
}

/* The overflow blocks of a set whose overflow slots are contiguous (user space, tests). */
static inline void sigscope_walk_overflow(struct sigscope_walk *w, struct sigscope_delivery *b)
{
	w->b0 = b;
	w->b1 = b ? b + SIGSCOPE_SLOTS_BLOCK : 0;
	w->b2 = b ? b + 2 * SIGSCOPE_SLOTS_BLOCK : 0;
	w->b3 = b ? b + 3 * SIGSCOPE_SLOTS_BLOCK : 0;
}

/*
 * A new frame at [prune_frame, prune_top) was just written: a delivery whose own frame area it
 * overlaps was overwritten, so its handler can no longer return through it (it was left by
 * siglongjmp, or by swapcontext onto a sigaltstack the new frame reuses). A live nested handler's
 * frame is never overlapped: the new frame lies below that handler's own sp.
 */
#ifdef __bpf__
/* Global, not static: the verifier checks it once on its own, not once per block of every walk
 * in every program (which passed its 1M-instruction limit). Its arguments are plain memory. */
__attribute__((noinline)) int sigscope_walk_visit(struct sigscope_walk_acc *w,
						  struct sigscope_delivery *d, __u32 i,
						  const struct sigscope_regs *find_regs)
#else
static inline int sigscope_walk_visit(struct sigscope_walk_acc *w, struct sigscope_delivery *d,
				      __u32 i, const struct sigscope_regs *find_regs)
#endif
{
	if (!w || !d)
		return 1;
	if (!sigscope_slot_used(d)) {
		if (w->free_slot < 0)
			w->free_slot = (__s32)i;
		return 0;
	}
	if (w->prune_top && d->frame < w->prune_top && w->prune_frame < d->frame_top) {
		d->seq = 0;
		w->pruned++;
		if (w->free_slot < 0)
			w->free_slot = (__s32)i;
		return 0;
	}
	w->used++;
	if (w->find_frame && d->frame == w->find_frame && d->frame_kind == w->find_kind)
		w->found = (__s32)i;
	if (d->seq > w->newest_seq) {
		w->newest_seq = d->seq;
		w->newest = i;
	}
	if (d->frame_top <= w->below_sp && d->frame >= w->below_frame) {
		w->below_frame = d->frame;
		w->below = (__s32)i;
	}
	if (find_regs && w->found_ctx < 0 &&
	    !sigscope_ctx_differ(d->regs, find_regs->r, sigscope_kind_is_ia32(d->frame_kind)))
		w->found_ctx = (__s32)i;
	return 0;
}

/* The bpf_loop() steps, one per block size: a constant mask proves the index in bounds. */
static long sigscope_walk_step_inline(__u32 k, void *ctx)
{
	struct sigscope_walk *w = ctx;

	return sigscope_walk_visit(&w->acc, &w->cur[k & (SIGSCOPE_SLOTS_INLINE - 1)], w->base + k,
				   (const struct sigscope_regs *)w->find_regs) != 0;
}

static long sigscope_walk_step_block(__u32 k, void *ctx)
{
	struct sigscope_walk *w = ctx;

	return sigscope_walk_visit(&w->acc, &w->cur[k & (SIGSCOPE_SLOTS_BLOCK - 1)], w->base + k,
				   (const struct sigscope_regs *)w->find_regs) != 0;
}

/* One block of the set (n slots from index base); a block not allocated is skipped, and the
 * blocks after it are still walked. */
static __always_inline void sigscope_walk_block(struct sigscope_walk *w,
						struct sigscope_delivery *b, __u32 base, __u32 n)
{
	long (*step)(__u32, void *) =
	    n == SIGSCOPE_SLOTS_INLINE ? sigscope_walk_step_inline : sigscope_walk_step_block;

	if (!b)
		return;
	w->cur = b;
	w->base = base;
#ifdef __bpf__
	bpf_loop(n, step, w, 0);
#else
	for (__u32 k = 0; k < n; k++)
		if (step(k, w))
			break;
#endif
}

static inline void sigscope_walk(struct sigscope_walk *w)
{
	w->found = -1;
	w->free_slot = -1;
	w->pruned = 0;
	w->used = 0;
	w->found_ctx = -1;
	w->newest = 0;
	w->newest_seq = 0;
	w->below = -1;
	w->below_frame = 0;
	sigscope_walk_block(w, w->a, 0, SIGSCOPE_SLOTS_INLINE);
	sigscope_walk_block(w, w->b0, SIGSCOPE_SLOTS_INLINE, SIGSCOPE_SLOTS_BLOCK);
	sigscope_walk_block(w, w->b1, SIGSCOPE_SLOTS_INLINE + SIGSCOPE_SLOTS_BLOCK,
			    SIGSCOPE_SLOTS_BLOCK);
	sigscope_walk_block(w, w->b2, SIGSCOPE_SLOTS_INLINE + 2 * SIGSCOPE_SLOTS_BLOCK,
			    SIGSCOPE_SLOTS_BLOCK);
	sigscope_walk_block(w, w->b3, SIGSCOPE_SLOTS_INLINE + 3 * SIGSCOPE_SLOTS_BLOCK,
			    SIGSCOPE_SLOTS_BLOCK);
}

#endif /* SIGSCOPE_PAIRING_H */
