/* The golden fixtures (golden.h): each case builds one record and the writer's context. */
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "records.h"
#include "decode/names.h"

#define EPOCH_OFF 1764387000000000000LL

size_t golden_finding_rec(union rec *r, unsigned int finding, uint8_t sev)
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

struct proc_cache *golden_gone_procs(const char *exe)
{
	struct proc_cache *c = proc_cache_new();

	if (c)
		proc_cache_set_exe_fallback(c, exe_fallback, NULL);
	fallback_path = exe;
	return c;
}

/* ---- golden cases: each builds one record and the writer's context ---- */

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
	c->procs = golden_gone_procs(
	    "/opt/a b/\"q\"\\/\x01\x1f\x7f\n\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
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
		return golden_finding_rec(r, finding, sev);                                        \
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

const struct golden_case golden_cases[] = {
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
const size_t GOLDEN_CASES = sizeof(golden_cases) / sizeof(golden_cases[0]);

struct output_ctx golden_ctx(void)
{
	struct output_ctx c = {.mono_to_epoch_ns = EPOCH_OFF,
			       .hostname = "testhost",
			       .events = 0,
			       .enforce_threshold = -1};

	return c;
}

char *golden_read(const char *path)
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

/* s as a C string literal, cut into pieces after each line and every 80 bytes. */
void golden_print_literal(FILE *f, const char *s)
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
