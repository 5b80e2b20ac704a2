/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_gadget: classic SROP. No signal is ever delivered and no handler is installed for one.
 * A fake struct rt_sigframe is built on the stack with pretcode = the address of a
 * `mov $15, %eax; syscall; ret` gadget in this program's text; `ret` with rsp at the frame pops
 * the gadget as a handler's ret would pop a restorer, and the gadget issues rt_sigreturn. The
 * kernel loads the forged context: rip = mal_pwned, rsp = a scratch area on this stack.
 *
 * Expected from sigscope: forged_frame (critical: nothing was delivered). No wrong_call_site:
 * the gadget's bytes are those of a real sigreturn stub (srop_restorer_gadget uses a bare
 * `syscall; ret`). The restored rsp stays on the stack the sigreturn was issued from, so no
 * stack_pivot.
 */
#include "mal.h"

/* The gadget: the syscall instruction is 5 bytes in (after mov $imm32, %eax). */
extern const char srop_gadget_syscall_ret[];
__asm__(".text\n"
	".globl srop_gadget_syscall_ret\n"
	".type srop_gadget_syscall_ret, @function\n"
	"srop_gadget_syscall_ret:\n\t"
	"mov $15, %eax\n\t"
	"syscall\n\t"
	"ret\n\t"
	".size srop_gadget_syscall_ret, . - srop_gadget_syscall_ret\n");

int main(void)
{
	/* The forged frame and the new context's stack, both on this thread's stack. */
	struct k_rt_sigframe64 frame __attribute__((aligned(16)));
	static volatile char sink;
	char scratch[16384] __attribute__((aligned(16)));
	uint64_t new_rsp = ((uint64_t)(scratch + sizeof(scratch)) & ~15ull) - 8;

	mal_init("srop_gadget", 10);
	mal_fill_context(&frame, (uint64_t)mal_pwned, new_rsp);
	frame.pretcode = (uint64_t)srop_gadget_syscall_ret;
	scratch[0] = sink; /* keep the scratch area */
	mal_say("forged frame at %p, gadget at %p (syscall at %p), rip %p, rsp %#lx",
		(void *)&frame, (void *)srop_gadget_syscall_ret,
		(void *)(srop_gadget_syscall_ret + 5), (void *)mal_pwned, (unsigned long)new_rsp);
	/* rsp = &frame: ret pops pretcode (the gadget) and leaves rsp at frame + 8. */
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "ret\n\t"
			 :
			 : "r"(&frame)
			 : "memory");
	__builtin_unreachable();
}
