/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The judgement of one sigreturn, as the kernel runs it: which change to a restored context is
 * explained (sigscope_explain) and how the rules compose into findings (sigscope_compose). The
 * BPF side (src/bpf/rules.bpf.h) only gathers the evidence these functions take: VMA lookups,
 * bytes read from user memory, the runtime profiles user space loaded. The unit tests
 * (tests/unit/test_verdict.c) call these same functions. README "Threat model" explains each
 * explanation and what fails closed.
 */
#ifndef SIGSCOPE_JUDGE_H
#define SIGSCOPE_JUDGE_H

#include "verdict.h"

/*
 * Runtime profiles of a module (a file, keyed by device and inode): map module_profiles. A
 * runtime's bit also marks, in inject_targets, the entries its handlers may send rip to.
 */
#define SIGSCOPE_PROFILE_SCANNED                                                                   \
	(1u << 0)			/* user space read the module: its entries are loaded      \
					 */
#define SIGSCOPE_PROFILE_JIT  (1u << 1) /* its handlers send rip into the process's JIT code */
#define SIGSCOPE_PROFILE_GO   (1u << 2) /* Go: calls injected to asyncPreempt, sigpanic0 */
#define SIGSCOPE_PROFILE_SBCL (1u << 3) /* SBCL: call_into_lisp, the memory fault trap */
#define SIGSCOPE_PROFILE_WINE (1u << 4) /* Wine's ntdll.so: ntdll.dll's exception dispatcher */
#define SIGSCOPE_PROFILE_MONO (1u << 5) /* Mono: its handlers resume in its exception paths */
#define SIGSCOPE_PROFILE_QEMU (1u << 6) /* qemu-user: its handler rewinds a guest's syscall */
/* The dynamic loader (ld.so): an executable only when a program is started through it
 * (`ld.so PROG`, launchers and --library-path wrappers), judge.h sigscope_exe_profile. */
#define SIGSCOPE_PROFILE_LOADER (1u << 7)
/*
 * What a Go entry is for, beside SIGSCOPE_PROFILE_GO in its inject_targets value (Go's
 * src/runtime/signal_unix.go sighandler, signal_amd64.go pushCall and preparePanic): Go pushes a
 * call to asyncPreempt after its preemption signal, SIGURG, and to sigpanic0 (sigpanic before
 * 1.17) after a fault the kernel raised, and only from its own signal entry, sigtramp (cgoSigtramp
 * with cgo). sigpanic runs the goroutine's deferred calls, pointers read from memory (red team
 * round 6: a fake defer record reached through a C handler's SIGUSR2 frame).
 */
#define SIGSCOPE_GO_PREEMPT (1u << 16) /* runtime.asyncPreempt */
#define SIGSCOPE_GO_PANIC   (1u << 17) /* runtime.sigpanic0, runtime.sigpanic */
#define SIGSCOPE_GO_ENTRY   (1u << 18) /* runtime.sigtramp, runtime.cgoSigtramp: not a target */
#define SIGSCOPE_SIGURG	    23
/*
 * Mono's redirects (Debian 12's mono-sgen: by_build in src/rules/profiles.c), each bound to the
 * exact shape the code that sets it makes (mono/mini/exceptions-amd64.c,
 * mono/utils/mono-threads-posix-signals.c). Each role bit is alone in its target's inject_targets
 * value: Mono's targets are not generic dispatch entries, whose other registers are free (red
 * team round 11 sent altstack_handle_and_restore a forged MonoContext through rdi).
 *   ALTSTACK: altstack_handle_and_restore(ctx, obj, flags), set by
 *     mono_arch_handle_altstack_exception after a fault on Mono's altstack (NullReferenceException,
 *     stack overflow): the interrupted context copied to new rsp + 40 (ctx, rdi), the interrupted
 *     rip in the slot at the new rsp, obj (rsi) 0 but for a stack overflow, flags (rdx) 1 to 3;
 *   SIGNAL_EXC: handle_signal_exception(obj), set by mono_arch_handle_exception through
 *     mono_arch_setup_async_callback after a fault (DivideByZeroException): rsp 128 lower (8 more
 *     where that is 16-aligned), the interrupted rip in the slot, obj in rdi;
 *   ASYNC: self_interrupt_thread(NULL), set the same way by the suspend handler, resumed, under
 *     MONO_THREADS_SUSPEND=preemptive (Thread.Abort): after Mono's tgkill, rdi 0 (red team round
 *     9's false positive).
 */
#define SIGSCOPE_MONO_ASYNC	 (1u << 19)
#define SIGSCOPE_MONO_ALTSTACK	 (1u << 20)
#define SIGSCOPE_MONO_SIGNAL_EXC (1u << 21)
#define SIGSCOPE_MONO_ROLES                                                                        \
	(SIGSCOPE_MONO_ASYNC | SIGSCOPE_MONO_ALTSTACK | SIGSCOPE_MONO_SIGNAL_EXC)
#define SIGSCOPE_MONO_CTX_OFF 40   /* the MonoContext copy above ALTSTACK's new rsp */
#define SIGSCOPE_SI_TKILL     (-6) /* tgkill(): how Mono signals its threads */
/*
 * qemu-user's rewind (linux-user/signal.c rewind_if_in_safe_syscall): a host signal that lands
 * between safe_syscall_start and safe_syscall_end (a guest syscall about to be made, or being
 * restarted by the kernel) sends rip back to safe_syscall_start, which checks for a pending guest
 * signal before it makes the syscall (red team round 11's false positive). The role bit marks
 * safe_syscall_start; bits 24-31 of its value hold safe_syscall_end - safe_syscall_start.
 */
#define SIGSCOPE_QEMU_REWIND  (1u << 22)
#define SIGSCOPE_QEMU_SPAN(v) ((v) >> 24)

/* The runtimes whose handlers dispatch into their own entry points on a lowered stack. */
#define SIGSCOPE_PROFILE_DISPATCH (SIGSCOPE_PROFILE_SBCL | SIGSCOPE_PROFILE_WINE)

/* How far below the interrupted rsp a runtime's dispatch may put the new one: the records it
 * writes there (Wine: a CONTEXT and an EXCEPTION_RECORD, 0x720 measured; SBCL 0x90; Mono 0x238). */
#define SIGSCOPE_DISPATCH_REACH 0x4000ULL

/*
 * Wine's exception dispatch (dlls/ntdll/unix/signal_x86_64.c, setup_raise_exception): the handler
 * writes a CONTEXT of the interrupted registers at the new rsp and the EXCEPTION_RECORD 0x4f0
 * above it, and KiUserExceptionDispatcher reads both from there (NtContinue later restores that
 * CONTEXT, whatever the live registers were). CONTEXT's general registers run from Rax at 0x78 to
 * Rip at 0xf8, in Windows' order; ExceptionAddress is 0x10 into the record.
 */
#define SIGSCOPE_WINE_CTX_OFF	   0x78
#define SIGSCOPE_WINE_CTX_REGS	   17
#define SIGSCOPE_WINE_EXC_ADDR_OFF (0x4f0 + 0x10)

/* Key of the map inject_targets: a function entry of a module that its runtime's handlers
 * inject calls to (Go: runtime.asyncPreempt, runtime.sigpanic0 or sigpanic), by its offset in the
 * file. */
struct sigscope_target_key {
	struct sigscope_exe_key module; /* first: it is also the module_profiles key */
	__u64 off;
};

/*
 * A record of the ring module_requests: an executable the kernel has no profile of yet (dev,
 * ino: mm->exe_file), and the file its code is mapped from (code: the VMA at mm->start_code),
 * when that is another (overlayfs maps the layer's file below while the executable is the
 * overlay's; ino 0 otherwise), with where it is mapped. User space reads each file under its
 * own key, the code file through that mapping (/proc/PID/map_files).
 */
struct sigscope_module_request {
	__u32 tgid;
	__u32 dev;
	__u64 ino;
	struct sigscope_exe_key code;
	/* The mapping of the code file: user space opens that file itself (/proc/PID/map_files),
	 * never the executable in its stead (red team round 32: a process mapped another file over
	 * its own code, and its executable's profile was registered under that file's key). */
	__u64 code_start, code_end;
};

/* The registers every sigreturn is judged on: all of them but cs (the ABI rule's). Any register
 * can hijack control: rsp through the interrupted `ret`, rbp through its `leave`, rbx before a
 * `call *%rbx`, rax before the next syscall, eflags.TF to make single-step traps (red team
 * round 1), ss in an ia32 task, whose base moves every stack access (red team round 15,
 * a1_ia32_ss_tls). The FP/SIMD area of x86_64 frames is judged apart (fpstate.h). */
#define SIGSCOPE_JUDGED_REGS (((1u << SIGSCOPE_NREGS) - 1) & ~(1u << SIGSCOPE_REG_CS))

#define SIGSCOPE_SIGILL	   4
#define SIGSCOPE_SIGTRAP   5
#define SIGSCOPE_SIGBUS	   7
#define SIGSCOPE_SIGFPE	   8
#define SIGSCOPE_SIGSEGV   11
#define SIGSCOPE_SIGSYS	   31
#define SIGSCOPE_SI_KERNEL 0x80	      /* si_code of a trap the kernel raised itself (int3) */
#define SIGSCOPE_EFLAGS_TF 0x100ULL   /* the trap flag: a single-step trap after each instruction */
#define SIGSCOPE_EFLAGS_AC 0x40000ULL /* alignment check: SIGBUS on a misaligned access */

/* The fault signals whose saved rip is the faulting instruction. Not SIGTRAP: a trap is taken
 * after its instruction (int3, a single step the process can ask for with eflags.TF), so "skip
 * the faulting instruction" would skip the next one. */
static inline int sigscope_fault_sig(int s)
{
	return s == SIGSCOPE_SIGSEGV || s == SIGSCOPE_SIGBUS || s == SIGSCOPE_SIGILL ||
	       s == SIGSCOPE_SIGFPE;
}

/* The signals whose siginfo is evidence only when the kernel raised them (a process may queue
 * itself any si_code > 0): the faults, SIGTRAP (int3, a single step) and SIGSYS (a syscall the
 * kernel refused to run). */
static inline int sigscope_kernel_marked_sig(int s)
{
	return sigscope_fault_sig(s) || s == SIGSCOPE_SIGTRAP || s == SIGSCOPE_SIGSYS;
}

/* A SIGTRAP of the interrupted instruction: int3 (SI_KERNEL), a breakpoint, a single step, a
 * debugger's hardware breakpoint. Not TRAP_PERF: a perf event with sigtrap, which a process opens
 * on itself, traps at any instruction it likes (red team round 13). */
#define SIGSCOPE_TRAP_BRKPT  1
#define SIGSCOPE_TRAP_HWBKPT 4
static inline int sigscope_trap_of_insn(int si_code)
{
	return si_code == SIGSCOPE_SI_KERNEL ||
	       (si_code >= SIGSCOPE_TRAP_BRKPT && si_code <= SIGSCOPE_TRAP_HWBKPT);
}

/*
 * The only deliveries a runtime's handler redirects from: a fault or trap of the interrupted
 * instruction that the kernel raised (a JVM's null check or safepoint poll, a wasm trap, Wine's
 * exception, SBCL's trap, Mono's null reference). A runtime never redirects an asynchronous
 * signal (a JVM's suspend or sampling SIGUSR2, Wine's SIGUSR1 suspend): such a frame must come
 * back as the kernel saved it (red team round 5 sent a JFR sample's frame into shellcode in the
 * JVM's code cache, and a Wine suspend's frame to its exception dispatcher).
 */
static inline int sigscope_runtime_signal(const struct sigscope_delivery *d)
{
	return (d->flags & SIGSCOPE_DLV_KERNEL_FAULT) &&
	       (sigscope_fault_sig(d->sig) ||
		(d->sig == SIGSCOPE_SIGTRAP && sigscope_trap_of_insn(d->si_code)));
}

/*
 * A synchronous fault of the interrupted instruction: a fault signal with a fault's own si_code
 * (SEGV_*, BUS_*, ILL_*, FPE_*: 1 to 0x7f) that the kernel itself raised. A process may queue
 * itself such a signal with rt_sigqueueinfo (si_code > 0 is allowed to oneself), blocked, to be
 * delivered on the way out of a later syscall or on an interrupt of a sibling thread (red team
 * round 2): signal_generate marks those, and only an unmarked delivery gets
 * SIGSCOPE_DLV_KERNEL_FAULT (signal.bpf.h). Not SI_KERNEL: the kernel's force_sigsegv() raises
 * SIGSEGV SI_KERNEL at any rip when it cannot write a frame (a read-only sigaltstack, on demand:
 * red team round 3), with nothing faulting at rip. A #GP fault is SI_KERNEL too, so a skip after
 * one (an emulator of privileged instructions) is not explained.
 */
static inline int sigscope_sync_fault(const struct sigscope_delivery *d)
{
	return (d->flags & SIGSCOPE_DLV_KERNEL_FAULT) && d->si_code > 0 &&
	       d->si_code < SIGSCOPE_SI_KERNEL && !(d->flags & SIGSCOPE_DLV_IN_SYSCALL) &&
	       sigscope_fault_sig(d->sig);
}

/* SEGV_MAPERR (no mapping) and SEGV_ACCERR (a mapping without the permission): the memory faults
 * whose cause a handler can remove, and sigscope can look up again (sigscope_fault_stands). */
#define SIGSCOPE_SEGV_MAPERR 1
#define SIGSCOPE_SEGV_ACCERR 2
static inline int sigscope_fault_reread(const struct sigscope_delivery *d)
{
	return d->sig == SIGSCOPE_SIGSEGV &&
	       (d->si_code == SIGSCOPE_SEGV_MAPERR || d->si_code == SIGSCOPE_SEGV_ACCERR);
}

/*
 * A syscall the kernel refused to run and handed to the process's SIGSYS handler to emulate:
 * seccomp's SECCOMP_RET_TRAP (si_code SYS_SECCOMP, 1) or Syscall User Dispatch
 * (SYS_USER_DISPATCH, 2), raised by the kernel at that syscall's entry (not queued: the same marks
 * as the faults) and delivered at its exit, with the syscall number still in rax. The handler's
 * answer is the emulated syscall's result in rax (Chromium's and Firefox's sandboxes, Wine): a
 * value the kernel could have returned there.
 */
static inline int sigscope_emulated_syscall(const struct sigscope_delivery *d)
{
	return (d->flags & SIGSCOPE_DLV_KERNEL_FAULT) && (d->flags & SIGSCOPE_DLV_IN_SYSCALL) &&
	       d->sig == SIGSCOPE_SIGSYS && (d->si_code == 1 || d->si_code == 2);
}

/* The syscalls that queue a signal with a caller-chosen siginfo (si_code > 0 only to oneself):
 * rt_sigqueueinfo, rt_tgsigqueueinfo, pidfd_send_signal, in each ABI. */
static inline int sigscope_queues_siginfo(__u64 nr)
{
	return nr == 129 || nr == 297 || nr == 424 ||			     /* x86_64 */
	       nr == 178 || nr == 335 ||				     /* ia32 (424 too) */
	       nr == (0x40000000ULL | 524) || nr == (0x40000000ULL | 536) || /* x32 */
	       nr == (0x40000000ULL | 424);
}

/* The evidence for sigscope_explain, gathered by the kernel side where the change needs it. */
struct sigscope_explain_in {
	__u32 changed;	     /* sigscope_regs_differ(delivery's saved registers, restored ones) */
	__u8 sys;	     /* the syscall registers changed with rip at a syscall instruction */
	__u8 slot_ok;	     /* slot holds the 8 bytes read at the restored rsp */
	__u8 handler_told;   /* handler_target was looked up and answered */
	__u8 tracer_stopped; /* a tracer stopped the thread while the frame was live, or is there */
	__u32 target; /* inject_targets' value for rip: the profiles that may send it there */
	__u32 handler_target;  /* inject_targets' value for the handler (Go) */
	__u32 rip_profile;     /* module_profiles of rip's module (0: none, or anonymous) */
	__u32 handler_profile; /* module_profiles of the handler's module */
	__u32 exe_profile;     /* module_profiles of the process's executable (mm->exe_file) */
	__u64 slot;
	struct sigscope_vma_info rip_vma;     /* cls UNKNOWN: not looked up, or left undecided */
	struct sigscope_vma_info handler_vma; /* looked up where an explanation rests on it */
	struct sigscope_vma_info old_vma;     /* the interrupted rip's, for a move into JIT code */
	struct sigscope_vma_info fault_vma; /* a skipped memory fault's address, at the sigreturn */
	/* Wine's dispatch: the CONTEXT and EXCEPTION_RECORD it wrote at the restored rsp. */
	/* A runtime's copy of the interrupted context, read where the target says it is: Wine's
	 * CONTEXT at rsp + 0x78 (and its EXCEPTION_RECORD's address), Mono's MonoContext at
	 * rsp + 40. Both hold the general registers in Windows' order, Rax to Rip. */
	__u8 ctx_ok; /* ctx_copy (and, for Wine, wine_addr) were read */
	__u8 pad2[7];
	__u64 ctx_copy[SIGSCOPE_WINE_CTX_REGS]; /* Rax .. Rip */
	__u64 wine_addr;			/* EXCEPTION_RECORD.ExceptionAddress */
};

/* Does the handler's module need looking up (its profile decides)? rip moved into anonymous code
 * (a JIT runtime), onto an entry a dispatching runtime's handlers may send it to, or past an int3
 * (SBCL's traps). */
static inline int sigscope_needs_handler(const struct sigscope_delivery *d,
					 const struct sigscope_explain_in *in)
{
	return in->rip_vma.cls == SIGSCOPE_MEM_ANON_EXEC ||
	       (in->target &
		(SIGSCOPE_PROFILE_DISPATCH | SIGSCOPE_MONO_ROLES | SIGSCOPE_QEMU_REWIND)) != 0 ||
	       (d->sig == SIGSCOPE_SIGTRAP && d->si_code == SIGSCOPE_SI_KERNEL);
}

/*
 * The profile of the process's executable, as the runtime gates read it. A program started
 * through the dynamic loader (`ld.so PROG`) has the loader for its executable (mm->exe_file),
 * whose profile says nothing of the program: there the handler's module stands for it (red team
 * round 33: every Go preemption of a program so started was killed). Mapping a runtime and
 * pointing a handler into it then borrows that runtime's explanations; only in a process started
 * that way, and only by code that already maps files and installs handlers at will.
 */
static inline __u32 sigscope_exe_profile(const struct sigscope_explain_in *in)
{
	return in->exe_profile & SIGSCOPE_PROFILE_LOADER ? in->handler_profile : in->exe_profile;
}

/*
 * The runtimes whose explanations hold in this process: those of the handler's module that the
 * process's executable is too (the runtime itself, as SBCL's and Go's binaries are, or its
 * launcher: a JVM's bin/java, Wine's loader). Any process can map libjvm.so or /usr/bin/sbcl and
 * point a handler at one byte of it (red team rounds 1 and 3); its executable is its own.
 */
static inline __u32 sigscope_runtime(const struct sigscope_explain_in *in)
{
	return in->handler_profile & sigscope_exe_profile(in) & ~SIGSCOPE_PROFILE_SCANNED;
}

/* Does a runtime's copy of the interrupted context hold what the kernel saved, its Rip one of
 * rip and rip2 (each runtime says what its copy's Rip is)? */
static inline int sigscope_ctx_copy_is_saved(const struct sigscope_delivery *d,
					     const struct sigscope_explain_in *in, __u64 rip,
					     __u64 rip2)
{
	static const __u8 order[SIGSCOPE_WINE_CTX_REGS - 1] = {
	    SIGSCOPE_REG_RAX, SIGSCOPE_REG_RCX, SIGSCOPE_REG_RDX, SIGSCOPE_REG_RBX,
	    SIGSCOPE_REG_RSP, SIGSCOPE_REG_RBP, SIGSCOPE_REG_RSI, SIGSCOPE_REG_RDI,
	    SIGSCOPE_REG_R8,  SIGSCOPE_REG_R9,	SIGSCOPE_REG_R10, SIGSCOPE_REG_R11,
	    SIGSCOPE_REG_R12, SIGSCOPE_REG_R13, SIGSCOPE_REG_R14, SIGSCOPE_REG_R15};
	__u64 diff = 0, ctx_rip = in->ctx_copy[SIGSCOPE_WINE_CTX_REGS - 1];

	if (!in->ctx_ok)
		return 0;
	for (int i = 0; i < SIGSCOPE_WINE_CTX_REGS - 1; i++)
		diff |= in->ctx_copy[i] ^ d->regs[order[i]];
	return !diff && (ctx_rip == rip || ctx_rip == rip2);
}

/*
 * Does Wine's dispatch carry the interrupted context (red team round 5, wine_dispatch)? Every
 * general register of the CONTEXT at the new rsp, and the record's address, must be what the
 * kernel saved at the fault: a handler (or a sibling thread) that wrote another CONTEXT there
 * sends NtContinue wherever it likes. For a breakpoint Wine backs Rip and the address up over the
 * int3 (rip - 1 after a SIGTRAP).
 */
static inline int sigscope_wine_context_bound(const struct sigscope_delivery *d,
					      const struct sigscope_explain_in *in)
{
	__u64 rip = d->regs[SIGSCOPE_REG_RIP], back = d->sig == SIGSCOPE_SIGTRAP ? rip - 1 : rip;

	return sigscope_ctx_copy_is_saved(d, in, rip, back) &&
	       (in->wine_addr == rip || in->wine_addr == back);
}

/*
 * Is this one of Mono's redirects, exactly as Mono makes it (SIGSCOPE_MONO_*)? From a handler in
 * the target's own module, in a Mono process, the interrupted rip in the slot at the new rsp
 * (each target returns there, or its context copy says where to go).
 */
static __always_inline int sigscope_mono_redirect(const struct sigscope_delivery *d, const __u64 *r,
						  __u32 moved, const struct sigscope_explain_in *in)
{
	const __u32 call = (1u << SIGSCOPE_REG_RIP) | (1u << SIGSCOPE_REG_RSP);
	const __u32 rdi = 1u << SIGSCOPE_REG_RDI;
	const __u32 args = rdi | (1u << SIGSCOPE_REG_RSI) | (1u << SIGSCOPE_REG_RDX);
	__u64 old_sp = d->regs[SIGSCOPE_REG_RSP], rsp = r[SIGSCOPE_REG_RSP];
	__u64 async_sp = old_sp - 128, flags = r[SIGSCOPE_REG_RDX];

	if (!(async_sp & 15))
		async_sp -= 8; /* mono_arch_setup_async_callback: the call's alignment */
	if (!(sigscope_runtime(in) & SIGSCOPE_PROFILE_MONO) ||
	    !sigscope_in_vma(&in->rip_vma, d->handler) || !in->slot_ok ||
	    in->slot != d->regs[SIGSCOPE_REG_RIP])
		return 0;
	if (in->target & SIGSCOPE_MONO_ASYNC)
		return d->si_code == SIGSCOPE_SI_TKILL && !(moved & ~(call | rdi)) &&
		       rsp == async_sp && r[SIGSCOPE_REG_RDI] == 0;
	if (!sigscope_runtime_signal(d))
		return 0;
	if (in->target & SIGSCOPE_MONO_SIGNAL_EXC)
		return !(moved & ~(call | rdi)) && rsp == async_sp;
	return (in->target & SIGSCOPE_MONO_ALTSTACK) && !(moved & ~(call | args)) && rsp < old_sp &&
	       old_sp - rsp <= SIGSCOPE_DISPATCH_REACH &&
	       r[SIGSCOPE_REG_RDI] == rsp + SIGSCOPE_MONO_CTX_OFF && flags >= 1 && flags <= 3 &&
	       (r[SIGSCOPE_REG_RSI] == 0 || (flags & 1)) &&
	       sigscope_ctx_copy_is_saved(d, in, d->regs[SIGSCOPE_REG_RIP],
					  d->regs[SIGSCOPE_REG_RIP]);
}

/*
 * Is a skip refused? Go's own signal entry never skips a faulting instruction (it injects
 * sigpanic): a skip is a guard load cancelled (red team round 30: the compiler's explicit nil
 * check skipped, then a call through the attacker's page at the nil offset). Refused in a Go
 * executable whatever the handler (round 34: a cgo binary's C crash handler chaining to Go's,
 * the skip written over Go's injection), and under Go's entry in any executable (round 34: a Go
 * c-shared library in a C program), or when the handler cannot be told. C code in a cgo binary
 * skipping its own probes (round 33) is so refused too: a false positive, documented.
 */
static inline int sigscope_go_skip_refused(const struct sigscope_explain_in *in)
{
	return (sigscope_exe_profile(in) & SIGSCOPE_PROFILE_GO) || !in->handler_told ||
	       (in->handler_target & SIGSCOPE_GO_ENTRY);
}

/*
 * Is a call pushed to this Go entry one Go itself makes (SIGSCOPE_GO_*)? From Go's own signal
 * entry only, asyncPreempt after SIGURG, sigpanic after a fault the kernel raised outside a
 * syscall (SIGSEGV, SIGBUS, SIGFPE: the signals Go turns into a panic).
 */
static inline int sigscope_go_injection(const struct sigscope_delivery *d,
					const struct sigscope_explain_in *in)
{
	if (!(in->handler_target & SIGSCOPE_GO_ENTRY))
		return 0;
	if (in->target & SIGSCOPE_GO_PREEMPT)
		return d->sig == SIGSCOPE_SIGURG;
	if (in->target & SIGSCOPE_GO_PANIC)
		return (d->flags & SIGSCOPE_DLV_KERNEL_FAULT) &&
		       !(d->flags & SIGSCOPE_DLV_IN_SYSCALL) &&
		       (d->sig == SIGSCOPE_SIGSEGV || d->sig == SIGSCOPE_SIGBUS ||
			d->sig == SIGSCOPE_SIGFPE);
	return 0;
}

/*
 * SBCL's handler after an int3 of its own (a kernel-raised SIGTRAP, SI_KERNEL): its trap step over
 * the code byte that follows (rip + 1), in its core or in code it loaded at run time; its
 * breakpoints (`trace :encapsulate nil`), back one byte onto the instruction the int3 replaced,
 * restored by then, with exactly TF set to step it (the step's own SIGTRAP clears TF, which is
 * allowed, and puts the int3 back); and a function-end breakpoint in its run-time code returning
 * to the address its machinery kept, in run-time code too, as a JIT's handler may (red team
 * round 39: Debian's SBCL was killed by its own breakpoints). moved: the judged registers that
 * changed; rip: the restored one.
 */
static inline int sigscope_sbcl_trap(const struct sigscope_delivery *d, const __u64 *r, __u32 moved,
				     __u64 rip, const struct sigscope_explain_in *in)
{
	const struct sigscope_vma_info *rv = &in->rip_vma;
	const __u32 rip_only = 1u << SIGSCOPE_REG_RIP;
	__u64 old = d->regs[SIGSCOPE_REG_RIP];
	__u64 flags_diff =
	    (d->regs[SIGSCOPE_REG_EFLAGS] ^ r[SIGSCOPE_REG_EFLAGS]) & SIGSCOPE_FIX_EFLAGS;

	if (d->sig != SIGSCOPE_SIGTRAP || d->si_code != SIGSCOPE_SI_KERNEL ||
	    !(d->flags & SIGSCOPE_DLV_KERNEL_FAULT))
		return 0;
	if (moved == rip_only && rip == old + 1 && sigscope_in_vma(rv, old))
		return 1;
	if (moved == (rip_only | (1u << SIGSCOPE_REG_EFLAGS)) && rip == old - 1 &&
	    sigscope_in_vma(rv, old) && flags_diff == SIGSCOPE_EFLAGS_TF &&
	    (r[SIGSCOPE_REG_EFLAGS] & SIGSCOPE_EFLAGS_TF))
		return 1;
	return moved == rip_only && rv->cls == SIGSCOPE_MEM_ANON_EXEC &&
	       (sigscope_in_vma(rv, old) || in->old_vma.cls == SIGSCOPE_MEM_ANON_EXEC);
}

/* The eflags bits this delivery's handler may clear (sigscope_explain). */
static inline __u64 sigscope_flags_clearable(const struct sigscope_delivery *d)
{
	if (!(d->flags & SIGSCOPE_DLV_KERNEL_FAULT))
		return 0;
	if (d->sig == SIGSCOPE_SIGTRAP)
		return SIGSCOPE_EFLAGS_TF;
	return d->sig == SIGSCOPE_SIGBUS && d->si_code == 1 /* BUS_ADRALN */ ? SIGSCOPE_EFLAGS_AC
									     : 0;
}

/*
 * Does the cause of the fault a skip steps over still stand at the sigreturn (red team round 41,
 * srop_skip_repaired)? A handler that emulated the access (a DSM or MMIO model, a probe) leaves
 * the page as it was: the access would fault again, and stepping over it is the emulation's
 * end. One that made the page accessible wants the instruction run again, and a skip there
 * cancels it: a load of a code pointer, a check. 1: the cause stands (no mapping holds the
 * address, or its mapping lacks the permission the access needed), or the fault is not one whose
 * cause sigscope looks up (SIGBUS, SIGFPE, a protection key's); 0: removed; -1: no lookup
 * answered.
 */
static inline int sigscope_fault_stands(const struct sigscope_delivery *d,
					const struct sigscope_explain_in *in)
{
	/* x86 pages have no read permission of their own: without protection keys, a mapping
	 * that may be written or executed may be read too (red team round 43, srop_skip_xom: a
	 * page left PROT_EXEC after its repair). */
	__u8 need = (d->flags & SIGSCOPE_DLV_FAULT_WRITE)
			? SIGSCOPE_PROT_WRITE
			: SIGSCOPE_PROT_READ | SIGSCOPE_PROT_WRITE | SIGSCOPE_PROT_EXEC;

	if (!sigscope_fault_reread(d))
		return 1;
	if (in->fault_vma.cls == SIGSCOPE_MEM_UNKNOWN)
		return -1;
	return in->fault_vma.cls == SIGSCOPE_MEM_UNMAPPED || !(in->fault_vma.prot & need);
}

/*
 * Is every change to a judged register explained? d: the delivery that wrote the frame (its
 * saved registers, signal and decoded instruction length were captured by the kernel before the
 * handler ran); r: what is restored. The explanations, closed:
 *   SKIP: only rip moved, past exactly the faulting instruction of a synchronous fault (one
 *     that moves neither control nor the stack: insn_len.h), neither in a Go executable nor
 *     by Go's own signal entry (sigscope_go_skip_refused), and for a memory fault only while
 *     its cause stands (sigscope_fault_stands);
 *   CALL_INJECTION: rip and rsp moved as a call does (rsp - 8 holding the old rip) to a Go
 *     runtime's injection target in the handler's own module, in a Go executable, from Go's own
 *     signal entry after the signal Go injects that call for (sigscope_go_injection); or rip
 *     alone onto sigpanic0 so, from a faulting pc outside that module's text mapping;
 *   RUNTIME_JIT: only rip moved, from anonymous executable memory (the JIT code that faulted) to
 *     anonymous executable memory, by a handler whose module has the JIT profile (chosen by the
 *     module's identity), in a process whose executable is that runtime's (sigscope_runtime);
 *   RUNTIME_DISPATCH: rip onto an entry point that the handler's own runtime dispatches to (SBCL's
 *     call_into_lisp, Wine's KiUserExceptionDispatcher), rsp kept or lowered by at most
 *     SIGSCOPE_DISPATCH_REACH, the other registers as that entry takes them (arguments, frame;
 *     Wine's CONTEXT bound); Mono's three redirects, each by its exact shape
 *     (sigscope_mono_redirect);
 *   RUNTIME_TRAP: SBCL's handler steps over the trap code byte after an int3 (rip + 1), in its
 *     core or in code it loaded at run time;
 *   RUNTIME_RESTART: qemu-user's handler rewinds a guest syscall to safe_syscall_start.
 * The kernel's restart fix-up is in d->regs already (restart.h). rcx and r11 after a `syscall`
 * are judged too: they hold the return rip and rflags, and code may jump through them (red team
 * round 22, srop_syscall_rcx). UNDECIDED: evidence was needed
 * and could not be had (no VMA lookup answered, a module user space has not read yet): the
 * policy ranks it.
 */
static inline __u8 sigscope_explain_change(const struct sigscope_delivery *d, const __u64 *r,
					   int ia32, const struct sigscope_explain_in *in)
{
	__u64 width = ia32 ? 0xffffffffULL : ~0ULL;
	__u64 rip = r[SIGSCOPE_REG_RIP] & width, old = d->regs[SIGSCOPE_REG_RIP];
	__u64 rsp = r[SIGSCOPE_REG_RSP] & width, old_sp = d->regs[SIGSCOPE_REG_RSP];
	__u32 moved = in->changed & SIGSCOPE_JUDGED_REGS;
	__u64 flags_diff =
	    (d->regs[SIGSCOPE_REG_EFLAGS] ^ r[SIGSCOPE_REG_EFLAGS]) & SIGSCOPE_FIX_EFLAGS;
	const __u32 rip_only = 1u << SIGSCOPE_REG_RIP;
	const struct sigscope_vma_info *rv = &in->rip_vma;
	__u32 runtime = sigscope_runtime(in);

	/* The result of a syscall the handler emulated; rip is judged as ever, and rax at a
	 * syscall instruction (the next syscall's number) is in->sys, which fails closed. */
	if (sigscope_emulated_syscall(d))
		moved &= ~(1u << SIGSCOPE_REG_RAX);
	/* Clearing the trap flag only stops single-stepping, in the frame of the step's own SIGTRAP
	 * (an instruction counter's handler), and clearing AC only stops alignment checking, in a
	 * SIGBUS BUS_ADRALN's (a misaligned-access checker's). In any other frame, clearing either
	 * switches off a monitor the program relies on (red team round 29, srop_tf_clear_async);
	 * setting either makes the kernel raise faults where the attacker likes: judged. */
	if (flags_diff && !(flags_diff & ~sigscope_flags_clearable(d)) &&
	    (d->regs[SIGSCOPE_REG_EFLAGS] & flags_diff) == flags_diff)
		moved &= ~(1u << SIGSCOPE_REG_EFLAGS);
	/* The altstack the next SA_ONSTACK frame goes to: a forged uc_stack aims the kernel's own
	 * frame writes (siginfo, registers) at any memory (red team round 4). Nothing explains it,
	 * nor moved data segments, nor a changed FP area: no runtime's handler was seen to edit
	 * the vector registers (red team rounds 14, 17, 18 moved code pointers through them). */
	if (in->sys || (in->changed & (SIGSCOPE_CHANGED_ALTSTACK | SIGSCOPE_CHANGED_SEGMENTS |
				       SIGSCOPE_CHANGED_FPSTATE)))
		return SIGSCOPE_EXPL_UNEXPLAINED;
	if (!moved)
		return SIGSCOPE_EXPL_NONE;
	if (!(moved & rip_only)) /* rsp or rbp alone: the interrupted ret or leave is hijacked */
		return SIGSCOPE_EXPL_UNEXPLAINED;
	if (moved == rip_only && sigscope_sync_fault(d) && d->insn_len &&
	    rip == old + d->insn_len && !sigscope_go_skip_refused(in)) {
		int stands = sigscope_fault_stands(d, in);

		if (stands > 0)
			return SIGSCOPE_EXPL_SKIP;
		if (stands < 0)
			return SIGSCOPE_EXPL_UNDECIDED;
	}
	if (rv->cls == SIGSCOPE_MEM_UNKNOWN)
		return SIGSCOPE_EXPL_UNDECIDED;
	if (sigscope_needs_handler(d, in) && in->handler_vma.cls == SIGSCOPE_MEM_UNKNOWN)
		return SIGSCOPE_EXPL_UNDECIDED;
	if ((runtime & SIGSCOPE_PROFILE_SBCL) && sigscope_sbcl_trap(d, r, moved, rip, in))
		return SIGSCOPE_EXPL_RUNTIME_TRAP;
	/* Mono's, each by its exact shape, and qemu-user's rewind: the runtimes' redirects that an
	 * asynchronous signal may cause too. */
	if (!ia32 && rv->cls == SIGSCOPE_MEM_FILE_EXEC && (in->target & SIGSCOPE_MONO_ROLES))
		return sigscope_mono_redirect(d, r, moved, in) ? SIGSCOPE_EXPL_RUNTIME_DISPATCH
							       : SIGSCOPE_EXPL_UNEXPLAINED;
	if (moved == rip_only && rv->cls == SIGSCOPE_MEM_FILE_EXEC &&
	    (in->target & SIGSCOPE_QEMU_REWIND) && (runtime & SIGSCOPE_PROFILE_QEMU) &&
	    sigscope_in_vma(rv, d->handler) && old > rip &&
	    old - rip < SIGSCOPE_QEMU_SPAN(in->target))
		return SIGSCOPE_EXPL_RUNTIME_RESTART;
	/* The runtimes redirect only from a kernel-raised fault or trap. */
	if (!sigscope_runtime_signal(d))
		runtime = 0;
	/* JIT: from the faulting JIT code to other JIT code (a stub, a landing pad; HotSpot's code
	 * heaps are separate mappings), never from a program's own code into anonymous memory. */
	if (rv->cls == SIGSCOPE_MEM_ANON_EXEC) {
		if (moved != rip_only || !(runtime & SIGSCOPE_PROFILE_JIT))
			return SIGSCOPE_EXPL_UNEXPLAINED;
		if (sigscope_in_vma(rv, old) || in->old_vma.cls == SIGSCOPE_MEM_ANON_EXEC)
			return SIGSCOPE_EXPL_RUNTIME_JIT;
		return in->old_vma.cls == SIGSCOPE_MEM_UNKNOWN ? SIGSCOPE_EXPL_UNDECIDED
							       : SIGSCOPE_EXPL_UNEXPLAINED;
	}
	if (rv->cls != SIGSCOPE_MEM_FILE_EXEC)
		return SIGSCOPE_EXPL_UNEXPLAINED;
	/* The runtime's entry takes its arguments in registers and sets up its own frame; Wine's
	 * reads the interrupted context from the stack, which must be the kernel's. */
	if (in->target & runtime & SIGSCOPE_PROFILE_DISPATCH && rsp <= old_sp &&
	    old_sp - rsp <= SIGSCOPE_DISPATCH_REACH)
		return !(in->target & runtime & SIGSCOPE_PROFILE_WINE) ||
			       sigscope_wine_context_bound(d, in)
			   ? SIGSCOPE_EXPL_RUNTIME_DISPATCH
			   : SIGSCOPE_EXPL_UNEXPLAINED;
	/* Go pushes no call when the faulting pc is not Go code (a call through a nil or bad func
	 * value): rip onto sigpanic0 alone, rsp kept (shouldPushSigpanic, red team round 35). The
	 * pc lies outside the mapping of Go's text, where the kernel saved it. */
	if (moved == rip_only && !ia32 && (in->target & SIGSCOPE_GO_PANIC) &&
	    sigscope_in_vma(rv, d->handler) && !sigscope_in_vma(rv, old) &&
	    (in->target & sigscope_exe_profile(in) & SIGSCOPE_PROFILE_GO))
		return sigscope_go_injection(d, in) ? SIGSCOPE_EXPL_CALL_INJECTION
						    : SIGSCOPE_EXPL_UNEXPLAINED;
	if (moved == (rip_only | (1u << SIGSCOPE_REG_RSP)) && !ia32 && rsp == old_sp - 8 &&
	    in->slot_ok && in->slot == old && sigscope_in_vma(rv, d->handler)) {
		if (in->target & sigscope_exe_profile(in) & SIGSCOPE_PROFILE_GO)
			return sigscope_go_injection(d, in) ? SIGSCOPE_EXPL_CALL_INJECTION
							    : SIGSCOPE_EXPL_UNEXPLAINED;
		/* Not read yet: fail closed by policy rather than guess. */
		if (!(in->rip_profile & SIGSCOPE_PROFILE_SCANNED))
			return SIGSCOPE_EXPL_UNDECIDED;
	}
	return SIGSCOPE_EXPL_UNEXPLAINED;
}

/*
 * sigscope_explain_change, and TRACER for a change nothing else explains in a frame that was live
 * while a tracer had the thread stopped by its own doing (a signal the tracer sent, a breakpoint's
 * or a step's SIGTRAP: signal.bpf.h tracer_stop; not a signal anyone else sent, round 42), or
 * whose thread its tracer stops at every syscall (PTRACE_SYSCALL), at
 * its delivery or at its sigreturn (a syscall stop shows no signal: round 37). A tracer that
 * only passes signals on (PTRACE_CONT) never stopped it there, and gives no cover (round 41,
 * srop_tracer_cover); nor does a PTRACE_INTERRUPT stop, which no hook sees: a debugger's edit
 * after one is judged as anyone's. A debugger may write any register
 * of an outer frame (gdb's `frame N`, `set var $rbx = ...`: red team round 36 had it killed).
 * Whoever can stop a thread under ptrace can change it anyway; a process traced for a living (a
 * ptrace sandbox) gives an attacker the same cover, so TRACER is medium: reported, not killed at
 * the default threshold.
 */
static inline __u8 sigscope_explain(const struct sigscope_delivery *d, const __u64 *r, int ia32,
				    const struct sigscope_explain_in *in)
{
	__u8 e = sigscope_explain_change(d, r, ia32, in);

	return e == SIGSCOPE_EXPL_UNEXPLAINED && in->tracer_stopped ? SIGSCOPE_EXPL_TRACER : e;
}

/* Severity of tampered_context for an explanation; undecided_sev: policy `contended_redirect`. */
static inline __u8 sigscope_explanation_severity(__u8 expl, __u8 undecided_sev)
{
	switch (expl) {
	case SIGSCOPE_EXPL_SKIP:
	case SIGSCOPE_EXPL_CALL_INJECTION:
	case SIGSCOPE_EXPL_RUNTIME_JIT:
	case SIGSCOPE_EXPL_RUNTIME_DISPATCH:
	case SIGSCOPE_EXPL_RUNTIME_TRAP:
	case SIGSCOPE_EXPL_RUNTIME_RESTART:
		return SIGSCOPE_SEV_LOW;
	case SIGSCOPE_EXPL_TRACER:
		return SIGSCOPE_SEV_MEDIUM;
	case SIGSCOPE_EXPL_UNDECIDED:
		return undecided_sev;
	default:
		return SIGSCOPE_SEV_HIGH;
	}
}

/* The outcome of each rule on one sigreturn, as the kernel side (or a test) evaluated it. */
struct sigscope_rule_results {
	__u8 matched;	/* a live delivery wrote the frame at this ustack */
	__u8 excused;	/* unmatched, but excused as a frame live at attach (sigscope_excusable) */
	__u8 call_site; /* enum sigscope_call_site */
	__u8 changed;	/* some register differs from what was saved (matched), or from what the
			 * excused frame held at attach (the attach-time snapshot) */
	__u8 explanation; /* sigscope_explain, for a matched frame */
	__u8 pivot;	  /* SIGSCOPE_PIVOT_NO, _YES, or _UNDECIDED (no lookup answered) */
	__u8 toctou;	  /* SIGSCOPE_TOCTOU_* */
	__u8 abi_switch;  /* int $0x80 from 64-bit code, or a cs of the other mode restored */
};

#define SIGSCOPE_PIVOT_UNDECIDED 3

enum sigscope_toctou {
	SIGSCOPE_TOCTOU_NONE = 0,
	SIGSCOPE_TOCTOU_UNREAD = 1,   /* restored, but the frame could not be read at entry */
	SIGSCOPE_TOCTOU_MISMATCH = 2, /* the kernel restored something else than was read */
	/* Modes enter and light: the frame could not be read and no exit hook will judge what the
	 * kernel restores. Every rule but forged_frame is blind: fail closed (issue 16, item 6). */
	SIGSCOPE_TOCTOU_UNJUDGED = 3,
};

/*
 * A genuine frame whose every judged change is explained restores what the kernel saved, or what
 * its runtime legitimately made of it: from whichever `syscall` it is entered, that hijacks
 * nothing (a debugger's displaced stepping runs the restorer's syscall from a copy elsewhere).
 */
static inline int sigscope_frame_vouched(const struct sigscope_rule_results *in)
{
	return in->matched && (in->explanation == SIGSCOPE_EXPL_NONE ||
			       sigscope_explanation_severity(in->explanation, SIGSCOPE_SEV_HIGH) ==
				   SIGSCOPE_SEV_LOW);
}

/*
 * The findings of one sigreturn from its rule results; the policy ranks of undecided checks:
 * undecided_pivot (`contended`), undecided_redirect (`contended_redirect`). Policy allowances and
 * enforcement follow in sigscope_verdict_finish.
 */
static inline void sigscope_compose(const struct sigscope_rule_results *in, __u8 undecided_pivot,
				    __u8 undecided_redirect, struct sigscope_verdict *v)
{
	if (!in->matched) {
		if (in->excused)
			sigscope_raise(v, SIGSCOPE_FINDING_PREEXISTING, SIGSCOPE_SEV_LOW);
		else
			sigscope_raise(v, SIGSCOPE_FINDING_FORGED_FRAME, SIGSCOPE_SEV_CRITICAL);
	}
	v->call_site = in->call_site;
	if (in->call_site == SIGSCOPE_SITE_OTHER)
		sigscope_raise(v, SIGSCOPE_FINDING_WRONG_CALL_SITE,
			       sigscope_frame_vouched(in) ? SIGSCOPE_SEV_LOW : SIGSCOPE_SEV_HIGH);
	v->explanation = in->matched ? in->explanation : SIGSCOPE_EXPL_NONE;
	/* A frame seen only in the attach-time snapshot has no delivery to explain a change by. */
	if (!in->matched && in->excused && in->changed) {
		v->explanation = SIGSCOPE_EXPL_UNEXPLAINED;
		sigscope_raise(v, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_HIGH);
	}
	if (in->matched && in->changed)
		sigscope_raise(
		    v, SIGSCOPE_FINDING_TAMPERED,
		    in->explanation == SIGSCOPE_EXPL_NONE
			? SIGSCOPE_SEV_INFO /* only TF or AC cleared */
			: sigscope_explanation_severity(in->explanation, undecided_redirect));
	if (in->pivot == SIGSCOPE_PIVOT_YES)
		sigscope_raise(v, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
	else if (in->pivot == SIGSCOPE_PIVOT_UNDECIDED)
		sigscope_raise(v, SIGSCOPE_FINDING_STACK_PIVOT, undecided_pivot);
	if (in->toctou == SIGSCOPE_TOCTOU_MISMATCH || in->toctou == SIGSCOPE_TOCTOU_UNJUDGED)
		sigscope_raise(v, SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_HIGH);
	else if (in->toctou == SIGSCOPE_TOCTOU_UNREAD)
		sigscope_raise(v, SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_LOW);
	if (in->abi_switch)
		sigscope_raise(v, SIGSCOPE_FINDING_ABI_SWITCH, SIGSCOPE_SEV_HIGH);
}

#endif /* SIGSCOPE_JUDGE_H */
