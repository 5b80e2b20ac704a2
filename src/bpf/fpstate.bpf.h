/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The FP/xstate area of x86_64 frames (src/shared/fpstate.h): the baseline taken as the kernel
 * wrote it, before the handler runs (tp_btf/x86_fpu_regs_activated), and the check at the
 * sigreturn that the area the kernel will restore from is that one, unchanged.
 */
#ifndef SIGSCOPE_FPSTATE_BPF_H
#define SIGSCOPE_FPSTATE_BPF_H

#include "sigscope.bpf.h"
#include "pairing.bpf.h"
#include "shared/fpstate.h"

/*
 * The newest handler delivery's area, whole, per thread that takes handlers, and the area as it
 * is at the sigreturn, read back whole: one task-storage element (per thread, not per CPU: see
 * thread_state's scratch) of 7.1 KiB, under the 8 KiB that 7.3.4's non-sleeping allocator takes
 * (docs/kernels.md). Both hold 0 from the area's end to the end of its 64-byte block, so the
 * comparison goes a block at a time.
 */
struct fp_bytes {
	__u8 b[SIGSCOPE_FP_MAX] __attribute__((aligned(8)));
};

struct fp_baseline {
	__u32 seq;  /* the delivery whose area kept holds; 0: none */
	__u32 slot; /* its slot in the thread's set, when it was taken */
	__u64 area; /* where the kernel wrote it (uc_mcontext.fpstate) */
	struct fp_bytes kept;
	struct fp_bytes now; /* the area read at the sigreturn */
	/* Off the stack, which the sigreturn programs have none of to spare (6.1: 512 in all). */
	__u64 ptr;			      /* the frame's fpstate pointer */
	struct sigscope_attach_frame_key key; /* the snapshot's frame */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct fp_baseline);
} fp_baselines SEC(".maps");

#define FP_WORDS     (SIGSCOPE_FP_MAX / 8)
#define FP_KEY_WORDS 512 /* a power of two at least FP_WORDS: an index masked into bounds */
#define FP_FROM_WORD (SIGSCOPE_FP_FROM / 8)
#define FP_BLOCK     64 /* bytes compared a turn */
#define FP_BLOCKS    (SIGSCOPE_FP_MAX / FP_BLOCK)

/* NH's key (fpstate.h), one word per 8 bytes of the area: getrandom() at start, never shown. */
const volatile __u64 fp_key[FP_KEY_WORDS];

/* Word i of a buffer of n words (0 past its end: the callers stop before). */
static __always_inline __u64 fp_word(const __u8 *buf, __u64 i, __u64 n)
{
	asm volatile("" : "+r"(i)); /* bounded on the register that indexes */
	if (i >= n)
		return 0;
	return *(const __u64 *)(buf + (i << 3));
}

static __always_inline __u64 fp_nh_at(__u64 word, __u64 i)
{
	return sigscope_fp_nh(word, fp_key[i & (FP_KEY_WORDS - 1)]);
}

/* 0 from byte len of buf (len a multiple of 4) to the end of its block; then len bytes are read
 * over it. */
static __always_inline void fp_zero_tail(__u8 *buf, __u64 len)
{
	for (__u32 k = 0; k < FP_BLOCK / 8; k++) {
		__u64 w = (len >> 3) + k;

		asm volatile("" : "+r"(w));
		if (w >= FP_WORDS || (k && !(w & (FP_BLOCK / 8 - 1))))
			break;
		*(__u64 *)(buf + w * 8) = 0;
	}
}

/* NH of the judged words of an area (len bytes): a displaced delivery's baseline, or the area
 * at its sigreturn. Global: verified once, not on every path of the program that calls it. */
__attribute__((noinline)) __u32 fp_area_hash(const struct fp_bytes *a, __u32 len, int allow)
{
	__u64 sum = 0;

	if (!a)
		return 0;
	sum = fp_nh_at(*(const __u64 *)a->b & sigscope_fp_word0_hashed(allow), 0) +
	      fp_nh_at(*(const __u64 *)(a->b + 24) & sigscope_fp_word3_hashed(allow), 3);
	for (__u32 i = FP_FROM_WORD; i < FP_WORDS; i++) {
		if (i * 8 >= len)
			break;
		sum += fp_nh_at(fp_word(a->b, i, FP_WORDS), i);
	}
	return sigscope_fp_fold(sum);
}

/*
 * The x87 and SSE registers of the kept area (bytes 32 to 416: st0-7, xmm0-15) against the
 * kernel's own copy, for a thread that left the CPU between its delivery and the keeping: the
 * kernel saved its live registers then (switch_fpu_prepare; they were still the user's: the
 * frame's copy is XSAVEd from them, and only fpu__clear_user_states() resets them), so a task
 * that rewrote the area while the frame's writing slept (a userfaultfd page below it: red team
 * round 20, srop_fp_uffd_stall) shows here. A component the kernel's header marks in its initial
 * state was not written there: zeros. Returns 1 when they agree. (Comparing the st slots'
 * reserved bytes too, 7.3.4's guests, preempted while a frame was written, failed 6 of 45
 * correct runs closed: most likely those bytes, which QEMU's XSAVE leaves as they were.)
 */
static __always_inline int fp_kept_is_kernels(struct fpu *fpu, struct fp_baseline *fb)
{
	struct fpstate *fps = BPF_CORE_READ(fpu, fpstate);
	const __u64 *kept = (const __u64 *)fb->kept.b;
	__u64 xfeatures = 3, diff = 0, kern[8];

	if (!fps)
		return 0;
	if (cpu_xsave &&
	    bpf_probe_read_kernel(&xfeatures, sizeof(xfeatures), &fps->regs.xsave.header.xfeatures))
		return 0;
	/* The control words too (red team round 24: MXCSR's rounding rewritten during the sleep,
	 * srop_fp_uffd_mxcsr); a component in its initial state holds the initial ones. */
	if (bpf_probe_read_kernel(kern, 32, &fps->regs))
		return 0;
	diff = ((xfeatures & 1 ? kern[0] : SIGSCOPE_FP_WORD0_INIT) ^ kept[0]) &
	       SIGSCOPE_FP_WORD0_JUDGED;
	diff |= ((xfeatures & 6 ? kern[3] : SIGSCOPE_FP_WORD3_INIT) ^ kept[3]) &
		SIGSCOPE_FP_WORD3_JUDGED;
	/* Eight words a read, on the stack: no scratch to allocate here, where the kernel
	 * cannot sleep (an element it could not find a page for would fail a correct
	 * return). */
#pragma clang loop unroll(full)
	for (__u32 b = 0; b < 6; b++) {
		if (bpf_probe_read_kernel(kern, sizeof(kern), (__u8 *)&fps->regs + 32 + b * 64))
			return 0;
#pragma clang loop unroll(full)
		for (__u32 k = 0; k < 8; k++) {
			__u32 w = 4 + b * 8 + k; /* st0-7: words 4-19; xmm0-15: 20-51 */
			__u64 want = (xfeatures & (w < 20 ? 1 : 2)) ? kern[k] : 0;
			/* An st register is 10 bytes of its 16-byte slot: the other 6 are reserved,
			 * left as they were by some XSAVEs (QEMU's), so the two copies differ
			 * there. */
			__u64 data = (w < 20 && (w & 1)) ? 0xffffULL : ~0ULL;

			diff |= (want ^ kept[w]) & data;
			asm volatile("" : "+r"(diff));
		}
	}
	return diff == 0;
}

/*
 * Once signal_deliver asked for it (thread_state.fp_wanted), the first activation of the thread's
 * FPU registers that finds its user registers at the handler's entry on the new frame: the frame
 * is written (x64_setup_rt_frame() sets them last; the activation inside
 * copy_fpstate_to_sigframe(), before the area is written, still finds the interrupted ones) and
 * the handler has not run (fpu__clear_user_states() activates them on the way out). Only tasks
 * that share this memory can write the area in between: a sibling thread that already runs the
 * attacker's code (README "Threat model").
 */
SEC("tp_btf/x86_fpu_regs_activated")
int BPF_PROG(fpu_regs_activated, struct fpu *fpu)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct thread_state *st = bpf_task_storage_get(&thread_states, task, 0, 0);
	struct pt_regs *regs;
	struct sigscope_delivery *d, *old;
	struct fp_baseline *fb;
	struct sigscope_walk w;
	__u64 area, len;

	if (!st)
		return 0;
	st->rseq_window = 0; /* the frame's setup is past its rseq fix-up (signal.bpf.h) */
	if (!st->fp_wanted)
		return 0;
	thread_slots(task, st, &w, false);
	d = sigscope_walk_slot(&w, st->newest_slot);
	if (!d || d->seq != st->fp_wanted) {
		st->fp_wanted = 0; /* gone already (pruned): nothing to keep */
		return 0;
	}
	regs = (struct pt_regs *)bpf_task_pt_regs(task);
	if (regs->ip != d->handler || regs->sp != d->frame)
		return 0; /* not written yet */
	st->fp_wanted = 0;
	fb = bpf_task_storage_get(&fp_baselines, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!fb) {
		count(SIGSCOPE_CNT_FP_UNKEPT); /* no baseline: its sigreturn fails closed */
		return 0;
	}
	/* A delivery still outstanding keeps its area as a hash from now on (nesting). */
	if (fb->seq) {
		old = sigscope_walk_slot(&w, fb->slot);
		if (old && old->seq == fb->seq && (old->flags & SIGSCOPE_DLV_FP_KEPT)) {
			const __u64 *kept = (const __u64 *)fb->kept.b;

			old->fp_hash =
			    fp_area_hash(&fb->kept, sigscope_fp_len(old->xstate_size),
					 sigscope_fp_allowance(old->sig, old->flags, old->si_code));
			old->fp_x87_allowed = (__u32)(kept[0] & SIGSCOPE_FP_WORD0_ALLOWED);
			old->fp_mxcsr_allowed = (__u16)(kept[3] & SIGSCOPE_FP_WORD3_ALLOWED);
			old->flags |= SIGSCOPE_DLV_FP_HASHED;
		}
		fb->seq = 0;
	}
	len = sigscope_fp_len(d->xstate_size);
	area = sigscope_fp_area(d->frame_top, d->xstate_size);
	asm volatile("" : "+r"(len)); /* the bounds below on the register the read gets */
	if (len < SIGSCOPE_FP_FROM || len > SIGSCOPE_FP_MAX) {
		count(SIGSCOPE_CNT_FP_UNKEPT);
		return 0;
	}
	fp_zero_tail(fb->kept.b, len);
	if (bpf_probe_read_user(fb->kept.b, len, (void *)area)) {
		count(SIGSCOPE_CNT_FP_UNKEPT);
		return 0;
	}
	/* Slept on the way (a fault in the frame's writing): the kernel's copy decides. */
	if (task->nvcsw + task->nivcsw != st->fp_switches && !fp_kept_is_kernels(fpu, fb)) {
		count(SIGSCOPE_CNT_FP_UNKEPT); /* its sigreturn fails closed */
		return 0;
	}
	fb->seq = d->seq;
	fb->slot = st->newest_slot;
	fb->area = area;
	d->flags |= SIGSCOPE_DLV_FP_KEPT;
	return 0;
}

/* fp_area_changed's answer when the area or the frame's pointer is not in memory now. */
#define FP_UNREAD 2

/* The frame's fpstate pointer into fb->ptr, as the entry read the frame or, at the exit, as it is
 * now; nonzero: unreadable. */
static __always_inline int fp_frame_pointer(struct sigscope_sigreturn_event *ev, int at_exit,
					    struct fp_baseline *fb)
{
	if ((ev->flags & SIGSCOPE_SR_FRAME_OK) && !at_exit) {
		fb->ptr = sigscope_ld64(ev->frame, RT64_MCONTEXT + SC64_FPSTATE);
		return 0;
	}
	return bpf_probe_read_user(&fb->ptr, sizeof(fb->ptr),
				   (void *)(ev->ustack + RT64_MCONTEXT + SC64_FPSTATE));
}

/*
 * The area at area (len bytes) now, read whole into fb->now: compared with fb->kept (whole: the
 * control words with a SIGFPE handler's allowance, the rest block by block), or hashed as the
 * kept area is (!whole: fp_area_hash, against hash; with allow, the allowance's bits against
 * their old values that d kept). Returns 0 (the same), 1 (changed) or FP_UNREAD.
 */
static __always_inline int fp_area_scan(struct fp_baseline *fb, __u64 area, __u64 len, bool whole,
					__u32 hash, const struct sigscope_delivery *d, int allow)
{
	const __u64 *kept = (const __u64 *)fb->kept.b, *now = (const __u64 *)fb->now.b;
	__u64 acc;

	fp_zero_tail(fb->now.b, len);
	asm volatile("" : "+r"(len)); /* clang would clamp a copy and pass the original */
	if (len > SIGSCOPE_FP_MAX)
		return 1;
	if (bpf_probe_read_user(fb->now.b, len, (void *)area))
		return FP_UNREAD;
	if (!whole)
		return fp_area_hash(&fb->now, len, allow) != hash ||
		       (allow && d &&
			!sigscope_fp_controls_ok(
			    d->fp_x87_allowed, now[0] & SIGSCOPE_FP_WORD0_ALLOWED,
			    d->fp_mxcsr_allowed, now[3] & SIGSCOPE_FP_WORD3_ALLOWED, allow));

	/* A block a turn, unrolled, the control words judged below; the barrier keeps one
	 * accumulator (clang would keep every xor live at once and spill them to the stack). */
	acc = 0;
#pragma clang loop unroll(full)
	for (__u32 k = FP_FROM_WORD; k < FP_BLOCK / 8; k++) {
		acc |= now[k] ^ kept[k];
		asm volatile("" : "+r"(acc));
	}
	for (__u32 b = 1; b < FP_BLOCKS; b++) {
		if (b * FP_BLOCK >= len)
			break;
#pragma clang loop unroll(full)
		for (__u32 k = 0; k < FP_BLOCK / 8; k++) {
			acc |= now[b * 8 + k] ^ kept[b * 8 + k];
			asm volatile("" : "+r"(acc));
		}
	}
	return acc || !sigscope_fp_controls_ok(kept[0], now[0], kept[3], now[3], allow);
}

/*
 * An unmatched sigreturn through a frame the attach-time snapshot recorded (verdict.h): its FP
 * area must be the one the frame had then, with the same bytes (the hash user space took,
 * src/driver/snapshot.c). A frame not recorded is not judged here (forged, or excused by its
 * place alone). Red team round 20, a_attach_fp: xmm0 rewritten in a frame live at a -p attach.
 */
static __always_inline int fp_snapshot_changed(struct sigscope_sigreturn_event *ev, int at_exit,
					       struct task_struct *task)
{
	struct fp_baseline *fb =
	    bpf_task_storage_get(&fp_baselines, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	struct sigscope_attach_frame *f;
	__u64 len;

	if (!fb)
		return 0; /* nothing to look it up with: the excuse's registers are still judged */
	fb->key.tid = task->pid;
	fb->key.pad = 0;
	fb->key.frame = ev->ustack;
	f = bpf_map_lookup_elem(&attach_frames, &fb->key);
	if (!f)
		return 0;
	if (fp_frame_pointer(ev, at_exit, fb))
		return FP_UNREAD;
	len = f->fp_len;
	asm volatile("" : "+r"(len));
	if (fb->ptr != f->fp_area || len < SIGSCOPE_FP_FROM || len > SIGSCOPE_FP_MAX)
		return 1;
	return fp_area_scan(fb, fb->ptr, len, false, f->fp_hash, NULL, 0);
}

/*
 * Is the FP area a matched x86_64 sigreturn restores other than what the kernel wrote at its
 * delivery? Compared where the kernel will read it now: the frame's fpstate pointer must be the
 * delivery's area, and its bytes those kept (the control words with a SIGFPE handler's
 * allowance), or of the kept hash. No baseline (it could not be kept): changed, fail closed.
 * Returns 0 (the same), 1 (changed) or FP_UNREAD: the frame's pointer or the area is not in
 * memory now (a page the kernel would fault back in: mode full looks at the exit, where it has,
 * and the other modes fail closed). at_exit: once more at the sigreturn's exit (mode full, the
 * trampolines), the pointer read again from the frame, since the kernel restored after the
 * entry's look. A sibling that writes twice, the original back before this read, still wins (as
 * for an ia32 frame's ds and es). Global: verified once, with a stack of its own.
 */
__attribute__((noinline)) int fp_area_changed(struct sigscope_sigreturn_event *ev, int at_exit)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct sigscope_delivery *d;
	struct fp_baseline *fb;
	__u64 area, len;
	bool whole;

	if (!ev || ev->frame_kind != SIGSCOPE_FRAME_RT64)
		return 0;
	if (ev->match_status != SIGSCOPE_MATCH_MATCHED)
		return (ev->flags & SIGSCOPE_SR_PREDATES) ? fp_snapshot_changed(ev, at_exit, task)
							  : 0;
	d = &ev->delivery;
	if (!(d->flags & SIGSCOPE_DLV_FP_KEPT))
		return 1;
	fb = bpf_task_storage_get(&fp_baselines, task, 0, 0);
	if (!fb)
		return 1;
	area = sigscope_fp_area(d->frame_top, d->xstate_size);
	if (fp_frame_pointer(ev, at_exit, fb))
		return FP_UNREAD;
	if (fb->ptr != area)
		return 1;
	whole = fb->seq == d->seq && fb->area == area;
	if (!whole && !(d->flags & SIGSCOPE_DLV_FP_HASHED))
		return 1;
	len = sigscope_fp_len(d->xstate_size);
	asm volatile("" : "+r"(len)); /* bounded on the register the reads get */
	if (len < SIGSCOPE_FP_FROM || len > SIGSCOPE_FP_MAX)
		return 1;
	/* Kept until the next delivery's: the exit looks again (a sibling's rewrite between the
	 * entry's read and the kernel's; red team round 19, srop_fp_toctou). */
	return fp_area_scan(fb, area, len, whole, d->fp_hash, d,
			    sigscope_fp_allowance(d->sig, d->flags, d->si_code));
}

#endif /* SIGSCOPE_FPSTATE_BPF_H */
