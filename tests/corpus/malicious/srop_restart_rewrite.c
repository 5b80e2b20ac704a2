/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_restart_rewrite: a syscall restart turned into execve. The main thread blocks in read()
 * on an empty pipe, issued by a raw `syscall` in this program's text; a helper thread sends it
 * SIGUSR1, handled with SA_RESTART. The kernel's restart fix-up saves rip = the syscall
 * instruction and rax = 0 (read), so that returning from the handler issues read() again. The
 * handler leaves rip and rsp alone and rewrites rax = 59 (execve) and rdi/rsi/rdx =
 * "/bin/sh", {"sh", "-c", "printf pwned > \"$MARKER\""}, environ. It returns normally; the
 * "restart" is an execve, and the shell creates the marker.
 *
 * Why it works: the frame is genuine and paired, rip and rsp are exactly the saved ones, and a
 * restart is what the kernel itself asked for; only the syscall number and arguments changed.
 *
 * Expected from sigscope: tampered_context (high: the restored rip is at a syscall instruction
 * and the syscall number or arguments differ from what the kernel saved); no forged_frame.
 */
#include "mal.h"

#include <pthread.h>

/* read(fd, buf, n) with the syscall in this binary's text, at restart_site_syscall. */
extern long restart_site_read(long fd, void *buf, long n);
extern const char restart_site_syscall[];
__asm__(".text\n"
	".globl restart_site_read\n"
	".type restart_site_read, @function\n"
	"restart_site_read:\n\t"
	"xor %eax, %eax\n" /* SYS_read */
	".globl restart_site_syscall\n"
	"restart_site_syscall:\n\t"
	"syscall\n\t"
	"ret\n\t"
	".size restart_site_read, . - restart_site_read\n");

static pid_t main_tid;
static volatile sig_atomic_t deliveries, rewritten;

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *g = uc->uc_mcontext.gregs;

	(void)sig;
	(void)info;
	deliveries++;
	/* Not yet blocked in the read (or a late signal after the rewrite): nothing to do. */
	if (rewritten || g[REG_RIP] != (greg_t)restart_site_syscall || g[REG_RAX] != SYS_read)
		return;
	rewritten = 1;
	g[REG_RAX] = SYS_execve;
	g[REG_RDI] = (greg_t) "/bin/sh";
	g[REG_RSI] = (greg_t)mal_sh_argv;
	g[REG_RDX] = (greg_t)environ;
}

/* Signals the main thread until one delivery catches it blocked in the read. */
static void *sender(void *arg)
{
	(void)arg;
	while (!rewritten) {
		usleep(20000);
		if (syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1))
			mal_die(MAL_EXIT_SETUP, "tgkill");
	}
	return NULL;
}

int main(void)
{
	pthread_t t;
	int p[2];
	char buf[16];
	long n;

	mal_init("srop_restart_rewrite", 10);
	main_tid = (pid_t)syscall(SYS_gettid);
	if (pipe(p))
		mal_die(MAL_EXIT_SETUP, "pipe");
	mal_handle(SIGUSR1, handler, SA_RESTART);
	if (pthread_create(&t, NULL, sender, NULL))
		mal_die(MAL_EXIT_SETUP, "pthread_create");
	mal_say("blocking in read(%d) at %p (syscall at %p)", p[0], (void *)restart_site_read,
		(void *)restart_site_syscall);
	n = restart_site_read(p[0], buf, sizeof(buf));
	/* Only reached when the restart was not turned into execve, or execve failed. */
	mal_say("read returned %ld after %d deliveries%s", n, (int)deliveries,
		rewritten ? ": the rewritten restart did not exec" : "");
	return MAL_EXIT_NOTHING;
}
