/*
 * The args of each JSON event (docs/events.md), in both layouts: trace.Event's
 * {"name","type","value"} and tracee-v2's {"name","<EventValue field>": value}. json.c writes the
 * envelope around them.
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "json_args.h"
#include "../decode/frame.h"
#include "../decode/signals.h"
#include "../shared/frame_layout.h"
#include "../proc/proc_ctx.h"
#include "../rules/findings.h"
#include "../decode/names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* sa_flags as the kernel stores them (x86 value), not the host's <signal.h>. */
#define KERNEL_SA_SIGINFO 0x4u

/* A member with a literal key, its text prebuilt: KV("rip", v). */
struct kv {
	const char *key; /* "\"rip\":" */
	size_t len;
	uint64_t val;
};

/* clang-format off */
#define KV(name, val) {"\"" name "\":", sizeof(name) + 2, (val)}
/* clang-format on */

/* Tracee's rt_sigreturn ids: the syscall number in trace.Event, the EventId enum in protobuf. */
#define RT_SIGRETURN_ID	   15
#define RT_SIGRETURN_PB_ID 16

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

void json_args_begin(struct args *a, int v2)
{
	jsonw_reset(&a->w);
	a->n = 0;
	a->v2 = v2;
	a->w.u64_strings = v2;
	jsonw_begin_array(&a->w);
}

void json_args_end(struct args *a)
{
	jsonw_end_array(&a->w);
}

/* A signed 64-bit value: a number, or (tracee-v2, protobuf JSON's int64) a decimal string. */
static void j_i64(struct jsonw *w, int64_t v)
{
	if (!w->u64_strings) {
		jsonw_int(w, v);
		return;
	}
	jsonw_int_string(w, v);
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

/* The verdict's changed_mask: the registers, then "ds/es" (SIGSCOPE_CHANGED_SEGMENTS),
 * "fpstate" (SIGSCOPE_CHANGED_FPSTATE) and "uc_stack" (SIGSCOPE_CHANGED_ALTSTACK). */
static void changed_names(struct jsonw *w, uint32_t mask, int ia32)
{
	reg_names(w, mask, ia32);
	if (mask & SIGSCOPE_CHANGED_SEGMENTS)
		jsonw_string(w, sigscope_changed_name(SIGSCOPE_CHANGED_SEGMENTS_BIT, ia32));
	if (mask & SIGSCOPE_CHANGED_FPSTATE)
		jsonw_string(w, sigscope_changed_name(SIGSCOPE_CHANGED_FPSTATE_BIT, ia32));
	if (mask & SIGSCOPE_CHANGED_ALTSTACK)
		jsonw_string(w, sigscope_changed_name(SIGSCOPE_CHANGED_ALTSTACK_BIT, ia32));
}

#define arg_changed_names(a, name, mask, ia32)                                                     \
	(ARG(a, name, K_STRS), changed_names(strs_begin(a), mask, ia32), strs_end(a))

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

void json_sigreturn_args(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev,
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
	arg_changed_names(a, "mismatch", mismatch, ia32);
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

void json_deliver_args(const struct sigscope_signal_deliver_event *ev, struct ev_head *h,
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

void json_generate_args(const struct sigscope_signal_generate_event *ev, struct ev_head *h,
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
		arg_changed_names(a, "mismatch",
				  (ev->flags & SIGSCOPE_SR_MISMATCH) ? ev->mismatch_mask : 0,
				  v->ia32);
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

/* The event a finding was detected from: {"id", "name", "returnValue", "args"} in trace.Event
 * (the arg detectedFrom); {"id", "name", "data"} in tracee-v2 (detected_from), where the id stays
 * the trace.Event one, as Tracee writes it. */
void json_detected_from(struct jsonw *w, const struct ev_head *sr, const struct args *sr_args)
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

void json_finding_args(struct args *a, const struct output_ctx *ctx,
		       const struct sigscope_sigreturn_event *ev, const struct sigscope_event *v,
		       unsigned int finding, const struct symref *syms, const struct ev_head *sr,
		       const struct args *sr_args)
{
	json_args_begin(a, sr_args->v2);
	evidence_args(a, ctx, ev, v, finding);
	jsymbols(ARG(a, "symbols", K_OBJ("unknown")), syms);
	arg_end(a);
	/* Current Tracee's layout: the source event last, named detectedFrom (triggeredBy up to
	 * v0.23; docs/events.md says why sigscope writes only the current name). */
	if (!a->v2) {
		json_detected_from(ARG(a, "detectedFrom", K_OBJ("unknown")), sr, sr_args);
		arg_end(a);
	}
	json_args_end(a);
}

uint32_t json_enforcement_args(struct args *a, const struct output_ctx *ctx,
			       const struct sigscope_sigreturn_event *ev)
{
	const struct sigscope_verdict *vd = &ev->verdict;
	int threshold = ctx->enforce_threshold;
	int known = threshold >= 0 && threshold <= SIGSCOPE_SEV_CRITICAL;
	struct jsonw *w;
	uint32_t listed = 0;

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
	return listed;
}
