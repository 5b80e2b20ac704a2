/* -o journal: one entry per event (fleet.h). The field mapping is pure; journal_out_send sends. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <jansson.h>
#ifndef SIGSCOPE_NO_JOURNAL
/* No CODE_FILE, CODE_LINE, CODE_FUNC of this file in every entry. */
#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-journal.h>
#endif

#include "fleet.h"
#include "syslog_out.h"

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

static json_t *arg_value(json_t *ev, const char *name)
{
	json_t *args = json_object_get(ev, "args"), *a;
	size_t i;

	json_array_foreach(args, i, a)
	{
		if (json_is_string(json_object_get(a, "name")) &&
		    strcmp(json_string_value(json_object_get(a, "name")), name) == 0)
			return json_object_get(a, "value");
	}
	return NULL;
}

/* "a,b" from a JSON array of strings; "" when none. */
static void join_names(json_t *arr, char *out, size_t cap)
{
	size_t i, o = 0;
	json_t *v;

	out[0] = '\0';
	json_array_foreach(arr, i, v)
	{
		int k;

		if (!json_is_string(v))
			continue;
		k = snprintf(out + o, cap - o, "%s%s", o ? "," : "", json_string_value(v));
		if (k < 0 || (size_t)k >= cap - o)
			break;
		o += (size_t)k;
	}
}

/* An integer field, whichever way the line was parsed (journal_entry_build). */
static int64_t int_of(const json_t *v)
{
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : (int64_t)json_number_value(v);
}

/*
 * The line parsed; where it holds an integer beyond int64 (a register at 2^63 or above, which an
 * attacker picks), jansson refuses it, so it is read again with every number as a double: the
 * fields taken here (pid, severity, timestamp) lose at most the timestamp's last 8 bits. The line
 * itself is sent as it is. Dropping it instead hid that finding from every fleet output.
 * (Issue 17 replaces this parse with the decoded event.)
 */
static json_t *parse_line(const char *json, size_t json_len)
{
	json_error_t jerr;
	json_t *ev = json_loadb(json, json_len, 0, &jerr);

	return ev ? ev : json_loadb(json, json_len, JSON_DECODE_INT_AS_REAL, &jerr);
}

int journal_entry_build(struct journal_entry *e, const char *json, size_t json_len,
			const char *table_line)
{
	json_t *ev = parse_line(json, json_len), *v;
	const char *name, *exe = "", *comm = "";
	char finding[256] = "";
	int enforcement;

	memset(e, 0, sizeof(*e));
	e->severity = -1;
	if (!json_is_object(ev) || !json_is_string(json_object_get(ev, "eventName"))) {
		json_decref(ev);
		return -1;
	}
	name = json_string_value(json_object_get(ev, "eventName"));
	snprintf(e->event, sizeof(e->event), "%s", name);
	e->pid = (int)int_of(json_object_get(ev, "hostProcessId"));
	e->ts_ns = int_of(json_object_get(ev, "timestamp"));
	if (json_is_string(json_object_get(json_object_get(ev, "executable"), "path")))
		exe = json_string_value(json_object_get(json_object_get(ev, "executable"), "path"));
	if (json_is_string(json_object_get(ev, "processName")))
		comm = json_string_value(json_object_get(ev, "processName"));
	enforcement = strcmp(name, "sigscope_enforcement") == 0;
	if (strncmp(name, "sigreturn_", 10) == 0) {
		e->is_finding = 1;
		snprintf(finding, sizeof(finding), "%s", name + 10);
		v = json_object_get(json_object_get(json_object_get(ev, "metadata"), "Properties"),
				    "Severity");
		if (json_is_number(v))
			e->severity = (int)int_of(v);
	} else if (enforcement) {
		e->is_finding = 1;
		join_names(arg_value(ev, "findings"), finding, sizeof(finding));
		v = arg_value(ev, "severity");
		if (json_is_number(v))
			e->severity = (int)int_of(v);
	} else if ((v = arg_value(ev, "verdict")) != NULL) {
		join_names(json_object_get(v, "findings"), finding, sizeof(finding));
		if (json_is_number(json_object_get(v, "maxSeverity")))
			e->severity = (int)int_of(json_object_get(v, "maxSeverity"));
	}
	if (table_line)
		add_field(e, "MESSAGE=%s", table_line);
	else
		add_field(e, "MESSAGE=%s pid %d %s", name, e->pid, comm);
	add_field(e, "PRIORITY=%d", journal_priority(e->severity, enforcement));
	add_field(e, "SYSLOG_IDENTIFIER=sigscope");
	add_field(e, "SIGSCOPE_EVENT=%s", name);
	if (finding[0])
		add_field(e, "SIGSCOPE_FINDING=%s", finding);
	if (e->severity >= 0)
		add_field(e, "SIGSCOPE_SEVERITY=%d", e->severity);
	add_field(e, "SIGSCOPE_PID=%d", e->pid);
	add_field(e, "SIGSCOPE_EXE=%s", exe);
	add_field(e, "SIGSCOPE_JSON=%.*s", (int)json_len, json);
	json_decref(ev);
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
