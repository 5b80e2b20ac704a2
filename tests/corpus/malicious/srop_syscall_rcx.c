/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_syscall_rcx (red team round 22, idea 2): rcx rewritten in a frame whose signal
 * interrupted a syscall. A hand-written read() stub re-issues an interrupted call by jumping
 * back through rcx, which the `syscall` instruction set to the address after itself. The
 * SIGUSR1 handler points rcx at the attacker's function instead.
 *
 * Why: "code after a syscall never reads rcx or r11" is a convention of compilers, not of
 * the ISA: after `syscall` they hold the return rip and rflags, and code may use them.
 *
 * Expected from sigscope: tampered_context (high, changed rcx): a changed rcx or r11 is
 * judged like any other register, inside a syscall or not.
 */
#include "mal.h"

#include <pthread.h>

static int pipe_fds[2];
static pthread_t victim;

static void on_usr1(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	uc->uc_mcontext.gregs[REG_RCX] = (greg_t)(uintptr_t)mal_pwned + 2; /* the stub does -2 */
	if (write(pipe_fds[1], "x", 1) != 1)
		mal_die(MAL_EXIT_SETUP, "write");
}

static void *kick(void *arg)
{
	(void)arg;
	usleep(100000); /* let the victim block in read() */
	pthread_kill(victim, SIGUSR1);
	return NULL;
}

int main(void)
{
	pthread_t kicker;
	long fd, ret;
	char buf[8];

	mal_init("srop_syscall_rcx", 10);
	if (pipe(pipe_fds))
		mal_die(MAL_EXIT_SETUP, "pipe");
	mal_handle(SIGUSR1, on_usr1, 0); /* no SA_RESTART: the read returns -EINTR */
	victim = pthread_self();
	if (pthread_create(&kicker, NULL, kick, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	fd = pipe_fds[0];
	/* -EINTR: back to the syscall instruction through rcx (its own address + 2). */
	__asm__ volatile("mov %1, %%rdi\n\t"
			 "1: xor %%eax, %%eax\n\t"
			 "syscall\n\t"
			 "cmp $-4, %%rax\n\t"
			 "jne 2f\n\t"
			 "sub $2, %%rcx\n\t"
			 "jmp *%%rcx\n"
			 "2:"
			 : "=a"(ret)
			 : "r"(fd), "S"(buf), "d"(sizeof(buf))
			 : "rdi", "rcx", "r11", "memory");
	pthread_join(kicker, NULL);
	mal_say("read returned %ld", ret);
	return MAL_EXIT_NOTHING;
}
