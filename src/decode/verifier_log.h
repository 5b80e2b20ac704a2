/*
 * When the kernel refuses a BPF program, libbpf's log holds the verifier's whole log (thousands of
 * lines, megabytes): this reduces it, as it streams by, to what one error line needs (README
 * "When the kernel refuses a program"): which program, the verifier's decisive line, and the BPF
 * source line it was at. Memory is fixed whatever the log holds: long lines are cut, nothing
 * is kept but the last candidates.
 */
#ifndef SIGSCOPE_DECODE_VERIFIER_LOG_H
#define SIGSCOPE_DECODE_VERIFIER_LOG_H

#include <stddef.h>

#define VLOG_LINE_MAX 512 /* a longer line is cut here (its rest is skipped) */

struct verifier_log {
	char prog[64];	  /* the refused program, "" when libbpf named none */
	char reason[200]; /* the verifier's decisive line: the last line of its log that is neither
			     an instruction, a register state, a source annotation nor statistics */
	char source[120]; /* the source line the verifier was at then: "file:line" from the
			     annotation "; code @ file:line" (6.4 on), else the annotated code */
	/* The scanner's state. */
	char line[VLOG_LINE_MAX];
	size_t len;
	int cut;       /* the line being read was longer than line[] */
	char tail[24]; /* its last bytes (the END marker's length), cut or not */
	size_t tlen;
	int in_log;	    /* between libbpf's BEGIN and END PROG LOAD LOG markers */
	char last_src[120]; /* the last annotation seen */
};

/* Forget everything: before each load. */
void verifier_log_reset(struct verifier_log *v);

/* n bytes of libbpf's log output (any split, any bytes). */
void verifier_log_feed(struct verifier_log *v, const char *buf, size_t n);

/*
 * "kernel REL refused PROG: REASON (SOURCE)" into out (always terminated; the parts left out when
 * unknown). Not escaped: the caller escapes it for its terminal. Returns out, or NULL when no
 * refused program was named (the load failed elsewhere: maps, BTF, memory).
 */
char *verifier_log_line(const struct verifier_log *v, const char *release, char *out,
			size_t outlen);

#endif
