/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hooks on the sigreturn syscalls (backend tracepoint): tp_btf/sys_enter (modes full, enter),
 * tp_btf/sys_exit (mode full), tracepoint/syscalls/sys_enter_rt_sigreturn (mode light); and the
 * entry/exit halves the trampolines share. Each sigreturn is paired, judged and submitted here.
 */
#include "sigscope.bpf.h"

/* Which sigreturn, if any, this syscall entry is. Returns false for every other syscall. */
static __always_inline bool sigreturn_kind(struct task_struct *task, long id, __u64 cs, __u32 *abi,
					   __u32 *kind)
{
	bool compat = task->thread_info.status & TS_COMPAT;

	if (!compat) {
		/* x32's rt_sigreturn is open to any 64-bit process on kernels with x32 enabled. */
		if (id == SIGSCOPE_NR_RT_SIGRETURN_X32) {
			*abi = SIGSCOPE_ABI_X32;
			*kind = SIGSCOPE_FRAME_RT_X32;
			return true;
		}
		if (id != SIGSCOPE_NR_RT_SIGRETURN_64)
			return false;
		*abi = SIGSCOPE_ABI_X86_64;
		*kind = SIGSCOPE_FRAME_RT64;
		return true;
	}
	if (id == SIGSCOPE_NR_RT_SIGRETURN_IA32)
		*kind = SIGSCOPE_FRAME_RT_IA32;
	else if (id == SIGSCOPE_NR_SIGRETURN_IA32)
		*kind = SIGSCOPE_FRAME_SIG_IA32;
	else
		return false;
	*abi = (cs & 0xffff) == USER32_CS ? SIGSCOPE_ABI_IA32 : SIGSCOPE_ABI_IA32_FROM_64;
	return true;
}

/*
 * Fill the entry half of a sigreturn event: context, where the frame is, and the frame's bytes.
 * The frame is read with a non-faulting read: it can fail where the kernel's own read (which
 * faults pages in) succeeds, and another thread can change it before the kernel copies it.
 */
static __always_inline void sigreturn_entry(struct sigscope_sigreturn_event *ev,
					    struct task_struct *task, struct pt_regs *regs, long id,
					    __u32 abi, __u32 kind)
{
	__u64 sp = regs->sp;
	long err;

	ev->hdr.type = SIGSCOPE_EV_RT_SIGRETURN;
	ev->abi = abi;
	ev->pad = 0;
	ev->frame_kind = kind;
	ev->syscall_nr = id;
	ev->flags = 0;
	ev->mismatch_mask = 0;
	ev->retval = 0;
	ev->abandoned = 0;
	ev->depth = 0;
	ev->stack_len = 0;
	ev->stack_err = 0;
	fill_ctx(&ev->hdr.ctx, task);
	if (ev->hdr.ctx.thread_start_ns < attached_ns) {
		/* exec wipes handlers and frames: a process exec'd under tracing (-- COMMAND is
		 * forked before the attach) has no handler older than sigscope. */
		struct thread_state *st = bpf_task_storage_get(&thread_states, task, 0, 0);

		if (!st || !st->exec_seen)
			ev->flags |= SIGSCOPE_SR_PREDATES;
	}
	ev->call_site = regs->ip - 2; /* syscall and int $0x80 are 2 bytes */
	ev->entry_sp = sp;
	ev->entry_cs = regs->cs & 0xffff;
	ev->entry_alt_sp = task->sas_ss_sp; /* before restore_altstack() installs uc_stack */
	ev->entry_alt_size = task->sas_ss_size;
	if (kind == SIGSCOPE_FRAME_RT64) {
		ev->ustack = sp - 8; /* the handler's ret popped pretcode */
		ev->frame_len = RT64_SIZE;
		err = bpf_probe_read_user(ev->frame, RT64_SIZE, (void *)ev->ustack);
	} else if (kind == SIGSCOPE_FRAME_RT_X32) {
		ev->ustack = sp - 8; /* x32_rt_sigreturn(): like x86_64 */
		ev->frame_len = RTX32_SIZE;
		err = bpf_probe_read_user(ev->frame, RTX32_SIZE, (void *)ev->ustack);
	} else if (kind == SIGSCOPE_FRAME_RT_IA32) {
		ev->ustack = (sp - 4) & 0xffffffffULL;
		ev->frame_len = RT32_SIZE;
		err = bpf_probe_read_user(ev->frame, RT32_SIZE, (void *)ev->ustack);
	} else {
		ev->ustack = (sp - 8) & 0xffffffffULL;
		ev->frame_len = SIG32_SIZE;
		err = bpf_probe_read_user(ev->frame, SIG32_SIZE, (void *)ev->ustack);
	}
	ev->frame_err = err;
	if (!err)
		ev->flags |= SIGSCOPE_SR_FRAME_OK;
	else
		count(SIGSCOPE_CNT_FRAME_FAULT);
}

static __always_inline void read_stack_bytes(struct sigscope_sigreturn_event *ev, __u64 rsp)
{
	__u32 n = stack_bytes;

	if (!n)
		return;
	if (n > SIGSCOPE_STACK_BYTES_MAX)
		n = SIGSCOPE_STACK_BYTES_MAX;
	ev->stack_len = n;
	ev->stack_err = bpf_probe_read_user(ev->stack, n, (void *)rsp);
	if (!ev->stack_err)
		ev->flags |= SIGSCOPE_SR_STACK_OK;
}

/* The rules (verdict, enforcement), after the helpers they use. */
#include "rules.bpf.h"

/* Does this sigreturn go to the alert ring? Kills always; medium and above within the budget. */
static __always_inline bool alert_worthy(const struct sigscope_sigreturn_event *ev)
{
	const struct sigscope_verdict *v = &ev->verdict;
	struct alert_window *w, fresh = {};
	__u32 tgid = ev->hdr.ctx.host_pid;
	__u64 now = ev->hdr.ctx.ts_ns;

	if (v->enforced)
		return true;
	if (v->max_severity == SIGSCOPE_SEV_NONE || v->max_severity < SIGSCOPE_SEV_MEDIUM)
		return false;
	w = bpf_map_lookup_elem(&alert_budget, &tgid);
	if (!w) {
		fresh.start_ns = now;
		fresh.count = 1;
		bpf_map_update_elem(&alert_budget, &tgid, &fresh, BPF_ANY);
		return true;
	}
	if (now - w->start_ns > 1000000000ULL) {
		w->start_ns = now;
		w->count = 0;
	}
	if (w->count >= ALERT_BUDGET) {
		count(SIGSCOPE_CNT_ALERT_THROTTLED);
		return false;
	}
	w->count++;
	return true;
}

/* Every event the ring cannot take is counted: never silent. */
static __always_inline void submit_sigreturn(struct sigscope_sigreturn_event *ev)
{
	if (!event_on(SIGSCOPE_EV_RT_SIGRETURN) && !ev->verdict.findings && !ev->verdict.enforced)
		return; /* user space needs the record only to print findings */
	__u32 stack_len = ev->stack_len;

	/* The record ends with the stack bytes asked for: the rest of stack[] is not sent. */
	if (stack_len > SIGSCOPE_STACK_BYTES_MAX)
		stack_len = SIGSCOPE_STACK_BYTES_MAX;
	record_output(&ev->hdr, offsetof(struct sigscope_sigreturn_event, stack) + stack_len,
		      alert_worthy(ev));
}

/* Modes enter and light: pair and judge on the frame as read, and submit now. */
static __always_inline int sigreturn_enter_only(struct task_struct *task, struct pt_regs *regs,
						long id, __u32 abi, __u32 kind)
{
	struct sigscope_sigreturn_event *ev;
	struct thread_state *st;
	struct regs_scratch *fr = scratch_regs();
	__u32 zero = 0;
	bool known;

	ev = bpf_map_lookup_elem(&sigreturn_scratch, &zero);
	if (!fr || !ev)
		return 0;
	sigreturn_entry(ev, task, regs, id, abi, kind);
	known = ev->flags & SIGSCOPE_SR_FRAME_OK;
	if (known)
		frame_regs(kind, ev->frame, fr->frame_regs);
	else
		__builtin_memset(fr, 0, sizeof(*fr));
	/* A thread older than sigscope gets state now: its excuses are counted there. */
	st = state_get(task, false);
	if (st) {
		pair_sigreturn(task, st, ev, fr->frame_regs, known);
	} else {
		ev->match_status = (ev->flags & SIGSCOPE_SR_PREDATES)
				       ? SIGSCOPE_MATCH_THREAD_PREDATES
				       : SIGSCOPE_MATCH_UNMATCHED;
		ev->match_method = SIGSCOPE_MATCH_BY_NONE;
	}
	evaluate_sigreturn(task, st, ev, fr->frame_regs, known);
	if (known)
		read_stack_bytes(ev, fr->frame_regs[SIGSCOPE_REG_RSP]);
	submit_sigreturn(ev);
	return 0;
}

/* Mode full, entry half: record where the frame is and what it says; the exit completes it. */
static __always_inline int sigreturn_begin(struct task_struct *task, struct pt_regs *regs, long id,
					   __u32 abi, __u32 kind)
{
	struct thread_state *st;

	/* Detection runs whether or not rt_sigreturn events are printed (-e). */
	if (!task_selected(task))
		return 0;
	st = state_get(task, true);
	if (!st)
		return 0;
	if (st->pending)
		count(SIGSCOPE_CNT_EXIT_MISSED); /* the previous entry never reached its exit */
	sigreturn_entry(&st->pending_ev, task, regs, id, abi, kind);
	st->pending = 1;
	return 0;
}

/* Mode full, exit half: regs are the registers the kernel restored (authoritative). */
static __always_inline int sigreturn_finish(struct task_struct *task, struct pt_regs *regs,
					    long ret)
{
	struct sigscope_sigreturn_event *ev;
	struct thread_state *st;
	struct regs_scratch *fr;

	st = state_get(task, false);
	if (!st || !st->pending)
		return 0;
	st->pending = 0;
	fr = scratch_regs();
	if (!fr)
		return 0;
	/* Completed in place: the verdict and the kill do not depend on room in the ring. */
	ev = &st->pending_ev;
	read_pt_regs(regs, ev->applied);
	ev->retval = ret;
	ev->flags |= SIGSCOPE_SR_APPLIED;
	if (ev->flags & SIGSCOPE_SR_FRAME_OK) {
		frame_regs(ev->frame_kind, ev->frame, fr->frame_regs);
		ev->mismatch_mask = sigscope_regs_differ(fr->frame_regs, ev->applied,
							 SIGSCOPE_ABI_IS_IA32(ev->abi));
		if (ev->mismatch_mask)
			ev->flags |= SIGSCOPE_SR_MISMATCH;
	}
	pair_sigreturn(task, st, ev, ev->applied, true);
	evaluate_sigreturn(task, st, ev, ev->applied, true);
	read_stack_bytes(ev, ev->applied[SIGSCOPE_REG_RSP]);
	submit_sigreturn(ev);
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_sigreturn, struct pt_regs *regs, long id)
{
	struct task_struct *task;
	__u32 abi, kind;

	/* Every syscall on the machine passes here: leave on the first compare. */
	if (id != SIGSCOPE_NR_RT_SIGRETURN_64 && id != SIGSCOPE_NR_RT_SIGRETURN_IA32 &&
	    id != SIGSCOPE_NR_SIGRETURN_IA32 && id != SIGSCOPE_NR_RT_SIGRETURN_X32)
		return 0;
	task = bpf_get_current_task_btf();
	if (!sigreturn_kind(task, id, regs->cs, &abi, &kind))
		return 0;
	if (!exit_hook)
		return task_selected(task) ? sigreturn_enter_only(task, regs, id, abi, kind) : 0;
	return sigreturn_begin(task, regs, id, abi, kind);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_sigreturn, struct pt_regs *regs, long ret)
{
	/* restore_sigcontext() sets orig_ax = -1: every other syscall leaves here. */
	if ((long)regs->orig_ax != -1)
		return 0;
	return sigreturn_finish(bpf_get_current_task_btf(), regs, ret);
}

/* Mode light: the per-syscall tracepoint, which never fires for compat (int $0x80) syscalls. */
SEC("tracepoint/syscalls/sys_enter_rt_sigreturn")
int sys_enter_rt_sigreturn_tp(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);

	if (!task_selected(task))
		return 0;
	return sigreturn_enter_only(task, regs, SIGSCOPE_NR_RT_SIGRETURN_64, SIGSCOPE_ABI_X86_64,
				    SIGSCOPE_FRAME_RT64);
}
