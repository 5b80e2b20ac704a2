/* JSON-lines writer: one Tracee trace.Event object per ring-buffer record (docs/events.md). */
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "../decode/frame.h"
#include "../decode/signals.h"
#include "../shared/frame_layout.h"
#include "../proc/proc_ctx.h"
#include "../rules/findings.h"
#include "../cli/options.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* sa_flags as the kernel stores them (x86 value), not the host's <signal.h>. */
#define KERNEL_SA_SIGINFO 0x4u

/* At most: the rt_sigreturn event, one event per finding, the enforcement event. */
#define MAX_LINES (2 + SIGSCOPE_FINDING_MAX)

/* The event-specific part of the context keys. */
struct ev_head {
	const struct sigscope_task_ctx *tc;
	const char *id;
	const char *name;
	const char *syscall;
	int compat;
	json_int_t retval;
};

struct kv {
	const char *key;
	uint64_t val;
};

/* Length of the valid UTF-8 sequence at s (n bytes available), or 0 when none starts there. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4;
	else
		return 0;
	/* Narrowing the second byte's range rejects overlongs, surrogates and > U+10FFFF. */
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return need;
}

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

/* Setters record a failure in *err instead of returning it; jansson frees val when they fail. */
static void obj_set(json_t *obj, const char *key, json_t *val, int *err)
{
	if (json_object_set_new(obj, key, val) != 0)
		*err = 1;
}

static void arr_add(json_t *arr, json_t *val, int *err)
{
	if (json_array_append_new(arr, val) != 0)
		*err = 1;
}

static void add_arg(json_t *args, const char *name, const char *type, json_t *val, int *err)
{
	json_t *arg = json_object();

	obj_set(arg, "name", json_string(name), err);
	obj_set(arg, "type", json_string(type), err);
	obj_set(arg, "value", val, err);
	arr_add(args, arg, err);
}

static json_t *jhex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)v);
	return json_string(buf);
}

/* A string that came from outside sigscope: made valid UTF-8 first, as jansson requires. */
static json_t *jclean(const char *s, size_t n)
{
	char *clean = output_sanitize_utf8(s, n);
	json_t *j = clean ? json_string(clean) : NULL;

	free(clean);
	return j;
}

static json_t *jsig(int sig)
{
	char buf[32];

	return json_string(sigscope_signal_name(sig, buf, sizeof(buf)));
}

struct mask_arg {
	json_t *arr;
	int *err;
};

static void add_sig_name(int sig, void *arg)
{
	struct mask_arg *m = arg;

	arr_add(m->arr, jsig(sig), m->err);
}

static json_t *jmask(uint64_t mask, int *err)
{
	struct mask_arg m = {json_array(), err};

	sigscope_mask_for_each(mask, add_sig_name, &m);
	return m.arr;
}

static json_t *jsiginfo(const struct sigscope_siginfo *si, int *err)
{
	const char *code = sigscope_si_code_name(si->signo, si->code);
	json_t *o = json_object();

	obj_set(o, "si_signo", jsig(si->signo), err);
	obj_set(o, "si_errno", json_integer(si->errno_), err);
	obj_set(o, "si_code", code ? json_string(code) : json_integer(si->code), err);
	/* The union holds a sender for user-sent signals and SIGCHLD, an address for faults. */
	if (si->code <= 0 || si->signo == SIGCHLD) {
		obj_set(o, "si_pid", json_integer(si->pid), err);
		obj_set(o, "si_uid", json_integer(si->uid), err);
	} else if (si->signo == SIGSEGV || si->signo == SIGBUS || si->signo == SIGILL ||
		   si->signo == SIGFPE || si->signo == SIGTRAP) {
		obj_set(o, "si_addr", jhex(si->addr), err);
	}
	return o;
}

static json_t *jkv_hex(const struct kv *kv, size_t n, int *err)
{
	json_t *o = json_object();

	for (size_t i = 0; i < n; i++)
		obj_set(o, kv[i].key, jhex(kv[i].val), err);
	return o;
}

/* A register file in enum sigscope_reg order; ia32 has no r8..r15 (their names are NULL). */
static json_t *jregs(const __u64 *regs, int ia32, int *err)
{
	json_t *o = json_object();

	for (int r = 0; r < SIGSCOPE_NREGS; r++) {
		const char *name = sigscope_reg_name(r, ia32);

		if (name)
			obj_set(o, name, jhex(regs[r]), err);
	}
	return o;
}

static json_t *jreg_names(uint32_t mask, int ia32, int *err)
{
	json_t *arr = json_array();

	for (int r = 0; r < SIGSCOPE_NREGS; r++) {
		const char *name = sigscope_reg_name(r, ia32);

		if ((mask & (1u << r)) && name)
			arr_add(arr, json_string(name), err);
	}
	return arr;
}

static json_t *jmcontext(const struct sigscope_frame *f, int *err)
{
	const uint64_t *r = f->regs;

	if (f->kind == SIGSCOPE_FRAME_RT64) {
		const struct kv kv[] = {
		    {"r8", r[SIGSCOPE_REG_R8]},
		    {"r9", r[SIGSCOPE_REG_R9]},
		    {"r10", r[SIGSCOPE_REG_R10]},
		    {"r11", r[SIGSCOPE_REG_R11]},
		    {"r12", r[SIGSCOPE_REG_R12]},
		    {"r13", r[SIGSCOPE_REG_R13]},
		    {"r14", r[SIGSCOPE_REG_R14]},
		    {"r15", r[SIGSCOPE_REG_R15]},
		    {"rdi", r[SIGSCOPE_REG_RDI]},
		    {"rsi", r[SIGSCOPE_REG_RSI]},
		    {"rbp", r[SIGSCOPE_REG_RBP]},
		    {"rbx", r[SIGSCOPE_REG_RBX]},
		    {"rdx", r[SIGSCOPE_REG_RDX]},
		    {"rax", r[SIGSCOPE_REG_RAX]},
		    {"rcx", r[SIGSCOPE_REG_RCX]},
		    {"rsp", r[SIGSCOPE_REG_RSP]},
		    {"rip", r[SIGSCOPE_REG_RIP]},
		    {"eflags", r[SIGSCOPE_REG_EFLAGS]},
		    {"cs", r[SIGSCOPE_REG_CS]},
		    {"gs", f->gs},
		    {"fs", f->fs},
		    {"ss", r[SIGSCOPE_REG_SS]},
		    {"err", f->err},
		    {"trapno", f->trapno},
		    {"oldmask", f->oldmask},
		    {"cr2", f->cr2},
		    {"fpstate", f->fpstate},
		};

		return jkv_hex(kv, ARRAY_SIZE(kv), err);
	}
	const struct kv kv[] = {
	    {"gs", f->gs},
	    {"fs", f->fs},
	    {"es", f->es},
	    {"ds", f->ds},
	    {"edi", r[SIGSCOPE_REG_RDI]},
	    {"esi", r[SIGSCOPE_REG_RSI]},
	    {"ebp", r[SIGSCOPE_REG_RBP]},
	    {"esp", r[SIGSCOPE_REG_RSP]},
	    {"ebx", r[SIGSCOPE_REG_RBX]},
	    {"edx", r[SIGSCOPE_REG_RDX]},
	    {"ecx", r[SIGSCOPE_REG_RCX]},
	    {"eax", r[SIGSCOPE_REG_RAX]},
	    {"trapno", f->trapno},
	    {"err", f->err},
	    {"eip", r[SIGSCOPE_REG_RIP]},
	    {"cs", r[SIGSCOPE_REG_CS]},
	    {"eflags", r[SIGSCOPE_REG_EFLAGS]},
	    {"esp_at_signal", f->esp_at_signal},
	    {"ss", r[SIGSCOPE_REG_SS]},
	    {"fpstate", f->fpstate},
	    {"oldmask", f->oldmask},
	    {"cr2", f->cr2},
	};

	return jkv_hex(kv, ARRAY_SIZE(kv), err);
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
static json_t *jpairing(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev,
			const uint64_t *regs, int from_frame, int *err)
{
	const struct sigscope_delivery *d = &ev->delivery;
	int matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;
	int ia32 = ev->abi != SIGSCOPE_ABI_X86_64;
	json_t *o = json_object();

	obj_set(o, "status", json_string(status_name(ev->match_status)), err);
	obj_set(o, "method", json_string(method_name(ev->match_method)), err);
	if (matched) {
		obj_set(o, "signal", jsig(d->sig), err);
		obj_set(o, "deliverySeq", json_integer(d->seq), err);
		obj_set(o, "deliveryTimestamp",
			json_integer((json_int_t)d->ts_ns + ctx->mono_to_epoch_ns), err);
		obj_set(o, "handler", jhex(d->handler), err);
		obj_set(o, "restorer", jhex(d->restorer), err);
	}
	obj_set(o, "depth", json_integer(ev->depth), err);
	obj_set(o, "abandoned", json_integer(ev->abandoned), err);
	if (matched) {
		uint32_t changed = regs ? changed_mask(regs, d->regs, from_frame) : 0;

		obj_set(o, "changed", jreg_names(changed, ia32, err), err);
	}
	return o;
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

static json_t *jhex_bytes(const uint8_t *b, size_t n)
{
	char *hex = malloc(n * 2 + 1);
	json_t *j;

	if (!hex)
		return NULL;
	for (size_t i = 0; i < n; i++)
		snprintf(hex + i * 2, 3, "%02x", b[i]);
	hex[n * 2] = '\0';
	j = json_string(hex);
	free(hex);
	return j;
}

static void frame_args(const struct sigscope_sigreturn_event *ev, const struct sigscope_frame *f,
		       json_t *args, int *err)
{
	if (f->has_ucontext) {
		char ss_flags[64];
		json_t *st = json_object();

		add_arg(args, "uc_flags", "unsigned long", jhex(f->uc_flags), err);
		add_arg(args, "uc_link", "void*", jhex(f->uc_link), err);
		obj_set(st, "ss_sp", jhex(f->ss_sp), err);
		obj_set(st, "ss_flags",
			json_string(sigscope_ss_flags_str(f->ss_flags, ss_flags, sizeof(ss_flags))),
			err);
		obj_set(st, "ss_size", json_integer((json_int_t)f->ss_size), err);
		add_arg(args, "uc_stack", "stack_t", st, err);
	}
	add_arg(args, "uc_mcontext", "struct sigcontext", jmcontext(f, err), err);
	add_arg(args, "uc_sigmask", "sigset_t", jmask(f->sigmask, err), err);
	if (frame_has_siginfo(ev, f))
		add_arg(args, "siginfo", "siginfo_t", jsiginfo(&f->info, err), err);
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

static json_t *jfinding_names(uint32_t mask, int *err)
{
	json_t *arr = json_array();

	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
		if (mask & (1u << i))
			arr_add(arr, json_string(finding_name(i)), err);
	return arr;
}

/* The kernel's verdict (src/bpf/rules.bpf.h) as the rt_sigreturn event's last arg. */
static json_t *jverdict(const struct sigscope_verdict *vd, int ia32, int *err)
{
	json_t *o = json_object();
	int any = (vd->findings & ((1u << SIGSCOPE_FINDING_MAX) - 1)) != 0;

	obj_set(o, "findings", jfinding_names(vd->findings, err), err);
	obj_set(o, "allowed", jfinding_names(vd->allowed, err), err);
	obj_set(o, "maxSeverity",
		any && vd->max_severity <= SIGSCOPE_SEV_CRITICAL ? json_integer(vd->max_severity)
								 : json_null(),
		err);
	obj_set(o, "callSite", json_string(call_site_check_name(vd->call_site)), err);
	obj_set(o, "ripClass", json_string(mem_class_name(vd->rip_class)), err);
	obj_set(o, "rspClass", json_string(mem_class_name(vd->rsp_class)), err);
	obj_set(o, "changed", jreg_names(vd->changed_mask, ia32, err), err);
	obj_set(o, "enforced", json_boolean(vd->enforced), err);
	return o;
}

static void sigreturn_args(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev,
			   const struct sr_view *v, struct ev_head *h, json_t *args, int *err)
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

	add_arg(args, "ustack", "void*", jhex(ev->ustack), err);
	add_arg(args, "abi", "const char*", json_string(abi_name(ev->abi)), err);
	add_arg(args, "call_site", "void*", jhex(ev->call_site), err);
	add_arg(args, "frame_read", "const char*", json_string(frame_ok ? "ok" : "fault"), err);
	add_arg(args, "authority", "const char*", json_string(authority), err);
	if (have_frame)
		frame_args(ev, &v->f, args, err);
	if (applied)
		add_arg(args, "restored", "struct pt_regs", jregs(ev->applied, ia32, err), err);
	add_arg(args, "mismatch", "const char**", jreg_names(mismatch, ia32, err), err);
	add_arg(args, "pairing", "object",
		jpairing(ctx, ev, v->have_regs ? v->regs : NULL, !applied, err), err);
	/* stack_len is the requested length (--stack-bytes), set even when the read failed. */
	if (ev->stack_len > 0) {
		size_t n = ev->stack_len < sizeof(ev->stack) ? ev->stack_len : sizeof(ev->stack);

		add_arg(args, "stack_bytes", "bytes",
			(ev->flags & SIGSCOPE_SR_STACK_OK) ? jhex_bytes(ev->stack, n)
							   : json_string(""),
			err);
	}
	add_arg(args, "verdict", "object", jverdict(&ev->verdict, ia32, err), err);
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
			 json_t *args, int *err)
{
	const struct sigscope_delivery *d = &ev->dlv;
	char sa_flags[256];

	h->tc = &ev->ctx;
	h->id = "8001";
	h->name = "signal_deliver";
	h->compat = (d->flags & SIGSCOPE_DLV_COMPAT) != 0;

	add_arg(args, "sig", "int", json_integer(d->sig), err);
	add_arg(args, "signal", "const char*", jsig(d->sig), err);
	if (ev->info.valid)
		add_arg(args, "siginfo", "siginfo_t", jsiginfo(&ev->info, err), err);
	add_arg(args, "handler", "void*", jhex(d->handler), err);
	add_arg(args, "sa_flags", "const char*",
		json_string(sigscope_sa_flags_str(d->sa_flags, sa_flags, sizeof(sa_flags))), err);
	add_arg(args, "sa_restorer", "void*", jhex(d->restorer), err);
	add_arg(args, "sa_mask", "sigset_t", jmask(d->sa_mask, err), err);
	add_arg(args, "blocked", "sigset_t", jmask(d->blocked, err), err);
	add_arg(args, "regs", "struct pt_regs", jregs(d->regs, h->compat, err), err);
	add_arg(args, "restart", "const char*", json_string(restart_name(d->flags)), err);
	add_arg(args, "altstack", "bool", json_boolean(d->flags & SIGSCOPE_DLV_ALTSTACK), err);
	add_arg(args, "handled", "bool", json_boolean(d->flags & SIGSCOPE_DLV_HANDLER), err);
	add_arg(args, "deliverySeq", "int", json_integer(d->seq), err);
	add_arg(args, "depth", "int", json_integer(ev->depth), err);
}

static json_t *jresult(int32_t result)
{
	static const char *const names[] = {"delivered",     "ignored",	  "already_pending",
					    "overflow_fail", "lose_info", "handled"};
	char buf[16];

	if (result >= 0 && (size_t)result < ARRAY_SIZE(names))
		return json_string(names[result]);
	snprintf(buf, sizeof(buf), "%d", result);
	return json_string(buf);
}

static void generate_args(const struct sigscope_signal_generate_event *ev, struct ev_head *h,
			  json_t *args, int *err)
{
	const char *code = sigscope_si_code_name(ev->sig, ev->code);

	h->tc = &ev->ctx;
	h->id = "8002";
	h->name = "signal_generate";

	add_arg(args, "sig", "int", json_integer(ev->sig), err);
	add_arg(args, "signal", "const char*", jsig(ev->sig), err);
	add_arg(args, "si_code", code ? "const char*" : "int",
		code ? json_string(code) : json_integer(ev->code), err);
	add_arg(args, "target_pid", "int", json_integer(ev->target_pid), err);
	add_arg(args, "target_tid", "int", json_integer(ev->target_tid), err);
	add_arg(args, "target_comm", "const char*",
		jclean(ev->target_comm, sizeof(ev->target_comm)), err);
	add_arg(args, "group", "bool", json_boolean(ev->group), err);
	add_arg(args, "result", "const char*", jresult(ev->result), err);
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

static json_t *jevent(const struct output_ctx *ctx, const struct ev_head *h, json_t *args, int *err)
{
	const struct sigscope_task_ctx *tc = h->tc;
	json_t *o = json_object(), *exe = json_object(), *flags = json_object();
	struct event_enrichment en = enrich(ctx, tc);

	obj_set(o, "timestamp", json_integer((json_int_t)tc->ts_ns + ctx->mono_to_epoch_ns), err);
	obj_set(o, "threadStartTime",
		json_integer((json_int_t)tc->thread_start_ns + ctx->mono_to_epoch_ns), err);
	obj_set(o, "processorId", json_integer(tc->cpu), err);
	obj_set(o, "processId", json_integer(tc->ns_pid), err);
	obj_set(o, "threadId", json_integer(tc->ns_tid), err);
	obj_set(o, "parentProcessId", json_integer(tc->ns_ppid), err);
	obj_set(o, "hostProcessId", json_integer(tc->host_pid), err);
	obj_set(o, "hostThreadId", json_integer(tc->host_tid), err);
	obj_set(o, "hostParentProcessId", json_integer(tc->host_ppid), err);
	obj_set(o, "userId", json_integer(tc->uid), err);
	obj_set(o, "mountNamespace", json_integer(tc->mnt_ns), err);
	obj_set(o, "pidNamespace", json_integer(tc->pid_ns), err);
	obj_set(o, "processName", jclean(tc->comm, sizeof(tc->comm)), err);
	obj_set(exe, "path", jclean(en.exe_path, SIZE_MAX), err);
	obj_set(o, "executable", exe, err);
	obj_set(o, "hostName", jclean(ctx->hostname ? ctx->hostname : "", SIZE_MAX), err);
	obj_set(o, "cgroupId", json_integer((json_int_t)tc->cgroup_id), err);
	obj_set(o, "containerId", jclean(en.container_id, SIZE_MAX), err);
	obj_set(flags, "containerStarted", json_false(), err);
	obj_set(flags, "isCompat", json_boolean(h->compat), err);
	obj_set(o, "contextFlags", flags, err);
	obj_set(o, "eventId", json_string(h->id), err);
	obj_set(o, "eventName", json_string(h->name), err);
	obj_set(o, "argsNum", json_integer((json_int_t)json_array_size(args)), err);
	obj_set(o, "returnValue", json_integer(h->retval), err);
	obj_set(o, "syscall", json_string(h->syscall), err);
	obj_set(o, "stackAddresses", json_array(), err);
	obj_set(o, "args", args, err);
	return o;
}

/* A known type and at least its struct's bytes: anything else is not worth a partial line. */
static int record_ok(const void *data, size_t len)
{
	uint32_t type;

	if (len < sizeof(type))
		return 0;
	memcpy(&type, data, sizeof(type));
	switch (type) {
	case SIGSCOPE_EV_RT_SIGRETURN:
		return len >= sizeof(struct sigscope_sigreturn_event);
	case SIGSCOPE_EV_SIGNAL_DELIVER:
		return len >= sizeof(struct sigscope_signal_deliver_event);
	case SIGSCOPE_EV_SIGNAL_GENERATE:
		return len >= sizeof(struct sigscope_signal_generate_event);
	default:
		return 0;
	}
}

/* Events filtered in user space: rt_sigreturn records also arrive for their findings alone. */
static int event_selected(const struct output_ctx *ctx, uint32_t type)
{
	return ctx->events == 0 || (ctx->events & OPT_EVENT_BIT(type)) != 0;
}

/* The /proc/PID/maps name of addr's mapping in the task, "" without a process cache. */
static json_t *jmapping(const struct output_ctx *ctx, const struct sigscope_task_ctx *tc,
			uint64_t addr)
{
	char buf[PATH_MAX + 32];

	if (!ctx->procs)
		return json_string("");
	return jclean(proc_mapping_name(ctx->procs, tc->host_pid, addr, buf, sizeof(buf)),
		      SIZE_MAX);
}

static json_t *jrip_rsp(uint64_t rip, uint64_t rsp, int *err)
{
	json_t *o = json_object();

	obj_set(o, "rip", jhex(rip), err);
	obj_set(o, "rsp", jhex(rsp), err);
	return o;
}

/* A restored register, null when neither the exit hook nor the frame says what it is. */
static json_t *jrestored(const struct sr_view *v, int reg)
{
	return v->have_regs ? jhex(v->regs[reg]) : json_null();
}

/* What made the kernel raise finding (docs/events.md "Findings"). */
static json_t *jevidence(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev,
			 const struct sr_view *v, unsigned int finding, int *err)
{
	const struct sigscope_verdict *vd = &ev->verdict;
	const struct sigscope_task_ctx *tc = &ev->ctx;
	int matched = ev->match_status == SIGSCOPE_MATCH_MATCHED;
	json_t *o = json_object();

	switch (finding) {
	case SIGSCOPE_FINDING_FORGED_FRAME:
		obj_set(o, "ustack", jhex(ev->ustack), err);
		obj_set(o, "outstanding_deliveries", json_integer(ev->depth), err);
		obj_set(o, "thread_predates_tracer",
			json_boolean((ev->flags & SIGSCOPE_SR_PREDATES) ||
				     ev->match_status == SIGSCOPE_MATCH_THREAD_PREDATES),
			err);
		break;
	case SIGSCOPE_FINDING_WRONG_CALL_SITE:
		obj_set(o, "call_site", jhex(ev->call_site), err);
		obj_set(o, "check", json_string(call_site_check_name(vd->call_site)), err);
		if (matched)
			obj_set(o, "delivered_restorer", jhex(ev->delivery.restorer), err);
		break;
	case SIGSCOPE_FINDING_TAMPERED:
		obj_set(o, "changed", jreg_names(vd->changed_mask, v->ia32, err), err);
		obj_set(o, "saved",
			jrip_rsp(ev->delivery.regs[SIGSCOPE_REG_RIP],
				 ev->delivery.regs[SIGSCOPE_REG_RSP], err),
			err);
		obj_set(o, "restored",
			v->have_regs
			    ? jrip_rsp(v->regs[SIGSCOPE_REG_RIP], v->regs[SIGSCOPE_REG_RSP], err)
			    : json_null(),
			err);
		obj_set(o, "rip_class", json_string(mem_class_name(vd->rip_class)), err);
		obj_set(o, "rip_mapping",
			v->have_regs ? jmapping(ctx, tc, v->regs[SIGSCOPE_REG_RIP])
				     : json_string(""),
			err);
		break;
	case SIGSCOPE_FINDING_STACK_PIVOT:
		obj_set(o, "rsp", jrestored(v, SIGSCOPE_REG_RSP), err);
		obj_set(o, "reference_rsp", jhex(vd->rsp_ref), err);
		obj_set(o, "rsp_class", json_string(mem_class_name(vd->rsp_class)), err);
		obj_set(o, "rsp_mapping",
			v->have_regs ? jmapping(ctx, tc, v->regs[SIGSCOPE_REG_RSP])
				     : json_string(""),
			err);
		obj_set(o, "reference_mapping", jmapping(ctx, tc, vd->rsp_ref), err);
		break;
	case SIGSCOPE_FINDING_TOCTOU:
		obj_set(o, "mismatch",
			jreg_names((ev->flags & SIGSCOPE_SR_MISMATCH) ? ev->mismatch_mask : 0,
				   v->ia32, err),
			err);
		obj_set(o, "frame_read", json_string(v->frame_ok ? "ok" : "fault"), err);
		break;
	case SIGSCOPE_FINDING_ABI_SWITCH:
		obj_set(o, "abi", json_string(abi_name(ev->abi)), err);
		obj_set(o, "entry_cs", jhex(ev->entry_cs), err);
		obj_set(o, "restored_cs", jrestored(v, SIGSCOPE_REG_CS), err);
		break;
	default: /* SIGSCOPE_FINDING_PREEXISTING */
		obj_set(o, "ustack", jhex(ev->ustack), err);
		obj_set(o, "restored_rsp", jrestored(v, SIGSCOPE_REG_RSP), err);
		break;
	}
	return o;
}

/* Tracee's signature finding metadata. */
static json_t *jmetadata(const struct finding_info *fi, unsigned int severity, int enforced,
			 int *err)
{
	json_t *m = json_object(), *tags = json_array(), *props = json_object();

	obj_set(m, "Version", json_string("1"), err);
	obj_set(m, "Description", json_string(fi->description), err);
	arr_add(tags, json_string("signal"), err);
	arr_add(tags, json_string("sigreturn"), err);
	obj_set(m, "Tags", tags, err);
	obj_set(props, "Severity", json_integer(severity), err);
	obj_set(props, "Category", json_string(fi->category), err);
	obj_set(props, "Technique", json_string(fi->technique), err);
	obj_set(props, "external_id", json_string(fi->external_id), err);
	obj_set(props, "signatureID", json_string(fi->signature_id), err);
	obj_set(props, "signatureName", json_string(fi->signature_name), err);
	obj_set(props, "enforced", json_boolean(enforced), err);
	obj_set(m, "Properties", props, err);
	return m;
}

/* One finding's event. sr: the rt_sigreturn's head; sr_args: its args, shared, not copied. */
static json_t *jfinding(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev,
			const struct sr_view *v, const struct ev_head *sr, json_t *sr_args,
			unsigned int finding, int *err)
{
	const struct finding_info *fi = finding_get(finding);
	struct ev_head h = *sr;
	json_t *args = json_array(), *trig = json_object(), *event;
	char id[16];

	snprintf(id, sizeof(id), "%d", fi->event_id);
	h.id = id;
	h.name = fi->event_name;
	h.retval = 0;
	obj_set(trig, "id", json_integer(strtol(sr->id, NULL, 10)), err);
	obj_set(trig, "name", json_string(sr->name), err);
	obj_set(trig, "returnValue", json_integer(sr->retval), err);
	obj_set(trig, "args", json_incref(sr_args), err);
	add_arg(args, "triggeredBy", "unknown", trig, err);
	add_arg(args, "evidence", "object", jevidence(ctx, ev, v, finding, err), err);
	event = jevent(ctx, &h, args, err);
	obj_set(event, "metadata",
		jmetadata(fi, ev->verdict.severity[finding], ev->verdict.enforced, err), err);
	return event;
}

/* The kill made at the hook; lists the findings that reached the threshold (all of them when the
 * threshold is not known). */
static json_t *jenforcement(const struct output_ctx *ctx, const struct sigscope_sigreturn_event *ev,
			    const struct ev_head *sr, int *err)
{
	const struct sigscope_verdict *vd = &ev->verdict;
	int threshold = ctx->enforce_threshold;
	int known = threshold >= 0 && threshold <= SIGSCOPE_SEV_CRITICAL;
	struct ev_head h = *sr;
	json_t *args = json_array(), *names = json_array();
	char id[16];

	snprintf(id, sizeof(id), "%d", ENFORCEMENT_EVENT_ID);
	h.id = id;
	h.name = ENFORCEMENT_EVENT_NAME;
	h.retval = 0;
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
		if ((vd->findings & (1u << i)) && (!known || vd->severity[i] >= threshold))
			arr_add(names, json_string(finding_name(i)), err);
	add_arg(args, "signal", "const char*", jsig(SIGKILL), err);
	add_arg(args, "findings", "const char**", names, err);
	add_arg(args, "severity", "int", json_integer(vd->max_severity), err);
	add_arg(args, "threshold", "int", known ? json_integer(threshold) : json_null(), err);
	add_arg(args, "ustack", "void*", jhex(ev->ustack), err);
	return jevent(ctx, &h, args, err);
}

struct lines {
	char *s[MAX_LINES];
	int n;
};

/* Serializes event into the next line; consumes event. */
static void take_line(struct lines *l, json_t *event, int *err)
{
	char *s = *err || l->n == MAX_LINES ? NULL
					    : json_dumps(event, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(event);
	if (!s)
		*err = 1;
	else
		l->s[l->n++] = s;
}

/* The rt_sigreturn event (when selected), then one event per finding in finding order, then the
 * enforcement event. */
static void sigreturn_events(const struct output_ctx *ctx,
			     const struct sigscope_sigreturn_event *ev, struct lines *l, int *err)
{
	struct ev_head h = {.syscall = ""};
	json_t *args = json_array();
	struct sr_view v;

	sr_view_init(ev, &v);
	sigreturn_args(ctx, ev, &v, &h, args, err);
	if (event_selected(ctx, SIGSCOPE_EV_RT_SIGRETURN))
		take_line(l, jevent(ctx, &h, json_incref(args), err), err);
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
		if (ev->verdict.findings & (1u << i))
			take_line(l, jfinding(ctx, ev, &v, &h, args, i, err), err);
	if (ev->verdict.enforced)
		take_line(l, jenforcement(ctx, ev, &h, err), err);
	json_decref(args);
}

int output_json_event(const struct output_ctx *ctx, const void *data, size_t len)
{
	struct ev_head h = {.syscall = ""};
	struct lines l = {.n = 0};
	json_t *args;
	int err = 0, rc = 0;

	if (!record_ok(data, len))
		return -1;
	switch (*(const uint32_t *)data) {
	case SIGSCOPE_EV_RT_SIGRETURN:
		sigreturn_events(ctx, data, &l, &err);
		break;
	case SIGSCOPE_EV_SIGNAL_DELIVER:
		args = json_array();
		deliver_args(data, &h, args, &err);
		take_line(&l, jevent(ctx, &h, args, &err), &err);
		break;
	default:
		args = json_array();
		generate_args(data, &h, args, &err);
		take_line(&l, jevent(ctx, &h, args, &err), &err);
		break;
	}
	/* All lines or none: a record never leaves half its events behind. */
	for (int i = 0; i < l.n; i++) {
		if (!err && rc == 0 && fprintf(ctx->out, "%s\n", l.s[i]) < 0)
			rc = -1;
		free(l.s[i]);
	}
	return err ? -1 : rc;
}
