/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_libc_restorer: SROP through the real restorer. A handler is installed with glibc's
 * sigaction() (which adds SA_RESTORER = __restore_rt) only to learn the restorer's address from
 * the old action's sa_restorer; the signal is never sent. A fake struct rt_sigframe is built on
 * the stack exactly where a handler's frame would lie (below the stack it "interrupted"), rsp is
 * pointed just past its pretcode, and the code jumps into __restore_rt (`mov $15, %rax; syscall`).
 * The kernel loads the forged context: rip = mal_pwned, rsp = the area above the frame.
 *
 * Expected from sigscope: forged_frame (critical). The call site is a registered restorer, so no
 * wrong_call_site; the restored rsp is on the same stack, so no stack_pivot.
 */
#include "mal.h"

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000 /* the kernel's; glibc sets it but does not export it */
#endif

static void unused_handler(int sig)
{
	(void)sig;
}

int main(void)
{
	/*
	 * One stack area: the "interrupted" context's stack in the upper part, the frame below it
	 * (ustack is 8 below a 16-byte boundary, as the kernel places it).
	 */
	char area[32768] __attribute__((aligned(16)));
	static volatile char sink;
	struct k_rt_sigframe64 *frame = (struct k_rt_sigframe64 *)(area + 8192 - 8);
	uint64_t new_rsp = (uint64_t)(area + 16384) - 8;
	struct sigaction sa, old;
	void *restorer;

	mal_init("srop_libc_restorer", 10);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = unused_handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR2, &sa, NULL) || sigaction(SIGUSR2, NULL, &old))
		mal_die(MAL_EXIT_SETUP, "sigaction");
	if (!(old.sa_flags & SA_RESTORER) || !old.sa_restorer) {
		mal_say("glibc did not set SA_RESTORER: no restorer to borrow");
		return MAL_EXIT_SETUP;
	}
	restorer = (void *)old.sa_restorer;
	mal_fill_context(frame, (uint64_t)mal_pwned, new_rsp);
	frame->pretcode = (uint64_t)restorer; /* what a genuine frame would hold */
	area[0] = sink;
	mal_say("forged frame at %p, restorer %p, rip %p, rsp %#lx", (void *)frame, restorer,
		(void *)mal_pwned, (unsigned long)new_rsp);
	/* As after the handler's ret: rsp just past pretcode, then into the restorer. */
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "jmp *%1\n\t"
			 :
			 : "r"(&frame->uc), "r"(restorer)
			 : "memory");
	__builtin_unreachable();
}
