/* Private to src/decode: the per-ABI decoders and the unaligned little-endian readers they share.
 */
#ifndef SIGSCOPE_DECODE_FRAME_ABI_H
#define SIGSCOPE_DECODE_FRAME_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "frame.h"
#include "../shared/frame_regs.h"
#include "../util/bytes.h"

/* buf holds a whole frame of the decoder's kind; out is zeroed by the caller. */
void sigscope_decode_rt64(const uint8_t *buf, struct sigscope_frame *out);
void sigscope_decode_rt_ia32(const uint8_t *buf, struct sigscope_frame *out);
void sigscope_decode_rt_x32(const uint8_t *buf, struct sigscope_frame *out);
void sigscope_decode_sig_ia32(const uint8_t *buf, struct sigscope_frame *out);

/* The registers of a frame of kind, as the kernel side reads them (shared/frame_regs.h). */
static inline void decode_regs(uint32_t kind, const uint8_t *buf, struct sigscope_frame *out)
{
	__u64 r[SIGSCOPE_NREGS];

	sigscope_frame_regs(kind, buf, r);
	for (int i = 0; i < SIGSCOPE_NREGS; i++)
		out->regs[i] = r[i];
}

/* The siginfo head and the union words sigscope reports (sender, or fault address); a compat
 * siginfo has a 32-bit address. */
static inline void decode_siginfo(const uint8_t *si, size_t union_off, int addr64,
				  struct sigscope_frame *out)
{
	out->info.signo = (int32_t)rd32(si);
	out->info.errno_ = (int32_t)rd32(si + 4);
	out->info.code = (int32_t)rd32(si + 8);
	out->info.pid = rd32(si + union_off);
	out->info.uid = rd32(si + union_off + 4);
	out->info.addr = addr64 ? rd64(si + union_off) : rd32(si + union_off);
	out->info.valid = 1;
}

#endif
