/*
 * JSON-lines writers (docs/events.md): one object per event, in one of two layouts.
 *  - json: Tracee's trace.Event, the input of `tracee analyze` and tracee-rules, with the argument
 *    type names current Tracee's trace.Argument decoder accepts;
 *  - tracee-v2: the v1beta1.Event layout current Tracee writes with `--output json`.
 * The lines are written with the streaming writer of jsonw.c, not jansson: see there why.
 */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"
#include "jsonw.h"
#include "../util/text.h"
#include "symref.h"
#include "../decode/event.h"
#include "../decode/frame.h"
#include "../decode/signals.h"
#include "../shared/frame_layout.h"
#include "../proc/proc_ctx.h"
#include "../rules/findings.h"
#include "../decode/names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* sa_flags as the kernel stores them (x86 value), not the host's <signal.h>. */
#define KERNEL_SA_SIGINFO 0x4u

/* The event-specific part of the context keys. */
struct ev_head {
	struct sigscope_event *de; /* the decoded record: its context and enrichment */
	const struct sigscope_task_ctx *tc;
	int id;	   /* trace.Event eventId */
	int pb_id; /* tracee-v2 id: Tracee's protobuf EventId (rt_sigreturn is 16 there) */
	const char *name;
	const char *syscall;
	int compat;
	int64_t retval;
};

/* A member with a literal key, its text prebuilt: KV("rip", v). */
struct kv {
	const char *key; /* "\"rip\":" */
	size_t len;
	uint64_t val;
};

/* clang-format off */
#define KV(name, val) {"\"" name "\":", sizeof(name) + 2, (val)}
/* clang-format on */

/*
 * The args array of one event, written before the event itself: the event states their number
 * first (argsNum), and an rt_sigreturn's args appear again in each of its findings' events.
 */
struct args {
	struct jsonw w;
	int n;
	int v2;		  /* tracee-v2 layout: {"name", "<EventValue field>": value} */
	size_t strs_mark; /* where the open str_array's {"value":[ began (tracee-v2) */
};

/* Tracee's rt_sigreturn ids: the syscall number in trace.Event, the EventId enum in protobuf. */
#define RT_SIGRETURN_ID	   15
#define RT_SIGRETURN_PB_ID 16
/* The MITRE ATT&CK STIX id Tracee's own signatures give T1068 in Properties.id. */
#define T1068_ATTACK_PATTERN "attack-pattern--b21c3b2d-02e6-45b1-980b-e69051040839"

char *output_sanitize_utf8(const char *s, size_t n)
{
	const unsigned char *in = (const unsigned char *)s;
	size_t len = strnlen(s, n), o = 0;
	char *out = malloc(len * 3 + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t k = utf8_seq_len(in + i, len - i);

		if (k) {
			memcpy(out + o, in + i, k);
			o += k;
			i += k;
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		}
	}
	out[o] = '\0';
	return out;
}

/* CLOCK_MONOTONIC ns as epoch ns (two's complement wrap rather than overflow). */
static int64_t epoch_ns(const struct output_ctx *ctx, uint64_t mono_ns)
{
	return (int64_t)(mono_ns + (uint64_t)ctx->mono_to_epoch_ns);
}

/*
 * Object members and args: their keys, names and types are string literals, written with one
 * copy each (w and a are evaluated twice). Strings from outside sigscope are made valid UTF-8 by
 * jsonw_string.
 */
#define kv_str(w, key, val)  (JSONW_KEY(w, key), jsonw_string(w, val))
#define kv_int(w, key, val)  (JSONW_KEY(w, key), jsonw_int(w, val))
#define kv_u64(w, key, val)  (JSONW_KEY(w, key), jsonw_u64(w, val))
#define kv_bool(w, key, val) (JSONW_KEY(w, key), jsonw_bool(w, val))

/*
 * Argument kinds, each as two literals: the trace.Argument type name current Tracee decodes
 * (types/trace/trace.go UnmarshalJSON), and the v1beta1.EventValue field current Tracee's JSON
 * printer writes (api/v1beta1/event_json.go). docs/events.md lists them.
 */
#define K_I32	    "int32", "int32"
#define K_U32	    "uint32", "u_int32"
#define K_I64	    "int64", "int64"
#define K_U64	    "uint64", "u_int64"
#define K_PTR	    "void*", "pointer" /* current Tracee decodes a number typed "…*" as trace.Pointer */
#define K_STR	    "const char*", "str"
#define K_BOOL	    "bool", "bool"
#define K_STRS	    "[]string", "str_array"
#define K_BYTES	    "[]byte", "bytes"
#define K_OBJ(type) type, "struct"

/* Opens the arg {"name":..,"type":..,"value": (tracee-v2: {"name":..,"<field>":) and gives
 * where its value goes; arg_end() closes it. ARG_NULL: the same for a null value. */
#define ARG_HEAD(name, type)   "\"name\":\"" name "\",\"type\":\"" type "\",\"value\":"
#define ARG_HEAD2(name, field) "\"name\":\"" name "\",\"" field "\":"
#define ARG_(a, name, type, field)                                                                 \
	arg_open(a, ARG_HEAD(name, type), sizeof(ARG_HEAD(name, type)) - 1,                        \
		 ARG_HEAD2(name, field), sizeof(ARG_HEAD2(name, field)) - 1)
#define ARG(a, name, ...)		ARG_(a, name, __VA_ARGS__)
#define ARG_NULL_(a, name, type, field) (jsonw_null(ARG_(a, name, type, "value")), arg_end(a))
#define ARG_NULL(a, name, ...)		ARG_NULL_(a, name, __VA_ARGS__)

#define arg_str(a, name, val)	    (jsonw_string(ARG(a, name, K_STR), val), arg_end(a))
#define arg_int(a, name, kind, val) (jsonw_int(ARG(a, name, kind), val), arg_end(a))
#define arg_u64(a, name, kind, val) (jsonw_u64(ARG(a, name, kind), val), arg_end(a))
#define arg_bool(a, name, val)	    (jsonw_bool(ARG(a, name, K_BOOL), val), arg_end(a))

static void args_begin(struct args *a, int v2)
{
	jsonw_reset(&a->w);
	a->n = 0;
	a->v2 = v2;
	a->w.u64_strings = v2;
	jsonw_begin_array(&a->w);
}

static void args_end(struct args *a)
{
	jsonw_end_array(&a->w);
}

/* A signed 64-bit value: a number, or (tracee-v2, protobuf JSON's int64) a decimal string. */
static void j_i64(struct jsonw *w, int64_t v)
{
	char buf[24];

	if (!w->u64_strings) {
		jsonw_int(w, v);
		return;
	}
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	jsonw_string(w, buf);
}

static struct jsonw *arg_open(struct args *a, const char *head, size_t len, const char *head2,
			      size_t len2)
{
	a->n++;
	jsonw_begin_object(&a->w);
	if (a->v2)
		jsonw_raw_key(&a->w, head2, len2);
	else
		jsonw_raw_key(&a->w, head, len);
	return &a->w;
}

static void arg_end(struct args *a)
{
	jsonw_end_object(&a->w);
}

/*
 * A list of strings as an arg's value: an array; in tracee-v2 a StringArray, {"value":[…]}, or {}
 * when empty, as Tracee writes it. Write the strings between strs_begin() and strs_end().
 */
static struct jsonw *strs_begin(struct args *a)
{
	struct jsonw *w = &a->w;

	if (a->v2) {
		jsonw_begin_object(w);
		a->strs_mark = w->len;
		JSONW_KEY(w, "value");
	}
	jsonw_begin_array(w);
	return w;
}

static void strs_end(struct args *a)
{
	struct jsonw *w = &a->w;

	if (a->v2 && !w->err && w->len == a->strs_mark + sizeof("\"value\":[") - 1) {
		w->len = a->strs_mark; /* nothing in it: {} */
		w->comma = 0;
	} else {
		jsonw_end_array(w);
	}
	if (a->v2)
		jsonw_end_object(w);
	arg_end(a);
}

static void jsig(struct jsonw *w, int sig)
{
	char buf[32];

	jsonw_string(w, sigscope_signal_name(sig, buf, sizeof(buf)));
}

static void add_sig_name(int sig, void *w)
{
	jsig(w, sig);
}

/* A signal mask as an arg: the names of its signals. */
static void arg_mask(struct args *a, struct jsonw *w, uint64_t mask)
{
	(void)w; /* opened by ARG() */
	strs_begin(a);
	sigscope_mask_for_each(mask, add_sig_name, &a->w);
	strs_end(a);
}

static void jsiginfo(struct jsonw *w, const struct sigscope_siginfo *si)
{
	const char *code = sigscope_si_code_name(si->signo, si->code);

	jsonw_begin_object(w);
	JSONW_KEY(w, "si_signo");
	jsig(w, si->signo);
	kv_int(w, "si_errno", si->errno_);
	JSONW_KEY(w, "si_code");
	if (code)
		jsonw_string(w, code);
	else
		jsonw_int(w, si->code);
	/* The union holds a sender for user-sent signals and SIGCHLD, an address for faults. */
	if (si->code <= 0 || si->signo == SIGCHLD) {
		kv_int(w, "si_pid", si->pid);
		kv_int(w, "si_uid", si->uid);
	} else if (si->signo == SIGSEGV || si->signo == SIGBUS || si->signo == SIGILL ||
		   si->signo == SIGFPE || si->signo == SIGTRAP) {
		kv_u64(w, "si_addr", si->addr);
	}
	jsonw_end_object(w);
}

static void jkv_u64(struct jsonw *w, const struct kv *kv, size_t n)
{
	jsonw_begin_object(w);
	for (size_t i = 0; i < n; i++) {
		jsonw_raw_key(w, kv[i].key, kv[i].len);
		jsonw_u64(w, kv[i].val);
	}
	jsonw_end_object(w);
}

/* A register file in enum sigscope_reg order; ia32 has no r8..r15 (their names are NULL). */
static void jregs(struct jsonw *w, const __u64 *regs, int ia32)
{
	jsonw_begin_object(w);
	for (int r = 0; r < SIGSCOPE_NREGS; r++) {
		const char *name = sigscope_reg_name(r, ia32);

		if (name) {
			jsonw_key(w, name);
			jsonw_u64(w, regs[r]);
		}
	}
	jsonw_end_object(w);
}

/* The names of the registers in mask, as strings (no brackets). */
static void reg_names(struct jsonw *w, uint32_t mask, int ia32)
{
	for (int r = 0; r < SIGSCOPE_NREGS; r++) {
		const char *name = sigscope_reg_name(r, ia32);

		if ((mask & (1u << r)) && name)
			jsonw_string(w, name);
	}
}

static void jreg_names(struct jsonw *w, uint32_t mask, int ia32)
{
	jsonw_begin_array(w);
	reg_names(w, mask, ia32);
	jsonw_end_array(w);
}

#define arg_reg_names(a, name, mask, ia32)                                                         \
	(ARG(a, name, K_STRS), reg_names(strs_begin(a), mask, ia32), strs_end(a))

/* The verdict's changed_mask: the registers, then "uc_stack" (SIGSCOPE_CHANGED_ALTSTACK). */
static void changed_names(struct jsonw *w, uint32_t mask, int ia32)
{
	reg_names(w, mask, ia32);
	if (mask & SIGSCOPE_CHANGED_ALTSTACK)
		jsonw_string(w, sigscope_changed_name(SIGSCOPE_CHANGED_ALTSTACK_BIT, ia32));
}

/* Two key lists of one shape, kept apart on purpose: struct sigcontext orders its members
 * differently on x86_64 and ia32, and the output follows each struct. */
static void jmcontext(struct jsonw *w, const struct sigscope_frame *f)
{
	const uint64_t *r = f->regs;

	if (f->kind == SIGSCOPE_FRAME_RT64) {
		const struct kv kv[] = {
		    KV("r8", r[SIGSCOPE_REG_R8]),
		    KV("r9", r[SIGSCOPE_REG_R9]),
		    KV("r10", r[SIGSCOPE_REG_R10]),
		    KV("r11", r[SIGSCOPE_REG_R11]),
		    KV("r12", r[SIGSCOPE_REG_R12]),
		    KV("r13", r[SIGSCOPE_REG_R13]),
		    KV("r14", r[SIGSCOPE_REG_R14]),
		    KV("r15", r[SIGSCOPE_REG_R15]),
		    KV("rdi", r[SIGSCOPE_REG_RDI]),
		    KV("rsi", r[SIGSCOPE_REG_RSI]),
		    KV("rbp", r[SIGSCOPE_REG_RBP]),
		    KV("rbx", r[SIGSCOPE_REG_RBX]),
		    KV("rdx", r[SIGSCOPE_REG_RDX]),
		    KV("rax", r[SIGSCOPE_REG_RAX]),
		    KV("rcx", r[SIGSCOPE_REG_RCX]),
		    KV("rsp", r[SIGSCOPE_REG_RSP]),
		    KV("rip", r[SIGSCOPE_REG_RIP]),
		    KV("eflags", r[SIGSCOPE_REG_EFLAGS]),
		    KV("cs", r[SIGSCOPE_REG_CS]),
		    KV("gs", f->gs),
		    KV("fs", f->fs),
		    KV("ss", r[SIGSCOPE_REG_SS]),
		    KV("err", f->err),
		    KV("trapno", f->trapno),
		    KV("oldmask", f->oldmask),
		    KV("cr2", f->cr2),
		    KV("fpstate", f->fpstate),
		};

		jkv_u64(w, kv, ARRAY_SIZE(kv));
		return;
	}
	const struct kv kv[] = {
	    KV("gs", f->gs),
	    KV("fs", f->fs),
	    KV("es", f->es),
	    KV("ds", f->ds),
	    KV("edi", r[SIGSCOPE_REG_RDI]),
	    KV("esi", r[SIGSCOPE_REG_RSI]),
	    KV("ebp", r[SIGSCOPE_REG_RBP]),
	    KV("esp", r[SIGSCOPE_REG_RSP]),
	    KV("ebx", r[SIGSCOPE_REG_RBX]),
	    KV("edx", r[SIGSCOPE_REG_RDX]),
	    KV("ecx", r[SIGSCOPE_REG_RCX]),
	    KV("eax", r[SIGSCOPE_REG_RAX]),
	    KV("trapno", f->trapno),
	    KV("err", f->err),
	    KV("eip", r[SIGSCOPE_REG_RIP]),
	    KV("cs", r[SIGSCOPE_REG_CS]),
	    KV("eflags", r[SIGSCOPE_REG_EFLAGS]),
	    KV("esp_at_signal", f->esp_at_signal),
	    KV("ss", r[SIGSCOPE_REG_SS]),
	    KV("fpstate", f->fpstate),
	    KV("oldmask", f->oldmask),
	    KV("cr2", f->cr2),
	};

	jkv_u64(w, kv, ARRAY_SIZE(kv));
}

static const char *or_unknown(const char *name)
{
	return name ? name : "unknown";
}

/* "changed": the decode step's pairing_changed (src/decode/event.h says how it differs from the
 * kernel's verdict.changed_mask). */
static void jpairing(struct jsonw *w, const struct output_ctx *ctx,
		     const struct sigscope_sigreturn_event *ev, uint32_t changed)
{
	const struct sigscope_delivery *d = &ev->delivery;
	int matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;
	int ia32 = SIGSCOPE_ABI_IS_IA32(ev->abi);

	jsonw_begin_object(w);
	kv_str(w, "status", or_unknown(match_status_name(ev->match_status)));
	kv_str(w, "method", or_unknown(match_method_name(ev->match_method)));
	if (matched) {
		JSONW_KEY(w, "signal");
		jsig(w, d->sig);
		kv_int(w, "deliverySeq", d->seq);
		kv_int(w, "deliveryTimestamp", epoch_ns(ctx, d->ts_ns));
		kv_u64(w, "handler", d->handler);
		kv_u64(w, "restorer", d->restorer);
	}
	kv_int(w, "depth", ev->depth);
	kv_int(w, "abandoned", ev->abandoned);
	if (matched) {
		JSONW_KEY(w, "changed");
		jreg_names(w, changed, ia32);
	}
	jsonw_end_object(w);
}

/* The doc's rule: SA_SIGINFO of the paired delivery, else a plausible si_signo; never legacy. */
static int frame_has_siginfo(const struct sigscope_sigreturn_event *ev,
			     const struct sigscope_frame *f)
{
	if (f->kind == SIGSCOPE_FRAME_SIG_IA32)
		return 0;
	if (ev->match_status == SIGSCOPE_MATCH_MATCHED)
		return (ev->delivery.sa_flags & KERNEL_SA_SIGINFO) != 0;
	return f->info.signo >= 1 && f->info.signo <= 64;
}

static void frame_args(const struct sigscope_sigreturn_event *ev, const struct sigscope_frame *f,
		       struct args *a)
{
	struct jsonw *w;

	if (f->has_ucontext) {
		char ss_flags[64];

		arg_u64(a, "uc_flags", K_U64, f->uc_flags);
		arg_u64(a, "uc_link", K_PTR, f->uc_link);
		w = ARG(a, "uc_stack", K_OBJ("stack_t"));
		jsonw_begin_object(w);
		kv_u64(w, "ss_sp", f->ss_sp);
		kv_str(w, "ss_flags",
		       sigscope_ss_flags_str(f->ss_flags, ss_flags, sizeof(ss_flags)));
		kv_int(w, "ss_size", (int64_t)f->ss_size);
		jsonw_end_object(w);
		arg_end(a);
	}
	jmcontext(ARG(a, "uc_mcontext", K_OBJ("struct sigcontext")), f);
	arg_end(a);
	arg_mask(a, ARG(a, "uc_sigmask", K_STRS), f->sigmask);
	if (frame_has_siginfo(ev, f)) {
		jsiginfo(ARG(a, "siginfo", K_OBJ("siginfo_t")), &f->info);
		arg_end(a);
	}
}

static void jfinding_names(struct jsonw *w, uint32_t mask)
{
	jsonw_begin_array(w);
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
		if (mask & (1u << i))
			jsonw_string(w, finding_name(i));
	jsonw_end_array(w);
}

/* The kernel's verdict (src/bpf/rules.bpf.h) as the rt_sigreturn event's last arg. */
static void jverdict(struct jsonw *w, const struct sigscope_verdict *vd, int ia32)
{
	int any = (vd->findings & ((1u << SIGSCOPE_FINDING_MAX) - 1)) != 0;

	jsonw_begin_object(w);
	JSONW_KEY(w, "findings");
	jfinding_names(w, vd->findings);
	JSONW_KEY(w, "allowed");
	jfinding_names(w, vd->allowed);
	JSONW_KEY(w, "maxSeverity");
	if (any && vd->max_severity <= SIGSCOPE_SEV_CRITICAL)
		jsonw_int(w, vd->max_severity);
	else
		jsonw_null(w);
	kv_str(w, "callSite", call_site_check_name(vd->call_site));
	kv_str(w, "ripClass", mem_class_name(vd->rip_class));
	kv_str(w, "rspClass", mem_class_name(vd->rsp_class));
	JSONW_KEY(w, "changed");
	jsonw_begin_array(w);
	changed_names(w, vd->changed_mask, ia32);
	jsonw_end_array(w);
	kv_str(w, "pattern", pattern_name(vd->pattern));
	kv_str(w, "explanation", explanation_name(vd->explanation));
	kv_bool(w, "contended", vd->contended);
	kv_bool(w, "enforced", vd->enforced);
	jsonw_end_object(w);
}

static void sigreturn_args(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev,
			   const struct sigscope_event *v, struct ev_head *h, struct args *a)
{
	int frame_ok = v->frame_ok, applied = v->applied, ia32 = v->ia32;
	int have_frame = v->have_frame;
	uint32_t mismatch = v->mismatch;
	const char *authority = applied ? "restored" : have_frame ? "frame" : "none";

	h->id = RT_SIGRETURN_ID;
	h->pb_id = RT_SIGRETURN_PB_ID;
	h->name = "rt_sigreturn";
	h->syscall = ev->syscall_nr == SIGSCOPE_NR_SIGRETURN_IA32 ? "sigreturn" : "rt_sigreturn";
	h->compat = ia32;
	h->retval = applied ? ev->retval : 0;

	arg_u64(a, "ustack", K_PTR, ev->ustack);
	arg_str(a, "abi", abi_name(ev->abi));
	arg_u64(a, "call_site", K_PTR, ev->call_site);
	arg_str(a, "frame_read", frame_ok ? "ok" : "fault");
	arg_str(a, "authority", authority);
	/* Only when the kernel skipped one of the two programs (docs/kernels.md). */
	if (ev->flags & SIGSCOPE_SR_ENTRY_MISSED)
		arg_str(a, "skipped_by_kernel", "entry");
	else if (ev->flags & SIGSCOPE_SR_EXIT_MISSED)
		arg_str(a, "skipped_by_kernel", "exit");
	if (have_frame)
		frame_args(ev, &v->frame, a);
	if (applied) {
		jregs(ARG(a, "restored", K_OBJ("struct pt_regs")), ev->applied, ia32);
		arg_end(a);
	}
	arg_reg_names(a, "mismatch", mismatch, ia32);
	jpairing(ARG(a, "pairing", K_OBJ("object")), ctx, ev, v->pairing_changed);
	arg_end(a);
	/* stack_len is the requested length (--stack-bytes), set even when the read failed. */
	if (ev->stack_len > 0) {
		size_t n = ev->stack_len < sizeof(ev->stack) ? ev->stack_len : sizeof(ev->stack);
		struct jsonw *w = ARG(a, "stack_bytes", K_BYTES);

		if (ev->flags & SIGSCOPE_SR_STACK_OK)
			jsonw_base64(w, ev->stack, n);
		else
			jsonw_string(w, "");
		arg_end(a);
	}
	jverdict(ARG(a, "verdict", K_OBJ("object")), &ev->verdict, ia32);
	arg_end(a);
	/* Current Tracee makes a syscall's return value an argument of its own (int64, last). */
	if (a->v2) {
		j_i64(ARG(a, "returnValue", K_I64), h->retval);
		arg_end(a);
	}
}

static const char *restart_name(uint32_t flags)
{
	if (flags & SIGSCOPE_DLV_RESTARTED)
		return "restarted";
	if (flags & SIGSCOPE_DLV_EINTR)
		return "eintr";
	return "none";
}

static void deliver_args(const struct sigscope_signal_deliver_event *ev, struct ev_head *h,
			 struct args *a)
{
	const struct sigscope_delivery *d = &ev->dlv;
	char sa_flags[256];

	h->id = h->pb_id = SIGNAL_DELIVER_EVENT_ID;
	h->name = "signal_deliver";
	h->compat = (d->flags & SIGSCOPE_DLV_COMPAT) != 0;

	arg_int(a, "sig", K_I32, d->sig);
	jsig(ARG(a, "signal", K_STR), d->sig);
	arg_end(a);
	if (ev->info.valid) {
		jsiginfo(ARG(a, "siginfo", K_OBJ("siginfo_t")), &ev->info);
		arg_end(a);
	}
	arg_u64(a, "handler", K_PTR, d->handler);
	arg_str(a, "sa_flags", sigscope_sa_flags_str(d->sa_flags, sa_flags, sizeof(sa_flags)));
	arg_u64(a, "sa_restorer", K_PTR, d->restorer);
	arg_mask(a, ARG(a, "sa_mask", K_STRS), d->sa_mask);
	arg_mask(a, ARG(a, "blocked", K_STRS), d->blocked);
	jregs(ARG(a, "regs", K_OBJ("struct pt_regs")), d->regs, h->compat);
	arg_end(a);
	arg_str(a, "restart", restart_name(d->flags));
	arg_bool(a, "altstack", d->flags & SIGSCOPE_DLV_ALTSTACK);
	arg_bool(a, "handled", d->flags & SIGSCOPE_DLV_HANDLER);
	if (d->flags & SIGSCOPE_DLV_HANDLER)
		arg_u64(a, "frame", K_PTR, d->frame); /* where its sigreturn must find it */
	arg_int(a, "deliverySeq", K_U32, d->seq);
	arg_int(a, "depth", K_U32, ev->depth);
}

static void jresult(struct jsonw *w, int32_t result)
{
	const char *name = signal_result_name(result);
	char buf[16];

	if (name) {
		jsonw_string(w, name);
		return;
	}
	snprintf(buf, sizeof(buf), "%d", result);
	jsonw_string(w, buf);
}

static void generate_args(const struct sigscope_signal_generate_event *ev, struct ev_head *h,
			  struct args *a)
{
	const char *code = sigscope_si_code_name(ev->sig, ev->code);

	h->id = h->pb_id = SIGNAL_GENERATE_EVENT_ID;
	h->name = "signal_generate";

	arg_int(a, "sig", K_I32, ev->sig);
	jsig(ARG(a, "signal", K_STR), ev->sig);
	arg_end(a);
	if (code)
		arg_str(a, "si_code", code);
	else
		arg_int(a, "si_code", K_I32, ev->code);
	arg_int(a, "target_pid", K_I32, ev->target_pid);
	arg_int(a, "target_tid", K_I32, ev->target_tid);
	jsonw_string_n(ARG(a, "target_comm", K_STR), ev->target_comm, sizeof(ev->target_comm));
	arg_end(a);
	arg_bool(a, "group", ev->group);
	jresult(ARG(a, "result", K_STR), ev->result);
	arg_end(a);
}

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
	{
		char id[16];

		snprintf(id, sizeof(id), "%d", h->id);
		jsonw_string(w, id);
	}
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

/* The /proc/PID/maps name of addr's mapping in the task, "" without a process cache. */
static void jmapping(struct jsonw *w, const struct output_ctx *ctx,
		     const struct sigscope_task_ctx *tc, uint64_t addr)
{
	char buf[PATH_MAX + 32];

	if (!ctx->procs) {
		jsonw_string(w, "");
		return;
	}
	jsonw_string(
	    w, proc_mapping_name(ctx->procs, tc->host_pid, tc->exe_ino, addr, buf, sizeof(buf)));
}

static void jrip_rsp(struct jsonw *w, uint64_t rip, uint64_t rsp)
{
	jsonw_begin_object(w);
	kv_u64(w, "rip", rip);
	kv_u64(w, "rsp", rsp);
	jsonw_end_object(w);
}

/* A restored register as a pointer arg, null when neither the exit hook nor the frame says what
 * it is. */
#define arg_restored(a, name, kind, v, reg)                                                        \
	((v)->have_regs ? (jsonw_u64(ARG(a, name, kind), (v)->regs[reg]), arg_end(a))              \
			: ARG_NULL(a, name, kind))

/*
 * What made the kernel raise finding (docs/events.md "Findings"): one arg per evidence key, as
 * Tracee writes one argument per key of a finding's data.
 */
static void evidence_args(struct args *a, const struct output_ctx *ctx,
			  const struct sigscope_sigreturn_event *ev, const struct sigscope_event *v,
			  unsigned int finding)
{
	const struct sigscope_verdict *vd = &ev->verdict;
	const struct sigscope_task_ctx *tc = &ev->hdr.ctx;
	int matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;

	switch (finding) {
	case SIGSCOPE_FINDING_FORGED_FRAME:
		arg_u64(a, "ustack", K_PTR, ev->ustack);
		arg_int(a, "outstanding_deliveries", K_U32, ev->depth);
		arg_bool(a, "thread_predates_tracer",
			 (ev->flags & SIGSCOPE_SR_PREDATES) ||
			     ev->match_status == SIGSCOPE_MATCH_THREAD_PREDATES);
		break;
	case SIGSCOPE_FINDING_WRONG_CALL_SITE:
		arg_u64(a, "call_site", K_PTR, ev->call_site);
		arg_str(a, "check", call_site_check_name(vd->call_site));
		if (matched)
			arg_u64(a, "delivered_restorer", K_PTR, ev->delivery.restorer);
		break;
	case SIGSCOPE_FINDING_TAMPERED:
		(ARG(a, "changed", K_STRS), changed_names(strs_begin(a), vd->changed_mask, v->ia32),
		 strs_end(a));
		jrip_rsp(ARG(a, "saved", K_OBJ("unknown")), ev->delivery.regs[SIGSCOPE_REG_RIP],
			 ev->delivery.regs[SIGSCOPE_REG_RSP]);
		arg_end(a);
		if (v->have_regs) {
			jrip_rsp(ARG(a, "restored", K_OBJ("unknown")), v->regs[SIGSCOPE_REG_RIP],
				 v->regs[SIGSCOPE_REG_RSP]);
			arg_end(a);
		} else {
			ARG_NULL(a, "restored", K_OBJ("unknown"));
		}
		arg_str(a, "rip_class", mem_class_name(vd->rip_class));
		if (v->have_regs)
			jmapping(ARG(a, "rip_mapping", K_STR), ctx, tc, v->regs[SIGSCOPE_REG_RIP]);
		else
			jsonw_string(ARG(a, "rip_mapping", K_STR), "");
		arg_end(a);
		arg_str(a, "pattern",
			pattern_name(vd->pattern)); /* which runtime or attack it looks like */
		arg_str(a, "explanation", explanation_name(vd->explanation));
		break;
	case SIGSCOPE_FINDING_STACK_PIVOT:
		arg_restored(a, "rsp", K_PTR, v, SIGSCOPE_REG_RSP);
		arg_u64(a, "reference_rsp", K_PTR, vd->rsp_ref);
		arg_str(a, "rsp_class", mem_class_name(vd->rsp_class));
		if (v->have_regs)
			jmapping(ARG(a, "rsp_mapping", K_STR), ctx, tc, v->regs[SIGSCOPE_REG_RSP]);
		else
			jsonw_string(ARG(a, "rsp_mapping", K_STR), "");
		arg_end(a);
		jmapping(ARG(a, "reference_mapping", K_STR), ctx, tc, vd->rsp_ref);
		arg_end(a);
		break;
	case SIGSCOPE_FINDING_TOCTOU:
		arg_reg_names(a, "mismatch",
			      (ev->flags & SIGSCOPE_SR_MISMATCH) ? ev->mismatch_mask : 0, v->ia32);
		arg_str(a, "frame_read", v->frame_ok ? "ok" : "fault");
		break;
	case SIGSCOPE_FINDING_ABI_SWITCH:
		arg_str(a, "abi", abi_name(ev->abi));
		arg_u64(a, "entry_cs", K_U64, ev->entry_cs);
		arg_restored(a, "restored_cs", K_U64, v, SIGSCOPE_REG_CS);
		break;
	default: /* SIGSCOPE_FINDING_PREEXISTING */
		arg_u64(a, "ustack", K_PTR, ev->ustack);
		arg_restored(a, "restored_rsp", K_PTR, v, SIGSCOPE_REG_RSP);
		break;
	}
}

/* One address: {"address", "module", "fileOffset", "offset", "symbol", "symbolOffset", "buildId",
 * "maps", "text"} (docs/events.md "Symbols"); what is not known is null. */
static void jsym(struct jsonw *w, const struct sym_info *s)
{
	char text[PATH_MAX + SYM_NAME_MAX + 64];

	jsonw_begin_object(w);
	kv_u64(w, "address", s->address);
	JSONW_KEY(w, "module");
	if (s->kind == SYM_UNKNOWN)
		jsonw_string(w, "unknown");
	else if (s->kind == SYM_UNMAPPED)
		jsonw_string(w, "[unmapped]");
	else
		jsonw_string(w, s->module);
	JSONW_KEY(w, "fileOffset");
	if (s->have_file_offset)
		jsonw_u64(w, s->file_offset);
	else
		jsonw_null(w);
	JSONW_KEY(w, "offset");
	if (s->have_offset)
		jsonw_u64(w, s->offset);
	else
		jsonw_null(w);
	JSONW_KEY(w, "symbol");
	if (s->have_symbol)
		jsonw_string(w, s->symbol);
	else
		jsonw_null(w);
	JSONW_KEY(w, "symbolOffset");
	if (s->have_symbol)
		jsonw_u64(w, s->symbol_offset);
	else
		jsonw_null(w);
	JSONW_KEY(w, "buildId");
	if (s->build_id[0])
		jsonw_string(w, s->build_id);
	else
		jsonw_null(w);
	JSONW_KEY(w, "maps");
	if (s->kind == SYM_UNKNOWN)
		jsonw_null(w);
	else
		jsonw_string(w, s->snapshot ? "snapshot" : "live");
	kv_str(w, "text", sym_text(s, text, sizeof(text)));
	jsonw_end_object(w);
}

/* The symbols arg of every finding: one member per address the record's findings judge. */
static void jsymbols(struct jsonw *w, const struct symref *r)
{
	jsonw_begin_object(w);
	for (unsigned int i = 0; i < SYMREF_ROLES; i++) {
		if (!(r->have & (1u << i)))
			continue;
		jsonw_key(w, symref_key(i));
		jsym(w, &r->s[i]);
	}
	jsonw_end_object(w);
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

/* The event a finding was detected from: {"id", "name", "returnValue", "args"} in trace.Event
 * (the arg detectedFrom); {"id", "name", "data"} in tracee-v2 (detected_from), where the id stays
 * the trace.Event one, as Tracee writes it. */
static void jdetected_from(struct jsonw *w, const struct ev_head *sr, const struct args *sr_args)
{
	jsonw_begin_object(w);
	kv_int(w, "id", sr->id);
	kv_str(w, "name", sr->name);
	if (!sr_args->v2)
		kv_int(w, "returnValue", sr->retval);
	if (sr_args->v2)
		JSONW_KEY(w, "data");
	else
		JSONW_KEY(w, "args");
	if (sr_args->w.err)
		w->err = 1;
	else
		jsonw_raw(w, sr_args->w.buf, sr_args->w.len);
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
	args_begin(a, sr_args->v2);
	evidence_args(a, ctx, ev, v, finding);
	jsymbols(ARG(a, "symbols", K_OBJ("unknown")), syms);
	arg_end(a);
	/* Current Tracee's layout: the source event last, named detectedFrom (triggeredBy up to
	 * v0.23; docs/events.md says why sigscope writes only the current name). */
	if (!a->v2) {
		jdetected_from(ARG(a, "detectedFrom", K_OBJ("unknown")), sr, sr_args);
		arg_end(a);
	}
	args_end(a);
	event_open(out, ctx, &h, a);
	if (a->v2) {
		JSONW_KEY(out, "threat");
		jthreat(out, fi, severity, ev->verdict.enforced);
		JSONW_KEY(out, "detected_from");
		jdetected_from(out, sr, sr_args);
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
	const struct sigscope_verdict *vd = &ev->verdict;
	int threshold = ctx->enforce_threshold;
	int known = threshold >= 0 && threshold <= SIGSCOPE_SEV_CRITICAL;
	struct ev_head h = *sr;
	struct jsonw *w;
	uint32_t listed = 0;

	h.id = h.pb_id = ENFORCEMENT_EVENT_ID;
	h.name = ENFORCEMENT_EVENT_NAME;
	h.retval = 0;
	args_begin(a, v2);
	jsig(ARG(a, "signal", K_STR), SIGKILL);
	arg_end(a);
	ARG(a, "findings", K_STRS);
	w = strs_begin(a);
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
		if ((vd->findings & (1u << i)) && (!known || vd->severity[i] >= threshold)) {
			jsonw_string(w, finding_name(i));
			listed |= 1u << i;
		}
	strs_end(a);
	arg_int(a, "severity", K_I32, vd->max_severity);
	if (known)
		arg_int(a, "threshold", K_I32, threshold);
	else
		ARG_NULL(a, "threshold", K_I32);
	arg_u64(a, "ustack", K_PTR, ev->ustack);
	args_end(a);
	event_open(out, ctx, &h, a);
	event_close(out);
	note_line(ctx, out, ENFORCEMENT_EVENT_NAME, listed, vd->max_severity, LINE_ENFORCEMENT);
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
	args_begin(sr_args, v2);
	sigreturn_args(ctx, ev, de, h, sr_args);
	args_end(sr_args);
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
		args_begin(&args, v2);
		deliver_args(de->dlv, &h, &args);
		args_end(&args);
		event_open(&out, ctx, &h, &args);
		event_close(&out);
		note_line(ctx, &out, h.name, 0, -1, LINE_EVENT);
		break;
	default:
		args_begin(&args, v2);
		generate_args(de->gen, &h, &args);
		args_end(&args);
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
