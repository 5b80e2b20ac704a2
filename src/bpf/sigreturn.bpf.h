/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hooks on the sigreturn syscalls (backend tracepoint): tp_btf/sys_enter (modes full, enter),
 * tp_btf/sys_exit (mode full), tracepoint/syscalls/sys_enter_rt_sigreturn (mode light); and the
 * entry/exit halves the trampolines and the kprobe entry guards share. Each sigreturn is paired,
 * judged and submitted here.
 */
#ifndef SIGSCOPE_SIGRETURN_BPF_H
#define SIGSCOPE_SIGRETURN_BPF_H

#include "sigscope.bpf.h"
#include "arch.bpf.h"
#include "pairing.bpf.h"
#include "fpstate.bpf.h"
#include "rules.bpf.h"

/* Which sigreturn, if any, this syscall entry is. Returns false for every other syscall. */
/* Where the kernel reads a sigreturn's frame, from the sp it was entered with. */
static __always_inline __u64 sigreturn_ustack(__u64 sp, __u32 kind)
{
	if (kind == SIGSCOPE_FRAME_RT64 || kind == SIGSCOPE_FRAME_RT_X32)
		return sp - 8; /* the handler's ret popped pretcode (x32_rt_sigreturn() alike) */
	if (kind == SIGSCOPE_FRAME_RT_IA32)
		return (sp - 4) & 0xffffffffULL;
	return (sp - 8) & 0xffffffffULL;
}

static __always_inline bool sigreturn_kind(struct task_struct *task, long id, __u64 cs, __u32 *abi,
					   __u32 *kind)
{
	bool compat = task->thread_info.status & TS_COMPAT;

	if (!compat) {
		/* x32's rt_sigreturn is open to any 64-bit process on kernels with x32 enabled;
		 * elsewhere it is -ENOSYS, which restores nothing (a probe, not a sigreturn). */
		if (id == SIGSCOPE_NR_RT_SIGRETURN_X32) {
			if (!x32_runs)
				return false;
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
	{
		/* exec wipes handlers and frames: a process exec'd under tracing (-- COMMAND is
		 * forked before the attach) has no handler older than sigscope. */
		struct thread_state *st = bpf_task_storage_get(&thread_states, task, 0, 0);

		fill_ctx_st(&ev->hdr.ctx, st);

		if ((ev->hdr.ctx.thread_start_ns < attached_ns || (st && st->attach_inherited)) &&
		    (!st || !st->exec_seen))
			ev->flags |= SIGSCOPE_SR_PREDATES;
	}
	ev->call_site = regs->ip - 2; /* syscall and int $0x80 are 2 bytes */
	ev->entry_sp = sp;
	ev->entry_cs = regs->cs & 0xffff;
	ev->entry_alt_sp = task->sas_ss_sp; /* before restore_altstack() installs uc_stack */
	ev->entry_alt_size = task->sas_ss_size;
	ev->ustack = sigreturn_ustack(sp, kind);
	if (kind == SIGSCOPE_FRAME_RT64) {
		ev->frame_len = RT64_SIZE;
		err = bpf_probe_read_user(ev->frame, RT64_SIZE, (void *)ev->ustack);
	} else if (kind == SIGSCOPE_FRAME_RT_X32) {
		ev->frame_len = RTX32_SIZE;
		err = bpf_probe_read_user(ev->frame, RTX32_SIZE, (void *)ev->ustack);
	} else if (kind == SIGSCOPE_FRAME_RT_IA32) {
		ev->frame_len = RT32_SIZE;
		err = bpf_probe_read_user(ev->frame, RT32_SIZE, (void *)ev->ustack);
	} else {
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

/* The account a finding of the current task is charged to (struct sigscope_account). Global,
 * so verified once (sigscope_current_ctx says why). */
__attribute__((noinline)) __u64 sigscope_current_account(void)
{
	const struct cred *cred = bpf_get_current_task_btf()->cred;
	struct user_namespace *ns = cred->user_ns;
	__u32 owner;

	/* Up to the outermost namespace below the initial one (the kernel nests at most 32). */
	for (int i = 0; i < 33 && ns && ns->level > 1; i++)
		ns = ns->parent;
	if (!ns || ns->level == 0)
		return cred->uid.val;
	owner = ns->owner.val;
	return owner ? owner : SIGSCOPE_ACCOUNT_USERNS | ns->ns.inum;
}

/*
 * A judged sigreturn into a ring: the alert ring for a kill, for the first finding of each kind
 * from its account, and for findings of medium and above within the account's budget; the
 * ordinary ring otherwise. Its findings are counted per account whether or not a ring takes it.
 * A subprogram of its own: its stack stays out of the hooks' frames (the 6.1 verifier's budget).
 */
static __attribute__((noinline)) void submit_judged(struct sigscope_sigreturn_event *ev, __u32 size)
{
	__u32 findings = ev->verdict.findings & ((1u << SIGSCOPE_FINDING_MAX) - 1);
	struct sigscope_account *a = NULL;
	bool alert = ev->verdict.enforced, wanted = false;
	__u64 key, now = ev->hdr.ctx.ts_ns;

	if (findings) {
		key = sigscope_current_account();
		a = bpf_map_lookup_elem(&accounts, &key);
		if (!a) {
			bpf_map_update_elem(&accounts, &key, &account_zero, BPF_NOEXIST);
			a = bpf_map_lookup_elem(&accounts, &key);
		}
		if (!a) { /* the map is full */
			key = SIGSCOPE_ACCOUNT_OTHERS;
			a = bpf_map_lookup_elem(&accounts, &key);
		}
	}
	if (a) {
		/* Racy across CPUs, as a budget may be: the first-of-kind test below is exact. */
		if (now - a->window_start_ns > 1000000000ULL) {
			a->window_start_ns = now;
			for (int f = 0; f < SIGSCOPE_FINDING_MAX; f++)
				a->window_alerts[f] = 0;
		}
		for (int f = 0; f < SIGSCOPE_FINDING_MAX; f++) {
			if (!(findings & (1u << f)))
				continue;
			if (__sync_fetch_and_add(&a->raised[f], 1) == 0)
				alert = true; /* the first of its kind from this account */
			if (ev->verdict.severity[f] < SIGSCOPE_SEV_MEDIUM ||
			    ev->verdict.severity[f] > SIGSCOPE_SEV_CRITICAL)
				continue;
			wanted = true;
			if (a->window_alerts[f] < SIGSCOPE_ALERT_BUDGET) {
				a->window_alerts[f]++;
				alert = true;
			}
		}
	} else if (findings) {
		alert = ev->verdict.max_severity >= SIGSCOPE_SEV_MEDIUM &&
			ev->verdict.max_severity <= SIGSCOPE_SEV_CRITICAL;
	}
	if (wanted && !alert)
		count(SIGSCOPE_CNT_ALERT_THROTTLED);
	if (size > sizeof(*ev))
		size = sizeof(*ev);
	if (!record_output(&ev->hdr, size, alert) && a)
		__sync_fetch_and_add(&a->lost, 1);
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
	submit_judged(ev, offsetof(struct sigscope_sigreturn_event, stack) + stack_len);
}

/* Pair and judge a sigreturn on its frame as read at entry: the whole judgement in modes enter
 * and light, the first one in mode full (the exit refines it, or stands in for a skipped exit). */
static __always_inline void judge_at_entry(struct task_struct *task, struct thread_state *st,
					   struct sigscope_sigreturn_event *ev)
{
	bool known = ev->flags & SIGSCOPE_SR_FRAME_OK;
	int fp;

	if (known)
		sigscope_frame_regs(ev->frame_kind, ev->frame, st->regs_tmp);
	else
		__builtin_memset(st->regs_tmp, 0, sizeof(st->regs_tmp));
	pair_sigreturn(task, st, ev, st->regs_tmp, known);
	/* An area not in memory now is looked at by the exit, where the kernel has read it. */
	fp = fp_area_changed(ev, 0);
	if (fp == 1 || (fp == FP_UNREAD && !exit_hook))
		ev->flags |= SIGSCOPE_SR_FP_CHANGED;
	evaluate_sigreturn(task, st, ev, st->regs_tmp, known);
}

/*
 * The entry of every sigreturn, every mode. It judges, and under --enforce kills, before the
 * kernel restores anything: since 7.0 the kernel may skip the exit program (docs/kernels.md),
 * and a sigreturn must never go unjudged because its exit was. Mode full keeps the event in the
 * thread's state for the exit, which proves the entry its own and judges again from the
 * registers the kernel restored (sigscope_exit_pairing). A pending event found here is one whose
 * exit was skipped (a thread cannot enter a syscall inside another): it is reported as judged at
 * entry. Modes enter and light submit now.
 *
 * Every buffer is the thread's own (task storage), none per CPU: since 7.0 these programs can be
 * preempted, and another program (sys_exit, another fentry) running on the same CPU meanwhile
 * would write over a per-CPU scratch under our feet (the recursion guard only keeps the same
 * program out). A thread runs one of these programs at a time.
 */
static __always_inline int sigreturn_begin(struct task_struct *task, struct pt_regs *regs, long id,
					   __u32 abi, __u32 kind)
{
	struct sigscope_sigreturn_event *ev;
	struct thread_state *st;

	/* Detection runs whether or not rt_sigreturn events are printed (-e). */
	if (!task_selected(task)) {
		if (scope_can_grow())
			drop_returned(task, sigreturn_ustack(regs->sp, kind), kind);
		return 0;
	}
	st = state_get(task, true);
	if (!st) {
		judge_without_state(task);
		return 0;
	}
	ev = &st->pending_ev;
	if (exit_hook && st->pending) {
		ev->flags |= SIGSCOPE_SR_EXIT_MISSED;
		count(SIGSCOPE_CNT_EXIT_MISSED);
		submit_sigreturn(ev);
	}
	st->pending = 0;
	st->enosys_marked = 0; /* a syscall(-1) before this sigreturn has ended */
	st->exit_judged = 0;   /* so has any earlier sigreturn's exit */
	sigreturn_entry(ev, task, regs, id, abi, kind);
	judge_at_entry(task, st, ev);
	if (exit_hook) {
		st->pending = 1;
		return 0;
	}
	if (ev->flags & SIGSCOPE_SR_FRAME_OK)
		read_stack_bytes(ev, st->regs_tmp[SIGSCOPE_REG_RSP]);
	submit_sigreturn(ev);
	return 0;
}

/* The registers of a syscall's return that never reached a sigreturn body (syscall(-1), or one
 * ptrace skipped): rax -ENOSYS, rcx and r11 still what the syscall instruction left (rip,
 * rflags), and a syscall instruction just before rip. A forged sigreturn can restore all that. */
static __always_inline bool looks_plain(const __u64 *r, long ret)
{
	__u8 insn[2] = {};

	if (ret != -38 /* -ENOSYS */ || r[SIGSCOPE_REG_RCX] != r[SIGSCOPE_REG_RIP] ||
	    r[SIGSCOPE_REG_R11] != r[SIGSCOPE_REG_EFLAGS])
		return false;
	return bpf_probe_read_user(insn, sizeof(insn), (void *)(r[SIGSCOPE_REG_RIP] - 2)) == 0 &&
	       sigscope_is_syscall_insn(insn);
}

/*
 * Is this exit (orig_ax -1, st->applied_tmp) a plain syscall's return, which also exits with
 * orig_ax -1? Proven when the raw sys_enter marked this thread's last syscall as id -1 and every
 * register but rax is what that entry had: a syscall that never ran changes none of them. A
 * sigreturn restoring exactly those registers gains nothing over that syscall's own return (the
 * attacker chooses rax either way). A forged sigreturn cannot plant the mark: it is set only at a
 * sys_enter whose id is -1, and cleared at the next exit and at every sigreturn entry. Unmarked
 * (the entry was skipped, 7.0+ only) but looking plain (looks_plain): counted, and judged as an
 * exit alone unless the policy lets it pass (plain_unproven_judged).
 */
static __always_inline bool plain_syscall_return(struct thread_state *st, long ret)
{
	const __u64 *r = st->applied_tmp;
	__u64 diff = 0;

	if (st->enosys_marked) {
		st->enosys_marked = 0;
#pragma clang loop unroll(full)
		for (int i = 0; i < SIGSCOPE_NREGS; i++)
			if (i != SIGSCOPE_REG_RAX)
				diff |= st->enosys_regs[i] ^ r[i];
		if (!diff)
			return true;
	}
	if (!looks_plain(r, ret))
		return false;
	count(SIGSCOPE_CNT_PLAIN_UNPROVEN);
	return !plain_unproven_judged;
}

/* A syscall with id -1 enters (mode full): mark it, with its registers, for its exit. */
static __always_inline int mark_plain_entry(struct pt_regs *regs)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct thread_state *st;

	if (!task_selected(task))
		return 0;
	st = state_get(task, true);
	if (!st)
		return 0;
	read_pt_regs(regs, st->enosys_regs);
	st->enosys_marked = 1;
	st->exit_judged = 0; /* not a sigreturn: no exit guard runs for it */
	return 0;
}

/* Is this sigreturn kind's entry judged by an entry guard (guard_native: sigscope.bpf.h)? */
static __always_inline bool entry_guarded(__u32 kind)
{
	if (kind == SIGSCOPE_FRAME_RT64)
		return guard_native;
	if (kind == SIGSCOPE_FRAME_RT_X32)
		return guard_x32;
	return guard_ia32;
}

/*
 * A live delivery that explains the registers the kernel restored (st->applied_tmp): one whose
 * saved context they are, else the newest one if its frame, as it is now, holds them (a handler
 * that changed its context before returning). NULL: none.
 */
static __always_inline struct sigscope_delivery *explain_restored(struct task_struct *task,
								  struct thread_state *st,
								  struct sigscope_walk *w,
								  __u32 *method)
{
	struct sigscope_delivery *d;
	__u32 kind, len;

	thread_slots(task, st, w, false);
	w->find_regs = st->applied_tmp;
	sigscope_walk(w);
	if (w->found_ctx >= 0) {
		*method = SIGSCOPE_MATCH_BY_CONTEXT;
		return sigscope_walk_slot(w, w->found_ctx);
	}
	if (!w->newest_seq)
		return NULL;
	d = sigscope_walk_slot(w, w->newest);
	if (!d)
		return NULL;
	kind = d->frame_kind;
	len = kind == SIGSCOPE_FRAME_RT_X32	? RTX32_SIZE
	      : kind == SIGSCOPE_FRAME_RT_IA32	? RT32_SIZE
	      : kind == SIGSCOPE_FRAME_SIG_IA32 ? SIG32_SIZE
						: RT64_SIZE;
	if (len > sizeof(st->frame_tmp))
		return NULL;
	if (bpf_probe_read_user(st->frame_tmp, len, (void *)d->frame))
		return NULL;
	sigscope_frame_regs(kind, st->frame_tmp, st->regs_tmp);
	if (sigscope_regs_differ(st->regs_tmp, st->applied_tmp, sigscope_kind_is_ia32(kind)))
		return NULL;
	*method = SIGSCOPE_MATCH_BY_FRAME;
	return d;
}

/*
 * The exit of a sigreturn whose entry the kernel skipped: judged alone, from the registers the
 * kernel restored (authoritative), before they run (a kill at sys_exit lands before user mode).
 * They must be explained by a live delivery of the thread (explain_restored): paired with it,
 * the usual rules rank what the handler changed; else nothing vouches for them: forged (critical).
 * There is no frame address, call site or entry sp: the call-site rule is not applied. Built in
 * st->pending_ev, which holds nothing pending by now.
 */
static __always_inline void judge_exit_alone(struct task_struct *task, struct thread_state *st,
					     struct sigscope_delivery *d, __u32 method,
					     struct sigscope_walk *w, long ret, bool in_flight)
{
	struct sigscope_sigreturn_event *ev = &st->pending_ev;
	bool compat = task->thread_info.status & TS_COMPAT;
	__u32 kind = compat ? SIGSCOPE_FRAME_RT_IA32 : SIGSCOPE_FRAME_RT64;

	ev->hdr.type = SIGSCOPE_EV_RT_SIGRETURN;
	sigscope_current_ctx(&ev->hdr.ctx, &st->ctx_cache);
	ev->flags = SIGSCOPE_SR_APPLIED | SIGSCOPE_SR_ENTRY_MISSED;
	if ((ev->hdr.ctx.thread_start_ns < attached_ns || st->attach_inherited) && !st->exec_seen)
		ev->flags |= SIGSCOPE_SR_PREDATES;
	if (in_flight)
		ev->flags |= SIGSCOPE_SR_IN_FLIGHT;
	bpf_probe_read_kernel(ev->applied, sizeof(ev->applied), st->applied_tmp);
	ev->retval = ret;
	ev->pad = 0;
	ev->mismatch_mask = 0;
	ev->frame_err = 0;
	ev->frame_len = 0;
	ev->stack_len = 0;
	ev->stack_err = 0;
	ev->call_site = 0;
	ev->ustack = 0;
	/* Unmatched: no entry sp to judge a pivot against, and the finding is forged anyway. */
	ev->entry_sp = ev->applied[SIGSCOPE_REG_RSP];
	ev->entry_cs = ev->applied[SIGSCOPE_REG_CS];
	ev->entry_alt_sp = task->sas_ss_sp;
	ev->entry_alt_size = task->sas_ss_size;
	ev->depth = w->used;
	ev->abandoned = 0;
	if (d) {
		kind = d->frame_kind;
		ev->ustack = d->frame;
		ev->entry_cs = d->regs[SIGSCOPE_REG_CS]; /* a mode switch is judged against it */
		ev->match_status = SIGSCOPE_MATCH_MATCHED;
		ev->match_method = method;
		copy_delivery(&ev->delivery, d);
		d->seq = 0; /* returned through */
		st->depth = w->used - 1;
		ev->abandoned = st->abandoned;
		st->abandoned = 0;
	} else {
		ev->match_status = (ev->flags & SIGSCOPE_SR_PREDATES)
				       ? SIGSCOPE_MATCH_THREAD_PREDATES
				       : SIGSCOPE_MATCH_UNMATCHED;
		ev->match_method = SIGSCOPE_MATCH_BY_NONE;
		/* In flight at the attach: the frame below the sp it entered with, for the
		 * snapshot's record there (rules.bpf.h excuse_preexisting). */
		if (in_flight)
			ev->ustack = sigreturn_ustack(st->in_flight_sp, kind);
	}
	ev->frame_kind = kind;
	if (kind == SIGSCOPE_FRAME_RT_X32) {
		ev->abi = SIGSCOPE_ABI_X32;
		ev->syscall_nr = SIGSCOPE_NR_RT_SIGRETURN_X32;
	} else if (sigscope_kind_is_ia32(kind)) {
		ev->abi = (ev->entry_cs & 0xffff) == USER32_CS ? SIGSCOPE_ABI_IA32
							       : SIGSCOPE_ABI_IA32_FROM_64;
		ev->syscall_nr = kind == SIGSCOPE_FRAME_SIG_IA32 ? SIGSCOPE_NR_SIGRETURN_IA32
								 : SIGSCOPE_NR_RT_SIGRETURN_IA32;
	} else {
		ev->abi = SIGSCOPE_ABI_X86_64;
		ev->syscall_nr = SIGSCOPE_NR_RT_SIGRETURN_64;
	}
	count(SIGSCOPE_CNT_ENTRY_MISSED);
	if (fp_area_changed(ev, 1))
		ev->flags |= SIGSCOPE_SR_FP_CHANGED;
	evaluate_sigreturn(task, st, ev, ev->applied, true);
	read_stack_bytes(ev, ev->applied[SIGSCOPE_REG_RSP]);
	submit_sigreturn(ev);
}

/*
 * An ia32 frame's es and ds (pt_regs holds neither): read again at the exit, since a sibling can
 * rewrite them between the entry's read and the kernel's (red team round 16, a2_ds_race_m32).
 * When they differ, or cannot be read, the frame's copy takes what the exit saw (0: a selector
 * no check passes) and SIGSCOPE_CHANGED_SEGMENTS is returned, a mismatch like a register's. A
 * sibling that writes twice, back before this read, still wins: the window is the few hundred
 * nanoseconds between the kernel's read and this one. Noinline: no stack under the exit's.
 */
static __attribute__((noinline)) __u32 ia32_segments_reread(struct sigscope_sigreturn_event *ev)
{
	__u64 now = 0;
	__u32 off;

	if (!ev || !sigscope_kind_is_ia32(ev->frame_kind) || !(ev->flags & SIGSCOPE_SR_FRAME_OK))
		return 0;
	off = (ev->frame_kind == SIGSCOPE_FRAME_RT_IA32 ? RT32_MCONTEXT : SIG32_MCONTEXT) + SC32_ES;
	if (off > SIGSCOPE_FRAME_MAX - 8)
		return 0;
	bpf_probe_read_user(&now, sizeof(now), (void *)(ev->ustack + off)); /* 0 if unreadable */
	if (now == sigscope_ld64(ev->frame, off))
		return 0;
	bpf_probe_read_kernel(ev->frame + off, sizeof(now), &now);
	return SIGSCOPE_CHANGED_SEGMENTS;
}

/*
 * Mode full and the trampolines, exit half: regs are the registers the kernel restored
 * (authoritative). Which entry this exit completes, if any, is sigscope_exit_pairing's decision
 * (pairing.h): never "the last entry" unless the restored registers prove it this exit's own.
 * sigreturn_body: the hook is on a sigreturn body (fexit), not on every syscall's exit.
 */
static __always_inline int sigreturn_finish(struct task_struct *task, struct pt_regs *regs,
					    long ret, bool sigreturn_body, bool exit_guard)
{
	struct sigscope_sigreturn_event *ev;
	struct sigscope_delivery *d = NULL;
	struct thread_state *st;
	struct sigscope_walk w = {};
	__u32 method = SIGSCOPE_MATCH_BY_NONE;
	bool pending, plain, in_flight, frame_ok = false;
	__u32 mismatch = 0;
	int decision;

	if (!task_selected(task))
		return 0;
	st = state_get(task, true); /* an exit whose entry was skipped may need one */
	if (!st)
		return 0; /* its entry found no state either and judged it (judge_without_state) */
	/* The exit guard ran before this syscall's raw sys_exit: that one leaves the exit to it. */
	if (exit_guard) {
		st->exit_judged = 1;
	} else if (!sigreturn_body && st->exit_judged) {
		st->exit_judged = 0;
		return 0;
	}
	ev = &st->pending_ev;
	pending = st->pending;
	st->pending = 0;
	in_flight = st->in_flight_at_attach;
	st->in_flight_at_attach = 0;
	/* The restored registers, kept apart from the pending event until it is known to be ours */
	read_pt_regs(regs, st->applied_tmp);
	if (pending) {
		frame_ok = ev->flags & SIGSCOPE_SR_FRAME_OK;
		if (frame_ok) {
			sigscope_frame_regs(ev->frame_kind, ev->frame, st->regs_tmp);
			mismatch = sigscope_regs_differ(st->regs_tmp, st->applied_tmp,
							SIGSCOPE_ABI_IS_IA32(ev->abi));
			mismatch |= ia32_segments_reread(ev);
		}
		/* The FP area once more, where the kernel has restored from it (unreadable now:
		 * fail closed). A difference to what the entry compared is a mismatch. */
		if (!(ev->flags & SIGSCOPE_SR_FP_CHANGED) && fp_area_changed(ev, 1)) {
			ev->flags |= SIGSCOPE_SR_FP_CHANGED;
			if (frame_ok)
				mismatch |= SIGSCOPE_CHANGED_FPSTATE;
		}
		/* Exactly the frame the entry read and judged: its own exit, judged again only when
		 * the altstack it restored is not the delivery's, or not the uc_stack the entry
		 * read (uc_stack is not in the registers compared). */
		if (frame_ok && !mismatch && !altstack_edited(task, ev) &&
		    !altstack_rewritten(task, ev)) {
			bpf_probe_read_kernel(ev->applied, sizeof(ev->applied), st->applied_tmp);
			ev->retval = ret;
			ev->flags |= SIGSCOPE_SR_APPLIED;
			read_stack_bytes(ev, ev->applied[SIGSCOPE_REG_RSP]);
			submit_sigreturn(ev);
			return 0;
		}
	}
	/* Before every hook is attached (attached_ns unset), a sigreturn may have entered before
	 * its entry program was there: left unjudged, like a plain syscall's exit, and counted;
	 * unless it was still inside the kernel once they all were (in_flight), where its frame
	 * could be held unread (a userfaultfd page) until after the snapshot (red team round 14).
	 */
	plain = !in_flight && (bpf_ktime_get_ns() < attached_ns ||
			       (!sigreturn_body && (plain_syscall_return(st, ret) ||
						    (!pending && entries_never_skipped))));
	d = explain_restored(task, st, &w, &method);
	decision = sigscope_exit_pairing(pending, frame_ok, mismatch, d != NULL, plain,
					 exits_never_skipped);
	if (decision == SIGSCOPE_EXIT_OWN && pending) {
		/* The kernel restored something else than the frame the entry read: TOCTOU (or
		 * a frame unreadable at entry), judged again on what was restored. */
		__u8 enforced = ev->verdict.enforced;

		bpf_probe_read_kernel(ev->applied, sizeof(ev->applied), st->applied_tmp);
		ev->retval = ret;
		ev->flags |= SIGSCOPE_SR_APPLIED;
		ev->mismatch_mask = mismatch;
		if (mismatch)
			ev->flags |= SIGSCOPE_SR_MISMATCH;
		evaluate_sigreturn(task, st, ev, ev->applied, true);
		ev->verdict.enforced |= enforced;
		read_stack_bytes(ev, ev->applied[SIGSCOPE_REG_RSP]);
		submit_sigreturn(ev);
		return 0;
	}
	if (decision == SIGSCOPE_EXIT_STALE || decision == SIGSCOPE_EXIT_STALE_NOT_SIGRETURN) {
		ev->flags |= SIGSCOPE_SR_EXIT_MISSED; /* its exit was skipped: judged at entry */
		count(SIGSCOPE_CNT_EXIT_MISSED);
		submit_sigreturn(ev);
	}
	if (decision == SIGSCOPE_EXIT_NOT_SIGRETURN ||
	    decision == SIGSCOPE_EXIT_STALE_NOT_SIGRETURN) {
		count(SIGSCOPE_CNT_NOT_SIGRETURN);
		return 0;
	}
	judge_exit_alone(task, st, d, method, &w, ret, in_flight);
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
		return id == -1 && exit_hook ? mark_plain_entry(regs) : 0;
	task = bpf_get_current_task_btf();
	if (!sigreturn_kind(task, id, regs->cs, &abi, &kind))
		return 0;
	if (entry_guarded(kind))
		return 0; /* judged by its entry guard, which the kernel does not skip for us */
	return sigreturn_begin(task, regs, id, abi, kind);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_sigreturn, struct pt_regs *regs, long ret)
{
	/* restore_sigcontext() sets orig_ax = -1: every other syscall leaves here. */
	if ((long)regs->orig_ax != -1)
		return 0;
	return sigreturn_finish(bpf_get_current_task_btf(), regs, ret, false, false);
}

/* Mode light where the kernel has no kprobes (else the x86_64 kprobe guard judges those entries):
 * the per-syscall perf tracepoint, which never fires for compat (int $0x80) or x32 syscalls. */
SEC("tracepoint/syscalls/sys_enter_rt_sigreturn")
int sys_enter_rt_sigreturn_tp(void *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);

	return sigreturn_begin(task, regs, SIGSCOPE_NR_RT_SIGRETURN_64, SIGSCOPE_ABI_X86_64,
			       SIGSCOPE_FRAME_RT64);
}

#endif /* SIGSCOPE_SIGRETURN_BPF_H */
