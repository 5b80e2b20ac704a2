/* SPDX-License-Identifier: GPL-2.0 */
/* The architecture's part of the kernel side, chosen by the target the Makefile builds for. */
#ifndef SIGSCOPE_ARCH_BPF_H
#define SIGSCOPE_ARCH_BPF_H

#if defined(__TARGET_ARCH_x86)
#include "arch/x86.bpf.h"
#else
#error "sigscope's kernel side has no file for this architecture (src/bpf/arch/)"
#endif

#endif
