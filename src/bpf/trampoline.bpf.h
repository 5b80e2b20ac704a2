/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Backend trampoline: fentry/fexit on the sigreturn syscalls' bodies, generated from one macro;
 * the entry and exit halves are sigreturn.bpf.h's.
 */
#include "sigscope.bpf.h"

/*
 * Backend trampoline: fentry/fexit on the sigreturn syscalls' bodies. Unrelated syscalls pay
 * nothing. At fexit, restore_sigcontext() has run: the task's pt_regs hold what it restored.
 * The bodies take the syscall wrapper's pt_regs argument, so fexit's return value comes second.
 */
static __always_inline int trampoline_begin(long id, __u32 kind)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	__u32 abi = SIGSCOPE_ABI_X86_64;

	if (kind == SIGSCOPE_FRAME_RT_X32)
		abi = SIGSCOPE_ABI_X32;
	else if (kind != SIGSCOPE_FRAME_RT64)
		abi = (regs->cs & 0xffff) == USER32_CS ? SIGSCOPE_ABI_IA32
						       : SIGSCOPE_ABI_IA32_FROM_64;
	return sigreturn_begin(task, regs, id, abi, kind);
}

static __always_inline int trampoline_finish(long ret)
{
	struct task_struct *task = bpf_get_current_task_btf();

	return sigreturn_finish(task, (struct pt_regs *)bpf_task_pt_regs(task), ret, true);
}

/*
 * One fentry/fexit pair per sigreturn body, all alike: fentry reads the frame, fexit sees what the
 * kernel restored. TP_PROTO-like: long __do_sys_rt_sigreturn(const struct pt_regs *regs).
 */
#define SIGSCOPE_TRAMPOLINE(name, func, nr, kind)                                                  \
	SEC("fentry/" #func)                                                                       \
	int BPF_PROG(fentry_##name)                                                                \
	{                                                                                          \
		return trampoline_begin(nr, kind);                                                 \
	}                                                                                          \
	SEC("fexit/" #func)                                                                        \
	int BPF_PROG(fexit_##name, const struct pt_regs *unused, long ret)                         \
	{                                                                                          \
		return trampoline_finish(ret);                                                     \
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
