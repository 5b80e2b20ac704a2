/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_ia32_from64: a 64-bit process forges a 32-bit struct rt_sigframe_ia32 and issues
 * rt_sigreturn through int $0x80 (eax = 173, the ia32 number). No signal was delivered: the
 * kernel loads the 32-bit context (cs 0x23) and returns to it, switching the task to 32-bit
 * code. The context runs code on a MAP_32BIT page that creates the marker with 32-bit system
 * calls (open = 5, write = 4, exit_group = 252 through int $0x80); the marker path and "pwned"
 * are handed over in esi/edi, also from the forged frame, pointing into MAP_32BIT memory.
 *
 * Expected from sigscope: abi_switch (high: int $0x80 sigreturn from 64-bit code, and a restored
 * cs of the other mode) and forged_frame (critical: nothing was delivered). No wrong_call_site:
 * `mov $173,%eax; int $0x80` is the vDSO's own sigreturn stub, byte for byte.
 *
 * Needs ia32 emulation. Without it (CONFIG_IA32_EMULATION=n, ia32_emulation=0) int $0x80 raises
 * #GP: a child probes that first, and the program exits 77 (skip) when the probe dies.
 */
#include "mal.h"

#include <sys/mman.h>
#include <sys/wait.h>

/* Offsets in struct rt_sigframe_ia32 and struct sigcontext_32 (arch/x86/include/asm/sigframe.h). */
#define RT32_PINFO    8
#define RT32_PUC      12
#define RT32_UC	      144
#define RT32_SS_FLAGS (RT32_UC + 12)
#define RT32_MCONTEXT (RT32_UC + 20)
#define RT32_SIGMASK  (RT32_UC + 108)
enum {
	SC_GS,
	SC_FS,
	SC_ES,
	SC_DS,
	SC_EDI,
	SC_ESI,
	SC_EBP,
	SC_ESP,
	SC_EBX,
	SC_EDX,
	SC_ECX,
	SC_EAX,
	SC_TRAPNO,
	SC_ERR,
	SC_EIP,
	SC_CS,
	SC_EFLAGS,
	SC_ESP_AT_SIGNAL,
	SC_SS,
	SC_FPSTATE,
	SC_OLDMASK,
	SC_CR2,
};

#define USER32_CS 0x23
#define USER32_DS 0x2b

/*
 * The payload, 32-bit and position independent: open(esi, O_WRONLY|O_CREAT|O_TRUNC, 0644),
 * write(fd, edi, 5), exit_group(0); exit_group(1) when open fails.
 */
extern const unsigned char payload32[], payload32_end[];
__asm__(".pushsection .rodata\n"
	".globl payload32, payload32_end\n"
	"payload32:\n\t"
	".code32\n\t"
	"mov $5, %eax\n\t"
	"mov %esi, %ebx\n\t"
	"mov $0x241, %ecx\n\t"
	"mov $0x1a4, %edx\n\t"
	"int $0x80\n\t"
	"test %eax, %eax\n\t"
	"js 1f\n\t"
	"mov %eax, %ebx\n\t"
	"mov $4, %eax\n\t"
	"mov %edi, %ecx\n\t"
	"mov $5, %edx\n\t"
	"int $0x80\n\t"
	"mov $252, %eax\n\t"
	"xor %ebx, %ebx\n\t"
	"int $0x80\n"
	"1:\tmov $252, %eax\n\t"
	"mov $1, %ebx\n\t"
	"int $0x80\n\t"
	"hlt\n\t"
	".code64\n"
	"payload32_end:\n"
	".popsection\n");

static void *map32(int prot)
{
	void *p = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	if (p == MAP_FAILED)
		mal_die(MAL_EXIT_SETUP, "mmap(MAP_32BIT)");
	if ((uintptr_t)p + 4096 > 0x100000000ull) {
		mal_say("MAP_32BIT page above 4 GiB");
		_exit(MAL_EXIT_SETUP);
	}
	return p;
}

/* Can this kernel run int $0x80 at all? A child tries getpid (ia32 nr 20); #GP kills it. */
static int have_int80(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		mal_die(MAL_EXIT_SETUP, "fork");
	if (pid == 0) {
		long ret;

		signal(SIGSEGV, SIG_DFL);
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
		_exit(ret == (long)getpid() ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) != pid)
		mal_die(MAL_EXIT_SETUP, "waitpid");
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(void)
{
	unsigned char *code, *data, *frame;
	uint32_t *sc;
	size_t plen = (size_t)(payload32_end - payload32), mlen;

	mal_init("srop_ia32_from64", 10);
	if (!have_int80()) {
		mal_say("skip: int $0x80 is not available (no ia32 emulation in this kernel)");
		return MAL_EXIT_SKIP;
	}
	mlen = strlen(mal_marker) + 1;
	code = map32(PROT_READ | PROT_WRITE | PROT_EXEC);
	memcpy(code, payload32, plen);
	data = map32(PROT_READ | PROT_WRITE);
	memset(data, 0, 4096);
	if (mlen > 2048) {
		mal_say("MARKER path too long");
		return MAL_EXIT_SETUP;
	}
	/* Page layout: the path at 0, "pwned" at 2048, the frame at 2304, the stack at the top. */
	memcpy(data, mal_marker, mlen);
	memcpy(data + 2048, "pwned", 5);
	frame = data + 2304;
	sc = (uint32_t *)(frame + RT32_MCONTEXT);
	*(uint32_t *)(frame + RT32_PINFO) = (uint32_t)(uintptr_t)(frame + 16);
	*(uint32_t *)(frame + RT32_PUC) = (uint32_t)(uintptr_t)(frame + RT32_UC);
	*(uint32_t *)(frame + RT32_SS_FLAGS) = SS_DISABLE;
	sc[SC_ES] = USER32_DS;
	sc[SC_DS] = USER32_DS;
	sc[SC_ESI] = (uint32_t)(uintptr_t)data;
	sc[SC_EDI] = (uint32_t)(uintptr_t)(data + 2048);
	sc[SC_ESP] = (uint32_t)(uintptr_t)(data + 4096 - 64);
	sc[SC_EIP] = (uint32_t)(uintptr_t)code;
	sc[SC_CS] = USER32_CS;
	sc[SC_EFLAGS] = 0x202;
	sc[SC_ESP_AT_SIGNAL] = sc[SC_ESP];
	sc[SC_SS] = USER32_DS;
	sc[SC_FPSTATE] = 0; /* NULL: the kernel clears the FP state */
	*(uint64_t *)(frame + RT32_SIGMASK) = 0;
	mal_say("forged ia32 frame at %p, eip %#x (32-bit payload, %zu bytes), esp %#x",
		(void *)frame, sc[SC_EIP], plen, sc[SC_ESP]);
	/* rsp = frame + 4, as after a 32-bit handler's ret popped pretcode; int $0x80 never
	 * returns. */
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "mov $173, %%eax\n\t"
			 "int $0x80\n\t"
			 "ud2"
			 :
			 : "r"(frame + 4)
			 : "memory");
	__builtin_unreachable();
}
