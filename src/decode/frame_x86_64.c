/* struct rt_sigframe (x86_64) decoder; offsets from frame_layout.h, fields read with memcpy. */
#include <string.h>

#include "frame_abi.h"
#include "../shared/frame_layout.h"

/* The rest of the 64-bit struct sigcontext both x86_64 and x32 frames hold; the registers are
 * sigscope_frame_regs()'s, the kernel side's own reading. */
static void decode_sigcontext64(const uint8_t *sc, struct sigscope_frame *out)
{
	out->gs = rd16(sc + SC64_GS);
	out->fs = rd16(sc + SC64_FS);
	out->err = rd64(sc + SC64_ERR);
	out->trapno = rd64(sc + SC64_TRAPNO);
	out->oldmask = rd64(sc + SC64_OLDMASK);
	out->cr2 = rd64(sc + SC64_CR2);
	out->fpstate = rd64(sc + SC64_FPSTATE);
}

void sigscope_decode_rt64(const uint8_t *buf, struct sigscope_frame *out)
{
	const uint8_t *si = buf + RT64_SIGINFO;

	out->has_ucontext = 1;
	out->pretcode = rd64(buf + RT64_PRETCODE);
	out->uc_flags = rd64(buf + RT64_UC_FLAGS);
	out->uc_link = rd64(buf + RT64_UC_LINK);
	out->ss_sp = rd64(buf + RT64_SS_SP);
	out->ss_flags = rd32(buf + RT64_SS_FLAGS);
	out->ss_size = rd64(buf + RT64_SS_SIZE);
	decode_regs(SIGSCOPE_FRAME_RT64, buf, out);
	decode_sigcontext64(buf + RT64_MCONTEXT, out);
	out->sigmask = rd64(buf + RT64_SIGMASK);

	decode_siginfo(si, SI_UNION64, 1, out);
}

/* struct rt_sigframe_x32: 32-bit ucontext words and a compat siginfo around a 64-bit sigcontext. */
void sigscope_decode_rt_x32(const uint8_t *buf, struct sigscope_frame *out)
{
	const uint8_t *si = buf + RTX32_SIGINFO;

	out->has_ucontext = 1;
	out->pretcode = rd64(buf + RTX32_PRETCODE);
	out->uc_flags = rd32(buf + RTX32_UC_FLAGS);
	out->uc_link = rd32(buf + RTX32_UC_LINK);
	out->ss_sp = rd32(buf + RTX32_SS_SP);
	out->ss_flags = rd32(buf + RTX32_SS_FLAGS);
	out->ss_size = rd32(buf + RTX32_SS_SIZE);
	decode_regs(SIGSCOPE_FRAME_RT_X32, buf, out);
	decode_sigcontext64(buf + RTX32_MCONTEXT, out);
	out->sigmask = rd64(buf + RTX32_SIGMASK);

	decode_siginfo(si, SI_UNION32, 0, out);
}
