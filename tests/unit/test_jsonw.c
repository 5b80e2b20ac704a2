/*
 * The streaming JSON writer (src/output/jsonw.c) and the JSON lines made with it.
 *
 * The expected output lives in tests/unit/golden/ (one file per fixture and format: json,
 * tracee-v2, table), checked byte for byte by golden_files at the end and rewritten by
 * `make golden`. The JSON ones began as the bytes of the jansson writer src/output/json.c used
 * before (json_dumps with JSON_COMPACT | JSON_PRESERVE_ORDER). Every line is also parsed back with
 * jansson, and random strings are checked against jansson's escaping (the round-trip check). A
 * line that differs is printed as a C literal, with the byte where it parts from the golden one.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "util/text.h"
#include "unit.h"
#include "json_big.h"
#include "records.h"
#include "jsonq.h"

/* Expected output: tests/unit/golden/ (the golden_files test at the end). */
#ifndef GOLDEN_DIR
#define GOLDEN_DIR "tests/unit/golden"
#endif
#include "decode/names.h"
#include "output/jsonw.h"
#include "output/output.h"
#include "proc/proc_ctx.h"
#include "shared/frame_layout.h"

#define EPOCH_OFF 1764387000000000000LL
/* No process has this pid (pid_max is at most 2^22): /proc lookups fail, the fallback answers. */
#define GONE_PID 4000000000u

union rec {
	struct sigscope_sigreturn_event sr;
	struct sigscope_signal_deliver_event dl;
	struct sigscope_signal_generate_event gen;
};

/* make_finding() of records.h as a golden record. */
static size_t finding_rec(union rec *r, unsigned int finding, uint8_t sev)
{
	make_finding(&r->sr, finding, sev);
	return sizeof(r->sr);
}

/* The executable path a golden case gives processes that are gone (proc cache fallback). */
static const char *fallback_path;

static const char *exe_fallback(void *arg, uint32_t pid, char *buf, size_t len)
{
	(void)arg;
	(void)pid;
	(void)buf;
	(void)len;
	return fallback_path;
}

/* A process cache for a gone process: executable from the fallback, no container, no maps. */
static struct proc_cache *gone_procs(const char *exe)
{
	struct proc_cache *c = proc_cache_new();

	if (c)
		proc_cache_set_exe_fallback(c, exe_fallback, NULL);
	fallback_path = exe;
	return c;
}

/* ---- golden cases: each builds one record and the writer's context ---- */

typedef size_t (*make_fn)(union rec *r, struct output_ctx *c);

static size_t mk_rt64_matched(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_rt64(&r->sr);
	return sizeof(r->sr);
}

/* No exit hook: the frame is what will be restored, eflags compared on FIX_EFLAGS bits only. */
static size_t mk_rt64_frame_only(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_rt64(&r->sr);
	r->sr.flags = SIGSCOPE_SR_FRAME_OK;
	r->sr.stack_len = 0;
	/* IF is not among the FIX_EFLAGS bits: eflags is not "changed"; r9 is. */
	put64(r->sr.frame + RT64_MCONTEXT, SC64_EFLAGS, 0x46);
	put64(r->sr.frame + RT64_MCONTEXT, SC64_R8 + 8, 0x99);
	return sizeof(r->sr);
}

static size_t mk_rt64_frame_fault(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_rt64(&r->sr);
	r->sr.flags = 0;
	r->sr.frame_err = -14;
	r->sr.match_status = SIGSCOPE_MATCH_UNMATCHED;
	r->sr.stack_len = 64;
	r->sr.stack_err = -14;
	return sizeof(r->sr);
}

static size_t mk_rt64_predates(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_rt64(&r->sr);
	r->sr.flags = SIGSCOPE_SR_FRAME_OK | SIGSCOPE_SR_PREDATES;
	r->sr.match_status = SIGSCOPE_MATCH_THREAD_PREDATES;
	r->sr.match_method = SIGSCOPE_MATCH_BY_NONE;
	r->sr.stack_len = 0;
	return sizeof(r->sr);
}

/* Unmatched, si_signo out of range: no siginfo arg. */
static size_t mk_rt64_unmatched_no_siginfo(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_rt64(&r->sr);
	r->sr.match_status = SIGSCOPE_MATCH_UNMATCHED;
	r->sr.match_method = SIGSCOPE_MATCH_BY_NONE;
	put32(r->sr.frame + RT64_SIGINFO, 0, 65);
	r->sr.stack_len = 0;
	return sizeof(r->sr);
}

/* Every byte value in the stack bytes; a length beyond the buffer is cut to it. */
static size_t mk_rt64_stack_all_bytes(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_rt64(&r->sr);
	r->sr.flags = SIGSCOPE_SR_APPLIED | SIGSCOPE_SR_STACK_OK;
	r->sr.match_status = SIGSCOPE_MATCH_UNMATCHED;
	r->sr.stack_len = 100000;
	for (size_t i = 0; i < sizeof(r->sr.stack); i++)
		r->sr.stack[i] = (uint8_t)(i * 7 + 3);
	return sizeof(r->sr);
}

/* Values at the edges of their types and enums out of range. */
static size_t mk_rt64_extremes(union rec *r, struct output_ctx *c)
{
	struct sigscope_sigreturn_event *ev = &r->sr;

	c->mono_to_epoch_ns = -5000123456LL; /* timestamp 0 */
	c->hostname = NULL;
	make_rt64(ev);
	ev->abi = 7;
	ev->match_status = 9;
	ev->match_method = 9;
	ev->depth = UINT32_MAX;
	ev->abandoned = 0x80000000u;
	ev->retval = INT64_MIN;
	ev->ustack = UINT64_MAX;
	ev->call_site = 0;
	ev->stack_len = 0;
	ev->hdr.ctx.cgroup_id = UINT64_MAX;
	ev->hdr.ctx.cpu = UINT32_MAX;
	ev->hdr.ctx.host_pid = UINT32_MAX;
	ev->hdr.ctx.ns_pid = 0;
	ev->hdr.ctx.uid = 0xfffffffeu;
	ev->hdr.ctx.mnt_ns = UINT32_MAX;
	ev->hdr.ctx.thread_start_ns = 0;
	put32(ev->frame, RT64_SS_FLAGS, 0x80000007u);
	put64(ev->frame, RT64_SS_SIZE, UINT64_MAX);
	put64(ev->frame, RT64_SS_SP, 0x8000000000000000ull);
	put64(ev->frame, RT64_SIGMASK, UINT64_MAX);
	put32(ev->frame + RT64_SIGINFO, 4, (uint32_t)INT32_MIN); /* si_errno */
	ev->applied[SIGSCOPE_REG_R15] = UINT64_MAX;
	ev->mismatch_mask = UINT32_MAX;
	ev->verdict.max_severity = 9;
	ev->verdict.rip_class = 200;
	ev->verdict.rsp_class = 8;
	ev->verdict.call_site = 5;
	ev->verdict.changed_mask = UINT32_MAX;
	ev->verdict.allowed = UINT32_MAX;
	return sizeof(*ev);
}

static size_t mk_rt_ia32_unmatched(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_rt_ia32(&r->sr);
	return sizeof(r->sr);
}

/* ia32, restored at exit and matched: register names are the 32-bit ones throughout. */
static size_t mk_rt_ia32_matched(union rec *r, struct output_ctx *c)
{
	struct sigscope_sigreturn_event *ev = &r->sr;

	(void)c;
	make_rt_ia32(ev);
	ev->flags |= SIGSCOPE_SR_APPLIED | SIGSCOPE_SR_MISMATCH | SIGSCOPE_SR_STACK_OK;
	ev->applied[SIGSCOPE_REG_RIP] = 0x8049010;
	ev->applied[SIGSCOPE_REG_RSP] = 0xffffd100;
	ev->applied[SIGSCOPE_REG_RAX] = 0xfffffffc;
	ev->applied[SIGSCOPE_REG_CS] = 0x23;
	ev->applied[SIGSCOPE_REG_SS] = 0x2b;
	ev->applied[SIGSCOPE_REG_EFLAGS] = 0x246;
	ev->retval = -4;
	ev->mismatch_mask = 1u << SIGSCOPE_REG_RIP;
	ev->match_status = SIGSCOPE_MATCH_MATCHED;
	ev->match_method = SIGSCOPE_MATCH_BY_CONTEXT;
	ev->depth = 2;
	ev->abandoned = 1;
	ev->delivery.ts_ns = 4000000000;
	ev->delivery.regs[SIGSCOPE_REG_RIP] = 0x8049000;
	ev->delivery.regs[SIGSCOPE_REG_RSP] = 0xffffd100;
	ev->delivery.regs[SIGSCOPE_REG_RAX] = 0xfffffffc;
	ev->delivery.regs[SIGSCOPE_REG_CS] = 0x23;
	ev->delivery.regs[SIGSCOPE_REG_SS] = 0x2b;
	ev->delivery.handler = 0x8049100;
	ev->delivery.restorer = 0xf7fc1540;
	ev->delivery.sa_flags = 0x4;
	ev->delivery.sig = 34;
	ev->delivery.seq = 9;
	ev->stack_len = 3;
	memcpy(ev->stack, "\x00\x01\xff", 3);
	ev->verdict.max_severity = SIGSCOPE_SEV_NONE;
	ev->verdict.call_site = SIGSCOPE_SITE_VDSO;
	ev->verdict.rip_class = SIGSCOPE_MEM_VDSO;
	ev->verdict.rsp_class = SIGSCOPE_MEM_STACK;
	ev->verdict.changed_mask = 1u << SIGSCOPE_REG_RIP;
	return sizeof(*ev);
}

static size_t mk_sig_ia32_legacy(union rec *r, struct output_ctx *c)
{
	struct sigscope_sigreturn_event *ev = &r->sr;

	(void)c;
	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = SIGSCOPE_EV_RT_SIGRETURN;
	ev->hdr.size = sizeof(*ev);
	ev->abi = SIGSCOPE_ABI_IA32_FROM_64;
	ev->frame_kind = SIGSCOPE_FRAME_SIG_IA32;
	ev->syscall_nr = SIGSCOPE_NR_SIGRETURN_IA32;
	ev->flags = SIGSCOPE_SR_FRAME_OK | SIGSCOPE_SR_APPLIED;
	ev->frame_len = SIG32_SIZE;
	fill_ctx(&ev->hdr.ctx, "legacy", 6);
	put32(ev->frame, SIG32_MCONTEXT + SC32_EIP, 0x401000);
	put32(ev->frame, SIG32_MCONTEXT + SC32_OLDMASK, 1u << (10 - 1));
	put32(ev->frame, SIG32_EXTRAMASK, 1u << (33 - 33));
	ev->applied[SIGSCOPE_REG_RIP] = 0x401000;
	ev->applied[SIGSCOPE_REG_RAX] = 5;
	ev->retval = 5;
	ev->match_status = SIGSCOPE_MATCH_MATCHED;
	ev->match_method = SIGSCOPE_MATCH_BY_CONTEXT;
	ev->delivery.sa_flags = 0x4;
	ev->delivery.regs[SIGSCOPE_REG_RIP] = 0x401000;
	ev->delivery.sig = 10;
	return sizeof(*ev);
}

static size_t mk_deliver(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_deliver(&r->dl);
	return sizeof(r->dl);
}

/* Compat task, no siginfo, default action, -EINTR. */
static size_t mk_deliver_compat(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_deliver(&r->dl);
	r->dl.info.valid = 0;
	r->dl.dlv.handler = 0;
	r->dl.dlv.flags = SIGSCOPE_DLV_COMPAT | SIGSCOPE_DLV_EINTR;
	return sizeof(r->dl);
}

static size_t mk_deliver_sigsegv(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_deliver(&r->dl);
	r->dl.dlv.sig = r->dl.info.signo = 11;
	r->dl.info.code = 1; /* SEGV_MAPERR */
	r->dl.info.errno_ = -14;
	r->dl.info.addr = 0xdead000;
	r->dl.dlv.sa_flags = 0x0c000004; /* SA_SIGINFO|SA_RESTORER|SA_ONSTACK */
	r->dl.dlv.sa_mask = 0;
	r->dl.dlv.blocked = 0;
	r->dl.dlv.flags = SIGSCOPE_DLV_HANDLER | SIGSCOPE_DLV_ALTSTACK;
	return sizeof(r->dl);
}

static size_t mk_deliver_sigchld(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_deliver(&r->dl);
	r->dl.dlv.sig = r->dl.info.signo = 17;
	r->dl.info.code = 1; /* CLD_EXITED: a sender, not an address */
	r->dl.info.pid = 4444;
	r->dl.info.uid = 0;
	r->dl.dlv.flags = 0;
	r->dl.dlv.handler = 1; /* SIG_IGN */
	return sizeof(r->dl);
}

/* Unknown signal, unknown si_code (a number), unknown sa_flags bits, full masks. */
static size_t mk_deliver_odd(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_deliver(&r->dl);
	r->dl.dlv.sig = r->dl.info.signo = 99;
	r->dl.info.code = 12345;
	r->dl.dlv.sa_flags = 0xffffffffffffffffULL;
	r->dl.dlv.sa_mask = UINT64_MAX;
	r->dl.dlv.blocked = 0x8000000000000001ULL;
	r->dl.dlv.seq = UINT32_MAX;
	r->dl.depth = 0;
	r->dl.dlv.flags = SIGSCOPE_DLV_RESTARTED | SIGSCOPE_DLV_EINTR;
	return sizeof(r->dl);
}

static size_t mk_deliver_rt_queue(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_deliver(&r->dl);
	r->dl.dlv.sig = r->dl.info.signo = 40;
	r->dl.info.code = -1; /* SI_QUEUE */
	r->dl.dlv.sa_flags = 0;
	return sizeof(r->dl);
}

static size_t mk_generate(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_generate(&r->gen);
	return sizeof(r->gen);
}

static size_t mk_generate_odd(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_generate(&r->gen);
	r->gen.code = 12345;
	r->gen.group = 1;
	r->gen.result = 2;
	memcpy(r->gen.target_comm, "t\"\x01\xff\x80", 6);
	return sizeof(r->gen);
}

static size_t mk_generate_result_unknown(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_generate(&r->gen);
	r->gen.sig = 0;
	r->gen.code = 0;
	r->gen.result = 42;
	return sizeof(r->gen);
}

static size_t mk_generate_result_negative(union rec *r, struct output_ctx *c)
{
	(void)c;
	make_generate(&r->gen);
	r->gen.sig = 9;
	r->gen.code = 0x80; /* SI_KERNEL */
	r->gen.group = -1;
	r->gen.result = INT32_MIN;
	r->gen.target_pid = UINT32_MAX;
	return sizeof(r->gen);
}

/* A gone process's executable through the cache fallback, with every kind of hostile byte. */
static size_t mk_generate_exe_path(union rec *r, struct output_ctx *c)
{
	c->procs =
	    gone_procs("/opt/a b/\"q\"\\/\x01\x1f\x7f\n\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
		       "\xff\xc0\xaf\xed\xa0\x80/bin");
	c->hostname = "h\xc3\xa9st\x1b[0m\xfe";
	make_generate(&r->gen);
	r->gen.hdr.ctx.host_pid = GONE_PID;
	return sizeof(r->gen);
}

#define FINDING_CASE(fn, finding, sev)                                                             \
	static size_t fn(union rec *r, struct output_ctx *c)                                       \
	{                                                                                          \
		(void)c;                                                                           \
		return finding_rec(r, finding, sev);                                               \
	}
FINDING_CASE(mk_finding_forged, SIGSCOPE_FINDING_FORGED_FRAME, SIGSCOPE_SEV_CRITICAL)
FINDING_CASE(mk_finding_call_site, SIGSCOPE_FINDING_WRONG_CALL_SITE, SIGSCOPE_SEV_HIGH)
FINDING_CASE(mk_finding_tampered, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_HIGH)
FINDING_CASE(mk_finding_pivot, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_MEDIUM)
FINDING_CASE(mk_finding_toctou, SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_HIGH)
FINDING_CASE(mk_finding_abi, SIGSCOPE_FINDING_ABI_SWITCH, SIGSCOPE_SEV_INFO)
FINDING_CASE(mk_finding_preexisting, SIGSCOPE_FINDING_PREEXISTING, SIGSCOPE_SEV_LOW)

/* Without the exit hook nor a frame: the restored registers are not known (null evidence). */
static size_t mk_findings_no_regs(union rec *r, struct output_ctx *c)
{
	struct sigscope_sigreturn_event *ev = &r->sr;

	(void)c;
	make_sr(ev);
	ev->flags = 0;
	ev->frame_err = -14;
	raise_finding(ev, SIGSCOPE_FINDING_TAMPERED, SIGSCOPE_SEV_HIGH);
	raise_finding(ev, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
	raise_finding(ev, SIGSCOPE_FINDING_ABI_SWITCH, SIGSCOPE_SEV_HIGH);
	raise_finding(ev, SIGSCOPE_FINDING_PREEXISTING, SIGSCOPE_SEV_LOW);
	return sizeof(*ev);
}

/* Several findings, one allowed by policy, and a kill at threshold high. */
static size_t mk_findings_enforced(union rec *r, struct output_ctx *c)
{
	struct sigscope_sigreturn_event *ev = &r->sr;

	c->enforce_threshold = SIGSCOPE_SEV_HIGH;
	make_sr(ev);
	ev->match_status = SIGSCOPE_MATCH_UNMATCHED;
	ev->flags |= SIGSCOPE_SR_MISMATCH;
	raise_finding(ev, SIGSCOPE_FINDING_TOCTOU, SIGSCOPE_SEV_LOW);
	raise_finding(ev, SIGSCOPE_FINDING_STACK_PIVOT, SIGSCOPE_SEV_HIGH);
	raise_finding(ev, SIGSCOPE_FINDING_FORGED_FRAME, SIGSCOPE_SEV_CRITICAL);
	ev->verdict.allowed = 1u << SIGSCOPE_FINDING_TAMPERED;
	ev->verdict.severity[SIGSCOPE_FINDING_TAMPERED] = SIGSCOPE_SEV_HIGH;
	ev->verdict.enforced = 1;
	return sizeof(*ev);
}

/* The same kill, threshold not known to the writer, rt_sigreturn itself not selected. */
static size_t mk_findings_enforced_unselected(union rec *r, struct output_ctx *c)
{
	size_t len = mk_findings_enforced(r, c);

	c->enforce_threshold = -1;
	c->events = EVENT_BIT(SIGSCOPE_EV_SIGNAL_DELIVER);
	return len;
}

/* A kill the verdict names no finding for (the kernel's word is final). */
static size_t mk_enforced_no_findings(union rec *r, struct output_ctx *c)
{
	c->enforce_threshold = SIGSCOPE_SEV_CRITICAL;
	make_sr(&r->sr);
	r->sr.verdict.enforced = 1;
	r->sr.verdict.max_severity = SIGSCOPE_SEV_CRITICAL;
	return sizeof(r->sr);
}

/* Unselected and nothing found: no line at all. */
static size_t mk_unselected_quiet(union rec *r, struct output_ctx *c)
{
	c->events = EVENT_BIT(SIGSCOPE_EV_SIGNAL_GENERATE);
	make_sr(&r->sr);
	return sizeof(r->sr);
}

/* Every memory class (and one beyond) as ripClass and rspClass, on a small record. */
static size_t mem_classes(union rec *r, unsigned int rip)
{
	make_rt64(&r->sr);
	r->sr.flags = 0;
	r->sr.stack_len = 0;
	r->sr.match_status = SIGSCOPE_MATCH_UNMATCHED;
	r->sr.verdict.rip_class = (uint8_t)rip;
	r->sr.verdict.rsp_class = (uint8_t)(8 - rip);
	r->sr.verdict.call_site = (uint8_t)(rip % 5);
	return sizeof(r->sr);
}

#define MEM_CASE(fn, rip)                                                                          \
	static size_t fn(union rec *r, struct output_ctx *c)                                       \
	{                                                                                          \
		(void)c;                                                                           \
		return mem_classes(r, rip);                                                        \
	}
MEM_CASE(mk_mem_0_8, 0)
MEM_CASE(mk_mem_1_7, 1)
MEM_CASE(mk_mem_2_6, 2)
MEM_CASE(mk_mem_3_5, 3)
MEM_CASE(mk_mem_4_4, 4)

/* ---- the golden fixtures: tests/unit/golden/NAME.{json,tracee-v2.json,table} ---- */

static const struct {
	const char *name;
	make_fn make;
} golden[] = {
    {"rt64_matched", mk_rt64_matched},
    {"rt64_frame_only", mk_rt64_frame_only},
    {"rt64_frame_fault", mk_rt64_frame_fault},
    {"rt64_predates", mk_rt64_predates},
    {"rt64_unmatched_no_siginfo", mk_rt64_unmatched_no_siginfo},
    {"rt64_stack_all_bytes", mk_rt64_stack_all_bytes},
    {"rt64_extremes", mk_rt64_extremes},
    {"rt_ia32_unmatched", mk_rt_ia32_unmatched},
    {"rt_ia32_matched", mk_rt_ia32_matched},
    {"sig_ia32_legacy", mk_sig_ia32_legacy},
    {"deliver", mk_deliver},
    {"deliver_compat", mk_deliver_compat},
    {"deliver_sigsegv", mk_deliver_sigsegv},
    {"deliver_sigchld", mk_deliver_sigchld},
    {"deliver_odd", mk_deliver_odd},
    {"deliver_rt_queue", mk_deliver_rt_queue},
    {"generate", mk_generate},
    {"generate_odd", mk_generate_odd},
    {"generate_result_unknown", mk_generate_result_unknown},
    {"generate_result_negative", mk_generate_result_negative},
    {"generate_exe_path", mk_generate_exe_path},
    {"finding_forged", mk_finding_forged},
    {"finding_call_site", mk_finding_call_site},
    {"finding_tampered", mk_finding_tampered},
    {"finding_pivot", mk_finding_pivot},
    {"finding_toctou", mk_finding_toctou},
    {"finding_abi", mk_finding_abi},
    {"finding_preexisting", mk_finding_preexisting},
    {"findings_no_regs", mk_findings_no_regs},
    {"findings_enforced", mk_findings_enforced},
    {"findings_enforced_unselected", mk_findings_enforced_unselected},
    {"enforced_no_findings", mk_enforced_no_findings},
    {"unselected_quiet", mk_unselected_quiet},
    {"mem_0_8", mk_mem_0_8},
    {"mem_1_7", mk_mem_1_7},
    {"mem_2_6", mk_mem_2_6},
    {"mem_3_5", mk_mem_3_5},
    {"mem_4_4", mk_mem_4_4},
};

/* ---- helpers ---- */

static struct output_ctx base_ctx(void)
{
	struct output_ctx c = {.mono_to_epoch_ns = EPOCH_OFF,
			       .hostname = "testhost",
			       .events = 0,
			       .enforce_threshold = -1};

	return c;
}

/* All output_json_event() wrote for one record (caller frees); *rc its return value. */
static char *emit(const struct output_ctx *base, const void *rec, size_t len, int *rc)
{
	return unit_emit(output_json_event, base, rec, len, rc);
}

/* Each line: ends in '\n', holds no raw control byte, and is one JSON object for jansson. */
static int lines_parse(const char *out)
{
	while (*out) {
		const char *nl = strchr(out, '\n');
		json_error_t e;
		json_t *j;

		if (!nl)
			return 0;
		for (const char *p = out; p < nl; p++)
			if ((unsigned char)*p < 0x20)
				return 0;
		j = unit_json_loadb(out, (size_t)(nl - out), JSON_REJECT_DUPLICATES, &e);
		if (!json_is_object(j)) {
			fprintf(stderr, "  not a JSON object (%s): %.*s\n", e.text, (int)(nl - out),
				out);
			json_decref(j);
			return 0;
		}
		json_decref(j);
		out = nl + 1;
	}
	return 1;
}

/* s as a C string literal, cut into pieces after each line and every 80 bytes. */
static void print_literal(FILE *f, const char *s)
{
	int col = 0, hex = 0;

	fputs("\"", f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int isx = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
			  (*p >= 'A' && *p <= 'F');

		if (col >= 80 || (hex && isx)) {
			fputs("\"\n\"", f);
			col = 0;
		}
		hex = 0;
		if (*p == '"' || *p == '\\' || *p == '?')
			col += fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			col = 80 + fprintf(f, "\\n");
		else if (*p < 0x20 || *p >= 0x7f)
			col += fprintf(f, "\\x%02x", *p), hex = 1;
		else
			col += fprintf(f, "%c", *p);
	}
	fputs("\"\n", f);
}

/* got equals want; otherwise says where they part and prints got as a literal to paste. */
static int same_bytes(const char *name, const char *got, const char *want)
{
	size_t i = 0;

	if (got && strcmp(got, want) == 0)
		return 1;
	while (got && got[i] && got[i] == want[i])
		i++;
	fprintf(stderr, "  golden %s differs at byte %zu: got\n", name, i);
	if (got)
		print_literal(stderr, got);
	return 0;
}

/* Hostile strings (at most 16 bytes, maybe unterminated) and the JSON string jsonw must write for
 * them after output_sanitize_utf8 (jansson's bytes for the same string, captured once). */
static const struct {
	const char *raw;
	size_t len;
	const char *json;
} hostile[] = {
    {"q\"b\\s/", 6, "\"q\\\"b\\\\s/\""},
    {"\x01\x02\x1b[2J\x1f\x7f", 8, "\"\\u0001\\u0002\\u001B[2J\\u001F\x7f\""},
    {"\t\n\r\b\f", 5, "\"\\t\\n\\r\\b\\f\""},
    {"\xff"
     "a",
     2,
     "\"\xef\xbf\xbd"
     "a\""},
    {"\x80x", 2, "\"\xef\xbf\xbdx\""},
    {"\xe2\x82z", 3, "\"\xef\xbf\xbd\xef\xbf\xbdz\""},
    {"\xc0\xaf", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xed\xa0\x80", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xf4\x90\x80\x80", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9, "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""},
    {"0123456789abcdef", 16, "\"0123456789abcdef\""},
    {"0123456789abcde\xe2", 16, "\"0123456789abcde\xef\xbf\xbd\""},
    {"ab\0cd", 5, "\"ab\""},
    {"", 0, "\"\""},
    {"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10", 16,
     "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E"
     "\\u000F\\u0010\""},
    {"\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f", 16,
     "\"\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\"
     "u001C\\u001D\\u001E\\u001F\x7f\""},
    {"/\\\"'<>&%{}[]:,` ", 16, "\"/\\\\\\\"'<>&%{}[]:,` \""},
    {"\\u0000\\/\\\\x", 11, "\"\\\\u0000\\\\/\\\\\\\\x\""},
    {"\x7f\xc2\x80\xdf\xbf", 5, "\"\x7f\xc2\x80\xdf\xbf\""},
    {"\xc1\xbf", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80", 9, "\"\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\""},
    {"\xe0\x9f\xbf", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xed\xbf\xbf", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", 8, "\"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\""},
    {"\xf0\x8f\xbf\xbf", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xf5\x80\x80\x80", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xf8\x88\x80\x80\x80", 5, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xfe\xff", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\""},
    {"a\xf0\x9f\x98", 4, "\"a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xe2\x82\0\xac", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xc3", 1, "\"\xef\xbf\xbd\""},
    {"\xc3(", 2, "\"\xef\xbf\xbd(\""},
    {"\x80\x80\x80\xbf", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    /* Line separators and bidi controls are escaped: no viewer reorders or breaks a line. */
    {"\xe2\x80\xa8\xe2\x80\xa9", 6, "\"\\u2028\\u2029\""},
    {"a\xe2\x80\xae"
     "b\xe2\x81\xa6\xd8\x9c\xe2\x80\x8f",
     13, "\"a\\u202eb\\u2066\\u061c\\u200f\""},
    {"\xef\xbb\xbf\xef\xbf\xbe\xef\xbf\xbf", 9, "\"\xef\xbb\xbf\xef\xbf\xbe\xef\xbf\xbf\""},
    {"\xf4\x8f\xbf\xbf\xc2\xa0\xc2\x85", 8, "\"\xf4\x8f\xbf\xbf\xc2\xa0\xc2\x85\""},
    {"\xef\xbf\xbd", 3, "\"\xef\xbf\xbd\""},
    {"0123456789ab\xf0\x9f\x98\x80", 16, "\"0123456789ab\xf0\x9f\x98\x80\""},
    {"0123456789abc\xf0\x9f\x98", 16, "\"0123456789abc\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 16,
     "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\""},
};

/* s with the first from replaced by to; NULL when from is not in s. Caller frees. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n = strlen(s), nf = strlen(from), nt = strlen(to);
	char *out;

	if (!at || !(out = malloc(n - nf + nt + 1)))
		return NULL;
	memcpy(out, s, (size_t)(at - s));
	memcpy(out + (at - s), to, nt);
	memcpy(out + (at - s) + nt, at + nf, n - (size_t)(at - s) - nf + 1);
	return out;
}

/* The JSON token of the string value after key in line, as a NUL-terminated copy. */
static char *string_token(const char *line, const char *key)
{
	const char *p = strstr(line, key), *q;
	char *tok;

	if (!p)
		return NULL;
	p += strlen(key);
	for (q = p + 1; *q && *q != '"'; q++)
		if (*q == '\\')
			q++;
	tok = strndup(p, (size_t)(q - p + 1));
	return tok;
}

/* The golden signal_generate line with each hostile string as processName, target_comm,
 * executable path (cache fallback of a gone process) and hostName. */
static char *golden_read(const char *path);

TEST(jsonw_hostile_strings)
{
	char *gold_generate = golden_read(GOLDEN_DIR "/generate.json");
	int failed = 0;

	CHECK(gold_generate);

	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct output_ctx ctx = base_ctx();
		static union rec r;
		char str[SIGSCOPE_COMM_LEN + 1] = {0};
		char *want, *tmp, *out, *tok, key[256];
		int rc = -1;

		memcpy(str, hostile[i].raw, hostile[i].len);
		ctx.procs = gone_procs(str);
		ctx.hostname = str;
		make_generate(&r.gen);
		r.gen.hdr.ctx.host_pid = GONE_PID;
		memset(r.gen.hdr.ctx.comm, 0, sizeof(r.gen.hdr.ctx.comm));
		memcpy(r.gen.hdr.ctx.comm, hostile[i].raw, hostile[i].len);
		memset(r.gen.target_comm, 0, sizeof(r.gen.target_comm));
		memcpy(r.gen.target_comm, hostile[i].raw, hostile[i].len);
		out = emit(&ctx, &r, sizeof(r.gen), &rc);
		proc_cache_free(ctx.procs);
		CHECK(out && rc == 0 && lines_parse(out));

		want = replace(gold_generate, "\"hostProcessId\":4321,",
			       "\"hostProcessId\":4000000000,");
		snprintf(key, sizeof(key), "\"processName\":%s,", hostile[i].json);
		tmp = want, want = replace(tmp, "\"processName\":\"sender\",", key), free(tmp);
		snprintf(key, sizeof(key), "\"path\":%s}", hostile[i].json);
		tmp = want, want = replace(tmp, "\"path\":\"\"}", key), free(tmp);
		snprintf(key, sizeof(key), "\"hostName\":%s,", hostile[i].json);
		tmp = want, want = replace(tmp, "\"hostName\":\"testhost\",", key), free(tmp);
		snprintf(key, sizeof(key), "\"value\":%s}", hostile[i].json);
		tmp = want, want = replace(tmp, "\"value\":\"target\"}", key), free(tmp);
		CHECK(want);
		if (strcmp(out, want) != 0) {
			tok = string_token(out, "\"processName\":");
			fprintf(stderr, "  hostile %zu: got processName ", i);
			print_literal(stderr, tok ? tok : "?");
			free(tok);
			failed = 1;
		}
		free(want);
		free(out);
	}
	free(gold_generate);
	CHECK(!failed);
}

/* A small deterministic generator (xorshift64*). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* A byte drawn to hit every class: printable, escaped, UTF-8 lead and continuation, invalid. */
static char rnd_byte(void)
{
	static const char interesting[] = "\"\\/\x7f\x1f\x01\n\t\b\f\r\xc2\xc3\xdf\xe0\xe2\xed\xef"
					  "\xf0\xf4\xf5\xff\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1";
	uint64_t r = rng();

	switch (r % 4) {
	case 0:
		return (char)(' ' + (r >> 8) % 95);
	case 1:
		return interesting[(r >> 8) % (sizeof(interesting) - 1)];
	default:
		return (char)(r >> 8);
	}
}

static void rnd_fill(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		s[i] = rnd_byte();
}

/* The value at key equals s (n bytes, to its first NUL) as output_sanitize_utf8() makes it. */
static int round_trips(const json_t *obj, const char *key, const char *s, size_t n)
{
	char *want = output_sanitize_utf8(s, n);
	const char *got = json_string_value(json_object_get(obj, key));
	int ok = want && got && strcmp(got, want) == 0;

	if (!ok)
		fprintf(stderr, "  %s does not round-trip\n", key);
	free(want);
	return ok;
}

/* Checks every line of out (n_lines of them): parses without duplicate keys, and the strings from
 * outside read back as their sanitized selves. */
static int fuzz_lines_ok(char *out, int n_lines, const struct sigscope_task_ctx *tc,
			 const char *target_comm, const char *exe, const char *host)
{
	char *save = NULL;
	int lines = 0;

	for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		json_t *j = unit_json_loads(l, JSON_REJECT_DUPLICATES, NULL);
		int ok = j && round_trips(j, "processName", tc->comm, sizeof(tc->comm)) &&
			 round_trips(json_object_get(j, "executable"), "path", exe, SIZE_MAX) &&
			 round_trips(j, "hostName", host, SIZE_MAX);

		if (ok && target_comm) {
			char *want = output_sanitize_utf8(target_comm, SIGSCOPE_COMM_LEN);
			const char *got = json_string_value(arg(j, "target_comm"));

			ok = want && got && strcmp(got, want) == 0;
			free(want);
		}
		json_decref(j);
		if (!ok) {
			fprintf(stderr, "  bad line: %s\n", l);
			return 0;
		}
		lines++;
	}
	return lines == n_lines;
}

/* Random bytes as comm, target_comm, executable path and host name: every line parses, without
 * duplicate keys, and each string reads back as its sanitized self. */
TEST(jsonw_fuzz_strings)
{
	for (int iter = 0; iter < 3000; iter++) {
		struct output_ctx ctx = base_ctx();
		static union rec r;
		struct sigscope_task_ctx *tc;
		const char *target_comm = NULL;
		char exe[300], host[80], *out;
		size_t len;
		int rc = -1, n_lines = 1, ok;

		rnd_fill(exe, sizeof(exe) - 1);
		exe[rng() % sizeof(exe)] = '\0';
		exe[sizeof(exe) - 1] = '\0';
		rnd_fill(host, sizeof(host) - 1);
		host[rng() % sizeof(host)] = '\0';
		host[sizeof(host) - 1] = '\0';
		switch (iter % 3) {
		case 0:
			make_generate(&r.gen);
			rnd_fill(r.gen.target_comm, sizeof(r.gen.target_comm));
			target_comm = r.gen.target_comm;
			tc = &r.gen.hdr.ctx;
			len = sizeof(r.gen);
			break;
		case 1:
			make_deliver(&r.dl);
			tc = &r.dl.hdr.ctx;
			len = sizeof(r.dl);
			break;
		default: /* the rt_sigreturn, one finding, the enforcement */
			len = finding_rec(&r, (unsigned int)(rng() % SIGSCOPE_FINDING_MAX), 3);
			r.sr.verdict.enforced = 1;
			tc = &r.sr.hdr.ctx;
			n_lines = 3;
			break;
		}
		rnd_fill(tc->comm, sizeof(tc->comm));
		if (rng() % 2)
			tc->comm[rng() % sizeof(tc->comm)] = '\0';
		tc->host_pid = GONE_PID;
		ctx.procs = gone_procs(exe);
		ctx.hostname = host;
		out = emit(&ctx, &r, len, &rc);
		proc_cache_free(ctx.procs);
		ok = out && rc == 0 && fuzz_lines_ok(out, n_lines, tc, target_comm, exe, host);
		if (!ok)
			fprintf(stderr, "  iteration %d\n", iter);
		free(out);
		CHECK(ok);
	}
}

/* One string through the writer, as a whole JSON text. Caller frees. */
static char *jsonw_text(const char *s, size_t n)
{
	struct jsonw w = JSONW_INIT;
	char *out;

	jsonw_string_n(&w, s, n);
	out = w.err ? NULL : strndup(w.buf, w.len);
	jsonw_free(&w);
	return out;
}

/* jansson's text with the format controls (bidi, U+2028/9) escaped as jsonw escapes them. */
static char *escape_format_controls(char *s)
{
	char *out = s ? malloc(strlen(s) * 2 + 1) : NULL;
	size_t o = 0;

	for (size_t i = 0; out && s[i];) {
		size_t k = text_format_control_len((const unsigned char *)s + i, strlen(s + i));

		if (k == 2) {
			o += (size_t)sprintf(out + o, "\\u061c");
		} else if (k == 3) {
			o += (size_t)sprintf(out + o, "\\u%04x",
					     0x2000u | ((s[i + 1] & 0x3fu) << 6) |
						 (s[i + 2] & 0x3fu));
		} else {
			out[o++] = s[i];
			k = 1;
		}
		i += k;
	}
	if (out)
		out[o] = '\0';
	free(s);
	return out;
}

/* The escaper against jansson itself: random bytes, sanitized, dumped by jansson. */
TEST(jsonw_string_matches_jansson)
{
	for (int iter = 0; iter < 20000; iter++) {
		char s[64], *clean, *mine, *theirs;
		size_t n = rng() % sizeof(s);
		json_t *j;

		rnd_fill(s, sizeof(s));
		clean = output_sanitize_utf8(s, n);
		CHECK(clean);
		j = json_string(clean);
		CHECK(j);
		theirs = escape_format_controls(json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT));
		mine = jsonw_text(s, n);
		if (!mine || !theirs || strcmp(mine, theirs) != 0) {
			fprintf(stderr, "  iteration %d: jsonw %s, jansson %s\n", iter,
				mine ? mine : "(null)", theirs ? theirs : "(null)");
		}
		CHECK(mine && theirs && strcmp(mine, theirs) == 0);
		json_decref(j);
		free(clean);
		free(mine);
		free(theirs);
	}
}

static int text_is(struct jsonw *w, const char *want)
{
	int ok = !w->err && w->len == strlen(want) && memcmp(w->buf, want, w->len) == 0;

	if (!ok)
		fprintf(stderr, "  got %.*s\n  want %s\n", (int)w->len, w->buf ? w->buf : "", want);
	return ok;
}

TEST(jsonw_structure_and_commas)
{
	struct jsonw w = JSONW_INIT;

	jsonw_begin_object(&w);
	jsonw_end_object(&w);
	CHECK(text_is(&w, "{}"));
	jsonw_reset(&w);

	jsonw_begin_object(&w);
	jsonw_key(&w, "a");
	jsonw_begin_array(&w);
	jsonw_int(&w, 1);
	jsonw_int(&w, -2);
	jsonw_bool(&w, 1);
	jsonw_bool(&w, 0);
	jsonw_bool(&w, 0x100);
	jsonw_null(&w);
	jsonw_begin_object(&w);
	jsonw_end_object(&w);
	jsonw_begin_array(&w);
	jsonw_end_array(&w);
	jsonw_end_array(&w);
	jsonw_key(&w, "b");
	jsonw_begin_object(&w);
	jsonw_key(&w, "c");
	jsonw_begin_array(&w);
	jsonw_end_array(&w);
	jsonw_key(&w, "d\"\n");
	jsonw_raw(&w, "[1,{\"x\":2}]", 11);
	jsonw_end_object(&w);
	jsonw_key(&w, "e");
	jsonw_string(&w, "");
	jsonw_key(&w, "f");
	jsonw_hex(&w, 0);
	jsonw_end_object(&w);
	CHECK(text_is(&w, "{\"a\":[1,-2,true,false,true,null,{},[]],\"b\":{\"c\":[],\"d\\\"\\n\":"
			  "[1,{\"x\":2}]},\"e\":\"\",\"f\":\"0x0\"}"));

	/* Each line is a value of its own: no comma carries over the newline. */
	jsonw_newline(&w);
	jsonw_begin_array(&w);
	jsonw_string_n(&w, "abcdef", 3);
	jsonw_string_n(&w, "ab\0cd", 5);
	jsonw_end_array(&w);
	jsonw_newline(&w);
	jsonw_uint(&w, 7);
	jsonw_newline(&w);
	CHECK(text_is(&w, "{\"a\":[1,-2,true,false,true,null,{},[]],\"b\":{\"c\":[],\"d\\\"\\n\":"
			  "[1,{\"x\":2}]},\"e\":\"\",\"f\":\"0x0\"}\n[\"abc\",\"ab\"]\n7\n"));
	jsonw_free(&w);
	CHECK(!w.buf && w.len == 0 && w.cap == 0);
}

TEST(jsonw_numbers)
{
	static const int64_t ints[] = {0,	  1,	     -1,	 9,
				       10,	  -10,	     1000000007, INT32_MIN,
				       INT32_MAX, INT64_MAX, INT64_MIN,	 INT64_MIN + 1};
	static const uint64_t uints[] = {0, 9, 10, UINT32_MAX, (uint64_t)INT64_MAX + 1, UINT64_MAX};
	struct jsonw w = JSONW_INIT;
	char want[64];

	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		jsonw_reset(&w);
		jsonw_int(&w, ints[i]);
		snprintf(want, sizeof(want), "%lld", (long long)ints[i]);
		CHECK(text_is(&w, want));
	}
	for (size_t i = 0; i < sizeof(uints) / sizeof(uints[0]); i++) {
		jsonw_reset(&w);
		jsonw_uint(&w, uints[i]);
		snprintf(want, sizeof(want), "%llu", (unsigned long long)uints[i]);
		CHECK(text_is(&w, want));
	}
	for (int i = 0; i < 2000; i++) {
		/* Every length of hex number, and random values of each. */
		uint64_t v = i < 65 ? (i == 64 ? UINT64_MAX : (1ull << i) - (i & 1)) : rng();

		v >>= i >= 65 ? rng() % 64 : 0;
		jsonw_reset(&w);
		jsonw_hex(&w, v);
		snprintf(want, sizeof(want), "\"0x%llx\"", (unsigned long long)v);
		CHECK(text_is(&w, want));
	}
	jsonw_reset(&w);
	jsonw_hex_bytes(&w, (const uint8_t *)"\x00\x01\x7f\x80\xab\xff", 6);
	jsonw_hex_bytes(&w, NULL, 0);
	CHECK(text_is(&w, "\"00017f80abff\",\"\""));
	jsonw_free(&w);
}

/* Once warm, a writer holds its buffer: the same work makes no allocation. */
TEST(jsonw_reuse_and_growth)
{
	struct jsonw w = JSONW_INIT;
	char big[10001];
	const char *buf;
	size_t cap;

	memset(big, 0x1b, sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	jsonw_string(&w, big);
	CHECK(!w.err && w.len == 2 + 6 * (sizeof(big) - 1));
	CHECK(memcmp(w.buf, "\"\\u001B\\u001B", 13) == 0 && w.buf[w.len - 1] == '"');
	buf = w.buf;
	cap = w.cap;
	for (int i = 0; i < 100; i++) {
		jsonw_reset(&w);
		jsonw_string(&w, big);
		CHECK(w.buf == buf && w.cap == cap && w.len == 2 + 6 * (sizeof(big) - 1));
	}
	/* Many small values crossing several growth steps. */
	jsonw_reset(&w);
	jsonw_begin_array(&w);
	for (int i = 0; i < 100000; i++)
		jsonw_int(&w, i);
	jsonw_end_array(&w);
	CHECK(!w.err && w.buf[0] == '[' && w.buf[w.len - 1] == ']');
	{
		json_t *j = json_loadb(w.buf, w.len, 0, NULL);

		CHECK(json_array_size(j) == 100000);
		CHECK(json_integer_value(json_array_get(j, 99999)) == 99999);
		json_decref(j);
	}
	jsonw_free(&w);
}

TEST(jsonw_utf8_sequences)
{
	static const struct {
		const char *s;
		size_t n, want;
	} cases[] = {
	    {"a", 1, 1},
	    {"\x7f", 1, 1},
	    {"\xc2\x80", 2, 2},
	    {"\xc2\x80", 1, 0},
	    {"\xc1\xbf", 2, 0},
	    {"\xdf\xbf", 2, 2},
	    {"\xe0\xa0\x80", 3, 3},
	    {"\xe0\x9f\xbf", 3, 0},
	    {"\xed\x9f\xbf", 3, 3},
	    {"\xed\xa0\x80", 3, 0},
	    {"\xef\xbf\xbf", 3, 3},
	    {"\xe2\x82z", 3, 0},
	    {"\xf0\x90\x80\x80", 4, 4},
	    {"\xf0\x8f\xbf\xbf", 4, 0},
	    {"\xf4\x8f\xbf\xbf", 4, 4},
	    {"\xf4\x90\x80\x80", 4, 0},
	    {"\xf5\x80\x80\x80", 4, 0},
	    {"\xf0\x9f\x98", 3, 0},
	    {"\x80", 1, 0},
	    {"\xff", 1, 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(utf8_seq_len((const unsigned char *)cases[i].s, cases[i].n) == cases[i].want);
}

/* Go's encoding/json []byte (RFC 4648 base64, padded) and protobuf JSON's 64-bit integers. */
TEST(jsonw_base64_and_u64)
{
	struct jsonw w = JSONW_INIT;

	jsonw_begin_array(&w);
	jsonw_base64(&w, (const uint8_t *)"", 0);
	jsonw_base64(&w, (const uint8_t *)"f", 1);
	jsonw_base64(&w, (const uint8_t *)"fo", 2);
	jsonw_base64(&w, (const uint8_t *)"foo", 3);
	jsonw_base64(&w, (const uint8_t *)"foobar", 6);
	jsonw_base64(&w, (const uint8_t *)"\xde\xad\xbe\xef\xff\xfe", 6);
	jsonw_u64(&w, UINT64_MAX);
	w.u64_strings = 1;
	jsonw_u64(&w, UINT64_MAX);
	jsonw_u64(&w, 0);
	jsonw_end_array(&w);
	CHECK(!w.err);
	CHECK(w.len == strlen("[\"\",\"Zg==\",\"Zm8=\",\"Zm9v\",\"Zm9vYmFy\",\"3q2+7//+\","
			      "18446744073709551615,\"18446744073709551615\",\"0\"]"));
	CHECK(memcmp(w.buf,
		     "[\"\",\"Zg==\",\"Zm8=\",\"Zm9v\",\"Zm9vYmFy\",\"3q2+7//+\","
		     "18446744073709551615,\"18446744073709551615\",\"0\"]",
		     w.len) == 0);
	jsonw_free(&w);
}

/* Every golden record in the tracee-v2 layout: each line one object with Tracee's top-level keys
 * in Tracee's order, and data entries with a name and exactly one value field. */
TEST(jsonw_tracee_v2_lines)
{
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		struct output_ctx ctx = base_ctx();
		static union rec r;
		size_t len = golden[i].make(&r, &ctx);
		char *buf = NULL, *save = NULL;
		size_t size = 0;
		int rc;

		ctx.out = open_memstream(&buf, &size);
		CHECK(ctx.out);
		rc = output_tracee_v2_event(&ctx, &r, len);
		fclose(ctx.out);
		proc_cache_free(ctx.procs);
		CHECK(rc == 0 && buf && lines_parse(buf));
		for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			json_t *j = unit_json_loads(l, JSON_REJECT_DUPLICATES, NULL), *d;
			const char *key;
			size_t k;
			int ok = j && json_is_string(json_object_get(j, "timestamp")) &&
				 json_is_integer(json_object_get(j, "id")) &&
				 json_is_string(json_object_get(j, "name")) &&
				 json_is_object(json_object_get(
				     json_object_get(json_object_get(j, "workload"), "process"),
				     "thread")) &&
				 !json_object_get(j, "args") && !json_object_get(j, "eventId");

			json_array_foreach(json_object_get(j, "data"), k, d)
			{
				ok = ok && json_object_size(d) == 2 &&
				     json_is_string(json_object_get(d, "name"));
			}
			key = json_string_value(json_object_get(j, "name"));
			if (ok && key && strncmp(key, "sigreturn_", 10) == 0)
				ok = json_is_object(json_object_get(j, "threat")) &&
				     json_is_object(json_object_get(j, "detected_from"));
			if (!ok)
				fprintf(stderr, "  %s: bad tracee-v2 line %s\n", golden[i].name, l);
			json_decref(j);
			CHECK(ok);
		}
		free(buf);
	}
}

/*
 * Expected output in tests/unit/golden/NAME.{json,tracee-v2.json,table}: every writer, every
 * fixture above, byte for byte. `make golden` rewrites the files from the writers
 * (SIGSCOPE_GOLDEN_WRITE=1); review the diff before committing it. The table's times are UTC.
 */

static const struct {
	const char *ext;
	int (*write)(const struct output_ctx *ctx, const void *data, size_t len);
} golden_formats[] = {
    {"json", output_json_event},
    {"tracee-v2.json", output_tracee_v2_event},
    {"table", output_table_event},
};

static char *golden_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t size = 0, n;
	FILE *m;
	char chunk[4096];

	if (!f)
		return NULL;
	m = open_memstream(&buf, &size);
	while (m && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, n, m);
	if (m)
		fclose(m);
	fclose(f);
	return buf;
}

TEST(golden_files)
{
	const char *write = getenv("SIGSCOPE_GOLDEN_WRITE");
	int failed = 0;

	setenv("TZ", "UTC", 1);
	tzset();
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		for (size_t k = 0; k < sizeof(golden_formats) / sizeof(golden_formats[0]); k++) {
			struct output_ctx ctx = base_ctx();
			static union rec r;
			size_t len = golden[i].make(&r, &ctx);
			char path[512], *out = NULL, *want;
			size_t size = 0;
			int rc;

			ctx.out = open_memstream(&out, &size);
			rc = golden_formats[k].write(&ctx, &r, len);
			fclose(ctx.out);
			proc_cache_free(ctx.procs);
			snprintf(path, sizeof(path), "%s/%s.%s", GOLDEN_DIR, golden[i].name,
				 golden_formats[k].ext);
			if (write && write[0] == '1') {
				FILE *f = fopen(path, "wb");

				if (!f || fwrite(out, 1, size, f) != size)
					failed = 1;
				if (f)
					fclose(f);
			} else {
				want = golden_read(path);
				if (rc != 0 || !want || !same_bytes(path, out, want))
					failed = 1;
				free(want);
			}
			free(out);
		}
	}
	CHECK(!failed);
}
