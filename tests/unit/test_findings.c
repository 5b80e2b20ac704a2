/* Findings: the catalog, the finding and enforcement events that follow an rt_sigreturn in both
 * writers, and the verdict arg of the rt_sigreturn event itself. */
#include <gnu/libc-version.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "json_big.h"
#include "records.h"
#include "jsonq.h"
#include "decode/names.h"
#include "output/output.h"
#include "proc/proc_ctx.h"
#include "proc/symbols.h"
#include "rules/findings.h"
#include "shared/frame_layout.h"

#define EPOCH_OFF 1764387000000000000LL
/* Width of the columns before DETAILS for an ASCII comm: time, event, pid, tid, comm. */
#define DETAILS_COL (16 + 13 + 8 + 8 + 17)
#define EVENT_COL   16

/* Each finding alone: its severity, its evidence, and its table details (no process cache). */
static const struct {
	unsigned int finding;
	uint8_t sev;
	const char *evidence;
	const char *table;
	const char *roles; /* the members of the symbols arg (each "unknown": no process cache) */
	const char *table_syms;
} cases[] = {
    {SIGSCOPE_FINDING_FORGED_FRAME, SIGSCOPE_SEV_CRITICAL,
     "{\"ustack\": 2147291136, \"outstanding_deliveries\": 1, "
     "\"thread_predates_tracer\": false}",
     "ustack=0x7ffd1000 depth=1", "rip,call_site",
     " at rip=unknown@0x401500 call_site=unknown@0x7f0000001234"},
    {SIGSCOPE_FINDING_WRONG_CALL_SITE, SIGSCOPE_SEV_HIGH,
     "{\"call_site\": 139637976732212, \"check\": \"other\", "
     "\"delivered_restorer\": 139637976732208}",
     "call_site=0x7f0000001234 (other) restorer=0x7f0000001230",
     "rip,saved_rip,handler,call_site,restorer",
     " at rip=unknown@0x401500 saved_rip=unknown@0x401400 handler=unknown@0x401136 "
     "call_site=unknown@0x7f0000001234 restorer=unknown@0x7f0000001230"},
    {SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_HIGH,
     "{\"changed\": [\"rsp\", \"rip\"], \"saved\": {\"rip\": 4199424, \"rsp\": "
     "2147299072}, \"restored\": {\"rip\": 4199680, \"rsp\": 1431674880}, "
     "\"rip_class\": \"anon_exec\", \"rip_mapping\": \"\", \"pattern\": \"none\", "
     "\"explanation\": \"none\"}",
     "changed=[rsp,rip] rip=0x401400->0x401500 (anon_exec)", "rip,saved_rip,handler,call_site",
     " at rip=unknown@0x401500 saved_rip=unknown@0x401400 handler=unknown@0x401136 "
     "call_site=unknown@0x7f0000001234"},
    {SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH,
     "{\"rsp\": 1431674880, \"reference_rsp\": 2147299072, \"rsp_class\": "
     "\"writable\", \"rsp_mapping\": \"\", \"reference_mapping\": \"\"}",
     "rsp=0x5555a000 (writable) ref=0x7ffd2f00", "rip,saved_rip,handler,call_site",
     " at rip=unknown@0x401500 saved_rip=unknown@0x401400 handler=unknown@0x401136 "
     "call_site=unknown@0x7f0000001234"},
    {SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_HIGH,
     "{\"mismatch\": [\"rip\"], \"frame_read\": \"ok\"}", "mismatch=[rip] frame=ok",
     "rip,saved_rip,handler,call_site",
     " at rip=unknown@0x401600 saved_rip=unknown@0x401400 handler=unknown@0x401136 "
     "call_site=unknown@0x7f0000001234"},
    {SIGSCOPE_FINDING_ABI_SWITCH, SIGSCOPE_SEV_HIGH,
     "{\"abi\": \"x86_64\", \"entry_cs\": 51, \"restored_cs\": 35}", "abi=x86_64 cs=0x33->0x23",
     "rip,saved_rip,handler,call_site",
     " at rip=unknown@0x401500 saved_rip=unknown@0x401400 handler=unknown@0x401136 "
     "call_site=unknown@0x7f0000001234"},
    {SIGSCOPE_FINDING_PREEXISTING, SIGSCOPE_SEV_LOW,
     "{\"ustack\": 2147291136, \"restored_rsp\": 1431674880}", "ustack=0x7ffd1000 rsp=0x5555a000",
     "rip,call_site", " at rip=unknown@0x401500 call_site=unknown@0x7f0000001234"},
};

static struct output_ctx octx(uint32_t events, int threshold)
{
	struct output_ctx c = {.mono_to_epoch_ns = EPOCH_OFF,
			       .hostname = "testhost",
			       .events = events,
			       .enforce_threshold = threshold};

	return c;
}

/* Runs a writer on one sigreturn record (jsonq.h). */
static char *emit(unit_writer writer, const struct output_ctx *base,
		  const struct sigscope_sigreturn_event *ev, int *rc)
{
	return unit_emit(writer, base, ev, sizeof(*ev), rc);
}

/* Every JSON line the writer produced, parsed, in order; NULL when it failed or a line is bad. */
static json_t *emit_json(const struct output_ctx *base, const struct sigscope_sigreturn_event *ev)
{
	int rc = -1;
	char *out = emit(output_json_event, base, ev, &rc), *save = NULL;
	size_t n = out ? strlen(out) : 0;
	json_t *lines = json_array();

	if (!out || rc != 0 || (n && out[n - 1] != '\n')) {
		free(out);
		json_decref(lines);
		return NULL;
	}
	for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		json_t *j = unit_json_loads(l, JSON_REJECT_DUPLICATES, NULL);

		if (!j) {
			fprintf(stderr, "  not JSON: %s\n", l);
			json_decref(lines);
			free(out);
			return NULL;
		}
		json_array_append_new(lines, j);
	}
	free(out);
	return lines;
}

/* The table rows the writer produced, as an array of strings (without their newline). */
static json_t *emit_table(const struct output_ctx *base, const struct sigscope_sigreturn_event *ev)
{
	int rc = -1;
	char *out = emit(output_table_event, base, ev, &rc), *save = NULL;
	json_t *rows = json_array();

	if (!out || rc != 0) {
		free(out);
		json_decref(rows);
		return NULL;
	}
	for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		json_array_append_new(rows, json_string(l));
	free(out);
	return rows;
}

static const char *arg_type(const json_t *ev, const char *name)
{
	size_t i;
	json_t *a;

	json_array_foreach(json_object_get(ev, "args"), i, a)
	{
		if (strcmp(json_string_value(json_object_get(a, "name")), name) == 0)
			return json_string_value(json_object_get(a, "type"));
	}
	return NULL;
}

static const char *sval(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static json_int_t ival(const json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

/*
 * A finding's evidence: its args but detectedFrom, as one object (NULL when an arg's type is not
 * the one current Tracee decodes its value kind under: numbers as void*, uint64, uint32 or int32,
 * lists of strings as []string, objects as unknown).
 */
static json_t *evidence_of(const json_t *f)
{
	json_t *obj = json_object(), *a;
	size_t i;

	json_array_foreach(json_object_get(f, "args"), i, a)
	{
		const char *name = json_string_value(json_object_get(a, "name"));
		const char *type = json_string_value(json_object_get(a, "type"));
		json_t *v = json_object_get(a, "value");
		int ok;

		if (!name || !type || strcmp(name, "detectedFrom") == 0)
			continue;
		if (json_is_null(v))
			ok = 1;
		else if (json_is_integer(v) || unit_u64(v) != UNIT_U64_BAD)
			ok = json_is_integer(v) || json_is_string(v)
				 ? strcmp(type, "void*") == 0 || strcmp(type, "uint64") == 0 ||
				       strcmp(type, "uint32") == 0 || strcmp(type, "int32") == 0
				 : 0;
		else if (json_is_string(v))
			ok = strcmp(type, "const char*") == 0;
		else if (json_is_boolean(v))
			ok = strcmp(type, "bool") == 0;
		else if (json_is_array(v))
			ok = strcmp(type, "[]string") == 0;
		else
			ok = strcmp(type, "unknown") == 0;
		if (!ok) {
			fprintf(stderr, "  evidence %s: type %s does not fit its value\n", name,
				type);
			json_decref(obj);
			return NULL;
		}
		json_object_set(obj, name, v);
	}
	return obj;
}

/* obj equals the JSON text want, keys in the same order. */
static int json_is(const json_t *obj, const char *want)
{
	json_t *w = json_loads(want, 0, NULL);
	char a[512], b[512];
	int ok = w && json_equal((json_t *)obj, w) &&
		 strcmp(keys(obj, a, sizeof(a)), keys(w, b, sizeof(b))) == 0;

	if (!ok) {
		char *got = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);

		fprintf(stderr, "  got %s\n  want %s\n", got ? got : "(null)", want);
		free(got);
	}
	json_decref(w);
	return ok;
}

/*
 * A finding or enforcement event carries the context keys of its rt_sigreturn, in the same
 * order and with the same values, except its own id, name, args and returnValue 0.
 */
static int same_context(const json_t *sr, const json_t *ev)
{
	static const char *const own[] = {"eventId", "eventName", "argsNum", "returnValue", "args"};
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)sr, key, v)
	{
		int skip = 0;

		for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
			skip |= strcmp(key, own[i]) == 0;
		if (!skip && !json_equal(v, json_object_get(ev, key))) {
			fprintf(stderr, "  context key %s differs\n", key);
			return 0;
		}
	}
	return ival(ev, "returnValue") == 0 &&
	       (size_t)ival(ev, "argsNum") == json_array_size(json_object_get(ev, "args"));
}

TEST(findings_catalog)
{
	char want[64];

	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++) {
		const struct finding_info *f = finding_get(i);

		CHECK(f);
		snprintf(want, sizeof(want), "sigreturn_%s", finding_name(i));
		CHECK_STR(f->event_name, want);
		CHECK(f->event_id == 30101 + (int)i);
		snprintf(want, sizeof(want), "SIGSCOPE-%u", i + 1);
		CHECK_STR(f->signature_id, want);
		CHECK(f->description[0] && !strchr(f->description, '\n'));
		CHECK(f->signature_name[0]);
		CHECK_STR(f->category, "privilege-escalation");
		CHECK_STR(f->technique, "Exploitation for Privilege Escalation");
		CHECK_STR(f->external_id, "T1068");
		CHECK(finding_by_name(finding_name(i)) == (int)i);
	}
	CHECK_STR(finding_name(SIGSCOPE_FINDING_FORGED_FRAME), "forged_frame");
	CHECK_STR(finding_name(SIGSCOPE_FINDING_WRONG_CALL_SITE), "wrong_call_site");
	CHECK_STR(finding_name(SIGSCOPE_FINDING_TAMPERED), "tampered_context");
	CHECK_STR(finding_name(SIGSCOPE_FINDING_STACK_PIVOT), "stack_pivot");
	CHECK_STR(finding_name(SIGSCOPE_FINDING_TOCTOU), "toctou");
	CHECK_STR(finding_name(SIGSCOPE_FINDING_ABI_SWITCH), "abi_switch");
	CHECK_STR(finding_name(SIGSCOPE_FINDING_PREEXISTING), "preexisting_unmatched");
	CHECK(!finding_get(SIGSCOPE_FINDING_MAX));
	CHECK_STR(finding_name(SIGSCOPE_FINDING_MAX), "unknown");
	CHECK(finding_by_name("forged") == -1 && finding_by_name("") == -1);
	CHECK(finding_by_name("Stack_Pivot") == -1 && finding_by_name(NULL) == -1);
}

TEST(findings_name_tables)
{
	static const char *const sev[] = {"info", "low", "medium", "high", "critical"};
	static const char *const mem[] = {"unknown", "file_exec", "anon_exec", "vdso",
					  "stack",   "writable",  "readonly",  "unmapped"};
	static const char *const site[] = {"unknown", "delivered", "registered",
					   "vdso",    "other",	   "stub"};

	for (unsigned int i = 0; i < 5; i++)
		CHECK_STR(severity_name(i), sev[i]);
	CHECK_STR(severity_name(SIGSCOPE_SEV_NONE), "none");
	CHECK_STR(severity_name(5), "unknown");
	for (unsigned int i = 0; i < 8; i++)
		CHECK_STR(mem_class_name(i), mem[i]);
	CHECK_STR(mem_class_name(8), "unknown");
	for (unsigned int i = 0; i < 6; i++)
		CHECK_STR(call_site_check_name(i), site[i]);
	CHECK_STR(call_site_check_name(6), "unknown");
	CHECK_STR(mem_class_name(SIGSCOPE_MEM_UNMAPPED), "unmapped");
	CHECK_STR(call_site_check_name(SIGSCOPE_SITE_OTHER), "other");
}

/* Every finding alone: the rt_sigreturn line, then its event. */
TEST(findings_json_each)
{
	struct output_ctx ctx = octx(0, -1);

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct finding_info *fi = finding_get(cases[c].finding);
		struct sigscope_sigreturn_event ev;
		json_t *lines, *sr, *f, *trig, *md, *props, *vd, *ev_obj;
		char buf[1024], want[1100]; /* want: buf and a key */

		make_finding(&ev, cases[c].finding, cases[c].sev);
		lines = emit_json(&ctx, &ev);
		CHECK(lines);
		if (json_array_size(lines) != 2)
			fprintf(stderr, "  case %s\n", finding_name(cases[c].finding));
		CHECK(json_array_size(lines) == 2);
		sr = json_array_get(lines, 0);
		f = json_array_get(lines, 1);
		CHECK_STR(sval(sr, "eventName"), "rt_sigreturn");
		CHECK_STR(sval(f, "eventName"), fi->event_name);
		snprintf(want, sizeof(want), "%u", 30101 + cases[c].finding);
		CHECK_STR(sval(f, "eventId"), want);
		CHECK_STR(sval(f, "syscall"), "rt_sigreturn");
		snprintf(want, sizeof(want), "%s,metadata", keys(sr, buf, sizeof(buf)));
		CHECK_STR(keys(f, buf, sizeof(buf)), want);
		CHECK(same_context(sr, f));

		/* The verdict arg of the rt_sigreturn event names the finding. */
		vd = arg(sr, "verdict");
		CHECK_STR(arg_type(sr, "verdict"), "object");
		CHECK_STR(keys(vd, buf, sizeof(buf)),
			  "findings,allowed,maxSeverity,callSite,ripClass,rspClass,changed,pattern,"
			  "explanation,contended,enforced");
		CHECK_STR(names(json_object_get(vd, "findings"), buf, sizeof(buf)),
			  finding_name(cases[c].finding));
		CHECK(json_array_size(json_object_get(vd, "allowed")) == 0);
		CHECK(ival(vd, "maxSeverity") == cases[c].sev);
		CHECK_STR(sval(vd, "callSite"), cases[c].finding == SIGSCOPE_FINDING_WRONG_CALL_SITE
						    ? "other"
						    : "delivered");
		CHECK_STR(sval(vd, "ripClass"), "anon_exec");
		CHECK_STR(sval(vd, "rspClass"), "writable");
		CHECK_STR(names(json_object_get(vd, "changed"), buf, sizeof(buf)), "rsp,rip");
		CHECK(json_is_false(json_object_get(vd, "enforced")));

		/* Tracee's layout: one arg per evidence key, each typed as Tracee decodes it, then
		 * detectedFrom: the rt_sigreturn event, args and all. */
		ev_obj = evidence_of(f);
		CHECK(ev_obj);
		snprintf(want, sizeof(want), "%s,detectedFrom", keys(ev_obj, buf, sizeof(buf)));
		CHECK_STR(names(json_object_get(f, "args"), buf, sizeof(buf)), want);
		CHECK(!arg(f, "triggeredBy"));
		CHECK_STR(arg_type(f, "detectedFrom"), "unknown");
		trig = arg(f, "detectedFrom");
		CHECK_STR(keys(trig, buf, sizeof(buf)), "id,name,returnValue,args");
		CHECK(ival(trig, "id") == 15);
		CHECK_STR(sval(trig, "name"), "rt_sigreturn");
		CHECK(ival(trig, "returnValue") == ival(sr, "returnValue"));
		CHECK(ival(trig, "returnValue") == 7);
		CHECK(json_equal(json_object_get(trig, "args"), json_object_get(sr, "args")));

		/* The symbols arg: one member per address judged, each "unknown" without a
		 * process cache (test_symbols.c checks real ones). */
		CHECK_STR(keys(json_object_get(ev_obj, "symbols"), buf, sizeof(buf)),
			  cases[c].roles);
		CHECK_STR(keys(json_object_get(json_object_get(ev_obj, "symbols"), "rip"), buf,
			       sizeof(buf)),
			  "address,module,fileOffset,offset,symbol,symbolOffset,buildId,maps,text");
		CHECK_STR(sval(json_object_get(json_object_get(ev_obj, "symbols"), "call_site"),
			       "module"),
			  "unknown");
		CHECK(strncmp(
			  sval(json_object_get(json_object_get(ev_obj, "symbols"), "rip"), "text"),
			  "unknown@0x40", 12) == 0);
		json_object_del(ev_obj, "symbols");
		CHECK(json_is(ev_obj, cases[c].evidence));
		json_decref(ev_obj);

		md = json_object_get(f, "metadata");
		CHECK_STR(keys(md, buf, sizeof(buf)), "Version,Description,Tags,Properties");
		CHECK_STR(sval(md, "Version"), "1");
		CHECK_STR(sval(md, "Description"), fi->description);
		CHECK_STR(names(json_object_get(md, "Tags"), buf, sizeof(buf)), "signal,sigreturn");
		props = json_object_get(md, "Properties");
		CHECK_STR(keys(props, buf, sizeof(buf)),
			  "Severity,Category,Technique,Kubernetes_Technique,id,external_id,"
			  "signatureID,signatureName,enforced");
		CHECK_STR(sval(props, "id"),
			  "attack-pattern--b21c3b2d-02e6-45b1-980b-e69051040839");
		CHECK(ival(props, "Severity") == cases[c].sev);
		CHECK_STR(sval(props, "Category"), "privilege-escalation");
		CHECK_STR(sval(props, "Technique"), "Exploitation for Privilege Escalation");
		CHECK_STR(sval(props, "external_id"), "T1068");
		snprintf(want, sizeof(want), "SIGSCOPE-%u", cases[c].finding + 1);
		CHECK_STR(sval(props, "signatureID"), want);
		CHECK_STR(sval(props, "signatureName"), fi->signature_name);
		CHECK(json_is_false(json_object_get(props, "enforced")));
		json_decref(lines);
	}
}

/* Several findings, one allowed by policy, and a kill: findings in order, enforcement last. */
TEST(findings_json_several_enforced)
{
	struct output_ctx ctx = octx(0, SIGSCOPE_SEV_HIGH);
	struct sigscope_sigreturn_event ev;
	json_t *lines, *sr, *en, *vd;
	char buf[512];

	make_sr(&ev);
	ev.match_status = SIGSCOPE_MATCH_UNMATCHED;
	ev.flags |= SIGSCOPE_SR_MISMATCH;
	raise_finding(&ev, SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_LOW);
	raise_finding(&ev, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
	raise_finding(&ev, SIGSCOPE_FINDING_FORGED_FRAME, SIGSCOPE_SEV_CRITICAL);
	ev.verdict.allowed = 1u << SIGSCOPE_FINDING_TAMPERED;
	ev.verdict.severity[SIGSCOPE_FINDING_TAMPERED] = SIGSCOPE_SEV_HIGH;
	ev.verdict.enforced = 1;

	lines = emit_json(&ctx, &ev);
	CHECK(lines);
	CHECK(json_array_size(lines) == 5);
	sr = json_array_get(lines, 0);
	CHECK_STR(sval(sr, "eventName"), "rt_sigreturn");
	CHECK_STR(sval(json_array_get(lines, 1), "eventName"), "sigreturn_forged_frame");
	CHECK_STR(sval(json_array_get(lines, 2), "eventName"), "sigreturn_stack_pivot");
	CHECK_STR(sval(json_array_get(lines, 3), "eventName"), "sigreturn_toctou");
	for (size_t i = 1; i <= 3; i++) {
		json_t *f = json_array_get(lines, i);
		json_t *props = json_object_get(json_object_get(f, "metadata"), "Properties");

		CHECK(same_context(sr, f));
		CHECK(json_equal(json_object_get(arg(f, "detectedFrom"), "args"),
				 json_object_get(sr, "args")));
		CHECK(json_is_true(json_object_get(props, "enforced")));
	}
	CHECK(ival(json_object_get(json_object_get(json_array_get(lines, 3), "metadata"),
				   "Properties"),
		   "Severity") == SIGSCOPE_SEV_LOW);

	vd = arg(sr, "verdict");
	CHECK(json_is(vd, "{\"findings\": [\"forged_frame\", \"stack_pivot\", \"toctou\"], "
			  "\"allowed\": [\"tampered_context\"], \"maxSeverity\": 4, \"callSite\": "
			  "\"delivered\", \"ripClass\": \"anon_exec\", \"rspClass\": \"writable\", "
			  "\"changed\": [\"rsp\", \"rip\"], \"pattern\": \"none\", "
			  "\"explanation\": \"none\", \"contended\": false, "
			  "\"enforced\": true}"));

	en = json_array_get(lines, 4);
	CHECK_STR(sval(en, "eventId"), "30200");
	CHECK_STR(sval(en, "eventName"), "sigscope_enforcement");
	CHECK(same_context(sr, en));
	CHECK_STR(names(json_object_get(en, "args"), buf, sizeof(buf)),
		  "signal,findings,severity,threshold,ustack");
	CHECK_STR(arg_type(en, "signal"), "const char*");
	CHECK_STR(arg_type(en, "findings"), "[]string");
	CHECK_STR(arg_type(en, "severity"), "int32");
	CHECK_STR(arg_type(en, "threshold"), "int32");
	CHECK_STR(arg_type(en, "ustack"), "void*");
	CHECK_STR(json_string_value(arg(en, "signal")), "SIGKILL");
	/* Only the findings that reached the threshold made the kill. */
	CHECK_STR(names(arg(en, "findings"), buf, sizeof(buf)), "forged_frame,stack_pivot");
	CHECK(json_integer_value(arg(en, "severity")) == SIGSCOPE_SEV_CRITICAL);
	CHECK(json_integer_value(arg(en, "threshold")) == SIGSCOPE_SEV_HIGH);
	CHECK(json_integer_value(arg(en, "ustack")) == 0x7ffd1000);
	CHECK(!json_object_get(en, "metadata"));
	json_decref(lines);

	/* Threshold not known to the writer: null, and every finding is listed. */
	ctx = octx(0, -1);
	lines = emit_json(&ctx, &ev);
	CHECK(lines && json_array_size(lines) == 5);
	en = json_array_get(lines, 4);
	CHECK(json_is_null(arg(en, "threshold")));
	CHECK_STR(names(arg(en, "findings"), buf, sizeof(buf)), "forged_frame,stack_pivot,toctou");
	json_decref(lines);
}

TEST(findings_json_verdict_without_findings)
{
	struct output_ctx ctx = octx(0, -1);
	struct sigscope_sigreturn_event ev;
	json_t *lines;

	make_sr(&ev);
	lines = emit_json(&ctx, &ev);
	CHECK(lines && json_array_size(lines) == 1);
	CHECK(json_is(arg(json_array_get(lines, 0), "verdict"),
		      "{\"findings\": [], \"allowed\": [], \"maxSeverity\": null, \"callSite\": "
		      "\"delivered\", \"ripClass\": \"anon_exec\", \"rspClass\": \"writable\", "
		      "\"changed\": [\"rsp\", \"rip\"], \"pattern\": \"none\", \"explanation\": "
		      "\"none\", \"contended\": false, "
		      "\"enforced\": false}"));
	json_decref(lines);

	/* A verdict the kernel never filled (all zero): nothing is made up. */
	memset(&ev.verdict, 0, sizeof(ev.verdict));
	lines = emit_json(&ctx, &ev);
	CHECK(lines && json_array_size(lines) == 1);
	CHECK(json_is(arg(json_array_get(lines, 0), "verdict"),
		      "{\"findings\": [], \"allowed\": [], \"maxSeverity\": null, \"callSite\": "
		      "\"unknown\", \"ripClass\": \"unknown\", \"rspClass\": \"unknown\", "
		      "\"changed\": [], \"pattern\": \"none\", \"explanation\": \"none\", "
		      "\"contended\": false, \"enforced\": false}"));
	json_decref(lines);
}

/* rt_sigreturn not selected: its findings still come, carrying the whole event in detectedFrom. */
TEST(findings_json_events_mask)
{
	struct output_ctx ctx = octx(EVENT_BIT(SIGSCOPE_EV_SIGNAL_DELIVER), -1);
	struct sigscope_sigreturn_event ev;
	json_t *lines, *trig, *all;
	char *out;
	int rc = -1;

	make_finding(&ev, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
	lines = emit_json(&ctx, &ev);
	CHECK(lines && json_array_size(lines) == 1);
	CHECK_STR(sval(json_array_get(lines, 0), "eventName"), "sigreturn_stack_pivot");
	trig = arg(json_array_get(lines, 0), "detectedFrom");
	ctx = octx(EVENTS_ALL, -1);
	all = emit_json(&ctx, &ev);
	CHECK(all && json_array_size(all) == 2);
	CHECK(json_equal(json_object_get(trig, "args"),
			 json_object_get(json_array_get(all, 0), "args")));
	json_decref(lines);
	json_decref(all);

	/* Nothing to say about an unselected sigreturn without findings: no output, no error. */
	make_sr(&ev);
	ctx = octx(EVENT_BIT(SIGSCOPE_EV_SIGNAL_GENERATE), -1);
	out = emit(output_json_event, &ctx, &ev, &rc);
	CHECK(out && rc == 0 && out[0] == '\0');
	free(out);
	out = emit(output_table_event, &ctx, &ev, &rc);
	CHECK(out && rc == 0 && out[0] == '\0');
	free(out);
}

/* Mapping names come from /proc/PID/maps of the task: here, this test process. */
TEST(findings_json_mappings_of_self)
{
	struct output_ctx ctx = octx(0, -1);
	long page = sysconf(_SC_PAGESIZE);
	char *anon =
	    mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t libc_fn = (uint64_t)(uintptr_t)gnu_get_libc_version;
	struct sigscope_sigreturn_event ev;
	json_t *lines, *ev_tamper, *ev_pivot, *rows;
	const char *row;

	CHECK(anon != MAP_FAILED);
	struct stat exe;
	json_t *sym;

	ctx.procs = proc_cache_new();
	ctx.syms = sym_cache_new();
	CHECK(ctx.procs && ctx.syms);
	CHECK(stat("/proc/self/exe", &exe) == 0);
	make_sr(&ev);
	ev.hdr.ctx.host_pid = (uint32_t)getpid();
	/* The maps cache checks that the process still runs this executable. */
	ev.hdr.ctx.exe_ino = exe.st_ino;
	ev.applied[SIGSCOPE_REG_RIP] = libc_fn;
	ev.applied[SIGSCOPE_REG_RSP] = (uint64_t)(uintptr_t)anon;
	ev.verdict.rip_class = SIGSCOPE_MEM_FILE_EXEC;
	ev.verdict.rsp_ref = (uint64_t)(uintptr_t)__builtin_frame_address(0);
	raise_finding(&ev, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_LOW);
	raise_finding(&ev, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);

	lines = emit_json(&ctx, &ev);
	CHECK(lines && json_array_size(lines) == 3);
	ev_tamper = evidence_of(json_array_get(lines, 1));
	ev_pivot = evidence_of(json_array_get(lines, 2));
	CHECK_STR(sval(ev_tamper, "rip_class"), "file_exec");
	CHECK(sval(ev_tamper, "rip_mapping")[0] == '/');
	CHECK(strstr(sval(ev_tamper, "rip_mapping"), "libc"));
	CHECK_STR(sval(ev_pivot, "rsp_mapping"), "[anon]");
	CHECK_STR(sval(ev_pivot, "reference_mapping"), "[stack]");
	/* The restored rip is libc's gnu_get_libc_version: named, with libc's build-id. */
	sym = json_object_get(json_object_get(ev_tamper, "symbols"), "rip");
	CHECK(sym && strstr(sval(sym, "module"), "libc"));
	CHECK_STR(sval(sym, "symbol"), "gnu_get_libc_version");
	CHECK(ival(sym, "symbolOffset") == 0);
	CHECK(strlen(sval(sym, "buildId")) == 40);
	CHECK_STR(sval(sym, "maps"), "live");
	CHECK(strstr(sval(sym, "text"), "!gnu_get_libc_version+0x0"));
	json_decref(ev_tamper);
	json_decref(ev_pivot);
	json_decref(lines);

	rows = emit_table(&ctx, &ev);
	CHECK(rows && json_array_size(rows) == 3);
	row = json_string_value(json_array_get(rows, 1));
	CHECK(strstr(row, " (file_exec /") && strstr(row, "libc"));
	row = json_string_value(json_array_get(rows, 2));
	CHECK(strstr(row, " (writable [anon]) ref=0x"));
	json_decref(rows);
	munmap(anon, (size_t)page);
	proc_cache_free(ctx.procs);
	sym_cache_free(ctx.syms);
}

/* The EVENT column of a table row, trimmed. */
static const char *event_col(const char *row, char *out)
{
	size_t n = 0;

	memcpy(out, row + EVENT_COL, 12);
	while (n < 12 && out[n] != ' ')
		n++;
	out[n] = '\0';
	return out;
}

TEST(findings_table_each)
{
	struct output_ctx ctx = octx(0, -1);

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct sigscope_sigreturn_event ev;
		char want[256], col[13];
		json_t *rows;
		const char *row;

		make_finding(&ev, cases[c].finding, cases[c].sev);
		rows = emit_table(&ctx, &ev);
		CHECK(rows && json_array_size(rows) == 2);
		CHECK_STR(event_col(json_string_value(json_array_get(rows, 0)), col),
			  "rt_sigreturn");
		row = json_string_value(json_array_get(rows, 1));
		CHECK_STR(event_col(row, col), "finding");
		CHECK(strstr(row, " 4321    4322 victim "));
		snprintf(want, sizeof(want), "FINDING %-8s %-21s %s%s", severity_name(cases[c].sev),
			 finding_name(cases[c].finding), cases[c].table, cases[c].table_syms);
		CHECK(strlen(row) > DETAILS_COL);
		CHECK_STR(row + DETAILS_COL, want);
		json_decref(rows);
	}
}

/* The symbols of a matched record without a process cache, as the table writes them. */
#define SYMS_UNKNOWN                                                                               \
	" at rip=unknown@0x401500 saved_rip=unknown@0x401400 handler=unknown@0x401136 "            \
	"call_site=unknown@0x7f0000001234"

TEST(findings_table_several_enforced)
{
	struct output_ctx ctx = octx(0, SIGSCOPE_SEV_HIGH);
	struct sigscope_sigreturn_event ev;
	json_t *rows;
	char col[13];

	make_finding(&ev, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
	raise_finding(&ev, SIGSCOPE_FINDING_FORGED_FRAME, SIGSCOPE_SEV_CRITICAL);
	raise_finding(&ev, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_MEDIUM);
	ev.verdict.allowed = 1u << SIGSCOPE_FINDING_PREEXISTING;
	ev.verdict.enforced = 1;
	rows = emit_table(&ctx, &ev);
	CHECK(rows && json_array_size(rows) == 5);
	CHECK_STR(event_col(json_string_value(json_array_get(rows, 0)), col), "rt_sigreturn");
	CHECK(
	    strstr(json_string_value(json_array_get(rows, 0)), " allowed=[preexisting_unmatched]"));
	CHECK_STR(json_string_value(json_array_get(rows, 1)) + DETAILS_COL,
		  "FINDING critical forged_frame          ustack=0x7ffd1000 depth=1" SYMS_UNKNOWN);
	CHECK_STR(json_string_value(json_array_get(rows, 2)) + DETAILS_COL,
		  "FINDING medium   tampered_context      changed=[rsp,rip] "
		  "rip=0x401400->0x401500 (anon_exec)" SYMS_UNKNOWN);
	CHECK_STR(json_string_value(json_array_get(rows, 3)) + DETAILS_COL,
		  "FINDING high     stack_pivot           rsp=0x5555a000 (writable) "
		  "ref=0x7ffd2f00" SYMS_UNKNOWN);
	CHECK_STR(event_col(json_string_value(json_array_get(rows, 4)), col), "enforce");
	CHECK_STR(json_string_value(json_array_get(rows, 4)) + DETAILS_COL,
		  "KILLED SIGKILL (forged_frame,stack_pivot >= high)");
	json_decref(rows);

	ctx = octx(EVENT_BIT(SIGSCOPE_EV_SIGNAL_DELIVER), -1);
	rows = emit_table(&ctx, &ev);
	CHECK(rows && json_array_size(rows) == 4);
	CHECK_STR(event_col(json_string_value(json_array_get(rows, 0)), col), "finding");
	CHECK_STR(json_string_value(json_array_get(rows, 3)) + DETAILS_COL,
		  "KILLED SIGKILL (forged_frame,tampered_context,stack_pivot)");
	json_decref(rows);
}
