/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_preexisting: ordinary SROP (issue 8, class 4) in a thread that existed before sigscope
 * attached. Run in attach mode: the program starts, prints "srop_preexisting: ready" and waits
 * for SIGUSR2 (mal_wait_go); the runner attaches `sigscope -p PID`, waits for its start-up line
 * and sends the go. Then attack() builds the forged frame of srop_libc_restorer (rip =
 * mal_pwned, rsp on the same stack just above the frame) in its own locals, that is below the sp
 * the thread had while sigscope attached, and enters it through glibc's __restore_rt.
 *
 * Why: a sigreturn in a thread older than the tracer may return from a delivery the tracer never
 * saw, and sigscope excuses such sigreturns (preexisting_unmatched, low). Today the excuse's only
 * shape test is "frame below the restored rsp", which every ordinary SROP frame passes. No frame
 * written before the attach can lie below the attach-time sp: this one must not be excused.
 *
 * Expected from sigscope: forged_frame >= critical for the pid; under --enforce, SIGKILL before
 * mal_pwned runs (no marker). No wrong_call_site (a real restorer), no stack_pivot.
 */
#include "mal.h"

static __attribute__((noinline, noreturn)) void attack(void)
{
	char area[32768] __attribute__((aligned(16)));

	mal_libc_srop(area);
}

int main(void)
{
	mal_init("srop_preexisting", 10);
	mal_wait_go();
	attack();
}
