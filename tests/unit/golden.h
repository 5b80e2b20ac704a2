/*
 * The golden fixtures: records and writer contexts whose output in every format (json,
 * tracee-v2, table) is kept byte for byte in tests/unit/golden/NAME.{json,tracee-v2.json,table}.
 * test_golden.c checks them and `make golden` rewrites them; test_jsonw.c builds on them.
 */
#ifndef SIGSCOPE_UNIT_GOLDEN_H
#define SIGSCOPE_UNIT_GOLDEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "output/output.h"
#include "proc/proc_ctx.h"
#include "shared/sigscope_event.h"

#ifndef GOLDEN_DIR
#define GOLDEN_DIR "tests/unit/golden"
#endif

/* No process has this pid (pid_max is at most 2^22): /proc lookups fail, the fallback answers. */
#define GONE_PID 4000000000u

union rec {
	struct sigscope_sigreturn_event sr;
	struct sigscope_signal_deliver_event dl;
	struct sigscope_signal_generate_event gen;
};

/* Builds one record into r and sets what the case needs in the writer's context; returns the
 * record's length. */
typedef size_t (*make_fn)(union rec *r, struct output_ctx *c);

struct golden_case {
	const char *name;
	make_fn make;
};

extern const struct golden_case golden_cases[];
extern const size_t GOLDEN_CASES;

/* The writer's context every case starts from: a fixed epoch offset and host name. */
struct output_ctx golden_ctx(void);

/* make_finding() of records.h as a golden record. */
size_t golden_finding_rec(union rec *r, unsigned int finding, uint8_t sev);

/* A process cache for a gone process: executable exe from the fallback, no container, no maps. */
struct proc_cache *golden_gone_procs(const char *exe);

/* A whole file (caller frees), NULL when it cannot be read. */
char *golden_read(const char *path);

/* s as a C string literal to paste, cut into pieces after each line and every 80 bytes. */
void golden_print_literal(FILE *f, const char *s);

#endif
