/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* srop_fp_uffd_mxcsr: srop_fp_uffd_stall with MXCSR's rounding rewritten (its header says why). */
#define STALL_MXCSR 1
#define STALL_NAME  "srop_fp_uffd_mxcsr"
#include "srop_fp_uffd_stall.c"
