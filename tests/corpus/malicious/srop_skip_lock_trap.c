/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* srop_skip_lock_trap: srop_skip_trap with a `lock nop` guard (its header says why). */
#define TRAP_BYTES ".byte 0xf0, 0x90"
#define TRAP_NAME  "srop_skip_lock_trap"
#include "srop_skip_trap.c"
