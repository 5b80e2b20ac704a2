/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_redirect_libc_from_libc: a context redirect within libc. A real SIGUSR1 is raised with
 * libc's syscall(SYS_tgkill, ...), so the delivery interrupts code inside libc (the saved rip is
 * in libc's text, right after its syscall instruction). The handler rewrites the saved context to
 * call execve("/bin/sh", {"sh", "-c", "printf pwned > \"$MARKER\""}, environ), also in libc:
 * rip = execve, rdi/rsi/rdx = the arguments, rsp = a slot in the interrupted code's red zone
 * holding a return address. It returns normally, and the kernel restores exactly that.
 *
 * Why it works: the frame is genuine and paired, and the new rip lies in the same mapping as the
 * interrupted one, which a rule allowing "moves within the interrupted code's own module" (Wine
 * and emulators skip instructions) would let through. Only a short forward skip (at most 15
 * bytes, one instruction) is benign there; this jumps to another function.
 *
 * Expected from sigscope: tampered_context (high); no forged_frame (the frame is the kernel's).
 */
#include "mal.h"

static uint64_t libc_lo, libc_hi;
static volatile sig_atomic_t handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	(void)info;
	handled = 1;
	if (rip < libc_lo || rip >= libc_hi) {
		mal_say("the delivery interrupted %#lx, outside execve's mapping [%#lx-%#lx)",
			(unsigned long)rip, (unsigned long)libc_lo, (unsigned long)libc_hi);
		return;
	}
	mal_say("interrupted rip %#lx, redirected to execve %p (%+ld bytes, same mapping)",
		(unsigned long)rip, (void *)execve, (long)((uint64_t)execve - rip));
	mal_redirect_call(uc, (const void *)execve, (uint64_t) "/bin/sh", (uint64_t)mal_sh_argv,
			  (uint64_t)environ, (const void *)mal_exec_failed);
}

int main(void)
{
	char map[256];

	mal_init("srop_redirect_libc_from_libc", 10);
	if (mal_mapping((uint64_t)execve, &libc_lo, &libc_hi, map, sizeof(map)))
		mal_die(MAL_EXIT_SETUP, "/proc/self/maps");
	mal_say("execve %p and syscall() %p in %s [%#lx-%#lx)", (void *)execve, (void *)syscall,
		map, (unsigned long)libc_lo, (unsigned long)libc_hi);
	mal_handle(SIGUSR1, handler, 0);
	mal_raise_here(SIGUSR1);
	mal_say(handled ? "the handler ran but the redirect was not applied"
			: "the signal was not delivered");
	return MAL_EXIT_NOTHING;
}
