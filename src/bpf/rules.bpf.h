/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Detection, evaluated in the kernel at the hook so that --enforce can kill the task before it
 * returns to user mode: not one instruction of the restored context runs. The decisions are the
 * pure functions of src/shared/verdict.h (unit-tested); this file gathers their inputs, which
 * need the kernel: VMA lookups, instruction bytes, the task's signal state. Included by
 * sigreturn.bpf.h, after the base (sigscope.bpf.h) and the sigreturn helpers it uses. README
 * "Findings" and "Threat model" explain it.
 *
 * Trust: r[] are the registers the kernel applied (mode full) or the frame as read at entry
 * (modes enter, light: a racing thread can make them differ from what the kernel restores, which
 * only mode full detects). VMA lookups and code bytes describe memory at this moment.
 */
#ifndef SIGSCOPE_RULES_BPF_H
#define SIGSCOPE_RULES_BPF_H

#define VM_WRITE     0x2ULL
#define VM_EXEC	     0x4ULL
#define VM_GROWSDOWN 0x100ULL
#define SIGKILL	     9
#define ENOENT	     2
#define EBUSY	     16
/* bpf_find_vma only trylocks the mm: a writer (mprotect, mmap in another thread) makes it fail.
 * Retrying a few times gets through most short contention; what remains is decided by bounds
 * cached from earlier lookups, or fails closed (undecided_severity, the policy's knob). */
#define VMA_TRIES 64

/* Policy, fixed at load time: findings allowed everywhere, the enforcement threshold, and how an
 * undecidable check (mm lock held by another thread, nothing cached) ranks. */
const volatile __u32 findings_allowed = 0;
const volatile __u8 enforce_min_severity = SIGSCOPE_SEV_NONE;
const volatile __u8 undecided_severity = SIGSCOPE_SEV_HIGH;	    /* pivot: fail closed */
const volatile __u8 undecided_redirect_severity = SIGSCOPE_SEV_LOW; /* redirect: see README */

/* Policy: findings allowed per executable, keyed by the executable's inode. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct sigscope_exe_key);
	__type(value, __u32);
} allowed_exes SEC(".maps");

struct vma_probe {
	__u64 start;
	__u64 end;
	__u64 flags;
	__u32 has_file;
	__u32 pad;
};

static long vma_probe_cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx)
{
	struct vma_probe *p = ctx;

	p->start = vma->vm_start;
	p->end = vma->vm_end;
	p->flags = vma->vm_flags;
	p->has_file = vma->vm_file != NULL;
	return 0;
}

/* Where addr points in task's address space; cls SIGSCOPE_MEM_UNKNOWN when the lock stayed busy. */
static __always_inline void lookup_vma(struct task_struct *task, __u64 addr, __u64 vdso,
				       struct sigscope_vma_info *out)
{
	struct vma_probe p = {};
	long err = -EBUSY;

	__builtin_memset(out, 0, sizeof(*out));
	for (int i = 0; i < VMA_TRIES && err == -EBUSY; i++)
		err = bpf_find_vma(task, addr, vma_probe_cb, &p, 0);
	if (err == -ENOENT) {
		out->cls = SIGSCOPE_MEM_UNMAPPED;
		return;
	}
	if (err) {
		count(SIGSCOPE_CNT_VMA_BUSY);
		return;
	}
	out->start = p.start;
	out->end = p.end;
	out->growsdown = !!(p.flags & VM_GROWSDOWN);
	if (vdso && p.start == vdso)
		out->cls = SIGSCOPE_MEM_VDSO;
	else if (p.flags & VM_EXEC)
		out->cls = p.has_file ? SIGSCOPE_MEM_FILE_EXEC : SIGSCOPE_MEM_ANON_EXEC;
	else
		out->cls = (p.flags & VM_WRITE) ? SIGSCOPE_MEM_WRITABLE : SIGSCOPE_MEM_READONLY;
}

/*
 * Code mappings redirects went to, per process: a JVM's threads all redirect into one code cache,
 * so one thread's successful lookup answers another's when the mm lock is busy. Filled only from
 * lookups that succeeded; a range that was executable code a moment ago (JIT code, the Go binary).
 */
#define CODE_RANGES 16

struct code_ranges {
	struct sigscope_vma_info r[CODE_RANGES];
	__u32 next;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8192);
	__type(key, __u32); /* tgid */
	__type(value, struct code_ranges);
} code_ranges SEC(".maps");

/* An empty entry to insert (too large for the BPF stack). */
static const struct code_ranges no_ranges;

static __always_inline void code_ranges_add(__u32 tgid, const struct sigscope_vma_info *v)
{
	struct code_ranges *c = bpf_map_lookup_elem(&code_ranges, &tgid);

	if (!c) {
		bpf_map_update_elem(&code_ranges, &tgid, &no_ranges, BPF_NOEXIST);
		c = bpf_map_lookup_elem(&code_ranges, &tgid);
		if (!c)
			return;
	}
	for (int i = 0; i < CODE_RANGES; i++)
		if (c->r[i].start == v->start && c->r[i].end == v->end)
			return;
	c->r[c->next & (CODE_RANGES - 1)] = *v;
	c->next++;
}

static __always_inline bool code_ranges_find(__u32 tgid, __u64 addr, struct sigscope_vma_info *v)
{
	struct code_ranges *c = bpf_map_lookup_elem(&code_ranges, &tgid);

	if (!c)
		return false;
	for (int i = 0; i < CODE_RANGES; i++) {
		if (sigscope_in_vma(&c->r[i], addr)) {
			*v = c->r[i];
			return true;
		}
	}
	return false;
}

/*
 * The restored rip's VMA, for the redirect rule. When the lock stays busy: a code mapping of this
 * process that an earlier lookup found rip in; else undecided (the policy's `contended` rank).
 */
static __always_inline void rip_vma(struct task_struct *task, __u32 tgid, __u64 rip, __u64 vdso,
				    struct sigscope_vma_info *v, struct sigscope_verdict *vd)
{
	lookup_vma(task, rip, vdso, v);
	if (v->cls == SIGSCOPE_MEM_FILE_EXEC || v->cls == SIGSCOPE_MEM_ANON_EXEC) {
		code_ranges_add(tgid, v);
	} else if (v->cls == SIGSCOPE_MEM_UNKNOWN) {
		vd->contended = 1;
		if (code_ranges_find(tgid, rip, v))
			count(SIGSCOPE_CNT_VMA_CACHED);
		else
			count(SIGSCOPE_CNT_VMA_UNDECIDED);
	}
}

/* Is the call site a sigreturn stub? Read from the code itself (verdict.h). */
static __always_inline __u8 check_call_site(const struct sigscope_sigreturn_event *ev, __u64 vdso)
{
	__u8 b[9] = {};
	__u64 site = ev->call_site;
	bool matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;

	/* A genuine frame returned through the restorer the kernel itself pushed for it: nothing
	 * to prove (the common case: no read). A gadget registered as a restorer only matters for
	 * frames no delivery wrote, whose call site is read below. */
	if (matched && site - ev->delivery.restorer < 16)
		return SIGSCOPE_SITE_DELIVERED;
	if (bpf_probe_read_user(b, sizeof(b), (void *)(site - 7)) == 0) {
		if (!sigscope_is_sigreturn_stub(b, ev->syscall_nr))
			return SIGSCOPE_SITE_OTHER;
		if (SIGSCOPE_ABI_IS_IA32(ev->abi) && vdso && site - vdso < 8192)
			return SIGSCOPE_SITE_VDSO;
		return SIGSCOPE_SITE_STUB;
	}
	return SIGSCOPE_SITE_OTHER; /* unreadable code bytes prove nothing */
}

/* Is the restored rip at a syscall instruction with other syscall registers than were saved? */
static __always_inline bool syscall_rewritten(const struct sigscope_sigreturn_event *ev,
					      const __u64 *r, __u32 changed, bool ia32)
{
	const struct sigscope_delivery *d = &ev->delivery;
	__u64 rip = r[SIGSCOPE_REG_RIP];
	__u8 insn[2] = {};

	if (!(changed & sigscope_syscall_reg_mask(ia32)))
		return false;
	if (ia32)
		rip &= 0xffffffffULL;
	/* A restart the kernel set up leaves rip on the syscall instruction it will re-run. */
	if ((d->flags & SIGSCOPE_DLV_RESTARTED) && rip == d->regs[SIGSCOPE_REG_RIP])
		return true;
	return bpf_probe_read_user(insn, sizeof(insn), (void *)rip) == 0 &&
	       sigscope_is_syscall_insn(insn);
}

/* Stack pivot: rsp must stay on the stack the context left, or on the sigaltstack. */
static __always_inline void check_pivot(struct task_struct *task, struct thread_state *st,
					struct sigscope_sigreturn_event *ev, const __u64 *r,
					__u64 alt_sp, __u64 alt_size, __u64 vdso)
{
	struct sigscope_verdict *v = &ev->verdict;
	struct sigscope_vma_info none = {}, vma;
	__u64 rsp = r[SIGSCOPE_REG_RSP];
	int answer;

	if (SIGSCOPE_ABI_IS_IA32(ev->abi)) {
		rsp &= 0xffffffffULL;
		v->rsp_ref &= 0xffffffffULL;
	}
	answer =
	    sigscope_pivot_quick(rsp, v->rsp_ref, alt_sp, alt_size, st ? &st->stack_cache : &none);
	if (answer == SIGSCOPE_PIVOT_NO) {
		v->rsp_class = SIGSCOPE_MEM_STACK;
		return;
	}
	lookup_vma(task, rsp, vdso, &vma);
	v->rsp_vma_start = vma.start;
	v->rsp_vma_end = vma.end;
	if (vma.cls == SIGSCOPE_MEM_UNKNOWN) {
		/* Busy, and no earlier bounds hold both: undecidable. Fail closed by default. */
		v->contended = 1;
		count(SIGSCOPE_CNT_VMA_UNDECIDED);
		v->rsp_class = SIGSCOPE_MEM_UNKNOWN;
		sigscope_raise(v, SIGSCOPE_FINDING_STACK_PIVOT, undecided_severity);
		return;
	}
	if (sigscope_pivot_from_vma(&vma, v->rsp_ref) == SIGSCOPE_PIVOT_NO) {
		v->rsp_class = SIGSCOPE_MEM_STACK;
		if (st && sigscope_in_vma(&vma, v->rsp_ref))
			st->stack_cache = vma;
		return;
	}
	v->rsp_class = vma.cls;
	sigscope_raise(v, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
}

/*
 * A thread older than sigscope: may this unmatched frame be one that was live at attach? Sets
 * *ref to the stack pointer the pivot check compares with: the attach-time sp when the frame was
 * on that stack; the restored rsp itself when it was on the attach-time sigaltstack (the stack the
 * handler interrupted then was never seen: README "Threat model").
 */
static __always_inline bool excuse_preexisting(struct task_struct *task,
					       const struct sigscope_sigreturn_event *ev,
					       const __u64 *r, bool regs_known, __u64 *ref)
{
	struct sigscope_attach_state *a;
	__u64 rsp = r[SIGSCOPE_REG_RSP];

	if (!regs_known || !(ev->flags & SIGSCOPE_SR_PREDATES))
		return false;
	a = bpf_task_storage_get(&attach_states, task, 0, 0);
	if (!a)
		return false;
	if (SIGSCOPE_ABI_IS_IA32(ev->abi))
		rsp &= 0xffffffffULL;
	if (!sigscope_excusable(a, ev->ustack, rsp, ev->frame_kind, xstate_sigframe_size(task),
				cpu_fxsr))
		return false;
	sigscope_excuse_taken(a, ev->ustack, rsp);
	*ref = a->alt_size && sigscope_on_stack(ev->ustack, a->alt_sp, a->alt_size) ? rsp : a->sp;
	return true;
}

/*
 * Evaluate every rule on one sigreturn, apply the policy, and kill if the worst finding reaches the
 * --enforce threshold. Runs before the task returns to user mode.
 */
static __always_inline void evaluate_sigreturn(struct task_struct *task, struct thread_state *st,
					       struct sigscope_sigreturn_event *ev, const __u64 *r,
					       bool regs_known)
{
	struct sigscope_verdict *v = &ev->verdict;
	bool matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;
	bool ia32 = SIGSCOPE_ABI_IS_IA32(ev->abi);
	__u64 vdso = (__u64)task->mm->context.vdso;
	struct sigscope_exe_key key = {};
	struct sigscope_vma_info rv;
	__u64 excused_ref = 0;
	__u32 *allowed;

	__builtin_memset(v, 0, sizeof(*v));

	/* 1. forged frame: no outstanding delivery wrote a frame at this address */
	if (!matched) {
		if (excuse_preexisting(task, ev, r, regs_known, &excused_ref))
			sigscope_raise(v, SIGSCOPE_FINDING_PREEXISTING, SIGSCOPE_SEV_LOW);
		else
			sigscope_raise(v, SIGSCOPE_FINDING_FORGED_FRAME, SIGSCOPE_SEV_CRITICAL);
	}

	/* 2. call site: SROP enters through any `syscall` gadget, not through a sigreturn stub */
	v->call_site = (ev->flags & SIGSCOPE_SR_ENTRY_MISSED) ? SIGSCOPE_SITE_UNKNOWN /* no site */
							      : check_call_site(ev, vdso);
	if (v->call_site == SIGSCOPE_SITE_OTHER)
		sigscope_raise(v, SIGSCOPE_FINDING_WRONG_CALL_SITE, SIGSCOPE_SEV_HIGH);

	/* 3. tampered context: what the handler changed, and where a moved rip goes */
	if (matched && regs_known) {
		v->changed_mask = sigscope_regs_differ(ev->delivery.regs, r, ia32);
		if (v->changed_mask) {
			bool sys = syscall_rewritten(ev, r, v->changed_mask, ia32);

			if (v->changed_mask & (1u << SIGSCOPE_REG_RIP)) {
				__builtin_memset(&rv, 0, sizeof(rv));
				if (!sys)
					rip_vma(task, ev->hdr.ctx.host_pid, r[SIGSCOPE_REG_RIP],
						vdso, &rv, v);
				v->rip_class = rv.cls;
				v->rip_vma_start = rv.start;
				v->rip_vma_end = rv.end;
				v->pattern = sigscope_redirect_pattern(&ev->delivery, r, &rv, sys);
			} else {
				v->pattern = sys ? SIGSCOPE_PAT_SYSCALL_REWRITE : SIGSCOPE_PAT_REGS;
			}
			sigscope_raise(
			    v, SIGSCOPE_FINDING_TAMPERED,
			    sigscope_pattern_severity(v->pattern, undecided_redirect_severity));
		}
	}

	/* 4. stack pivot, against references captured before this sigreturn: the delivery's sp and
	 *    altstack, for an excused frame what was captured at attach, or for an unmatched frame
	 *    the sp and altstack at the sigreturn's entry */
	if (regs_known) {
		v->rsp_ref = matched	   ? ev->delivery.regs[SIGSCOPE_REG_RSP]
			     : excused_ref ? excused_ref
					   : ev->entry_sp;
		check_pivot(task, st, ev, r, matched ? ev->delivery.altstack_sp : ev->entry_alt_sp,
			    matched ? ev->delivery.altstack_size : ev->entry_alt_size, vdso);
	}

	/* 5. TOCTOU: the kernel restored something else than the frame we read at entry */
	if (ev->flags & SIGSCOPE_SR_MISMATCH)
		sigscope_raise(v, SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_HIGH);
	else if ((ev->flags & SIGSCOPE_SR_APPLIED) && !(ev->flags & SIGSCOPE_SR_FRAME_OK) &&
		 !(ev->flags & SIGSCOPE_SR_ENTRY_MISSED)) /* no entry read: nothing to compare */
		sigscope_raise(v, SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_LOW);

	/* 6. ABI switch: int $0x80 sigreturn from 64-bit code, or a restored cs of the other mode
	 */
	if (ev->abi == SIGSCOPE_ABI_IA32_FROM_64 ||
	    (regs_known && (r[SIGSCOPE_REG_CS] | 3) != (ev->entry_cs | 3)))
		sigscope_raise(v, SIGSCOPE_FINDING_ABI_SWITCH, SIGSCOPE_SEV_HIGH);

	/* Policy: allowed findings are reported as allowed and never enforced. */
	key.ino = ev->hdr.ctx.exe_ino;
	key.dev = task->mm->exe_file->f_inode->i_sb->s_dev;
	allowed = bpf_map_lookup_elem(&allowed_exes, &key);
	if (sigscope_verdict_finish(v, findings_allowed | (allowed ? *allowed : 0),
				    enforce_min_severity)) {
		bpf_send_signal(SIGKILL); /* pending before the return to user mode: nothing runs */
		v->enforced = 1;
		count(SIGSCOPE_CNT_KILLED);
	}
}

#endif /* SIGSCOPE_RULES_BPF_H */
