/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_skip_rel16 (red team round 14, a3_amd_rel16): an "instruction skip" whose length depends
 * on the CPU's vendor. `66 e8 iw` is a 4-byte call rel16 on AMD CPUs and a 6-byte call rel32 on
 * Intel ones (in 64-bit mode Intel ignores the 66). The call's push faults on an unmapped stack
 * (SIGSEGV, kernel-raised, handled on the altstack); the attacker's write in the handler moves
 * rip on by 6, which sigscope measured as the faulting instruction's length, so the skip was
 * explained (low). On AMD the CPU then resumes 2 bytes into the next instruction, on bytes of
 * its immediate that decode as `jmp *%rbx`, into mal_pwned. On Intel the skip is exact and
 * the program goes on harmlessly, so there it skips (77).
 *
 * Why: the skip explanation rested on a length the decoder chose for one vendor. A near branch
 * with 66 in 64-bit mode now has no length, so nothing explains skipping it.
 *
 * Expected from sigscope: tampered_context high on every CPU; under --enforce, SIGKILL before
 * the resumed code runs (no marker on AMD).
 */
#include "mal.h"

#include <cpuid.h>
#include <sys/mman.h>

unsigned long mal_saved_rsp, mal_bad_sp;
void victim(void *target);
void pwn_entry(void);
extern char fault_site[];

__asm__(".text\n"
	".globl victim\n"
	"victim:\n"
	"  push %rbx\n"
	"  mov %rdi, %rbx\n" /* a register the program happens to hold */
	"  mov %rsp, mal_saved_rsp(%rip)\n"
	"  mov mal_bad_sp(%rip), %rsp\n"
	".globl fault_site\n"
	"fault_site:\n"
	"  .byte 0x66, 0xe8, 0x00, 0x00\n" /* AMD: callw rel16 (4 bytes); its push faults */
	"  .byte 0x48, 0xb8, 0xff, 0xe3, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90\n" /* movabs */
	"  mov mal_saved_rsp(%rip), %rsp\n"
	"  pop %rbx\n"
	"  ret\n"
	".globl pwn_entry\n"
	"pwn_entry:\n"
	"  mov mal_saved_rsp(%rip), %rsp\n"
	"  and $-16, %rsp\n"
	"  call mal_pwned\n"
	"  ud2\n");

static void handler(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	/* The attacker's write: skip the faulting call by its Intel length. */
	if (uc->uc_mcontext.gregs[REG_RIP] == (greg_t)(uintptr_t)fault_site)
		uc->uc_mcontext.gregs[REG_RIP] += 6;
}

/* AMD (and Hygon) CPUs honour 66 on a near call in 64-bit mode; Intel ones ignore it. */
static int honours_66_on_near_call(void)
{
	unsigned int a, b, c, d;
	char vendor[13];

	if (!__get_cpuid(0, &a, &b, &c, &d))
		return 0;
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = '\0';
	return strcmp(vendor, "AuthenticAMD") == 0 || strcmp(vendor, "HygonGenuine") == 0;
}

int main(void)
{
	static char alt[65536];
	stack_t ss = {.ss_sp = alt, .ss_size = sizeof(alt)};
	struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO | SA_ONSTACK};
	char *p;

	mal_init("srop_skip_rel16", 10);
	if (!honours_66_on_near_call()) {
		mal_say("this CPU ignores 66 on a near call in 64-bit mode: no attack to make");
		return MAL_EXIT_SKIP;
	}
	if (sigaltstack(&ss, NULL) || sigaction(SIGSEGV, &sa, NULL))
		mal_die(MAL_EXIT_SETUP, "sigaction");
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || munmap(p, 8192))
		mal_die(MAL_EXIT_SETUP, "mmap");
	mal_bad_sp = (unsigned long)p + 4096;
	victim((void *)pwn_entry);
	mal_say("the skip was exact (an Intel CPU): the resumed code was the next instruction");
	return MAL_EXIT_NOTHING;
}
