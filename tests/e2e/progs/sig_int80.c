/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sig_int80: a 64-bit process issues rt_sigreturn through int $0x80 (eax = 173, the ia32 number)
 * with a hand-built struct rt_sigframe_ia32 at sp - 4. No signal was delivered: the kernel just
 * loads the 32-bit context from the frame (cs 0x23, ss 0x2b) and returns to it. The context runs
 * 32-bit code on a MAP_32BIT page that calls exit_group(42) through int $0x80, so exit status 42
 * proves the frame was honoured. Ground truth ("manual" record, written before int $0x80): the
 * ustack, the call site and every register placed in the frame.
 */
#include "e2e.h" /* first: it defines _GNU_SOURCE */

#include <sys/mman.h>

#define EXIT_CODE 42

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
#define USER_DS	  0x2b

/* 32-bit code: mov $252, %eax (exit_group); mov $42, %ebx; int $0x80; hlt (never reached). */
static const unsigned char code32[] = {0xb8, 0xfc, 0x00, 0x00, 0x00, 0xbb, EXIT_CODE,
				       0x00, 0x00, 0x00, 0xcd, 0x80, 0xf4};

static void *map32(int prot)
{
	void *p = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	if (p == MAP_FAILED)
		e2e_die("mmap(MAP_32BIT)");
	if ((uintptr_t)p + 4096 > 0x100000000ull) {
		fprintf(stderr, "MAP_32BIT page above 4 GiB\n");
		exit(1);
	}
	return p;
}

int main(void)
{
	unsigned char *code, *stack, *frame;
	uint32_t *sc;
	uintptr_t at;

	e2e_open();
	code = map32(PROT_READ | PROT_WRITE | PROT_EXEC);
	memcpy(code, code32, sizeof(code32));
	stack = map32(PROT_READ | PROT_WRITE);
	memset(stack, 0, 4096);
	/* The frame in the lower half, the new context's stack at the top of the page. */
	frame = stack + 1024;
	sc = (uint32_t *)(frame + RT32_MCONTEXT);
	*(uint32_t *)(frame + RT32_PINFO) = (uint32_t)(uintptr_t)(frame + 16);
	*(uint32_t *)(frame + RT32_PUC) = (uint32_t)(uintptr_t)(frame + RT32_UC);
	/* uc_stack is applied too (restore_altstack): SS_DISABLE leaves no altstack, as now. */
	*(uint32_t *)(frame + RT32_SS_FLAGS) = SS_DISABLE;
	/* fs/gs 0 (null), ds/es the 32-bit data segment; distinctive values for the GPRs. */
	sc[SC_ES] = USER_DS;
	sc[SC_DS] = USER_DS;
	sc[SC_EDI] = 0x1001;
	sc[SC_ESI] = 0x1002;
	sc[SC_EBP] = 0x1003;
	sc[SC_ESP] = (uint32_t)(uintptr_t)(stack + 4096 - 64);
	sc[SC_EBX] = 0x1004;
	sc[SC_EDX] = 0x1005;
	sc[SC_ECX] = 0x1006;
	sc[SC_EAX] = 0x1007;
	sc[SC_EIP] = (uint32_t)(uintptr_t)code;
	sc[SC_CS] = USER32_CS;
	sc[SC_EFLAGS] = 0x202;
	sc[SC_ESP_AT_SIGNAL] = sc[SC_ESP];
	sc[SC_SS] = USER_DS;
	sc[SC_FPSTATE] = 0; /* NULL: the kernel clears the FP state */
	*(uint64_t *)(frame + RT32_SIGMASK) = 0;

	/* The int $0x80 instruction is 2 bytes into the asm below (after the 2-byte mov). */
	__asm__ volatile("lea 1f(%%rip), %0" : "=r"(at));
	e2e_out(
	    "{\"kind\":\"manual\",\"tag\":\"int80\",\"abi\":\"ia32_from_64\",\"frame\":\"rt\","
	    "\"tid\":%d,\"returns\":true,\"ustack\":\"0x%lx\",\"call_site\":\"0x%lx\","
	    "\"rip\":\"0x%x\",\"rsp\":\"0x%x\",\"rax\":\"0x%x\",\"cs\":\"0x%x\",\"ss\":\"0x%x\","
	    "\"edi\":\"0x%x\",\"esi\":\"0x%x\",\"ebp\":\"0x%x\",\"ebx\":\"0x%x\","
	    "\"edx\":\"0x%x\",\"ecx\":\"0x%x\",\"mask\":\"0x0\",\"ss_flags\":%d}",
	    (int)e2e_gettid(), (unsigned long)frame, (unsigned long)at, sc[SC_EIP], sc[SC_ESP],
	    sc[SC_EAX], sc[SC_CS], sc[SC_SS], sc[SC_EDI], sc[SC_ESI], sc[SC_EBP], sc[SC_EBX],
	    sc[SC_EDX], sc[SC_ECX], SS_DISABLE);
	e2e_summary("sig_int80", 0, 1, ",\"expect_exit\":42");
	/* rsp = frame + 4, as after a handler's ret popped pretcode; never returns. */
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "mov $173, %%eax\n"
			 "1:\tint $0x80\n\t"
			 "ud2"
			 :
			 : "r"(frame + 4)
			 : "memory");
	__builtin_unreachable();
}
