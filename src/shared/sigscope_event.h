/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The contract between sigscope's kernel side and its user space: every record the BPF programs
 * put in the ring buffer, the per-thread state they keep, and the counters user space reports.
 * Included by src/bpf/sigscope.bpf.c (with vmlinux.h) and by user space (with <stdint.h>).
 * Fixed-width types only, and every struct is laid out without implicit padding holes that
 * differ between the BPF target and x86_64.
 */
#ifndef SIGSCOPE_EVENT_H
#define SIGSCOPE_EVENT_H

#ifndef __VMLINUX_H__
#include <linux/types.h> /* the same __u64 & co. as vmlinux.h gives the BPF side */
#endif

#define SIGSCOPE_COMM_LEN 16
/* Largest frame we copy: the ia32 legacy sigframe up to and including extramask (724 bytes). */
#define SIGSCOPE_FRAME_MAX	 768
#define SIGSCOPE_STACK_BYTES_MAX 512
/*
 * Outstanding deliveries remembered per thread (nested handlers, handlers left by siglongjmp or
 * swapcontext): the first SIGSCOPE_SLOTS_INLINE live in the thread's state, the rest in per-thread
 * blocks allocated only for threads that nest deeper: 72 in all (a correct program reaches 64).
 * Blocks of 16 (4,224 bytes): 7.x kernels refuse a task-storage element above a few KiB at run
 * time (the one 64-slot block, 16.5 KiB, failed every time on 7.3.4; docs/kernels.md). Powers of
 * two, so an index can be masked into bounds.
 */
#define SIGSCOPE_SLOTS_INLINE	 8
#define SIGSCOPE_SLOTS_BLOCK	 16
#define SIGSCOPE_OVERFLOW_BLOCKS 4
#define SIGSCOPE_SLOTS_OVERFLOW	 (SIGSCOPE_SLOTS_BLOCK * SIGSCOPE_OVERFLOW_BLOCKS)
#define SIGSCOPE_OUTSTANDING_MAX (SIGSCOPE_SLOTS_INLINE + SIGSCOPE_SLOTS_OVERFLOW)

/* x86 syscall numbers sigscope hooks. */
#define SIGSCOPE_NR_RT_SIGRETURN_64   15
#define SIGSCOPE_NR_RT_SIGRETURN_IA32 173
#define SIGSCOPE_NR_SIGRETURN_IA32    119
#define SIGSCOPE_X32_SYSCALL_BIT      0x40000000
#define SIGSCOPE_NR_RT_SIGRETURN_X32  (513 | SIGSCOPE_X32_SYSCALL_BIT)

enum sigscope_event_type {
	SIGSCOPE_EV_RT_SIGRETURN = 1,
	SIGSCOPE_EV_SIGNAL_DELIVER = 2,
	SIGSCOPE_EV_SIGNAL_GENERATE = 3,
	SIGSCOPE_EV_TYPE_MAX = 4,
};

/* Which sigreturn ABI the task entered. */
enum sigscope_abi {
	SIGSCOPE_ABI_X86_64 = 0,       /* syscall instruction, nr 15, struct rt_sigframe */
	SIGSCOPE_ABI_IA32 = 1,	       /* int $0x80 (or sysenter) from a 32-bit process */
	SIGSCOPE_ABI_IA32_FROM_64 = 2, /* int $0x80 from a process whose code segment was 64-bit */
	SIGSCOPE_ABI_X32 = 3, /* syscall instruction, nr 513 | x32 bit, struct rt_sigframe_x32 */
};

/* The 32-bit ABIs: registers are 32 bits wide, the frame is a compat one. */
#define SIGSCOPE_ABI_IS_IA32(abi) ((abi) == SIGSCOPE_ABI_IA32 || (abi) == SIGSCOPE_ABI_IA32_FROM_64)

/* Which frame layout was read at ustack. */
enum sigscope_frame_kind {
	SIGSCOPE_FRAME_RT64 = 0,     /* struct rt_sigframe (x86_64), ustack = sp - 8 */
	SIGSCOPE_FRAME_RT_IA32 = 1,  /* struct rt_sigframe_ia32, ustack = sp - 4 */
	SIGSCOPE_FRAME_SIG_IA32 = 2, /* struct sigframe_ia32 (legacy sigreturn), ustack = sp - 8 */
	SIGSCOPE_FRAME_RT_X32 = 3,   /* struct rt_sigframe_x32, ustack = sp - 8 */
};

/*
 * Register file in one fixed order, used for the delivery snapshot, the frame as read at entry,
 * and the registers the kernel applied. For ia32 the 32-bit registers land in the same slots
 * (eax -> RAX, esp -> RSP, eip -> RIP, ...), zero-extended; r8..r15 are zero.
 */
enum sigscope_reg {
	SIGSCOPE_REG_R8,
	SIGSCOPE_REG_R9,
	SIGSCOPE_REG_R10,
	SIGSCOPE_REG_R11,
	SIGSCOPE_REG_R12,
	SIGSCOPE_REG_R13,
	SIGSCOPE_REG_R14,
	SIGSCOPE_REG_R15,
	SIGSCOPE_REG_RDI,
	SIGSCOPE_REG_RSI,
	SIGSCOPE_REG_RBP,
	SIGSCOPE_REG_RBX,
	SIGSCOPE_REG_RDX,
	SIGSCOPE_REG_RAX,
	SIGSCOPE_REG_RCX,
	SIGSCOPE_REG_RSP,
	SIGSCOPE_REG_RIP,
	SIGSCOPE_REG_EFLAGS,
	SIGSCOPE_REG_CS,
	SIGSCOPE_REG_SS,
	SIGSCOPE_NREGS,
};

/* Process context carried by every event (Tracee's trace.Event context). */
struct sigscope_task_ctx {
	__u64 ts_ns;	       /* CLOCK_MONOTONIC (bpf_ktime_get_ns) */
	__u64 thread_start_ns; /* task->start_time, CLOCK_MONOTONIC */
	__u64 cgroup_id;
	__u64 exe_ino; /* inode of mm->exe_file: user space caches /proc/PID/exe by (pid, ino) */
	__u32 cpu;
	__u32 host_pid; /* tgid */
	__u32 host_tid;
	__u32 host_ppid; /* real_parent's tgid */
	__u32 ns_pid;	 /* ids in the task's own pid namespace */
	__u32 ns_tid;
	__u32 ns_ppid;
	__u32 uid;
	__u32 gid;
	__u32 mnt_ns;
	__u32 pid_ns;
	__u32 pad;
	char comm[SIGSCOPE_COMM_LEN];
};

/*
 * Every ring-buffer record starts with this header (as Falco's ppm_evt_hdr): one switch on type
 * turns bytes into an event, size is what the kernel submitted (header included; an rt_sigreturn
 * record ends after the stack bytes it carries), ctx is the task the record is about.
 */
struct sigscope_record_header {
	__u32 type; /* enum sigscope_event_type */
	__u32 size;
	struct sigscope_task_ctx ctx;
};

/* sigscope_delivery.flags */
#define SIGSCOPE_DLV_HANDLER	   (1u << 0) /* a user handler runs: a frame is written */
#define SIGSCOPE_DLV_IN_SYSCALL	   (1u << 1) /* interrupted inside a syscall (orig_ax != -1) */
#define SIGSCOPE_DLV_RESTARTED	   (1u << 2) /* ax = orig_ax, ip -= 2 applied (syscall restart) */
#define SIGSCOPE_DLV_EINTR	   (1u << 3) /* ax = -EINTR applied */
#define SIGSCOPE_DLV_ALTSTACK	   (1u << 4) /* the frame goes on the sigaltstack */
#define SIGSCOPE_DLV_COMPAT	   (1u << 5) /* 32-bit frame (ia32 task) */
#define SIGSCOPE_DLV_NEST_OVERFLOW (1u << 6) /* the set was full: one dropped (full_slot) */
/* A fault signal (or SIGSYS) the kernel raised: no rt_sigqueueinfo of the process queued one
 * (src/bpf/signal.bpf.h). Only such a delivery can explain a skip, or an emulated syscall. */
#define SIGSCOPE_DLV_KERNEL_FAULT (1u << 7)
/* The kernel moved the interrupted rip to an rseq critical section's abort handler before it
 * wrote the frame (tp_btf/rseq_ip_fixup): regs[RIP] is that abort_ip, as the frame holds. */
#define SIGSCOPE_DLV_RSEQ_ABORT (1u << 8)
/* A kernel-raised SIGFPE from an x87 exception (#MF: raised at the next waiting x87 instruction,
 * which is not the one to skip) or from a SIMD one (#XM), by the thread's trap_nr at delivery:
 * whose control words a handler may relax (src/shared/fpstate.h). */
#define SIGSCOPE_DLV_MATH_X87 (1u << 9)
/* The FP area the kernel wrote for this delivery was kept before its handler ran
 * (src/bpf/fpstate.bpf.h): whole while it is the thread's newest, then as fp_hash (FP_HASHED). */
#define SIGSCOPE_DLV_FP_KEPT   (1u << 10)
#define SIGSCOPE_DLV_FP_HASHED (1u << 11)
#define SIGSCOPE_DLV_MATH_SIMD (1u << 12)
/* The thread was traced when the signal was delivered (a debugger's single step is switched off
 * before the frame is written: signal.bpf.h). */
#define SIGSCOPE_DLV_TRACED (1u << 13)
/* A SIGSEGV from a write access (the page fault's error code): its cause stands while the page
 * is not writable (judge.h sigscope_fault_stands). */
#define SIGSCOPE_DLV_FAULT_WRITE (1u << 14)
/* ... and resumed to stop at every syscall (PTRACE_SYSCALL): its tracer will stop it inside the
 * handler, where no signal shows (red team round 41: a tracer that only passes signals on, with
 * PTRACE_CONT, gives no such cover). */
#define SIGSCOPE_DLV_SYSCALL_TRACED (1u << 15)

/*
 * A delivery as the kernel performs it: the interrupted user registers after the syscall-restart
 * fix-ups of handle_signal(), i.e. exactly what setup_rt_frame() saves into the frame.
 */
struct sigscope_delivery {
	__u64 ts_ns;
	__u64 regs[SIGSCOPE_NREGS];
	__u64 handler;
	__u64 restorer; /* ka->sa.sa_restorer */
	__u64 sa_flags;
	__u64 sa_mask;
	__u64 blocked;	   /* current->blocked before the handler's mask is added */
	__u64 altstack_sp; /* current->sas_ss_sp / size / flags at delivery */
	__u64 altstack_size;
	__u32 altstack_flags;
	__s32 sig;
	__u32 flags; /* SIGSCOPE_DLV_* */
	__u32
	    seq; /* per-thread delivery counter (from 1), pairs signal_deliver with rt_sigreturn */
	/* Where get_sigframe() puts the frame (src/shared/pairing.h): its sigreturn's ustack. The
	 * kernel writes [frame, frame_top): the frame, then the FP/xstate area. */
	__u64 frame;
	__u64 frame_top;
	__u32 frame_kind;  /* enum sigscope_frame_kind its sigreturn must use */
	__u32 xstate_size; /* the task's xstate sigframe size used in the prediction */
	__s32 si_code;	   /* siginfo's si_code (0 when the kernel passed no siginfo) */
	/* Length of the instruction at the interrupted rip, decoded at delivery for synchronous
	 * faults (src/shared/insn_len.h); 0: not a fault, a fault on fetching it, or the bytes were
	 * unreadable or invalid.
	 */
	__u8 insn_len;
	/* The thread's tracer stops (thread_state, mod 256) when it was delivered: more at its
	 * sigreturn, and a tracer had the thread stopped while the frame was live. */
	__u8 tracer_stops;
	/* With SIGSCOPE_DLV_FP_HASHED, for a delivery with the SIGFPE allowance: the kept control
	 * words' allowance bits, whose change's direction a hash cannot judge (fpstate.h). */
	__u16 fp_mxcsr_allowed;
	__u32 fp_hash; /* the kept FP area's keyed hash, with SIGSCOPE_DLV_FP_HASHED (fpstate.h) */
	__u32 fp_x87_allowed;
	/* si_addr of a memory fault with insn_len: where its cause is looked up again at the
	 * sigreturn (judge.h sigscope_fault_stands); 0 otherwise. */
	__u64 fault_addr;
};

struct sigscope_siginfo {
	__s32 signo;
	__s32 errno_;
	__s32 code;
	__u32 pid; /* sender, for SI_USER/SI_QUEUE/SI_TKILL, and SIGCHLD's child */
	__u32 uid;
	__u32 valid; /* 0 when the kernel passed SEND_SIG_NOINFO/SEND_SIG_PRIV */
	__u64 addr;  /* si_addr for SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP */
};

struct sigscope_signal_deliver_event {
	struct sigscope_record_header hdr; /* SIGSCOPE_EV_SIGNAL_DELIVER */
	__u32 depth; /* outstanding deliveries on this thread after this one */
	__u32 pad;
	struct sigscope_siginfo info;
	struct sigscope_delivery dlv;
};

struct sigscope_signal_generate_event {
	struct sigscope_record_header hdr; /* SIGSCOPE_EV_SIGNAL_GENERATE; ctx: the sender */
	__s32 sig;
	__s32 code;
	__s32 errno_;
	__s32 group;
	__s32 result; /* enum trace_signal_result: 0 delivered, 1 ignored, 2 already pending, ... */
	__u32 target_pid; /* tgid */
	__u32 target_tid;
	__u32 pad;
	char target_comm[SIGSCOPE_COMM_LEN];
};

/* How a sigreturn was paired with an outstanding delivery. */
enum sigscope_match_status {
	SIGSCOPE_MATCH_MATCHED = 0,
	SIGSCOPE_MATCH_UNMATCHED = 1,	    /* no outstanding delivery restores this context */
	SIGSCOPE_MATCH_THREAD_PREDATES = 2, /* unmatched, but the thread started before sigscope */
};
enum sigscope_match_method {
	SIGSCOPE_MATCH_BY_NONE = 0,
	SIGSCOPE_MATCH_BY_CONTEXT = 1, /* restored rip and rsp equal the delivery's */
	SIGSCOPE_MATCH_BY_SP = 2, /* restored rsp equal, rip moved (rseq abort, runtime redirect) */
	SIGSCOPE_MATCH_BY_FRAME = 3, /* ustack is that delivery's frame, rsp moved too */
};
/* Every match requires ustack == the delivery's frame address; the method says what moved. */

/* Findings about one sigreturn (README "Findings"). Bit n of sigscope_verdict.findings. */
enum sigscope_finding {
	SIGSCOPE_FINDING_FORGED_FRAME = 0,    /* no outstanding delivery wrote this frame */
	SIGSCOPE_FINDING_WRONG_CALL_SITE = 1, /* syscall not issued from a restorer */
	SIGSCOPE_FINDING_TAMPERED = 2,	      /* restored context differs from what was saved */
	SIGSCOPE_FINDING_STACK_PIVOT = 3,     /* restored rsp outside the thread's stacks */
	SIGSCOPE_FINDING_TOCTOU = 4,	      /* frame changed (or unreadable) between reads */
	SIGSCOPE_FINDING_ABI_SWITCH = 5,      /* 64-bit process into 32-bit mode, or back */
	SIGSCOPE_FINDING_PREEXISTING = 6, /* unmatched on a thread older than sigscope: excused */
	SIGSCOPE_FINDING_MAX = 7,
};

enum sigscope_severity {
	SIGSCOPE_SEV_INFO = 0,
	SIGSCOPE_SEV_LOW = 1,
	SIGSCOPE_SEV_MEDIUM = 2,
	SIGSCOPE_SEV_HIGH = 3,
	SIGSCOPE_SEV_CRITICAL = 4,
	SIGSCOPE_SEV_NONE = 0xff, /* enforcement threshold: never */
};

/* Where an address points, from the task's VMAs (src/bpf/vma.bpf.h). */
enum sigscope_mem_class {
	SIGSCOPE_MEM_UNKNOWN = 0,   /* not looked up, or no lookup answered (src/bpf/vma.bpf.h) */
	SIGSCOPE_MEM_FILE_EXEC = 1, /* executable mapping of a file (program, library) */
	SIGSCOPE_MEM_ANON_EXEC = 2, /* anonymous executable memory (JIT code, injected code) */
	SIGSCOPE_MEM_VDSO = 3,
	SIGSCOPE_MEM_STACK = 4,	   /* the stack the delivery interrupted, or the sigaltstack */
	SIGSCOPE_MEM_WRITABLE = 5, /* mapped, writable, not executable (heap, data) */
	SIGSCOPE_MEM_READONLY = 6, /* mapped, neither writable nor executable */
	SIGSCOPE_MEM_UNMAPPED = 7,
};

/* How the call site was recognised as a restorer. */
enum sigscope_call_site {
	SIGSCOPE_SITE_UNKNOWN = 0,   /* not checked */
	SIGSCOPE_SITE_DELIVERED = 1, /* a sigreturn stub, the sa_restorer of the matched delivery */
	SIGSCOPE_SITE_REGISTERED =
	    2,			 /* no longer produced: registering a restorer proves nothing */
	SIGSCOPE_SITE_VDSO = 3,	 /* a sigreturn stub in the vDSO (the ia32 restorers) */
	SIGSCOPE_SITE_OTHER = 4, /* not a sigreturn stub: finding WRONG_CALL_SITE */
	SIGSCOPE_SITE_STUB = 5,	 /* a sigreturn stub elsewhere (e.g. libc's __restore_rt) */
};

/* What a handler did to the context it returns to (sigscope_verdict.pattern). */
enum sigscope_pattern {
	SIGSCOPE_PAT_NONE = 0,		 /* restored exactly what was saved */
	SIGSCOPE_PAT_REGS = 1,		 /* registers changed, rip did not (info) */
	SIGSCOPE_PAT_SKIP = 2,		 /* rip moved <= 15 bytes forward in its mapping (low) */
	SIGSCOPE_PAT_JIT = 3,		 /* rip into anonymous executable memory (low) */
	SIGSCOPE_PAT_HANDLER_MODULE = 4, /* rip into the handler's own mapping (low) */
	SIGSCOPE_PAT_CALL_INJECTION = 5, /* the same, with a return address pushed (Go) (low) */
	SIGSCOPE_PAT_VDSO = 6,		 /* rip into the vDSO (low) */
	SIGSCOPE_PAT_SYSCALL_REWRITE =
	    7,			       /* at a syscall instruction, its registers changed (high) */
	SIGSCOPE_PAT_FOREIGN_CODE = 8, /* rip into another file's code (high) */
	SIGSCOPE_PAT_NOT_CODE = 9,     /* rip into memory that is not executable (high) */
	SIGSCOPE_PAT_UNDECIDED = 10,   /* no lookup answered: the policy decides */
};

/*
 * Why a change to a judged register (rip, rsp, rbp; the syscall registers at a syscall site) is
 * legitimate: one entry of a closed list, each resting on evidence the judged frame cannot plant
 * (src/shared/judge.h, README "Threat model"). Anything else is high.
 */
enum sigscope_explanation {
	SIGSCOPE_EXPL_NONE = 0,		  /* no judged register changed */
	SIGSCOPE_EXPL_UNEXPLAINED = 1,	  /* a judged register changed, nothing explains it: high */
	SIGSCOPE_EXPL_SKIP = 2,		  /* rip past exactly the faulting instruction */
	SIGSCOPE_EXPL_CALL_INJECTION = 3, /* a call pushed to a runtime's injection target */
	SIGSCOPE_EXPL_RUNTIME_JIT = 4,	  /* a JIT runtime's handler sent rip into its code cache */
	SIGSCOPE_EXPL_UNDECIDED =
	    5, /* the evidence could not be had: policy `contended_redirect` */
	SIGSCOPE_EXPL_RUNTIME_DISPATCH =
	    6,				/* to an entry point its runtime's handler dispatches to */
	SIGSCOPE_EXPL_RUNTIME_TRAP = 7, /* SBCL: over the trap code byte after an int3 */
	SIGSCOPE_EXPL_RUNTIME_RESTART = 8, /* qemu-user: a guest syscall rewound to its start */
	/* Nothing else explains it, but a tracer had the thread stopped while the frame was live:
	 * a debugger's edit, or not (medium: reported, not killed at the default threshold). */
	SIGSCOPE_EXPL_TRACER = 9,
};

/* changed_mask's last bit: the altstack the sigreturn restored (uc_stack) is not the one the
 * thread had at delivery. The one before: an ia32 frame restores a data segment (ds, es) other
 * than the flat user one, which moves every data access by that segment's base (red team
 * round 15, a2_ia32_ds_tls). Registers take the bits below SIGSCOPE_NREGS. */
#define SIGSCOPE_CHANGED_ALTSTACK_BIT 31
#define SIGSCOPE_CHANGED_ALTSTACK     (1u << SIGSCOPE_CHANGED_ALTSTACK_BIT)
#define SIGSCOPE_CHANGED_SEGMENTS_BIT 30
#define SIGSCOPE_CHANGED_SEGMENTS     (1u << SIGSCOPE_CHANGED_SEGMENTS_BIT)
/* The FP/vector area the sigreturn restores from is not the one the kernel wrote, or its data
 * changed (src/shared/fpstate.h): xmm, ymm, zmm, the x87 stack, opmasks, PKRU. */
#define SIGSCOPE_CHANGED_FPSTATE_BIT 29
#define SIGSCOPE_CHANGED_FPSTATE     (1u << SIGSCOPE_CHANGED_FPSTATE_BIT)
#define SIGSCOPE_USER32_DS	     0x2b /* __USER32_DS: the flat data segment of ia32 tasks */

struct sigscope_verdict {
	__u32 findings; /* bit per enum sigscope_finding (after policy allows) */
	__u32 allowed;	/* findings raised but allowed by policy for this executable */
	__u8 severity[SIGSCOPE_FINDING_MAX]; /* per finding, valid where its bit is set */
	__u8 max_severity;		     /* over findings, SIGSCOPE_SEV_NONE when none */
	__u8 rip_class;			     /* enum sigscope_mem_class of the restored rip */
	__u8 rsp_class;			     /* enum sigscope_mem_class of the restored rsp */
	__u8 call_site;			     /* enum sigscope_call_site */
	__u8 enforced;			     /* SIGKILL sent from the hook */
	__u8 pattern;			     /* enum sigscope_pattern (matched only) */
	__u8 contended;	  /* a lookup met a busy mm lock: the walk answered, or fail-closed */
	__u8 explanation; /* enum sigscope_explanation (matched only) */
	__u8 pad[2];
	__u32 changed_mask; /* registers restored differently from the delivery's (matched only),
			     * SIGSCOPE_CHANGED_SEGMENTS and SIGSCOPE_CHANGED_ALTSTACK */
	__u64 rsp_ref;	    /* the stack pointer the pivot check compared with */
	__u64 rip_vma_start, rip_vma_end, rsp_vma_start, rsp_vma_end, ref_vma_start;
};

/*
 * Findings per account (the kernel's map "accounts"): who a finding is charged to for the alert
 * ring's budgets, and the counts that survive a flood. An account is the task's uid when it runs
 * in the initial user namespace; in a user namespace, the uid that created its outermost one
 * (an unprivileged user's subordinate uids, /etc/subuid, stay that user's), or that namespace
 * itself when root created it (a container: one account for all its uids). Neither can be
 * multiplied without privilege, unlike processes, threads or a user's own cgroups.
 */
#define SIGSCOPE_ACCOUNTS_MAX	4096
#define SIGSCOPE_ACCOUNT_USERNS (1ULL << 63) /* | the user namespace's inode number */
#define SIGSCOPE_ACCOUNT_OTHERS (~0ULL)	     /* every account past SIGSCOPE_ACCOUNTS_MAX */
#define SIGSCOPE_ALERT_BUDGET	64	     /* alerts per account and finding, per second */

struct sigscope_account {
	__u64 window_start_ns;			   /* the budget's one-second window */
	__u32 window_alerts[SIGSCOPE_FINDING_MAX]; /* alerts in it, per finding */
	__u32 pad;
	__u64 raised[SIGSCOPE_FINDING_MAX]; /* findings raised, per finding */
	__u64 lost;			    /* records with findings that no ring could take */
};

/*
 * Key of the policy map allowed_exes: an executable by inode (value: allowed finding bits); mtime
 * 0. Also the key of a module in the runtime profile maps (judge.h), where mtime is the inode's
 * modification time folded (sigscope_time_fold): a file rewritten in place (cp over it) is
 * another module, which no profile read from the old content describes. Not the ctime: a chmod,
 * or the rename over it of a package upgrade (the old inode loses its link), sets that and
 * leaves the content alone, and the running runtime must keep its profile. Only the file's
 * owner can set an mtime back, and an owner can rewrite the code outright; a new file on a
 * reused inode number cannot take an old profile, since user space holds every profiled file
 * open (src/rules/profiles.c), so its inode number is not free to reuse.
 */
struct sigscope_exe_key {
	__u64 ino;
	__u32 dev;   /* the kernel's encoding: major << 20 | minor */
	__u32 mtime; /* sigscope_time_fold of the inode's mtime */
};

/* An inode time in 32 bits, as both sides compute it. */
static inline __u32 sigscope_time_fold(__u64 sec, __u32 nsec)
{
	__u64 ns = sec * 1000000000ULL + nsec;

	return (__u32)ns ^ (__u32)(ns >> 32);
}

/* Value of the map exec_paths (key: tgid): the path a process exec'd, as given to execve(). */
struct sigscope_exec_path {
	char path[256];
};

/* sigscope_sigreturn_event.flags */
#define SIGSCOPE_SR_FRAME_OK (1u << 0) /* the frame read at entry succeeded */
#define SIGSCOPE_SR_APPLIED  (1u << 1) /* applied[] holds the registers read at sys_exit */
#define SIGSCOPE_SR_MISMATCH (1u << 2) /* applied[] differs from the frame read at entry */
#define SIGSCOPE_SR_STACK_OK (1u << 3) /* stack[] holds stack_len bytes at the restored rsp */
#define SIGSCOPE_SR_PREDATES (1u << 4) /* the thread started before sigscope */
/* The kernel skipped the entry program (docs/kernels.md): judged at the exit alone, from the
 * registers it restored; there is no frame address, call site or entry sp. */
#define SIGSCOPE_SR_ENTRY_MISSED (1u << 5)
/* The kernel skipped the exit program: judged (and enforced) at entry on the frame as read. */
#define SIGSCOPE_SR_EXIT_MISSED (1u << 6)
/* The FP area it restores is not what its delivery wrote (fpstate.bpf.h fp_area_changed). */
#define SIGSCOPE_SR_FP_CHANGED (1u << 7)
/* Inside the sigreturn, its entry unseen, once every hook was attached (process.bpf.h
 * mark_in_flight): excused only by the frame the attach-time snapshot recorded at its address. */
#define SIGSCOPE_SR_IN_FLIGHT (1u << 8)

struct sigscope_sigreturn_event {
	struct sigscope_record_header hdr; /* SIGSCOPE_EV_RT_SIGRETURN */
	__u32 abi;			   /* enum sigscope_abi */
	__u32 frame_kind;		   /* enum sigscope_frame_kind */
	__u32 syscall_nr;		   /* 15, 173 or 119 */
	__u32 flags;			   /* SIGSCOPE_SR_* */
	__s32 frame_err; /* bpf_probe_read_user() result for the frame, 0 on success */
	__u32 frame_len;
	__u32 mismatch_mask; /* bit SIGSCOPE_REG_x set: applied differs from the frame read */
	__u32 pad;
	__u64 ustack;	 /* where the kernel reads the frame */
	__u64 call_site; /* user ip of the syscall instruction (ip - 2 at entry) */
	__u64 entry_sp;	 /* user sp at entry */
	__u64 entry_cs;	 /* code segment at entry: 0x33 64-bit, 0x23 32-bit */
	/* The sigaltstack at entry, before the frame's uc_stack is installed: judged with these. */
	__u64 entry_alt_sp;
	__u64 entry_alt_size;
	__s64 retval; /* restored ax as returned to user space (valid with SIGSCOPE_SR_APPLIED) */
	__u64 applied[SIGSCOPE_NREGS]; /* what the kernel really restored (authoritative) */
	/* Pairing with the delivery that wrote this frame. */
	__u32 match_status; /* enum sigscope_match_status */
	__u32 match_method; /* enum sigscope_match_method */
	__u32 depth;	    /* outstanding deliveries before this sigreturn */
	__u32
	    abandoned; /* deliveries found abandoned on this thread since its previous sigreturn */
	struct sigscope_delivery delivery; /* valid when match_status == MATCHED */
	struct sigscope_verdict verdict;
	__u32 stack_len;
	__s32 stack_err;
	__u8 frame[SIGSCOPE_FRAME_MAX] __attribute__((aligned(8))); /* aligned loads (frame_regs) */
	__u8 stack[SIGSCOPE_STACK_BYTES_MAX]; /* last: records end after stack_len of these */
};

/* Per-CPU counters (array map "counters"); user space sums the CPUs. */
enum sigscope_counter {
	/* In enum sigscope_event_type order: SIGSCOPE_CNT_EMITTED(type), SIGSCOPE_CNT_DROP(type).
	 */
	SIGSCOPE_CNT_EMITTED_SIGRETURN, /* records handed to a ring */
	SIGSCOPE_CNT_EMITTED_DELIVER,
	SIGSCOPE_CNT_EMITTED_GENERATE,
	SIGSCOPE_CNT_DROP_SIGRETURN, /* ring buffer full: event lost */
	SIGSCOPE_CNT_DROP_DELIVER,
	SIGSCOPE_CNT_DROP_GENERATE,
	SIGSCOPE_CNT_FRAME_FAULT,    /* frame unreadable at entry (reported in the event) */
	SIGSCOPE_CNT_NEST_OVERFLOW,  /* outstanding delivery dropped: more than OUTSTANDING_MAX */
	SIGSCOPE_CNT_STATE_FAIL,     /* per-thread state could not be created: pairing lost */
	SIGSCOPE_CNT_ABANDONED,	     /* deliveries never returned from (siglongjmp, exit) */
	SIGSCOPE_CNT_EXIT_MISSED,    /* sigreturn entry whose exit was never seen */
	SIGSCOPE_CNT_KILLED,	     /* --enforce: tasks killed at the hook */
	SIGSCOPE_CNT_VMA_BUSY,	     /* bpf_find_vma met a busy mm lock (after retries) */
	SIGSCOPE_CNT_VMA_WALKED,     /* ... and the lockless walk of the VMA tree answered */
	SIGSCOPE_CNT_VMA_UNDECIDED,  /* a check nothing answered: ranked by policy (fail closed) */
	SIGSCOPE_CNT_FORK_INHERITED, /* outstanding deliveries a forked child inherited */
	SIGSCOPE_CNT_DROP_ALERT,     /* the alert ring was full (the record then tried the other) */
	SIGSCOPE_CNT_ALERT_THROTTLED, /* an account over its alert budget: its alert took the
					 other ring */
	SIGSCOPE_CNT_SCOPE_FULL,      /* a process's scope not recorded (map full): threads keep
					 their own marks */
	SIGSCOPE_CNT_ENTRY_MISSED,    /* sigreturn exit whose entry was skipped: judged alone */
	SIGSCOPE_CNT_NOT_SIGRETURN,   /* exit with orig_ax -1 and no entry, a plain syscall's */
	SIGSCOPE_CNT_PLAIN_UNPROVEN,  /* ... that looked plain but no marked entry vouched for it */
	SIGSCOPE_CNT_PROFILE_REQUEST_LOST,  /* module_requests full: that executable is not read
					       and its runtime's redirects fail closed */
	SIGSCOPE_CNT_UNPAIRED_NO_STATE,	    /* a sigreturn with no thread state to pair it in:
					       judged forged with no record (fail closed) */
	SIGSCOPE_CNT_KILL_REFUSED,	    /* --enforce: bpf_send_signal() refused the SIGKILL */
	SIGSCOPE_CNT_VMA_WALK_CHECKED,	    /* SIGSCOPE_VMA_WALK_CHECK: locked lookups walked too */
	SIGSCOPE_CNT_VMA_WALK_MISMATCH,	    /* ... where the walk disagreed */
	SIGSCOPE_CNT_SNAPSHOT_INHERIT_FAIL, /* a child forked by an older thread not given its
					       parent's attach-time frames (map full): their
					       returns fail closed */
	SIGSCOPE_CNT_FP_UNKEPT,	     /* a delivery's FP area not kept (unreadable, no memory): its
					sigreturn's area fails closed */
	SIGSCOPE_CNT_MAPS_HINT_LOST, /* maps_hints full: a process's mappings not read before
					its handler ran (its findings may name no module) */
	SIGSCOPE_CNT_MAX,
};

/* A handled delivery in scope, at most once a second per thread (the maps_hints ring): user space
 * reads the process's mappings then, before its sigreturn can be judged and the process killed. */
struct sigscope_maps_hint {
	__u32 tgid; /* in the initial pid namespace */
	__u32 pad;
	__u64 exe_ino; /* which program the process runs: an exec since makes the hint stale */
};

/* One row of the counters (sigscope.bpf.h counter_rows: a CPU's), or their sum in user space. */
struct sigscope_counters {
	__u64 c[SIGSCOPE_CNT_MAX];
};

#ifndef __bpf__
/* How the summary names a counter ("; NAME N"); NULL for the emitted and lost records, which it
 * reports by type. */
static inline const char *sigscope_counter_label(enum sigscope_counter which)
{
	switch (which) {
	case SIGSCOPE_CNT_FRAME_FAULT:
		return "frames unreadable at entry";
	case SIGSCOPE_CNT_NEST_OVERFLOW:
		return "deliveries dropped from a full per-thread set";
	case SIGSCOPE_CNT_STATE_FAIL:
		return "threads without pairing state (allocation failed)";
	case SIGSCOPE_CNT_ABANDONED:
		return "handlers never returned from (siglongjmp, exit)";
	case SIGSCOPE_CNT_EXIT_MISSED:
		return "sigreturn entries whose exit was not seen (judged at entry)";
	case SIGSCOPE_CNT_ENTRY_MISSED:
		return "sigreturn exits whose entry was not seen (judged at exit)";
	case SIGSCOPE_CNT_NOT_SIGRETURN:
		return "exits with no entry left unjudged (a plain syscall's, or during the "
		       "attach)";
	case SIGSCOPE_CNT_PLAIN_UNPROVEN:
		return "exits that looked like syscall(-1)'s with no marked entry (judged unless "
		       "kernel_skips: open)";
	case SIGSCOPE_CNT_KILLED:
		return "processes killed (--enforce)";
	case SIGSCOPE_CNT_VMA_BUSY:
		return "address lookups that met a busy mm lock";
	case SIGSCOPE_CNT_VMA_WALKED:
		return "... answered by walking the VMA tree without it";
	case SIGSCOPE_CNT_VMA_UNDECIDED:
		return "checks no lookup answered (ranked by the policy's contended knobs)";
	case SIGSCOPE_CNT_FORK_INHERITED:
		return "outstanding deliveries inherited by forked children";
	case SIGSCOPE_CNT_DROP_ALERT:
		return "alerts that found the alert ring full";
	case SIGSCOPE_CNT_ALERT_THROTTLED:
		return "alerts over their account's budget (sent as ordinary events)";
	case SIGSCOPE_CNT_SCOPE_FULL:
		return "processes in scope the per-process map had no room for";
	case SIGSCOPE_CNT_PROFILE_REQUEST_LOST:
		return "executables not read for runtime profiles (request ring full: their "
		       "redirects fail closed)";
	case SIGSCOPE_CNT_UNPAIRED_NO_STATE:
		return "sigreturns with no pairing state (judged forged, killed under --enforce)";
	case SIGSCOPE_CNT_KILL_REFUSED:
		return "kills the kernel refused (--enforce: the process ran on)";
	case SIGSCOPE_CNT_VMA_WALK_CHECKED:
		return "lookups cross-checked by the walk";
	case SIGSCOPE_CNT_VMA_WALK_MISMATCH:
		return "... where the walk disagreed";
	case SIGSCOPE_CNT_SNAPSHOT_INHERIT_FAIL:
		return "attach-time frames a forked child could not inherit (map full: judged "
		       "forged)";
	case SIGSCOPE_CNT_FP_UNKEPT:
		return "FP areas not kept at delivery (their sigreturns judged changed)";
	case SIGSCOPE_CNT_MAPS_HINT_LOST:
		return "mapping reads not requested at delivery (ring full: findings may name no "
		       "module)";
	default:
		return (const char *)0;
	}
}
#endif

/* Emitted and lost records of one enum sigscope_event_type, counted in one place. */
#define SIGSCOPE_CNT_EMITTED(type)                                                                 \
	(SIGSCOPE_CNT_EMITTED_SIGRETURN + (type)-SIGSCOPE_EV_RT_SIGRETURN)
#define SIGSCOPE_CNT_DROP(type) (SIGSCOPE_CNT_DROP_SIGRETURN + (type)-SIGSCOPE_EV_RT_SIGRETURN)

#endif /* SIGSCOPE_EVENT_H */
