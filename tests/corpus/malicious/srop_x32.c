/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_x32: SROP through the x32 rt_sigreturn. A 64-bit process builds a struct rt_sigframe_x32
 * (arch/x86/include/asm/sigframe.h) on its stack and issues syscall 513 | 0x40000000 (x32's
 * rt_sigreturn) with rsp just past the frame's pretcode: the kernel (x32_rt_sigreturn in
 * arch/x86/kernel/signal_64.c) reads the frame at rsp - 8 and restores its 64-bit sigcontext.
 * No signal was delivered: rip = mal_pwned, rsp = a scratch area on this stack. The process
 * stays a 64-bit process; the x32 bit only picks the syscall table for this one call.
 *
 * Why it works: a tracer hooking only the 64-bit rt_sigreturn (15) never sees this sigreturn.
 *
 * Expected from sigscope: forged_frame (critical: nothing was delivered), judged at least as an
 * unknown-ABI sigreturn.
 *
 * Needs x32 (CONFIG_X86_X32_ABI; Debian also wants syscall.x32=y on the kernel command line).
 * Without it the syscall fails with ENOSYS and returns: the program exits 77 (skip).
 */
#include "mal.h"

#define X32_SYSCALL_BIT	 0x40000000
#define X32_RT_SIGRETURN (X32_SYSCALL_BIT | 513)

/* struct ucontext_x32: compat types (u32 pointers and sizes) around the 64-bit sigcontext. */
struct k_ucontext_x32 {
	uint32_t uc_flags;
	uint32_t uc_link;
	struct {
		uint32_t ss_sp;
		int32_t ss_flags;
		uint32_t ss_size;
	} uc_stack;	   /* compat_stack_t */
	uint32_t uc__pad0; /* needed for alignment */
	struct k_sigcontext64 uc_mcontext;
	uint32_t uc_sigmask[2]; /* compat_sigset_t */
};

struct k_rt_sigframe_x32 {
	uint64_t pretcode;
	struct k_ucontext_x32 uc;
	unsigned char info[128]; /* compat_siginfo_t */
};

_Static_assert(offsetof(struct k_rt_sigframe_x32, uc.uc_stack) == 16, "x32 uc_stack offset");
_Static_assert(offsetof(struct k_rt_sigframe_x32, uc.uc_mcontext) == 32, "x32 mcontext offset");
_Static_assert(offsetof(struct k_rt_sigframe_x32, uc.uc_mcontext.rip) == 160, "x32 rip offset");
_Static_assert(offsetof(struct k_rt_sigframe_x32, uc.uc_sigmask) == 288, "x32 sigmask offset");
_Static_assert(sizeof(struct k_rt_sigframe_x32) == 424, "rt_sigframe_x32 size");

int main(void)
{
	struct k_rt_sigframe_x32 frame __attribute__((aligned(16)));
	static volatile char sink;
	char scratch[16384] __attribute__((aligned(16)));
	uint64_t new_rsp = ((uint64_t)(scratch + sizeof(scratch)) & ~15ull) - 8;
	long ret;

	mal_init("srop_x32", 10);
	memset(&frame, 0, sizeof(frame));
	mal_fill_sigcontext(&frame.uc.uc_mcontext, (uint64_t)mal_pwned, new_rsp);
	frame.uc.uc_stack.ss_flags = SS_DISABLE; /* compat_restore_altstack(): no change */
	scratch[0] = sink;
	mal_say("forged x32 frame at %p, rip %p, rsp %#lx; syscall %#x", (void *)&frame,
		(void *)mal_pwned, (unsigned long)new_rsp, X32_RT_SIGRETURN);
	/* rsp = frame + 8 as after a handler's ret; back on our own stack if the syscall returns.
	 */
	__asm__ volatile("mov %%rsp, %%r12\n\t"
			 "mov %1, %%rsp\n\t"
			 "syscall\n\t"
			 "mov %%r12, %%rsp\n\t"
			 : "=a"(ret)
			 : "r"(&frame.uc), "a"((long)X32_RT_SIGRETURN)
			 : "rcx", "r11", "r12", "memory");
	if (ret == -ENOSYS) {
		mal_say("x32 rt_sigreturn: ENOSYS, this kernel has no x32 (syscall.x32=y?)");
		return MAL_EXIT_SKIP;
	}
	mal_say("x32 rt_sigreturn returned %ld", ret);
	return MAL_EXIT_NOTHING;
}
