/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * cli_stack: for tests/e2e/run_cli.py (--stack-bytes). Sends itself N SIGUSR1 from a function
 * whose stack holds a distinct pattern each time; the handler reports the 64 bytes at the stack
 * pointer the sigreturn will restore (uc_mcontext.gregs[REG_RSP]) as lower-case hex:
 *   {"kind":"stack","n":I,"rsp":"0x...","bytes":"<128 hex digits>"}
 * The handler does not touch that memory (the frame lies below it, past the red zone), so those
 * are the bytes at the restored rsp when rt_sigreturn runs.
 */
#include "e2e.h"

#define N      4
#define NBYTES 64

static volatile int count;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;
	const unsigned char *p = (const unsigned char *)uc->uc_mcontext.gregs[REG_RSP];
	char hex[2 * NBYTES + 1];
	int i;

	(void)sig;
	(void)si;
	for (i = 0; i < NBYTES; i++)
		snprintf(hex + 2 * i, 3, "%02x", p[i]);
	e2e_out("{\"kind\":\"stack\",\"n\":%d,\"rsp\":\"0x%llx\",\"bytes\":\"%s\"}", count,
		(unsigned long long)uc->uc_mcontext.gregs[REG_RSP], hex);
	count++;
}

static __attribute__((noinline)) void raise_with_pattern(int k)
{
	volatile unsigned char pattern[256];
	int i;

	for (i = 0; i < (int)sizeof(pattern); i++)
		pattern[i] = (unsigned char)(0x5a ^ (i * 7) ^ (k * 0x31));
	if (syscall(SYS_tgkill, getpid(), e2e_gettid(), SIGUSR1))
		e2e_die("tgkill");
	(void)pattern[0];
}

int main(void)
{
	int k;

	e2e_open();
	e2e_install(SIGUSR1, (void *)handler, SA_SIGINFO, NULL);
	for (k = 0; k < N; k++)
		raise_with_pattern(k);
	E2E_CHECK(count == N, "handled %d of %d", count, N);
	return e2e_summary("cli_stack", count, count, ",\"expect_exit\":0");
}
