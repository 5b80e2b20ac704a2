/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Shared by the class-6 programs of the benign corpus (tests/corpus/benign/c/, run by
 * tests/corpus/run_benign.py): correct programs that stress how sigscope pairs sigreturns with
 * deliveries, and that sigscope (detect and --enforce) must never report above low nor kill.
 * Each program checks its own behaviour and exits 0 only when every check held (1 otherwise),
 * so a program that stopped doing what it claims cannot pass as quiet.
 *
 * Every program prints "NAME: pid N" on stderr first, and one summary line on stdout. Programs
 * that must exist before sigscope attaches (attach mode) call bn_wait_go(): it prints
 * "NAME: ready" and waits for SIGUSR2, blocked and taken with sigwaitinfo (no handler runs for
 * the go, so it leaves no frame), as tests/corpus/malicious/mal.h does.
 */
#ifndef BENIGN_H
#define BENIGN_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BN_UNUSED __attribute__((unused))

static const char *bn_name = "benign";
static volatile unsigned long bn_failures;

static BN_UNUSED __attribute__((format(printf, 1, 2))) void bn_say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n, m;

	m = snprintf(buf, sizeof(buf), "%s: ", bn_name);
	va_start(ap, fmt);
	n = vsnprintf(buf + m, sizeof(buf) - m - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n += m;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}

/* A failed self-check: said once per kind (handlers may fail many times), counted always. */
#define BN_CHECK(cond, ...)                                                                        \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			if (bn_failures++ < 10)                                                    \
				bn_say("FAILED: " __VA_ARGS__);                                    \
		}                                                                                  \
	} while (0)

static BN_UNUSED __attribute__((noreturn)) void bn_die(const char *what)
{
	bn_say("%s: %s", what, strerror(errno));
	exit(1);
}

/* Start-up: name, the pid line, and a watchdog (0: none) whose SIGALRM kills by default. */
static BN_UNUSED void bn_init(const char *name, unsigned int watchdog_s)
{
	bn_name = name;
	bn_say("pid %d", (int)getpid());
	if (watchdog_s)
		alarm(watchdog_s);
}

static BN_UNUSED void bn_install(int sig, void *fn, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	if (flags & SA_SIGINFO)
		sa.sa_sigaction = fn;
	else
		sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL))
		bn_die("sigaction");
}

static BN_UNUSED pid_t bn_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/* SIG to the calling thread: delivered on the way out of this syscall, before it returns. */
static BN_UNUSED void bn_raise(int sig)
{
	if (syscall(SYS_tgkill, getpid(), bn_gettid(), sig))
		bn_die("tgkill");
}

/* The go protocol (see the top of this file). Call before any thread is started. */
static BN_UNUSED void bn_wait_go(void)
{
	sigset_t go;
	unsigned int left;
	int sig;

	sigemptyset(&go);
	sigaddset(&go, SIGUSR2);
	if (sigprocmask(SIG_BLOCK, &go, NULL))
		bn_die("sigprocmask");
	left = alarm(0); /* the watchdog must not fire while the runner attaches */
	bn_say("ready");
	do
		sig = sigwaitinfo(&go, NULL);
	while (sig < 0 && errno == EINTR);
	if (sig != SIGUSR2)
		bn_die("sigwaitinfo");
	if (left)
		alarm(left);
}

/* The exit: 0 when every self-check held. */
static BN_UNUSED int bn_finish(void)
{
	if (bn_failures) {
		bn_say("%lu self-checks FAILED", (unsigned long)bn_failures);
		return 1;
	}
	return 0;
}

#endif /* BENIGN_H */
