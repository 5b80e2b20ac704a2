/* Issue 9: the pure parts of the fleet outputs: output specs, RFC 5424 framing, journal fields,
 * the metrics text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "records.h"
#include "cli/options.h"
#include "decode/event.h"
#include "output/fleet.h"
#include "rules/findings.h"

TEST(fleet_spec_parse)
{
	struct output_spec s;
	char err[256];

	CHECK(output_spec_parse("journal", &s, err, sizeof(err)) == 0 && s.kind == OUTK_JOURNAL &&
	      s.filter == OUTF_ALL);
	CHECK(output_spec_parse("journal:findings", &s, err, sizeof(err)) == 0 &&
	      s.filter == OUTF_FINDINGS);
	CHECK(output_spec_parse("syslog://127.0.0.1:514", &s, err, sizeof(err)) == 0 &&
	      s.kind == OUTK_SYSLOG_TCP);
	CHECK_STR(s.host, "127.0.0.1");
	CHECK_STR(s.port, "514");
	CHECK(output_spec_parse("syslog://[::1]:6514:findings", &s, err, sizeof(err)) == 0 &&
	      s.filter == OUTF_FINDINGS);
	CHECK_STR(s.host, "::1");
	CHECK(output_spec_parse("syslog:///dev/log", &s, err, sizeof(err)) == 0 &&
	      s.kind == OUTK_SYSLOG_UNIX);
	CHECK_STR(s.path, "/dev/log");
	CHECK(output_spec_parse("kafka://k1:9092,k2:9092/sig.scope-1", &s, err, sizeof(err)) == 0);
	CHECK_STR(s.brokers, "k1:9092,k2:9092");
	CHECK_STR(s.topic, "sig.scope-1");
	CHECK(output_spec_parse("json", &s, err, sizeof(err)) == 0 && s.kind == OUTK_JSON);
	CHECK(output_spec_parse("json:findings", &s, err, sizeof(err)) != 0);
	CHECK(strstr(err, "filter applies") != NULL);
	CHECK(output_spec_parse("syslog://host", &s, err, sizeof(err)) != 0);
	CHECK(output_spec_parse("syslog://host:0", &s, err, sizeof(err)) != 0);
	CHECK(output_spec_parse("syslog://host:65536", &s, err, sizeof(err)) != 0);
	CHECK(output_spec_parse("kafka://k1:9092/", &s, err, sizeof(err)) != 0);
	CHECK(output_spec_parse("kafka://k1:9092/bad topic", &s, err, sizeof(err)) != 0);
	CHECK(output_spec_parse("kafka:///t", &s, err, sizeof(err)) != 0);
	CHECK(output_spec_parse("xml", &s, err, sizeof(err)) != 0);
	CHECK(strncmp(err, "sigscope: unknown output format 'xml'", 37) == 0);
	CHECK(strchr(err, '\n') == NULL);
}

TEST(fleet_options_outputs)
{
	struct sigscope_options o;
	char err[256];
	char *argv1[] = {"sigscope", "-o", "journal:findings", "-o", "kafka://b:1/t", NULL};
	char *argv2[] = {"sigscope", "-o", "journal", "-o", "table", NULL};
	char *argv3[] = {"sigscope", "--metrics", "/tmp/m.prom", "--metrics-interval", "0", NULL};

	CHECK(options_parse(5, argv1, &o, err, sizeof(err)) == 0);
	CHECK(o.noutputs == 2 && !options_stream_active(&o) && o.output == OUTPUT_AUTO);
	CHECK(options_parse(5, argv2, &o, err, sizeof(err)) == 0);
	CHECK(o.noutputs == 1 && options_stream_active(&o) && o.output == OUTPUT_TABLE);
	CHECK(options_parse(3, argv3, &o, err, sizeof(err)) == 0 && o.metrics_interval == 15);
	CHECK(options_parse(5, argv3, &o, err, sizeof(err)) != 0);
}

TEST(fleet_rfc5424_framing)
{
	char buf[512];
	const char *json = "{\"a\":1}";
	/* 2024-01-02T03:04:05.123456Z */
	int64_t ts = 1704164645123456789ll;
	int n = syslog_format_5424(buf, sizeof(buf), syslog_pri(3), ts, "web 1", 42, "rt_sigreturn",
				   json, strlen(json), 1);
	const char *want = "<27>1 2024-01-02T03:04:05.123456Z web1 sigscope 42 rt_sigreturn - "
			   "@cee:{\"a\":1}";
	char framed[512];

	snprintf(framed, sizeof(framed), "%zu %s", strlen(want), want);
	CHECK(n == (int)strlen(framed));
	CHECK_STR(buf, framed);
	n = syslog_format_5424(buf, sizeof(buf), syslog_pri(6), ts, "", 1, "", json, strlen(json),
			       0);
	CHECK_STR(buf, "<30>1 2024-01-02T03:04:05.123456Z - sigscope 1 - - @cee:{\"a\":1}");
	CHECK(syslog_format_5424(buf, 20, 30, ts, "h", 1, "m", json, strlen(json), 1) == -1);
	n = syslog_format_local(buf, sizeof(buf), syslog_pri(1), ts, 7, json, strlen(json));
	CHECK(n > 0);
	CHECK_STR(buf, "<25>Jan  2 03:04:05 sigscope[7]: @cee:{\"a\":1}");
}

static const char *field(const struct journal_entry *e, const char *key)
{
	size_t n = strlen(key);

	for (int i = 0; i < e->n; i++)
		if (strncmp(e->field[i], key, n) == 0 && e->field[i][n] == '=')
			return e->field[i] + n + 1;
	return NULL;
}

/* The JSON lines of one record, each described by the writer (output.h struct output_line). */
static int render_lines(struct sigscope_sigreturn_event *rec, int threshold,
			struct output_lines *lines)
{
	static struct sigscope_event ev;
	struct output_ctx c = {.mono_to_epoch_ns = 1000,
			       .hostname = "h",
			       .enforce_threshold = threshold,
			       .lines = lines};

	if (event_decode(rec, sizeof(*rec), NULL, &ev) != 0)
		return -1;
	return output_json_write(&c, &ev); /* c.out NULL: render only */
}

/* The lines a writer describes are where it wrote them, and say what they are: no line is parsed
 * back (issue 17). A tampered frame with a pivot and a kill: rt_sigreturn, two findings, the kill.
 */
TEST(fleet_lines_described)
{
	static struct sigscope_sigreturn_event rec;
	struct output_lines lines = {0};
	const struct output_line *l = lines.line;

	make_sr(&rec);
	raise_finding(&rec, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_LOW);
	raise_finding(&rec, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
	rec.verdict.enforced = 1;
	CHECK(render_lines(&rec, SIGSCOPE_SEV_HIGH, &lines) == 0);
	CHECK(lines.filled && !lines.v2 && lines.n == 4);
	CHECK_STR(l[0].event, "rt_sigreturn");
	CHECK(!l[0].is_finding && l[0].severity == SIGSCOPE_SEV_HIGH &&
	      l[0].findings ==
		  ((1u << SIGSCOPE_FINDING_TAMPERED) | (1u << SIGSCOPE_FINDING_STACK_PIVOT)));
	CHECK(l[1].is_finding && !l[1].is_enforcement && l[1].severity == SIGSCOPE_SEV_LOW &&
	      l[1].findings == 1u << SIGSCOPE_FINDING_TAMPERED);
	CHECK(l[2].severity == SIGSCOPE_SEV_HIGH);
	/* the kill lists the findings at the threshold or above */
	CHECK(l[3].is_finding && l[3].is_enforcement &&
	      l[3].findings == 1u << SIGSCOPE_FINDING_STACK_PIVOT);
	for (int i = 0; i < lines.n; i++) {
		char name[80];

		snprintf(name, sizeof(name), "\"eventName\":\"%s\"", l[i].event);
		CHECK(lines.buf[l[i].off] == '{' && lines.buf[l[i].off + l[i].len] == '\n');
		CHECK(memmem(lines.buf + l[i].off, l[i].len, name, strlen(name)) != NULL);
		CHECK(i == 0 || l[i].off == l[i - 1].off + l[i - 1].len + 1);
	}
}

/* A register at 2^63 or above (an attacker picks it) once hid the finding from every fleet output:
 * its line no longer goes through a parser. */
TEST(fleet_lines_large_register)
{
	static struct sigscope_sigreturn_event rec;
	struct output_lines lines = {0};

	make_sr(&rec);
	rec.applied[SIGSCOPE_REG_R15] = 0x8000000000005eedULL;
	raise_finding(&rec, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_HIGH);
	CHECK(render_lines(&rec, -1, &lines) == 0 && lines.n == 2);
	CHECK(lines.line[1].is_finding && lines.line[1].severity == SIGSCOPE_SEV_HIGH);
	CHECK(memmem(lines.buf, lines.line[1].off + lines.line[1].len, "9223372036854800109", 19) !=
	      NULL);
}

TEST(fleet_journal_fields)
{
	struct journal_entry e;
	const char *json = "{\"eventName\":\"sigreturn_stack_pivot\"}";
	struct output_line finding = {.len = strlen(json),
				      .event = "sigreturn_stack_pivot",
				      .findings = 1u << SIGSCOPE_FINDING_STACK_PIVOT,
				      .severity = SIGSCOPE_SEV_HIGH,
				      .is_finding = 1};
	struct output_line kill = {.len = 2,
				   .event = "sigscope_enforcement",
				   .findings = (1u << SIGSCOPE_FINDING_FORGED_FRAME) |
					       (1u << SIGSCOPE_FINDING_STACK_PIVOT),
				   .severity = SIGSCOPE_SEV_CRITICAL,
				   .is_finding = 1,
				   .is_enforcement = 1};
	struct output_line plain = {.len = 2, .event = "rt_sigreturn", .severity = -1};
	struct journal_source src = {.line = &finding,
				     .json = json,
				     .table_line = "TABLE LINE",
				     .pid = 99,
				     .ts_ns = 5,
				     .comm = "x",
				     .exe = "/bin/x"};

	CHECK(journal_entry_build(&e, &src) == 0);
	CHECK_STR(field(&e, "MESSAGE"), "TABLE LINE");
	CHECK_STR(field(&e, "PRIORITY"), "3");
	CHECK_STR(field(&e, "SYSLOG_IDENTIFIER"), "sigscope");
	CHECK_STR(field(&e, "SIGSCOPE_EVENT"), "sigreturn_stack_pivot");
	CHECK_STR(field(&e, "SIGSCOPE_FINDING"), "stack_pivot");
	CHECK_STR(field(&e, "SIGSCOPE_SEVERITY"), "3");
	CHECK_STR(field(&e, "SIGSCOPE_PID"), "99");
	CHECK_STR(field(&e, "SIGSCOPE_EXE"), "/bin/x");
	CHECK_STR(field(&e, "SIGSCOPE_JSON"), json);
	CHECK(e.is_finding && e.ts_ns == 5);
	journal_entry_free(&e);
	src.line = &kill;
	src.json = "{}";
	src.table_line = NULL;
	src.pid = 9;
	src.comm = "bad\xff\x01name";
	CHECK(journal_entry_build(&e, &src) == 0);
	CHECK_STR(field(&e, "PRIORITY"), "1");
	CHECK_STR(field(&e, "SIGSCOPE_FINDING"), "forged_frame,stack_pivot");
	CHECK_STR(field(&e, "MESSAGE"), "sigscope_enforcement pid 9 bad\xef\xbf\xbd\x01name");
	journal_entry_free(&e);
	src.line = &plain;
	CHECK(journal_entry_build(&e, &src) == 0);
	CHECK_STR(field(&e, "PRIORITY"), "6");
	CHECK(field(&e, "SIGSCOPE_FINDING") == NULL && field(&e, "SIGSCOPE_SEVERITY") == NULL);
	CHECK(!e.is_finding);
	journal_entry_free(&e);
	CHECK(journal_priority(4, 0) == 2 && journal_priority(2, 0) == 4 &&
	      journal_priority(1, 0) == 5 && journal_priority(0, 0) == 6 &&
	      journal_priority(-1, 0) == 6);
}

TEST(fleet_metrics_text)
{
	struct fleet_counters c = {0};
	uint64_t findings[SIGSCOPE_FINDING_MAX] = {0};
	struct fleet_output_stats outs[1] = {{"kafka", 10, 1, 2, 3, 4}};
	struct fleet_metrics m = {&c, findings, 1, outs, 1};
	char buf[16384];
	int n;

	c.events[SIGSCOPE_EV_RT_SIGRETURN] = 12;
	c.ring_lost[SIGSCOPE_EV_SIGNAL_DELIVER] = 3;
	c.killed = 1;
	c.skipped = 7;
	c.nprogs = 2;
	c.prog_name[0] = "sys_enter_sigreturn";
	c.prog_skipped[0] = 5;
	c.prog_name[1] = "sys_exit_sigreturn";
	c.prog_skipped[1] = 2;
	findings[0] = 2; /* forged_frame */
	n = metrics_format(&m, buf, sizeof(buf));
	CHECK(n > 0 && (size_t)n == strlen(buf));
	CHECK(strstr(buf, "# TYPE sigscope_events_total counter\n") != NULL);
	CHECK(strstr(buf, "sigscope_events_total{type=\"rt_sigreturn\"} 12\n") != NULL);
	CHECK(strstr(buf, "sigscope_lost_total{cause=\"ring_full\",type=\"signal_deliver\"} 3\n"));
	CHECK(strstr(buf, "sigscope_output_lost_total{output=\"kafka\",index=\"0\",cause=\"queue_"
			  "full\"} 2\n"));
	CHECK(strstr(buf, "sigscope_output_lost_total{output=\"kafka\",index=\"0\",cause=\"unflush"
			  "ed\"} 4\n"));
	CHECK(strstr(buf, "sigscope_kills_total 1\n") != NULL);
	CHECK(strstr(buf, "sigscope_lost_total{cause=\"skipped_by_kernel\",type=\"\"} 7\n"));
	CHECK(strstr(buf, "sigscope_skipped_total{program=\"sys_enter_sigreturn\"} 5\n"));
	CHECK(strstr(buf, "sigscope_skipped_total{program=\"sys_exit_sigreturn\"} 2\n"));
	CHECK(strstr(buf, "sigscope_findings_total{finding=\"forged_frame\"} 2\n") != NULL);
	CHECK(buf[n - 1] == '\n');
	CHECK(metrics_format(&m, buf, 100) == -1);
}

/* Issue 18: two outputs of one kind (the README's example has two syslogs) are two series, never
 * one series written twice. */
TEST(fleet_metrics_one_series_per_output)
{
	struct fleet_counters c = {0};
	struct fleet_output_stats outs[3] = {
	    {"syslog", 1, 0, 0, 0, 0}, {"syslog", 2, 0, 0, 0, 0}, {"kafka", 3, 0, 0, 0, 0}};
	struct fleet_metrics m = {&c, NULL, 0, outs, 3};
	char buf[16384], *save = NULL;
	char *seen[256];
	int n, nseen = 0, dup = 0;

	n = metrics_format(&m, buf, sizeof(buf));
	CHECK(n > 0);
	for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *sp = strrchr(l, ' ');

		if (l[0] == '#' || !sp || nseen >= 256)
			continue;
		*sp = '\0'; /* the series: name and labels */
		for (int i = 0; i < nseen; i++)
			dup += strcmp(seen[i], l) == 0;
		seen[nseen++] = l;
	}
	CHECK(nseen > 10 && dup == 0);
}
