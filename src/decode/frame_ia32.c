/* ia32 frame decoders (rt_sigframe_ia32, legacy sigframe_ia32); 32-bit values zero-extended. */
#include <string.h>

#include "frame_abi.h"
#include "../shared/frame_layout.h"

/* The rest of struct sigcontext_32, as frame_x86_64.c's decode_sigcontext64(): the registers
 * are sigscope_frame_regs()'s. Segments are u16 plus a pad half the kernel ignores on restore. */
static void decode_sc32(const uint8_t *sc, struct sigscope_frame *out)
{
	out->gs = rd16(sc + SC32_GS);
	out->fs = rd16(sc + SC32_FS);
	out->es = rd16(sc + SC32_ES);
	out->ds = rd16(sc + SC32_DS);
	out->err = rd32(sc + SC32_ERR);
	out->trapno = rd32(sc + SC32_TRAPNO);
	out->oldmask = rd32(sc + SC32_OLDMASK);
	out->cr2 = rd32(sc + SC32_CR2);
	out->fpstate = rd32(sc + SC32_FPSTATE);
	out->esp_at_signal = rd32(sc + SC32_ESP_AT_SIGNAL);
}

void sigscope_decode_rt_ia32(const uint8_t *buf, struct sigscope_frame *out)
{
	const uint8_t *si = buf + RT32_SIGINFO;

	out->has_ucontext = 1;
	out->pretcode = rd32(buf + RT32_PRETCODE);
	out->uc_flags = rd32(buf + RT32_UC_FLAGS);
	out->uc_link = rd32(buf + RT32_UC_LINK);
	out->ss_sp = rd32(buf + RT32_SS_SP);
	out->ss_flags = rd32(buf + RT32_SS_FLAGS);
	out->ss_size = rd32(buf + RT32_SS_SIZE);
	decode_regs(SIGSCOPE_FRAME_RT_IA32, buf, out);
	decode_sc32(buf + RT32_MCONTEXT, out);
	/* compat_sigset_t: word 0 holds signals 1..32, word 1 signals 33..64. */
	out->sigmask = rd32(buf + RT32_SIGMASK) | (uint64_t)rd32(buf + RT32_SIGMASK + 4) << 32;

	decode_siginfo(si, SI_UNION32, 0, out);
}

void sigscope_decode_sig_ia32(const uint8_t *buf, struct sigscope_frame *out)
{
	const uint8_t *sc = buf + SIG32_MCONTEXT;

	/* No ucontext and no siginfo: has_ucontext and info stay zero. */
	out->pretcode = rd32(buf + SIG32_PRETCODE);
	decode_regs(SIGSCOPE_FRAME_SIG_IA32, buf, out);
	decode_sc32(sc, out);
	/* The kernel rebuilds the mask from sc.oldmask (low word) and extramask[0] (high word). */
	out->sigmask = rd32(sc + SC32_OLDMASK) | (uint64_t)rd32(buf + SIG32_EXTRAMASK) << 32;
}
