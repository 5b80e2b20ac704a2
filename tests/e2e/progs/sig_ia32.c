/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sig_ia32 (built with -m32): a 32-bit process takes real signals through the ia32 frames.
 *   SIGUSR1, SA_SIGINFO: struct rt_sigframe_ia32, returned through rt_sigreturn (int $0x80,
 *   nr 173), ustack = sp - 4 = (uintptr_t)uc - 144 (pretcode, sig, pinfo, puc, info[128], uc).
 *   SIGUSR2, plain handler: without SA_SIGINFO the kernel writes the legacy struct
 *   sigframe_ia32 (pretcode, sig, sigcontext at 8, extramask at 720), returned through
 *   sigreturn (nr 119) after the restorer pops sig: ustack = sp - 8 = &sig - 4.
 * glibc's i386 sigaction sets no SA_RESTORER: both frames return through the vDSO's restorers.
 * The handler's stack arguments are the frame's own sig/pinfo/puc slots (cdecl), so &sig - 4 is
 * the frame start in both cases; cross-checked against uc, the return address and the raw
 * int $0x80 tgkill site whose address and esp are recorded before it runs.
 */
#include "e2e.h" /* first: it defines _GNU_SOURCE */

#if !defined(__i386__)
#error "sig_ia32 must be built with -m32"
#endif

#define N_RT	 3
#define N_LEGACY 2

static volatile struct e2e_site site;
static volatile int count, returns;
/* The sa_restorer the kernel holds (0 here), which sigscope reports, unlike the frame's pretcode.
 */
static uint32_t sa_restorer[NSIG];

/* struct sigaction as the kernel's compat rt_sigaction copies it out. */
struct k_sigaction32 {
	uint32_t handler;
	uint32_t flags;
	uint32_t restorer;
	uint32_t mask[2];
};

static void read_kernel_sigaction(int sig)
{
	struct k_sigaction32 k;

	if (syscall(SYS_rt_sigaction, sig, NULL, &k, 8))
		e2e_die("rt_sigaction");
	sa_restorer[sig] = k.restorer;
}

/* tgkill via int $0x80 at a known address; the signal is delivered on its exit. */
static __attribute__((noinline)) long tgkill32(pid_t tid, int sig, volatile struct e2e_site *s)
{
	long ret;
	uintptr_t at;

	/* call/pop: the PIE-safe way to take a label's address on i386. */
	__asm__ volatile("call 2f\n"
			 "2:\tpop %1\n\t"
			 "add $(1f - 2b), %1\n\t"
			 "mov %1, %c[at](%[s])\n\t"
			 "mov %%esp, %c[sp](%[s])\n"
			 "1:\tint $0x80"
			 : "=a"(ret), "=&r"(at)
			 : "0"((long)SYS_tgkill), "b"((long)getpid()), "c"((long)tid),
			   "d"((long)sig), [s] "r"(s), [at] "i"(offsetof(struct e2e_site, at)),
			   [sp] "i"(offsetof(struct e2e_site, sp))
			 : "memory");
	s->after = at + 2;
	s->ret = ret;
	return ret;
}

static void check_regs(uint32_t eip, uint32_t esp, uint32_t eax, uint32_t cs)
{
	E2E_CHECK(eip == site.at + 2, "saved eip %#x != %#x", eip, (unsigned)site.at + 2);
	E2E_CHECK(esp == site.sp, "saved esp %#x != %#x", esp, (unsigned)site.sp);
	E2E_CHECK(eax == 0, "saved eax %#x != 0", eax);
	E2E_CHECK(cs == 0x23, "saved cs %#x != 0x23", cs);
}

static void rt_handler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;
	uintptr_t frame = (uintptr_t)&sig - 4;
	uintptr_t restorer = *(const uint32_t *)frame;
	const greg_t *g = uc->uc_mcontext.gregs;
	uint64_t mask = uc->uc_sigmask.__val[0] | (uint64_t)uc->uc_sigmask.__val[1] << 32;

	E2E_CHECK(frame == (uintptr_t)uc - 144, "&sig - 4 = %#x, uc - 144 = %#x", (unsigned)frame,
		  (unsigned)((uintptr_t)uc - 144));
	E2E_CHECK((uintptr_t)si == frame + 16, "pinfo %p != frame + 16", (void *)si);
	E2E_CHECK(restorer == (uintptr_t)__builtin_return_address(0), "pretcode %#x",
		  (unsigned)restorer);
	E2E_CHECK(si->si_code == SI_TKILL && si->si_pid == getpid(), "siginfo %d/%d", si->si_code,
		  (int)si->si_pid);
	check_regs(g[REG_EIP], g[REG_ESP], g[REG_EAX], g[REG_CS]);
	E2E_CHECK(mask == 0, "mask %#llx", (unsigned long long)mask);
	e2e_out("{\"kind\":\"handler\",\"tag\":\"ia32_rt\",\"abi\":\"ia32\",\"frame\":\"rt\","
		"\"sig\":%d,\"tid\":%d,\"n\":%d,\"depth\":1,\"returns\":true,\"siginfo\":true,"
		"\"ustack\":\"0x%x\",\"rip\":\"0x%x\",\"rsp\":\"0x%x\",\"rax\":\"0x%x\","
		"\"cs\":\"0x%x\",\"mask\":\"0x%llx\",\"uc_flags\":\"0x%lx\",\"ss_sp\":\"0x%x\","
		"\"ss_flags\":%d,\"ss_size\":%u,\"handler\":\"0x%x\",\"restorer\":\"0x%x\","
		"\"call_site\":\"0x%x\",\"sa_restorer\":\"0x%x\",\"si_signo\":%d,\"si_code\":%d,"
		"\"si_pid\":%d,\"si_value\":%d}",
		sig, (int)e2e_gettid(), count, (unsigned)frame, (unsigned)g[REG_EIP],
		(unsigned)g[REG_ESP], (unsigned)g[REG_EAX], (unsigned)g[REG_CS],
		(unsigned long long)mask, uc->uc_flags, (unsigned)(uintptr_t)uc->uc_stack.ss_sp,
		uc->uc_stack.ss_flags, (unsigned)uc->uc_stack.ss_size,
		(unsigned)(uintptr_t)rt_handler, (unsigned)restorer,
		(unsigned)e2e_call_site(restorer), sa_restorer[sig], si->si_signo, si->si_code,
		(int)si->si_pid, si->si_value.sival_int);
	count++;
	returns++;
}

/* struct sigcontext_32 slots (u32), as arch/x86/include/uapi/asm/sigcontext.h lays them out. */
enum { SC_ESP = 7, SC_EAX = 11, SC_EIP = 14, SC_CS = 15, SC_OLDMASK = 20 };

static void legacy_handler(int sig)
{
	uintptr_t frame = (uintptr_t)&sig - 4;
	uintptr_t restorer = *(const uint32_t *)frame;
	const uint32_t *sc = (const uint32_t *)(frame + 8);
	uint32_t extramask = *(const uint32_t *)(frame + 720);
	uint64_t mask = sc[SC_OLDMASK] | (uint64_t)extramask << 32;

	E2E_CHECK(restorer == (uintptr_t)__builtin_return_address(0), "pretcode %#x",
		  (unsigned)restorer);
	check_regs(sc[SC_EIP], sc[SC_ESP], sc[SC_EAX], sc[SC_CS]);
	E2E_CHECK(mask == 0, "mask %#llx", (unsigned long long)mask);
	e2e_out("{\"kind\":\"handler\",\"tag\":\"ia32_legacy\",\"abi\":\"ia32\","
		"\"frame\":\"sigframe\",\"sig\":%d,\"tid\":%d,\"n\":%d,\"depth\":1,"
		"\"returns\":true,\"siginfo\":false,\"ustack\":\"0x%x\",\"rip\":\"0x%x\","
		"\"rsp\":\"0x%x\",\"rax\":\"0x%x\",\"cs\":\"0x%x\",\"mask\":\"0x%llx\","
		"\"handler\":\"0x%x\",\"restorer\":\"0x%x\",\"call_site\":\"0x%x\","
		"\"sa_restorer\":\"0x%x\"}",
		sig, (int)e2e_gettid(), count, (unsigned)frame, sc[SC_EIP], sc[SC_ESP], sc[SC_EAX],
		sc[SC_CS], (unsigned long long)mask, (unsigned)(uintptr_t)legacy_handler,
		(unsigned)restorer, (unsigned)e2e_call_site(restorer), sa_restorer[sig]);
	count++;
	returns++;
}

int main(void)
{
	int i;

	e2e_open();
	e2e_install(SIGUSR1, (void *)rt_handler, SA_SIGINFO, NULL);
	e2e_install(SIGUSR2, (void *)legacy_handler, 0, NULL);
	read_kernel_sigaction(SIGUSR1);
	read_kernel_sigaction(SIGUSR2);
	for (i = 0; i < N_RT; i++)
		tgkill32(e2e_gettid(), SIGUSR1, &site);
	for (i = 0; i < N_LEGACY; i++)
		tgkill32(e2e_gettid(), SIGUSR2, &site);
	E2E_CHECK(count == N_RT + N_LEGACY, "handled %d of %d", count, N_RT + N_LEGACY);
	return e2e_summary("sig_ia32", count, returns, ",\"expect_exit\":0");
}
