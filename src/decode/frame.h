/* Frame decoders: raw bytes copied from ustack -> an ABI-neutral view of the saved context. */
#ifndef SIGSCOPE_DECODE_FRAME_H
#define SIGSCOPE_DECODE_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "../shared/sigscope_event.h"

struct sigscope_frame {
	enum sigscope_frame_kind kind;
	int has_ucontext; /* 0 for the ia32 legacy sigframe: no uc_flags/uc_link/uc_stack */
	uint64_t pretcode;
	uint64_t uc_flags;
	uint64_t uc_link;
	uint64_t ss_sp;
	uint32_t ss_flags;
	uint64_t ss_size;
	uint64_t regs[SIGSCOPE_NREGS]; /* enum sigscope_reg order; ia32 values zero-extended */
	uint16_t gs, fs, es, ds;       /* es/ds only in ia32 frames */
	uint64_t err, trapno, oldmask, cr2, fpstate;
	uint64_t esp_at_signal;	      /* ia32 only */
	uint64_t sigmask;	      /* bit (n-1) set: signal n blocked */
	struct sigscope_siginfo info; /* info.valid = 1 when the frame has a siginfo area */
};

/* Bytes a frame of this kind occupies (what the kernel reads); 0 for an unknown kind. */
size_t sigscope_frame_size(enum sigscope_frame_kind kind);

/*
 * Decode len bytes of a frame. Returns 0, or -1 when len is shorter than the frame or the
 * kind is unknown (out is then zeroed). Pure function of the bytes: no trust is implied.
 */
int sigscope_decode_frame(enum sigscope_frame_kind kind, const uint8_t *buf, size_t len,
			  struct sigscope_frame *out);

/* The register name for enum sigscope_reg in the frame's ABI ("rip" or "eip"); NULL if out of
 * range. */
const char *sigscope_reg_name(enum sigscope_reg reg, int ia32);
/* A bit of verdict.changed_mask: a register's name, or "uc_stack"; NULL for an unused bit. */
const char *sigscope_changed_name(int bit, int ia32);

#endif
