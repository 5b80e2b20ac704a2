/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Signal hooks: tp_btf/signal_deliver pushes what the kernel is about to save in a frame (the
 * thread's outstanding deliveries); tp_btf/signal_generate reports who sent which signal to whom.
 */
#ifndef SIGSCOPE_SIGNAL_BPF_H
#define SIGSCOPE_SIGNAL_BPF_H

#include "sigscope.bpf.h"
#include "arch.bpf.h"
#include "pairing.bpf.h"

/*
 * Tests only: `make SIGSCOPE_PLANT_REFUSAL=signal_generate` (or =signal_deliver) builds, in a
 * build directory of its own, an object whose named program every verifier refuses: a scalar
 * dereferenced as a pointer, the shape of issue 15's real refusal. A macro, so the verifier's
 * source annotation names the line in this file where it is planted (tests/reliability checks
 * it). The normal build defines neither macro and carries none of this.
 */
#if defined(SIGSCOPE_PLANT_REFUSAL_SIGNAL_GENERATE) ||                                             \
    defined(SIGSCOPE_PLANT_REFUSAL_SIGNAL_DELIVER)
__u32 planted_sink;
#define SIGSCOPE_PLANTED_LOAD()                                                                    \
	(planted_sink = *(volatile __u32 *)(unsigned long)bpf_get_prandom_u32())
#endif

/*
 * Fault signals and SIGSYS a process queued itself (rt_sigqueueinfo and kin), not yet delivered:
 * per thread in its state (thread_state.queued_faults), per process here for those sent to the
 * whole group. A bit per signal number; a standard signal is pending at most once per queue.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);   /* tgid */
	__type(value, __u64); /* 64-bit: the BPF atomics clang 14 emits */
} queued_faults SEC(".maps");

/* A sent mark could not be kept (map full, no thread state); see kernel_fault(). */
__u32 queued_fault_lost;

/* signal_generate runs (it is loaded by default): without it no fault can be told from a queued
 * one, so none explains a skip (fail closed). */
const volatile bool fault_marks_on = true;

/*
 * In signal_generate, for a fault signal or SIGSYS the thread sends itself, thread-directed: is it
 * what a fault or a trapped syscall raises? A fault comes from an exception, so not inside a
 * syscall; SIGSYS comes from seccomp or Syscall User Dispatch at a syscall's entry, which rolled
 * the syscall back first (ax holds the syscall number again; inside any other syscall ax is
 * -ENOSYS). Neither rests on the si_code a sender chose (the kernel's F_SETSIG sender uses
 * SI_SIGIO for these signals, but a rule should not depend on every sender's care). The context it
 * was raised at is kept: kernel_fault() takes the signal for the kernel's only when its delivery
 * saves that very context (raised and delivered on one kernel entry). No state, no mark: fail
 * closed.
 */
static __always_inline void mark_self_raised(struct task_struct *task, int sig)
{
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	struct thread_state *st;
	bool in_syscall = (long)regs->orig_ax != -1;

	if (sig == SIGSCOPE_SIGSYS ? !in_syscall || regs->ax != regs->orig_ax : in_syscall)
		return;
	st = bpf_task_storage_get(&thread_states, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!st)
		return;
	st->raised_ip = regs->ip;
	st->raised_sp = regs->sp;
	st->raised_sig = sig;
}

/* In signal_generate, a signal the thread sends itself: could it be raised, not queued? Not
 * from inside a syscall that queues siginfo; but a SIGSYS raised at such a syscall's entry by
 * seccomp (which rolled it back: ax is its number again, where a syscall running has -ENOSYS)
 * is raised (red team round 26: a sandbox that traps rt_sigqueueinfo had every later SIGSYS
 * taken for a queued one, its emulated results judged unexplained). */
static __always_inline bool self_raised_shape(struct task_struct *task, int sig)
{
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);

	if (sig == SIGSCOPE_SIGSYS && regs->ax == regs->orig_ax)
		return true;
	return !sigscope_queues_siginfo(regs->orig_ax);
}

/*
 * In signal_generate: will this signal stop a traced thread for its tracer (ptrace_signal), in a
 * stop where the tracer may edit its live frames (sigscope_explain's TRACER), by the tracer's
 * doing? A signal the tracer sent (gdb stops threads with SIGSTOP), or a trap of the thread's
 * own code (a breakpoint, a single step, a watchpoint). Not a signal anyone else sends a traced
 * process: red team round 42 sent a blocked one, which never stopped the thread, and any
 * unblocked one would stop it for a tracer that only passes signals on and edits nothing.
 */
static __always_inline bool tracer_stop(struct task_struct *task, struct task_struct *target,
					int sig, const struct sigscope_siginfo *si)
{
	if (!target->ptrace || sig == 9 /* SIGKILL */)
		return false;
	if (task->tgid == target->parent->tgid) /* while traced, parent is the tracer */
		return true;
	return sig == SIGSCOPE_SIGTRAP && task == target && si->valid &&
	       sigscope_trap_of_insn(si->code) && self_raised_shape(task, sig);
}

/* In signal_generate: anyone else sent a fault signal or SIGSYS with a fault's si_code. */
static __always_inline void mark_queued_fault(struct task_struct *target, int sig, int group)
{
	__u64 bit = 1ULL << ((sig - 1) & 31), *bits;
	__u32 tgid = target->tgid;
	struct thread_state *st;

	if (group) {
		bits = bpf_map_lookup_elem(&queued_faults, &tgid);
		if (bits) {
			__sync_fetch_and_or(bits, bit);
			return;
		}
		if (bpf_map_update_elem(&queued_faults, &tgid, &bit, BPF_NOEXIST) == 0)
			return;
		bits = bpf_map_lookup_elem(&queued_faults, &tgid); /* another CPU made it */
		if (bits) {
			__sync_fetch_and_or(bits, bit);
			return;
		}
	} else {
		st =
		    bpf_task_storage_get(&thread_states, target, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
		if (st) {
			__sync_fetch_and_or(&st->queued_faults, bit);
			return;
		}
	}
	queued_fault_lost = 1;
}

/*
 * Did signal_generate see a process queue this fault signal to the thread (st's mark) or its
 * process (still marked)? retire: a mark whose signal is no longer pending goes. Also asked in
 * the attach window, where a fault with no self-raised mark may be the kernel's, raised before
 * signal_generate was there, but one it saw queued is not (red team round 26, a self-queued
 * SIGBUS timed into the attach by a userfaultfd oracle: srop_attach_spoofed_fault).
 */
static __always_inline bool fault_queued(struct task_struct *task, struct thread_state *st, int sig,
					 bool retire)
{
	__u64 bit = 1ULL << ((sig - 1) & 31), *bits;
	__u32 tgid = task->tgid;
	bool queued = false;

	if (st && (st->queued_faults & bit)) {
		queued = true;
		if (retire && !(task->pending.signal.sig[0] & bit))
			__sync_fetch_and_and(&st->queued_faults, ~bit);
	}
	bits = bpf_map_lookup_elem(&queued_faults, &tgid);
	if (bits && (*bits & bit)) {
		queued = true;
		if (retire && !(task->signal->shared_pending.signal.sig[0] & bit))
			__sync_fetch_and_and(bits, ~bit);
	}
	return queued;
}

/*
 * In signal_deliver: is this fault signal (or SIGSYS) one the kernel raised for this thread's own
 * instruction or syscall? Only with positive evidence: signal_generate saw the thread raise it on
 * itself as a fault or a trapped syscall does, at the context (ip, sp) this delivery saves
 * (consumed here), and none sent by anyone else was pending for this thread or its process (then
 * either may be this one: both are taken as sent). The sent marks go once no such
 * signal is pending any more. A signal_generate the kernel skipped leaves no evidence: nothing is
 * explained by it (fail closed).
 */
static __always_inline bool kernel_fault(struct task_struct *task, int sig, __u64 ip, __u64 sp)
{
	struct thread_state *st = bpf_task_storage_get(&thread_states, task, 0, 0);

	if (!st || st->raised_sig != (__u64)sig)
		return false;
	st->raised_sig = 0;
	if (st->raised_ip != ip || st->raised_sp != sp)
		return false;
	/* A sent mark that could not be kept (queued_fault_lost) costs nothing here any more: the
	 * self-raised mark binds the delivery to the context that really faulted, so a sent
	 * siginfo delivered in its place still describes a fault of that very instruction. The
	 * sent marks are a second line; a global latch on a full map would let one user turn off
	 * every skip on the machine (red team round 5). */
	if (!fault_marks_on)
		return false;
	return !fault_queued(task, st, sig, true);
}

/*
 * siginfo may be SEND_SIG_NOINFO (0) or SEND_SIG_PRIV (1) rather than a pointer, so newer kernels
 * type this argument a maybe-NULL pointer or a scalar (6.18.44: a scalar, "may encode error"), and
 * a direct load is refused there. Every field goes through a CO-RE probe read, which every kernel
 * accepts and which reads 0 where the pointer is bad (see "Hook arguments" in sigscope.bpf.h).
 */
static __always_inline void read_siginfo(struct sigscope_siginfo *out, struct kernel_siginfo *info)
{
	if ((unsigned long)info < 4096) {
		out->valid = 0;
		return;
	}
	out->valid = 1;
	out->signo = BPF_CORE_READ(info, si_signo);
	out->errno_ = BPF_CORE_READ(info, si_errno);
	out->code = BPF_CORE_READ(info, si_code);
	out->pid = BPF_CORE_READ(info, _sifields._kill._pid);
	out->uid = BPF_CORE_READ(info, _sifields._kill._uid);
	out->addr = (__u64)BPF_CORE_READ(info, _sifields._sigfault._addr);
}

/*
 * The length of the instruction a synchronous fault interrupted, decoded from the bytes there now,
 * before the handler runs (a handler that then skips it moves rip by exactly this). 0: unreadable,
 * not a valid instruction, or one that exists only to trap (ud2), which explains nothing.
 */
#define FAULT_INSN_BYTES 15 /* the longest x86 instruction */

/* Global, checked once: inlined, its table walk was verified again on every path of the
 * delivery program that reached it. */
__attribute__((noinline)) int sigscope_fault_insn_len(__u64 ip, int compat)
{
	/* Twice the longest: the verifier may lose the decoder's bounds check on an index (kept
	 * in another register), and then needs any index it still knows the range of in bounds. */
	__u8 b[2 * 16] = {};
	__u32 n = FAULT_INSN_BYTES;
	int mode = compat ? SIGSCOPE_INSN_32 : SIGSCOPE_INSN_64;

	/* The instruction may end just before an unmapped page: read what is there. */
	if (bpf_probe_read_user(b, FAULT_INSN_BYTES, (void *)ip) != 0) {
		n = 4096 - (ip & 4095);
		if (n >= FAULT_INSN_BYTES || bpf_probe_read_user(b, n & 15, (void *)ip) != 0)
			return 0;
	}
	/* A trap by design (ud2 and kin) is no instruction a handler emulates, and skipping a
	 * jump, call, return, push or pop is no emulation either: nothing to skip. */
	if (sigscope_insn_is_trap(b, n, mode) || sigscope_insn_moves_flow(b, n, mode))
		return 0;
	return sigscope_insn_len(b, n, mode);
}

/* Which unit raised a kernel SIGFPE, by the trap the thread took (math_error()): the x87's (#MF,
 * 16) or SSE's (#XM, 19); an integer division's (#DE, 0) is neither. */
static __always_inline __u32 math_unit(struct task_struct *task, int sig)
{
	unsigned long trap;

	if (sig != SIGSCOPE_SIGFPE)
		return 0;
	trap = BPF_CORE_READ(task, thread.trap_nr);
	if (trap == 16)
		return SIGSCOPE_DLV_MATH_X87;
	return trap == 19 ? SIGSCOPE_DLV_MATH_SIMD : 0;
}

/*
 * A memory fault on fetching the instruction at rip (si_addr within its bytes: a page made
 * non-executable under it, red team round 23): it never ran, so no length is recorded to skip it
 * by. SIGILL and SIGFPE report rip itself as si_addr and are not fetches.
 */
static __always_inline bool fetch_fault(const struct sigscope_delivery *d,
					struct kernel_siginfo *info)
{
	__u64 addr = (__u64)BPF_CORE_READ(info, _sifields._sigfault._addr);

	return (d->sig == SIGSCOPE_SIGSEGV || d->sig == SIGSCOPE_SIGBUS) &&
	       addr - d->regs[SIGSCOPE_REG_RIP] < FAULT_INSN_BYTES;
}

/* A handler is about to run: ask user space to read the process's mappings while it still can
 * (sigscope.bpf.h maps_hints), at most once a second per thread, whether or not -e writes the
 * delivery. */
static __always_inline void request_maps(struct task_struct *task, struct thread_state *st,
					 __u64 now)
{
	struct sigscope_maps_hint *h;
	struct file *exe;

	if (now - st->maps_hint_ns < 1000000000ULL)
		return;
	st->maps_hint_ns = now;
	h = bpf_ringbuf_reserve(&maps_hints, sizeof(*h), 0);
	if (!h) {
		count(SIGSCOPE_CNT_MAPS_HINT_LOST);
		return;
	}
	exe = task->mm ? task->mm->exe_file : NULL;
	h->tgid = task->tgid;
	h->pad = 0;
	h->exe_ino = exe ? exe->f_inode->i_ino : 0;
	bpf_ringbuf_submit(h, 0);
}

/*
 * TP_PROTO(int sig, struct kernel_siginfo *info, struct k_sigaction *ka). Fires in get_signal()
 * before handle_signal() fixes up a restarted syscall and writes the frame, for every delivered
 * signal (also default and ignored actions).
 */
SEC("tp_btf/signal_deliver")
int BPF_PROG(signal_deliver, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct sigscope_signal_deliver_event *ev;
	struct thread_state *st = NULL;
	struct sigscope_delivery *d;
	struct pt_regs *regs;
	__u32 zero = 0;
	__u64 ax, ip;
	bool compat, kernel_raised, selected;

#ifdef SIGSCOPE_PLANT_REFUSAL_SIGNAL_DELIVER
	SIGSCOPE_PLANTED_LOAD(); /* sigscope-planted-refusal */
#endif
	selected = task_selected(task);
	if (!selected && !scope_can_grow())
		return 0; /* else paired, not shown: the process may be in scope by its return */
	/* Built in per-CPU scratch first: the pairing state needs it even if the ring is full. */
	d = bpf_map_lookup_elem(&delivery_scratch, &zero);
	if (!d)
		return 0;
	d->ts_ns = bpf_ktime_get_ns();
	d->sig = sig;
	d->handler = (__u64)ka->sa.sa_handler;
	d->restorer = (__u64)ka->sa.sa_restorer;
	d->sa_flags = ka->sa.sa_flags;
	d->sa_mask = ka->sa.sa_mask.sig[0];
	d->blocked = task->blocked.sig[0];
	d->altstack_sp = task->sas_ss_sp;
	d->altstack_size = task->sas_ss_size;
	d->altstack_flags = task->sas_ss_flags;
	compat = d->sa_flags & SIGSCOPE_SA_IA32_ABI;
	d->flags = 0;
	d->seq = 0;
	d->frame = d->frame_top = 0;
	d->frame_kind = d->xstate_size = 0;
	d->si_code = (unsigned long)info < 4096 ? 0 : BPF_CORE_READ(info, si_code);
	d->insn_len = 0;
	d->tracer_stops = 0;
	d->fault_addr = 0;

	regs = (struct pt_regs *)bpf_task_pt_regs(task);
	read_pt_regs(regs, d->regs);
	/* A debugger's single step (TIF_FORCED_TF, bit 24 from 2.6 to 7.x) is switched off before
	 * the frame is written (handle_signal(), user_disable_single_step()): the frame holds TF
	 * clear, as the kernel fixes it up (red team round 30: gdb's stepi or next into a handler
	 * was killed for "clearing" TF). Only in a traced task. */
	if (task->ptrace) {
		d->flags |= SIGSCOPE_DLV_TRACED;
		if (syscall_traced(task))
			d->flags |= SIGSCOPE_DLV_SYSCALL_TRACED;
		if (task->thread_info.flags & (1ul << 24))
			d->regs[SIGSCOPE_REG_EFLAGS] &= ~SIGSCOPE_EFLAGS_TF;
	}
	/* Consumed at every delivery of the signal, also one without a handler. During the attach
	 * (before attached_ns) a fault may have been raised before signal_generate was there to
	 * mark it: its si_code is taken as the kernel's then (red team round 11 saw runtimes killed
	 * under -p for it); a queued fake one would have to be timed into sigscope's start-up. */
	kernel_raised =
	    sigscope_kernel_marked_sig(sig) && d->si_code > 0 &&
	    (kernel_fault(task, sig, d->regs[SIGSCOPE_REG_RIP], d->regs[SIGSCOPE_REG_RSP]) ||
	     (bpf_ktime_get_ns() < attached_ns &&
	      !fault_queued(task, bpf_task_storage_get(&thread_states, task, 0, 0), sig, false)));
	ax = d->regs[SIGSCOPE_REG_RAX];
	ip = d->regs[SIGSCOPE_REG_RIP];
	d->flags |= sigscope_apply_restart(&ax, &ip, regs->orig_ax, d->sa_flags,
					   task->thread_info.status & TS_COMPAT);
	d->regs[SIGSCOPE_REG_RAX] = ax;
	d->regs[SIGSCOPE_REG_RIP] = ip;
	if (compat) {
		d->flags |= SIGSCOPE_DLV_COMPAT;
		for (int i = 0; i < SIGSCOPE_NREGS; i++)
			d->regs[i] &= 0xffffffffULL; /* the ia32 frame keeps 32-bit registers */
	}

	if (d->handler > 1) { /* not SIG_DFL / SIG_IGN: a frame is written, a sigreturn expected */
		d->flags |= SIGSCOPE_DLV_HANDLER;
		if (kernel_raised)
			d->flags |= SIGSCOPE_DLV_KERNEL_FAULT | math_unit(task, sig);
		/* An x87 exception is raised at the next waiting x87 instruction, not at the one
		 * that caused it (red team round 25), and an illegal instruction (SIGILL) never
		 * ran, whichever opcode it is (round 28: a `lock nop` guard): nothing there to
		 * skip. */
		if (sigscope_sync_fault(d) && !fetch_fault(d, info) &&
		    !(d->flags & SIGSCOPE_DLV_MATH_X87) && sig != SIGSCOPE_SIGILL)
			d->insn_len = sigscope_fault_insn_len(d->regs[SIGSCOPE_REG_RIP], compat);
		/* A memory fault's address and access, to look its cause up again at the
		 * sigreturn (judge.h sigscope_fault_stands). */
		if (d->insn_len && sigscope_fault_reread(d)) {
			d->fault_addr = (__u64)BPF_CORE_READ(info, _sifields._sigfault._addr);
			if (BPF_CORE_READ(task, thread.error_code) & 2 /* X86_PF_WRITE */)
				d->flags |= SIGSCOPE_DLV_FAULT_WRITE;
		}
		predict_frame(task, d);
		st = state_get(task, true);
	}
	if (st) {
		d->tracer_stops = (__u8)st->tracer_stops; /* this signal's own stop is before */
		push_delivery(task, st, d);
		/* Its FP area is kept once the kernel has written it (fpstate.bpf.h). */
		st->fp_wanted = d->frame_kind == SIGSCOPE_FRAME_RT64 ? d->seq : 0;
		st->rseq_window = d->seq;
		st->fp_switches = task->nvcsw + task->nivcsw;
	}
	if (!selected)
		return 0;
	if (st && (d->flags & SIGSCOPE_DLV_HANDLER))
		request_maps(task, st, d->ts_ns);
	if (!event_on(SIGSCOPE_EV_SIGNAL_DELIVER))
		return 0;
	/* One reserve, one NULL test: the 6.1 verifier loses track of a re-tested ring pointer. */
	ev = record_reserve(SIGSCOPE_EV_SIGNAL_DELIVER, sizeof(*ev));
	if (!ev)
		return 0;
	ev->depth = st ? st->depth : 0;
	ev->pad = 0;
	fill_ctx_st(&ev->hdr.ctx, st);
	read_siginfo(&ev->info, info);
	copy_delivery(&ev->dlv, d);
	record_submit(ev);
	return 0;
}

/*
 * TP_PROTO(unsigned long regs_ip, unsigned long start_ip, unsigned long post_commit_offset,
 * unsigned long abort_ip). The kernel's rseq fix-up (kernel/rseq.c): an interrupted ip inside an
 * rseq critical section moves to the section's abort handler. On a signal delivery it runs in
 * setup_rt_frame(), after signal_deliver saved the context and before the frame is written, so
 * the frame holds abort_ip: part of what the kernel saves, like the restart fix-up. Both ips come
 * from the kernel, which has checked the abort handler's signature. Applied to the newest
 * delivery only while its frame is being set up (rseq_signal_deliver() comes first in
 * setup_rt_frame(), before any activation of the FPU registers closes the window), and only when
 * it saved exactly the context being fixed up. A later fix-up at that same (ip, sp), which a
 * handler can recreate by returning there through a syscall with an rseq_cs armed (red team
 * round 23, srop_rseq_poison), changes nothing.
 */
SEC("tp_btf/rseq_ip_fixup")
int BPF_PROG(rseq_ip_fixup, unsigned long regs_ip, unsigned long start_ip,
	     unsigned long post_commit_offset, unsigned long abort_ip)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct thread_state *st = bpf_task_storage_get(&thread_states, task, 0, 0);
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	struct sigscope_delivery *d;
	struct sigscope_walk w;
	__u64 width;

	if (!st)
		return 0; /* in scope or not: a thread with state has its deliveries paired */
	thread_slots(task, st, &w, false);
	d = sigscope_walk_slot(&w, st->newest_slot);
	if (!d || d->seq != st->seq || !(d->flags & SIGSCOPE_DLV_HANDLER) ||
	    st->rseq_window != d->seq)
		return 0;
	st->rseq_window = 0;
	width = (d->flags & SIGSCOPE_DLV_COMPAT) ? 0xffffffffULL : ~0ULL;
	if (d->regs[SIGSCOPE_REG_RIP] != (regs_ip & width) ||
	    d->regs[SIGSCOPE_REG_RSP] != (regs->sp & width))
		return 0;
	d->regs[SIGSCOPE_REG_RIP] = abort_ip & width;
	d->flags |= SIGSCOPE_DLV_RSEQ_ABORT;
	/* The length was measured at the faulting rip, not at abort_ip: no skip is explained from
	 * there (red team round 13: abort_ip plus that length passed as an instruction skip). */
	d->insn_len = 0;
	return 0;
}

/* TP_PROTO(int sig, struct kernel_siginfo *info, struct task_struct *task, int group, int res) */
SEC("tp_btf/signal_generate")
int BPF_PROG(signal_generate, int sig, struct kernel_siginfo *info, struct task_struct *target,
	     int group, int result)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct sigscope_signal_generate_event *ev;
	struct sigscope_siginfo si;
	bool selected;

#ifdef SIGSCOPE_PLANT_REFUSAL_SIGNAL_GENERATE
	SIGSCOPE_PLANTED_LOAD(); /* sigscope-planted-refusal */
#endif
	selected = task_selected(task) || task_selected(target);
	if (!selected && !scope_can_grow())
		return 0; /* else marked, not shown: its delivery is paired (scope_can_grow) */
	read_siginfo(&si, info);
	if (tracer_stop(task, target, sig, &si)) {
		struct thread_state *tst = bpf_task_storage_get(&thread_states, target, 0, 0);

		if (tst)
			__sync_fetch_and_add(&tst->tracer_stops, 1);
	}
	/* Detection first, whatever -e prints. A fault or SIGSYS is evidence only when the thread
	 * raised it on itself, for itself (force_sig_fault, seccomp). Anything else with a positive
	 * si_code is marked as sent: a siginfo queued by a syscall, and the kernel's other senders
	 * (a child's exit signal may be SIGSEGV with CLD_EXITED, 1, SEGV_MAPERR's value). */
	if (si.valid && si.code > 0 && sigscope_kernel_marked_sig(sig)) {
		if (task == target && !group && self_raised_shape(task, sig))
			mark_self_raised(target, sig);
		else
			mark_queued_fault(target, sig, group);
	}
	if (!selected || !event_on(SIGSCOPE_EV_SIGNAL_GENERATE))
		return 0;
	ev = record_reserve(SIGSCOPE_EV_SIGNAL_GENERATE, sizeof(*ev));
	if (!ev)
		return 0;
	ev->sig = sig;
	ev->pad = 0;
	ev->code = si.valid ? si.code : ((unsigned long)info == 1 ? 0x80 : 0); /* PRIV: SI_KERNEL */
	ev->errno_ = si.valid ? si.errno_ : 0;
	ev->group = group;
	ev->result = result;
	ev->target_pid = target->tgid;
	ev->target_tid = target->pid;
	bpf_probe_read_kernel_str(ev->target_comm, sizeof(ev->target_comm), target->comm);
	fill_ctx_st(&ev->hdr.ctx, bpf_task_storage_get(&thread_states, task, 0, 0));
	record_submit(ev);
	return 0;
}

#endif /* SIGSCOPE_SIGNAL_BPF_H */
