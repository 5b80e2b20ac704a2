/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_tamper_pivot: a genuine delivery whose handler rewrites the saved context before returning
 * normally through the restorer: REG_RIP = injected code on an anonymous executable page (a
 * 12-byte trampoline `movabs $mal_pwned, %rax; jmp *%rax` copied there), REG_RSP = the top of a
 * malloc'd buffer on the heap. The kernel restores exactly that: the injected code runs on the
 * heap stack.
 *
 * Expected from sigscope: stack_pivot (high: rsp left the interrupted stack for [heap]) and
 * tampered_context (low: rip moved, into anonymous executable memory, which runtimes also do).
 */
#include "mal.h"

#include <sys/mman.h>
#include <ucontext.h>

static void *code;
static void *heap_stack;
static volatile sig_atomic_t handled;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	uc->uc_mcontext.gregs[REG_RIP] = (greg_t)code;
	uc->uc_mcontext.gregs[REG_RSP] = (greg_t)heap_stack;
	handled = 1;
}

int main(void)
{
	/* movabs $imm64, %rax; jmp *%rax */
	unsigned char tramp[12] = {0x48, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xe0};
	uint64_t target = (uint64_t)mal_pwned;
	size_t heap_size = 64 * 1024; /* below glibc's mmap threshold: brk, i.e. [heap] */
	struct sigaction sa;
	char *heap;

	mal_init("srop_tamper_pivot", 10);
	code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap");
	memcpy(tramp + 2, &target, sizeof(target));
	memcpy(code, tramp, sizeof(tramp));
	if (mprotect(code, 4096, PROT_READ | PROT_EXEC))
		mal_die(MAL_EXIT_SETUP, "mprotect");
	heap = malloc(heap_size);
	if (!heap)
		mal_die(MAL_EXIT_SETUP, "malloc");
	heap_stack = (void *)((((uintptr_t)heap + heap_size) & ~(uintptr_t)15) - 64);
	mal_say("injected code at %p (anon, r-x), heap stack at %p", code, heap_stack);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaction");
	if (syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR1))
		mal_die(MAL_EXIT_SETUP, "tgkill");
	/* Only reached when the rewritten context was not restored. */
	mal_say(handled ? "the handler ran but its rewrite was not applied"
			: "the signal was not delivered");
	return MAL_EXIT_NOTHING;
}
