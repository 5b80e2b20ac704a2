/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel side's base, included first by every hook file (through sigscope.bpf.c): settings
 * (rodata, set by user space between open and load), the maps, the per-thread state, and the
 * helpers every hook shares (scope, task context, the one record reserve/output path that counts
 * emits and drops). What is an architecture's is in arch.bpf.h; pairing in pairing.bpf.h.
 *
 * Kernel reads: one style, direct CO-RE-relocated loads through BTF pointers (the task from
 * bpf_get_current_task_btf(), tp_btf and fentry arguments, bpf_task_pt_regs()): no helper call
 * per field, and a faulting load reads 0. A helper (bpf_probe_read_kernel*, bpf_core_read) is
 * used only where the verifier cannot type the memory: strings, an array at a variable index,
 * memory past a struct (the 6.16 fpu), a pointer read into a local copy.
 *
 * Hook arguments: a direct load is only for an argument the kernel always passes as a valid
 * pointer. The kernel keeps a table (raw_tp_null_args in kernel/bpf/btf.c, since 6.13, backported
 * to stable series and extended by stable updates) of raw-tracepoint arguments that may be NULL
 * or encode an error; the verifier types those maybe-NULL, or scalar, and refuses a direct load.
 * Any argument that may be NULL, an error pointer or a SEND_SIG_* constant is read with
 * BPF_CORE_READ (a probe read every kernel accepts, 0 on a bad pointer), whatever today's table
 * says. The audit, hook by hook:
 *   signal_deliver(sig, info, ka):    info may be SEND_SIG_NOINFO/PRIV (6.18.44 types it a
 *                                     scalar): CO-RE probe reads. ka = &sighand->action[sig-1],
 *                                     never NULL: direct.
 *   signal_generate(sig, info, task,
 *                   group, result):   info as above; task is the target, never NULL: direct.
 *   sys_enter(regs, id), sys_exit(regs, ret): regs is the task's pt_regs: direct.
 *   sched_process_fork(parent, child), _exit(task), _exec(task, pid, bprm): never NULL: direct.
 *   iter/task: ctx->task is NULL at the end of the walk: tested before use (the verifier insists).
 *   fentry/fexit on the sigreturn bodies: the argument is not read (bpf_task_pt_regs instead).
 */
#ifndef SIGSCOPE_BPF_H
#define SIGSCOPE_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "shared/sigscope_event.h"
#include "shared/frame_layout.h"
#include "shared/frame_regs.h"
#include "shared/restart.h"
#include "shared/pairing.h"
#include "shared/judge.h"
#include "shared/insn_len.h"

char LICENSE[] SEC("license") = "GPL";

#define CLONE_THREAD 0x00010000

/* Filters and settings, fixed at load time by user space. A task that matches a filter is in
 * scope for good, and so are its descendants (see task_selected). */
const volatile __u32 targ_tgid = 0;
const volatile bool filter_uid = false;
const volatile __u32 targ_uid = 0;
const volatile bool filter_comm = false;
const volatile char targ_comm[SIGSCOPE_COMM_LEN] = {};
const volatile __u64 targ_cgroup = 0;	     /* a cgroup v2 id: it and every cgroup below it */
const volatile char targ_container[64] = {}; /* --container: an id prefix, matched in the kernel */
const volatile __u32 targ_container_len = 0;
const volatile __u32 wakeup_bytes = 0;	      /* wake the reader once this much is waiting */
const volatile __u32 event_mask = 0xffffffff; /* bit per enum sigscope_event_type */
const volatile __u32 stack_bytes = 0;
const volatile bool exit_hook = false; /* mode full: the event is completed at sys_exit */
/*
 * The guards (docs/kernels.md, "Programs the kernel skips", trampoline.bpf.h): a kprobe on each
 * sigreturn body judges its entry. The kernel runs it with preemption disabled and guards it with
 * the global per-CPU bpf_prog_active, which no other task can hold except one preempted inside a
 * bpf() map syscall: an unprivileged attacker cannot make the kernel skip it. Set per ABI when
 * that guard is attached; the other entry programs then leave that ABI to it (one event per
 * sigreturn).
 */
const volatile bool guard_native = false;
const volatile bool guard_ia32 = false;
const volatile bool guard_x32 = false;
/* The guarded ABIs' exits have their guard too (a kretprobe, mode full and the trampolines):
 * fexit leaves them to it, and the raw sys_exit leaves the exits it marked (exit_judged). */
const volatile bool exit_guards = false;
/* An exit with orig_ax -1 and no entry that looks like a plain syscall(-1) return but that no
 * marked entry vouches for (its sys_enter was skipped, or it is a forged sigreturn whose entry
 * was): true judges it like any exit alone (fail closed), false counts it and lets it pass (user
 * space: where every ABI has a guard, or the policy says kernel_skips: open). */
const volatile bool plain_unproven_judged = true;
/* The kernel never skips a sigreturn's entry program for an unprivileged task's doing (it
 * cannot skip ours at all, or every ABI has an entry guard): an exit with orig_ax -1 and no
 * pending entry is then no sigreturn's. A tracer that skips a syscall at its seccomp stop
 * (SECCOMP_RET_TRACE, orig_rax -1) leaves exactly that, with its own result in rax and no
 * sys_enter (red team round 6). */
const volatile bool entries_never_skipped = false;
/* Nor an exit program (it cannot skip ours, or every ABI has an exit guard): a pending entry at
 * an exit is then that exit's own (pairing.h sigscope_exit_pairing). */
const volatile bool exits_never_skipped = false;
/* This kernel runs x32 syscalls (user space tried one: syscall.x32= decides at boot). */
const volatile bool x32_runs = true;
/* get_sigframe()'s inputs user space reads from the CPU flags (use_xsave(), use_fxsr()). */
const volatile bool cpu_xsave = true;
const volatile bool cpu_fxsr = true;
/* Set by user space once every hook is attached: threads older than this may be inside a
 * handler whose delivery sigscope never saw. Until then every thread counts as older. */
__u64 attached_ns = ~0ULL;

/* One VMA lookup's answer (vma.bpf.h): the VMA's bounds, flags and file. */
struct vma_probe {
	__u64 start;
	__u64 end;
	__u64 flags;
	__u64 ino;
	__u64 pgoff;
	__u32 dev;
	__u32 seen;
	__u32 mtime;
	__u32 cow; /* a private file mapping some of whose pages were written: not the file's */
};

/* Where a walk down the VMA tree stands (vma.bpf.h): the entry reached and the range of
 * addresses it covers, then the node being read. */
struct maple_cursor {
	__u64 addr;
	__u64 entry;
	__u64 min;
	__u64 max;
	__u64 pivots; /* the node's pivot and slot arrays */
	__u64 slots;
	__u64 piv; /* the pivot read last, and the one before */
	__u64 prev;
	__u32 type;
	__u32 npivots;
	__u32 end; /* the node's used pivots */
	__u32 off;
};

/* The task context fill_ctx() built last for this thread, and what it was built from: reused
 * while each of those is the same (ctx_cached). Pointers to objects that outlive the change that
 * replaces them (a new mm, nsproxy or parent exists before the old one goes); ids compared by
 * value where a freed object's address could come back (the cred). */
struct ctx_cache {
	__u64 parent, mm, exe_file, nsproxy, thread_pid, group_pid;
	__u32 uid, gid;
	struct sigscope_task_ctx ctx;
};

struct thread_state {
	__u32 depth;	 /* outstanding deliveries in the set */
	__u32 seq;	 /* deliveries seen on this thread */
	__u32 pending;	 /* pending_ev filled at sys_enter, waiting for sys_exit */
	__u32 exec_seen; /* exec'd while traced: no handler from before can be active */
	/* Forked by a thread older than sigscope: the child returns through the frames its parent
	 * had at attach (in its copy of the memory), so it is judged as older too (follow_fork). */
	__u32 attach_inherited;
	__u32 abandoned; /* deliveries found abandoned since the last sigreturn event */
	__u32 has_overflow;
	/* The raw sys_enter saw this thread make a syscall with id -1 (syscall(-1), or one ptrace
	 * skipped), with these registers: its exit, which also has orig_ax -1, is told apart from
	 * a sigreturn's by them (plain_syscall_return). Cleared at the next exit or sigreturn. */
	__u32 enosys_marked;
	/* The exit guard judged this thread's last sigreturn exit: the raw sys_exit that follows
	 * leaves it. Cleared there, and at every sigreturn entry and id -1 sys_enter, so that a
	 * mark left by a skipped sys_exit never covers another syscall. */
	__u32 exit_judged;
	__u32 newest_slot; /* where push_delivery put the newest delivery (its seq is st->seq) */
	/* Stops of this traced thread by its tracer's doing (signal.bpf.h tracer_stop: a signal
	 * the tracer sent, a trap of its own code), where the tracer may edit anything, a live
	 * frame included (sigscope_explain's TRACER). */
	__u32 tracer_stops;
	/* Inside a sigreturn once every hook was attached (process.bpf.h mark_in_flight): its exit
	 * is judged, without the excuse of older threads, since the frame the kernel reads was
	 * there before any of sigscope's reads could record it. Cleared at that exit. */
	__u32 in_flight_at_attach;
	__u64 in_flight_sp; /* its user sp then: the frame is just below */
	/* The seq of the newest delivery whose FP area is still to be kept (fpstate.bpf.h). */
	__u32 fp_wanted;
	/* The seq of the newest delivery whose frame the kernel is still setting up: its rseq
	 * fix-up comes first there (signal.bpf.h rseq_ip_fixup); the next activation of the
	 * thread's FPU registers closes it. */
	__u32 rseq_window;
	/* The thread's context switches (nvcsw + nivcsw) at that delivery: more at the keeping,
	 * and it slept on the way, with the kernel's own copy of its FP registers in memory. */
	__u64 fp_switches;
	__u64 maps_hint_ns;  /* when this thread last asked for its process's mappings */
	__u64 queued_faults; /* fault signals queued to this thread by a process (signal.bpf.h) */
	/* The last fault or SIGSYS this thread raised on itself from an exception or a trapped
	 * syscall (signal.bpf.h mark_self_raised), and the user context it was raised at: 0 once
	 * delivered. */
	__u64 raised_sig;
	__u64 raised_ip, raised_sp;
	__u64 enosys_regs[SIGSCOPE_NREGS];
	/* The stack's bounds from the last lookup: a pivot check's quick answer (verdict.h). */
	struct sigscope_vma_info stack_cache;
	struct sigscope_delivery slots[SIGSCOPE_SLOTS_INLINE];
	/* The sigreturn being judged: in mode full, pending between entry and exit. */
	struct sigscope_sigreturn_event pending_ev;
	/* The sigreturn hooks' scratch, per thread, not per CPU: since 7.0 the programs can be
	 * preempted, and another of them on the same CPU would write over a per-CPU buffer. */
	__u64 regs_tmp[SIGSCOPE_NREGS];	   /* a frame's registers, decoded */
	__u64 applied_tmp[SIGSCOPE_NREGS]; /* at an exit: what the kernel restored */
	__u8 frame_tmp[SIGSCOPE_FRAME_MAX]
	    __attribute__((aligned(8)));	/* at an exit: a live delivery's frame, re-read */
	struct sigscope_explain_in explain_tmp; /* the evidence for a changed context (judge.h) */
	struct vma_probe probe_tmp;		/* a VMA lookup's answer (vma.bpf.h) */
	struct vma_probe walk_tmp;		/* the walk's, when cross-checked */
	struct maple_cursor walk_cursor;	/* the walk's position */
	struct sigscope_target_key key_tmp;	/* a map key the judging builds */
	struct sigscope_vma_info ref_vma_tmp;	/* the pivot check's reference stack */
	struct ctx_cache ctx_cache;
};

/* Slots beyond the inline ones, for threads that nest deeper: four blocks of 16 (4,224 bytes
 * each, 16.5 KiB in all), on demand; see SIGSCOPE_SLOTS_BLOCK for why not one. */
struct thread_overflow {
	struct sigscope_delivery slots[SIGSCOPE_SLOTS_BLOCK];
};

#define SIGSCOPE_OVERFLOW_MAP(name)                                                                \
	struct {                                                                                   \
		__uint(type, BPF_MAP_TYPE_TASK_STORAGE);                                           \
		__uint(map_flags, BPF_F_NO_PREALLOC);                                              \
		__type(key, int);                                                                  \
		__type(value, struct thread_overflow);                                             \
	} name SEC(".maps")

SIGSCOPE_OVERFLOW_MAP(thread_overflow0);
SIGSCOPE_OVERFLOW_MAP(thread_overflow1);
SIGSCOPE_OVERFLOW_MAP(thread_overflow2);
SIGSCOPE_OVERFLOW_MAP(thread_overflow3);

/* Overflow block k of task (constant map per call site, as the verifier wants). */
static __always_inline struct sigscope_delivery *overflow_block(struct task_struct *task, int k,
								__u64 flags)
{
	struct thread_overflow *o;

	if (k == 0)
		o = bpf_task_storage_get(&thread_overflow0, task, 0, flags);
	else if (k == 1)
		o = bpf_task_storage_get(&thread_overflow1, task, 0, flags);
	else if (k == 2)
		o = bpf_task_storage_get(&thread_overflow2, task, 0, flags);
	else
		o = bpf_task_storage_get(&thread_overflow3, task, 0, flags);
	return o ? o->slots : NULL;
}

static __always_inline void overflow_delete(struct task_struct *task)
{
	bpf_task_storage_delete(&thread_overflow0, task);
	bpf_task_storage_delete(&thread_overflow1, task);
	bpf_task_storage_delete(&thread_overflow2, task);
	bpf_task_storage_delete(&thread_overflow3, task);
}

/* Threads that existed when sigscope attached (iter/task, run once): see sigscope_excusable(). */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct sigscope_attach_state);
} attach_states SEC(".maps");

/* The attach-time snapshot (verdict.h): the windows to read per thread, and the frames found. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 65536);
	__type(key, __u32); /* tid */
	__type(value, struct sigscope_attach_thread);
} attach_threads SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, SIGSCOPE_SNAPSHOT_FRAMES);
	__type(key, struct sigscope_attach_frame_key);
	__type(value, struct sigscope_attach_frame);
} attach_frames SEC(".maps");

/* Set by user space once it has read the snapshot: until then (and for threads it could not
 * read) an older thread's frame is excused where a live one could be (sigscope_excusable). */
__u32 snapshot_done = 0;

/* Sticky scope: a task marked here stays in scope through rename, exec and setuid. */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u32);
} task_scope SEC(".maps");

/*
 * Scope is per process: a process is in scope once any of its threads is, and no thread leaves
 * it. Keyed by tgid, which a non-leader's exec keeps (de_thread), unlike the old leader's task
 * storage. Filled on demand (1 MiB of buckets, about 64 bytes a process); an entry goes when the
 * process's last thread exits. A full map is counted and the threads keep their own marks.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u32);
} process_scope SEC(".maps");

/* Task storage: created on a thread's first signal, freed by the kernel when the thread dies. */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct thread_state);
} thread_states SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 * 1024 * 1024); /* user space may resize before load */
} events SEC(".maps");

/*
 * Findings of medium and above and every kill go to a ring of their own, so that a flood of
 * ordinary events (an unprivileged process raising info findings as fast as it can) cannot push
 * them out. Each account (struct sigscope_account) gets SIGSCOPE_ALERT_BUDGET alerts a second
 * per finding there; past that (it floods alerts itself) its alerts take the ordinary ring,
 * counted, and other accounts' alerts stay first. The first finding of each kind from each
 * account always takes the alert ring, and kills always do: each one ends a process.
 */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 2 * 1024 * 1024);
} alerts SEC(".maps");

/* A process is about to run a handler: user space keeps a table of its mappings now, so that its
 * sigreturn's findings name modules even when the process is killed or exits right after
 * (signal.bpf.h request_maps). Read before the alerts, whatever -e writes. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 * 1024);
} maps_hints SEC(".maps");

/* Never evicted, so the counts survive; full, and the rest share SIGSCOPE_ACCOUNT_OTHERS (made by
 * user space before attach). Read by user space only after detach: a bpf() map read while
 * attached would hold bpf_prog_active (see counter_rows). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SIGSCOPE_ACCOUNTS_MAX + 1);
	__type(key, __u64);
	__type(value, struct sigscope_account);
} accounts SEC(".maps");

/* A new account's first value (bpf_map_update_elem copies it): a global, not stack. */
struct sigscope_account account_zero = {};

/*
 * The counters, in .bss: user space reads them through the skeleton's mapping (BPF_F_MMAPABLE),
 * not through bpf() map lookups. A bpf() map syscall holds the per-CPU bpf_prog_active with only
 * migration disabled, and a reader preempted there would make the kernel skip the entry guards
 * (perf tracepoint, kprobes) of every other task on its CPU (docs/kernels.md). One row per CPU
 * (CPUs past the last row share rows) and atomic adds: since 7.0 two programs can interleave on
 * one CPU.
 */
#define SIGSCOPE_COUNTER_ROWS 64
/* Each row is a struct sigscope_counters (stats.c asserts it); declared as a 2-D array because
 * the struct form changes the generated code the 6.1 guest's stack budget was measured on. */
__u64 counter_rows[SIGSCOPE_COUNTER_ROWS][SIGSCOPE_CNT_MAX] = {};

/* A delivery is built here (per CPU), pushed on the thread's stack, then copied to the ring. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sigscope_delivery);
} delivery_scratch SEC(".maps");

/*
 * The path each process exec'd while traced: user space reads /proc/PID/exe, which is gone once a
 * short-lived process has exited; this is its fallback (the path as given to execve()).
 */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, struct sigscope_exec_path);
} exec_paths SEC(".maps");

static __always_inline void count_add(enum sigscope_counter which, __u64 n)
{
	__u32 row = bpf_get_smp_processor_id();

	SIGSCOPE_OPAQUE(row);
	row &= SIGSCOPE_COUNTER_ROWS - 1;
	if (which < SIGSCOPE_CNT_MAX)
		__sync_fetch_and_add(&counter_rows[row][which], n);
}

static __always_inline void count(enum sigscope_counter which)
{
	count_add(which, 1);
}

/* Struct copy between map values through a helper: clang turns large assignments into memmove. */
static __always_inline void copy_delivery(struct sigscope_delivery *dst,
					  const struct sigscope_delivery *src)
{
	bpf_probe_read_kernel(dst, sizeof(*dst), src);
}

/* Waking the reader per record costs the traced task a wakeup each; batch them instead. */
static __always_inline __u64 ring_flags(void)
{
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wakeup_bytes ? BPF_RB_FORCE_WAKEUP
									     : BPF_RB_NO_WAKEUP;
}

/*
 * The one way records enter a ring. Each record starts with struct sigscope_record_header; here
 * its type and size are set and, per type, every record emitted or lost is counted (the alert
 * ring's own losses too), so user space can report losses exactly.
 */
static __always_inline void record_counted(__u32 type, bool emitted)
{
	/* Constant counter indexes: the 6.1 verifier loses a computed one's bounds. */
	switch (type) {
	case SIGSCOPE_EV_RT_SIGRETURN:
		if (emitted)
			count(SIGSCOPE_CNT_EMITTED_SIGRETURN);
		else
			count(SIGSCOPE_CNT_DROP_SIGRETURN);
		break;
	case SIGSCOPE_EV_SIGNAL_DELIVER:
		if (emitted)
			count(SIGSCOPE_CNT_EMITTED_DELIVER);
		else
			count(SIGSCOPE_CNT_DROP_DELIVER);
		break;
	case SIGSCOPE_EV_SIGNAL_GENERATE:
		if (emitted)
			count(SIGSCOPE_CNT_EMITTED_GENERATE);
		else
			count(SIGSCOPE_CNT_DROP_GENERATE);
		break;
	default:
		break;
	}
}

/* Reserve a record of a fixed size in the ordinary ring; NULL (counted) when it is full. */
static __always_inline void *record_reserve(__u32 type, __u32 size)
{
	struct sigscope_record_header *h = bpf_ringbuf_reserve(&events, size, 0);

	if (!h) {
		record_counted(type, false);
		return NULL;
	}
	h->type = type;
	h->size = size;
	return h;
}

static __always_inline void record_submit(void *rec)
{
	__u32 type = ((struct sigscope_record_header *)rec)->type;

	bpf_ringbuf_submit(rec, ring_flags());
	record_counted(type, true);
}

/* Copy a record built elsewhere (a per-CPU scratch) into a ring: the alert ring first when it is
 * an alert, the ordinary ring when that one is full or it is not. hdr->type is set by the caller.
 */
static __always_inline bool record_output(struct sigscope_record_header *hdr, __u32 size,
					  bool alert)
{
	__u32 type = hdr->type;
	bool emitted;

	hdr->size = size;
	if (alert) {
		if (!bpf_ringbuf_output(&alerts, hdr, size, BPF_RB_FORCE_WAKEUP)) {
			record_counted(type, true);
			return true;
		}
		count(SIGSCOPE_CNT_DROP_ALERT); /* the alert ring itself is full: try the other */
	}
	emitted = !bpf_ringbuf_output(&events, hdr, size, ring_flags());
	record_counted(type, emitted);
	return emitted;
}

static __always_inline bool event_on(enum sigscope_event_type type)
{
	return event_mask & (1u << type);
}

static __always_inline bool comm_selected(struct task_struct *task)
{
	char comm[SIGSCOPE_COMM_LEN];

	bpf_probe_read_kernel_str(comm, sizeof(comm), task->comm);
	for (int i = 0; i < SIGSCOPE_COMM_LEN; i++) {
		if (comm[i] != targ_comm[i])
			return false;
		if (!comm[i])
			break;
	}
	return true;
}

/* Is this cgroup directory name a container's, with an id that starts with --container? */
static __always_inline bool container_name_matches(const char *name)
{
	/* [docker-|libpod-|crio-|cri-containerd-]<64 hex>[.scope], as src/proc/ parses it */
	static const __u32 offsets[] = {0, 7, 5, 15};

	for (int k = 0; k < 4; k++) {
		__u32 off = offsets[k];
		bool ok = off == 0 || name[(off - 1) & 127] == '-';

		for (__u32 i = 0; i < 64 && ok; i++) {
			if (i >= targ_container_len)
				break;
			if (name[(off + i) & 127] != targ_container[i])
				ok = false;
		}
		if (ok)
			return true;
	}
	return false;
}

/* Levels below the root looked at: a --cgroup target or a container's directory deeper than
 * this is not found. */
#define SIGSCOPE_CGROUP_LEVELS 32

/* cgroup_selected's walk: the task's default cgroup, its level, the answer. */
struct cgroup_walk {
	__u64 cgrp;
	__s64 level;
	__u64 found;
};

/* One ancestor, from the root (level 0) down: 1 ends the walk. */
static long cgroup_walk_visit(__u64 i, struct cgroup_walk *w)
{
	struct cgroup *cg = (struct cgroup *)w->cgrp, *anc = NULL;
	char name[128];

	if ((__s64)i > w->level || bpf_core_read(&anc, sizeof(anc), &cg->ancestors[i]) || !anc)
		return 1;
	if ((targ_cgroup && BPF_CORE_READ(anc, kn, id) == targ_cgroup) ||
	    (targ_container_len &&
	     bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(anc, kn, name)) > 0 &&
	     container_name_matches(name))) {
		w->found = 1;
		return 1;
	}
	return 0;
}

/*
 * --cgroup (the cgroup and its whole subtree, as bpf_current_task_under_cgroup) and --container
 * (a cgroup directory on the way up named after the container), for any task, current or not.
 * Its ancestors are read from the root down (cgroup->ancestors[], as cgroup_is_descendant()
 * does): a process nested deep below its container or the target, in a subtree it may create
 * at will, is still found (red team round 31: walked up from the task, 32 levels down was out of
 * scope). A bpf_loop: verified once, its name buffer off the stack of the sigreturn programs
 * that ask (none to spare on 6.1).
 */
static __always_inline bool cgroup_selected(struct task_struct *task)
{
	struct cgroup *cg = task->cgroups->dfl_cgrp;
	struct cgroup_walk w = {.level = cg ? cg->level : -1};

	/* The address as a number (a probe read's result): the walk indexes off it, which the
	 * verifier refuses on a typed pointer. */
	if (bpf_probe_read_kernel(&w.cgrp, sizeof(w.cgrp), &task->cgroups->dfl_cgrp))
		return false;
	bpf_loop(SIGSCOPE_CGROUP_LEVELS, cgroup_walk_visit, &w, 0);
	return w.found;
}

/* The filters as such, for a task not yet marked in scope. Cheap checks first. */
static __always_inline bool task_matches(struct task_struct *task)
{
	if (targ_tgid && task->tgid != targ_tgid)
		return false;
	if (filter_uid && task->cred->uid.val != targ_uid)
		return false;
	if (filter_comm && !comm_selected(task))
		return false;
	return (!targ_cgroup && !targ_container_len) || cgroup_selected(task);
}

static __always_inline bool any_filter(void)
{
	return targ_tgid || filter_uid || filter_comm || targ_cgroup || targ_container_len;
}

/* Filters a process can come to match while one of its handlers runs (prctl(PR_SET_NAME),
 * setuid, a cgroup move). With one of them, every thread's deliveries are paired in or out of
 * scope, so that a handler's return finds its delivery once the process is in (red team rounds
 * 23 and 24: a rename or a setuid inside a handler got a correct program killed as forged). */
static __always_inline bool scope_can_grow(void)
{
	return filter_uid || filter_comm || targ_cgroup || targ_container_len;
}

/* Processes in process_scope now (.bss: user space reads it without a syscall): a run on a
 * command or a -p target goes on while any process of its scope lives (a daemon it forked). */
__u64 scope_processes = 0;

static __always_inline void scope_mark(struct task_struct *task)
{
	__u32 *in = bpf_task_storage_get(&task_scope, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	__u32 tgid = task->tgid, one = 1;
	long err;

	if (in)
		*in = 1;
	else
		count(SIGSCOPE_CNT_STATE_FAIL);
	err = bpf_map_update_elem(&process_scope, &tgid, &one, BPF_NOEXIST);
	if (!err)
		__sync_fetch_and_add(&scope_processes, 1);
	else if (err != -17) /* EEXIST: in already */
		count(SIGSCOPE_CNT_SCOPE_FULL);
}

/*
 * Scope is sticky, inherited and per process, as Tracee's `follow`: a task that matched once
 * stays in scope through prctl(PR_SET_NAME), exec and setuid; so do all its process's threads,
 * whatever their own comm, uid or cgroup (a thread renamed or setuid'd on its own does not leave);
 * and its children and threads are in scope from birth (follow_fork). Kills happen only in
 * scope, since every hook asks this first.
 */
static __always_inline bool task_selected(struct task_struct *task)
{
	__u32 *in, tgid;

	if (!any_filter())
		return true;
	in = bpf_task_storage_get(&task_scope, task, 0, 0);
	if (in && *in)
		return true;
	tgid = task->tgid;
	if (!bpf_map_lookup_elem(&process_scope, &tgid) && !task_matches(task))
		return false;
	scope_mark(task); /* the thread's own mark: the next lookup is the fast one */
	return true;
}

static __always_inline __u32 pid_nr_at(struct pid *pid, unsigned int level, __u32 *ns_inum)
{
	struct upid upid = {};

	if (pid->level < level)
		return 0; /* the task is not visible in that namespace */
	bpf_core_read(&upid, sizeof(upid), &pid->numbers[level]);
	if (ns_inum)
		*ns_inum = BPF_CORE_READ(upid.ns, ns.inum);
	return upid.nr;
}

/* task is a BTF pointer: direct, CO-RE-relocated loads (faults read as 0), no helper calls. */
static __always_inline void fill_ctx(struct sigscope_task_ctx *c, struct task_struct *task)
{
	struct pid *tpid = task->thread_pid;
	unsigned int level = tpid->level;
	struct task_struct *parent = task->real_parent;
	struct mm_struct *mm = task->mm;

	c->ts_ns = bpf_ktime_get_ns();
	c->thread_start_ns = task->start_time;
	c->cgroup_id = bpf_get_current_cgroup_id();
	c->exe_ino = mm ? mm->exe_file->f_inode->i_ino : 0;
	c->cpu = bpf_get_smp_processor_id();
	c->host_pid = task->tgid;
	c->host_tid = task->pid;
	c->host_ppid = parent->tgid;
	c->ns_tid = pid_nr_at(tpid, level, &c->pid_ns);
	c->ns_pid = pid_nr_at(task->group_leader->thread_pid, level, NULL);
	c->ns_ppid = pid_nr_at(parent->group_leader->thread_pid, level, NULL);
	c->uid = task->cred->uid.val;
	c->gid = task->cred->gid.val;
	c->mnt_ns = task->nsproxy->mnt_ns->ns.inum;
	bpf_get_current_comm(c->comm, sizeof(c->comm));
}

/* fill_ctx() for a thread with state: the parts that change only with the task's parent, mm,
 * executable, namespaces, pids or credentials come from the thread's cache while those are
 * unchanged (most of fill_ctx's cost is cache misses down those pointer chains: issue 19). */
static __always_inline void fill_ctx_cached(struct sigscope_task_ctx *c, struct task_struct *task,
					    struct ctx_cache *k)
{
	struct mm_struct *mm = task->mm;
	const struct cred *cred = task->cred;
	__u64 exe = mm ? (__u64)mm->exe_file : 0;

	if (k->ctx.host_tid == (__u32)task->pid && k->parent == (__u64)task->real_parent &&
	    k->mm == (__u64)mm && k->exe_file == exe && k->nsproxy == (__u64)task->nsproxy &&
	    k->thread_pid == (__u64)task->thread_pid &&
	    k->group_pid == (__u64)task->group_leader->thread_pid && k->uid == cred->uid.val &&
	    k->gid == cred->gid.val) {
		__builtin_memcpy(c, &k->ctx, sizeof(*c));
		c->ts_ns = bpf_ktime_get_ns();
		c->cgroup_id = bpf_get_current_cgroup_id();
		c->cpu = bpf_get_smp_processor_id();
		bpf_get_current_comm(c->comm, sizeof(c->comm));
		return;
	}
	fill_ctx(c, task);
	__builtin_memcpy(&k->ctx, c, sizeof(*c));
	k->parent = (__u64)task->real_parent;
	k->mm = (__u64)mm;
	k->exe_file = exe;
	k->nsproxy = (__u64)task->nsproxy;
	k->thread_pid = (__u64)task->thread_pid;
	k->group_pid = (__u64)task->group_leader->thread_pid;
	k->uid = cred->uid.val;
	k->gid = cred->gid.val;
}

/*
 * The current thread's context into c, from its cache k when it has one (k may be NULL).
 * A global function, so the verifier checks it once instead of at every inlined call site:
 * each load of a pointer from the trusted task costs a 6.3+ verifier up to five scans of the
 * whole vmlinux BTF (btf_nested_type_is_trusted), and those scans were most of the start-up.
 */
__attribute__((noinline)) int sigscope_current_ctx(struct sigscope_task_ctx *c, struct ctx_cache *k)
{
	struct task_struct *task = bpf_get_current_task_btf();

	if (!c)
		return 0;
	if (k)
		fill_ctx_cached(c, task, k);
	else
		fill_ctx(c, task);
	return 0;
}

/* The task context, from the thread's cache when it has state. */
static __always_inline void fill_ctx_st(struct sigscope_task_ctx *c, struct thread_state *st)
{
	sigscope_current_ctx(c, st ? &st->ctx_cache : NULL);
}

static __always_inline struct thread_state *state_get(struct task_struct *task, bool create)
{
	struct thread_state *st;

	st = bpf_task_storage_get(&thread_states, task, 0,
				  create ? BPF_LOCAL_STORAGE_GET_F_CREATE : 0);
	if (!st && create)
		count(SIGSCOPE_CNT_STATE_FAIL);
	return st;
}

/* struct inode's mtime: a timespec64 i_mtime until 6.6, __i_mtime in 6.7 to 6.10, then
 * i_mtime_sec and i_mtime_nsec (vmlinux.h). */
struct inode___pre67 {
	struct timespec64 i_mtime;
} __attribute__((preserve_access_index));

struct inode___pre611 {
	struct timespec64 __i_mtime;
} __attribute__((preserve_access_index));

/* The module identity's mtime part (sigscope_time_fold), as user space folds fstat's. */
static __always_inline __u32 inode_mtime(struct inode *inode)
{
	struct inode___pre611 *mid = (void *)inode;
	struct inode___pre67 *old = (void *)inode;

	if (!inode)
		return 0;
	if (bpf_core_field_exists(inode->i_mtime_sec))
		return sigscope_time_fold(BPF_CORE_READ(inode, i_mtime_sec),
					  BPF_CORE_READ(inode, i_mtime_nsec));
	if (bpf_core_field_exists(mid->__i_mtime))
		return sigscope_time_fold(BPF_CORE_READ(mid, __i_mtime.tv_sec),
					  (__u32)BPF_CORE_READ(mid, __i_mtime.tv_nsec));
	return sigscope_time_fold(BPF_CORE_READ(old, i_mtime.tv_sec),
				  (__u32)BPF_CORE_READ(old, i_mtime.tv_nsec));
}

#endif /* SIGSCOPE_BPF_H */
