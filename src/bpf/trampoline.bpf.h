/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Backend trampoline: fentry/fexit on the sigreturn syscalls' bodies, generated from one macro;
 * the entry and exit halves are sigreturn.bpf.h's.
 */
#ifndef SIGSCOPE_TRAMPOLINE_BPF_H
#define SIGSCOPE_TRAMPOLINE_BPF_H

#include "sigscope.bpf.h"
#include "arch.bpf.h"
#include "sigreturn.bpf.h"

/*
 * Backend trampoline: fentry/fexit on the sigreturn syscalls' bodies. Unrelated syscalls pay
 * nothing. At fexit, restore_sigcontext() has run: the task's pt_regs hold what it restored.
 * The bodies take the syscall wrapper's pt_regs argument, so fexit's return value comes second.
 */
static __always_inline int trampoline_begin(long id, __u32 kind, bool guard)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	__u32 abi = SIGSCOPE_ABI_X86_64;

	if (!guard && entry_guarded(kind))
		return 0; /* judged by its entry guard (sigscope.bpf.h), one event per sigreturn */

	if (kind == SIGSCOPE_FRAME_RT_X32)
		abi = SIGSCOPE_ABI_X32;
	else if (kind != SIGSCOPE_FRAME_RT64)
		abi = (regs->cs & 0xffff) == USER32_CS ? SIGSCOPE_ABI_IA32
						       : SIGSCOPE_ABI_IA32_FROM_64;
	return sigreturn_begin(task, regs, id, abi, kind);
}

/* guard: the exit guard (a kretprobe), which marks the exit judged for the raw sys_exit. */
static __always_inline int trampoline_finish(long ret, bool guard)
{
	struct task_struct *task = bpf_get_current_task_btf();

	return sigreturn_finish(task, (struct pt_regs *)bpf_task_pt_regs(task), ret, true, guard);
}

/*
 * One fentry/fexit pair per sigreturn body, all alike: fentry reads the frame, fexit sees what the
 * kernel restored. TP_PROTO-like: long __do_sys_rt_sigreturn(const struct pt_regs *regs).
 */
#define SIGSCOPE_TRAMPOLINE(name, func, nr, kind)                                                  \
	SEC("fentry/" #func)                                                                       \
	int BPF_PROG(fentry_##name)                                                                \
	{                                                                                          \
		return trampoline_begin(nr, kind, false);                                          \
	}                                                                                          \
	SEC("fexit/" #func)                                                                        \
	int BPF_PROG(fexit_##name, const struct pt_regs *unused, long ret)                         \
	{                                                                                          \
		if (exit_guards && entry_guarded(kind))                                            \
			return 0; /* judged by its exit guard */                                   \
		return trampoline_finish(ret, false);                                              \
	}

SIGSCOPE_TRAMPOLINE(rt_sigreturn, __do_sys_rt_sigreturn, SIGSCOPE_NR_RT_SIGRETURN_64,
		    SIGSCOPE_FRAME_RT64)
SIGSCOPE_TRAMPOLINE(rt_sigreturn_ia32, __do_compat_sys_rt_sigreturn, SIGSCOPE_NR_RT_SIGRETURN_IA32,
		    SIGSCOPE_FRAME_RT_IA32)
SIGSCOPE_TRAMPOLINE(sigreturn_ia32, __do_compat_sys_sigreturn, SIGSCOPE_NR_SIGRETURN_IA32,
		    SIGSCOPE_FRAME_SIG_IA32)
/* Only on kernels built with x32 (CONFIG_X86_X32_ABI): user space loads these where the function
 * exists in the kernel's BTF. */
SIGSCOPE_TRAMPOLINE(rt_sigreturn_x32, __do_compat_sys_x32_rt_sigreturn,
		    SIGSCOPE_NR_RT_SIGRETURN_X32, SIGSCOPE_FRAME_RT_X32)

/* The sigreturn number of a frame kind (a guard's cookie). */
static __always_inline long kind_syscall_nr(__u32 kind)
{
	if (kind == SIGSCOPE_FRAME_RT_IA32)
		return SIGSCOPE_NR_RT_SIGRETURN_IA32;
	if (kind == SIGSCOPE_FRAME_SIG_IA32)
		return SIGSCOPE_NR_SIGRETURN_IA32;
	if (kind == SIGSCOPE_FRAME_RT_X32)
		return SIGSCOPE_NR_RT_SIGRETURN_X32;
	return SIGSCOPE_NR_RT_SIGRETURN_64;
}

/*
 * The guards (guard_native, guard_ia32, guard_x32, exit_guards: sigscope.bpf.h): a kprobe and a
 * kretprobe on each sigreturn body, one program each, attached once per body by user space with
 * the body's frame kind as the cookie. The kernel runs both with preemption disabled and skips
 * them only while the per-CPU bpf_prog_active is held, which no unprivileged task can hold
 * (docs/kernels.md); kprobes are also allowed where lockdown refuses trampolines, and cost
 * nothing to other syscalls. The kretprobe runs when the body returns, restore_sigcontext() done:
 * a kill there lands before user mode, like one at sys_exit. (The perf tracepoint of mode light
 * shares the entry guard, but on 7.3.4 the kernel skipped it about one sigreturn in two under a
 * same-CPU flood: it is not run with preemption disabled there, docs/kernels.md.)
 */
SEC("kprobe")
int BPF_KPROBE(sigreturn_entry_guard)
{
	__u32 kind = (__u32)bpf_get_attach_cookie(ctx);

	return trampoline_begin(kind_syscall_nr(kind), kind, true);
}

SEC("kretprobe")
int BPF_KRETPROBE(sigreturn_exit_guard, long ret)
{
	return trampoline_finish(ret, true);
}

#endif /* SIGSCOPE_TRAMPOLINE_BPF_H */
