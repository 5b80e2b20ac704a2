// SPDX-License-Identifier: GPL-2.0
/*
 * sigscope kernel side: one object, one compilation unit. Hooks:
 *   tp_btf/signal_deliver   push what the kernel is about to save in a frame (per-thread stack)
 *   tp_btf/signal_generate  who sent which signal to whom
 *   tp_btf/rseq_ip_fixup    the kernel's rseq abort fix-up of a delivery's saved rip
 *   tp_btf/x86_fpu_regs_activated  a delivery's FP area, as the kernel wrote it, kept
 *   tp_btf/sys_enter        every sigreturn ABI: read the frame at ustack (modes full, enter)
 *   tp_btf/sys_exit         registers the kernel actually restored (mode full)
 *   tracepoint/syscalls/sys_enter_rt_sigreturn   x86_64 sigreturn only (mode light, no kprobes)
 *   kprobe, kretprobe on the sigreturn bodies     the guards (the kprobe: every mode, both
 *                                                 backends; the kretprobe: where there is an
 *                                                 exit): the kernel skips them for no
 *                                                 unprivileged task
 *   fentry/fexit on the sigreturn bodies         backend trampoline
 *   tp_btf/sched_process_{fork,exit,exec}        sticky scope, fork inherits deliveries, exec
 *   iter/task               once signal_deliver is attached, before the sigreturn hooks: each
 *                           existing thread's sp, stack, altstack
 * Records go to two rings (events; alerts for findings of medium and above and kills); every
 * record emitted or lost is counted per type (sigscope.bpf.h, record_*).
 *
 * The order of the includes is the order of dependence: the base (maps, state, settings, the
 * record path), the architecture (registers, frame placement), pairing, the FP area, VMA lookups,
 * the rules,
 * then the sigreturn hooks, the trampolines built on their halves, the signal hooks, the process
 * lifecycle. Each file includes what it uses itself so it reads on its own; one unit keeps every
 * helper static and inlined, as the verifier likes.
 */
#include "sigscope.bpf.h"
#include "arch.bpf.h"
#include "pairing.bpf.h"
#include "fpstate.bpf.h"
#include "vma.bpf.h"
#include "rules.bpf.h"
#include "sigreturn.bpf.h"
#include "trampoline.bpf.h"
#include "signal.bpf.h"
#include "process.bpf.h"
