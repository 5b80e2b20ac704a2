/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * rseq_abort: per-CPU copies in an rseq critical section (the librseq and tcmalloc pattern: glibc
 * 2.35 and later register rseq for every thread, the program only sets rseq_cs), sampled by a
 * 1 kHz SIGPROF profiler (setitimer, as gperftools' does) whose handler only counts.
 *
 * Why: a signal that lands inside the critical section makes the kernel move the interrupted rip
 * to the section's abort handler (kernel/rseq.c, rseq_ip_fixup()) before it writes the frame, and
 * after the signal_deliver tracepoint where sigscope saves the context. The frame is genuine and
 * the handler changes nothing, yet what is restored differs from what was saved at delivery:
 * without the kernel's fix-up applied to the saved context (tp_btf/rseq_ip_fixup), that was
 * tampered_context high, and --enforce killed a correct program (red team round 1).
 *
 * Self-checks: glibc registered rseq; every copy completed (retried after an abort) and holds
 * the source; the profiler ran; at least one copy was aborted, so that the fix-up was exercised.
 * Expected from sigscope: every sigreturn matched, nothing above low, no kill.
 */
#include <sys/rseq.h>
#include <sys/time.h>
#include <time.h>

#include "benign.h"

/* long percpu_copy(struct rseq *rs, char *dst, const char *src, long len): 0 done, 1 aborted */
__asm__(".text\n"
	".globl percpu_copy\n"
	".type percpu_copy,@function\n"
	"percpu_copy:\n"
	"	lea cs_desc(%rip), %rax\n"
	"	mov %rax, 8(%rdi)\n" /* rs->rseq_cs = &cs_desc */
	"cs_start:\n"
	"1:	movb (%rdx), %al\n"
	"	movb %al, (%rsi)\n"
	"	inc %rdx\n"
	"	inc %rsi\n"
	"	dec %rcx\n"
	"	jnz 1b\n"
	"cs_commit:\n"
	"	movq $0, 8(%rdi)\n"
	"	xor %eax, %eax\n"
	"	ret\n"
	"	.long 0x53053053\n" /* RSEQ_SIG: glibc's x86 signature, checked by the kernel */
	"cs_abort:\n"
	"	movq $0, 8(%rdi)\n"
	"	mov $1, %eax\n"
	"	ret\n"
	".size percpu_copy, .-percpu_copy\n"
	".data\n"
	".balign 32\n"
	"cs_desc:\n" /* struct rseq_cs: version, flags, start_ip, post_commit_offset, abort_ip */
	"	.long 0, 0\n"
	"	.quad cs_start\n"
	"	.quad cs_commit - cs_start\n"
	"	.quad cs_abort\n"
	".text\n");
long percpu_copy(struct rseq *rs, char *dst, const char *src, long len);

static volatile long samples;

static void prof(int sig)
{
	(void)sig;
	samples++;
}

static char src[4096], dst[64][4096];

int main(void)
{
	struct sigaction sa;
	struct itimerval it = {{0, 1000}, {0, 1000}}; /* 1 kHz of CPU time */
	struct rseq *rs;
	long done = 0, aborted = 0;
	time_t end;

	bn_init("rseq_abort", 30);
	if (__rseq_size == 0) {
		bn_say("FAILED: glibc did not register rseq (glibc.pthread.rseq=0?)");
		return 1;
	}
	rs = (struct rseq *)((char *)__builtin_thread_pointer() + __rseq_offset);
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (char)(i * 7 + 1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = prof;
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGPROF, &sa, NULL) || setitimer(ITIMER_PROF, &it, NULL))
		bn_die("SIGPROF timer");
	end = time(NULL) + 2;
	while (time(NULL) < end || aborted == 0) {
		unsigned int cpu = rs->cpu_id & 63;

		while (percpu_copy(rs, dst[cpu], src, sizeof(src))) {
			aborted++;
			cpu = rs->cpu_id & 63;
		}
		BN_CHECK(memcmp(dst[cpu], src, sizeof(src)) == 0, "a completed copy differs");
		done++;
	}
	it.it_value.tv_usec = it.it_interval.tv_usec = 0;
	setitimer(ITIMER_PROF, &it, NULL);
	BN_CHECK(samples > 0, "the profiler never ran");
	printf("rseq_abort: %ld copies, %ld aborted and retried, %ld profiler samples\n", done,
	       aborted, samples);
	return bn_failures ? 1 : 0;
}
