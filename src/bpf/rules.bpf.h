/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Detection, evaluated in the kernel at the hook so that --enforce can kill the task before it
 * returns to user mode: not one instruction of the restored context runs. The decisions are the
 * pure functions of src/shared/verdict.h (unit-tested); this file gathers their inputs, which
 * need the kernel: VMA lookups, instruction bytes, the task's signal state. Included after the
 * base, the architecture and pairing, before the sigreturn hooks that call it (sigscope.bpf.c).
 * README "Findings" and "Threat model" explain it.
 *
 * Trust: r[] are the registers the kernel applied (mode full) or the frame as read at entry
 * (modes enter, light: a racing thread can make them differ from what the kernel restores, which
 * only mode full detects). VMA lookups and code bytes describe memory at this moment.
 */
#ifndef SIGSCOPE_RULES_BPF_H
#define SIGSCOPE_RULES_BPF_H

#include "sigscope.bpf.h"
#include "arch.bpf.h"
#include "pairing.bpf.h"
#include "vma.bpf.h"

#define SIGKILL 9

/* Policy, fixed at load time: findings allowed everywhere, the enforcement threshold, and how a
 * check no VMA lookup answered ranks (vma.bpf.h). */
const volatile __u32 findings_allowed = 0;
const volatile __u8 enforce_min_severity = SIGSCOPE_SEV_NONE;
const volatile __u8 undecided_severity = SIGSCOPE_SEV_HIGH;	     /* pivot: fail closed */
const volatile __u8 undecided_redirect_severity = SIGSCOPE_SEV_HIGH; /* redirect: fail closed */

/* Policy: findings allowed per executable, keyed by the executable's inode and mtime (user space
 * holds each open: src/rules/apply.c). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct sigscope_exe_key);
	__type(value, __u32);
} allowed_exes SEC(".maps");

/* Runtime profiles of modules, by file (SIGSCOPE_PROFILE_*), and the function entries their
 * handlers inject calls to: written by user space (src/rules/profiles.c) when it reads a module.
 * Pruned by user space of the files no process maps once 3/4 of the modules are held or a map
 * refuses an entry (profiles_prune: any user could fill them in seconds, red team round 32); a
 * module that does not fit even then is counted in the summary ("modules not read") and its
 * redirects fail closed. 32,768 modules (about 2 MiB preallocated); runtimes' entries are few
 * (Go 5, Mono 3, SBCL 2, qemu and Wine 1, most modules none): 65,536, allocated as used. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 32768);
	__type(key, struct sigscope_exe_key);
	__type(value, __u32);
} module_profiles SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct sigscope_target_key);
	__type(value, __u32);
} inject_targets SEC(".maps");

/* The mtime each file's profile was last written for, by file (the key's mtime 0): written by
 * user space with the profile (profiles.c profile_add). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 32768);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct sigscope_exe_key);
	__type(value, __u32);
} module_read_at SEC(".maps");

/* Executables to read: sched_process_exec asks user space for each one it has no profile of. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} module_requests SEC(".maps");

/* A file's module key, as user space builds it from fstat (profiles.c module_key). */
static __always_inline void module_key_of(struct inode *inode, struct sigscope_exe_key *key)
{
	key->ino = inode->i_ino;
	key->dev = inode->i_sb->s_dev;
	key->mtime = inode_mtime(inode);
}

/* module_profiles' bits for a module, 0 when it has none. */
static __always_inline __u32 module_profile(const struct sigscope_exe_key *key)
{
	__u32 *prof = bpf_map_lookup_elem(&module_profiles, key);

	return prof ? *prof : 0;
}

/*
 * module_profile for judging: a file whose mtime moved since user space read it is looked up by
 * the mtime it was read at, and key->mtime becomes that one, for the target lookups that follow.
 * A metadata-only change (touch -m on a running binary, red team round 32: its Go preemptions
 * undecided, and killed) changes nothing it runs. Content rewritten in place sets the mtime too,
 * but a running executable cannot be written, and whoever can rewrite a mapped library in place
 * runs their code in the process without a sigreturn; the next exec of the file reads it again
 * (request_profile asks by the exact key).
 */
static __always_inline __u32 module_profile_judged(struct sigscope_exe_key *key)
{
	__u32 prof = module_profile(key), now = key->mtime, *read_at;

	if (prof)
		return prof;
	key->mtime = 0;
	read_at = bpf_map_lookup_elem(&module_read_at, key);
	key->mtime = read_at ? *read_at : now;
	return read_at ? module_profile(key) : 0;
}

/*
 * The VMA of a code address (a restored rip, a handler); *contended set when the mm lock was busy
 * (the walk answered, or nothing did: cls UNKNOWN, undecided). Inlined: one more call frame
 * under the exit program's would pass the verifier's 512-byte limit on a call chain's stack.
 */
static __always_inline int sigscope_code_vma(__u64 rip, struct sigscope_vma_info *v,
					     __u8 *contended)
{
	if (!v || !contended)
		return 0;
	if (sigscope_lookup_vma(rip, v))
		*contended = 1;
	if (v->cls == SIGSCOPE_MEM_UNKNOWN)
		count(SIGSCOPE_CNT_VMA_UNDECIDED);
	return 0;
}

/* The runtime profile of the task's executable (judge.h sigscope_runtime): lock-free. */
static __always_inline __u32 exe_profile_of(struct task_struct *task, struct sigscope_exe_key *key)
{
	module_key_of(task->mm->exe_file->f_inode, key);
	return module_profile_judged(key);
}

/* Within the range where exec mapped the executable's code (mm->start_code, end_code: set by
 * the ELF loader, moved by nothing since)? */
static __always_inline bool in_exe_text(struct task_struct *task, __u64 addr)
{
	struct mm_struct *mm = task->mm;

	return mm && addr >= mm->start_code && addr < mm->end_code;
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
	/* Unreadable code bytes prove nothing: judged as a syscall site (fail closed), since a
	 * process can drop its own code page from the page tables just before (red team A4). */
	return bpf_probe_read_user(insn, sizeof(insn), (void *)rip) != 0 ||
	       sigscope_is_syscall_insn(insn);
}

/* No cached bounds (a thread without state): read-only data, not 48 bytes of a tight stack. */
static const struct sigscope_vma_info no_vma;

/* Stack pivot: rsp must stay on the stack the context left, or on the sigaltstack. Returns
 * SIGSCOPE_PIVOT_NO, _YES or _UNDECIDED, and fills the verdict's rsp fields. */
static __always_inline __u8 check_pivot(struct task_struct *task, struct thread_state *st,
					struct sigscope_sigreturn_event *ev, const __u64 *r,
					__u64 alt_sp, __u64 alt_size)
{
	struct sigscope_verdict *v = &ev->verdict;
	struct sigscope_vma_info vma = {};
	__u64 rsp = r[SIGSCOPE_REG_RSP];
	int answer;

	if (SIGSCOPE_ABI_IS_IA32(ev->abi)) {
		rsp &= 0xffffffffULL;
		v->rsp_ref &= 0xffffffffULL;
	}
	answer = sigscope_pivot_quick(rsp, v->rsp_ref, alt_sp, alt_size,
				      st ? &st->stack_cache : &no_vma);
	if (answer == SIGSCOPE_PIVOT_NO) {
		v->rsp_class = SIGSCOPE_MEM_STACK;
		return SIGSCOPE_PIVOT_NO;
	}
	if (sigscope_lookup_vma(rsp, &vma))
		v->contended = 1;
	v->rsp_vma_start = vma.start;
	v->rsp_vma_end = vma.end;
	if (vma.cls == SIGSCOPE_MEM_UNKNOWN) {
		/* Neither the lookup nor the walk answered: undecidable. Fail closed by default. */
		count(SIGSCOPE_CNT_VMA_UNDECIDED);
		v->rsp_class = SIGSCOPE_MEM_UNKNOWN;
		return SIGSCOPE_PIVOT_UNDECIDED;
	}
	if (sigscope_pivot_from_vma(&vma, v->rsp_ref) == SIGSCOPE_PIVOT_NO) {
		v->rsp_class = SIGSCOPE_MEM_STACK;
		if (st && sigscope_in_vma(&vma, v->rsp_ref))
			st->stack_cache = vma;
		return SIGSCOPE_PIVOT_NO;
	}
	if (st && v->rsp_ref > rsp && v->rsp_ref - rsp <= SIGSCOPE_GUARD_REACH) {
		sigscope_lookup_vma(v->rsp_ref, &st->ref_vma_tmp);
		v->ref_vma_start = st->ref_vma_tmp.start;
		if (sigscope_pivot_into_guard(&vma, &st->ref_vma_tmp, rsp, v->rsp_ref)) {
			v->rsp_class = SIGSCOPE_MEM_STACK;
			return SIGSCOPE_PIVOT_NO;
		}
	}
	v->rsp_class = vma.cls;
	return SIGSCOPE_PIVOT_YES;
}

/* The handler's VMA (ex->handler_vma) and its module's profile (ex->handler_profile), its key
 * left in tk->module for a target lookup. The VMA is looked up once per judgement (the loader,
 * skip and runtime rules may each ask), again only while no lookup answered. Inline, as
 * sigscope_gather_evidence. */
static __always_inline void handler_module(const struct sigscope_sigreturn_event *ev,
					   struct sigscope_explain_in *ex,
					   struct sigscope_verdict *v,
					   struct sigscope_target_key *tk)
{
	if (ex->handler_vma.cls == SIGSCOPE_MEM_UNKNOWN)
		sigscope_code_vma(ev->delivery.handler, &ex->handler_vma, &v->contended);
	if (ex->handler_vma.ino) {
		tk->module.ino = ex->handler_vma.ino;
		tk->module.dev = ex->handler_vma.dev;
		tk->module.mtime = ex->handler_vma.mtime;
		ex->handler_profile = module_profile_judged(&tk->module);
	} else if (ex->handler_vma.cls == SIGSCOPE_MEM_ANON_EXEC &&
		   in_exe_text(bpf_get_current_task_btf(), ev->delivery.handler)) {
		/* The executable's own code, copied onto anonymous pages where exec mapped it
		 * (Node's --use-largepages, HHVM: red team round 42): its identity is the
		 * executable's (read already: sigscope_gather_evidence looks it up first). Only the
		 * process itself can map code there. */
		ex->handler_profile = ex->exe_profile;
	}
}

/*
 * The evidence sigscope_explain needs for a changed matched context, read only where the change
 * needs it (judge.h says what each explanation rests on). ex->rip_vma stays UNKNOWN where rip was
 * not looked up (rip kept, or at a syscall instruction). The lookups are global functions, checked
 * once; this stays inline, since one more call frame passes the verifier's 512-byte stack limit.
 */
static __always_inline int sigscope_gather_evidence(const struct sigscope_sigreturn_event *ev,
						    const struct sigscope_regs *regs, int ia32,
						    struct sigscope_explain_in *ex,
						    struct sigscope_verdict *v)
{
	struct thread_state *st =
	    bpf_task_storage_get(&thread_states, bpf_get_current_task_btf(), 0, 0);
	struct sigscope_target_key *tk;
	__u64 rip, rsp;
	__u32 moved;

	if (!ev || !regs || !ex || !v || !st)
		return 0;
	tk = &st->key_tmp; /* in the thread's state: the stack of this call chain is full */
	rip = regs->r[SIGSCOPE_REG_RIP];
	rsp = regs->r[SIGSCOPE_REG_RSP];
	moved = ex->changed & SIGSCOPE_JUDGED_REGS;
	ex->sys = syscall_rewritten(ev, regs->r, ex->changed, ia32);
	if (!(moved & (1u << SIGSCOPE_REG_RIP)) || ex->sys)
		return 0;
	/* Whose runtime the process is: its executable (judge.h sigscope_runtime). */
	ex->exe_profile = exe_profile_of(bpf_get_current_task_btf(), &tk->module);
	/* Started through the dynamic loader: the handler's module stands for the executable
	 * (judge.h sigscope_exe_profile). */
	if (ex->exe_profile & SIGSCOPE_PROFILE_LOADER)
		handler_module(ev, ex, v, tk);
	sigscope_code_vma(rip, &ex->rip_vma, &v->contended);
	if (ex->rip_vma.ino) {
		__u32 *target;

		tk->module.ino = ex->rip_vma.ino;
		tk->module.dev = ex->rip_vma.dev;
		tk->module.mtime = ex->rip_vma.mtime;
		ex->rip_profile = module_profile_judged(&tk->module);
		tk->off = sigscope_vma_file_offset(&ex->rip_vma, rip);
		target = bpf_map_lookup_elem(&inject_targets, tk);
		ex->target = target ? *target : 0;
		/* A Go target: is the handler Go's own signal entry (judge.h)? */
		if ((ex->target & SIGSCOPE_PROFILE_GO) &&
		    sigscope_in_vma(&ex->rip_vma, ev->delivery.handler)) {
			tk->off = sigscope_vma_file_offset(&ex->rip_vma, ev->delivery.handler);
			target = bpf_map_lookup_elem(&inject_targets, tk);
			ex->handler_target = target ? *target : 0;
			ex->handler_told = 1;
		}
	}
	/* Any other move of rip (a skip): is the handler Go's own entry, in a Go library too
	 * (judge.h sigscope_go_skip_refused)? An anonymous one is not. */
	if (!ex->handler_told) {
		handler_module(ev, ex, v, tk);
		if (ex->handler_vma.ino) {
			__u32 *target;

			tk->off = sigscope_vma_file_offset(&ex->handler_vma, ev->delivery.handler);
			target = bpf_map_lookup_elem(&inject_targets, tk);
			ex->handler_target = target ? *target : 0;
			ex->handler_told = 1;
		} else if (ex->handler_vma.cls != SIGSCOPE_MEM_UNKNOWN) {
			ex->handler_told = 1;
		}
	}
	/* A skip after a memory fault: does its cause still stand (judge.h sigscope_fault_stands)?
	 * Looked up now, after the handler, from the kernel's own mappings. */
	if (moved == (1u << SIGSCOPE_REG_RIP) && ev->delivery.insn_len &&
	    sigscope_fault_reread(&ev->delivery))
		sigscope_code_vma(ev->delivery.fault_addr, &ex->fault_vma, &v->contended);
	/* The slot a call would have pushed the old rip to: user memory, compared, never trusted
	 * alone (the target must also be a registered entry). */
	if (moved & (1u << SIGSCOPE_REG_RSP))
		ex->slot_ok = bpf_probe_read_user(&ex->slot, sizeof(ex->slot), (void *)rsp) == 0;
	/* Onto Wine's dispatcher or Mono's altstack path: the copy of the interrupted context it
	 * will read (judge.h), and Wine's record. */
	if ((ex->target & SIGSCOPE_PROFILE_WINE) && !ia32)
		ex->ctx_ok = bpf_probe_read_user(ex->ctx_copy, sizeof(ex->ctx_copy),
						 (void *)(rsp + SIGSCOPE_WINE_CTX_OFF)) == 0 &&
			     bpf_probe_read_user(&ex->wine_addr, sizeof(ex->wine_addr),
						 (void *)(rsp + SIGSCOPE_WINE_EXC_ADDR_OFF)) == 0;
	else if ((ex->target & SIGSCOPE_MONO_ALTSTACK) && !ia32)
		ex->ctx_ok = bpf_probe_read_user(ex->ctx_copy, sizeof(ex->ctx_copy),
						 (void *)(rsp + SIGSCOPE_MONO_CTX_OFF)) == 0;
	/* Into JIT code: was the interrupted code JIT code too? */
	if (ex->rip_vma.cls == SIGSCOPE_MEM_ANON_EXEC &&
	    !sigscope_in_vma(&ex->rip_vma, ev->delivery.regs[SIGSCOPE_REG_RIP]))
		sigscope_code_vma(ev->delivery.regs[SIGSCOPE_REG_RIP], &ex->old_vma, &v->contended);
	if (sigscope_needs_handler(&ev->delivery, ex))
		handler_module(ev, ex, v, tk);
	return 0;
}

/*
 * Does the altstack this sigreturn restores differ from sp, size (what a frame older than the
 * attach held then)? At the exit (SR_APPLIED) the kernel has restored it: the task's; at the
 * entry, the uc_stack of the x86_64 frame as read (red team round 10, a4_preexisting_ucstack:
 * only uc_stack edited aims the next SA_ONSTACK frame). Other frames at entry: not known here.
 */
static __always_inline bool altstack_not(const struct sigscope_sigreturn_event *ev, __u64 sp,
					 __u64 size)
{
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 now_sp = task->sas_ss_sp, now_size = task->sas_ss_size;
	__u64 frame_sp = sigscope_ld64(ev->frame, RT64_SS_SP);
	__u64 frame_size = sigscope_ld64(ev->frame, RT64_SS_SIZE);

	/* Each loaded once, apart: clang would otherwise merge the task's load and the frame's into
	 * one load through a chosen pointer, which kernels before 6.18 refuse ("same insn cannot be
	 * used with different pointers"). */
	__asm__ volatile("" : "+r"(now_sp), "+r"(now_size), "+r"(frame_sp), "+r"(frame_size));
	if (ev->flags & SIGSCOPE_SR_APPLIED)
		return now_sp != sp || now_size != size;
	if ((ev->flags & SIGSCOPE_SR_FRAME_OK) && ev->frame_kind == SIGSCOPE_FRAME_RT64)
		return frame_sp != sp || frame_size != size;
	return false;
}

/*
 * The attach-time snapshot's excuse (verdict.h): only a frame recorded at attach, at this very
 * address, once, judged against what it held then (*changed). 1: excused; 0: not (also above the
 * windows read: verdict.h SIGSCOPE_SNAPSHOT_REACH); -1: not read (not yet, or not for this
 * thread). Global, as is geometric_excuse: their keys and
 * geometry stay off the sigreturn programs' stack, which is full on 6.1 (each call level there
 * is rounded up to 32 bytes: keep these two small, and this one the only one that calls on).
 */
__attribute__((noinline)) int snapshot_excuse(const struct sigscope_sigreturn_event *ev,
					      const struct sigscope_regs *regs, __u32 *changed)
{
	struct sigscope_attach_frame_key k = {};
	struct sigscope_attach_thread *t;
	struct sigscope_attach_frame *f;

	if (!ev || !regs || !changed)
		return 0;
	k.tid = bpf_get_current_task_btf()->pid;
	k.frame = ev->ustack;
	t = bpf_map_lookup_elem(&attach_threads, &k.tid);
	if (!t || !t->scanned)
		return -1;
	/* Only a frame read at attach is recorded (above the window read: none; red team round
	 * 10), in the thread's window or on a stack one of its frames there interrupted. */
	f = bpf_map_lookup_elem(&attach_frames, &k);
	if (!f)
		return 0;
	*changed = sigscope_regs_differ(f->regs, regs->r, 0);
	/* The altstack it restores: the frame's at attach, or an edited uc_stack aims the next
	 * SA_ONSTACK frame anywhere (red team round 10). */
	if (altstack_not(ev, f->ss_sp, f->ss_size))
		*changed |= SIGSCOPE_CHANGED_ALTSTACK;
	bpf_map_delete_elem(&attach_frames, &k);
	return 1;
}

/* Where the snapshot did not look: excused where a live frame could be (sigscope_excusable).
 * *ref: the attach-time sp when the frame was on that stack; the restored rsp itself when it was
 * on the attach-time sigaltstack (the stack the handler interrupted then was never seen). */
__attribute__((noinline)) int geometric_excuse(const struct sigscope_sigreturn_event *ev, __u64 rsp,
					       __u64 *ref)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct sigscope_attach_state *a;

	if (!ev || !ref)
		return 0;
	a = bpf_task_storage_get(&attach_states, task, 0, 0);
	if (!a)
		return 0;
	if (SIGSCOPE_ABI_IS_IA32(ev->abi))
		rsp &= 0xffffffffULL;
	if (!sigscope_excusable(a, ev->ustack, rsp, ev->frame_kind, xstate_sigframe_size(task),
				cpu_fxsr))
		return 0;
	sigscope_excuse_taken(a, ev->ustack, rsp);
	*ref = a->alt_size && sigscope_on_stack(ev->ustack, a->alt_sp, a->alt_size) ? rsp : a->sp;
	/* A frame written before the attach restores the altstack the thread had then. None known
	 * (none, or an SS_AUTODISARM handler running at attach had disarmed it): not judged. */
	return a->alt_size && altstack_not(ev, a->alt_sp, a->alt_size) ? 2 : 1;
}

/* A thread older than sigscope: may this unmatched frame be one that was live at attach? The
 * snapshot first, then the geometry. *ref: the stack pointer the pivot check compares with (the
 * restored rsp for a recorded frame: a moved rsp is a change already). */
static __always_inline bool excuse_preexisting(const struct sigscope_sigreturn_event *ev,
					       const __u64 *r, __u64 *ref, __u32 *changed)
{
	int snap;

	if (!(ev->flags & SIGSCOPE_SR_PREDATES))
		return false;
	/* Once the snapshot is done, an x86_64 frame is excused only where it recorded one. A
	 * thread it did not read (out of scope at the capture, too many look-alikes, unreadable,
	 * past the budget) has no excuse left: fail closed (red team round 12, A2 and A3). */
	if (snapshot_done && ev->frame_kind == SIGSCOPE_FRAME_RT64) {
		snap = snapshot_excuse(ev, (const struct sigscope_regs *)r, changed);
		if (snap == 1)
			*ref = r[SIGSCOPE_REG_RSP];
		return snap == 1;
	}
	/* In flight at the attach: only a recorded frame excuses it (red team round 31). */
	if (ev->flags & SIGSCOPE_SR_IN_FLIGHT)
		return false;
	snap = geometric_excuse(ev, r[SIGSCOPE_REG_RSP], ref);
	if (snap == 2)
		*changed |= SIGSCOPE_CHANGED_ALTSTACK;
	return snap != 0;
}

/* Apply the policy to a composed verdict, and kill if its worst finding reaches the --enforce
 * threshold. Allowed findings are reported as allowed and never enforced. */
static __always_inline void sigscope_enforce(struct task_struct *task, struct sigscope_verdict *v)
{
	struct sigscope_exe_key key = {};
	__u32 *allowed;

	key.ino = task->mm->exe_file->f_inode->i_ino;
	key.dev = task->mm->exe_file->f_inode->i_sb->s_dev;
	key.mtime = inode_mtime(task->mm->exe_file->f_inode);
	allowed = bpf_map_lookup_elem(&allowed_exes, &key);
	if (sigscope_verdict_finish(v, findings_allowed | (allowed ? *allowed : 0),
				    enforce_min_severity)) {
		/* Pending before the return to user mode: nothing runs. With interrupts off the
		 * kernel queues it on a per-CPU irq_work and refuses (-EBUSY) while that is busy:
		 * counted, and the record says it was not enforced. */
		if (bpf_send_signal(SIGKILL) == 0) {
			v->enforced = 1;
			count(SIGSCOPE_CNT_KILLED);
		} else {
			count(SIGSCOPE_CNT_KILL_REFUSED);
		}
	}
}

/*
 * Compose the rules' results into findings (judge.h), apply the policy, and kill if the worst
 * finding reaches the --enforce threshold. Global, checked once: inlined, the verifier walked it
 * again for every combination of rule results that reached it.
 */
__attribute__((noinline)) int sigscope_conclude(const struct sigscope_rule_results *res,
						struct sigscope_sigreturn_event *ev)
{
	if (!res || !ev)
		return 0;
	sigscope_compose(res, undecided_severity, undecided_redirect_severity, &ev->verdict);
	sigscope_enforce(bpf_get_current_task_btf(), &ev->verdict);
	return 0;
}

/*
 * A sigreturn of a thread whose state could not be allocated (bpf_task_storage_get): there is no
 * delivery to pair it with and no buffer to build its record in. Nothing vouches for the frame,
 * so it is judged forged (fail closed): counted, and killed under --enforce unless the policy
 * allows forged frames for this executable. Kernels before 6.2 can refuse the allocation while
 * another task-storage call runs on the same CPU (README, "What it cannot see").
 */
static __always_inline void judge_without_state(struct task_struct *task)
{
	struct sigscope_verdict v = {};

	count(SIGSCOPE_CNT_UNPAIRED_NO_STATE);
	sigscope_raise(&v, SIGSCOPE_FINDING_FORGED_FRAME, SIGSCOPE_SEV_CRITICAL);
	sigscope_enforce(task, &v);
}

/*
 * At a matched sigreturn's exit the kernel has restored uc_stack: the thread's altstack must be
 * what it was at delivery (restore_altstack() re-arms an SS_AUTODISARM one as it was; it refuses
 * a change while the thread is on its altstack, so only an edit that took effect differs).
 */
static __always_inline bool altstack_edited(struct task_struct *task,
					    const struct sigscope_sigreturn_event *ev)
{
	const struct sigscope_delivery *d = &ev->delivery;

	/* Disabled (SS_DISABLE: sp and size 0) aims no frame anywhere: a handler that retires its
	 * thread's altstack this way (a sigaltstack() call would be undone by the sigreturn) is no
	 * change to judge (red team round 25, a false positive). */
	__u64 sp = task->sas_ss_sp, size = task->sas_ss_size;

	/* The altstack the thread itself installed with sigaltstack() inside the handler, kept
	 * through uc_stack (the sigreturn would undo the call): kernel state no write into the
	 * frame can plant, and a thread that can make the call can make it after the sigreturn as
	 * well (red team round 31, a false positive: an altstack installed lazily). Only where
	 * the entry saw it: an exit judged alone has no entry's view. */
	if (!(ev->flags & SIGSCOPE_SR_ENTRY_MISSED) && sp == ev->entry_alt_sp &&
	    size == ev->entry_alt_size)
		return false;
	return ev->match_status == SIGSCOPE_MATCH_MATCHED && size &&
	       (sp != d->altstack_sp || size != d->altstack_size ||
		((task->sas_ss_flags ^ d->altstack_flags) & SIGSCOPE_SS_AUTODISARM));
}

/* At an unmatched x86_64 sigreturn's exit: did the kernel restore another altstack than the
 * uc_stack the entry read and judged (a sibling rewrote it between the two reads)? */
static __always_inline bool altstack_rewritten(struct task_struct *task,
					       const struct sigscope_sigreturn_event *ev)
{
	return ev->match_status != SIGSCOPE_MATCH_MATCHED && (ev->flags & SIGSCOPE_SR_FRAME_OK) &&
	       ev->frame_kind == SIGSCOPE_FRAME_RT64 &&
	       (task->sas_ss_sp != sigscope_ld64(ev->frame, RT64_SS_SP) ||
		task->sas_ss_size != sigscope_ld64(ev->frame, RT64_SS_SIZE));
}

/*
 * Does an ia32 frame restore a data segment (ds, es) other than the flat one or one of the
 * task's own LDT (verdict.h sigscope_ia32_data_segment_ok)? A TLS selector there moves every
 * data access by the thread pointer. Read from the frame as sigscope read it at entry, and
 * again at the exit in mode full (sigreturn.bpf.h ia32_segments_reread): the kernel keeps them
 * in no pt_regs. fs and gs are not judged: without an LDT of its own a task can load there only
 * the flat segments, whose base is 0 (any access through them at a TLS offset faults), and
 * its own TLS.
 */
static __always_inline bool ia32_data_segments_moved(const struct sigscope_sigreturn_event *ev)
{
	__u32 mc;

	if (!sigscope_kind_is_ia32(ev->frame_kind))
		return false;
	/* Not read at entry (a page the kernel faulted back in): nothing vouches for them (red
	 * team round 16, a1_ds_unread_m32). */
	if (!(ev->flags & SIGSCOPE_SR_FRAME_OK))
		return true;
	mc = ev->frame_kind == SIGSCOPE_FRAME_RT_IA32 ? RT32_MCONTEXT : SIG32_MCONTEXT;
	return !sigscope_ia32_data_segment_ok(sigscope_ld32(ev->frame, mc + SC32_DS)) ||
	       !sigscope_ia32_data_segment_ok(sigscope_ld32(ev->frame, mc + SC32_ES));
}

/*
 * Gather the evidence of every rule on one sigreturn, compose the findings (judge.h), apply the
 * policy, and kill if the worst finding reaches the --enforce threshold. Runs before the task
 * returns to user mode.
 */
static __always_inline void evaluate_sigreturn(struct task_struct *task, struct thread_state *st,
					       struct sigscope_sigreturn_event *ev, const __u64 *r,
					       bool regs_known)
{
	struct sigscope_verdict *v = &ev->verdict;
	bool matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;
	bool ia32 = SIGSCOPE_ABI_IS_IA32(ev->abi);
	__u64 vdso = (__u64)task->mm->context.vdso;
	struct sigscope_rule_results res = {};
	struct sigscope_explain_in *ex = st ? &st->explain_tmp : NULL;
	__u64 excused_ref = 0;

	__builtin_memset(v, 0, sizeof(*v));
	res.matched = matched;

	/* 1. forged frame: no outstanding delivery wrote a frame at this address (a frame of the
	 *    attach-time snapshot: changed_mask is what changed since the attach) */
	if (!matched && regs_known) {
		res.excused = excuse_preexisting(ev, r, &excused_ref, &v->changed_mask);
		/* Its FP area against the snapshot's (fpstate.bpf.h fp_snapshot_changed). */
		if (res.excused && (ev->flags & SIGSCOPE_SR_FP_CHANGED))
			v->changed_mask |= SIGSCOPE_CHANGED_FPSTATE;
		res.changed = v->changed_mask != 0;
	}

	/* 2. call site: SROP enters through any `syscall` gadget, not through a sigreturn stub */
	res.call_site = (ev->flags & SIGSCOPE_SR_ENTRY_MISSED) ? SIGSCOPE_SITE_UNKNOWN /* no site */
							       : check_call_site(ev, vdso);

	/* 3. tampered context: every change to a judged register explained (judge.h) */
	if (matched && regs_known) {
		v->changed_mask = sigscope_regs_differ(ev->delivery.regs, r, ia32);
		/* A legacy ia32 sigreturn restores no altstack: an SS_AUTODISARM one the delivery
		 * disarmed stays so (red team round 15, fp1_ia32_autodisarm_legacy). */
		if ((ev->flags & SIGSCOPE_SR_APPLIED) &&
		    ev->frame_kind != SIGSCOPE_FRAME_SIG_IA32 && altstack_edited(task, ev))
			v->changed_mask |= SIGSCOPE_CHANGED_ALTSTACK;
		if (ia32_data_segments_moved(ev))
			v->changed_mask |= SIGSCOPE_CHANGED_SEGMENTS;
		if (ev->flags & SIGSCOPE_SR_FP_CHANGED)
			v->changed_mask |= SIGSCOPE_CHANGED_FPSTATE;
		res.changed = v->changed_mask != 0;
		if (res.changed && !ex) /* no thread state: no room to gather evidence in */
			res.explanation = SIGSCOPE_EXPL_UNDECIDED;
		if (res.changed && ex) {
			__builtin_memset(ex, 0, sizeof(*ex));
			ex->changed = v->changed_mask;
			/* A signal stop since the delivery, or a tracer that stops the thread at
			 * every syscall, at the delivery or now, where no signal shows (red team
			 * round 37). Not merely a tracer there: one that resumes with PTRACE_CONT
			 * never stopped the thread inside the handler (round 41). */
			ex->tracer_stopped = (__u8)st->tracer_stops != ev->delivery.tracer_stops ||
					     (ev->delivery.flags & SIGSCOPE_DLV_SYSCALL_TRACED) ||
					     syscall_traced(task);
			sigscope_gather_evidence(ev, (const struct sigscope_regs *)r, ia32, ex, v);
			res.explanation = sigscope_explain(&ev->delivery, r, ia32, ex);
			if (ex->changed & (1u << SIGSCOPE_REG_RIP)) {
				v->rip_class = ex->rip_vma.cls;
				v->rip_vma_start = ex->rip_vma.start;
				v->rip_vma_end = ex->rip_vma.end;
				v->pattern = sigscope_redirect_pattern(&ev->delivery, r,
								       &ex->rip_vma, ex->sys);
			} else {
				v->pattern =
				    ex->sys ? SIGSCOPE_PAT_SYSCALL_REWRITE : SIGSCOPE_PAT_REGS;
			}
		}
	}

	/* 4. stack pivot, against references captured before this sigreturn: the delivery's sp and
	 *    altstack, for an excused frame what was captured at attach, or for an unmatched frame
	 *    the sp and altstack at the sigreturn's entry */
	if (regs_known) {
		v->rsp_ref = matched	   ? ev->delivery.regs[SIGSCOPE_REG_RSP]
			     : excused_ref ? excused_ref
					   : ev->entry_sp;
		res.pivot = check_pivot(task, st, ev, r,
					matched ? ev->delivery.altstack_sp : ev->entry_alt_sp,
					matched ? ev->delivery.altstack_size : ev->entry_alt_size);
	}

	/* 5. TOCTOU: the kernel restored something else than the frame we read at entry */
	if (ev->flags & SIGSCOPE_SR_MISMATCH)
		res.toctou = SIGSCOPE_TOCTOU_MISMATCH;
	else if ((ev->flags & SIGSCOPE_SR_APPLIED) && !(ev->flags & SIGSCOPE_SR_FRAME_OK) &&
		 !(ev->flags & SIGSCOPE_SR_ENTRY_MISSED)) /* no entry read: nothing to compare */
		res.toctou = SIGSCOPE_TOCTOU_UNREAD;
	else if (!regs_known && !exit_hook) /* enter, light: nothing else will see the context */
		res.toctou = SIGSCOPE_TOCTOU_UNJUDGED;

	/* 6. ABI switch: int $0x80 sigreturn from 64-bit code, or a restored cs of the other mode
	 */
	res.abi_switch = ev->abi == SIGSCOPE_ABI_IA32_FROM_64 ||
			 (regs_known && (r[SIGSCOPE_REG_CS] | 3) != (ev->entry_cs | 3));

	sigscope_conclude(&res, ev);
}

#endif /* SIGSCOPE_RULES_BPF_H */
