/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Process lifecycle: tp_btf/sched_process_{fork,exit,exec} (sticky scope, fork inherits
 * outstanding deliveries, exec ends them) and iter/task, run once after the attach to record each
 * existing thread.
 */
#ifndef SIGSCOPE_PROCESS_BPF_H
#define SIGSCOPE_PROCESS_BPF_H

#include "sigscope.bpf.h"
#include "arch.bpf.h"
#include "pairing.bpf.h"
#include "fpstate.bpf.h"

/*
 * A new task (process or thread): in scope if its parent is (scope is inherited). A forked
 * process also inherits the forking thread's outstanding deliveries: fork() inside a handler
 * gives a child that returns through the same frames, at the same addresses, in its copy of the
 * memory. A new thread starts on its own stack with no handler to return from.
 */
/* One overflow block of a forked child from its parent's (either may be missing: counted). */
static __always_inline void copy_block(struct sigscope_delivery *to, struct sigscope_delivery *from)
{
	if (to && from)
		bpf_probe_read_kernel(to, SIGSCOPE_SLOTS_BLOCK * sizeof(*to), from);
}

struct inherit_ctx {
	__u32 parent, child;
};

static long copy_attach_frame(struct bpf_map *map, struct sigscope_attach_frame_key *key,
			      struct sigscope_attach_frame *val, struct inherit_ctx *c)
{
	struct sigscope_attach_frame_key k = {.tid = c->child, .frame = key->frame};

	if (key->tid == c->parent && bpf_map_update_elem(&attach_frames, &k, val, BPF_NOEXIST))
		count(SIGSCOPE_CNT_SNAPSHOT_INHERIT_FAIL);
	return 0;
}

/* follow_exit: an exiting thread's frames recorded at attach (key->tid == *tid). */
static long drop_attach_frame(struct bpf_map *map, struct sigscope_attach_frame_key *key,
			      struct sigscope_attach_frame *val, __u32 *tid)
{
	if (key->tid == *tid)
		bpf_map_delete_elem(map, key);
	return 0;
}

static __always_inline void mark_inherited(struct task_struct *child)
{
	struct thread_state *cst =
	    bpf_task_storage_get(&thread_states, child, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);

	if (cst)
		cst->attach_inherited = 1;
	else
		count(SIGSCOPE_CNT_STATE_FAIL);
}

/*
 * A process forked by a thread older than sigscope (a daemon respawning a worker from a handler
 * it was inside when sigscope attached): the child returns through the same frames, at the same
 * addresses, in its copy of the memory, so it is an older thread too, with a copy of its
 * parent's attach state, window and recorded frames (red team round 17, fp2). The frames are
 * copied only from a parent the snapshot recorded some for (a walk over the whole map).
 */
static __always_inline void inherit_attach(struct task_struct *parent, struct task_struct *child,
					   struct thread_state *pst)
{
	struct inherit_ctx c = {.parent = parent->pid, .child = child->pid};
	struct sigscope_attach_state *pa, *ca;
	struct sigscope_attach_thread *pt, ct;

	if (pst && pst->exec_seen)
		return; /* exec'd since the attach: none of its frames is older than sigscope */
	if (!(pst && pst->attach_inherited) && parent->start_time >= attached_ns)
		return;
	/* (Tested one at a time: the verifier refuses two map pointers or'ed into one test.) */
	pa = bpf_task_storage_get(&attach_states, parent, 0, 0);
	if (pa) {
		ca = bpf_task_storage_get(&attach_states, child, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
		if (ca)
			__builtin_memcpy(ca, pa, sizeof(*ca));
		else
			count(SIGSCOPE_CNT_STATE_FAIL);
		mark_inherited(child);
	}
	pt = bpf_map_lookup_elem(&attach_threads, &c.parent);
	if (!pt)
		return;
	mark_inherited(child);
	__builtin_memcpy(&ct, pt, sizeof(ct));
	ct.tgid = child->tgid;
	if (bpf_map_update_elem(&attach_threads, &c.child, &ct, BPF_ANY)) {
		count(SIGSCOPE_CNT_SNAPSHOT_INHERIT_FAIL);
		return;
	}
	if (ct.scanned && ct.frames)
		bpf_for_each_map_elem(&attach_frames, copy_attach_frame, &c, 0);
}

/* The kept FP area of the newest delivery goes with it (fpstate.bpf.h): the child returns
 * through that frame, and without it the return would fail closed. */
static __always_inline void inherit_fp_area(struct task_struct *parent, struct task_struct *child)
{
	struct fp_baseline *pfb = bpf_task_storage_get(&fp_baselines, parent, 0, 0), *cfb;

	if (!pfb || !pfb->seq)
		return;
	cfb = bpf_task_storage_get(&fp_baselines, child, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (cfb)
		bpf_probe_read_kernel(cfb, sizeof(*cfb), pfb);
	else
		count(SIGSCOPE_CNT_FP_UNKEPT);
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(follow_fork, struct task_struct *parent, struct task_struct *child)
{
	struct thread_state *pst, *cst;
	struct sigscope_walk pw, cw;
	bool selected = task_selected(parent);

	if (!selected && !scope_can_grow())
		return 0; /* else its deliveries are inherited all the same (scope_can_grow) */
	if (selected && any_filter())
		scope_mark(child);
	if (child->tgid == parent->tgid)
		return 0;
	/* A CLONE_VM child shares the frames' memory: they stay its parent's alone, or one frame
	 * could be returned through twice (red team round 27, srop_clonevm_replay). */
	if (child->mm == parent->mm)
		return 0;
	pst = bpf_task_storage_get(&thread_states, parent, 0, 0);
	inherit_attach(parent, child, pst);
	if (!pst || !pst->depth)
		return 0;
	cst = bpf_task_storage_get(&thread_states, child, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!cst) {
		count(SIGSCOPE_CNT_STATE_FAIL);
		return 0;
	}
	bpf_probe_read_kernel(cst->slots, sizeof(cst->slots), pst->slots);
	cst->depth = pst->depth;
	cst->seq = pst->seq;
	count_add(SIGSCOPE_CNT_FORK_INHERITED, pst->depth);
	inherit_fp_area(parent, child);
	if (!pst->has_overflow)
		return 0;
	thread_slots(parent, pst, &pw, false);
	thread_slots(child, cst, &cw, true);
	copy_block(cw.b0, pw.b0);
	copy_block(cw.b1, pw.b1);
	copy_block(cw.b2, pw.b2);
	copy_block(cw.b3, pw.b3);
	return 0;
}

/* A sigreturn still pending when its thread exits or execs: its exit was skipped (7.0+), and no
 * later entry will report it. Judged, and enforced, at entry: reported so, not lost. */
static __always_inline void flush_pending(struct thread_state *st)
{
	if (!st->pending)
		return;
	st->pending = 0;
	st->pending_ev.flags |= SIGSCOPE_SR_EXIT_MISSED;
	count(SIGSCOPE_CNT_EXIT_MISSED);
	submit_sigreturn(&st->pending_ev);
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(follow_exit, struct task_struct *p)
{
	struct thread_state *st = bpf_task_storage_get(&thread_states, p, 0, 0);
	__u32 tgid = p->tgid, tid = p->pid;

	if (st && st->depth)
		count_add(SIGSCOPE_CNT_ABANDONED, st->depth); /* died inside handlers */
	if (st)
		flush_pending(st);
	/* An older thread's snapshot goes with it: its tid comes back for another task, and a
	 * fork child given it would have found the dead thread's frames excused (red team round
	 * 31, D: a dead thread's interrupted context resumed in a child that never had it). */
	if (bpf_map_lookup_elem(&attach_threads, &tid)) {
		bpf_map_delete_elem(&attach_threads, &tid);
		bpf_for_each_map_elem(&attach_frames, drop_attach_frame, &tid, 0);
	}
	/* do_exit() drops signal->live before this tracepoint: 0 means the process's last thread
	 * is leaving, so its tgid may be reused and must not inherit the scope. */
	if (!p->signal->live.counter) {
		if (bpf_map_delete_elem(&process_scope, &tgid) == 0)
			__sync_fetch_and_sub(&scope_processes, 1);
		bpf_map_delete_elem(&queued_faults, &tgid); /* or a full map fails every skip */
	}
	return 0;
}

/*
 * Once, right after every hook is attached (user space reads this iterator): what each thread that
 * already exists looks like, so that a frame it returns through later can be judged against state
 * captured before it could be forged (sigscope_excusable), and the scope filters applied to it
 * while its comm is still the one it started with.
 */
/* The bounds of the VMA holding a thread's sp at attach (ctx: a struct vma_probe on the stack;
 * vma_probe_cb writes the judging thread's own state instead). */
static long attach_vma_cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx)
{
	struct vma_probe *p = ctx;

	p->start = vma->vm_start;
	p->end = vma->vm_end;
	p->flags = vma->vm_flags;
	p->ino = vma->vm_file ? 1 : 0; /* only: is it a file's */
	return 0;
}

#define VM_WRITE_FLAG 0x2ULL
#define VM_EXEC_FLAG  0x4ULL

/*
 * The stack sp is on, as one range: its VMA and the writable anonymous ones that continue it
 * without a gap, up to the snapshot's reach. mlock() or mprotect() on part of a stack splits its
 * VMA, and a handler that locks a stack buffer leaves its sp and its frame in different pieces
 * (red team round 18, FP4: the frame was beyond the window and its return killed as forged).
 */
static __always_inline void stack_range(struct task_struct *task, struct sigscope_attach_state *a)
{
	struct vma_probe p = {};

	if (bpf_find_vma(task, a->sp, attach_vma_cb, &p, 0) != 0)
		return;
	a->stack_start = p.start;
	a->stack_end = p.end;
#pragma clang loop unroll(full)
	for (int i = 0; i < 4; i++) {
		struct vma_probe q = {};

		if (a->stack_end - a->sp >= SIGSCOPE_SNAPSHOT_REACH ||
		    bpf_find_vma(task, a->stack_end, attach_vma_cb, &q, 0) != 0 ||
		    q.start != a->stack_end || q.ino || !(q.flags & VM_WRITE_FLAG) ||
		    (q.flags & VM_EXEC_FLAG))
			return;
		a->stack_end = q.end;
	}
}

/* The file a code VMA maps, as the judging lookups key it (rules.bpf.h vma_probe_cb), and
 * where. */
struct code_map {
	struct sigscope_exe_key key;
	__u64 start, end;
};

static long code_file_cb(struct task_struct *task, struct vm_area_struct *vma, void *ctx)
{
	struct code_map *c = ctx;
	struct file *f = vma->vm_file;

	if (f) {
		module_key_of(f->f_inode, &c->key);
		c->start = vma->vm_start;
		c->end = vma->vm_end;
	}
	return 0;
}

static __always_inline bool module_read(const struct sigscope_exe_key *key)
{
	return module_profile(key) & SIGSCOPE_PROFILE_SCANNED;
}

/* An executable user space has not read: ask for it now, before the program's runtime starts
 * (its profile decides whether its handlers' redirects are explained: judge.h). Its code may be
 * mapped from another file than mm->exe_file (overlayfs): that one is named too, with where it
 * is mapped, since the redirects are looked up by the mapping's file. only_other: ask only for
 * such a process (at attach, where user space reads every running executable itself). */
static __always_inline void request_profile(struct task_struct *p, bool only_other)
{
	struct code_map code = {};
	struct sigscope_exe_key key;
	struct sigscope_module_request *rq;
	bool other;

	module_key_of(p->mm->exe_file->f_inode, &key);
	bpf_find_vma(p, p->mm->start_code, code_file_cb, &code, 0); /* busy: none named */
	other = code.key.ino && (code.key.ino != key.ino || code.key.dev != key.dev);
	if (!other)
		code.key.ino = 0;
	/* The dynamic loader exec'd (`ld.so PROG`): the program it maps next is read through it,
	 * every time (profiles.c read_loaded_program). */
	if ((only_other && !other) || (module_read(&key) && (!other || module_read(&code.key)) &&
				       !(module_profile(&key) & SIGSCOPE_PROFILE_LOADER)))
		return;
	rq = bpf_ringbuf_reserve(&module_requests, sizeof(*rq), 0);
	if (!rq) {
		count(SIGSCOPE_CNT_PROFILE_REQUEST_LOST);
		return;
	}
	rq->tgid = p->tgid;
	rq->dev = key.dev;
	rq->ino = key.ino;
	rq->code = code.key;
	rq->code_start = code.start;
	rq->code_end = code.end;
	bpf_ringbuf_submit(rq, 0); /* wakes user space: the program is starting */
}

/*
 * Once, before any hook is attached (user space reads this iterator, then the requests): the
 * running processes whose code is mapped from another file than their executable, so that their
 * profiles exist before the first redirect is judged (user space reads the executables of the
 * others itself, also before the attach).
 */
SEC("iter/task")
int request_profiles(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (task && task->mm && !(task->flags & 0x00200000 /* PF_KTHREAD */) &&
	    task->pid == task->tgid)
		request_profile(task, true);
	return 0;
}

SEC("iter/task")
int capture_threads(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	struct sigscope_attach_state *a;
	struct pt_regs *regs;

	if (!task || !task->mm || (task->flags & 0x00200000 /* PF_KTHREAD */))
		return 0;
	if (any_filter() && task_matches(task))
		scope_mark(task);
	if (task->pid == task->tgid)
		request_profile(task, true); /* user space reads the executables themselves */
	a = bpf_task_storage_get(&attach_states, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!a) {
		count(SIGSCOPE_CNT_STATE_FAIL);
		return 0;
	}
	regs = (struct pt_regs *)bpf_task_pt_regs(task);
	a->sp = regs->sp;
	a->alt_sp = task->sas_ss_sp;
	a->alt_size = task->sas_ss_size;
	stack_range(task, a);
	a->valid = 1;
	return 0;
}

/* Processes with a sigreturn held in a sleeping fault at the attach (mark_in_flight), for user
 * space: where no exit hook of ours sees that sigreturn (modes enter and light, the
 * trampolines), --enforce kills them (fail closed) and detect mode says so. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);   /* tgid */
	__type(value, __u32); /* threads */
} in_flight_procs SEC(".maps");

/* Processes in_flight_procs had no room for: user space cannot name them, so --enforce refuses
 * to run in a mode that cannot judge them (an attacker parking 1,025 processes gets a refusal,
 * not a blind spot). */
__u32 in_flight_unrecorded = 0;

/*
 * Once every sigreturn hook is attached, before attached_ns is set: a thread in scope that is
 * inside a sigreturn entered it unseen, asleep there (the kernel's read of its frame waiting on
 * a page someone supplies: a userfaultfd or FUSE page; or a seccomp supervisor's answer), or
 * runnable (woken, not yet run: red team round 31 kept one starved across the attach, then
 * wrote its frame), or running. Its exit is judged against the frame the attach-time snapshot
 * recorded at its address, never the geometric excuse (sigreturn.bpf.h in_flight): a frame
 * written after the snapshot is changed, one it could not read is forged. orig_ax is the
 * syscall number until the frame has been read.
 */
SEC("iter/task")
int mark_in_flight(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	struct thread_state *st;
	struct pt_regs *regs;
	__u32 tgid, one = 1, *n;
	bool compat;
	long nr;

	if (!task || !task->mm || (task->flags & 0x00200000 /* PF_KTHREAD */) ||
	    !task_selected(task))
		return 0;
	/* Stopped by its tracer at the syscall's entry (gdb's `catch syscall`, strace): no page is
	 * awaited, and a tracer sets registers at will anyway. Judged as an older thread's, with
	 * the snapshot (red team round 18, FP1b). */
	if (task->__state & 0x00000008 /* __TASK_TRACED */)
		return 0;
	regs = (struct pt_regs *)bpf_task_pt_regs(task);
	nr = regs->orig_ax;
	compat = task->thread_info.status & TS_COMPAT;
	if (compat ? nr != SIGSCOPE_NR_RT_SIGRETURN_IA32 && nr != SIGSCOPE_NR_SIGRETURN_IA32
		   : nr != SIGSCOPE_NR_RT_SIGRETURN_64 && nr != SIGSCOPE_NR_RT_SIGRETURN_X32)
		return 0;
	st = state_get(task, true);
	if (st) {
		st->in_flight_at_attach = 1;
		st->in_flight_sp = regs->sp;
	}
	tgid = task->tgid;
	n = bpf_map_lookup_elem(&in_flight_procs, &tgid);
	if (n)
		__sync_fetch_and_add(n, 1);
	else if (bpf_map_update_elem(&in_flight_procs, &tgid, &one, BPF_NOEXIST) != 0 &&
		 !bpf_map_lookup_elem(&in_flight_procs, &tgid))
		__sync_fetch_and_add(&in_flight_unrecorded, 1);
	return 0;
}

/* A process forked before the attach by a process in scope is in scope too (a pre-fork server's
 * workers under -p, a renamed child under -c), as a child forked after it is (follow_fork): its
 * ancestors are walked up to 64 generations to one that capture_threads put in scope. */
static __always_inline void mark_descendant(struct task_struct *task)
{
	struct task_struct *p = task;
	__u32 tgid = task->tgid;

	if (bpf_map_lookup_elem(&process_scope, &tgid))
		return;
#pragma clang loop unroll(full)
	for (int i = 0; i < 64; i++) {
		p = p->real_parent;
		if (!p)
			return;
		tgid = p->tgid;
		if (bpf_map_lookup_elem(&process_scope, &tgid)) {
			scope_mark(task);
			return;
		}
		if (p->pid <= 1) /* init (or the idle task): the walk is at the top */
			return;
	}
}

/* Where an older thread's live frames can be, for user space to read (verdict.h): from its sp
 * on the stack it was on, or to its altstack's top when it was running there. */
static __always_inline void note_snapshot_window(struct task_struct *task)
{
	struct sigscope_attach_state *a = bpf_task_storage_get(&attach_states, task, 0, 0);
	struct sigscope_attach_thread t = {.tgid = task->tgid};
	__u32 tid = task->pid;
	__u64 top;

	if (!a || !a->valid)
		return;
	if (a->alt_size && sigscope_on_stack(a->sp, a->alt_sp, a->alt_size)) {
		top = a->alt_sp + a->alt_size;
		t.hi = top - a->sp > SIGSCOPE_SNAPSHOT_ALT_MAX ? a->sp + SIGSCOPE_SNAPSHOT_ALT_MAX
							       : top;
	} else if (a->stack_start < a->stack_end && a->sp >= a->stack_start &&
		   a->sp < a->stack_end) {
		t.hi = a->stack_end - a->sp > SIGSCOPE_SNAPSHOT_REACH
			   ? a->sp + SIGSCOPE_SNAPSHOT_REACH
			   : a->stack_end;
	} else {
		return;
	}
	/* 8 bytes below sp: a thread stopped in the restorer, or at its syscall, has popped the
	 * frame's pretcode (a debugger's `finish` out of a handler; red team round 18, FP1). */
	t.lo = a->sp - 8;
	t.user_cs = ((struct pt_regs *)bpf_task_pt_regs(task))->cs & 0xffff;
	bpf_map_update_elem(&attach_threads, &tid, &t, BPF_ANY);
}

/* After capture_threads: the scope of processes forked before the attach, then the snapshot's
 * windows of every thread in scope. */
SEC("iter/task")
int capture_descendants(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (!task || !task->mm || (task->flags & 0x00200000 /* PF_KTHREAD */))
		return 0;
	if (any_filter())
		mark_descendant(task);
	if (task_selected(task))
		note_snapshot_window(task);
	return 0;
}

/* exec replaces the address space: outstanding frames can no longer be returned to. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct sigscope_exec_path path = {};
	struct thread_state *st;
	__u32 tgid = p->tgid;

	if (task_selected(p) &&
	    bpf_probe_read_kernel_str(path.path, sizeof(path.path), bprm->filename) > 0)
		bpf_map_update_elem(&exec_paths, &tgid, &path, BPF_ANY);
	/* Every exec, in scope or not: a process may enter the scope later (a daemon dropping to a
	 * -u uid, a rename into -c, a move into the cgroup), its runtime already running (red team
	 * round 32: a Go daemon's preemptions undecided after its setuid, and killed). As at the
	 * attach, where user space reads every running executable. */
	request_profile(p, false);

	st = bpf_task_storage_get(&thread_states, p, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!st) {
		count(SIGSCOPE_CNT_STATE_FAIL);
		return 0;
	}
	count_add(SIGSCOPE_CNT_ABANDONED, st->depth);
	flush_pending(st);
	st->depth = 0;
	st->exec_seen = 1;
	for (int i = 0; i < SIGSCOPE_SLOTS_INLINE; i++)
		st->slots[i].seq = 0;
	st->has_overflow = 0;
	overflow_delete(p);
	bpf_task_storage_delete(&attach_states, p);
	__builtin_memset(&st->stack_cache, 0, sizeof(st->stack_cache));
	return 0;
}

#endif /* SIGSCOPE_PROCESS_BPF_H */
