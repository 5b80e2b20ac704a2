/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * srop_skip_xom (red team round 43): srop_skip_repaired with the table's page left PROT_EXEC
 * after its repair (an "execute-only" hardening intent). The VMA has no VM_READ, but an x86
 * page that may be executed may be read: the load would succeed if run again.
 *
 * Why: a skip after a memory fault is explained while the fault's cause stands; for a read,
 * that is while the page cannot be accessed at all (x86 without protection keys has no
 * execute-only or write-only pages).
 *
 * Expected from sigscope: tampered_context (high); killed under --enforce.
 */
#define SKIP_NAME	 "srop_skip_xom"
#define SKIP_REPAIR_PROT PROT_EXEC /* the repair, "execute-only" */
#include "srop_skip_repaired.c"
