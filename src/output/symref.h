/*
 * The addresses a finding judges, symbolized once per rt_sigreturn record that raised a finding
 * (never for any other record): restored and saved rip, handler, call site, and the restorer when
 * wrong_call_site judges it. Both writers (json.c, table.c) print them.
 */
#ifndef SIGSCOPE_OUTPUT_SYMREF_H
#define SIGSCOPE_OUTPUT_SYMREF_H

#include <stdint.h>

#include "output.h"
#include "../proc/symbols.h"

enum symref_role {
	SYMREF_RIP,	  /* restored rip (when the restored registers are known) */
	SYMREF_SAVED_RIP, /* rip the delivery interrupted (matched) */
	SYMREF_HANDLER,	  /* the handler that ran (matched) */
	SYMREF_CALL_SITE, /* the syscall instruction of the sigreturn */
	SYMREF_RESTORER,  /* the delivery's sa_restorer (matched, wrong_call_site) */
	SYMREF_ROLES,
};

struct symref {
	uint32_t have; /* bit per enum symref_role */
	struct sym_info s[SYMREF_ROLES];
};

/* The key of each role in the symbols object and the table: "rip", "saved_rip", ... */
const char *symref_key(unsigned int role);

struct sigscope_event;

/* Fills r for the record de (an rt_sigreturn). */
void symref_fill(const struct output_ctx *ctx, const struct sigscope_event *de, struct symref *r);

#endif
