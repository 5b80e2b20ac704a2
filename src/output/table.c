/* Human-readable table: fixed-width columns first, free-form details last so they never shift. */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"
#include "../util/text.h"
#include "symref.h"
#include "../decode/event.h"
#include "../decode/frame.h"
#include "../decode/signals.h"
#include "../proc/proc_ctx.h"
#include "../rules/findings.h"
#include "../decode/names.h"

#define COMM_COLS 16
/* Cleaning never lengthens a string: each invalid byte or control character becomes one '?'. */
#define COMM_BUF (SIGSCOPE_COMM_LEN + 1)
/* At most: the rt_sigreturn line, one line per finding, the enforcement line. */
#define MAX_LINES (2 + SIGSCOPE_FINDING_MAX)

struct line {
	char buf[2048];
	size_t n;
};

static void add(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends to the line; an over-long line is cut, not overflowed. */
static void add(struct line *l, const char *fmt, ...)
{
	size_t room = sizeof(l->buf) - l->n;
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(l->buf + l->n, room, fmt, ap);
	va_end(ap);
	if (k > 0)
		l->n += (size_t)k < room ? (size_t)k : room - 1;
}

/*
 * Writes s (n bytes at most) into out for a terminal: control characters (C0, DEL, C1), bidi and
 * other format controls that reorder a row (text_is_format_control) and invalid UTF-8 become '?'.
 * Returns the width in code points, or -1 when out of memory.
 */
static int term_clean(const char *s, size_t n, char *out, size_t outsz)
{
	char *u = utf8_sanitize(s, n);
	size_t o = 0;
	int width = 0;

	if (!u)
		return -1;
	for (const unsigned char *p = (const unsigned char *)u; *p; width++) {
		/* After sanitizing, the lead byte tells the sequence length. */
		size_t k = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
		int bad = *p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] < 0xa0) ||
			  (k == 3 && memcmp(p, "\xef\xbf\xbd", 3) == 0) ||
			  text_format_control_len(p, k) != 0;

		if (o + (bad ? 1 : k) >= outsz)
			break;
		if (bad) {
			out[o++] = '?';
		} else {
			memcpy(out + o, p, k);
			o += k;
		}
		p += k;
	}
	out[o] = '\0';
	free(u);
	return width;
}

static void add_mask_name(int sig, void *arg)
{
	struct line *l = arg;
	char buf[32];

	add(l, "%s%s", l->buf[l->n - 1] == '[' ? "" : ",",
	    sigscope_signal_name(sig, buf, sizeof(buf)));
}

static void add_mask(struct line *l, uint64_t mask)
{
	add(l, " mask=[");
	sigscope_mask_for_each(mask, add_mask_name, l);
	add(l, "]");
}

static void add_rip_rsp(struct line *l, uint64_t rip, uint64_t rsp, int ia32)
{
	add(l, " %s=0x%llx %s=0x%llx", sigscope_reg_name(SIGSCOPE_REG_RIP, ia32),
	    (unsigned long long)rip, sigscope_reg_name(SIGSCOPE_REG_RSP, ia32),
	    (unsigned long long)rsp);
}

static void add_reg_names(struct line *l, uint32_t mask, int ia32)
{
	const char *sep = "";

	add(l, "[");
	for (int r = 0; r < SIGSCOPE_NREGS; r++) {
		const char *name = sigscope_reg_name(r, ia32);

		if ((mask & (1u << r)) && name) {
			add(l, "%s%s", sep, name);
			sep = ",";
		}
	}
	add(l, "]");
}

/* The registers, then what is not one: "+ds/es", "+fpstate", "+uc_stack" (sigscope_event.h). */
static void add_changed_names(struct line *l, uint32_t mask, int ia32)
{
	static const int extra[] = {SIGSCOPE_CHANGED_SEGMENTS_BIT, SIGSCOPE_CHANGED_FPSTATE_BIT,
				    SIGSCOPE_CHANGED_ALTSTACK_BIT};

	add_reg_names(l, mask, ia32);
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		if (mask & (1u << extra[i]))
			add(l, "+%s", sigscope_changed_name(extra[i], ia32));
}

static void add_finding_names(struct line *l, uint32_t mask, const struct sigscope_verdict *vd,
			      int threshold)
{
	const char *sep = "";

	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++) {
		if ((mask & (1u << i)) && (threshold < 0 || vd->severity[i] >= threshold)) {
			add(l, "%s%s", sep, finding_name(i));
			sep = ",";
		}
	}
}

static void sigreturn_details(struct line *l, const struct sigscope_event *de)
{
	const struct sigscope_sigreturn_event *ev = de->sr;
	const struct sigscope_frame *f = &de->frame;
	int applied = de->applied, frame_ok = de->frame_ok, ia32 = de->ia32;
	int have_frame = de->have_frame;
	char buf[32];

	add(l, "ustack=0x%llx", (unsigned long long)ev->ustack);
	/* rip/rsp as restored: seen at exit when possible, else as the frame holds them. */
	if (applied)
		add_rip_rsp(l, ev->applied[SIGSCOPE_REG_RIP], ev->applied[SIGSCOPE_REG_RSP], ia32);
	else if (have_frame)
		add_rip_rsp(l, f->regs[SIGSCOPE_REG_RIP], f->regs[SIGSCOPE_REG_RSP], ia32);
	if (have_frame)
		add_mask(l, f->sigmask);
	if (ev->abi != SIGSCOPE_ABI_X86_64)
		add(l, " %s", abi_name(ev->abi));
	if (ev->match_status == SIGSCOPE_MATCH_MATCHED)
		add(l, " matched %s (%s)", sigscope_signal_name(ev->delivery.sig, buf, sizeof(buf)),
		    match_method_name(ev->match_method) ? match_method_name(ev->match_method)
							: "?");
	else if (ev->match_status == SIGSCOPE_MATCH_THREAD_PREDATES)
		add(l, " predates-tracer");
	else
		add(l, " UNMATCHED");
	if (!frame_ok)
		add(l, " frame=FAULT");
	if (de->mismatch) {
		add(l, " mismatch=");
		add_changed_names(l, de->mismatch, ia32);
	}
	if (ev->verdict.allowed) {
		add(l, " allowed=[");
		add_finding_names(l, ev->verdict.allowed, &ev->verdict, -1);
		add(l, "]");
	}
}

/* " (class [mapping])": where addr points, as the kernel classed it and /proc names it now. */
static int add_where(struct line *l, const struct output_ctx *ctx,
		     const struct sigscope_task_ctx *tc, unsigned int mem_class, uint64_t addr,
		     int known)
{
	char name[PATH_MAX + 32], clean[PATH_MAX + 32];

	name[0] = '\0';
	if (ctx->procs && known)
		proc_mapping_name(ctx->procs, tc->host_pid, tc->exe_ino, addr, name, sizeof(name));
	if (term_clean(name, sizeof(name), clean, sizeof(clean)) < 0)
		return -1;
	add(l, " (%s%s%s)", mem_class_name(mem_class), clean[0] ? " " : "", clean);
	return 0;
}

static int finding_details(struct line *l, const struct output_ctx *ctx,
			   const struct sigscope_event *de, unsigned int finding)
{
	const struct sigscope_sigreturn_event *ev = de->sr;
	const struct sigscope_verdict *vd = de->verdict;
	int ia32 = de->ia32;
	const char *rip = sigscope_reg_name(SIGSCOPE_REG_RIP, ia32);
	const char *rsp = sigscope_reg_name(SIGSCOPE_REG_RSP, ia32);
	const uint64_t *regs = de->regs;
	int known = de->have_regs;

	add(l, "FINDING %-8s %-21s ", severity_name(vd->severity[finding]), finding_name(finding));
	switch (finding) {
	case SIGSCOPE_FINDING_FORGED_FRAME:
		add(l, "ustack=0x%llx depth=%u", (unsigned long long)ev->ustack, ev->depth);
		if ((ev->flags & SIGSCOPE_SR_PREDATES) ||
		    ev->match_status == SIGSCOPE_MATCH_THREAD_PREDATES)
			add(l, " predates-tracer");
		break;
	case SIGSCOPE_FINDING_WRONG_CALL_SITE:
		add(l, "call_site=0x%llx (%s)", (unsigned long long)ev->call_site,
		    call_site_check_name(vd->call_site));
		if (ev->match_status == SIGSCOPE_MATCH_MATCHED)
			add(l, " restorer=0x%llx", (unsigned long long)ev->delivery.restorer);
		break;
	case SIGSCOPE_FINDING_TAMPERED:
		add(l, "changed=");
		add_changed_names(l, vd->changed_mask, ia32);
		if (!known)
			break;
		add(l, " %s=0x%llx->0x%llx", rip,
		    (unsigned long long)ev->delivery.regs[SIGSCOPE_REG_RIP],
		    (unsigned long long)regs[SIGSCOPE_REG_RIP]);
		return add_where(l, ctx, de->tc, vd->rip_class, regs[SIGSCOPE_REG_RIP], known);
	case SIGSCOPE_FINDING_STACK_PIVOT:
		if (known)
			add(l, "%s=0x%llx", rsp, (unsigned long long)regs[SIGSCOPE_REG_RSP]);
		else
			add(l, "%s=?", rsp);
		if (add_where(l, ctx, de->tc, vd->rsp_class, regs[SIGSCOPE_REG_RSP], known) < 0)
			return -1;
		add(l, " ref=0x%llx", (unsigned long long)vd->rsp_ref);
		break;
	case SIGSCOPE_FINDING_TOCTOU:
		add(l, "mismatch=");
		add_changed_names(l, (ev->flags & SIGSCOPE_SR_MISMATCH) ? ev->mismatch_mask : 0,
				  ia32);
		add(l, " frame=%s", (ev->flags & SIGSCOPE_SR_FRAME_OK) ? "ok" : "FAULT");
		break;
	case SIGSCOPE_FINDING_ABI_SWITCH: {
		add(l, "abi=%s cs=0x%llx->", abi_name(ev->abi), (unsigned long long)ev->entry_cs);
		if (known)
			add(l, "0x%llx", (unsigned long long)regs[SIGSCOPE_REG_CS]);
		else
			add(l, "?");
		break;
	}
	default: /* SIGSCOPE_FINDING_PREEXISTING */
		add(l, "ustack=0x%llx", (unsigned long long)ev->ustack);
		if (known)
			add(l, " %s=0x%llx", rsp, (unsigned long long)regs[SIGSCOPE_REG_RSP]);
		break;
	}
	return 0;
}

static void enforce_details(struct line *l, const struct output_ctx *ctx,
			    const struct sigscope_sigreturn_event *ev)
{
	int threshold = ctx->enforce_threshold;

	if (threshold > SIGSCOPE_SEV_CRITICAL)
		threshold = -1;
	add(l, "KILLED SIGKILL (");
	add_finding_names(l, ev->verdict.findings, &ev->verdict, threshold);
	if (threshold >= 0)
		add(l, " >= %s", severity_name((unsigned int)threshold));
	add(l, ")");
}

static void deliver_details(struct line *l, const struct sigscope_signal_deliver_event *ev)
{
	const struct sigscope_delivery *d = &ev->dlv;
	char buf[32];

	add(l, "%s", sigscope_signal_name(d->sig, buf, sizeof(buf)));
	if (d->handler == 0)
		add(l, " default");
	else if (d->handler == 1)
		add(l, " ignored");
	else
		add(l, " handler=0x%llx", (unsigned long long)d->handler);
	add_rip_rsp(l, d->regs[SIGSCOPE_REG_RIP], d->regs[SIGSCOPE_REG_RSP],
		    (d->flags & SIGSCOPE_DLV_COMPAT) != 0);
	if (d->flags & SIGSCOPE_DLV_RESTARTED)
		add(l, " restarted");
	else if (d->flags & SIGSCOPE_DLV_EINTR)
		add(l, " eintr");
	if (d->flags & SIGSCOPE_DLV_ALTSTACK)
		add(l, " altstack");
	add(l, " depth=%u", ev->depth);
}

static int generate_details(struct line *l, const struct sigscope_signal_generate_event *ev)
{
	const char *result = signal_result_name(ev->result);
	char buf[32], comm[COMM_BUF];

	if (term_clean(ev->target_comm, sizeof(ev->target_comm), comm, sizeof(comm)) < 0)
		return -1;
	add(l, "%s -> %u/%u (%s) ", sigscope_signal_name(ev->sig, buf, sizeof(buf)), ev->target_pid,
	    ev->target_tid, comm);
	if (result)
		add(l, "%s", result);
	else
		add(l, "result=%d", ev->result);
	return 0;
}

void output_table_header(const struct output_ctx *ctx)
{
	fprintf(ctx->out, "%-15s %-12s %7s %7s %-*s %s\n", "TIME", "EVENT", "PID", "TID", COMM_COLS,
		"COMM", "DETAILS");
}

/* One row: the fixed-width columns of tc, then details. */
static int print_row(const struct output_ctx *ctx, const struct sigscope_task_ctx *tc,
		     const char *event, const char *comm, int width, const char *details)
{
	char hms[16] = "??:??:??";
	int64_t ns = (int64_t)tc->ts_ns + ctx->mono_to_epoch_ns;
	time_t sec = (time_t)(ns / 1000000000);
	struct tm tm;

	if (localtime_r(&sec, &tm))
		strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	/* Pad by code points, not bytes, so a UTF-8 comm keeps the details column aligned. */
	if (fprintf(ctx->out, "%s.%06lld %-12s %7u %7u %s%*s %s\n", hms,
		    (long long)(ns % 1000000000 / 1000), event, tc->host_pid, tc->host_tid, comm,
		    width < COMM_COLS ? COMM_COLS - width : 0, "", details) < 0)
		return -1;
	return 0;
}

/* " at rip=libc.so.6!execve+0x0 saved_rip=… handler=… call_site=…": the finding's addresses,
 * symbolized (symref.h), each text cleaned for a terminal (a path or a symbol may hold anything).
 */
static int add_symbols(struct line *l, const struct symref *r)
{
	char text[PATH_MAX + SYM_NAME_MAX + 64], clean[PATH_MAX + SYM_NAME_MAX + 64];
	const char *sep = " at ";

	for (unsigned int i = 0; i < SYMREF_ROLES; i++) {
		if (!(r->have & (1u << i)))
			continue;
		sym_text(&r->s[i], text, sizeof(text));
		if (term_clean(text, sizeof(text), clean, sizeof(clean)) < 0)
			return -1;
		add(l, "%s%s=%s", sep, symref_key(i), clean);
		sep = " ";
	}
	return 0;
}

/* The rt_sigreturn row (when selected), a row per finding, and the enforcement row. */
static int sigreturn_rows(const struct output_ctx *ctx, const struct sigscope_event *de,
			  struct line *lines, const char **events)
{
	const struct sigscope_sigreturn_event *ev = de->sr;
	static struct symref syms; /* one writer thread */
	int n = 0;

	if (ctx->events == 0 || (ctx->events & EVENT_BIT(SIGSCOPE_EV_RT_SIGRETURN))) {
		events[n] =
		    ev->syscall_nr == SIGSCOPE_NR_SIGRETURN_IA32 ? "sigreturn" : "rt_sigreturn";
		sigreturn_details(&lines[n++], de);
	}
	/* Symbolized once per record, and only for a record with findings. */
	if (ev->verdict.findings & ((1u << SIGSCOPE_FINDING_MAX) - 1))
		symref_fill(ctx, de, &syms);
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++) {
		if (!(ev->verdict.findings & (1u << i)))
			continue;
		events[n] = "finding";
		if (finding_details(&lines[n], ctx, de, i) < 0 || add_symbols(&lines[n], &syms) < 0)
			return -1;
		n++;
	}
	if (ev->verdict.enforced) {
		events[n] = "enforce";
		enforce_details(&lines[n++], ctx, ev);
	}
	return n;
}

int output_table_write(const struct output_ctx *ctx, struct sigscope_event *de)
{
	const struct sigscope_task_ctx *tc = de->tc;
	const char *events[MAX_LINES];
	struct line lines[MAX_LINES];
	char comm[COMM_BUF];
	int width, n = 1;

	for (int i = 0; i < MAX_LINES; i++) {
		lines[i].n = 0;
		lines[i].buf[0] = '\0';
	}
	switch (de->type) {
	case SIGSCOPE_EV_RT_SIGRETURN:
		n = sigreturn_rows(ctx, de, lines, events);
		if (n < 0)
			return -1;
		break;
	case SIGSCOPE_EV_SIGNAL_DELIVER:
		events[0] = "deliver";
		deliver_details(&lines[0], de->dlv);
		break;
	default:
		events[0] = "generate";
		if (generate_details(&lines[0], de->gen) < 0)
			return -1;
		break;
	}
	width = term_clean(tc->comm, sizeof(tc->comm), comm, sizeof(comm));
	if (width < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (print_row(ctx, tc, events[i], comm, width, lines[i].buf) < 0)
			return -1;
	return 0;
}
