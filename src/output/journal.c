/* -o journal: one entry per event (fleet.h). The field mapping is pure; journal_out_send sends. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#ifndef SIGSCOPE_NO_JOURNAL
/* No CODE_FILE, CODE_LINE, CODE_FUNC of this file in every entry. */
#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-journal.h>
#endif

#include "fleet.h"
#include "syslog_out.h"
#include "../rules/findings.h"
#include "../util/text.h"

int journal_priority(int severity, int enforcement)
{
	if (enforcement)
		return 1; /* alert: a process was killed */
	switch (severity) {
	case SIGSCOPE_SEV_CRITICAL:
		return 2;
	case SIGSCOPE_SEV_HIGH:
		return 3;
	case SIGSCOPE_SEV_MEDIUM:
		return 4;
	case SIGSCOPE_SEV_LOW:
		return 5;
	default:
		return 6;
	}
}

static int add_field(struct journal_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int add_field(struct journal_entry *e, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	if (e->n == JOURNAL_FIELDS_MAX)
		return -1;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	e->field[e->n++] = s;
	return 0;
}

/* "a,b": the names of the findings in mask, in finding order; "" when none. */
static void finding_names(uint32_t mask, char *out, size_t cap)
{
	size_t o = 0;

	out[0] = '\0';
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++) {
		int k;

		if (!(mask & (1u << i)))
			continue;
		k = snprintf(out + o, cap - o, "%s%s", o ? "," : "", finding_name(i));
		if (k < 0 || (size_t)k >= cap - o)
			break;
		o += (size_t)k;
	}
}

int journal_entry_build(struct journal_entry *e, const struct journal_source *src)
{
	const struct output_line *l = src->line;
	char finding[256];
	char *comm = utf8_sanitize(src->comm ? src->comm : "", 16);
	char *exe = utf8_sanitize(src->exe ? src->exe : "", SIZE_MAX);
	int bad = !comm || !exe;

	memset(e, 0, sizeof(*e));
	e->severity = l->severity;
	e->is_finding = l->is_finding;
	e->pid = src->pid;
	e->ts_ns = src->ts_ns;
	snprintf(e->event, sizeof(e->event), "%s", l->event);
	finding_names(l->findings, finding, sizeof(finding));
	if (src->table_line)
		bad |= add_field(e, "MESSAGE=%s", src->table_line);
	else
		bad |= add_field(e, "MESSAGE=%s pid %d %s", l->event, e->pid, comm ? comm : "");
	bad |= add_field(e, "PRIORITY=%d", journal_priority(e->severity, l->is_enforcement));
	bad |= add_field(e, "SYSLOG_IDENTIFIER=sigscope");
	bad |= add_field(e, "SIGSCOPE_EVENT=%s", l->event);
	if (finding[0])
		bad |= add_field(e, "SIGSCOPE_FINDING=%s", finding);
	if (e->severity >= 0)
		bad |= add_field(e, "SIGSCOPE_SEVERITY=%d", e->severity);
	bad |= add_field(e, "SIGSCOPE_PID=%d", e->pid);
	bad |= add_field(e, "SIGSCOPE_EXE=%s", exe ? exe : "");
	bad |= add_field(e, "SIGSCOPE_JSON=%.*s", (int)l->len, src->json);
	free(comm);
	free(exe);
	if (bad) {
		journal_entry_free(e);
		return -1;
	}
	return 0;
}

void journal_entry_free(struct journal_entry *e)
{
	for (int i = 0; i < e->n; i++)
		free(e->field[i]);
	e->n = 0;
}

void journal_out_send(const struct journal_entry *e, struct fleet_output_stats *st)
{
	struct iovec iov[JOURNAL_FIELDS_MAX];

	for (int i = 0; i < e->n; i++) {
		iov[i].iov_base = e->field[i];
		iov[i].iov_len = strlen(e->field[i]);
	}
#ifdef SIGSCOPE_NO_JOURNAL
	(void)iov;
	st->lost_send++; /* not reached: multi.c refuses -o journal in such a build */
#else
	if (sd_journal_sendv(iov, e->n) == 0)
		st->sent++;
	else
		st->lost_send++;
#endif
}
