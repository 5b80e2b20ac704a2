/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Shared by the e2e test programs: the ground-truth writer (JSON lines to $GROUND_TRUTH), raw
 * tgkill/read syscalls whose instruction address and stack pointer are known exactly, and the
 * per-invocation record every handler writes. Builds for x86_64 and (-m32) i386.
 *
 * Ground-truth records (one line each; every address/register a "0x..." hex string):
 *   {"kind":"handler", ...}   one per handler invocation, written from inside the handler
 *   {"kind":"manual", ...}    a sigreturn issued without a delivery (sig_int80)
 *   {"kind":"summary", ...}   last line: pid, counts, "ok" (all self-checks passed)
 */
#ifndef E2E_H
#define E2E_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define E2E_UNUSED __attribute__((unused))

static int e2e_fd = -1;
static volatile sig_atomic_t e2e_failures;
static char e2e_first_failure[256];

/* Async-signal-safe enough: vsnprintf of integers and strings into a stack buffer, one write(). */
static E2E_UNUSED __attribute__((format(printf, 1, 2))) void e2e_out(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int n, off = 0;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	/* O_APPEND and a single write() keep concurrent lines (sig_threads) whole. */
	while (off < n) {
		ssize_t w = write(e2e_fd, buf + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		off += w;
	}
}

/* Self-check failure: remembered for the summary and reported on stderr (never stdout). */
static E2E_UNUSED __attribute__((format(printf, 1, 2))) void e2e_fail(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	if (!e2e_failures++)
		memcpy(e2e_first_failure, buf, n + 1);
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}

#define E2E_CHECK(cond, ...)                                                                       \
	do {                                                                                       \
		if (!(cond))                                                                       \
			e2e_fail(__VA_ARGS__);                                                     \
	} while (0)

static E2E_UNUSED void e2e_die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	exit(1);
}

/* No $GROUND_TRUTH: write to /dev/null so the program still runs standalone. */
static E2E_UNUSED void e2e_open(void)
{
	const char *path = getenv("GROUND_TRUTH");

	e2e_fd = open(path && *path ? path : "/dev/null",
		      O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
	if (e2e_fd < 0)
		e2e_die(path ? path : "/dev/null");
}

static E2E_UNUSED pid_t e2e_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/* Last line of the ground truth; extra is "" or ",\"key\":value...". Returns the exit status. */
static E2E_UNUSED int e2e_summary(const char *prog, int invocations, int returns, const char *extra)
{
	e2e_out("{\"kind\":\"summary\",\"prog\":\"%s\",\"pid\":%d,\"invocations\":%d,"
		"\"returns\":%d,\"ok\":%s,\"failure\":\"%s\"%s}",
		prog, (int)getpid(), invocations, returns, e2e_failures ? "false" : "true",
		e2e_failures ? e2e_first_failure : "", extra);
	return e2e_failures ? 1 : 0;
}

/* The handler the kernel jumped to and the sa_restorer it set, as sigaction() reports them. */
static E2E_UNUSED void e2e_install(int sig, void *handler, int flags, const sigset_t *mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	if (flags & SA_SIGINFO)
		sa.sa_sigaction = (void (*)(int, siginfo_t *, void *))handler;
	else
		sa.sa_handler = (void (*)(int))handler;
	sa.sa_flags = flags;
	if (mask)
		sa.sa_mask = *mask;
	else
		sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL))
		e2e_die("sigaction");
}

/* Where the restorer issues its sigreturn: the first syscall / int $0x80 in its first 16 bytes. */
static E2E_UNUSED uintptr_t e2e_call_site(uintptr_t restorer)
{
	const unsigned char *p = (const unsigned char *)restorer;
	int i;

	for (i = 0; i < 16; i++) {
		if ((p[i] == 0x0f && p[i + 1] == 0x05) || (p[i] == 0xcd && p[i + 1] == 0x80))
			return restorer + i;
	}
	return 0;
}

/* What a raw syscall site looked like: the address after (and of) the instruction, and sp. */
struct e2e_site {
	uintptr_t at;	 /* the syscall / int $0x80 instruction */
	uintptr_t after; /* at + 2: where the interrupted task resumes */
	uintptr_t sp;
	long ret;
};

#if defined(__x86_64__)

/*
 * tgkill through a syscall instruction whose address and rsp are stored in *s before it runs, so
 * a handler for a signal raised here (delivered on this syscall's exit) can check its frame.
 */
static E2E_UNUSED __attribute__((noinline)) long e2e_tgkill(pid_t tid, int sig,
							    volatile struct e2e_site *s)
{
	long ret;
	uintptr_t at;

	__asm__ volatile("lea 1f(%%rip), %1\n\t"
			 "mov %1, %c[at](%[s])\n\t"
			 "mov %%rsp, %c[sp](%[s])\n"
			 "1:\tsyscall"
			 : "=a"(ret), "=&r"(at)
			 : "0"((long)SYS_tgkill), "D"((long)getpid()), "S"((long)tid),
			   "d"((long)sig), [s] "r"(s), [at] "i"(offsetof(struct e2e_site, at)),
			   [sp] "i"(offsetof(struct e2e_site, sp))
			 : "rcx", "r11", "memory");
	s->after = at + 2;
	s->ret = ret;
	return ret;
}

/* read(2) through a syscall instruction at a known address (the restart target), as above. */
static E2E_UNUSED __attribute__((noinline)) long e2e_read(int fd, void *buf, size_t len,
							  volatile struct e2e_site *s)
{
	long ret;
	uintptr_t at;

	__asm__ volatile("lea 1f(%%rip), %1\n\t"
			 "mov %1, %c[at](%[s])\n\t"
			 "mov %%rsp, %c[sp](%[s])\n"
			 "1:\tsyscall"
			 : "=a"(ret), "=&r"(at)
			 : "0"((long)SYS_read), "D"((long)fd), "S"(buf),
			   "d"(len), [s] "r"(s), [at] "i"(offsetof(struct e2e_site, at)),
			   [sp] "i"(offsetof(struct e2e_site, sp))
			 : "rcx", "r11", "memory");
	s->after = at + 2;
	s->ret = ret;
	return ret;
}

/* One x86_64 rt frame, as the handler sees it through uc (ustack = uc - 8). */
static E2E_UNUSED void e2e_record64(const char *tag, int sig, const ucontext_t *uc,
				    const siginfo_t *si, uintptr_t handler, int returns, int depth,
				    int n)
{
	uintptr_t ustack = (uintptr_t)uc - 8;
	uintptr_t restorer = *(const uintptr_t *)ustack;
	const greg_t *g = uc->uc_mcontext.gregs;
	char sibuf[160] = "";

	if (si)
		snprintf(sibuf, sizeof(sibuf),
			 ",\"si_signo\":%d,\"si_code\":%d,\"si_pid\":%d,\"si_value\":%d",
			 si->si_signo, si->si_code, (int)si->si_pid, si->si_value.sival_int);
	e2e_out("{\"kind\":\"handler\",\"tag\":\"%s\",\"abi\":\"x86_64\",\"frame\":\"rt\","
		"\"sig\":%d,\"tid\":%d,\"n\":%d,\"depth\":%d,\"returns\":%s,\"siginfo\":%s,"
		"\"ustack\":\"0x%" PRIxPTR "\",\"rip\":\"0x%llx\",\"rsp\":\"0x%llx\","
		"\"rax\":\"0x%llx\",\"cs\":\"0x%llx\",\"mask\":\"0x%lx\",\"uc_flags\":\"0x%lx\","
		"\"ss_sp\":\"0x%" PRIxPTR "\",\"ss_flags\":%d,\"ss_size\":%zu,"
		"\"handler\":\"0x%" PRIxPTR "\",\"restorer\":\"0x%" PRIxPTR "\","
		"\"call_site\":\"0x%" PRIxPTR "\"%s}",
		tag, sig, (int)e2e_gettid(), n, depth, returns ? "true" : "false",
		si ? "true" : "false", ustack, (unsigned long long)g[REG_RIP],
		(unsigned long long)g[REG_RSP], (unsigned long long)g[REG_RAX],
		(unsigned long long)(g[REG_CSGSFS] & 0xffff), uc->uc_sigmask.__val[0], uc->uc_flags,
		(uintptr_t)uc->uc_stack.ss_sp, uc->uc_stack.ss_flags, uc->uc_stack.ss_size, handler,
		restorer, e2e_call_site(restorer), sibuf);
}

/*
 * Checks that the frame is where the kernel reads it: pretcode (at ustack) is the handler's own
 * return address, and with SA_SIGINFO the siginfo pointer is ustack + 312.
 */
static E2E_UNUSED void e2e_check64(const ucontext_t *uc, const siginfo_t *si, void *retaddr)
{
	uintptr_t ustack = (uintptr_t)uc - 8;

	E2E_CHECK(*(const uintptr_t *)ustack == (uintptr_t)retaddr,
		  "pretcode %#lx != return address %p", *(const unsigned long *)ustack, retaddr);
	E2E_CHECK(!si || (uintptr_t)si == ustack + 312, "siginfo %p != ustack + 312", (void *)si);
	E2E_CHECK((ustack & 15) == 8, "ustack %#lx not 16n-8", (unsigned long)ustack);
}

/* The saved context is the one e2e_tgkill() left: resumes after its syscall with rax = 0. */
static E2E_UNUSED void e2e_check_site64(const ucontext_t *uc, const volatile struct e2e_site *s)
{
	const greg_t *g = uc->uc_mcontext.gregs;
	uintptr_t after = s->at + 2, sp = s->sp;

	E2E_CHECK((uintptr_t)g[REG_RIP] == after, "saved rip %#llx != %#lx",
		  (unsigned long long)g[REG_RIP], (unsigned long)after);
	E2E_CHECK((uintptr_t)g[REG_RSP] == sp, "saved rsp %#llx != %#lx",
		  (unsigned long long)g[REG_RSP], (unsigned long)sp);
	E2E_CHECK(g[REG_RAX] == 0, "saved rax %#llx != 0", (unsigned long long)g[REG_RAX]);
}

#endif /* __x86_64__ */

#endif /* E2E_H */
