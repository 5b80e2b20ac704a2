/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_redirect_system: srop_redirect_libc's redirect, into libc's system() instead of execve.
 * A real SIGUSR1 interrupts code in the main binary; the handler rewrites the saved context to
 * call system("sleep 0.3; printf pwned > \"$MARKER\"") as a `call` would, returning to a
 * function that exits 0. The frame is genuine and paired; only rip (and rsp, rdi) moved.
 *
 * Why it is here: the process outlives its sigreturn (system() waits for the shell), so the
 * finding's evidence can always be symbolized from the live process. run_malicious.py checks
 * that the restored rip is named `libc.so.6!system+0x0` (docs/events.md "Symbols"), the saved
 * rip this program's `redirect_site_tgkill`, and the handler this program's `handler`.
 * The handler waits 200 ms before it edits the frame: under --enforce the process is killed at
 * its sigreturn, and the names must then come from the mappings sigscope read when the delivery
 * asked for them (signal.bpf.h request_maps), whatever -e writes.
 *
 * Expected from sigscope: tampered_context (high: foreign_code); no forged_frame.
 */
#include "mal.h"

#include <time.h>

MAL_REDIRECT_SITE();

static volatile sig_atomic_t handled;
static const char cmd[] = "sleep 0.3; printf pwned > \"$MARKER\"";

/* Where the hijacked system() returns: the attack is done. */
static __attribute__((noreturn, used, noinline, force_align_arg_pointer)) void system_returned(void)
{
	_exit(0);
}

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	handled = 1;
	nanosleep(&(const struct timespec){.tv_nsec = 200000000}, NULL);
	if (uc->uc_mcontext.gregs[REG_RIP] != (greg_t)redirect_site_ret) {
		mal_say("the delivery interrupted %#lx, not the syscall in main at %p",
			(unsigned long)uc->uc_mcontext.gregs[REG_RIP], (void *)redirect_site_ret);
		return;
	}
	mal_redirect_call(uc, (const void *)system, (uint64_t)cmd, 0, 0,
			  (const void *)system_returned);
}

int main(void)
{
	mal_init("srop_redirect_system", 10);
	mal_handle(SIGUSR1, handler, 0);
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	mal_say(handled ? "the handler ran but the redirect was not applied"
			: "the signal was not delivered");
	return MAL_EXIT_NOTHING;
}
