/*
 * The streaming JSON writer (src/output/jsonw.c) and the JSON lines made with it.
 *
 * The golden lines below were captured from the jansson writer that src/output/json.c used
 * before (json_dumps with JSON_COMPACT | JSON_PRESERVE_ORDER), for a broad set of records: they
 * are the spec of the output, byte for byte. Every line is also parsed back with jansson. A line
 * that differs is printed as a C literal, with the byte where it parts from the golden one.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "output/text.h"
#include "unit.h"
#include "json_big.h"
#include "records.h"
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

/* test_findings.c's matched x86_64 SIGUSR1 sigreturn whose handler moved rip and rsp, with the
 * classes the kernel found and no finding yet. */
static void make_sr(struct sigscope_sigreturn_event *ev)
{
	uint8_t *sc = ev->frame + RT64_MCONTEXT;

	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = SIGSCOPE_EV_RT_SIGRETURN;
	ev->hdr.size = sizeof(*ev);
	ev->abi = SIGSCOPE_ABI_X86_64;
	ev->frame_kind = SIGSCOPE_FRAME_RT64;
	ev->syscall_nr = SIGSCOPE_NR_RT_SIGRETURN_64;
	ev->flags = SIGSCOPE_SR_FRAME_OK | SIGSCOPE_SR_APPLIED;
	ev->frame_len = RT64_SIZE;
	fill_ctx(&ev->hdr.ctx, "victim", 6);
	ev->hdr.ctx.ts_ns = 7000123456;
	ev->hdr.ctx.cpu = 2;
	ev->ustack = 0x7ffd1000;
	ev->call_site = 0x7f0000001234;
	ev->entry_sp = 0x7ffd1008;
	ev->entry_cs = 0x33;

	put64(sc, SC64_RAX, 7);
	put64(sc, SC64_RSP, 0x5555a000);
	put64(sc, SC64_RIP, 0x401500);
	put16(sc, SC64_CS, 0x33);
	put16(sc, SC64_SS, 0x2b);
	put64(ev->frame, RT64_SIGMASK, 1ull << (12 - 1));
	ev->applied[SIGSCOPE_REG_RAX] = 7;
	ev->applied[SIGSCOPE_REG_RSP] = 0x5555a000;
	ev->applied[SIGSCOPE_REG_RIP] = 0x401500;
	ev->applied[SIGSCOPE_REG_CS] = 0x33;
	ev->applied[SIGSCOPE_REG_SS] = 0x2b;
	ev->retval = 7;

	ev->match_status = SIGSCOPE_MATCH_MATCHED;
	ev->match_method = SIGSCOPE_MATCH_BY_FRAME;
	ev->depth = 1;
	ev->delivery.ts_ns = 7000000000;
	ev->delivery.regs[SIGSCOPE_REG_RAX] = 7;
	ev->delivery.regs[SIGSCOPE_REG_RSP] = 0x7ffd2f00;
	ev->delivery.regs[SIGSCOPE_REG_RIP] = 0x401400;
	ev->delivery.regs[SIGSCOPE_REG_CS] = 0x33;
	ev->delivery.regs[SIGSCOPE_REG_SS] = 0x2b;
	ev->delivery.handler = 0x401136;
	ev->delivery.restorer = 0x7f0000001230;
	ev->delivery.sa_flags = 0x04000000; /* SA_RESTORER */
	ev->delivery.sig = 10;
	ev->delivery.flags = SIGSCOPE_DLV_HANDLER;
	ev->delivery.seq = 3;

	ev->verdict.max_severity = SIGSCOPE_SEV_NONE;
	ev->verdict.call_site = SIGSCOPE_SITE_DELIVERED;
	ev->verdict.rip_class = SIGSCOPE_MEM_ANON_EXEC;
	ev->verdict.rsp_class = SIGSCOPE_MEM_WRITABLE;
	ev->verdict.changed_mask = (1u << SIGSCOPE_REG_RSP) | (1u << SIGSCOPE_REG_RIP);
	ev->verdict.rsp_ref = 0x7ffd2f00;
}

/* The record as the kernel would have seen it to raise finding alone (test_findings.c). */
static size_t make_finding(union rec *r, unsigned int finding, uint8_t sev)
{
	struct sigscope_sigreturn_event *ev = &r->sr;

	make_sr(ev);
	switch (finding) {
	case SIGSCOPE_FINDING_FORGED_FRAME:
		ev->match_status = SIGSCOPE_MATCH_UNMATCHED;
		ev->match_method = SIGSCOPE_MATCH_BY_NONE;
		break;
	case SIGSCOPE_FINDING_WRONG_CALL_SITE:
		ev->verdict.call_site = SIGSCOPE_SITE_OTHER;
		break;
	case SIGSCOPE_FINDING_TOCTOU:
		ev->flags |= SIGSCOPE_SR_MISMATCH;
		ev->mismatch_mask = 1u << SIGSCOPE_REG_RIP;
		ev->applied[SIGSCOPE_REG_RIP] = 0x401600;
		break;
	case SIGSCOPE_FINDING_ABI_SWITCH:
		ev->applied[SIGSCOPE_REG_CS] = 0x23;
		break;
	case SIGSCOPE_FINDING_PREEXISTING:
		ev->match_status = SIGSCOPE_MATCH_THREAD_PREDATES;
		ev->match_method = SIGSCOPE_MATCH_BY_NONE;
		ev->flags |= SIGSCOPE_SR_PREDATES;
		break;
	default:
		break;
	}
	raise_finding(ev, finding, sev);
	return sizeof(*ev);
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
		return make_finding(r, finding, sev);                                              \
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

/* ---- the golden lines (jansson's json_dumps output, one string per record) ---- */

static const char gold_rt64_matched[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":16,\"returnValue"
    "\":-4,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"u"
    "stack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"co"
    "nst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"v"
    "alue\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"valu"
    "e\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restore"
    "d\"},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":7},{\"name\":\"uc_link"
    "\",\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\""
    "value\":{\"ss_sp\":0,\"ss_flags\":\"SS_DISABLE\",\"ss_size\":0}},{\"name\":\"uc_"
    "mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":1"
    "0,\"r11\":11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\""
    "rbp\":2147299328,\"rbx\":19,\"rdx\":20,\"rax\":18446744073709551612,\"rcx\":22,\""
    "rsp\":2147299072,\"rip\":4199680,\"eflags\":582,\"cs\":51,\"gs\":0,\"fs\":0,\"ss"
    "\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\":0,\"fpstate\":2147291648}},{\""
    "name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\""
    "siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\"SIGUSR1\",\"si_errno\""
    ":0,\"si_code\":\"SI_TKILL\",\"si_pid\":1234,\"si_uid\":1000}},{\"name\":\"restor"
    "ed\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":10,\"r11\""
    ":11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"rbp\":21"
    "47299328,\"rbx\":19,\"rdx\":20,\"rax\":18446744073709551612,\"rcx\":22,\"rsp\":2"
    "147299072,\"rip\":4199936,\"eflags\":582,\"cs\":51,\"ss\":43}},{\"name\":\"misma"
    "tch\",\"type\":\"[]string\",\"value\":[\"rip\"]},{\"name\":\"pairing\",\"type\":"
    "\"object\",\"value\":{\"status\":\"matched\",\"method\":\"sp\",\"signal\":\"SIGU"
    "SR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387005000000000,\"handler\":41"
    "98710,\"restorer\":139637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"ri"
    "p\"]}},{\"name\":\"stack_bytes\",\"type\":\"[]byte\",\"value\":\"3q2+7w==\"},{\""
    "name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":[]"
    ",\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClass\":\"unknown\",\"rspCla"
    "ss\":\"unknown\",\"changed\":[],\"pattern\":\"none\",\"contended\":false,\"enfor"
    "ced\":false}}]}\n";
static const char gold_rt64_frame_only[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue"
    "\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"us"
    "tack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"con"
    "st char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"va"
    "lue\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value"
    "\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"frame\"}"
    ",{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":7},{\"name\":\"uc_link\",\""
    "type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"valu"
    "e\":{\"ss_sp\":0,\"ss_flags\":\"SS_DISABLE\",\"ss_size\":0}},{\"name\":\"uc_mcon"
    "text\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":8,\"r9\":153,\"r10\":10,"
    "\"r11\":11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"r"
    "bp\":2147299328,\"rbx\":19,\"rdx\":20,\"rax\":18446744073709551612,\"rcx\":22,\""
    "rsp\":2147299072,\"rip\":4199680,\"eflags\":70,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\""
    ":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\":0,\"fpstate\":2147291648}},{\"n"
    "ame\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\""
    "siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\"SIGUSR1\",\"si_errno\""
    ":0,\"si_code\":\"SI_TKILL\",\"si_pid\":1234,\"si_uid\":1000}},{\"name\":\"mismat"
    "ch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object"
    "\",\"value\":{\"status\":\"matched\",\"method\":\"sp\",\"signal\":\"SIGUSR1\",\""
    "deliverySeq\":3,\"deliveryTimestamp\":1764387005000000000,\"handler\":4198710,\""
    "restorer\":139637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"r9\",\"rip"
    "\"]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"all"
    "owed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClass\":\"unknown\""
    ",\"rspClass\":\"unknown\",\"changed\":[],\"pattern\":\"none\",\"contended\":fals"
    "e,\"enforced\":false}}]}\n";
static const char gold_rt64_frame_fault[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":9,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"}"
    ",{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"sp\",\"dep"
    "th\":1,\"abandoned\":0}},{\"name\":\"stack_bytes\",\"type\":\"[]byte\",\"value\""
    ":\"\"},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"al"
    "lowed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClass\":\"unknown\""
    ",\"rspClass\":\"unknown\",\"changed\":[],\"pattern\":\"none\",\"contended\":fals"
    "e,\"enforced\":false}}]}\n";
static const char gold_rt64_predates[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue"
    "\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"us"
    "tack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"con"
    "st char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"va"
    "lue\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value"
    "\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"frame\"}"
    ",{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":7},{\"name\":\"uc_link\",\""
    "type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"valu"
    "e\":{\"ss_sp\":0,\"ss_flags\":\"SS_DISABLE\",\"ss_size\":0}},{\"name\":\"uc_mcon"
    "text\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":10,\""
    "r11\":11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"rbp"
    "\":2147299328,\"rbx\":19,\"rdx\":20,\"rax\":18446744073709551612,\"rcx\":22,\"rs"
    "p\":2147299072,\"rip\":4199680,\"eflags\":582,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\""
    ":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\":0,\"fpstate\":2147291648}},{\"n"
    "ame\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\""
    "siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\"SIGUSR1\",\"si_errno\""
    ":0,\"si_code\":\"SI_TKILL\",\"si_pid\":1234,\"si_uid\":1000}},{\"name\":\"mismat"
    "ch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object"
    "\",\"value\":{\"status\":\"thread_predates_tracer\",\"method\":\"none\",\"depth\""
    ":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"find"
    "ings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClas"
    "s\":\"unknown\",\"rspClass\":\"unknown\",\"changed\":[],\"pattern\":\"none\",\"c"
    "ontended\":false,\"enforced\":false}}]}\n";
static const char gold_rt64_unmatched_no_siginfo[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue"
    "\":-4,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"u"
    "stack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"co"
    "nst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"v"
    "alue\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"valu"
    "e\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restore"
    "d\"},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":7},{\"name\":\"uc_link"
    "\",\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\""
    "value\":{\"ss_sp\":0,\"ss_flags\":\"SS_DISABLE\",\"ss_size\":0}},{\"name\":\"uc_"
    "mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":1"
    "0,\"r11\":11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\""
    "rbp\":2147299328,\"rbx\":19,\"rdx\":20,\"rax\":18446744073709551612,\"rcx\":22,\""
    "rsp\":2147299072,\"rip\":4199680,\"eflags\":582,\"cs\":51,\"gs\":0,\"fs\":0,\"ss"
    "\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\":0,\"fpstate\":2147291648}},{\""
    "name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\""
    "restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":10,\""
    "r11\":11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"rbp"
    "\":2147299328,\"rbx\":19,\"rdx\":20,\"rax\":18446744073709551612,\"rcx\":22,\"rs"
    "p\":2147299072,\"rip\":4199936,\"eflags\":582,\"cs\":51,\"ss\":43}},{\"name\":\""
    "mismatch\",\"type\":\"[]string\",\"value\":[\"rip\"]},{\"name\":\"pairing\",\"ty"
    "pe\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"none\",\"depth\""
    ":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"find"
    "ings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClas"
    "s\":\"unknown\",\"rspClass\":\"unknown\",\"changed\":[],\"pattern\":\"none\",\"c"
    "ontended\":false,\"enforced\":false}}]}\n";
static const char gold_rt64_stack_all_bytes[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":10,\"returnValue"
    "\":-4,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"u"
    "stack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"co"
    "nst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"v"
    "alue\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"valu"
    "e\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"rest"
    "ored\"},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":8,\""
    "r9\":9,\"r10\":10,\"r11\":11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\""
    ":16,\"rsi\":17,\"rbp\":2147299328,\"rbx\":19,\"rdx\":20,\"rax\":1844674407370955"
    "1612,\"rcx\":22,\"rsp\":2147299072,\"rip\":4199936,\"eflags\":582,\"cs\":51,\"ss"
    "\":43}},{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"p"
    "airing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"sp"
    "\",\"depth\":1,\"abandoned\":0}},{\"name\":\"stack_bytes\",\"type\":\"[]byte\",\""
    "value\":\"AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dzj6vH4/wYNFBsiKTA3PkVMU1phaG"
    "92fYSLkpmgp661vMPK0djf5u30+wIJEBceJSwzOkFIT1ZdZGtyeYCHjpWco6qxuL/GzdTb4unw9/4FDB"
    "MaISgvNj1ES1JZYGdudXyDipGYn6attLvCydDX3uXs8/oBCA8WHSQrMjlAR05VXGNqcXh/ho2Um6KpsL"
    "e+xczT2uHo7/b9BAsSGSAnLjU8Q0pRWF9mbXR7gomQl56lrLO6wcjP1t3k6/L5AAcOFRwjKjE4P0ZNVF"
    "tiaXB3foWMk5qhqK+2vcTL0tng5+71/AMKERgfJi00O0JJUFdeZWxzeoGIj5adpKuyucDHztXc4+rx+P"
    "8GDRQbIikwNz5FTFNaYWhvdn2Ei5KZoKeutbzDytHY3+bt9PsCCRAXHiUsMzpBSE9WXWRrcnmAh46VnK"
    "Oqsbi/xs3U2+Lp8Pf+BQwTGiEoLzY9REtSWWBnbnV8g4qRmJ+mrbS7wsnQ197l7PP6AQgPFh0kKzI5QE"
    "dOVVxjanF4f4aNlJuiqbC3vsXM09rh6O/2/QQLEhkgJy41PENKUVhfZm10e4KJkJeepayzusHIz9bd5O"
    "vy+QAHDhUcIyoxOD9GTVRbYmlwd36FjJOaoaivtr3Ey9LZ4Ofu9fw=\"},{\"name\":\"verdict\","
    "\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":nu"
    "ll,\"callSite\":\"unknown\",\"ripClass\":\"unknown\",\"rspClass\":\"unknown\",\""
    "changed\":[],\"pattern\":\"none\",\"contended\":false,\"enforced\":false}}]}\n";
static const char gold_rt64_extremes[] =
    "{\"timestamp\":0,\"threadStartTime\":-5000123456,\"processorId\":4294967295,\"pr"
    "ocessId\":0,\"threadId\":22,\"parentProcessId\":0,\"hostProcessId\":4294967295,\""
    "hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":4294967294,\"mountNames"
    "pace\":4294967295,\"pidNamespace\":4026531836,\"processName\":\"sig-test\",\"exe"
    "cutable\":{\"path\":\"\"},\"hostName\":\"\",\"cgroupId\":-1,\"containerId\":\"\""
    ",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false},\"eventId\":\""
    "15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":15,\"returnValue\":-922337203685"
    "4775808,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\""
    "ustack\",\"type\":\"void*\",\"value\":18446744073709551615},{\"name\":\"abi\",\""
    "type\":\"const char*\",\"value\":\"unknown\"},{\"name\":\"call_site\",\"type\":\""
    "void*\",\"value\":0},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":7},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":9223372036854775808,\"ss_flags\":\"SS_ONSTACK|SS_DISABLE|SS_AUT"
    "ODISARM|0x4\",\"ss_size\":-1}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigco"
    "ntext\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":10,\"r11\":11,\"r12\":12,\"r13\":13"
    ",\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"rbp\":2147299328,\"rbx\":19,\"rdx"
    "\":20,\"rax\":18446744073709551612,\"rcx\":22,\"rsp\":2147299072,\"rip\":4199680"
    ",\"eflags\":582,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"o"
    "ldmask\":0,\"cr2\":0,\"fpstate\":2147291648}},{\"name\":\"uc_sigmask\",\"type\":"
    "\"[]string\",\"value\":[\"SIGHUP\",\"SIGINT\",\"SIGQUIT\",\"SIGILL\",\"SIGTRAP\""
    ",\"SIGABRT\",\"SIGBUS\",\"SIGFPE\",\"SIGKILL\",\"SIGUSR1\",\"SIGSEGV\",\"SIGUSR2"
    "\",\"SIGPIPE\",\"SIGALRM\",\"SIGTERM\",\"SIGSTKFLT\",\"SIGCHLD\",\"SIGCONT\",\"S"
    "IGSTOP\",\"SIGTSTP\",\"SIGTTIN\",\"SIGTTOU\",\"SIGURG\",\"SIGXCPU\",\"SIGXFSZ\","
    "\"SIGVTALRM\",\"SIGPROF\",\"SIGWINCH\",\"SIGIO\",\"SIGPWR\",\"SIGSYS\",\"SIGRT_0"
    "\",\"SIGRT_1\",\"SIGRT_2\",\"SIGRT_3\",\"SIGRT_4\",\"SIGRT_5\",\"SIGRT_6\",\"SIG"
    "RT_7\",\"SIGRT_8\",\"SIGRT_9\",\"SIGRT_10\",\"SIGRT_11\",\"SIGRT_12\",\"SIGRT_13"
    "\",\"SIGRT_14\",\"SIGRT_15\",\"SIGRT_16\",\"SIGRT_17\",\"SIGRT_18\",\"SIGRT_19\""
    ",\"SIGRT_20\",\"SIGRT_21\",\"SIGRT_22\",\"SIGRT_23\",\"SIGRT_24\",\"SIGRT_25\",\""
    "SIGRT_26\",\"SIGRT_27\",\"SIGRT_28\",\"SIGRT_29\",\"SIGRT_30\",\"SIGRT_31\",\"SI"
    "GRT_32\"]},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":"
    "\"SIGUSR1\",\"si_errno\":-2147483648,\"si_code\":\"SI_TKILL\",\"si_pid\":1234,\""
    "si_uid\":1000}},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\""
    "r8\":8,\"r9\":9,\"r10\":10,\"r11\":11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":1"
    "8446744073709551615,\"rdi\":16,\"rsi\":17,\"rbp\":2147299328,\"rbx\":19,\"rdx\":"
    "20,\"rax\":18446744073709551612,\"rcx\":22,\"rsp\":2147299072,\"rip\":4199936,\""
    "eflags\":582,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type\":\"[]string\","
    "\"value\":[\"r8\",\"r9\",\"r10\",\"r11\",\"r12\",\"r13\",\"r14\",\"r15\",\"rdi\""
    ",\"rsi\",\"rbp\",\"rbx\",\"rdx\",\"rax\",\"rcx\",\"rsp\",\"rip\",\"eflags\",\"cs"
    "\",\"ss\"]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"un"
    "known\",\"method\":\"unknown\",\"depth\":4294967295,\"abandoned\":2147483648}},{"
    "\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":"
    "[\"forged_frame\",\"wrong_call_site\",\"tampered_context\",\"stack_pivot\",\"toc"
    "tou\",\"abi_switch\",\"preexisting_unmatched\"],\"maxSeverity\":null,\"callSite\""
    ":\"stub\",\"ripClass\":\"unknown\",\"rspClass\":\"unknown\",\"changed\":[\"r8\","
    "\"r9\",\"r10\",\"r11\",\"r12\",\"r13\",\"r14\",\"r15\",\"rdi\",\"rsi\",\"rbp\",\""
    "rbx\",\"rdx\",\"rax\",\"rcx\",\"rsp\",\"rip\",\"eflags\",\"cs\",\"ss\"],\"patter"
    "n\":\"none\",\"contended\":false,\"enforced\":false}}]}\n";
static const char gold_rt_ia32_unmatched[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig32\",\""
    "executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"conta"
    "inerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":true},\""
    "eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\":0"
    ",\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"ustack"
    "\",\"type\":\"void*\",\"value\":4294955008},{\"name\":\"abi\",\"type\":\"const c"
    "har*\",\"value\":\"ia32\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":"
    "4160492873},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},"
    "{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"frame\"},{\"name\":"
    "\"uc_flags\",\"type\":\"uint64\",\"value\":1},{\"name\":\"uc_link\",\"type\":\"v"
    "oid*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"value\":{\"ss_"
    "sp\":0,\"ss_flags\":\"SS_DISABLE\",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"t"
    "ype\":\"struct sigcontext\",\"value\":{\"gs\":99,\"fs\":0,\"es\":43,\"ds\":43,\""
    "edi\":0,\"esi\":0,\"ebp\":0,\"esp\":4294955264,\"ebx\":0,\"edx\":0,\"ecx\":0,\"e"
    "ax\":4294967292,\"trapno\":0,\"err\":0,\"eip\":134516736,\"cs\":35,\"eflags\":58"
    "2,\"esp_at_signal\":4294955264,\"ss\":43,\"fpstate\":0,\"oldmask\":0,\"cr2\":0}}"
    ",{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGRT_2\"]},{\"name"
    "\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\"SIGUSR1\",\"si_e"
    "rrno\":0,\"si_code\":\"SI_USER\",\"si_pid\":99,\"si_uid\":0}},{\"name\":\"mismat"
    "ch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object"
    "\",\"value\":{\"status\":\"unmatched\",\"method\":\"none\",\"depth\":0,\"abandon"
    "ed\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\""
    "allowed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClass\":\"unknow"
    "n\",\"rspClass\":\"unknown\",\"changed\":[],\"pattern\":\"none\",\"contended\":f"
    "alse,\"enforced\":false}}]}\n";
static const char gold_rt_ia32_matched[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig32\",\""
    "executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"conta"
    "inerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":true},\""
    "eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":16,\"returnValue\":-"
    "4,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"ustac"
    "k\",\"type\":\"void*\",\"value\":4294955008},{\"name\":\"abi\",\"type\":\"const "
    "char*\",\"value\":\"ia32\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\""
    ":4160492873},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"}"
    ",{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"nam"
    "e\":\"uc_flags\",\"type\":\"uint64\",\"value\":1},{\"name\":\"uc_link\",\"type\""
    ":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"value\":{\""
    "ss_sp\":0,\"ss_flags\":\"SS_DISABLE\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"gs\":99,\"fs\":0,\"es\":43,\"ds\":43"
    ",\"edi\":0,\"esi\":0,\"ebp\":0,\"esp\":4294955264,\"ebx\":0,\"edx\":0,\"ecx\":0,"
    "\"eax\":4294967292,\"trapno\":0,\"err\":0,\"eip\":134516736,\"cs\":35,\"eflags\""
    ":582,\"esp_at_signal\":4294955264,\"ss\":43,\"fpstate\":0,\"oldmask\":0,\"cr2\":"
    "0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGRT_2\"]},{\"n"
    "ame\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\"SIGUSR1\",\"s"
    "i_errno\":0,\"si_code\":\"SI_USER\",\"si_pid\":99,\"si_uid\":0}},{\"name\":\"res"
    "tored\",\"type\":\"struct pt_regs\",\"value\":{\"edi\":0,\"esi\":0,\"ebp\":0,\"e"
    "bx\":0,\"edx\":0,\"eax\":4294967292,\"ecx\":0,\"esp\":4294955264,\"eip\":1345167"
    "52,\"eflags\":582,\"cs\":35,\"ss\":43}},{\"name\":\"mismatch\",\"type\":\"[]stri"
    "ng\",\"value\":[\"eip\"]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\""
    "status\":\"matched\",\"method\":\"context\",\"signal\":\"SIGRT_2\",\"deliverySeq"
    "\":9,\"deliveryTimestamp\":1764387004000000000,\"handler\":134516992,\"restorer\""
    ":4160492864,\"depth\":2,\"abandoned\":1,\"changed\":[\"eip\",\"eflags\"]}},{\"na"
    "me\":\"stack_bytes\",\"type\":\"[]byte\",\"value\":\"AAH/\"},{\"name\":\"verdict"
    "\",\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\""
    ":null,\"callSite\":\"vdso\",\"ripClass\":\"vdso\",\"rspClass\":\"stack\",\"chang"
    "ed\":[\"eip\"],\"pattern\":\"none\",\"contended\":false,\"enforced\":false}}]}\n";
static const char gold_sig_ia32_legacy[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"legacy\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":true},"
    "\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":11,\"returnValue\""
    ":5,\"syscall\":\"sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"ustack\""
    ",\"type\":\"void*\",\"value\":0},{\"name\":\"abi\",\"type\":\"const char*\",\"va"
    "lue\":\"ia32_from_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":0},"
    "{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\""
    "authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_mcon"
    "text\",\"type\":\"struct sigcontext\",\"value\":{\"gs\":0,\"fs\":0,\"es\":0,\"ds"
    "\":0,\"edi\":0,\"esi\":0,\"ebp\":0,\"esp\":0,\"ebx\":0,\"edx\":0,\"ecx\":0,\"eax"
    "\":0,\"trapno\":0,\"err\":0,\"eip\":4198400,\"cs\":0,\"eflags\":0,\"esp_at_signa"
    "l\":0,\"ss\":0,\"fpstate\":0,\"oldmask\":512,\"cr2\":0}},{\"name\":\"uc_sigmask\""
    ",\"type\":\"[]string\",\"value\":[\"SIGUSR1\",\"SIGRT_1\"]},{\"name\":\"restored"
    "\",\"type\":\"struct pt_regs\",\"value\":{\"edi\":0,\"esi\":0,\"ebp\":0,\"ebx\":"
    "0,\"edx\":0,\"eax\":5,\"ecx\":0,\"esp\":0,\"eip\":4198400,\"eflags\":0,\"cs\":0,"
    "\"ss\":0}},{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":"
    "\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\"c"
    "ontext\",\"signal\":\"SIGUSR1\",\"deliverySeq\":0,\"deliveryTimestamp\":17643870"
    "00000000000,\"handler\":0,\"restorer\":0,\"depth\":0,\"abandoned\":0,\"changed\""
    ":[\"eax\"]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":["
    "],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClass\":\"un"
    "known\",\"rspClass\":\"unknown\",\"changed\":[],\"pattern\":\"none\",\"contended"
    "\":false,\"enforced\":false}}]}\n";
static const char gold_deliver[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"30001\",\"eventName\":\"signal_deliver\",\"argsNum\":15,\"return"
    "Value\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"t"
    "ype\":\"int32\",\"value\":10},{\"name\":\"signal\",\"type\":\"const char*\",\"va"
    "lue\":\"SIGUSR1\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_"
    "signo\":\"SIGUSR1\",\"si_errno\":0,\"si_code\":\"SI_TKILL\",\"si_pid\":1234,\"si"
    "_uid\":1000}},{\"name\":\"handler\",\"type\":\"void*\",\"value\":4198710},{\"nam"
    "e\":\"sa_flags\",\"type\":\"const char*\",\"value\":\"SA_SIGINFO|SA_RESTORER|SA_"
    "RESTART\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":13963797673220"
    "8},{\"name\":\"sa_mask\",\"type\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\""
    ":\"blocked\",\"type\":\"[]string\",\"value\":[\"SIGINT\",\"SIGTERM\"]},{\"name\""
    ":\"regs\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":10,\""
    "r11\":11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"rbp"
    "\":2147299328,\"rbx\":19,\"rdx\":20,\"rax\":18446744073709551612,\"rcx\":22,\"rs"
    "p\":2147299072,\"rip\":4199424,\"eflags\":582,\"cs\":51,\"ss\":43}},{\"name\":\""
    "restart\",\"type\":\"const char*\",\"value\":\"restarted\"},{\"name\":\"altstack"
    "\",\"type\":\"bool\",\"value\":true},{\"name\":\"handled\",\"type\":\"bool\",\"v"
    "alue\":true},{\"name\":\"frame\",\"type\":\"void*\",\"value\":0},{\"name\":\"del"
    "iverySeq\",\"type\":\"uint32\",\"value\":3},{\"name\":\"depth\",\"type\":\"uint3"
    "2\",\"value\":1}]}\n";
static const char gold_deliver_compat[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":true}"
    ",\"eventId\":\"30001\",\"eventName\":\"signal_deliver\",\"argsNum\":13,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int32\",\"value\":10},{\"name\":\"signal\",\"type\":\"const char*\",\"val"
    "ue\":\"SIGUSR1\"},{\"name\":\"handler\",\"type\":\"void*\",\"value\":0},{\"name\""
    ":\"sa_flags\",\"type\":\"const char*\",\"value\":\"SA_SIGINFO|SA_RESTORER|SA_RES"
    "TART\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":139637976732208},"
    "{\"name\":\"sa_mask\",\"type\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\""
    "blocked\",\"type\":\"[]string\",\"value\":[\"SIGINT\",\"SIGTERM\"]},{\"name\":\""
    "regs\",\"type\":\"struct pt_regs\",\"value\":{\"edi\":16,\"esi\":17,\"ebp\":2147"
    "299328,\"ebx\":19,\"edx\":20,\"eax\":18446744073709551612,\"ecx\":22,\"esp\":214"
    "7299072,\"eip\":4199424,\"eflags\":582,\"cs\":51,\"ss\":43}},{\"name\":\"restart"
    "\",\"type\":\"const char*\",\"value\":\"eintr\"},{\"name\":\"altstack\",\"type\""
    ":\"bool\",\"value\":false},{\"name\":\"handled\",\"type\":\"bool\",\"value\":fal"
    "se},{\"name\":\"deliverySeq\",\"type\":\"uint32\",\"value\":3},{\"name\":\"depth"
    "\",\"type\":\"uint32\",\"value\":1}]}\n";
static const char gold_deliver_sigsegv[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"30001\",\"eventName\":\"signal_deliver\",\"argsNum\":15,\"return"
    "Value\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"t"
    "ype\":\"int32\",\"value\":11},{\"name\":\"signal\",\"type\":\"const char*\",\"va"
    "lue\":\"SIGSEGV\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_"
    "signo\":\"SIGSEGV\",\"si_errno\":-14,\"si_code\":\"SEGV_MAPERR\",\"si_addr\":233"
    "492480}},{\"name\":\"handler\",\"type\":\"void*\",\"value\":4198710},{\"name\":\""
    "sa_flags\",\"type\":\"const char*\",\"value\":\"SA_SIGINFO|SA_RESTORER|SA_ONSTAC"
    "K\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":139637976732208},{\""
    "name\":\"sa_mask\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"blocked\",\"t"
    "ype\":\"[]string\",\"value\":[]},{\"name\":\"regs\",\"type\":\"struct pt_regs\","
    "\"value\":{\"r8\":8,\"r9\":9,\"r10\":10,\"r11\":11,\"r12\":12,\"r13\":13,\"r14\""
    ":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"rbp\":2147299328,\"rbx\":19,\"rdx\":20,\""
    "rax\":18446744073709551612,\"rcx\":22,\"rsp\":2147299072,\"rip\":4199424,\"eflag"
    "s\":582,\"cs\":51,\"ss\":43}},{\"name\":\"restart\",\"type\":\"const char*\",\"v"
    "alue\":\"none\"},{\"name\":\"altstack\",\"type\":\"bool\",\"value\":true},{\"nam"
    "e\":\"handled\",\"type\":\"bool\",\"value\":true},{\"name\":\"frame\",\"type\":\""
    "void*\",\"value\":0},{\"name\":\"deliverySeq\",\"type\":\"uint32\",\"value\":3},"
    "{\"name\":\"depth\",\"type\":\"uint32\",\"value\":1}]}\n";
static const char gold_deliver_sigchld[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"30001\",\"eventName\":\"signal_deliver\",\"argsNum\":14,\"return"
    "Value\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"t"
    "ype\":\"int32\",\"value\":17},{\"name\":\"signal\",\"type\":\"const char*\",\"va"
    "lue\":\"SIGCHLD\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_"
    "signo\":\"SIGCHLD\",\"si_errno\":0,\"si_code\":\"CLD_EXITED\",\"si_pid\":4444,\""
    "si_uid\":0}},{\"name\":\"handler\",\"type\":\"void*\",\"value\":1},{\"name\":\"s"
    "a_flags\",\"type\":\"const char*\",\"value\":\"SA_SIGINFO|SA_RESTORER|SA_RESTART"
    "\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":139637976732208},{\"n"
    "ame\":\"sa_mask\",\"type\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\"blo"
    "cked\",\"type\":\"[]string\",\"value\":[\"SIGINT\",\"SIGTERM\"]},{\"name\":\"reg"
    "s\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":10,\"r11\":"
    "11,\"r12\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"rbp\":214"
    "7299328,\"rbx\":19,\"rdx\":20,\"rax\":18446744073709551612,\"rcx\":22,\"rsp\":21"
    "47299072,\"rip\":4199424,\"eflags\":582,\"cs\":51,\"ss\":43}},{\"name\":\"restar"
    "t\",\"type\":\"const char*\",\"value\":\"none\"},{\"name\":\"altstack\",\"type\""
    ":\"bool\",\"value\":false},{\"name\":\"handled\",\"type\":\"bool\",\"value\":fal"
    "se},{\"name\":\"deliverySeq\",\"type\":\"uint32\",\"value\":3},{\"name\":\"depth"
    "\",\"type\":\"uint32\",\"value\":1}]}\n";
static const char gold_deliver_odd[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"30001\",\"eventName\":\"signal_deliver\",\"argsNum\":14,\"return"
    "Value\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"t"
    "ype\":\"int32\",\"value\":99},{\"name\":\"signal\",\"type\":\"const char*\",\"va"
    "lue\":\"SIG99\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_si"
    "gno\":\"SIG99\",\"si_errno\":0,\"si_code\":12345}},{\"name\":\"handler\",\"type\""
    ":\"void*\",\"value\":4198710},{\"name\":\"sa_flags\",\"type\":\"const char*\",\""
    "value\":\"SA_NOCLDSTOP|SA_NOCLDWAIT|SA_SIGINFO|SA_UNSUPPORTED|SA_EXPOSE_TAGBITS|"
    "SA_X32_ABI|SA_IA32_ABI|SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_NODEFER|SA_RESETHAND"
    "|0xffffffff20fff3f8\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":13"
    "9637976732208},{\"name\":\"sa_mask\",\"type\":\"[]string\",\"value\":[\"SIGHUP\""
    ",\"SIGINT\",\"SIGQUIT\",\"SIGILL\",\"SIGTRAP\",\"SIGABRT\",\"SIGBUS\",\"SIGFPE\""
    ",\"SIGKILL\",\"SIGUSR1\",\"SIGSEGV\",\"SIGUSR2\",\"SIGPIPE\",\"SIGALRM\",\"SIGTE"
    "RM\",\"SIGSTKFLT\",\"SIGCHLD\",\"SIGCONT\",\"SIGSTOP\",\"SIGTSTP\",\"SIGTTIN\",\""
    "SIGTTOU\",\"SIGURG\",\"SIGXCPU\",\"SIGXFSZ\",\"SIGVTALRM\",\"SIGPROF\",\"SIGWINC"
    "H\",\"SIGIO\",\"SIGPWR\",\"SIGSYS\",\"SIGRT_0\",\"SIGRT_1\",\"SIGRT_2\",\"SIGRT_"
    "3\",\"SIGRT_4\",\"SIGRT_5\",\"SIGRT_6\",\"SIGRT_7\",\"SIGRT_8\",\"SIGRT_9\",\"SI"
    "GRT_10\",\"SIGRT_11\",\"SIGRT_12\",\"SIGRT_13\",\"SIGRT_14\",\"SIGRT_15\",\"SIGR"
    "T_16\",\"SIGRT_17\",\"SIGRT_18\",\"SIGRT_19\",\"SIGRT_20\",\"SIGRT_21\",\"SIGRT_"
    "22\",\"SIGRT_23\",\"SIGRT_24\",\"SIGRT_25\",\"SIGRT_26\",\"SIGRT_27\",\"SIGRT_28"
    "\",\"SIGRT_29\",\"SIGRT_30\",\"SIGRT_31\",\"SIGRT_32\"]},{\"name\":\"blocked\",\""
    "type\":\"[]string\",\"value\":[\"SIGHUP\",\"SIGRT_32\"]},{\"name\":\"regs\",\"ty"
    "pe\":\"struct pt_regs\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":10,\"r11\":11,\"r12"
    "\":12,\"r13\":13,\"r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"rbp\":2147299328,"
    "\"rbx\":19,\"rdx\":20,\"rax\":18446744073709551612,\"rcx\":22,\"rsp\":2147299072"
    ",\"rip\":4199424,\"eflags\":582,\"cs\":51,\"ss\":43}},{\"name\":\"restart\",\"ty"
    "pe\":\"const char*\",\"value\":\"restarted\"},{\"name\":\"altstack\",\"type\":\""
    "bool\",\"value\":false},{\"name\":\"handled\",\"type\":\"bool\",\"value\":false}"
    ",{\"name\":\"deliverySeq\",\"type\":\"uint32\",\"value\":4294967295},{\"name\":\""
    "depth\",\"type\":\"uint32\",\"value\":0}]}\n";
static const char gold_deliver_rt_queue[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"30001\",\"eventName\":\"signal_deliver\",\"argsNum\":15,\"return"
    "Value\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"t"
    "ype\":\"int32\",\"value\":40},{\"name\":\"signal\",\"type\":\"const char*\",\"va"
    "lue\":\"SIGRT_8\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_"
    "signo\":\"SIGRT_8\",\"si_errno\":0,\"si_code\":\"SI_QUEUE\",\"si_pid\":1234,\"si"
    "_uid\":1000}},{\"name\":\"handler\",\"type\":\"void*\",\"value\":4198710},{\"nam"
    "e\":\"sa_flags\",\"type\":\"const char*\",\"value\":\"0\"},{\"name\":\"sa_restor"
    "er\",\"type\":\"void*\",\"value\":139637976732208},{\"name\":\"sa_mask\",\"type\""
    ":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\"blocked\",\"type\":\"[]string"
    "\",\"value\":[\"SIGINT\",\"SIGTERM\"]},{\"name\":\"regs\",\"type\":\"struct pt_r"
    "egs\",\"value\":{\"r8\":8,\"r9\":9,\"r10\":10,\"r11\":11,\"r12\":12,\"r13\":13,\""
    "r14\":14,\"r15\":15,\"rdi\":16,\"rsi\":17,\"rbp\":2147299328,\"rbx\":19,\"rdx\":"
    "20,\"rax\":18446744073709551612,\"rcx\":22,\"rsp\":2147299072,\"rip\":4199424,\""
    "eflags\":582,\"cs\":51,\"ss\":43}},{\"name\":\"restart\",\"type\":\"const char*\""
    ",\"value\":\"restarted\"},{\"name\":\"altstack\",\"type\":\"bool\",\"value\":tru"
    "e},{\"name\":\"handled\",\"type\":\"bool\",\"value\":true},{\"name\":\"frame\",\""
    "type\":\"void*\",\"value\":0},{\"name\":\"deliverySeq\",\"type\":\"uint32\",\"va"
    "lue\":3},{\"name\":\"depth\",\"type\":\"uint32\",\"value\":1}]}\n";
static const char gold_generate[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sender\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30002\",\"eventName\":\"signal_generate\",\"argsNum\":8,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int32\",\"value\":10},{\"name\":\"signal\",\"type\":\"const char*\",\"val"
    "ue\":\"SIGUSR1\"},{\"name\":\"si_code\",\"type\":\"const char*\",\"value\":\"SI_"
    "TKILL\"},{\"name\":\"target_pid\",\"type\":\"int32\",\"value\":4321},{\"name\":\""
    "target_tid\",\"type\":\"int32\",\"value\":4322},{\"name\":\"target_comm\",\"type"
    "\":\"const char*\",\"value\":\"target\"},{\"name\":\"group\",\"type\":\"bool\",\""
    "value\":false},{\"name\":\"result\",\"type\":\"const char*\",\"value\":\"deliver"
    "ed\"}]}\n";
static const char gold_generate_odd[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sender\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30002\",\"eventName\":\"signal_generate\",\"argsNum\":8,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int32\",\"value\":10},{\"name\":\"signal\",\"type\":\"const char*\",\"val"
    "ue\":\"SIGUSR1\"},{\"name\":\"si_code\",\"type\":\"int32\",\"value\":12345},{\"n"
    "ame\":\"target_pid\",\"type\":\"int32\",\"value\":4321},{\"name\":\"target_tid\""
    ",\"type\":\"int32\",\"value\":4322},{\"name\":\"target_comm\",\"type\":\"const c"
    "har*\",\"value\":\"t\\\"\\u0001\xef\xbf\xbd\xef\xbf\xbd\"},{\"name\":\"group\",\""
    "type\":\"bool\",\"value\":true},{\"name\":\"result\",\"type\":\"const char*\",\""
    "value\":\"already_pending\"}]}\n";
static const char gold_generate_result_unknown[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sender\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30002\",\"eventName\":\"signal_generate\",\"argsNum\":8,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int32\",\"value\":0},{\"name\":\"signal\",\"type\":\"const char*\",\"valu"
    "e\":\"SIG0\"},{\"name\":\"si_code\",\"type\":\"const char*\",\"value\":\"SI_USER"
    "\"},{\"name\":\"target_pid\",\"type\":\"int32\",\"value\":4321},{\"name\":\"targ"
    "et_tid\",\"type\":\"int32\",\"value\":4322},{\"name\":\"target_comm\",\"type\":\""
    "const char*\",\"value\":\"target\"},{\"name\":\"group\",\"type\":\"bool\",\"valu"
    "e\":false},{\"name\":\"result\",\"type\":\"const char*\",\"value\":\"42\"}]}\n";
static const char gold_generate_result_negative[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sender\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30002\",\"eventName\":\"signal_generate\",\"argsNum\":8,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int32\",\"value\":9},{\"name\":\"signal\",\"type\":\"const char*\",\"valu"
    "e\":\"SIGKILL\"},{\"name\":\"si_code\",\"type\":\"const char*\",\"value\":\"SI_K"
    "ERNEL\"},{\"name\":\"target_pid\",\"type\":\"int32\",\"value\":4294967295},{\"na"
    "me\":\"target_tid\",\"type\":\"int32\",\"value\":4322},{\"name\":\"target_comm\""
    ",\"type\":\"const char*\",\"value\":\"target\"},{\"name\":\"group\",\"type\":\"b"
    "ool\",\"value\":true},{\"name\":\"result\",\"type\":\"const char*\",\"value\":\""
    "-2147483648\"}]}\n";
static const char gold_generate_exe_path[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4000000000,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000"
    ",\"mountNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sen"
    "der\",\"executable\":{\"path\":\"/opt/a b/\\\"q\\\"\\\\/\\u0001\\u001F\x7f\\n\\t"
    "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf"
    "\xbd\xef\xbf\xbd\xef\xbf\xbd/bin\"},\"hostName\":\"h\xc3\xa9st\\u001B[0m\xef\xbf"
    "\xbd\",\"cgroupId\":4242,\"containerId\":\"\",\"contextFlags\":{\"containerStart"
    "ed\":false,\"isCompat\":false},\"eventId\":\"30002\",\"eventName\":\"signal_gene"
    "rate\",\"argsNum\":8,\"returnValue\":0,\"syscall\":\"\",\"stackAddresses\":[],\""
    "args\":[{\"name\":\"sig\",\"type\":\"int32\",\"value\":10},{\"name\":\"signal\","
    "\"type\":\"const char*\",\"value\":\"SIGUSR1\"},{\"name\":\"si_code\",\"type\":\""
    "const char*\",\"value\":\"SI_TKILL\"},{\"name\":\"target_pid\",\"type\":\"int32\""
    ",\"value\":4321},{\"name\":\"target_tid\",\"type\":\"int32\",\"value\":4322},{\""
    "name\":\"target_comm\",\"type\":\"const char*\",\"value\":\"target\"},{\"name\":"
    "\"group\",\"type\":\"bool\",\"value\":false},{\"name\":\"result\",\"type\":\"con"
    "st char*\",\"value\":\"delivered\"}]}\n";
static const char gold_finding_forged[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,"
    "\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,"
    "\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\""
    "cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\""
    ":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"S"
    "IGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type"
    "\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\""
    ":{\"status\":\"unmatched\",\"method\":\"none\",\"depth\":1,\"abandoned\":0}},{\""
    "name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"forged_frame\""
    "],\"allowed\":[],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClass\":\"ano"
    "n_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"n"
    "one\",\"contended\":false,\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30101\",\"eventName\":\"sigreturn_forged_frame\",\"argsNum\":4,\""
    "returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\""
    "name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"outstandi"
    "ng_deliveries\",\"type\":\"uint32\",\"value\":1},{\"name\":\"thread_predates_tra"
    "cer\",\"type\":\"bool\",\"value\":false},{\"name\":\"detectedFrom\",\"type\":\"u"
    "nknown\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"args"
    "\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"ab"
    "i\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"typ"
    "e\":\"void*\",\"value\":139637976732212},{\"name\":\"frame_read\",\"type\":\"con"
    "st char*\",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\""
    "value\":\"restored\"},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type"
    "\":\"stack_t\",\"value\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name"
    "\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\""
    "r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\""
    "rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":41996"
    "80,\"eflags\":0,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"o"
    "ldmask\":0,\"cr2\":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]strin"
    "g\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\","
    "\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\""
    "r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\""
    "rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\""
    "mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\""
    "object\",\"value\":{\"status\":\"unmatched\",\"method\":\"none\",\"depth\":1,\"a"
    "bandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\""
    ":[\"forged_frame\"],\"allowed\":[],\"maxSeverity\":4,\"callSite\":\"delivered\","
    "\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\""
    "],\"pattern\":\"none\",\"contended\":false,\"enforced\":false}}]}}],\"metadata\""
    ":{\"Version\":\"1\",\"Description\":\"A sigreturn restored a frame that no signa"
    "l delivered to the thread wrote (SROP)\",\"Tags\":[\"signal\",\"sigreturn\"],\"P"
    "roperties\":{\"Severity\":4,\"Category\":\"privilege-escalation\",\"Technique\":"
    "\"Exploitation for Privilege Escalation\",\"Kubernetes_Technique\":\"\",\"id\":\""
    "attack-pattern--b21c3b2d-02e6-45b1-980b-e69051040839\",\"external_id\":\"T1068\""
    ",\"signatureID\":\"SIGSCOPE-1\",\"signatureName\":\"Forged sigreturn frame\",\"e"
    "nforced\":false}}}\n";
static const char gold_finding_call_site[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,"
    "\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,"
    "\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\""
    "cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\""
    ":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"S"
    "IGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type"
    "\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\""
    ":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliveryS"
    "eq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":4198710,\"restorer\""
    ":139637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\""
    "name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"wrong_call_sit"
    "e\"],\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"other\",\"ripClass\":\"anon"
    "_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"no"
    "ne\",\"contended\":false,\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30102\",\"eventName\":\"sigreturn_wrong_call_site\",\"argsNum\":4"
    ",\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":["
    "{\"name\":\"call_site\",\"type\":\"void*\",\"value\":139637976732212},{\"name\":"
    "\"check\",\"type\":\"const char*\",\"value\":\"other\"},{\"name\":\"delivered_re"
    "storer\",\"type\":\"void*\",\"value\":139637976732208},{\"name\":\"detectedFrom\""
    ",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnVal"
    "ue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{"
    "\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call"
    "_site\",\"type\":\"void*\",\"value\":139637976732212},{\"name\":\"frame_read\",\""
    "type\":\"const char*\",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"cons"
    "t char*\",\"value\":\"restored\"},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"v"
    "alue\":0},{\"name\":\"uc_link\",\"type\":\"void*\",\"value\":0},{\"name\":\"uc_s"
    "tack\",\"type\":\"stack_t\",\"value\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199680,\"eflags\":0,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"t"
    "rapno\":0,\"oldmask\":0,\"cr2\":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"typ"
    "e\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"stru"
    "ct pt_regs\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":"
    "0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":"
    "7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}"
    "},{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing"
    "\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\"frame\",\""
    "signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000000000"
    ",\"handler\":4198710,\"restorer\":139637976732208,\"depth\":1,\"abandoned\":0,\""
    "changed\":[\"rsp\",\"rip\"]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\""
    ":{\"findings\":[\"wrong_call_site\"],\"allowed\":[],\"maxSeverity\":3,\"callSite"
    "\":\"other\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\""
    "rsp\",\"rip\"],\"pattern\":\"none\",\"contended\":false,\"enforced\":false}}]}}]"
    ",\"metadata\":{\"Version\":\"1\",\"Description\":\"A sigreturn was issued from o"
    "utside every signal restorer of the process (a syscall gadget)\",\"Tags\":[\"sig"
    "nal\",\"sigreturn\"],\"Properties\":{\"Severity\":3,\"Category\":\"privilege-esc"
    "alation\",\"Technique\":\"Exploitation for Privilege Escalation\",\"Kubernetes_T"
    "echnique\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45b1-980b-e69051040839\","
    "\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-2\",\"signatureName\":\"Sig"
    "return from outside a restorer\",\"enforced\":false}}}\n";
static const char gold_finding_tampered[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,"
    "\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,"
    "\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\""
    "cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\""
    ":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"S"
    "IGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type"
    "\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\""
    ":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliveryS"
    "eq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":4198710,\"restorer\""
    ":139637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\""
    "name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"tampered_conte"
    "xt\"],\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\""
    "anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":"
    "\"none\",\"contended\":false,\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30103\",\"eventName\":\"sigreturn_tampered_context\",\"argsNum\":"
    "7,\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":"
    "[{\"name\":\"changed\",\"type\":\"[]string\",\"value\":[\"rsp\",\"rip\"]},{\"nam"
    "e\":\"saved\",\"type\":\"unknown\",\"value\":{\"rip\":4199424,\"rsp\":2147299072"
    "}},{\"name\":\"restored\",\"type\":\"unknown\",\"value\":{\"rip\":4199680,\"rsp\""
    ":1431674880}},{\"name\":\"rip_class\",\"type\":\"const char*\",\"value\":\"anon_"
    "exec\"},{\"name\":\"rip_mapping\",\"type\":\"const char*\",\"value\":\"\"},{\"na"
    "me\":\"pattern\",\"type\":\"const char*\",\"value\":\"none\"},{\"name\":\"detect"
    "edFrom\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"r"
    "eturnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":21472"
    "91136},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\""
    ":\"call_site\",\"type\":\"void*\",\"value\":139637976732212},{\"name\":\"frame_r"
    "ead\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\"authority\",\"type\""
    ":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_flags\",\"type\":\"uint6"
    "4\",\"value\":0},{\"name\":\"uc_link\",\"type\":\"void*\",\"value\":0},{\"name\""
    ":\"uc_stack\",\"type\":\"stack_t\",\"value\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"s"
    "s_size\":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":"
    "{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\""
    "rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431"
    "674880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\""
    ":0,\"trapno\":0,\"oldmask\":0,\"cr2\":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\""
    ",\"type\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":"
    "\"struct pt_regs\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\""
    "r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\""
    "rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss"
    "\":43}},{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"p"
    "airing\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\"fram"
    "e\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000"
    "000000,\"handler\":4198710,\"restorer\":139637976732208,\"depth\":1,\"abandoned\""
    ":0,\"changed\":[\"rsp\",\"rip\"]}},{\"name\":\"verdict\",\"type\":\"object\",\"v"
    "alue\":{\"findings\":[\"tampered_context\"],\"allowed\":[],\"maxSeverity\":3,\"c"
    "allSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\"c"
    "hanged\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contended\":false,\"enforced\""
    ":false}}]}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"A sigreturn resto"
    "red registers other than those the signal interrupted\",\"Tags\":[\"signal\",\"s"
    "igreturn\"],\"Properties\":{\"Severity\":3,\"Category\":\"privilege-escalation\""
    ",\"Technique\":\"Exploitation for Privilege Escalation\",\"Kubernetes_Technique\""
    ":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45b1-980b-e69051040839\",\"external"
    "_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-3\",\"signatureName\":\"Signal contex"
    "t tampered before sigreturn\",\"enforced\":false}}}\n";
static const char gold_finding_pivot[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,"
    "\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,"
    "\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\""
    "cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\""
    ":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"S"
    "IGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type"
    "\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\""
    ":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliveryS"
    "eq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":4198710,\"restorer\""
    ":139637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\""
    "name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"stack_pivot\"]"
    ",\"allowed\":[],\"maxSeverity\":2,\"callSite\":\"delivered\",\"ripClass\":\"anon"
    "_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"no"
    "ne\",\"contended\":false,\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30104\",\"eventName\":\"sigreturn_stack_pivot\",\"argsNum\":6,\"r"
    "eturnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"n"
    "ame\":\"rsp\",\"type\":\"void*\",\"value\":1431674880},{\"name\":\"reference_rsp"
    "\",\"type\":\"void*\",\"value\":2147299072},{\"name\":\"rsp_class\",\"type\":\"c"
    "onst char*\",\"value\":\"writable\"},{\"name\":\"rsp_mapping\",\"type\":\"const "
    "char*\",\"value\":\"\"},{\"name\":\"reference_mapping\",\"type\":\"const char*\""
    ",\"value\":\"\"},{\"name\":\"detectedFrom\",\"type\":\"unknown\",\"value\":{\"id"
    "\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\""
    ",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const cha"
    "r*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":"
    "139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"o"
    "k\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\""
    "name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\",\"typ"
    "e\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"value\""
    ":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"typ"
    "e\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12"
    "\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx"
    "\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":"
    "51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\":0,\""
    "fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGUSR"
    "2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":0,\"r"
    "9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rs"
    "i\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip"
    "\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type\":\""
    "[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\""
    "status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\""
    ":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":4198710,\"restorer\":13"
    "9637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\"nam"
    "e\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"stack_pivot\"],\""
    "allowed\":[],\"maxSeverity\":2,\"callSite\":\"delivered\",\"ripClass\":\"anon_ex"
    "ec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\""
    ",\"contended\":false,\"enforced\":false}}]}}],\"metadata\":{\"Version\":\"1\",\""
    "Description\":\"A sigreturn moved the stack pointer off the thread's stack and s"
    "igaltstack\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":2,"
    "\"Category\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege"
    " Escalation\",\"Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3b2d-02"
    "e6-45b1-980b-e69051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE"
    "-4\",\"signatureName\":\"Stack pivot through sigreturn\",\"enforced\":false}}}\n";
static const char gold_finding_toctou[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,"
    "\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,"
    "\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\""
    "cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\""
    ":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"S"
    "IGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199936,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type"
    "\":\"[]string\",\"value\":[\"rip\"]},{\"name\":\"pairing\",\"type\":\"object\",\""
    "value\":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"de"
    "liverySeq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":4198710,\"re"
    "storer\":139637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\""
    "]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"toctou\""
    "],\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"ano"
    "n_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"n"
    "one\",\"contended\":false,\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30105\",\"eventName\":\"sigreturn_toctou\",\"argsNum\":3,\"return"
    "Value\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\""
    ":\"mismatch\",\"type\":\"[]string\",\"value\":[\"rip\"]},{\"name\":\"frame_read\""
    ",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\"detectedFrom\",\"type\":"
    "\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"a"
    "rgs\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\""
    "abi\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"t"
    "ype\":\"void*\",\"value\":139637976732212},{\"name\":\"frame_read\",\"type\":\"c"
    "onst char*\",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\","
    "\"value\":\"restored\"},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},"
    "{\"name\":\"uc_link\",\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"t"
    "ype\":\"stack_t\",\"value\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"n"
    "ame\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":"
    "0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":"
    "0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4"
    "199680,\"eflags\":0,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0"
    ",\"oldmask\":0,\"cr2\":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]s"
    "tring\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_reg"
    "s\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\""
    ":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\""
    ":0,\"rsp\":1431674880,\"rip\":4199936,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name"
    "\":\"mismatch\",\"type\":\"[]string\",\"value\":[\"rip\"]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\"frame\",\"si"
    "gnal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000000000,\""
    "handler\":4198710,\"restorer\":139637976732208,\"depth\":1,\"abandoned\":0,\"cha"
    "nged\":[\"rsp\",\"rip\"]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{"
    "\"findings\":[\"toctou\"],\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"delive"
    "red\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\","
    "\"rip\"],\"pattern\":\"none\",\"contended\":false,\"enforced\":false}}]}}],\"met"
    "adata\":{\"Version\":\"1\",\"Description\":\"The sigreturn frame changed, or bec"
    "ame unreadable, between sigscope's read and the kernel's\",\"Tags\":[\"signal\","
    "\"sigreturn\"],\"Properties\":{\"Severity\":3,\"Category\":\"privilege-escalatio"
    "n\",\"Technique\":\"Exploitation for Privilege Escalation\",\"Kubernetes_Techniq"
    "ue\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45b1-980b-e69051040839\",\"exte"
    "rnal_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-5\",\"signatureName\":\"Sigreturn"
    " frame raced under the kernel\",\"enforced\":false}}}\n";
static const char gold_finding_abi[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,"
    "\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,"
    "\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\""
    "cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\""
    ":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"S"
    "IGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199680,\"eflags\":0,\"cs\":35,\"ss\":43}},{\"name\":\"mismatch\",\"type"
    "\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\""
    ":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliveryS"
    "eq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":4198710,\"restorer\""
    ":139637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\",\"cs\""
    "]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"abi_swi"
    "tch\"],\"allowed\":[],\"maxSeverity\":0,\"callSite\":\"delivered\",\"ripClass\":"
    "\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\""
    ":\"none\",\"contended\":false,\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30106\",\"eventName\":\"sigreturn_abi_switch\",\"argsNum\":4,\"re"
    "turnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"na"
    "me\":\"abi\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"entry_cs"
    "\",\"type\":\"uint64\",\"value\":51},{\"name\":\"restored_cs\",\"type\":\"uint64"
    "\",\"value\":35},{\"name\":\"detectedFrom\",\"type\":\"unknown\",\"value\":{\"id"
    "\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\""
    ",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const cha"
    "r*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":"
    "139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"o"
    "k\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\""
    "name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\",\"typ"
    "e\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"value\""
    ":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"typ"
    "e\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12"
    "\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx"
    "\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":"
    "51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\":0,\""
    "fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGUSR"
    "2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":0,\"r"
    "9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rs"
    "i\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip"
    "\":4199680,\"eflags\":0,\"cs\":35,\"ss\":43}},{\"name\":\"mismatch\",\"type\":\""
    "[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\""
    "status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\""
    ":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":4198710,\"restorer\":13"
    "9637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\",\"cs\"]}}"
    ",{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"abi_switch"
    "\"],\"allowed\":[],\"maxSeverity\":0,\"callSite\":\"delivered\",\"ripClass\":\"a"
    "non_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\""
    "none\",\"contended\":false,\"enforced\":false}}]}}],\"metadata\":{\"Version\":\""
    "1\",\"Description\":\"A sigreturn switched a process between 64-bit and 32-bit m"
    "ode\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":0,\"Categ"
    "ory\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege Escala"
    "tion\",\"Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45b1"
    "-980b-e69051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-6\",\""
    "signatureName\":\"Sigreturn switches the CPU mode\",\"enforced\":false}}}\n";
static const char gold_finding_preexisting[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,"
    "\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,"
    "\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\""
    "cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\""
    ":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"S"
    "IGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type"
    "\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\""
    ":{\"status\":\"thread_predates_tracer\",\"method\":\"none\",\"depth\":1,\"abando"
    "ned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"p"
    "reexisting_unmatched\"],\"allowed\":[],\"maxSeverity\":1,\"callSite\":\"delivere"
    "d\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\""
    "rip\"],\"pattern\":\"none\",\"contended\":false,\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30107\",\"eventName\":\"sigreturn_preexisting_unmatched\",\"argsN"
    "um\":3,\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"ar"
    "gs\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\""
    "restored_rsp\",\"type\":\"void*\",\"value\":1431674880},{\"name\":\"detectedFrom"
    "\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnV"
    "alue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136}"
    ",{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"ca"
    "ll_site\",\"type\":\"void*\",\"value\":139637976732212},{\"name\":\"frame_read\""
    ",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"c"
    "onst char*\",\"value\":\"restored\"},{\"name\":\"uc_flags\",\"type\":\"uint64\","
    "\"value\":0},{\"name\":\"uc_link\",\"type\":\"void*\",\"value\":0},{\"name\":\"u"
    "c_stack\",\"type\":\"stack_t\",\"value\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_si"
    "ze\":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r"
    "8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi"
    "\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674"
    "880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0"
    ",\"trapno\":0,\"oldmask\":0,\"cr2\":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\""
    "type\":\"[]string\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"s"
    "truct pt_regs\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13"
    "\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax"
    "\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":"
    "43}},{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pair"
    "ing\",\"type\":\"object\",\"value\":{\"status\":\"thread_predates_tracer\",\"met"
    "hod\":\"none\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"ob"
    "ject\",\"value\":{\"findings\":[\"preexisting_unmatched\"],\"allowed\":[],\"maxS"
    "everity\":1,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\""
    "writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contended\":fals"
    "e,\"enforced\":false}}]}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"An "
    "unmatched sigreturn on a thread that started before sigscope, excused as the unw"
    "inding of an older handler\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":"
    "{\"Severity\":1,\"Category\":\"privilege-escalation\",\"Technique\":\"Exploitati"
    "on for Privilege Escalation\",\"Kubernetes_Technique\":\"\",\"id\":\"attack-patt"
    "ern--b21c3b2d-02e6-45b1-980b-e69051040839\",\"external_id\":\"T1068\",\"signatur"
    "eID\":\"SIGSCOPE-7\",\"signatureName\":\"Unmatched sigreturn on an older thread\""
    ",\"enforced\":false}}}\n";
static const char gold_findings_no_regs[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"}"
    ",{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\"frame\",\"si"
    "gnal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000000000,\""
    "handler\":4198710,\"restorer\":139637976732208,\"depth\":1,\"abandoned\":0,\"cha"
    "nged\":[]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\""
    "tampered_context\",\"stack_pivot\",\"abi_switch\",\"preexisting_unmatched\"],\"a"
    "llowed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"anon_exe"
    "c\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\""
    ",\"contended\":false,\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30103\",\"eventName\":\"sigreturn_tampered_context\",\"argsNum\":"
    "7,\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":"
    "[{\"name\":\"changed\",\"type\":\"[]string\",\"value\":[\"rsp\",\"rip\"]},{\"nam"
    "e\":\"saved\",\"type\":\"unknown\",\"value\":{\"rip\":4199424,\"rsp\":2147299072"
    "}},{\"name\":\"restored\",\"type\":\"unknown\",\"value\":null},{\"name\":\"rip_c"
    "lass\",\"type\":\"const char*\",\"value\":\"anon_exec\"},{\"name\":\"rip_mapping"
    "\",\"type\":\"const char*\",\"value\":\"\"},{\"name\":\"pattern\",\"type\":\"con"
    "st char*\",\"value\":\"none\"},{\"name\":\"detectedFrom\",\"type\":\"unknown\",\""
    "value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnValue\":0,\"args\":[{\"name"
    "\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\""
    ":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\""
    ",\"value\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "none\"},{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"p"
    "airing\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\"fram"
    "e\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000"
    "000000,\"handler\":4198710,\"restorer\":139637976732208,\"depth\":1,\"abandoned\""
    ":0,\"changed\":[]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findi"
    "ngs\":[\"tampered_context\",\"stack_pivot\",\"abi_switch\",\"preexisting_unmatch"
    "ed\"],\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\""
    "anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":"
    "\"none\",\"contended\":false,\"enforced\":false}}]}}],\"metadata\":{\"Version\":"
    "\"1\",\"Description\":\"A sigreturn restored registers other than those the sign"
    "al interrupted\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\""
    ":3,\"Category\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privil"
    "ege Escalation\",\"Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3b2d"
    "-02e6-45b1-980b-e69051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSC"
    "OPE-3\",\"signatureName\":\"Signal context tampered before sigreturn\",\"enforce"
    "d\":false}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30104\",\"eventName\":\"sigreturn_stack_pivot\",\"argsNum\":6,\"r"
    "eturnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"n"
    "ame\":\"rsp\",\"type\":\"void*\",\"value\":null},{\"name\":\"reference_rsp\",\"t"
    "ype\":\"void*\",\"value\":2147299072},{\"name\":\"rsp_class\",\"type\":\"const c"
    "har*\",\"value\":\"writable\"},{\"name\":\"rsp_mapping\",\"type\":\"const char*\""
    ",\"value\":\"\"},{\"name\":\"reference_mapping\",\"type\":\"const char*\",\"valu"
    "e\":\"\"},{\"name\":\"detectedFrom\",\"type\":\"unknown\",\"value\":{\"id\":15,\""
    "name\":\"rt_sigreturn\",\"returnValue\":0,\"args\":[{\"name\":\"ustack\",\"type\""
    ":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const char*\",\"va"
    "lue\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":139637976"
    "732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"fault\"},{"
    "\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"},{\"name\":\""
    "mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\""
    "object\",\"value\":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIG"
    "USR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":4"
    "198710,\"restorer\":139637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[]}}"
    ",{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"tampered_c"
    "ontext\",\"stack_pivot\",\"abi_switch\",\"preexisting_unmatched\"],\"allowed\":["
    "],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspC"
    "lass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contend"
    "ed\":false,\"enforced\":false}}]}}],\"metadata\":{\"Version\":\"1\",\"Descriptio"
    "n\":\"A sigreturn moved the stack pointer off the thread's stack and sigaltstack"
    "\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":3,\"Category"
    "\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege Escalatio"
    "n\",\"Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45b1-98"
    "0b-e69051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-4\",\"sig"
    "natureName\":\"Stack pivot through sigreturn\",\"enforced\":false}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30106\",\"eventName\":\"sigreturn_abi_switch\",\"argsNum\":4,\"re"
    "turnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"na"
    "me\":\"abi\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"entry_cs"
    "\",\"type\":\"uint64\",\"value\":51},{\"name\":\"restored_cs\",\"type\":\"uint64"
    "\",\"value\":null},{\"name\":\"detectedFrom\",\"type\":\"unknown\",\"value\":{\""
    "id\":15,\"name\":\"rt_sigreturn\",\"returnValue\":0,\"args\":[{\"name\":\"ustack"
    "\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const c"
    "har*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\""
    ":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\""
    "fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"},{\""
    "name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\""
    "type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\"frame\",\"signa"
    "l\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000000000,\"ha"
    "ndler\":4198710,\"restorer\":139637976732208,\"depth\":1,\"abandoned\":0,\"chang"
    "ed\":[]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"t"
    "ampered_context\",\"stack_pivot\",\"abi_switch\",\"preexisting_unmatched\"],\"al"
    "lowed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec"
    "\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\","
    "\"contended\":false,\"enforced\":false}}]}}],\"metadata\":{\"Version\":\"1\",\"D"
    "escription\":\"A sigreturn switched a process between 64-bit and 32-bit mode\",\""
    "Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":3,\"Category\":\""
    "privilege-escalation\",\"Technique\":\"Exploitation for Privilege Escalation\",\""
    "Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45b1-980b-e69"
    "051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-6\",\"signature"
    "Name\":\"Sigreturn switches the CPU mode\",\"enforced\":false}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30107\",\"eventName\":\"sigreturn_preexisting_unmatched\",\"argsN"
    "um\":3,\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"ar"
    "gs\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\""
    "restored_rsp\",\"type\":\"void*\",\"value\":null},{\"name\":\"detectedFrom\",\"t"
    "ype\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnValue\""
    ":0,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"na"
    "me\":\"abi\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_sit"
    "e\",\"type\":\"void*\",\"value\":139637976732212},{\"name\":\"frame_read\",\"typ"
    "e\":\"const char*\",\"value\":\"fault\"},{\"name\":\"authority\",\"type\":\"cons"
    "t char*\",\"value\":\"none\"},{\"name\":\"mismatch\",\"type\":\"[]string\",\"val"
    "ue\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"match"
    "ed\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTim"
    "estamp\":1764387007000000000,\"handler\":4198710,\"restorer\":139637976732208,\""
    "depth\":1,\"abandoned\":0,\"changed\":[]}},{\"name\":\"verdict\",\"type\":\"obje"
    "ct\",\"value\":{\"findings\":[\"tampered_context\",\"stack_pivot\",\"abi_switch\""
    ",\"preexisting_unmatched\"],\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"deli"
    "vered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\""
    ",\"rip\"],\"pattern\":\"none\",\"contended\":false,\"enforced\":false}}]}}],\"me"
    "tadata\":{\"Version\":\"1\",\"Description\":\"An unmatched sigreturn on a thread"
    " that started before sigscope, excused as the unwinding of an older handler\",\""
    "Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":1,\"Category\":\""
    "privilege-escalation\",\"Technique\":\"Exploitation for Privilege Escalation\",\""
    "Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45b1-980b-e69"
    "051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-7\",\"signature"
    "Name\":\"Unmatched sigreturn on an older thread\",\"enforced\":false}}}\n";
static const char gold_findings_enforced[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,"
    "\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,"
    "\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\""
    "cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\""
    ":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"S"
    "IGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type"
    "\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\""
    ":{\"status\":\"unmatched\",\"method\":\"frame\",\"depth\":1,\"abandoned\":0}},{\""
    "name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"forged_frame\""
    ",\"stack_pivot\",\"toctou\"],\"allowed\":[\"tampered_context\"],\"maxSeverity\":"
    "4,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\""
    ",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contended\":false,\"enforc"
    "ed\":true}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30101\",\"eventName\":\"sigreturn_forged_frame\",\"argsNum\":4,\""
    "returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\""
    "name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"outstandi"
    "ng_deliveries\",\"type\":\"uint32\",\"value\":1},{\"name\":\"thread_predates_tra"
    "cer\",\"type\":\"bool\",\"value\":false},{\"name\":\"detectedFrom\",\"type\":\"u"
    "nknown\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"args"
    "\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"ab"
    "i\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"typ"
    "e\":\"void*\",\"value\":139637976732212},{\"name\":\"frame_read\",\"type\":\"con"
    "st char*\",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\""
    "value\":\"restored\"},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type"
    "\":\"stack_t\",\"value\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name"
    "\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\""
    "r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\""
    "rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":41996"
    "80,\"eflags\":0,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"o"
    "ldmask\":0,\"cr2\":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]strin"
    "g\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\","
    "\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\""
    "r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\""
    "rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\""
    "mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\""
    "object\",\"value\":{\"status\":\"unmatched\",\"method\":\"frame\",\"depth\":1,\""
    "abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\""
    ":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"allowed\":[\"tampered_context\""
    "],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspC"
    "lass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contend"
    "ed\":false,\"enforced\":true}}]}}],\"metadata\":{\"Version\":\"1\",\"Description"
    "\":\"A sigreturn restored a frame that no signal delivered to the thread wrote ("
    "SROP)\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":4,\"Cat"
    "egory\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege Esca"
    "lation\",\"Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45"
    "b1-980b-e69051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-1\","
    "\"signatureName\":\"Forged sigreturn frame\",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30104\",\"eventName\":\"sigreturn_stack_pivot\",\"argsNum\":6,\"r"
    "eturnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"n"
    "ame\":\"rsp\",\"type\":\"void*\",\"value\":1431674880},{\"name\":\"reference_rsp"
    "\",\"type\":\"void*\",\"value\":2147299072},{\"name\":\"rsp_class\",\"type\":\"c"
    "onst char*\",\"value\":\"writable\"},{\"name\":\"rsp_mapping\",\"type\":\"const "
    "char*\",\"value\":\"\"},{\"name\":\"reference_mapping\",\"type\":\"const char*\""
    ",\"value\":\"\"},{\"name\":\"detectedFrom\",\"type\":\"unknown\",\"value\":{\"id"
    "\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\""
    ",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const cha"
    "r*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":"
    "139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"o"
    "k\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\""
    "name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\",\"typ"
    "e\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"value\""
    ":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"typ"
    "e\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12"
    "\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx"
    "\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":"
    "51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\":0,\""
    "fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGUSR"
    "2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":0,\"r"
    "9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rs"
    "i\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip"
    "\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type\":\""
    "[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\""
    "status\":\"unmatched\",\"method\":\"frame\",\"depth\":1,\"abandoned\":0}},{\"nam"
    "e\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"forged_frame\",\""
    "stack_pivot\",\"toctou\"],\"allowed\":[\"tampered_context\"],\"maxSeverity\":4,\""
    "callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\""
    "changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contended\":false,\"enforced\""
    ":true}}]}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"A sigreturn moved "
    "the stack pointer off the thread's stack and sigaltstack\",\"Tags\":[\"signal\","
    "\"sigreturn\"],\"Properties\":{\"Severity\":3,\"Category\":\"privilege-escalatio"
    "n\",\"Technique\":\"Exploitation for Privilege Escalation\",\"Kubernetes_Techniq"
    "ue\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45b1-980b-e69051040839\",\"exte"
    "rnal_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-4\",\"signatureName\":\"Stack piv"
    "ot through sigreturn\",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30105\",\"eventName\":\"sigreturn_toctou\",\"argsNum\":3,\"return"
    "Value\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\""
    ":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"frame_read\",\"typ"
    "e\":\"const char*\",\"value\":\"ok\"},{\"name\":\"detectedFrom\",\"type\":\"unkn"
    "own\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"args\":"
    "[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\""
    ",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\""
    ":\"void*\",\"value\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const "
    "char*\",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"val"
    "ue\":\"restored\"},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"na"
    "me\":\"uc_link\",\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\""
    ":\"stack_t\",\"value\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\""
    ":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r"
    "10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"r"
    "bp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":419968"
    "0,\"eflags\":0,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"ol"
    "dmask\":0,\"cr2\":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string"
    "\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\""
    "value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r"
    "15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"r"
    "sp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"m"
    "ismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"o"
    "bject\",\"value\":{\"status\":\"unmatched\",\"method\":\"frame\",\"depth\":1,\"a"
    "bandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\""
    ":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"allowed\":[\"tampered_context\""
    "],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspC"
    "lass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contend"
    "ed\":false,\"enforced\":true}}]}}],\"metadata\":{\"Version\":\"1\",\"Description"
    "\":\"The sigreturn frame changed, or became unreadable, between sigscope's read "
    "and the kernel's\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severit"
    "y\":1,\"Category\":\"privilege-escalation\",\"Technique\":\"Exploitation for Pri"
    "vilege Escalation\",\"Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3"
    "b2d-02e6-45b1-980b-e69051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SI"
    "GSCOPE-5\",\"signatureName\":\"Sigreturn frame raced under the kernel\",\"enforc"
    "ed\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30200\",\"eventName\":\"sigscope_enforcement\",\"argsNum\":5,\"re"
    "turnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"na"
    "me\":\"signal\",\"type\":\"const char*\",\"value\":\"SIGKILL\"},{\"name\":\"find"
    "ings\",\"type\":\"[]string\",\"value\":[\"forged_frame\",\"stack_pivot\"]},{\"na"
    "me\":\"severity\",\"type\":\"int32\",\"value\":4},{\"name\":\"threshold\",\"type"
    "\":\"int32\",\"value\":3},{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147"
    "291136}]}\n";
static const char gold_findings_enforced_unselected[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30101\",\"eventName\":\"sigreturn_forged_frame\",\"argsNum\":4,\""
    "returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\""
    "name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"outstandi"
    "ng_deliveries\",\"type\":\"uint32\",\"value\":1},{\"name\":\"thread_predates_tra"
    "cer\",\"type\":\"bool\",\"value\":false},{\"name\":\"detectedFrom\",\"type\":\"u"
    "nknown\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"args"
    "\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"ab"
    "i\",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"typ"
    "e\":\"void*\",\"value\":139637976732212},{\"name\":\"frame_read\",\"type\":\"con"
    "st char*\",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\""
    "value\":\"restored\"},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type"
    "\":\"stack_t\",\"value\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name"
    "\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\""
    "r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\""
    "rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":41996"
    "80,\"eflags\":0,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"o"
    "ldmask\":0,\"cr2\":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]strin"
    "g\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\","
    "\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\""
    "r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\""
    "rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\""
    "mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\""
    "object\",\"value\":{\"status\":\"unmatched\",\"method\":\"frame\",\"depth\":1,\""
    "abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\""
    ":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"allowed\":[\"tampered_context\""
    "],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspC"
    "lass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contend"
    "ed\":false,\"enforced\":true}}]}}],\"metadata\":{\"Version\":\"1\",\"Description"
    "\":\"A sigreturn restored a frame that no signal delivered to the thread wrote ("
    "SROP)\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":4,\"Cat"
    "egory\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege Esca"
    "lation\",\"Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45"
    "b1-980b-e69051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-1\","
    "\"signatureName\":\"Forged sigreturn frame\",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30104\",\"eventName\":\"sigreturn_stack_pivot\",\"argsNum\":6,\"r"
    "eturnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"n"
    "ame\":\"rsp\",\"type\":\"void*\",\"value\":1431674880},{\"name\":\"reference_rsp"
    "\",\"type\":\"void*\",\"value\":2147299072},{\"name\":\"rsp_class\",\"type\":\"c"
    "onst char*\",\"value\":\"writable\"},{\"name\":\"rsp_mapping\",\"type\":\"const "
    "char*\",\"value\":\"\"},{\"name\":\"reference_mapping\",\"type\":\"const char*\""
    ",\"value\":\"\"},{\"name\":\"detectedFrom\",\"type\":\"unknown\",\"value\":{\"id"
    "\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\""
    ",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const cha"
    "r*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":"
    "139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"o"
    "k\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\""
    "name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\",\"typ"
    "e\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"value\""
    ":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"typ"
    "e\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12"
    "\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx"
    "\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":"
    "51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\":0,\""
    "fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"SIGUSR"
    "2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":0,\"r"
    "9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rs"
    "i\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip"
    "\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type\":\""
    "[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\""
    "status\":\"unmatched\",\"method\":\"frame\",\"depth\":1,\"abandoned\":0}},{\"nam"
    "e\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"forged_frame\",\""
    "stack_pivot\",\"toctou\"],\"allowed\":[\"tampered_context\"],\"maxSeverity\":4,\""
    "callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\""
    "changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contended\":false,\"enforced\""
    ":true}}]}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"A sigreturn moved "
    "the stack pointer off the thread's stack and sigaltstack\",\"Tags\":[\"signal\","
    "\"sigreturn\"],\"Properties\":{\"Severity\":3,\"Category\":\"privilege-escalatio"
    "n\",\"Technique\":\"Exploitation for Privilege Escalation\",\"Kubernetes_Techniq"
    "ue\":\"\",\"id\":\"attack-pattern--b21c3b2d-02e6-45b1-980b-e69051040839\",\"exte"
    "rnal_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-4\",\"signatureName\":\"Stack piv"
    "ot through sigreturn\",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30105\",\"eventName\":\"sigreturn_toctou\",\"argsNum\":3,\"return"
    "Value\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\""
    ":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"frame_read\",\"typ"
    "e\":\"const char*\",\"value\":\"ok\"},{\"name\":\"detectedFrom\",\"type\":\"unkn"
    "own\",\"value\":{\"id\":15,\"name\":\"rt_sigreturn\",\"returnValue\":7,\"args\":"
    "[{\"name\":\"ustack\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\""
    ",\"type\":\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\""
    ":\"void*\",\"value\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const "
    "char*\",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"val"
    "ue\":\"restored\"},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"na"
    "me\":\"uc_link\",\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\""
    ":\"stack_t\",\"value\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\""
    ":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r"
    "10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"r"
    "bp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":419968"
    "0,\"eflags\":0,\"cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"ol"
    "dmask\":0,\"cr2\":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string"
    "\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\""
    "value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r"
    "15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"r"
    "sp\":1431674880,\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"m"
    "ismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"o"
    "bject\",\"value\":{\"status\":\"unmatched\",\"method\":\"frame\",\"depth\":1,\"a"
    "bandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\""
    ":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"allowed\":[\"tampered_context\""
    "],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspC"
    "lass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"contend"
    "ed\":false,\"enforced\":true}}]}}],\"metadata\":{\"Version\":\"1\",\"Description"
    "\":\"The sigreturn frame changed, or became unreadable, between sigscope's read "
    "and the kernel's\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severit"
    "y\":1,\"Category\":\"privilege-escalation\",\"Technique\":\"Exploitation for Pri"
    "vilege Escalation\",\"Kubernetes_Technique\":\"\",\"id\":\"attack-pattern--b21c3"
    "b2d-02e6-45b1-980b-e69051040839\",\"external_id\":\"T1068\",\"signatureID\":\"SI"
    "GSCOPE-5\",\"signatureName\":\"Sigreturn frame raced under the kernel\",\"enforc"
    "ed\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30200\",\"eventName\":\"sigscope_enforcement\",\"argsNum\":5,\"re"
    "turnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"na"
    "me\":\"signal\",\"type\":\"const char*\",\"value\":\"SIGKILL\"},{\"name\":\"find"
    "ings\",\"type\":\"[]string\",\"value\":[\"forged_frame\",\"stack_pivot\",\"tocto"
    "u\"]},{\"name\":\"severity\",\"type\":\"int32\",\"value\":4},{\"name\":\"thresho"
    "ld\",\"type\":\"int32\",\"value\":null},{\"name\":\"ustack\",\"type\":\"void*\","
    "\"value\":2147291136}]}\n";
static const char gold_enforced_no_findings[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"uint64\",\"value\":0},{\"name\":\"uc_link\","
    "\"type\":\"void*\",\"value\":0},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":0,\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\","
    "\"type\":\"struct sigcontext\",\"value\":{\"r8\":0,\"r9\":0,\"r10\":0,\"r11\":0,"
    "\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0,\"rsi\":0,\"rbp\":0,\"rbx\":0,"
    "\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,\"rip\":4199680,\"eflags\":0,\""
    "cs\":51,\"gs\":0,\"fs\":0,\"ss\":43,\"err\":0,\"trapno\":0,\"oldmask\":0,\"cr2\""
    ":0,\"fpstate\":0}},{\"name\":\"uc_sigmask\",\"type\":\"[]string\",\"value\":[\"S"
    "IGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":"
    "0,\"r9\":0,\"r10\":0,\"r11\":0,\"r12\":0,\"r13\":0,\"r14\":0,\"r15\":0,\"rdi\":0"
    ",\"rsi\":0,\"rbp\":0,\"rbx\":0,\"rdx\":0,\"rax\":7,\"rcx\":0,\"rsp\":1431674880,"
    "\"rip\":4199680,\"eflags\":0,\"cs\":51,\"ss\":43}},{\"name\":\"mismatch\",\"type"
    "\":\"[]string\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\""
    ":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliveryS"
    "eq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":4198710,\"restorer\""
    ":139637976732208,\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\""
    "name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":[]"
    ",\"maxSeverity\":null,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rs"
    "pClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"pattern\":\"none\",\"conte"
    "nded\":false,\"enforced\":true}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"30200\",\"eventName\":\"sigscope_enforcement\",\"argsNum\":5,\"re"
    "turnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"na"
    "me\":\"signal\",\"type\":\"const char*\",\"value\":\"SIGKILL\"},{\"name\":\"find"
    "ings\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"severity\",\"type\":\"int"
    "32\",\"value\":4},{\"name\":\"threshold\",\"type\":\"int32\",\"value\":4},{\"nam"
    "e\":\"ustack\",\"type\":\"void*\",\"value\":2147291136}]}\n";
static const char gold_unselected_quiet[] = "";
static const char gold_mem_0_8[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"}"
    ",{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"sp\",\"dep"
    "th\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\""
    "findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"rip"
    "Class\":\"unknown\",\"rspClass\":\"unknown\",\"changed\":[],\"pattern\":\"none\""
    ",\"contended\":false,\"enforced\":false}}]}\n";
static const char gold_mem_1_7[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"}"
    ",{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"sp\",\"dep"
    "th\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\""
    "findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"delivered\",\"r"
    "ipClass\":\"file_exec\",\"rspClass\":\"unmapped\",\"changed\":[],\"pattern\":\"n"
    "one\",\"contended\":false,\"enforced\":false}}]}\n";
static const char gold_mem_2_6[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"}"
    ",{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"sp\",\"dep"
    "th\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\""
    "findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"registered\",\""
    "ripClass\":\"anon_exec\",\"rspClass\":\"readonly\",\"changed\":[],\"pattern\":\""
    "none\",\"contended\":false,\"enforced\":false}}]}\n";
static const char gold_mem_3_5[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"}"
    ",{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"sp\",\"dep"
    "th\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\""
    "findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"vdso\",\"ripCla"
    "ss\":\"vdso\",\"rspClass\":\"writable\",\"changed\":[],\"pattern\":\"none\",\"co"
    "ntended\":false,\"enforced\":false}}]}\n";
static const char gold_mem_4_4[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":2147291136},{\"name\":\"abi\",\"type\":\"const"
    " char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":139637976732212},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"}"
    ",{\"name\":\"mismatch\",\"type\":\"[]string\",\"value\":[]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"sp\",\"dep"
    "th\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\""
    "findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"other\",\"ripCl"
    "ass\":\"stack\",\"rspClass\":\"stack\",\"changed\":[],\"pattern\":\"none\",\"con"
    "tended\":false,\"enforced\":false}}]}\n";

static const struct {
	const char *name;
	make_fn make;
	const char *want;
} golden[] = {
    {"rt64_matched", mk_rt64_matched, gold_rt64_matched},
    {"rt64_frame_only", mk_rt64_frame_only, gold_rt64_frame_only},
    {"rt64_frame_fault", mk_rt64_frame_fault, gold_rt64_frame_fault},
    {"rt64_predates", mk_rt64_predates, gold_rt64_predates},
    {"rt64_unmatched_no_siginfo", mk_rt64_unmatched_no_siginfo, gold_rt64_unmatched_no_siginfo},
    {"rt64_stack_all_bytes", mk_rt64_stack_all_bytes, gold_rt64_stack_all_bytes},
    {"rt64_extremes", mk_rt64_extremes, gold_rt64_extremes},
    {"rt_ia32_unmatched", mk_rt_ia32_unmatched, gold_rt_ia32_unmatched},
    {"rt_ia32_matched", mk_rt_ia32_matched, gold_rt_ia32_matched},
    {"sig_ia32_legacy", mk_sig_ia32_legacy, gold_sig_ia32_legacy},
    {"deliver", mk_deliver, gold_deliver},
    {"deliver_compat", mk_deliver_compat, gold_deliver_compat},
    {"deliver_sigsegv", mk_deliver_sigsegv, gold_deliver_sigsegv},
    {"deliver_sigchld", mk_deliver_sigchld, gold_deliver_sigchld},
    {"deliver_odd", mk_deliver_odd, gold_deliver_odd},
    {"deliver_rt_queue", mk_deliver_rt_queue, gold_deliver_rt_queue},
    {"generate", mk_generate, gold_generate},
    {"generate_odd", mk_generate_odd, gold_generate_odd},
    {"generate_result_unknown", mk_generate_result_unknown, gold_generate_result_unknown},
    {"generate_result_negative", mk_generate_result_negative, gold_generate_result_negative},
    {"generate_exe_path", mk_generate_exe_path, gold_generate_exe_path},
    {"finding_forged", mk_finding_forged, gold_finding_forged},
    {"finding_call_site", mk_finding_call_site, gold_finding_call_site},
    {"finding_tampered", mk_finding_tampered, gold_finding_tampered},
    {"finding_pivot", mk_finding_pivot, gold_finding_pivot},
    {"finding_toctou", mk_finding_toctou, gold_finding_toctou},
    {"finding_abi", mk_finding_abi, gold_finding_abi},
    {"finding_preexisting", mk_finding_preexisting, gold_finding_preexisting},
    {"findings_no_regs", mk_findings_no_regs, gold_findings_no_regs},
    {"findings_enforced", mk_findings_enforced, gold_findings_enforced},
    {"findings_enforced_unselected", mk_findings_enforced_unselected,
     gold_findings_enforced_unselected},
    {"enforced_no_findings", mk_enforced_no_findings, gold_enforced_no_findings},
    {"unselected_quiet", mk_unselected_quiet, gold_unselected_quiet},
    {"mem_0_8", mk_mem_0_8, gold_mem_0_8},
    {"mem_1_7", mk_mem_1_7, gold_mem_1_7},
    {"mem_2_6", mk_mem_2_6, gold_mem_2_6},
    {"mem_3_5", mk_mem_3_5, gold_mem_3_5},
    {"mem_4_4", mk_mem_4_4, gold_mem_4_4},
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
	struct output_ctx ctx = *base;
	char *buf = NULL;
	size_t size = 0;

	ctx.out = open_memstream(&buf, &size);
	if (!ctx.out)
		return NULL;
	*rc = output_json_event(&ctx, rec, len);
	fclose(ctx.out);
	return buf;
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

TEST(jsonw_golden_lines)
{
	int failed = 0;

	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		struct output_ctx ctx = base_ctx();
		static union rec r;
		size_t len = golden[i].make(&r, &ctx);
		int rc = -1;
		char *out = emit(&ctx, &r, len, &rc);

		if (rc != 0 || !out || !lines_parse(out) ||
		    !same_bytes(golden[i].name, out, golden[i].want))
			failed = 1;
		free(out);
		proc_cache_free(ctx.procs);
	}
	CHECK(!failed);
}

/* Hostile strings (at most 16 bytes, maybe unterminated) and the JSON string jansson wrote for
 * them (after output_sanitize_utf8). */
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
TEST(jsonw_hostile_strings)
{
	int failed = 0;

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

/* The value of the arg called name. */
static json_t *arg_value(const json_t *ev, const char *name)
{
	size_t i;
	json_t *a;

	json_array_foreach(json_object_get(ev, "args"), i, a)
	{
		if (strcmp(json_string_value(json_object_get(a, "name")), name) == 0)
			return json_object_get(a, "value");
	}
	return NULL;
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
			const char *got = json_string_value(arg_value(j, "target_comm"));

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
			len = make_finding(&r, (unsigned int)(rng() % SIGSCOPE_FINDING_MAX), 3);
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
		CHECK(jsonw_utf8_seq_len((const unsigned char *)cases[i].s, cases[i].n) ==
		      cases[i].want);
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
