/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_redirect_libc: a context redirect into libc. A real SIGUSR1 interrupts code in the main
 * binary (a raw tgkill `syscall` in this program's text, so the saved rip is in the program's
 * own mapping); the handler rewrites the saved context to call libc's execve("/bin/sh",
 * {"sh", "-c", "printf pwned > \"$MARKER\""}, environ): rip = execve, rdi/rsi/rdx = the
 * arguments, rsp = a slot in the interrupted code's red zone holding a return address (rsp = 8
 * mod 16, as after a call). It returns normally through the kernel's frame, and the kernel
 * restores exactly that: the shell creates the marker and exits 0.
 *
 * Why it works: the frame is genuine and paired; only the restored rip moved, into file-backed
 * executable memory (libc), which was ranked low. Statically linked (the 6.1 guest), execve is
 * in the main binary: then it is a redirect far inside the interrupted rip's own mapping.
 *
 * Expected from sigscope: tampered_context (high: rip redirected into a file-backed mapping that
 * is neither the interrupted rip's nor the handler's, or far within the interrupted one); no
 * forged_frame: the frame is the kernel's own.
 */
#include "mal.h"

/* tgkill(pid, tid, sig) with the syscall in this binary's text; the delivery's saved rip is the
 * instruction after it (redirect_site_ret). */
MAL_REDIRECT_SITE();

static volatile sig_atomic_t handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	handled = 1;
	if (uc->uc_mcontext.gregs[REG_RIP] != (greg_t)redirect_site_ret) {
		mal_say("the delivery interrupted %#lx, not the syscall in main at %p",
			(unsigned long)uc->uc_mcontext.gregs[REG_RIP], (void *)redirect_site_ret);
		return;
	}
	mal_redirect_call(uc, (const void *)execve, (uint64_t) "/bin/sh", (uint64_t)mal_sh_argv,
			  (uint64_t)environ, (const void *)mal_exec_failed);
}

int main(void)
{
	char site_map[256], target_map[256];
	uint64_t lo, hi, tlo, thi;

	mal_init("srop_redirect_libc", 10);
	if (mal_mapping((uint64_t)redirect_site_ret, &lo, &hi, site_map, sizeof(site_map)) ||
	    mal_mapping((uint64_t)execve, &tlo, &thi, target_map, sizeof(target_map)))
		mal_die(MAL_EXIT_SETUP, "/proc/self/maps");
	mal_say("interrupted rip %p in %s [%#lx-%#lx), redirect to execve %p in %s [%#lx-%#lx)%s",
		(void *)redirect_site_ret, site_map, (unsigned long)lo, (unsigned long)hi,
		(void *)execve, target_map, (unsigned long)tlo, (unsigned long)thi,
		lo == tlo ? " (same mapping: statically linked)" : "");
	mal_handle(SIGUSR1, handler, 0);
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	mal_say(handled ? "the handler ran but the redirect was not applied"
			: "the signal was not delivered");
	return MAL_EXIT_NOTHING;
}
