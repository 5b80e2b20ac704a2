/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_redirect_anon (issue 16, class 1): a handler sends the interrupted context into anonymous
 * executable memory the program mapped itself: a stub that jumps to mal_pwned. Only rip moves.
 *
 * Why: "rip into anonymous executable memory" is what a JVM's handler does (into its code cache),
 * and a rule that ranks it low by where rip lands lets any program's handler do it. A redirect
 * into JIT code is explained only for a handler whose module has a JIT runtime's profile (libjvm,
 * V8, Mono), chosen by the module's identity (judge.h): this program has none.
 *
 * Expected from sigscope: tampered_context (high); no forged_frame, no stack_pivot.
 */
#include "mal.h" /* first: it defines _GNU_SOURCE */

#include <sys/mman.h>

MAL_REDIRECT_SITE();

static volatile sig_atomic_t handled;
static void *stub;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	handled = 1;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)stub;
}

int main(void)
{
	/* movabs $mal_pwned, %rax; jmp *%rax */
	unsigned char code[12] = {0x48, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xe0};
	uint64_t target = (uint64_t)mal_pwned;

	mal_init("srop_redirect_anon", 10);
	stub = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		    0);
	if (stub == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	memcpy(code + 2, &target, sizeof(target));
	memcpy(stub, code, sizeof(code));
	mal_handle(SIGUSR1, handler, 0);
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	mal_say(handled ? "the handler ran but the redirect did not run" : "no delivery");
	return MAL_EXIT_NOTHING;
}
