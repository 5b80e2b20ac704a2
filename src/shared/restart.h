/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The syscall-restart fix-ups handle_signal() (arch/x86/kernel/signal.c) applies to the interrupted
 * registers right after trace_signal_deliver() and before the frame is written. Applying the same
 * rules to the registers seen at the tracepoint predicts exactly what the frame will hold.
 * Header-only so the BPF side and the unit tests run the same code.
 */
#ifndef SIGSCOPE_RESTART_H
#define SIGSCOPE_RESTART_H

#include "sigscope_event.h"

#define SIGSCOPE_ERESTARTSYS	       512
#define SIGSCOPE_ERESTARTNOINTR	       513
#define SIGSCOPE_ERESTARTNOHAND	       514
#define SIGSCOPE_ERESTART_RESTARTBLOCK 516
#define SIGSCOPE_EINTR		       4
#define SIGSCOPE_SA_RESTART	       0x10000000ULL

/*
 * ax, ip: the interrupted registers, updated in place. orig_ax: the syscall number, or -1 (in its
 * low 32 bits) when the task was not in a syscall. compat: the task is in a 32-bit syscall, whose
 * error the kernel reads sign-extended from the low 32 bits (syscall_get_error()). Returns
 * SIGSCOPE_DLV_* flags.
 */
static inline __u32 sigscope_apply_restart(__u64 *ax, __u64 *ip, __u64 orig_ax, __u64 sa_flags,
					   int compat)
{
	__s64 err;

	/* The kernel reads the syscall number as an int (syscall_get_nr(): only orig_ax's low 32
	 * bits count): rax 0xffffffff at `syscall` is no syscall to restart (red team round 44). */
	if ((__s32)orig_ax == -1)
		return 0;
	err = compat ? (__s64)(__s32)*ax : (__s64)*ax;
	switch (err) {
	case -SIGSCOPE_ERESTART_RESTARTBLOCK:
	case -SIGSCOPE_ERESTARTNOHAND:
		*ax = (__u64)(__s64)-SIGSCOPE_EINTR;
		return SIGSCOPE_DLV_IN_SYSCALL | SIGSCOPE_DLV_EINTR;
	case -SIGSCOPE_ERESTARTSYS:
		if (!(sa_flags & SIGSCOPE_SA_RESTART)) {
			*ax = (__u64)(__s64)-SIGSCOPE_EINTR;
			return SIGSCOPE_DLV_IN_SYSCALL | SIGSCOPE_DLV_EINTR;
		}
		/* fallthrough */
	case -SIGSCOPE_ERESTARTNOINTR:
		*ax = orig_ax;
		*ip -= 2; /* back onto the 2-byte syscall / int $0x80 instruction */
		return SIGSCOPE_DLV_IN_SYSCALL | SIGSCOPE_DLV_RESTARTED;
	default:
		return SIGSCOPE_DLV_IN_SYSCALL;
	}
}

#endif /* SIGSCOPE_RESTART_H */
