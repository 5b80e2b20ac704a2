/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Detection rules, evaluated in the kernel at the hook so that --enforce can kill the task before
 * it returns to user mode: not one instruction of the restored context runs. Included by
 * sigscope.bpf.c after its helpers. README "Findings" explains each rule and its evidence.
 *
 * Trust: r[] are the registers the kernel applied (mode full) or the frame as read at entry
 * (modes enter, light: then a racing thread can make them differ from what the kernel restores,
 * which only mode full detects). VMA lookups describe memory at this moment.
 */
#ifndef SIGSCOPE_RULES_BPF_H
#define SIGSCOPE_RULES_BPF_H

#define SA_RESTORER  0x04000000ULL
#define VM_WRITE     0x2ULL
#define VM_EXEC	     0x4ULL
#define VM_GROWSDOWN 0x100ULL
#define SIGKILL	     9
#define ENOENT	     2
/* glibc, musl and Go restorers are `mov $15, %rax; syscall`: the syscall is 7 bytes in. */
#define RESTORER_REACH 16
/* The ia32 restorers (__kernel_sigreturn, __kernel_rt_sigreturn) live in the vDSO's text. */
#define VDSO_REACH 8192
#define NSIG	   64

/* Policy, fixed at load time: findings allowed everywhere, and the enforcement threshold. */
const volatile __u32 findings_allowed = 0;
const volatile __u8 enforce_min_severity = SIGSCOPE_SEV_NONE;

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

/* Where addr points in task's address space. */
static __always_inline __u8 classify_addr(struct task_struct *task, __u64 addr, __u64 vdso,
					  struct vma_probe *p)
{
	long err;

	p->start = p->end = p->flags = 0;
	p->has_file = 0;
	err = bpf_find_vma(task, addr, vma_probe_cb, p, 0);
	if (err == -ENOENT)
		return SIGSCOPE_MEM_UNMAPPED;
	if (err) {
		count(SIGSCOPE_CNT_VMA_BUSY); /* mmap lock contended: say so, guess nothing */
		return SIGSCOPE_MEM_UNKNOWN;
	}
	if (vdso && p->start == vdso)
		return SIGSCOPE_MEM_VDSO;
	if (p->flags & VM_EXEC)
		return p->has_file ? SIGSCOPE_MEM_FILE_EXEC : SIGSCOPE_MEM_ANON_EXEC;
	return (p->flags & VM_WRITE) ? SIGSCOPE_MEM_WRITABLE : SIGSCOPE_MEM_READONLY;
}

/* Was the syscall issued from a restorer: the delivery's, any registered one, or the vDSO's? */
static __always_inline __u8 check_call_site(struct task_struct *task,
					    const struct sigscope_sigreturn_event *ev, __u64 vdso)
{
	__u64 site = ev->call_site;
	struct sighand_struct *sighand;

	if (ev->match_status == SIGSCOPE_MATCH_MATCHED && (ev->delivery.sa_flags & SA_RESTORER) &&
	    site - ev->delivery.restorer < RESTORER_REACH)
		return SIGSCOPE_SITE_DELIVERED;
	if (ev->abi != SIGSCOPE_ABI_X86_64 && vdso && site - vdso < VDSO_REACH)
		return SIGSCOPE_SITE_VDSO;
	sighand = BPF_CORE_READ(task, sighand);
	for (int i = 0; i < NSIG; i++) {
		struct k_sigaction *ka = &sighand->action[i];
		__u64 flags = 0, restorer = 0;

		bpf_core_read(&flags, sizeof(flags), &ka->sa.sa_flags);
		bpf_core_read(&restorer, sizeof(restorer), &ka->sa.sa_restorer);
		if ((flags & SA_RESTORER) && site - restorer < RESTORER_REACH)
			return SIGSCOPE_SITE_REGISTERED;
	}
	return SIGSCOPE_SITE_OTHER;
}

/*
 * A thread that started before sigscope may have been inside handlers when tracing began: their
 * sigreturns have no delivery to match. They are excused (finding PREEXISTING, low), not called
 * forged, but only while they look like the unwinding of frames that already existed: at most
 * NEST_MAX of them per thread, each frame below the stack pointer it restores, and each above the
 * context the previous excused one restored (outer handlers' frames lie higher). The other rules
 * (call site, pivot, ABI, TOCTOU) still apply to them.
 */
static __always_inline bool excuse_preexisting(struct thread_state *st,
					       const struct sigscope_sigreturn_event *ev,
					       const __u64 *r, bool regs_known)
{
	__u64 rsp = r[SIGSCOPE_REG_RSP];

	if (!st || !regs_known || !(ev->flags & SIGSCOPE_SR_PREDATES))
		return false;
	if (st->grace_used >= SIGSCOPE_NEST_MAX || ev->ustack >= rsp ||
	    ev->ustack <= st->grace_floor)
		return false;
	st->grace_used++;
	st->grace_floor = rsp;
	return true;
}

#define RAISE(v, finding, sev)                                                                     \
	do {                                                                                       \
		(v)->findings |= 1u << (finding);                                                  \
		(v)->severity[finding] = (sev);                                                    \
	} while (0)

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
	bool ia32 = ev->abi != SIGSCOPE_ABI_X86_64;
	__u64 vdso = (__u64)BPF_CORE_READ(task, mm, context.vdso);
	struct vma_probe p, ref;
	struct sigscope_exe_key key = {};
	__u32 *allowed;
	__u8 worst = SIGSCOPE_SEV_NONE;

	__builtin_memset(v, 0, sizeof(*v));

	/* 1. forged frame: nothing this thread was delivered wrote it */
	if (!matched) {
		if (excuse_preexisting(st, ev, r, regs_known))
			RAISE(v, SIGSCOPE_FINDING_PREEXISTING, SIGSCOPE_SEV_LOW);
		else
			RAISE(v, SIGSCOPE_FINDING_FORGED_FRAME, SIGSCOPE_SEV_CRITICAL);
	}

	/* 2. call site: SROP enters through any `syscall` gadget, not through the restorer */
	v->call_site = check_call_site(task, ev, vdso);
	if (v->call_site == SIGSCOPE_SITE_OTHER)
		RAISE(v, SIGSCOPE_FINDING_WRONG_CALL_SITE, SIGSCOPE_SEV_HIGH);

	/* 3. tampered context: where does a moved rip go? Runtimes move it to their own code. */
	if (matched && regs_known) {
		v->changed_mask = regs_differ_mask(ev->delivery.regs, r, ia32);
		if (v->changed_mask & (1u << SIGSCOPE_REG_RIP)) {
			__u8 cls = classify_addr(task, r[SIGSCOPE_REG_RIP], vdso, &p);

			v->rip_class = cls;
			v->rip_vma_start = p.start;
			v->rip_vma_end = p.end;
			/* Unknown (mm lock contended) ranks as executable memory: the JVM's
			 * redirects meet a busy lock up to a fifth of the time (benign corpus), and
			 * injected code is anonymous executable memory, low, either way. */
			if (cls == SIGSCOPE_MEM_FILE_EXEC || cls == SIGSCOPE_MEM_ANON_EXEC ||
			    cls == SIGSCOPE_MEM_VDSO || cls == SIGSCOPE_MEM_UNKNOWN)
				RAISE(v, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_LOW);
			else
				RAISE(v, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_HIGH);
		} else if (v->changed_mask) {
			RAISE(v, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_INFO);
		}
	}

	/* 4. stack pivot: the restored rsp must stay on the stack it was interrupted on, or on the
	 *    sigaltstack; for an unmatched frame, on the stack the sigreturn was issued from. */
	if (regs_known) {
		__u64 rsp = r[SIGSCOPE_REG_RSP];
		__u64 alt_sp = matched ? ev->delivery.altstack_sp : BPF_CORE_READ(task, sas_ss_sp);
		__u64 alt_sz =
		    matched ? ev->delivery.altstack_size : BPF_CORE_READ(task, sas_ss_size);

		v->rsp_ref = matched ? ev->delivery.regs[SIGSCOPE_REG_RSP] : ev->entry_sp;
		if (ia32) {
			rsp &= 0xffffffffULL;
			v->rsp_ref &= 0xffffffffULL;
		}
		if (rsp == v->rsp_ref || (alt_sz && on_stack(rsp, alt_sp, alt_sz))) {
			v->rsp_class = SIGSCOPE_MEM_STACK;
		} else {
			__u8 cls = classify_addr(task, rsp, vdso, &p);
			__u8 ref_cls = classify_addr(task, v->rsp_ref, vdso, &ref);
			__u64 dist = rsp > v->rsp_ref ? rsp - v->rsp_ref : v->rsp_ref - rsp;

			v->rsp_vma_start = p.start;
			v->rsp_vma_end = p.end;
			v->ref_vma_start = ref.start;
			if (cls == SIGSCOPE_MEM_UNKNOWN || ref_cls == SIGSCOPE_MEM_UNKNOWN) {
				v->rsp_class = cls;
				if (dist > SAME_STACK_REACH) /* no VMA to compare: distance only */
					RAISE(v, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
			} else if (cls != SIGSCOPE_MEM_UNMAPPED &&
				   (p.start == ref.start || (p.flags & VM_GROWSDOWN))) {
				v->rsp_class = SIGSCOPE_MEM_STACK;
			} else {
				v->rsp_class = cls;
				RAISE(v, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
			}
		}
	}

	/* 5. TOCTOU: the kernel restored something else than the frame we read at entry */
	if (ev->flags & SIGSCOPE_SR_MISMATCH)
		RAISE(v, SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_HIGH);
	else if ((ev->flags & SIGSCOPE_SR_APPLIED) && !(ev->flags & SIGSCOPE_SR_FRAME_OK))
		RAISE(v, SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_LOW);

	/* 6. ABI switch: int $0x80 sigreturn from 64-bit code, or a restored cs of the other mode
	 */
	if (ev->abi == SIGSCOPE_ABI_IA32_FROM_64 ||
	    (regs_known && (r[SIGSCOPE_REG_CS] | 3) != (ev->entry_cs | 3)))
		RAISE(v, SIGSCOPE_FINDING_ABI_SWITCH, SIGSCOPE_SEV_HIGH);

	/* Policy: allowed findings are reported as allowed and never enforced. */
	key.ino = ev->ctx.exe_ino;
	key.dev = BPF_CORE_READ(task, mm, exe_file, f_inode, i_sb, s_dev);
	allowed = bpf_map_lookup_elem(&allowed_exes, &key);
	v->allowed = v->findings & (findings_allowed | (allowed ? *allowed : 0));
	v->findings &= ~v->allowed;
#pragma unroll
	for (int i = 0; i < SIGSCOPE_FINDING_MAX; i++) {
		if ((v->findings & (1u << i)) &&
		    (worst == SIGSCOPE_SEV_NONE || v->severity[i] > worst))
			worst = v->severity[i];
	}
	v->max_severity = worst;
	if (worst != SIGSCOPE_SEV_NONE && worst >= enforce_min_severity) {
		bpf_send_signal(SIGKILL); /* pending before the return to user mode: nothing runs */
		v->enforced = 1;
		count(SIGSCOPE_CNT_KILLED);
	}
}

#endif /* SIGSCOPE_RULES_BPF_H */
