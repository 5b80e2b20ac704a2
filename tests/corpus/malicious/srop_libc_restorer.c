/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_libc_restorer: SROP through the real restorer. A handler is installed with glibc's
 * sigaction() (which adds SA_RESTORER = __restore_rt) only to learn the restorer's address from
 * the old action's sa_restorer; the signal is never sent. A fake struct rt_sigframe is built on
 * the stack exactly where a handler's frame would lie (below the stack it "interrupted"), rsp is
 * pointed just past its pretcode, and the code jumps into __restore_rt (`mov $15, %rax; syscall`).
 * The kernel loads the forged context: rip = mal_pwned, rsp = the area above the frame.
 * (mal_libc_srop() in mal.h; the scope and pre-existing programs reuse it.)
 *
 * Expected from sigscope: forged_frame (critical). The call site is a registered restorer, so no
 * wrong_call_site; the restored rsp is on the same stack, so no stack_pivot.
 */
#include "mal.h"

int main(void)
{
	/*
	 * One stack area: the "interrupted" context's stack in the upper part, the frame below it
	 * (ustack is 8 below a 16-byte boundary, as the kernel places it).
	 */
	char area[32768] __attribute__((aligned(16)));

	mal_init("srop_libc_restorer", 10);
	mal_libc_srop(area);
}
