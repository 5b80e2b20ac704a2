/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel side knows of x86: the task's registers from its pt_regs, the compat status
 * and 32-bit code segment, the xstate size a frame reserves (the 6.16 fpu lookup) and where
 * get_sigframe() puts a delivery's frame. arm64 gets a file of its own beside this one.
 */
#ifndef SIGSCOPE_ARCH_X86_BPF_H
#define SIGSCOPE_ARCH_X86_BPF_H

#include "../sigscope.bpf.h"

#define TS_COMPAT 0x0002 /* thread_info.status: a 32-bit syscall is active */
#define USER32_CS 0x23

/*
 * Direct loads: regs is a BTF pointer (a tp_btf argument, or bpf_task_pt_regs()), so each field is
 * one CO-RE-relocated load instead of a bpf_probe_read_kernel() call.
 */
static __always_inline void read_pt_regs(struct pt_regs *regs, __u64 r[SIGSCOPE_NREGS])
{
	r[SIGSCOPE_REG_R8] = regs->r8;
	r[SIGSCOPE_REG_R9] = regs->r9;
	r[SIGSCOPE_REG_R10] = regs->r10;
	r[SIGSCOPE_REG_R11] = regs->r11;
	r[SIGSCOPE_REG_R12] = regs->r12;
	r[SIGSCOPE_REG_R13] = regs->r13;
	r[SIGSCOPE_REG_R14] = regs->r14;
	r[SIGSCOPE_REG_R15] = regs->r15;
	r[SIGSCOPE_REG_RDI] = regs->di;
	r[SIGSCOPE_REG_RSI] = regs->si;
	r[SIGSCOPE_REG_RBP] = regs->bp;
	r[SIGSCOPE_REG_RBX] = regs->bx;
	r[SIGSCOPE_REG_RDX] = regs->dx;
	r[SIGSCOPE_REG_RAX] = regs->ax;
	r[SIGSCOPE_REG_RCX] = regs->cx;
	r[SIGSCOPE_REG_RSP] = regs->sp;
	r[SIGSCOPE_REG_RIP] = regs->ip;
	r[SIGSCOPE_REG_EFLAGS] = regs->flags;
	/* cs is a u16 in a union on 6.8+, an unsigned long before: CO-RE sizes the load, and the
	 * low 16 bits are the selector either way. */
	r[SIGSCOPE_REG_CS] = regs->cs & 0xffff;
	r[SIGSCOPE_REG_SS] = regs->ss & 0xffff;
}

/* Resumed by its tracer to stop at every syscall (PTRACE_SYSCALL, PTRACE_SYSEMU): it will stop
 * inside a handler, where the tracer may edit the frame (judge.h sigscope_explain's TRACER). */
static __always_inline bool syscall_traced(struct task_struct *task)
{
	unsigned long work =
	    (1UL << bpf_core_enum_value(enum syscall_work_bit, SYSCALL_WORK_BIT_SYSCALL_TRACE)) |
	    (1UL << bpf_core_enum_value(enum syscall_work_bit, SYSCALL_WORK_BIT_SYSCALL_EMU));

	return task->ptrace && (task->thread_info.syscall_work & work);
}

/* fpu->fpstate moved from thread_struct to behind task_struct in 6.16 (x86_task_fpu()). */
struct thread_struct___pre616 {
	struct fpu fpu;
} __attribute__((preserve_access_index));

struct task_struct___pre616 {
	struct thread_struct___pre616 thread;
} __attribute__((preserve_access_index));

/* xstate_sigframe_size(): the task's fpstate->user_size, plus FP_XSTATE_MAGIC2 with XSAVE. */
static __always_inline __u32 xstate_sigframe_size(struct task_struct *task)
{
	struct task_struct___pre616 *old = (void *)task;
	struct fpu *fpu;
	__u32 size;

	if (bpf_core_field_exists(old->thread.fpu))
		fpu = (struct fpu *)&old->thread.fpu;
	else
		fpu = (struct fpu *)((void *)task + bpf_core_type_size(struct task_struct));
	size = BPF_CORE_READ(fpu, fpstate, user_size);
	return cpu_xsave ? size + SIGSCOPE_FP_XSTATE_MAGIC2_SIZE : size;
}

/* Where the kernel is about to write this delivery's frame (pairing.h: get_sigframe()). */
static __always_inline void predict_frame(struct task_struct *task, struct sigscope_delivery *d)
{
	struct sigscope_frame_geometry g = {
	    .sp = d->regs[SIGSCOPE_REG_RSP],
	    .sa_flags = d->sa_flags,
	    .alt_sp = d->altstack_sp,
	    .alt_size = d->altstack_size,
	    .alt_flags = d->altstack_flags,
	    .xstate_size = xstate_sigframe_size(task),
	    .fxsr = cpu_fxsr,
	};
	int on_alt = 0;

	d->frame_kind = sigscope_delivery_frame_kind(d->sa_flags);
	d->xstate_size = g.xstate_size;
	d->frame = sigscope_predict_frame(&g, d->frame_kind, &d->frame_top, &on_alt);
	if (on_alt)
		d->flags |= SIGSCOPE_DLV_ALTSTACK;
}

#endif /* SIGSCOPE_ARCH_X86_BPF_H */
