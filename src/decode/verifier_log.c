// SPDX-License-Identifier: GPL-2.0
/*
 * libbpf's log of a refused load, read as it streams by, one byte at a time, in fixed memory.
 * What libbpf 1.x prints when the verifier refuses a program (each line prefixed "libbpf: "):
 *
 *     prog 'NAME': BPF program load failed: Permission denied
 *     prog 'NAME': -- BEGIN PROG LOAD LOG --
 *     <the verifier's log: annotations "; code @ file:line", instructions "12: (61) r3 = ...",
 *      register states "12: R1=ctx()", branches "from 4 to 9: ...", messages, and at the end
 *      "processed N insns ...">
 *     -- END PROG LOAD LOG --
 *
 * The decisive line is the last message before the end: the verifier stops at its first error,
 * and what follows it is statistics. The kernel's lines are not always ended ("... may encode
 * error5: R1=ctx()" on 6.18): only whole-line shapes are relied upon.
 */
#include "verifier_log.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char end_marker[] = "-- END PROG LOAD LOG --";
#define END_LEN (sizeof(end_marker) - 1)
_Static_assert(sizeof(((struct verifier_log *)0)->tail) >= END_LEN, "tail holds the END marker");

void verifier_log_reset(struct verifier_log *v)
{
	memset(v, 0, sizeof(*v));
}

static void copy_cut(char *dst, size_t dstlen, const char *src, size_t n)
{
	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Lines of the verifier's log that say where it was or what it counted, not what went wrong. */
static int is_message(const char *s)
{
	static const char *const skip[] = {
	    "processed ",   "verification time",  "stack depth", "from ",   "func#",
	    "mark_precise", "last_idx",		  "regs=",	 "parent ", "Validating ",
	    "propagating ", "Live regs",	  "caller:",	 "callee:", "returning from",
	    "to caller at", "-- BEGIN PROG LOAD", "insn ",
	};
	const char *p = s;

	if (*s == '\0' || *s == ';' || isspace((unsigned char)*s))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (p != s && *p == ':') /* "12: (61) r3 = ..." or "12: R1=ctx()" */
		return 0;
	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strncmp(s, skip[i], strlen(skip[i])) == 0)
			return 0;
	return 1;
}

/* "; code @ file:line": file:line when the annotation carries it (6.4 on), else the code. */
static void take_annotation(struct verifier_log *v, const char *s)
{
	const char *at = NULL, *p = s;
	const char *code = s + 1;

	while ((p = strstr(p, " @ ")) != NULL)
		at = p++;
	if (at) {
		const char *loc = at + 3, *colon = strrchr(loc, ':');
		const char *q;

		for (q = colon ? colon + 1 : NULL; q && isdigit((unsigned char)*q); q++)
			;
		if (colon && colon > loc && q && *q == '\0' && q > colon + 1 && !strchr(loc, ' ')) {
			copy_cut(v->last_src, sizeof(v->last_src), loc, strlen(loc));
			return;
		}
	}
	while (*code == ' ')
		code++;
	copy_cut(v->last_src, sizeof(v->last_src), code, strlen(code));
}

static void log_line(struct verifier_log *v, const char *s)
{
	if (*s == ';') {
		take_annotation(v, s);
	} else if (is_message(s)) {
		copy_cut(v->reason, sizeof(v->reason), s, strlen(s));
		memcpy(v->source, v->last_src, sizeof(v->source));
	}
}

/* libbpf's own lines: "prog 'NAME': BPF program load failed: ..." and the BEGIN marker. */
static void libbpf_line(struct verifier_log *v, const char *s)
{
	const char *name, *q;
	int begin;

	if (strncmp(s, "libbpf: ", 8) == 0)
		s += 8;
	if (strncmp(s, "prog '", 6) != 0)
		return;
	name = s + 6;
	q = strchr(name, '\'');
	if (!q || q[1] != ':' || q[2] != ' ')
		return;
	begin = strncmp(q + 3, "-- BEGIN PROG LOAD LOG --", 25) == 0;
	if (!begin && strncmp(q + 3, "BPF program load failed", 23) != 0)
		return;
	/* A new refusal: whatever an earlier one said is not about this program. */
	copy_cut(v->prog, sizeof(v->prog), name, (size_t)(q - name));
	v->reason[0] = v->source[0] = v->last_src[0] = '\0';
	v->in_log = begin;
}

static void end_line(struct verifier_log *v)
{
	/* The END marker ends its line (libbpf prints "%s-- END PROG LOAD LOG --\n"): a log whose
	 * last line had no newline is glued to it, however long that line is. */
	int at_end = v->in_log && v->tlen == END_LEN && memcmp(v->tail, end_marker, END_LEN) == 0;

	if (at_end && !v->cut)
		v->len -= END_LEN;
	v->line[v->len] = '\0';
	if (v->in_log && !at_end && strncmp(v->line, "libbpf: ", 8) == 0)
		v->in_log = 0; /* libbpf's next line ends a log whose END marker never came */
	if (v->in_log)
		log_line(v, v->line);
	else
		libbpf_line(v, v->line);
	if (at_end)
		v->in_log = 0;
	v->len = 0;
	v->cut = 0;
	v->tlen = 0;
}

void verifier_log_feed(struct verifier_log *v, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = buf[i] == '\0' ? ' ' : buf[i];

		if (c == '\n') {
			end_line(v);
			continue;
		}
		if (v->len < sizeof(v->line) - 1)
			v->line[v->len++] = c;
		else
			v->cut = 1; /* the head is kept, the rest skipped */
		/* The line's last END_LEN bytes, for the END marker. */
		if (v->tlen == END_LEN) {
			memmove(v->tail, v->tail + 1, END_LEN - 1);
			v->tlen--;
		}
		v->tail[v->tlen++] = c;
	}
}

char *verifier_log_line(const struct verifier_log *v, const char *release, char *out, size_t outlen)
{
	if (!v->prog[0] || outlen == 0)
		return NULL;
	snprintf(out, outlen, "kernel %s refused %s%s%s%s%s%s", release, v->prog,
		 v->reason[0] ? ": " : "", v->reason, v->source[0] ? " (" : "", v->source,
		 v->source[0] ? ")" : "");
	return out;
}
