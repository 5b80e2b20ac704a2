/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Shared by sig_restart (SA_RESTART) and sig_eintr (no SA_RESTART): a second thread interrupts
 * the main thread's blocking read() on an empty pipe with SIGUSR1, then writes one byte.
 * pipe_read() returns -ERESTARTSYS, so handle_signal() either restarts it (ip -= 2 onto the
 * syscall instruction, ax = orig_ax = __NR_read) or makes it fail with ax = -EINTR. The read is
 * a raw syscall at a known address, so the expected saved rip is exact.
 */
#ifndef E2E_RESTART_H
#define E2E_RESTART_H

#include "e2e.h"

#include <pthread.h>
#include <time.h>

static int pipefd[2];
static volatile struct e2e_site read_site;
static volatile pid_t main_tid;
static volatile int handled, restart_mode;

static void restart_handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;
	const greg_t *g = uc->uc_mcontext.gregs;
	const unsigned char *ip = (const unsigned char *)g[REG_RIP];

	e2e_check64(uc, si, __builtin_return_address(0));
	E2E_CHECK((uintptr_t)g[REG_RSP] == read_site.sp, "saved rsp %#llx != %#lx",
		  (unsigned long long)g[REG_RSP], (unsigned long)read_site.sp);
	if (restart_mode) {
		/* Rewound onto the syscall instruction itself, which runs again on return. */
		E2E_CHECK((uintptr_t)ip == read_site.at, "saved rip %p != syscall at %#lx",
			  (const void *)ip, (unsigned long)read_site.at);
		E2E_CHECK(ip[0] == 0x0f && ip[1] == 0x05, "saved rip %p is not on 0f 05",
			  (const void *)ip);
		E2E_CHECK(g[REG_RAX] == SYS_read, "saved rax %#llx != __NR_read",
			  (unsigned long long)g[REG_RAX]);
	} else {
		E2E_CHECK((uintptr_t)ip == read_site.at + 2, "saved rip %p != after syscall %#lx",
			  (const void *)ip, (unsigned long)read_site.at + 2);
		E2E_CHECK(ip[-2] == 0x0f && ip[-1] == 0x05, "saved rip %p does not follow 0f 05",
			  (const void *)ip);
		E2E_CHECK(g[REG_RAX] == -EINTR, "saved rax %#llx != -EINTR",
			  (unsigned long long)g[REG_RAX]);
	}
	e2e_record64(restart_mode ? "restart" : "eintr", sig, uc, si, (uintptr_t)restart_handler, 1,
		     1, handled);
	handled++;
}

/* True once the main thread sleeps inside read(2) (/proc/.../syscall starts with "0 "). */
static int main_blocked_in_read(void)
{
	char path[64], buf[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", (int)main_tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 2 && buf[0] == '0' && buf[1] == ' ';
}

static void *kicker(void *arg)
{
	const struct timespec ms = {0, 1000000};
	int i;

	(void)arg;
	for (i = 0; i < 5000 && !main_blocked_in_read(); i++)
		nanosleep(&ms, NULL);
	/* Let it settle in pipe_wait so the signal interrupts the sleep, not the way in. */
	nanosleep(&ms, NULL);
	if (syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1))
		e2e_die("tgkill");
	for (i = 0; i < 5000 && !handled; i++)
		nanosleep(&ms, NULL);
	/* With SA_RESTART the read is back asleep by now; the byte wakes it. */
	for (i = 0; i < 20; i++)
		nanosleep(&ms, NULL);
	if (write(pipefd[1], "x", 1) != 1)
		e2e_die("write");
	return NULL;
}

static int restart_main(const char *prog, int use_sa_restart)
{
	char extra[160], c = 0;
	pthread_t t;
	long ret;

	e2e_open();
	restart_mode = use_sa_restart;
	main_tid = e2e_gettid();
	if (pipe(pipefd))
		e2e_die("pipe");
	e2e_install(SIGUSR1, (void *)restart_handler,
		    SA_SIGINFO | (use_sa_restart ? SA_RESTART : 0), NULL);
	if (pthread_create(&t, NULL, kicker, NULL))
		e2e_die("pthread_create");
	ret = e2e_read(pipefd[0], &c, 1, &read_site);
	if (use_sa_restart) {
		E2E_CHECK(ret == 1 && c == 'x', "restarted read returned %ld", ret);
	} else {
		E2E_CHECK(ret == -EINTR, "interrupted read returned %ld, not -EINTR", ret);
		E2E_CHECK(read(pipefd[0], &c, 1) == 1 && c == 'x', "second read failed");
	}
	pthread_join(t, NULL);
	E2E_CHECK(handled == 1, "handled %d of 1", handled);
	snprintf(extra, sizeof(extra),
		 ",\"restart\":\"%s\",\"syscall_at\":\"0x%lx\",\"read_ret\":%ld,\"expect_exit\":0",
		 use_sa_restart ? "restarted" : "eintr", (unsigned long)read_site.at, ret);
	return e2e_summary(prog, handled, handled, extra);
}

#endif /* E2E_RESTART_H */
