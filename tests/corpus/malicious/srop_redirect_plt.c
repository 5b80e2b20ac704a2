/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_redirect_plt (issue 16, class 1): a redirect shaped exactly like Go's call injection, into
 * the handler's own module. A real SIGUSR1 interrupts code in the main binary; the handler pushes
 * the interrupted rip (rsp - 8, as a `call` would) and sends rip to execve()'s PLT entry in the
 * main binary (in a static build: execve() itself, libc linked into the handler's module), with
 * the arguments of `sh -c 'printf pwned > $MARKER'`.
 *
 * Why: a rule that ranks "rip in the handler's module, rsp - 8, old rip pushed" low (Go's
 * asyncPreempt looks like that) lets this through. A call injection is explained only when its
 * target is a function entry that the handler's runtime is known to inject (judge.h): the PLT is
 * none, and this program is not a Go runtime.
 *
 * Expected from sigscope: tampered_context (high); no forged_frame.
 */
#include "mal.h"

MAL_REDIRECT_SITE();

/* The PLT entry's address as the code refers to it (in a static link: execve itself). */
__asm__(".text\n"
	".globl execve_plt_addr\n"
	"execve_plt_addr:\n\t"
	"lea execve@PLT(%rip), %rax\n\t"
	"ret\n");
extern void *execve_plt_addr(void);
extern char **environ;

static volatile sig_atomic_t handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *g = uc->uc_mcontext.gregs;
	uint64_t sp = (uint64_t)g[REG_RSP] - 8;

	(void)sig;
	(void)info;
	handled = 1;
	if (g[REG_RIP] != (greg_t)redirect_site_ret) {
		mal_say("the delivery interrupted %#lx, not the syscall in main",
			(unsigned long)g[REG_RIP]);
		return;
	}
	/* Exactly a call: the old rip in the red zone slot below the saved rsp. */
	*(uint64_t *)sp = (uint64_t)g[REG_RIP];
	g[REG_RSP] = (greg_t)sp;
	g[REG_RIP] = (greg_t)execve_plt_addr();
	g[REG_RDI] = (greg_t) "/bin/sh";
	g[REG_RSI] = (greg_t)mal_sh_argv;
	g[REG_RDX] = (greg_t)environ;
}

int main(void)
{
	mal_init("srop_redirect_plt", 10);
	mal_handle(SIGUSR1, handler, 0);
	redirect_site_tgkill(getpid(), syscall(SYS_gettid), SIGUSR1);
	mal_say(handled ? "the handler ran but the redirect did not run" : "no delivery");
	return MAL_EXIT_NOTHING;
}
