/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sig_altstack: SA_ONSTACK handlers on a sigaltstack. ROUNDS SIGUSR1 interrupt main (the frame
 * goes onto the altstack); the last SIGUSR1 handler raises SIGUSR2, which nests on the altstack
 * below it. Ground truth: ustack inside the altstack, and uc_stack as the kernel saved it:
 * __save_altstack() stores the task's sas_ss_sp, sas_ss_size and sas_ss_flags (0 here), not
 * SS_ONSTACK, even for the nested frame (measured).
 */
#include "e2e.h" /* first: it defines _GNU_SOURCE */

#include <sys/mman.h>

#define ROUNDS	 3
#define ALT_SIZE (256 * 1024)

static volatile struct e2e_site main_site, usr1_site;
static volatile int count, depth;
static uintptr_t alt_lo, alt_hi;
static volatile uintptr_t outer_ustack;

static void check_alt(const ucontext_t *uc, int flags)
{
	uintptr_t ustack = (uintptr_t)uc - 8;

	E2E_CHECK(ustack >= alt_lo && ustack + 440 <= alt_hi, "ustack %#lx outside [%#lx, %#lx)",
		  (unsigned long)ustack, (unsigned long)alt_lo, (unsigned long)alt_hi);
	E2E_CHECK((uintptr_t)uc->uc_stack.ss_sp == alt_lo && uc->uc_stack.ss_size == ALT_SIZE,
		  "uc_stack %p/%zu", uc->uc_stack.ss_sp, uc->uc_stack.ss_size);
	E2E_CHECK(uc->uc_stack.ss_flags == flags, "uc_stack.ss_flags %d != %d",
		  uc->uc_stack.ss_flags, flags);
}

static void usr2_handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;

	depth++;
	e2e_check64(uc, si, __builtin_return_address(0));
	e2e_check_site64(uc, &usr1_site);
	/* Interrupted code already ran on the altstack; the saved flags are still the task's. */
	check_alt(uc, 0);
	E2E_CHECK((uintptr_t)uc->uc_mcontext.gregs[REG_RSP] >= alt_lo &&
		      (uintptr_t)uc->uc_mcontext.gregs[REG_RSP] < alt_hi,
		  "nested: interrupted rsp not on the altstack");
	E2E_CHECK((uintptr_t)uc - 8 < outer_ustack, "nested frame above the outer one");
	e2e_record64("altstack_nested", sig, uc, si, (uintptr_t)usr2_handler, 1, depth, count);
	count++;
	depth--;
}

static void usr1_handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;

	depth++;
	e2e_check64(uc, si, __builtin_return_address(0));
	e2e_check_site64(uc, &main_site);
	check_alt(uc, 0);
	E2E_CHECK(!((uintptr_t)uc->uc_mcontext.gregs[REG_RSP] >= alt_lo &&
		    (uintptr_t)uc->uc_mcontext.gregs[REG_RSP] < alt_hi),
		  "interrupted rsp on the altstack");
	outer_ustack = (uintptr_t)uc - 8;
	e2e_record64("altstack", sig, uc, si, (uintptr_t)usr1_handler, 1, depth, count);
	count++;
	if (count == ROUNDS) /* the last SIGUSR1 */
		e2e_tgkill(e2e_gettid(), SIGUSR2, &usr1_site);
	depth--;
}

int main(void)
{
	char extra[128];
	stack_t ss;
	void *alt;
	int i;

	e2e_open();
	alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (alt == MAP_FAILED)
		e2e_die("mmap");
	alt_lo = (uintptr_t)alt;
	alt_hi = alt_lo + ALT_SIZE;
	ss.ss_sp = alt;
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL))
		e2e_die("sigaltstack");
	e2e_install(SIGUSR1, (void *)usr1_handler, SA_SIGINFO | SA_ONSTACK, NULL);
	e2e_install(SIGUSR2, (void *)usr2_handler, SA_SIGINFO | SA_ONSTACK, NULL);
	for (i = 0; i < ROUNDS; i++)
		e2e_tgkill(e2e_gettid(), SIGUSR1, &main_site);
	E2E_CHECK(count == ROUNDS + 1, "handled %d of %d", count, ROUNDS + 1);
	snprintf(extra, sizeof(extra),
		 ",\"alt_lo\":\"0x%lx\",\"alt_hi\":\"0x%lx\",\"expect_exit\":0",
		 (unsigned long)alt_lo, (unsigned long)alt_hi);
	return e2e_summary("sig_altstack", count, count, extra);
}
