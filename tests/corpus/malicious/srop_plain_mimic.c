/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_plain_mimic: a forged sigreturn whose restored registers look like the return of a plain
 * syscall(-1), made while sibling threads flood the hooks on the same CPU (as srop_skip_flood).
 *
 * rt_sigreturn sets orig_ax to -1, and so does a syscall that never ran: syscall(-1) (or one a
 * ptrace tracer skipped) also reaches the raw sys_exit with orig_ax -1. sigscope's exit told the
 * two apart by the registers alone: rax -ENOSYS, rcx = rip and r11 = rflags (what the syscall
 * instruction leaves), a syscall instruction just before rip. Every one of them comes from the
 * frame, so a forged frame can restore exactly that: rip is the `ret` right after the gadget's
 * syscall, rcx = rip, r11 = rflags, rax = -ENOSYS, and rsp points at mal_pwned's address, which
 * that `ret` pops. When the kernel skips the entry program (7.0+ under this flood), the exit alone
 * saw a plain syscall's return and let it pass, unjudged.
 *
 * Expected from sigscope: forged_frame (critical), judged at the entry (or, where the entry was
 * skipped, at the exit: no syscall(-1) entered on this thread, so nothing vouches for a plain
 * return); under --enforce the process is killed there. With no sigscope, the first attempt
 * succeeds (marker written, exit 0).
 */
#define MAL_FLOOD /* mal.h's same-CPU flood */
#include "mal.h"  /* first: it sets _GNU_SOURCE */

#define FLOOD_THREADS 4
#define FLOOD_MS      300

extern const char srop_plain_mimic_gadget[];
extern const char srop_plain_mimic_after[]; /* the ret right after the syscall */
__asm__(".text\n"
	".globl srop_plain_mimic_gadget\n"
	".type srop_plain_mimic_gadget, @function\n"
	"srop_plain_mimic_gadget:\n\t"
	"mov $15, %eax\n\t"
	"syscall\n"
	"srop_plain_mimic_after:\n\t"
	"ret\n\t"
	".size srop_plain_mimic_gadget, . - srop_plain_mimic_gadget\n");

/* The forged sigreturn: it never returns (the kernel takes any frame it can read). */
static void __attribute__((noinline)) forged_sigreturn(void)
{
	/* Both on this thread's stack, as srop_gadget's: the restored rsp is no pivot. */
	struct k_rt_sigframe64 frame __attribute__((aligned(16)));
	static volatile char sink;
	char scratch[16384] __attribute__((aligned(16)));
	/* After the `ret` pops mal_pwned's address, rsp + 8 is 16-aligned, as at any call. */
	uint64_t new_rsp = ((uint64_t)(scratch + sizeof(scratch)) & ~15ull) - 16;
	uint64_t after = (uint64_t)srop_plain_mimic_after;

	*(uint64_t *)new_rsp = (uint64_t)mal_pwned;
	mal_fill_context(&frame, after, new_rsp);
	/* What a syscall(-1) made at the gadget's syscall would return with. */
	frame.uc.uc_mcontext.rax = (uint64_t)-38; /* -ENOSYS */
	frame.uc.uc_mcontext.rcx = after;
	frame.uc.uc_mcontext.r11 = frame.uc.uc_mcontext.eflags;
	frame.pretcode = (uint64_t)srop_plain_mimic_gadget;
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
	mal_init("srop_plain_mimic", 60);
	mal_same_cpu_flood(FLOOD_THREADS, FLOOD_MS);
	forged_sigreturn();
	mal_flooding = 0;
	return MAL_EXIT_NOTHING;
}
