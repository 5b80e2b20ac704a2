/*
 * JSON-lines writer: one Tracee trace.Event object per ring-buffer record (docs/events.md). The
 * lines are written with the streaming writer of jsonw.c, not jansson: see there why.
 */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "jsonw.h"
#include "../decode/frame.h"
#include "../decode/signals.h"
#include "../shared/frame_layout.h"
#include "../proc/proc_ctx.h"
#include "../rules/findings.h"
#include "../cli/options.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* sa_flags as the kernel stores them (x86 value), not the host's <signal.h>. */
#define KERNEL_SA_SIGINFO 0x4u

/* The event-specific part of the context keys. */
struct ev_head {
	const struct sigscope_task_ctx *tc;
	const char *id;
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
};

char *output_sanitize_utf8(const char *s, size_t n)
{
	const unsigned char *in = (const unsigned char *)s;
	size_t len = strnlen(s, n), o = 0;
	char *out = malloc(len * 3 + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t k = jsonw_utf8_seq_len(in + i, len - i);

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
#define kv_hex(w, key, val)  (JSONW_KEY(w, key), jsonw_hex(w, val))
#define kv_bool(w, key, val) (JSONW_KEY(w, key), jsonw_bool(w, val))

/* Opens the arg {"name":..,"type":..,"value": and gives where its value goes; arg_end() closes
 * it. */
#define ARG_HEAD(name, type) "\"name\":\"" name "\",\"type\":\"" type "\",\"value\":"
#define ARG(a, name, type)   arg_open(a, ARG_HEAD(name, type), sizeof(ARG_HEAD(name, type)) - 1)

#define arg_str(a, name, type, val)  (jsonw_string(ARG(a, name, type), val), arg_end(a))
#define arg_int(a, name, type, val)  (jsonw_int(ARG(a, name, type), val), arg_end(a))
#define arg_hex(a, name, type, val)  (jsonw_hex(ARG(a, name, type), val), arg_end(a))
#define arg_bool(a, name, type, val) (jsonw_bool(ARG(a, name, type), val), arg_end(a))

static void args_begin(struct args *a)
{
	jsonw_reset(&a->w);
	a->n = 0;
	jsonw_begin_array(&a->w);
}

static void args_end(struct args *a)
{
	jsonw_end_array(&a->w);
}

static struct jsonw *arg_open(struct args *a, const char *head, size_t len)
{
	a->n++;
	jsonw_begin_object(&a->w);
	jsonw_raw_key(&a->w, head, len);
	return &a->w;
}

static void arg_end(struct args *a)
{
	jsonw_end_object(&a->w);
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

static void jmask(struct jsonw *w, uint64_t mask)
{
	jsonw_begin_array(w);
	sigscope_mask_for_each(mask, add_sig_name, w);
	jsonw_end_array(w);
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
		kv_hex(w, "si_addr", si->addr);
	}
	jsonw_end_object(w);
}

static void jkv_hex(struct jsonw *w, const struct kv *kv, size_t n)
{
	jsonw_begin_object(w);
	for (size_t i = 0; i < n; i++) {
		jsonw_raw_key(w, kv[i].key, kv[i].len);
		jsonw_hex(w, kv[i].val);
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
			jsonw_hex(w, regs[r]);
		}
	}
	jsonw_end_object(w);
}

static void jreg_names(struct jsonw *w, uint32_t mask, int ia32)
{
	jsonw_begin_array(w);
	for (int r = 0; r < SIGSCOPE_NREGS; r++) {
		const char *name = sigscope_reg_name(r, ia32);

		if ((mask & (1u << r)) && name)
			jsonw_string(w, name);
	}
	jsonw_end_array(w);
}

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

		jkv_hex(w, kv, ARRAY_SIZE(kv));
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

	jkv_hex(w, kv, ARRAY_SIZE(kv));
}

static const char *abi_name(uint32_t abi)
{
	static const char *const names[] = {"x86_64", "ia32", "ia32_from_64"};

	return abi < ARRAY_SIZE(names) ? names[abi] : "unknown";
}

static const char *status_name(uint32_t status)
{
	static const char *const names[] = {"matched", "unmatched", "thread_predates_tracer"};

	return status < ARRAY_SIZE(names) ? names[status] : "unknown";
}

static const char *method_name(uint32_t method)
{
	static const char *const names[] = {"none", "context", "sp", "frame"};

	return method < ARRAY_SIZE(names) ? names[method] : "unknown";
}

/* Registers whose value about to be restored differs from what the delivery interrupted. */
static uint32_t changed_mask(const uint64_t *now, const __u64 *interrupted, int from_frame)
{
	uint32_t mask = 0;

	for (int r = 0; r < SIGSCOPE_NREGS; r++) {
		uint64_t diff = now[r] ^ interrupted[r];

		/* restore_sigcontext() takes only the FIX_EFLAGS bits from the frame. */
		if (r == SIGSCOPE_REG_EFLAGS && from_frame)
			diff &= SIGSCOPE_FIX_EFLAGS;
		if (diff)
			mask |= 1u << r;
	}
	return mask;
}

/* regs: the restored registers (applied, else the frame's), NULL when neither is known. */
static void jpairing(struct jsonw *w, const struct output_ctx *ctx,
		     const struct sigscope_sigreturn_event *ev, const uint64_t *regs,
		     int from_frame)
{
	const struct sigscope_delivery *d = &ev->delivery;
	int matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;
	int ia32 = ev->abi != SIGSCOPE_ABI_X86_64;

	jsonw_begin_object(w);
	kv_str(w, "status", status_name(ev->match_status));
	kv_str(w, "method", method_name(ev->match_method));
	if (matched) {
		JSONW_KEY(w, "signal");
		jsig(w, d->sig);
		kv_int(w, "deliverySeq", d->seq);
		kv_int(w, "deliveryTimestamp", epoch_ns(ctx, d->ts_ns));
		kv_hex(w, "handler", d->handler);
		kv_hex(w, "restorer", d->restorer);
	}
	kv_int(w, "depth", ev->depth);
	kv_int(w, "abandoned", ev->abandoned);
	if (matched) {
		JSONW_KEY(w, "changed");
		jreg_names(w, regs ? changed_mask(regs, d->regs, from_frame) : 0, ia32);
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

		arg_hex(a, "uc_flags", "unsigned long", f->uc_flags);
		arg_hex(a, "uc_link", "void*", f->uc_link);
		w = ARG(a, "uc_stack", "stack_t");
		jsonw_begin_object(w);
		kv_hex(w, "ss_sp", f->ss_sp);
		kv_str(w, "ss_flags",
		       sigscope_ss_flags_str(f->ss_flags, ss_flags, sizeof(ss_flags)));
		kv_int(w, "ss_size", (int64_t)f->ss_size);
		jsonw_end_object(w);
		arg_end(a);
	}
	jmcontext(ARG(a, "uc_mcontext", "struct sigcontext"), f);
	arg_end(a);
	jmask(ARG(a, "uc_sigmask", "sigset_t"), f->sigmask);
	arg_end(a);
	if (frame_has_siginfo(ev, f)) {
		jsiginfo(ARG(a, "siginfo", "siginfo_t"), &f->info);
		arg_end(a);
	}
}

/* One rt_sigreturn decoded once, for its own args and for its findings' evidence. */
struct sr_view {
	struct sigscope_frame f;
	int frame_ok;
	int have_frame;
	int applied;
	int ia32;
	int have_regs;		       /* regs holds what the kernel restores */
	uint64_t regs[SIGSCOPE_NREGS]; /* the registers seen at exit, else the frame's; else 0 */
};

static void sr_view_init(const struct sigscope_sigreturn_event *ev, struct sr_view *v)
{
	size_t frame_len = ev->frame_len < sizeof(ev->frame) ? ev->frame_len : sizeof(ev->frame);

	v->frame_ok = (ev->flags & SIGSCOPE_SR_FRAME_OK) != 0;
	v->applied = (ev->flags & SIGSCOPE_SR_APPLIED) != 0;
	v->ia32 = ev->abi != SIGSCOPE_ABI_X86_64;
	v->have_frame =
	    v->frame_ok && sigscope_decode_frame(ev->frame_kind, ev->frame, frame_len, &v->f) == 0;
	v->have_regs = v->applied || v->have_frame;
	for (int r = 0; r < SIGSCOPE_NREGS; r++)
		v->regs[r] = v->applied ? ev->applied[r] : v->have_frame ? v->f.regs[r] : 0;
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
	jreg_names(w, vd->changed_mask, ia32);
	kv_bool(w, "enforced", vd->enforced);
	jsonw_end_object(w);
}

static void sigreturn_args(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev,
			   const struct sr_view *v, struct ev_head *h, struct args *a)
{
	int frame_ok = v->frame_ok, applied = v->applied, ia32 = v->ia32;
	int have_frame = v->have_frame;
	/* Both sides are needed for a mismatch to mean anything. */
	uint32_t mismatch = applied && have_frame ? ev->mismatch_mask : 0;
	const char *authority = applied ? "restored" : have_frame ? "frame" : "none";

	h->tc = &ev->ctx;
	h->id = "15";
	h->name = "rt_sigreturn";
	h->syscall = ev->syscall_nr == SIGSCOPE_NR_SIGRETURN_IA32 ? "sigreturn" : "rt_sigreturn";
	h->compat = ia32;
	h->retval = applied ? ev->retval : 0;

	arg_hex(a, "ustack", "void*", ev->ustack);
	arg_str(a, "abi", "const char*", abi_name(ev->abi));
	arg_hex(a, "call_site", "void*", ev->call_site);
	arg_str(a, "frame_read", "const char*", frame_ok ? "ok" : "fault");
	arg_str(a, "authority", "const char*", authority);
	if (have_frame)
		frame_args(ev, &v->f, a);
	if (applied) {
		jregs(ARG(a, "restored", "struct pt_regs"), ev->applied, ia32);
		arg_end(a);
	}
	jreg_names(ARG(a, "mismatch", "const char**"), mismatch, ia32);
	arg_end(a);
	jpairing(ARG(a, "pairing", "object"), ctx, ev, v->have_regs ? v->regs : NULL, !applied);
	arg_end(a);
	/* stack_len is the requested length (--stack-bytes), set even when the read failed. */
	if (ev->stack_len > 0) {
		size_t n = ev->stack_len < sizeof(ev->stack) ? ev->stack_len : sizeof(ev->stack);
		struct jsonw *w = ARG(a, "stack_bytes", "bytes");

		if (ev->flags & SIGSCOPE_SR_STACK_OK)
			jsonw_hex_bytes(w, ev->stack, n);
		else
			jsonw_string(w, "");
		arg_end(a);
	}
	jverdict(ARG(a, "verdict", "object"), &ev->verdict, ia32);
	arg_end(a);
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

	h->tc = &ev->ctx;
	h->id = "8001";
	h->name = "signal_deliver";
	h->compat = (d->flags & SIGSCOPE_DLV_COMPAT) != 0;

	arg_int(a, "sig", "int", d->sig);
	jsig(ARG(a, "signal", "const char*"), d->sig);
	arg_end(a);
	if (ev->info.valid) {
		jsiginfo(ARG(a, "siginfo", "siginfo_t"), &ev->info);
		arg_end(a);
	}
	arg_hex(a, "handler", "void*", d->handler);
	arg_str(a, "sa_flags", "const char*",
		sigscope_sa_flags_str(d->sa_flags, sa_flags, sizeof(sa_flags)));
	arg_hex(a, "sa_restorer", "void*", d->restorer);
	jmask(ARG(a, "sa_mask", "sigset_t"), d->sa_mask);
	arg_end(a);
	jmask(ARG(a, "blocked", "sigset_t"), d->blocked);
	arg_end(a);
	jregs(ARG(a, "regs", "struct pt_regs"), d->regs, h->compat);
	arg_end(a);
	arg_str(a, "restart", "const char*", restart_name(d->flags));
	arg_bool(a, "altstack", "bool", d->flags & SIGSCOPE_DLV_ALTSTACK);
	arg_bool(a, "handled", "bool", d->flags & SIGSCOPE_DLV_HANDLER);
	arg_int(a, "deliverySeq", "int", d->seq);
	arg_int(a, "depth", "int", ev->depth);
}

static void jresult(struct jsonw *w, int32_t result)
{
	static const char *const names[] = {"delivered",     "ignored",	  "already_pending",
					    "overflow_fail", "lose_info", "handled"};
	char buf[16];

	if (result >= 0 && (size_t)result < ARRAY_SIZE(names)) {
		jsonw_string(w, names[result]);
		return;
	}
	snprintf(buf, sizeof(buf), "%d", result);
	jsonw_string(w, buf);
}

static void generate_args(const struct sigscope_signal_generate_event *ev, struct ev_head *h,
			  struct args *a)
{
	const char *code = sigscope_si_code_name(ev->sig, ev->code);

	h->tc = &ev->ctx;
	h->id = "8002";
	h->name = "signal_generate";

	arg_int(a, "sig", "int", ev->sig);
	jsig(ARG(a, "signal", "const char*"), ev->sig);
	arg_end(a);
	if (code)
		arg_str(a, "si_code", "const char*", code);
	else
		arg_int(a, "si_code", "int", ev->code);
	arg_int(a, "target_pid", "int", ev->target_pid);
	arg_int(a, "target_tid", "int", ev->target_tid);
	jsonw_string_n(ARG(a, "target_comm", "const char*"), ev->target_comm,
		       sizeof(ev->target_comm));
	arg_end(a);
	arg_bool(a, "group", "bool", ev->group);
	jresult(ARG(a, "result", "const char*"), ev->result);
	arg_end(a);
}

static struct event_enrichment enrich(const struct output_ctx *ctx,
				      const struct sigscope_task_ctx *tc)
{
	struct event_enrichment en = {"", ""};

	if (ctx->procs) {
		en.exe_path = proc_exe_path(ctx->procs, tc->host_pid, tc->exe_ino);
		en.container_id = proc_container_id(ctx->procs, tc->host_pid, tc->cgroup_id);
	}
	return en;
}

/* Opens the event object and writes it up to and including its args; event_close() ends it. */
static void event_open(struct jsonw *w, const struct output_ctx *ctx, const struct ev_head *h,
		       const struct args *a)
{
	const struct sigscope_task_ctx *tc = h->tc;
	struct event_enrichment en = enrich(ctx, tc);

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
	kv_str(w, "path", en.exe_path);
	jsonw_end_object(w);
	kv_str(w, "hostName", ctx->hostname ? ctx->hostname : "");
	kv_int(w, "cgroupId", (int64_t)tc->cgroup_id);
	kv_str(w, "containerId", en.container_id);
	JSONW_KEY(w, "contextFlags");
	jsonw_begin_object(w);
	kv_bool(w, "containerStarted", 0);
	kv_bool(w, "isCompat", h->compat);
	jsonw_end_object(w);
	kv_str(w, "eventId", h->id);
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

/* Ends the event object and its line. */
static void event_close(struct jsonw *w)
{
	jsonw_end_object(w);
	jsonw_newline(w);
}

/* Events filtered in user space: rt_sigreturn records also arrive for their findings alone. */
static int event_selected(const struct output_ctx *ctx, uint32_t type)
{
	return ctx->events == 0 || (ctx->events & OPT_EVENT_BIT(type)) != 0;
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
	kv_hex(w, "rip", rip);
	kv_hex(w, "rsp", rsp);
	jsonw_end_object(w);
}

/* A restored register, null when neither the exit hook nor the frame says what it is. */
static void jrestored(struct jsonw *w, const struct sr_view *v, int reg)
{
	if (v->have_regs)
		jsonw_hex(w, v->regs[reg]);
	else
		jsonw_null(w);
}

/* What made the kernel raise finding (docs/events.md "Findings"). */
static void jevidence(struct jsonw *w, const struct output_ctx *ctx,
		      const struct sigscope_sigreturn_event *ev, const struct sr_view *v,
		      unsigned int finding)
{
	const struct sigscope_verdict *vd = &ev->verdict;
	const struct sigscope_task_ctx *tc = &ev->ctx;
	int matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;

	jsonw_begin_object(w);
	switch (finding) {
	case SIGSCOPE_FINDING_FORGED_FRAME:
		kv_hex(w, "ustack", ev->ustack);
		kv_int(w, "outstanding_deliveries", ev->depth);
		kv_bool(w, "thread_predates_tracer",
			(ev->flags & SIGSCOPE_SR_PREDATES) ||
			    ev->match_status == SIGSCOPE_MATCH_THREAD_PREDATES);
		break;
	case SIGSCOPE_FINDING_WRONG_CALL_SITE:
		kv_hex(w, "call_site", ev->call_site);
		kv_str(w, "check", call_site_check_name(vd->call_site));
		if (matched)
			kv_hex(w, "delivered_restorer", ev->delivery.restorer);
		break;
	case SIGSCOPE_FINDING_TAMPERED:
		JSONW_KEY(w, "changed");
		jreg_names(w, vd->changed_mask, v->ia32);
		JSONW_KEY(w, "saved");
		jrip_rsp(w, ev->delivery.regs[SIGSCOPE_REG_RIP],
			 ev->delivery.regs[SIGSCOPE_REG_RSP]);
		JSONW_KEY(w, "restored");
		if (v->have_regs)
			jrip_rsp(w, v->regs[SIGSCOPE_REG_RIP], v->regs[SIGSCOPE_REG_RSP]);
		else
			jsonw_null(w);
		kv_str(w, "rip_class", mem_class_name(vd->rip_class));
		JSONW_KEY(w, "rip_mapping");
		if (v->have_regs)
			jmapping(w, ctx, tc, v->regs[SIGSCOPE_REG_RIP]);
		else
			jsonw_string(w, "");
		break;
	case SIGSCOPE_FINDING_STACK_PIVOT:
		JSONW_KEY(w, "rsp");
		jrestored(w, v, SIGSCOPE_REG_RSP);
		kv_hex(w, "reference_rsp", vd->rsp_ref);
		kv_str(w, "rsp_class", mem_class_name(vd->rsp_class));
		JSONW_KEY(w, "rsp_mapping");
		if (v->have_regs)
			jmapping(w, ctx, tc, v->regs[SIGSCOPE_REG_RSP]);
		else
			jsonw_string(w, "");
		JSONW_KEY(w, "reference_mapping");
		jmapping(w, ctx, tc, vd->rsp_ref);
		break;
	case SIGSCOPE_FINDING_TOCTOU:
		JSONW_KEY(w, "mismatch");
		jreg_names(w, (ev->flags & SIGSCOPE_SR_MISMATCH) ? ev->mismatch_mask : 0, v->ia32);
		kv_str(w, "frame_read", v->frame_ok ? "ok" : "fault");
		break;
	case SIGSCOPE_FINDING_ABI_SWITCH:
		kv_str(w, "abi", abi_name(ev->abi));
		kv_hex(w, "entry_cs", ev->entry_cs);
		JSONW_KEY(w, "restored_cs");
		jrestored(w, v, SIGSCOPE_REG_CS);
		break;
	default: /* SIGSCOPE_FINDING_PREEXISTING */
		kv_hex(w, "ustack", ev->ustack);
		JSONW_KEY(w, "restored_rsp");
		jrestored(w, v, SIGSCOPE_REG_RSP);
		break;
	}
	jsonw_end_object(w);
}

/* Tracee's signature finding metadata. */
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
	kv_str(w, "external_id", fi->external_id);
	kv_str(w, "signatureID", fi->signature_id);
	kv_str(w, "signatureName", fi->signature_name);
	kv_bool(w, "enforced", enforced);
	jsonw_end_object(w);
	jsonw_end_object(w);
}

/* One finding's event line. sr: the rt_sigreturn's head; sr_args: its args, written again in
 * triggeredBy; a: room for this event's args. */
static void finding_event(struct jsonw *out, const struct output_ctx *ctx,
			  const struct sigscope_sigreturn_event *ev, const struct sr_view *v,
			  const struct ev_head *sr, const struct args *sr_args, struct args *a,
			  unsigned int finding)
{
	const struct finding_info *fi = finding_get(finding);
	struct ev_head h = *sr;
	struct jsonw *w;
	char id[16];

	snprintf(id, sizeof(id), "%d", fi->event_id);
	h.id = id;
	h.name = fi->event_name;
	h.retval = 0;
	args_begin(a);
	w = ARG(a, "triggeredBy", "unknown");
	jsonw_begin_object(w);
	kv_int(w, "id", strtol(sr->id, NULL, 10));
	kv_str(w, "name", sr->name);
	kv_int(w, "returnValue", sr->retval);
	JSONW_KEY(w, "args");
	if (sr_args->w.err)
		w->err = 1;
	else
		jsonw_raw(w, sr_args->w.buf, sr_args->w.len);
	jsonw_end_object(w);
	arg_end(a);
	jevidence(ARG(a, "evidence", "object"), ctx, ev, v, finding);
	arg_end(a);
	args_end(a);
	event_open(out, ctx, &h, a);
	JSONW_KEY(out, "metadata");
	jmetadata(out, fi, ev->verdict.severity[finding], ev->verdict.enforced);
	event_close(out);
}

/* The kill made at the hook; lists the findings that reached the threshold (all of them when the
 * threshold is not known). */
static void enforcement_event(struct jsonw *out, const struct output_ctx *ctx,
			      const struct sigscope_sigreturn_event *ev, const struct ev_head *sr,
			      struct args *a)
{
	const struct sigscope_verdict *vd = &ev->verdict;
	int threshold = ctx->enforce_threshold;
	int known = threshold >= 0 && threshold <= SIGSCOPE_SEV_CRITICAL;
	struct ev_head h = *sr;
	struct jsonw *w;
	char id[16];

	snprintf(id, sizeof(id), "%d", ENFORCEMENT_EVENT_ID);
	h.id = id;
	h.name = ENFORCEMENT_EVENT_NAME;
	h.retval = 0;
	args_begin(a);
	jsig(ARG(a, "signal", "const char*"), SIGKILL);
	arg_end(a);
	w = ARG(a, "findings", "const char**");
	jsonw_begin_array(w);
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
		if ((vd->findings & (1u << i)) && (!known || vd->severity[i] >= threshold))
			jsonw_string(w, finding_name(i));
	jsonw_end_array(w);
	arg_end(a);
	arg_int(a, "severity", "int", vd->max_severity);
	w = ARG(a, "threshold", "int");
	if (known)
		jsonw_int(w, threshold);
	else
		jsonw_null(w);
	arg_end(a);
	arg_hex(a, "ustack", "void*", ev->ustack);
	args_end(a);
	event_open(out, ctx, &h, a);
	event_close(out);
}

/* The rt_sigreturn event (when selected), then one event per finding in finding order, then the
 * enforcement event. */
static void sigreturn_events(struct jsonw *out, const struct output_ctx *ctx,
			     const struct sigscope_sigreturn_event *ev, struct args *sr_args,
			     struct args *a)
{
	struct ev_head h = {.syscall = ""};
	int selected = event_selected(ctx, SIGSCOPE_EV_RT_SIGRETURN);
	struct sr_view v;

	if (!selected && !(ev->verdict.findings & ((1u << SIGSCOPE_FINDING_MAX) - 1)) &&
	    !ev->verdict.enforced)
		return; /* nothing of this record is wanted */
	sr_view_init(ev, &v);
	args_begin(sr_args);
	sigreturn_args(ctx, ev, &v, &h, sr_args);
	args_end(sr_args);
	if (selected) {
		event_open(out, ctx, &h, sr_args);
		event_close(out);
	}
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
		if (ev->verdict.findings & (1u << i))
			finding_event(out, ctx, ev, &v, &h, sr_args, a, i);
	if (ev->verdict.enforced)
		enforcement_event(out, ctx, ev, &h, a);
}

int output_json_event(const struct output_ctx *ctx, const void *data, size_t len)
{
	/* Reused from record to record: once warm, a record costs no allocation. sigscope writes
	 * its output from one thread. */
	static struct jsonw out;
	static struct args sr_args, args;
	struct ev_head h = {.syscall = ""};

	if (!output_record_ok(data, len))
		return -1;
	jsonw_reset(&out);
	switch (*(const uint32_t *)data) {
	case SIGSCOPE_EV_RT_SIGRETURN:
		sigreturn_events(&out, ctx, data, &sr_args, &args);
		break;
	case SIGSCOPE_EV_SIGNAL_DELIVER:
		args_begin(&args);
		deliver_args(data, &h, &args);
		args_end(&args);
		event_open(&out, ctx, &h, &args);
		event_close(&out);
		break;
	default:
		args_begin(&args);
		generate_args(data, &h, &args);
		args_end(&args);
		event_open(&out, ctx, &h, &args);
		event_close(&out);
		break;
	}
	/* All lines or none, in one write: a record never leaves half its events behind. */
	if (out.err)
		return -1;
	if (out.len && fwrite(out.buf, 1, out.len, ctx->out) != out.len)
		return -1;
	return 0;
}
