/* Frame decoding entry points: size per kind, dispatch to the per-ABI decoders, register names. */
#include <string.h>

#include "frame_abi.h"
#include "../shared/frame_layout.h"

size_t sigscope_frame_size(enum sigscope_frame_kind kind)
{
	/* One case per frame kind, alike on purpose: the kinds are an enum, not a table of
	 * decoders, so the compiler checks each is handled. */
	switch (kind) {
	case SIGSCOPE_FRAME_RT64:
		return RT64_SIZE;
	case SIGSCOPE_FRAME_RT_IA32:
		return RT32_SIZE;
	case SIGSCOPE_FRAME_SIG_IA32:
		return SIG32_SIZE;
	case SIGSCOPE_FRAME_RT_X32:
		return RTX32_SIZE;
	}
	return 0;
}

int sigscope_decode_frame(enum sigscope_frame_kind kind, const uint8_t *buf, size_t len,
			  struct sigscope_frame *out)
{
	size_t need = sigscope_frame_size(kind);

	if (!out)
		return -1;
	memset(out, 0, sizeof(*out));
	if (!buf || need == 0 || len < need)
		return -1;
	out->kind = kind;
	switch (kind) {
	case SIGSCOPE_FRAME_RT64:
		sigscope_decode_rt64(buf, out);
		break;
	case SIGSCOPE_FRAME_RT_IA32:
		sigscope_decode_rt_ia32(buf, out);
		break;
	case SIGSCOPE_FRAME_SIG_IA32:
		sigscope_decode_sig_ia32(buf, out);
		break;
	case SIGSCOPE_FRAME_RT_X32:
		sigscope_decode_rt_x32(buf, out);
		break;
	}
	return 0;
}

static const char *const reg_names_64[SIGSCOPE_NREGS] = {
    [SIGSCOPE_REG_R8] = "r8",	[SIGSCOPE_REG_R9] = "r9",   [SIGSCOPE_REG_R10] = "r10",
    [SIGSCOPE_REG_R11] = "r11", [SIGSCOPE_REG_R12] = "r12", [SIGSCOPE_REG_R13] = "r13",
    [SIGSCOPE_REG_R14] = "r14", [SIGSCOPE_REG_R15] = "r15", [SIGSCOPE_REG_RDI] = "rdi",
    [SIGSCOPE_REG_RSI] = "rsi", [SIGSCOPE_REG_RBP] = "rbp", [SIGSCOPE_REG_RBX] = "rbx",
    [SIGSCOPE_REG_RDX] = "rdx", [SIGSCOPE_REG_RAX] = "rax", [SIGSCOPE_REG_RCX] = "rcx",
    [SIGSCOPE_REG_RSP] = "rsp", [SIGSCOPE_REG_RIP] = "rip", [SIGSCOPE_REG_EFLAGS] = "eflags",
    [SIGSCOPE_REG_CS] = "cs",	[SIGSCOPE_REG_SS] = "ss",
};

/* ia32 has no r8..r15: those slots stay NULL. */
static const char *const reg_names_32[SIGSCOPE_NREGS] = {
    [SIGSCOPE_REG_RDI] = "edi",	      [SIGSCOPE_REG_RSI] = "esi", [SIGSCOPE_REG_RBP] = "ebp",
    [SIGSCOPE_REG_RBX] = "ebx",	      [SIGSCOPE_REG_RDX] = "edx", [SIGSCOPE_REG_RAX] = "eax",
    [SIGSCOPE_REG_RCX] = "ecx",	      [SIGSCOPE_REG_RSP] = "esp", [SIGSCOPE_REG_RIP] = "eip",
    [SIGSCOPE_REG_EFLAGS] = "eflags", [SIGSCOPE_REG_CS] = "cs",	  [SIGSCOPE_REG_SS] = "ss",
};

const char *sigscope_changed_name(int bit, int ia32)
{
	if (bit == SIGSCOPE_CHANGED_ALTSTACK_BIT)
		return "uc_stack";
	if (bit == SIGSCOPE_CHANGED_SEGMENTS_BIT)
		return "ds/es";
	if (bit == SIGSCOPE_CHANGED_FPSTATE_BIT)
		return "fpstate";
	return sigscope_reg_name((enum sigscope_reg)bit, ia32);
}

const char *sigscope_reg_name(enum sigscope_reg reg, int ia32)
{
	/* The enum may be unsigned: compare as int so a negative value is rejected too. */
	if ((int)reg < 0 || (int)reg >= SIGSCOPE_NREGS)
		return NULL;
	return ia32 ? reg_names_32[reg] : reg_names_64[reg];
}
