/*
 * JSON-lines writers (docs/events.md): one object per event, in one of two layouts.
 *  - json: Tracee's trace.Event, the input of `tracee analyze` and tracee-rules, with the argument
 *    type names current Tracee's trace.Argument decoder accepts;
 *  - tracee-v2: the v1beta1.Event layout current Tracee writes with `--output json`.
 * This file writes the envelopes (the context keys, a finding's metadata or threat) and the lines
 * of one record; json_args.c builds each event's args. The lines are written with the streaming
 * writer of jsonw.c, not jansson: see there why.
 */
#include <stdio.h>
#include <time.h>

#include "json_args.h"
#include "../rules/findings.h"

/* The MITRE ATT&CK STIX id Tracee's own signatures give T1068 in Properties.id. */
#define T1068_ATTACK_PATTERN "attack-pattern--b21c3b2d-02e6-45b1-980b-e69051040839"

/* trace.Event: the context keys, then args. */
static void event_open_v1(struct jsonw *w, const struct output_ctx *ctx, const struct ev_head *h,
			  const struct args *a)
{
	const struct sigscope_task_ctx *tc = h->tc;
	const char *exe_path = event_exe_path(h->de), *container_id = event_container_id(h->de);

	jsonw_begin_object(w);
	kv_int(w, "timestamp", epoch_ns(ctx, tc->ts_ns));
	kv_int(w, "threadStartTime", epoch_ns(ctx, tc->thread_start_ns));
	kv_int(w, "processorId", tc->cpu);
	kv_int(w, "processId", tc->ns_pid);
	kv_int(w, "threadId", tc->ns_tid);
	kv_int(w, "parentProcessId", tc->ns_ppid);
	kv_int(w, "hostProcessId", tc->host_pid);
	kv_int(w, "hostThreadId", tc->host_tid);
	kv_int(w, "hostParentProcessId", tc->host_ppid);
	kv_int(w, "userId", tc->uid);
	kv_int(w, "mountNamespace", tc->mnt_ns);
	kv_int(w, "pidNamespace", tc->pid_ns);
	JSONW_KEY(w, "processName");
	jsonw_string_n(w, tc->comm, sizeof(tc->comm));
	JSONW_KEY(w, "executable");
	jsonw_begin_object(w);
	kv_str(w, "path", exe_path);
	jsonw_end_object(w);
	kv_str(w, "hostName", ctx->hostname ? ctx->hostname : "");
	kv_int(w, "cgroupId", (int64_t)tc->cgroup_id);
	kv_str(w, "containerId", container_id);
	JSONW_KEY(w, "contextFlags");
	jsonw_begin_object(w);
	kv_bool(w, "containerStarted", 0);
	kv_bool(w, "isCompat", h->compat);
	jsonw_end_object(w);
	JSONW_KEY(w, "eventId");
	jsonw_int_string(w, h->id);
	kv_str(w, "eventName", h->name);
	kv_int(w, "argsNum", a->n);
	kv_int(w, "returnValue", h->retval);
	kv_str(w, "syscall", h->syscall);
	JSONW_KEY(w, "stackAddresses");
	jsonw_begin_array(w);
	jsonw_end_array(w);
	JSONW_KEY(w, "args");
	if (a->w.err)
		w->err = 1;
	else
		jsonw_raw(w, a->w.buf, a->w.len);
}

/* A time as Go's time.RFC3339Nano in UTC, as Tracee writes a protobuf Timestamp:
 * "2026-01-02T03:04:05.12345Z" (no trailing zeros, no fraction when whole). */
static void jtime(struct jsonw *w, int64_t ns)
{
	int64_t sec = ns / 1000000000, frac = ns % 1000000000;
	time_t t;
	struct tm tm;
	char buf[64];
	size_t n;

	if (frac < 0) {
		frac += 1000000000;
		sec--;
	}
	t = (time_t)sec;
	if (!gmtime_r(&t, &tm)) {
		jsonw_null(w);
		return;
	}
	n = strftime(buf, sizeof(buf) - 12, "%Y-%m-%dT%H:%M:%S", &tm);
	if (frac) {
		int len = snprintf(buf + n, 11, ".%09lld", (long long)frac);

		while (len > 1 && buf[n + (size_t)len - 1] == '0')
			len--;
		n += (size_t)len;
	}
	buf[n++] = 'Z';
	buf[n] = '\0';
	jsonw_string(w, buf);
}

/*
 * tracee-v2: current Tracee's v1beta1.Event as its JSON printer writes it (api/v1beta1/
 * event_json.go, pkg/events/conversion.go): timestamp, id, name, workload.process (executable,
 * host_pid, pid, real_user, thread, ancestors), workload.container when there is one, then data.
 */
static void event_open_v2(struct jsonw *w, const struct output_ctx *ctx, const struct ev_head *h,
			  const struct args *a)
{
	const struct sigscope_task_ctx *tc = h->tc;
	const char *exe_path = event_exe_path(h->de), *container_id = event_container_id(h->de);

	jsonw_begin_object(w);
	JSONW_KEY(w, "timestamp");
	jtime(w, epoch_ns(ctx, tc->ts_ns));
	kv_int(w, "id", h->pb_id);
	kv_str(w, "name", h->name);
	JSONW_KEY(w, "workload");
	jsonw_begin_object(w);
	JSONW_KEY(w, "process");
	jsonw_begin_object(w);
	if (exe_path[0]) {
		JSONW_KEY(w, "executable");
		jsonw_begin_object(w);
		kv_str(w, "path", exe_path);
		jsonw_end_object(w);
	}
	kv_int(w, "host_pid", tc->host_pid);
	kv_int(w, "pid", tc->ns_pid);
	JSONW_KEY(w, "real_user");
	jsonw_begin_object(w);
	kv_int(w, "id", tc->uid);
	jsonw_end_object(w);
	JSONW_KEY(w, "thread");
	jsonw_begin_object(w);
	if (tc->thread_start_ns) {
		JSONW_KEY(w, "start_time");
		jtime(w, epoch_ns(ctx, tc->thread_start_ns));
	}
	if (tc->comm[0]) {
		JSONW_KEY(w, "name");
		jsonw_string_n(w, tc->comm, sizeof(tc->comm));
	}
	kv_int(w, "host_tid", tc->host_tid);
	kv_int(w, "tid", tc->ns_tid);
	if (h->syscall[0])
		kv_str(w, "syscall", h->syscall);
	if (h->compat)
		kv_bool(w, "compat", 1);
	jsonw_end_object(w);
	JSONW_KEY(w, "ancestors");
	jsonw_begin_array(w);
	jsonw_begin_object(w);
	kv_int(w, "host_pid", tc->host_ppid);
	kv_int(w, "pid", tc->ns_ppid);
	jsonw_end_object(w);
	jsonw_end_array(w);
	jsonw_end_object(w);
	if (container_id[0]) {
		JSONW_KEY(w, "container");
		jsonw_begin_object(w);
		kv_str(w, "id", container_id);
		kv_str(w, "name", "");
		kv_bool(w, "started", 0);
		jsonw_end_object(w);
	}
	jsonw_end_object(w);
	if (a->n > 0) {
		JSONW_KEY(w, "data");
		if (a->w.err)
			w->err = 1;
		else
			jsonw_raw(w, a->w.buf, a->w.len);
	}
}

/* Opens the event object and writes it up to and including its args (data); event_close() ends
 * it. */
static void event_open(struct jsonw *w, const struct output_ctx *ctx, const struct ev_head *h,
		       const struct args *a)
{
	if (a->v2)
		event_open_v2(w, ctx, h, a);
	else
		event_open_v1(w, ctx, h, a);
}

/* Ends the event object and its line. */
static void event_close(struct jsonw *w)
{
	jsonw_end_object(w);
	jsonw_newline(w);
}

/* Events filtered in user space: rt_sigreturn records also arrive for their findings alone. */
static int event_selected(const struct output_ctx *ctx, uint32_t type)
{
	return ctx->events == 0 || (ctx->events & EVENT_BIT(type)) != 0;
}

/* Tracee's signature finding metadata (pkg/events/findings: getMetadataFromSignatureMetadata). */
static void jmetadata(struct jsonw *w, const struct finding_info *fi, unsigned int severity,
		      int enforced)
{
	jsonw_begin_object(w);
	kv_str(w, "Version", "1");
	kv_str(w, "Description", fi->description);
	JSONW_KEY(w, "Tags");
	jsonw_begin_array(w);
	jsonw_string(w, "signal");
	jsonw_string(w, "sigreturn");
	jsonw_end_array(w);
	JSONW_KEY(w, "Properties");
	jsonw_begin_object(w);
	kv_int(w, "Severity", severity);
	kv_str(w, "Category", fi->category);
	kv_str(w, "Technique", fi->technique);
	kv_str(w, "Kubernetes_Technique", "");
	kv_str(w, "id", T1068_ATTACK_PATTERN);
	kv_str(w, "external_id", fi->external_id);
	kv_str(w, "signatureID", fi->signature_id);
	kv_str(w, "signatureName", fi->signature_name);
	kv_bool(w, "enforced", enforced);
	jsonw_end_object(w);
	jsonw_end_object(w);
}

/*
 * The same as Tracee's v1beta1.Threat, made from those metadata as current Tracee does
 * (getThreat): Category is the tactic, external_id and Technique the technique, signatureName the
 * name; every other property becomes a string (fmt.Sprint) in properties.
 */
static void jthreat(struct jsonw *w, const struct finding_info *fi, unsigned int severity,
		    int enforced)
{
	jsonw_begin_object(w);
	kv_str(w, "description", fi->description);
	JSONW_KEY(w, "mitre");
	jsonw_begin_object(w);
	JSONW_KEY(w, "tactic");
	jsonw_begin_object(w);
	kv_str(w, "name", fi->category);
	jsonw_end_object(w);
	JSONW_KEY(w, "technique");
	jsonw_begin_object(w);
	kv_str(w, "id", fi->external_id);
	kv_str(w, "name", fi->technique);
	jsonw_end_object(w);
	jsonw_end_object(w);
	kv_int(w, "severity", severity);
	kv_str(w, "name", fi->signature_name);
	JSONW_KEY(w, "properties");
	jsonw_begin_object(w);
	kv_str(w, "Kubernetes_Technique", "");
	kv_str(w, "id", T1068_ATTACK_PATTERN);
	kv_str(w, "signatureID", fi->signature_id);
	kv_str(w, "enforced", enforced ? "true" : "false");
	jsonw_end_object(w);
	jsonw_end_object(w);
}

/* Describes the line event_close() just ended (ctx->lines): what the fleet routes it by, from
 * the decoded event, never from the text. */
enum line_kind { LINE_EVENT, LINE_FINDING, LINE_ENFORCEMENT };

static void note_line(const struct output_ctx *ctx, const struct jsonw *out, const char *event,
		      uint32_t findings, int severity, enum line_kind kind)
{
	struct output_lines *lines = ctx->lines;
	struct output_line *l;
	size_t start;

	if (!lines || lines->n >= OUTPUT_LINES_MAX || out->err || !out->len)
		return;
	l = &lines->line[lines->n];
	start = lines->n ? lines->line[lines->n - 1].off + lines->line[lines->n - 1].len + 1 : 0;
	l->off = start;
	l->len = out->len - 1 - start; /* without its newline */
	l->event = event;
	l->findings = findings;
	l->severity = severity;
	l->is_enforcement = kind == LINE_ENFORCEMENT;
	l->is_finding = kind != LINE_EVENT;
	lines->n++;
}

/* One finding's event line. sr: the rt_sigreturn's head; sr_args: its args, written again in
 * detectedFrom; a: room for this event's args. */
static void finding_event(struct jsonw *out, const struct output_ctx *ctx,
			  const struct sigscope_sigreturn_event *ev, const struct sigscope_event *v,
			  const struct ev_head *sr, const struct args *sr_args, struct args *a,
			  const struct symref *syms, unsigned int finding)
{
	const struct finding_info *fi = finding_get(finding);
	unsigned int severity = ev->verdict.severity[finding];
	struct ev_head h = *sr;

	h.id = h.pb_id = fi->event_id;
	h.name = fi->event_name;
	h.retval = 0;
	json_finding_args(a, ctx, ev, v, finding, syms, sr, sr_args);
	event_open(out, ctx, &h, a);
	if (a->v2) {
		JSONW_KEY(out, "threat");
		jthreat(out, fi, severity, ev->verdict.enforced);
		JSONW_KEY(out, "detected_from");
		json_detected_from(out, sr, sr_args);
	} else {
		JSONW_KEY(out, "metadata");
		jmetadata(out, fi, severity, ev->verdict.enforced);
	}
	event_close(out);
	note_line(ctx, out, fi->event_name, 1u << finding, (int)severity, LINE_FINDING);
}

/* The kill made at the hook; lists the findings that reached the threshold (all of them when the
 * threshold is not known). */
static void enforcement_event(struct jsonw *out, const struct output_ctx *ctx,
			      const struct sigscope_sigreturn_event *ev, const struct ev_head *sr,
			      struct args *a, int v2)
{
	struct ev_head h = *sr;
	uint32_t listed;

	h.id = h.pb_id = ENFORCEMENT_EVENT_ID;
	h.name = ENFORCEMENT_EVENT_NAME;
	h.retval = 0;
	json_args_begin(a, v2);
	listed = json_enforcement_args(a, ctx, ev);
	json_args_end(a);
	event_open(out, ctx, &h, a);
	event_close(out);
	note_line(ctx, out, ENFORCEMENT_EVENT_NAME, listed, ev->verdict.max_severity,
		  LINE_ENFORCEMENT);
}

/* The rt_sigreturn event (when selected), then one event per finding in finding order, then the
 * enforcement event. */
static void sigreturn_events(struct jsonw *out, const struct output_ctx *ctx,
			     struct sigscope_event *de, struct ev_head *h, struct args *sr_args,
			     struct args *a, int v2)
{
	const struct sigscope_sigreturn_event *ev = de->sr;
	int selected = event_selected(ctx, SIGSCOPE_EV_RT_SIGRETURN);
	static struct symref syms; /* one writer thread, as for the buffers of write_events() */

	if (!selected && !(ev->verdict.findings & ((1u << SIGSCOPE_FINDING_MAX) - 1)) &&
	    !ev->verdict.enforced)
		return; /* nothing of this record is wanted */
	json_args_begin(sr_args, v2);
	json_sigreturn_args(ctx, ev, de, h, sr_args);
	json_args_end(sr_args);
	if (selected) {
		uint32_t findings = ev->verdict.findings & ((1u << SIGSCOPE_FINDING_MAX) - 1);

		event_open(out, ctx, h, sr_args);
		event_close(out);
		note_line(ctx, out, h->name, findings,
			  findings && ev->verdict.max_severity <= SIGSCOPE_SEV_CRITICAL
			      ? ev->verdict.max_severity
			      : -1,
			  LINE_EVENT);
	}
	/* Symbolized once per record, and only for a record with findings. */
	if (ev->verdict.findings & ((1u << SIGSCOPE_FINDING_MAX) - 1))
		symref_fill(ctx, de, &syms);
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
		if (ev->verdict.findings & (1u << i))
			finding_event(out, ctx, ev, de, h, sr_args, a, &syms, i);
	if (ev->verdict.enforced)
		enforcement_event(out, ctx, ev, h, a, v2);
}

static int write_events(const struct output_ctx *ctx, struct sigscope_event *de, int v2)
{
	/* Reused from record to record: once warm, a record costs no allocation. sigscope writes
	 * its output from one thread. */
	static struct jsonw out;
	static struct args sr_args, args;
	struct ev_head h = {.de = de, .tc = de->tc, .syscall = ""};

	jsonw_reset(&out);
	if (ctx->lines) {
		ctx->lines->filled = 0;
		ctx->lines->n = 0;
	}
	switch (de->type) {
	case SIGSCOPE_EV_RT_SIGRETURN:
		sigreturn_events(&out, ctx, de, &h, &sr_args, &args, v2);
		break;
	case SIGSCOPE_EV_SIGNAL_DELIVER:
		json_args_begin(&args, v2);
		json_deliver_args(de->dlv, &h, &args);
		json_args_end(&args);
		event_open(&out, ctx, &h, &args);
		event_close(&out);
		note_line(ctx, &out, h.name, 0, -1, LINE_EVENT);
		break;
	default:
		json_args_begin(&args, v2);
		json_generate_args(de->gen, &h, &args);
		json_args_end(&args);
		event_open(&out, ctx, &h, &args);
		event_close(&out);
		note_line(ctx, &out, h.name, 0, -1, LINE_EVENT);
		break;
	}
	/* All lines or none, in one write: a record never leaves half its events behind. */
	if (out.err)
		return -1;
	if (ctx->out && out.len && fwrite(out.buf, 1, out.len, ctx->out) != out.len)
		return -1;
	if (ctx->lines) {
		ctx->lines->buf = out.buf;
		ctx->lines->v2 = v2;
		ctx->lines->filled = 1;
	}
	return 0;
}

int output_json_write(const struct output_ctx *ctx, struct sigscope_event *ev)
{
	return write_events(ctx, ev, 0);
}

int output_tracee_v2_write(const struct output_ctx *ctx, struct sigscope_event *ev)
{
	return write_events(ctx, ev, 1);
}
