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
#include "records.h"
#include "cli/options.h"
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
	ev->type = SIGSCOPE_EV_RT_SIGRETURN;
	ev->abi = SIGSCOPE_ABI_X86_64;
	ev->frame_kind = SIGSCOPE_FRAME_RT64;
	ev->syscall_nr = SIGSCOPE_NR_RT_SIGRETURN_64;
	ev->flags = SIGSCOPE_SR_FRAME_OK | SIGSCOPE_SR_APPLIED;
	ev->frame_len = RT64_SIZE;
	fill_ctx(&ev->ctx, "victim", 6);
	ev->ctx.ts_ns = 7000123456;
	ev->ctx.cpu = 2;
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
	ev->ctx.cgroup_id = UINT64_MAX;
	ev->ctx.cpu = UINT32_MAX;
	ev->ctx.host_pid = UINT32_MAX;
	ev->ctx.ns_pid = 0;
	ev->ctx.uid = 0xfffffffeu;
	ev->ctx.mnt_ns = UINT32_MAX;
	ev->ctx.thread_start_ns = 0;
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
	ev->type = SIGSCOPE_EV_RT_SIGRETURN;
	ev->abi = SIGSCOPE_ABI_IA32_FROM_64;
	ev->frame_kind = SIGSCOPE_FRAME_SIG_IA32;
	ev->syscall_nr = SIGSCOPE_NR_SIGRETURN_IA32;
	ev->flags = SIGSCOPE_SR_FRAME_OK | SIGSCOPE_SR_APPLIED;
	ev->frame_len = SIG32_SIZE;
	fill_ctx(&ev->ctx, "legacy", 6);
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
	r->gen.ctx.host_pid = GONE_PID;
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
	c->events = OPT_EVENT_BIT(SIGSCOPE_EV_SIGNAL_DELIVER);
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
	c->events = OPT_EVENT_BIT(SIGSCOPE_EV_SIGNAL_GENERATE);
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
    "stack\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":"
    "\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\""
    ",\"value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\""
    ",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "restored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x7\"}"
    ",{\"name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stac"
    "k\",\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"SS_DISABLE\""
    ",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"valu"
    "e\":{\"r8\":\"0x8\",\"r9\":\"0x9\",\"r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc"
    "\",\"r13\":\"0xd\",\"r14\":\"0xe\",\"r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x"
    "11\",\"rbp\":\"0x7ffd3000\",\"rbx\":\"0x13\",\"rdx\":\"0x14\",\"rax\":\"0xffffff"
    "fffffffffc\",\"rcx\":\"0x16\",\"rsp\":\"0x7ffd2f00\",\"rip\":\"0x401500\",\"efla"
    "gs\":\"0x246\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"e"
    "rr\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":"
    "\"0x7ffd1200\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":[\"SIG"
    "USR2\"]},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\""
    "SIGUSR1\",\"si_errno\":0,\"si_code\":\"SI_TKILL\",\"si_pid\":1234,\"si_uid\":100"
    "0}},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":\"0x8\""
    ",\"r9\":\"0x9\",\"r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc\",\"r13\":\"0xd\","
    "\"r14\":\"0xe\",\"r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x11\",\"rbp\":\"0x7f"
    "fd3000\",\"rbx\":\"0x13\",\"rdx\":\"0x14\",\"rax\":\"0xfffffffffffffffc\",\"rcx\""
    ":\"0x16\",\"rsp\":\"0x7ffd2f00\",\"rip\":\"0x401600\",\"eflags\":\"0x246\",\"cs\""
    ":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"v"
    "alue\":[\"rip\"]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\""
    ":\"matched\",\"method\":\"sp\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"delive"
    "ryTimestamp\":1764387005000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7f00"
    "00001230\",\"depth\":1,\"abandoned\":0,\"changed\":[\"rip\"]}},{\"name\":\"stack"
    "_bytes\",\"type\":\"bytes\",\"value\":\"deadbeef\"},{\"name\":\"verdict\",\"type"
    "\":\"object\",\"value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":null,\"c"
    "allSite\":\"unknown\",\"ripClass\":\"unknown\",\"rspClass\":\"unknown\",\"change"
    "d\":[],\"enforced\":false}}]}\n";
static const char gold_rt64_frame_only[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue"
    "\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"us"
    "tack\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\""
    "const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"fra"
    "me\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x7\"},{\"na"
    "me\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\""
    "type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"SS_DISABLE\",\"ss"
    "_size\":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{"
    "\"r8\":\"0x8\",\"r9\":\"0x99\",\"r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc\",\""
    "r13\":\"0xd\",\"r14\":\"0xe\",\"r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x11\","
    "\"rbp\":\"0x7ffd3000\",\"rbx\":\"0x13\",\"rdx\":\"0x14\",\"rax\":\"0xfffffffffff"
    "ffffc\",\"rcx\":\"0x16\",\"rsp\":\"0x7ffd2f00\",\"rip\":\"0x401500\",\"eflags\":"
    "\"0x46\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\""
    "0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x7ff"
    "d1200\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":[\"SIGUSR2\"]"
    "},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\"SIGUSR1"
    "\",\"si_errno\":0,\"si_code\":\"SI_TKILL\",\"si_pid\":1234,\"si_uid\":1000}},{\""
    "name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\"sp\",\"signa"
    "l\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387005000000000,\"ha"
    "ndler\":\"0x401136\",\"restorer\":\"0x7f0000001230\",\"depth\":1,\"abandoned\":0"
    ",\"changed\":[\"r9\",\"rip\"]}},{\"name\":\"verdict\",\"type\":\"object\",\"valu"
    "e\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\""
    ",\"ripClass\":\"unknown\",\"rspClass\":\"unknown\",\"changed\":[],\"enforced\":f"
    "alse}}]}\n";
static const char gold_rt64_frame_fault[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":9,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "none\"},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":"
    "\"sp\",\"depth\":1,\"abandoned\":0}},{\"name\":\"stack_bytes\",\"type\":\"bytes\""
    ",\"value\":\"\"},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings"
    "\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClass\":"
    "\"unknown\",\"rspClass\":\"unknown\",\"changed\":[],\"enforced\":false}}]}\n";
static const char gold_rt64_predates[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue"
    "\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"us"
    "tack\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\""
    "const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"fra"
    "me\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x7\"},{\"na"
    "me\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\""
    "type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"SS_DISABLE\",\"ss"
    "_size\":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{"
    "\"r8\":\"0x8\",\"r9\":\"0x9\",\"r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc\",\""
    "r13\":\"0xd\",\"r14\":\"0xe\",\"r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x11\","
    "\"rbp\":\"0x7ffd3000\",\"rbx\":\"0x13\",\"rdx\":\"0x14\",\"rax\":\"0xfffffffffff"
    "ffffc\",\"rcx\":\"0x16\",\"rsp\":\"0x7ffd2f00\",\"rip\":\"0x401500\",\"eflags\":"
    "\"0x246\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":"
    "\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x7"
    "ffd1200\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":[\"SIGUSR2\""
    "]},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\"SIGUSR"
    "1\",\"si_errno\":0,\"si_code\":\"SI_TKILL\",\"si_pid\":1234,\"si_uid\":1000}},{\""
    "name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"pairing\""
    ",\"type\":\"object\",\"value\":{\"status\":\"thread_predates_tracer\",\"method\""
    ":\"none\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\""
    ",\"value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"u"
    "nknown\",\"ripClass\":\"unknown\",\"rspClass\":\"unknown\",\"changed\":[],\"enfo"
    "rced\":false}}]}\n";
static const char gold_rt64_unmatched_no_siginfo[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue"
    "\":-4,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"u"
    "stack\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":"
    "\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\""
    ",\"value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\""
    ",\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "restored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x7\"}"
    ",{\"name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stac"
    "k\",\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"SS_DISABLE\""
    ",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"valu"
    "e\":{\"r8\":\"0x8\",\"r9\":\"0x9\",\"r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc"
    "\",\"r13\":\"0xd\",\"r14\":\"0xe\",\"r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x"
    "11\",\"rbp\":\"0x7ffd3000\",\"rbx\":\"0x13\",\"rdx\":\"0x14\",\"rax\":\"0xffffff"
    "fffffffffc\",\"rcx\":\"0x16\",\"rsp\":\"0x7ffd2f00\",\"rip\":\"0x401500\",\"efla"
    "gs\":\"0x246\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"e"
    "rr\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":"
    "\"0x7ffd1200\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":[\"SIG"
    "USR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":\""
    "0x8\",\"r9\":\"0x9\",\"r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc\",\"r13\":\"0"
    "xd\",\"r14\":\"0xe\",\"r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x11\",\"rbp\":\""
    "0x7ffd3000\",\"rbx\":\"0x13\",\"rdx\":\"0x14\",\"rax\":\"0xfffffffffffffffc\",\""
    "rcx\":\"0x16\",\"rsp\":\"0x7ffd2f00\",\"rip\":\"0x401600\",\"eflags\":\"0x246\","
    "\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**"
    "\",\"value\":[\"rip\"]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"s"
    "tatus\":\"unmatched\",\"method\":\"none\",\"depth\":1,\"abandoned\":0}},{\"name\""
    ":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":[],\"max"
    "Severity\":null,\"callSite\":\"unknown\",\"ripClass\":\"unknown\",\"rspClass\":\""
    "unknown\",\"changed\":[],\"enforced\":false}}]}\n";
static const char gold_rt64_stack_all_bytes[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":10,\"returnValue"
    "\":-4,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"u"
    "stack\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":"
    "\"const char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\""
    ",\"value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\""
    ",\"value\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\""
    ":\"restored\"},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r"
    "8\":\"0x8\",\"r9\":\"0x9\",\"r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc\",\"r13"
    "\":\"0xd\",\"r14\":\"0xe\",\"r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x11\",\"r"
    "bp\":\"0x7ffd3000\",\"rbx\":\"0x13\",\"rdx\":\"0x14\",\"rax\":\"0xffffffffffffff"
    "fc\",\"rcx\":\"0x16\",\"rsp\":\"0x7ffd2f00\",\"rip\":\"0x401600\",\"eflags\":\"0"
    "x246\",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const"
    " char**\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"s"
    "tatus\":\"unmatched\",\"method\":\"sp\",\"depth\":1,\"abandoned\":0}},{\"name\":"
    "\"stack_bytes\",\"type\":\"bytes\",\"value\":\"030a11181f262d343b424950575e656c7"
    "37a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141b222930373e454c535a61686f767d848"
    "b9299a0a7aeb5bcc3cad1d8dfe6edf4fb020910171e252c333a41484f565d646b727980878e959ca"
    "3aab1b8bfc6cdd4dbe2e9f0f7fe050c131a21282f363d444b525960676e757c838a91989fa6adb4b"
    "bc2c9d0d7dee5ecf3fa01080f161d242b323940474e555c636a71787f868d949ba2a9b0b7bec5ccd"
    "3dae1e8eff6fd040b121920272e353c434a51585f666d747b828990979ea5acb3bac1c8cfd6dde4e"
    "bf2f900070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9e0e7eef5fc0"
    "30a11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dce3eaf1f8ff060d141"
    "b222930373e454c535a61686f767d848b9299a0a7aeb5bcc3cad1d8dfe6edf4fb020910171e252c3"
    "33a41484f565d646b727980878e959ca3aab1b8bfc6cdd4dbe2e9f0f7fe050c131a21282f363d444"
    "b525960676e757c838a91989fa6adb4bbc2c9d0d7dee5ecf3fa01080f161d242b323940474e555c6"
    "36a71787f868d949ba2a9b0b7bec5ccd3dae1e8eff6fd040b121920272e353c434a51585f666d747"
    "b828990979ea5acb3bac1c8cfd6dde4ebf2f900070e151c232a31383f464d545b626970777e858c9"
    "39aa1a8afb6bdc4cbd2d9e0e7eef5fc\"},{\"name\":\"verdict\",\"type\":\"object\",\"v"
    "alue\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"unkno"
    "wn\",\"ripClass\":\"unknown\",\"rspClass\":\"unknown\",\"changed\":[],\"enforced"
    "\":false}}]}\n";
static const char gold_rt64_extremes[] =
    "{\"timestamp\":0,\"threadStartTime\":-5000123456,\"processorId\":4294967295,\"pr"
    "ocessId\":0,\"threadId\":22,\"parentProcessId\":0,\"hostProcessId\":4294967295,\""
    "hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":4294967294,\"mountNames"
    "pace\":4294967295,\"pidNamespace\":4026531836,\"processName\":\"sig-test\",\"exe"
    "cutable\":{\"path\":\"\"},\"hostName\":\"\",\"cgroupId\":-1,\"containerId\":\"\""
    ",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":true},\"eventId\":\"1"
    "5\",\"eventName\":\"rt_sigreturn\",\"argsNum\":15,\"returnValue\":-9223372036854"
    "775808,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\""
    "ustack\",\"type\":\"void*\",\"value\":\"0xffffffffffffffff\"},{\"name\":\"abi\","
    "\"type\":\"const char*\",\"value\":\"unknown\"},{\"name\":\"call_site\",\"type\""
    ":\"void*\",\"value\":\"0x0\"},{\"name\":\"frame_read\",\"type\":\"const char*\","
    "\"value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"r"
    "estored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x7\"},"
    "{\"name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack"
    "\",\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x8000000000000000\",\"ss_flags\""
    ":\"SS_ONSTACK|SS_DISABLE|SS_AUTODISARM|0x4\",\"ss_size\":-1}},{\"name\":\"uc_mco"
    "ntext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x8\",\"r9\":\"0x9\","
    "\"r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc\",\"r13\":\"0xd\",\"r14\":\"0xe\","
    "\"r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x11\",\"rbp\":\"0x7ffd3000\",\"rbx\""
    ":\"0x13\",\"rdx\":\"0x14\",\"rax\":\"0xfffffffffffffffc\",\"rcx\":\"0x16\",\"rsp"
    "\":\"0x7ffd2f00\",\"rip\":\"0x401500\",\"eflags\":\"0x246\",\"cs\":\"0x33\",\"gs"
    "\":\"0x0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"o"
    "ldmask\":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x7ffd1200\"}},{\"name\":\"uc_sig"
    "mask\",\"type\":\"sigset_t\",\"value\":[\"SIGHUP\",\"SIGINT\",\"SIGQUIT\",\"SIGI"
    "LL\",\"SIGTRAP\",\"SIGABRT\",\"SIGBUS\",\"SIGFPE\",\"SIGKILL\",\"SIGUSR1\",\"SIG"
    "SEGV\",\"SIGUSR2\",\"SIGPIPE\",\"SIGALRM\",\"SIGTERM\",\"SIGSTKFLT\",\"SIGCHLD\""
    ",\"SIGCONT\",\"SIGSTOP\",\"SIGTSTP\",\"SIGTTIN\",\"SIGTTOU\",\"SIGURG\",\"SIGXCP"
    "U\",\"SIGXFSZ\",\"SIGVTALRM\",\"SIGPROF\",\"SIGWINCH\",\"SIGIO\",\"SIGPWR\",\"SI"
    "GSYS\",\"SIGRT_0\",\"SIGRT_1\",\"SIGRT_2\",\"SIGRT_3\",\"SIGRT_4\",\"SIGRT_5\",\""
    "SIGRT_6\",\"SIGRT_7\",\"SIGRT_8\",\"SIGRT_9\",\"SIGRT_10\",\"SIGRT_11\",\"SIGRT_"
    "12\",\"SIGRT_13\",\"SIGRT_14\",\"SIGRT_15\",\"SIGRT_16\",\"SIGRT_17\",\"SIGRT_18"
    "\",\"SIGRT_19\",\"SIGRT_20\",\"SIGRT_21\",\"SIGRT_22\",\"SIGRT_23\",\"SIGRT_24\""
    ",\"SIGRT_25\",\"SIGRT_26\",\"SIGRT_27\",\"SIGRT_28\",\"SIGRT_29\",\"SIGRT_30\",\""
    "SIGRT_31\",\"SIGRT_32\"]},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\""
    ":{\"si_signo\":\"SIGUSR1\",\"si_errno\":-2147483648,\"si_code\":\"SI_TKILL\",\"s"
    "i_pid\":1234,\"si_uid\":1000}},{\"name\":\"restored\",\"type\":\"struct pt_regs\""
    ",\"value\":{\"edi\":\"0x10\",\"esi\":\"0x11\",\"ebp\":\"0x7ffd3000\",\"ebx\":\"0"
    "x13\",\"edx\":\"0x14\",\"eax\":\"0xfffffffffffffffc\",\"ecx\":\"0x16\",\"esp\":\""
    "0x7ffd2f00\",\"eip\":\"0x401600\",\"eflags\":\"0x246\",\"cs\":\"0x33\",\"ss\":\""
    "0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[\"edi\",\"e"
    "si\",\"ebp\",\"ebx\",\"edx\",\"eax\",\"ecx\",\"esp\",\"eip\",\"eflags\",\"cs\",\""
    "ss\"]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unknown"
    "\",\"method\":\"unknown\",\"depth\":4294967295,\"abandoned\":2147483648}},{\"nam"
    "e\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":[\"fo"
    "rged_frame\",\"wrong_call_site\",\"tampered_context\",\"stack_pivot\",\"toctou\""
    ",\"abi_switch\",\"preexisting_unmatched\"],\"maxSeverity\":null,\"callSite\":\"u"
    "nknown\",\"ripClass\":\"unknown\",\"rspClass\":\"unknown\",\"changed\":[\"edi\","
    "\"esi\",\"ebp\",\"ebx\",\"edx\",\"eax\",\"ecx\",\"esp\",\"eip\",\"eflags\",\"cs\""
    ",\"ss\"],\"enforced\":false}}]}\n";
static const char gold_rt_ia32_unmatched[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig32\",\""
    "executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"conta"
    "inerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":true},\""
    "eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\":0"
    ",\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"ustack"
    "\",\"type\":\"void*\",\"value\":\"0xffffd000\"},{\"name\":\"abi\",\"type\":\"con"
    "st char*\",\"value\":\"ia32\"},{\"name\":\"call_site\",\"type\":\"void*\",\"valu"
    "e\":\"0xf7fc1549\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":"
    "\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"frame\"},{\""
    "name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x1\"},{\"name\":\"uc"
    "_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\""
    "stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"SS_DISABLE\",\"ss_size\":0"
    "}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"gs\":\""
    "0x63\",\"fs\":\"0x0\",\"es\":\"0x2b\",\"ds\":\"0x2b\",\"edi\":\"0x0\",\"esi\":\""
    "0x0\",\"ebp\":\"0x0\",\"esp\":\"0xffffd100\",\"ebx\":\"0x0\",\"edx\":\"0x0\",\"e"
    "cx\":\"0x0\",\"eax\":\"0xfffffffc\",\"trapno\":\"0x0\",\"err\":\"0x0\",\"eip\":\""
    "0x8049000\",\"cs\":\"0x23\",\"eflags\":\"0x246\",\"esp_at_signal\":\"0xffffd100\""
    ",\"ss\":\"0x2b\",\"fpstate\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\"}},{\"na"
    "me\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":[\"SIGRT_2\"]},{\"name\":\"s"
    "iginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\"SIGUSR1\",\"si_errno\""
    ":0,\"si_code\":\"SI_USER\",\"si_pid\":99,\"si_uid\":0}},{\"name\":\"mismatch\",\""
    "type\":\"const char**\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\","
    "\"value\":{\"status\":\"unmatched\",\"method\":\"none\",\"depth\":0,\"abandoned\""
    ":0}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"allo"
    "wed\":[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClass\":\"unknown\","
    "\"rspClass\":\"unknown\",\"changed\":[],\"enforced\":false}}]}\n";
static const char gold_rt_ia32_matched[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig32\",\""
    "executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"conta"
    "inerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":true},\""
    "eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":16,\"returnValue\":-"
    "4,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"ustac"
    "k\",\"type\":\"void*\",\"value\":\"0xffffd000\"},{\"name\":\"abi\",\"type\":\"co"
    "nst char*\",\"value\":\"ia32\"},{\"name\":\"call_site\",\"type\":\"void*\",\"val"
    "ue\":\"0xf7fc1549\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\""
    ":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\""
    "},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x1\"},{\"name\""
    ":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type"
    "\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"SS_DISABLE\",\"ss_siz"
    "e\":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"gs"
    "\":\"0x63\",\"fs\":\"0x0\",\"es\":\"0x2b\",\"ds\":\"0x2b\",\"edi\":\"0x0\",\"esi"
    "\":\"0x0\",\"ebp\":\"0x0\",\"esp\":\"0xffffd100\",\"ebx\":\"0x0\",\"edx\":\"0x0\""
    ",\"ecx\":\"0x0\",\"eax\":\"0xfffffffc\",\"trapno\":\"0x0\",\"err\":\"0x0\",\"eip"
    "\":\"0x8049000\",\"cs\":\"0x23\",\"eflags\":\"0x246\",\"esp_at_signal\":\"0xffff"
    "d100\",\"ss\":\"0x2b\",\"fpstate\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\"}}"
    ",{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":[\"SIGRT_2\"]},{\"name"
    "\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo\":\"SIGUSR1\",\"si_e"
    "rrno\":0,\"si_code\":\"SI_USER\",\"si_pid\":99,\"si_uid\":0}},{\"name\":\"restor"
    "ed\",\"type\":\"struct pt_regs\",\"value\":{\"edi\":\"0x0\",\"esi\":\"0x0\",\"eb"
    "p\":\"0x0\",\"ebx\":\"0x0\",\"edx\":\"0x0\",\"eax\":\"0xfffffffc\",\"ecx\":\"0x0"
    "\",\"esp\":\"0xffffd100\",\"eip\":\"0x8049010\",\"eflags\":\"0x246\",\"cs\":\"0x"
    "23\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\""
    ":[\"eip\"]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"ma"
    "tched\",\"method\":\"context\",\"signal\":\"SIGRT_2\",\"deliverySeq\":9,\"delive"
    "ryTimestamp\":1764387004000000000,\"handler\":\"0x8049100\",\"restorer\":\"0xf7f"
    "c1540\",\"depth\":2,\"abandoned\":1,\"changed\":[\"eip\",\"eflags\"]}},{\"name\""
    ":\"stack_bytes\",\"type\":\"bytes\",\"value\":\"0001ff\"},{\"name\":\"verdict\","
    "\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":nu"
    "ll,\"callSite\":\"vdso\",\"ripClass\":\"vdso\",\"rspClass\":\"stack\",\"changed\""
    ":[\"eip\"],\"enforced\":false}}]}\n";
static const char gold_sig_ia32_legacy[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"legacy\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":true},"
    "\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":11,\"returnValue\""
    ":5,\"syscall\":\"sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"ustack\""
    ",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"abi\",\"type\":\"const char*\""
    ",\"value\":\"ia32_from_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\""
    ":\"0x0\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\""
    "name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":"
    "\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"gs\":\"0x0\",\"fs\":"
    "\"0x0\",\"es\":\"0x0\",\"ds\":\"0x0\",\"edi\":\"0x0\",\"esi\":\"0x0\",\"ebp\":\""
    "0x0\",\"esp\":\"0x0\",\"ebx\":\"0x0\",\"edx\":\"0x0\",\"ecx\":\"0x0\",\"eax\":\""
    "0x0\",\"trapno\":\"0x0\",\"err\":\"0x0\",\"eip\":\"0x401000\",\"cs\":\"0x0\",\"e"
    "flags\":\"0x0\",\"esp_at_signal\":\"0x0\",\"ss\":\"0x0\",\"fpstate\":\"0x0\",\"o"
    "ldmask\":\"0x200\",\"cr2\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_"
    "t\",\"value\":[\"SIGUSR1\",\"SIGRT_1\"]},{\"name\":\"restored\",\"type\":\"struc"
    "t pt_regs\",\"value\":{\"edi\":\"0x0\",\"esi\":\"0x0\",\"ebp\":\"0x0\",\"ebx\":\""
    "0x0\",\"edx\":\"0x0\",\"eax\":\"0x5\",\"ecx\":\"0x0\",\"esp\":\"0x0\",\"eip\":\""
    "0x401000\",\"eflags\":\"0x0\",\"cs\":\"0x0\",\"ss\":\"0x0\"}},{\"name\":\"mismat"
    "ch\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"ob"
    "ject\",\"value\":{\"status\":\"matched\",\"method\":\"context\",\"signal\":\"SIG"
    "USR1\",\"deliverySeq\":0,\"deliveryTimestamp\":1764387000000000000,\"handler\":\""
    "0x0\",\"restorer\":\"0x0\",\"depth\":0,\"abandoned\":0,\"changed\":[\"eax\"]}},{"
    "\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":"
    "[],\"maxSeverity\":null,\"callSite\":\"unknown\",\"ripClass\":\"unknown\",\"rspC"
    "lass\":\"unknown\",\"changed\":[],\"enforced\":false}}]}\n";
static const char gold_deliver[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"8001\",\"eventName\":\"signal_deliver\",\"argsNum\":14,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int\",\"value\":10},{\"name\":\"signal\",\"type\":\"const char*\",\"value"
    "\":\"SIGUSR1\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_sig"
    "no\":\"SIGUSR1\",\"si_errno\":0,\"si_code\":\"SI_TKILL\",\"si_pid\":1234,\"si_ui"
    "d\":1000}},{\"name\":\"handler\",\"type\":\"void*\",\"value\":\"0x401136\"},{\"n"
    "ame\":\"sa_flags\",\"type\":\"const char*\",\"value\":\"SA_SIGINFO|SA_RESTORER|S"
    "A_RESTART\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":\"0x7f000000"
    "1230\"},{\"name\":\"sa_mask\",\"type\":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\""
    "name\":\"blocked\",\"type\":\"sigset_t\",\"value\":[\"SIGINT\",\"SIGTERM\"]},{\""
    "name\":\"regs\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":\"0x8\",\"r9\":\"0"
    "x9\",\"r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc\",\"r13\":\"0xd\",\"r14\":\"0"
    "xe\",\"r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x11\",\"rbp\":\"0x7ffd3000\",\""
    "rbx\":\"0x13\",\"rdx\":\"0x14\",\"rax\":\"0xfffffffffffffffc\",\"rcx\":\"0x16\","
    "\"rsp\":\"0x7ffd2f00\",\"rip\":\"0x401400\",\"eflags\":\"0x246\",\"cs\":\"0x33\""
    ",\"ss\":\"0x2b\"}},{\"name\":\"restart\",\"type\":\"const char*\",\"value\":\"re"
    "started\"},{\"name\":\"altstack\",\"type\":\"bool\",\"value\":true},{\"name\":\""
    "handled\",\"type\":\"bool\",\"value\":true},{\"name\":\"deliverySeq\",\"type\":\""
    "int\",\"value\":3},{\"name\":\"depth\",\"type\":\"int\",\"value\":1}]}\n";
static const char gold_deliver_compat[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":true}"
    ",\"eventId\":\"8001\",\"eventName\":\"signal_deliver\",\"argsNum\":13,\"returnVa"
    "lue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"typ"
    "e\":\"int\",\"value\":10},{\"name\":\"signal\",\"type\":\"const char*\",\"value\""
    ":\"SIGUSR1\"},{\"name\":\"handler\",\"type\":\"void*\",\"value\":\"0x0\"},{\"nam"
    "e\":\"sa_flags\",\"type\":\"const char*\",\"value\":\"SA_SIGINFO|SA_RESTORER|SA_"
    "RESTART\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":\"0x7f00000012"
    "30\"},{\"name\":\"sa_mask\",\"type\":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"na"
    "me\":\"blocked\",\"type\":\"sigset_t\",\"value\":[\"SIGINT\",\"SIGTERM\"]},{\"na"
    "me\":\"regs\",\"type\":\"struct pt_regs\",\"value\":{\"edi\":\"0x10\",\"esi\":\""
    "0x11\",\"ebp\":\"0x7ffd3000\",\"ebx\":\"0x13\",\"edx\":\"0x14\",\"eax\":\"0xffff"
    "fffffffffffc\",\"ecx\":\"0x16\",\"esp\":\"0x7ffd2f00\",\"eip\":\"0x401400\",\"ef"
    "lags\":\"0x246\",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"restart\",\"type\""
    ":\"const char*\",\"value\":\"eintr\"},{\"name\":\"altstack\",\"type\":\"bool\",\""
    "value\":false},{\"name\":\"handled\",\"type\":\"bool\",\"value\":false},{\"name\""
    ":\"deliverySeq\",\"type\":\"int\",\"value\":3},{\"name\":\"depth\",\"type\":\"in"
    "t\",\"value\":1}]}\n";
static const char gold_deliver_sigsegv[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"8001\",\"eventName\":\"signal_deliver\",\"argsNum\":14,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int\",\"value\":11},{\"name\":\"signal\",\"type\":\"const char*\",\"value"
    "\":\"SIGSEGV\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_sig"
    "no\":\"SIGSEGV\",\"si_errno\":-14,\"si_code\":\"SEGV_MAPERR\",\"si_addr\":\"0xde"
    "ad000\"}},{\"name\":\"handler\",\"type\":\"void*\",\"value\":\"0x401136\"},{\"na"
    "me\":\"sa_flags\",\"type\":\"const char*\",\"value\":\"SA_SIGINFO|SA_RESTORER|SA"
    "_ONSTACK\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":\"0x7f0000001"
    "230\"},{\"name\":\"sa_mask\",\"type\":\"sigset_t\",\"value\":[]},{\"name\":\"blo"
    "cked\",\"type\":\"sigset_t\",\"value\":[]},{\"name\":\"regs\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x8\",\"r9\":\"0x9\",\"r10\":\"0xa\",\"r11\":\"0xb"
    "\",\"r12\":\"0xc\",\"r13\":\"0xd\",\"r14\":\"0xe\",\"r15\":\"0xf\",\"rdi\":\"0x1"
    "0\",\"rsi\":\"0x11\",\"rbp\":\"0x7ffd3000\",\"rbx\":\"0x13\",\"rdx\":\"0x14\",\""
    "rax\":\"0xfffffffffffffffc\",\"rcx\":\"0x16\",\"rsp\":\"0x7ffd2f00\",\"rip\":\"0"
    "x401400\",\"eflags\":\"0x246\",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"res"
    "tart\",\"type\":\"const char*\",\"value\":\"none\"},{\"name\":\"altstack\",\"typ"
    "e\":\"bool\",\"value\":true},{\"name\":\"handled\",\"type\":\"bool\",\"value\":t"
    "rue},{\"name\":\"deliverySeq\",\"type\":\"int\",\"value\":3},{\"name\":\"depth\""
    ",\"type\":\"int\",\"value\":1}]}\n";
static const char gold_deliver_sigchld[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"8001\",\"eventName\":\"signal_deliver\",\"argsNum\":14,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int\",\"value\":17},{\"name\":\"signal\",\"type\":\"const char*\",\"value"
    "\":\"SIGCHLD\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_sig"
    "no\":\"SIGCHLD\",\"si_errno\":0,\"si_code\":\"CLD_EXITED\",\"si_pid\":4444,\"si_"
    "uid\":0}},{\"name\":\"handler\",\"type\":\"void*\",\"value\":\"0x1\"},{\"name\":"
    "\"sa_flags\",\"type\":\"const char*\",\"value\":\"SA_SIGINFO|SA_RESTORER|SA_REST"
    "ART\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":\"0x7f0000001230\""
    "},{\"name\":\"sa_mask\",\"type\":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\""
    ":\"blocked\",\"type\":\"sigset_t\",\"value\":[\"SIGINT\",\"SIGTERM\"]},{\"name\""
    ":\"regs\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":\"0x8\",\"r9\":\"0x9\",\""
    "r10\":\"0xa\",\"r11\":\"0xb\",\"r12\":\"0xc\",\"r13\":\"0xd\",\"r14\":\"0xe\",\""
    "r15\":\"0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x11\",\"rbp\":\"0x7ffd3000\",\"rbx\":\""
    "0x13\",\"rdx\":\"0x14\",\"rax\":\"0xfffffffffffffffc\",\"rcx\":\"0x16\",\"rsp\":"
    "\"0x7ffd2f00\",\"rip\":\"0x401400\",\"eflags\":\"0x246\",\"cs\":\"0x33\",\"ss\":"
    "\"0x2b\"}},{\"name\":\"restart\",\"type\":\"const char*\",\"value\":\"none\"},{\""
    "name\":\"altstack\",\"type\":\"bool\",\"value\":false},{\"name\":\"handled\",\"t"
    "ype\":\"bool\",\"value\":false},{\"name\":\"deliverySeq\",\"type\":\"int\",\"val"
    "ue\":3},{\"name\":\"depth\",\"type\":\"int\",\"value\":1}]}\n";
static const char gold_deliver_odd[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"8001\",\"eventName\":\"signal_deliver\",\"argsNum\":14,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int\",\"value\":99},{\"name\":\"signal\",\"type\":\"const char*\",\"value"
    "\":\"SIG99\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_signo"
    "\":\"SIG99\",\"si_errno\":0,\"si_code\":12345}},{\"name\":\"handler\",\"type\":\""
    "void*\",\"value\":\"0x401136\"},{\"name\":\"sa_flags\",\"type\":\"const char*\","
    "\"value\":\"SA_NOCLDSTOP|SA_NOCLDWAIT|SA_SIGINFO|SA_UNSUPPORTED|SA_EXPOSE_TAGBIT"
    "S|SA_X32_ABI|SA_IA32_ABI|SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_NODEFER|SA_RESETHA"
    "ND|0xffffffff20fff3f8\"},{\"name\":\"sa_restorer\",\"type\":\"void*\",\"value\":"
    "\"0x7f0000001230\"},{\"name\":\"sa_mask\",\"type\":\"sigset_t\",\"value\":[\"SIG"
    "HUP\",\"SIGINT\",\"SIGQUIT\",\"SIGILL\",\"SIGTRAP\",\"SIGABRT\",\"SIGBUS\",\"SIG"
    "FPE\",\"SIGKILL\",\"SIGUSR1\",\"SIGSEGV\",\"SIGUSR2\",\"SIGPIPE\",\"SIGALRM\",\""
    "SIGTERM\",\"SIGSTKFLT\",\"SIGCHLD\",\"SIGCONT\",\"SIGSTOP\",\"SIGTSTP\",\"SIGTTI"
    "N\",\"SIGTTOU\",\"SIGURG\",\"SIGXCPU\",\"SIGXFSZ\",\"SIGVTALRM\",\"SIGPROF\",\"S"
    "IGWINCH\",\"SIGIO\",\"SIGPWR\",\"SIGSYS\",\"SIGRT_0\",\"SIGRT_1\",\"SIGRT_2\",\""
    "SIGRT_3\",\"SIGRT_4\",\"SIGRT_5\",\"SIGRT_6\",\"SIGRT_7\",\"SIGRT_8\",\"SIGRT_9\""
    ",\"SIGRT_10\",\"SIGRT_11\",\"SIGRT_12\",\"SIGRT_13\",\"SIGRT_14\",\"SIGRT_15\",\""
    "SIGRT_16\",\"SIGRT_17\",\"SIGRT_18\",\"SIGRT_19\",\"SIGRT_20\",\"SIGRT_21\",\"SI"
    "GRT_22\",\"SIGRT_23\",\"SIGRT_24\",\"SIGRT_25\",\"SIGRT_26\",\"SIGRT_27\",\"SIGR"
    "T_28\",\"SIGRT_29\",\"SIGRT_30\",\"SIGRT_31\",\"SIGRT_32\"]},{\"name\":\"blocked"
    "\",\"type\":\"sigset_t\",\"value\":[\"SIGHUP\",\"SIGRT_32\"]},{\"name\":\"regs\""
    ",\"type\":\"struct pt_regs\",\"value\":{\"r8\":\"0x8\",\"r9\":\"0x9\",\"r10\":\""
    "0xa\",\"r11\":\"0xb\",\"r12\":\"0xc\",\"r13\":\"0xd\",\"r14\":\"0xe\",\"r15\":\""
    "0xf\",\"rdi\":\"0x10\",\"rsi\":\"0x11\",\"rbp\":\"0x7ffd3000\",\"rbx\":\"0x13\","
    "\"rdx\":\"0x14\",\"rax\":\"0xfffffffffffffffc\",\"rcx\":\"0x16\",\"rsp\":\"0x7ff"
    "d2f00\",\"rip\":\"0x401400\",\"eflags\":\"0x246\",\"cs\":\"0x33\",\"ss\":\"0x2b\""
    "}},{\"name\":\"restart\",\"type\":\"const char*\",\"value\":\"restarted\"},{\"na"
    "me\":\"altstack\",\"type\":\"bool\",\"value\":false},{\"name\":\"handled\",\"typ"
    "e\":\"bool\",\"value\":false},{\"name\":\"deliverySeq\",\"type\":\"int\",\"value"
    "\":4294967295},{\"name\":\"depth\",\"type\":\"int\",\"value\":0}]}\n";
static const char gold_deliver_rt_queue[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"8001\",\"eventName\":\"signal_deliver\",\"argsNum\":14,\"returnV"
    "alue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"ty"
    "pe\":\"int\",\"value\":40},{\"name\":\"signal\",\"type\":\"const char*\",\"value"
    "\":\"SIGRT_8\"},{\"name\":\"siginfo\",\"type\":\"siginfo_t\",\"value\":{\"si_sig"
    "no\":\"SIGRT_8\",\"si_errno\":0,\"si_code\":\"SI_QUEUE\",\"si_pid\":1234,\"si_ui"
    "d\":1000}},{\"name\":\"handler\",\"type\":\"void*\",\"value\":\"0x401136\"},{\"n"
    "ame\":\"sa_flags\",\"type\":\"const char*\",\"value\":\"0\"},{\"name\":\"sa_rest"
    "orer\",\"type\":\"void*\",\"value\":\"0x7f0000001230\"},{\"name\":\"sa_mask\",\""
    "type\":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"blocked\",\"type\":\"si"
    "gset_t\",\"value\":[\"SIGINT\",\"SIGTERM\"]},{\"name\":\"regs\",\"type\":\"struc"
    "t pt_regs\",\"value\":{\"r8\":\"0x8\",\"r9\":\"0x9\",\"r10\":\"0xa\",\"r11\":\"0"
    "xb\",\"r12\":\"0xc\",\"r13\":\"0xd\",\"r14\":\"0xe\",\"r15\":\"0xf\",\"rdi\":\"0"
    "x10\",\"rsi\":\"0x11\",\"rbp\":\"0x7ffd3000\",\"rbx\":\"0x13\",\"rdx\":\"0x14\","
    "\"rax\":\"0xfffffffffffffffc\",\"rcx\":\"0x16\",\"rsp\":\"0x7ffd2f00\",\"rip\":\""
    "0x401400\",\"eflags\":\"0x246\",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"re"
    "start\",\"type\":\"const char*\",\"value\":\"restarted\"},{\"name\":\"altstack\""
    ",\"type\":\"bool\",\"value\":true},{\"name\":\"handled\",\"type\":\"bool\",\"val"
    "ue\":true},{\"name\":\"deliverySeq\",\"type\":\"int\",\"value\":3},{\"name\":\"d"
    "epth\",\"type\":\"int\",\"value\":1}]}\n";
static const char gold_generate[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sender\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8002\",\"eventName\":\"signal_generate\",\"argsNum\":8,\"returnVa"
    "lue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"typ"
    "e\":\"int\",\"value\":10},{\"name\":\"signal\",\"type\":\"const char*\",\"value\""
    ":\"SIGUSR1\"},{\"name\":\"si_code\",\"type\":\"const char*\",\"value\":\"SI_TKIL"
    "L\"},{\"name\":\"target_pid\",\"type\":\"int\",\"value\":4321},{\"name\":\"targe"
    "t_tid\",\"type\":\"int\",\"value\":4322},{\"name\":\"target_comm\",\"type\":\"co"
    "nst char*\",\"value\":\"target\"},{\"name\":\"group\",\"type\":\"bool\",\"value\""
    ":false},{\"name\":\"result\",\"type\":\"const char*\",\"value\":\"delivered\"}]}"
    "\n";
static const char gold_generate_odd[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sender\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8002\",\"eventName\":\"signal_generate\",\"argsNum\":8,\"returnVa"
    "lue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"typ"
    "e\":\"int\",\"value\":10},{\"name\":\"signal\",\"type\":\"const char*\",\"value\""
    ":\"SIGUSR1\"},{\"name\":\"si_code\",\"type\":\"int\",\"value\":12345},{\"name\":"
    "\"target_pid\",\"type\":\"int\",\"value\":4321},{\"name\":\"target_tid\",\"type\""
    ":\"int\",\"value\":4322},{\"name\":\"target_comm\",\"type\":\"const char*\",\"va"
    "lue\":\"t\\\"\\u0001\xef\xbf\xbd\xef\xbf\xbd\"},{\"name\":\"group\",\"type\":\"b"
    "ool\",\"value\":true},{\"name\":\"result\",\"type\":\"const char*\",\"value\":\""
    "already_pending\"}]}\n";
static const char gold_generate_result_unknown[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sender\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8002\",\"eventName\":\"signal_generate\",\"argsNum\":8,\"returnVa"
    "lue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"typ"
    "e\":\"int\",\"value\":0},{\"name\":\"signal\",\"type\":\"const char*\",\"value\""
    ":\"SIG0\"},{\"name\":\"si_code\",\"type\":\"const char*\",\"value\":\"SI_USER\"}"
    ",{\"name\":\"target_pid\",\"type\":\"int\",\"value\":4321},{\"name\":\"target_ti"
    "d\",\"type\":\"int\",\"value\":4322},{\"name\":\"target_comm\",\"type\":\"const "
    "char*\",\"value\":\"target\"},{\"name\":\"group\",\"type\":\"bool\",\"value\":fa"
    "lse},{\"name\":\"result\",\"type\":\"const char*\",\"value\":\"42\"}]}\n";
static const char gold_generate_result_negative[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sender\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8002\",\"eventName\":\"signal_generate\",\"argsNum\":8,\"returnVa"
    "lue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"args\":[{\"name\":\"sig\",\"typ"
    "e\":\"int\",\"value\":9},{\"name\":\"signal\",\"type\":\"const char*\",\"value\""
    ":\"SIGKILL\"},{\"name\":\"si_code\",\"type\":\"const char*\",\"value\":\"SI_KERN"
    "EL\"},{\"name\":\"target_pid\",\"type\":\"int\",\"value\":4294967295},{\"name\":"
    "\"target_tid\",\"type\":\"int\",\"value\":4322},{\"name\":\"target_comm\",\"type"
    "\":\"const char*\",\"value\":\"target\"},{\"name\":\"group\",\"type\":\"bool\",\""
    "value\":true},{\"name\":\"result\",\"type\":\"const char*\",\"value\":\"-2147483"
    "648\"}]}\n";
static const char gold_generate_exe_path[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4000000000,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000"
    ",\"mountNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sen"
    "der\",\"executable\":{\"path\":\"/opt/a b/\\\"q\\\"\\\\/\\u0001\\u001F\x7f\\n\\t"
    "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf"
    "\xbd\xef\xbf\xbd\xef\xbf\xbd/bin\"},\"hostName\":\"h\xc3\xa9st\\u001B[0m\xef\xbf"
    "\xbd\",\"cgroupId\":4242,\"containerId\":\"\",\"contextFlags\":{\"containerStart"
    "ed\":false,\"isCompat\":false},\"eventId\":\"8002\",\"eventName\":\"signal_gener"
    "ate\",\"argsNum\":8,\"returnValue\":0,\"syscall\":\"\",\"stackAddresses\":[],\"a"
    "rgs\":[{\"name\":\"sig\",\"type\":\"int\",\"value\":10},{\"name\":\"signal\",\"t"
    "ype\":\"const char*\",\"value\":\"SIGUSR1\"},{\"name\":\"si_code\",\"type\":\"co"
    "nst char*\",\"value\":\"SI_TKILL\"},{\"name\":\"target_pid\",\"type\":\"int\",\""
    "value\":4321},{\"name\":\"target_tid\",\"type\":\"int\",\"value\":4322},{\"name\""
    ":\"target_comm\",\"type\":\"const char*\",\"value\":\"target\"},{\"name\":\"grou"
    "p\",\"type\":\"bool\",\"value\":false},{\"name\":\"result\",\"type\":\"const cha"
    "r*\",\"value\":\"delivered\"}]}\n";
static const char gold_finding_forged[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"res"
    "tored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\","
    "\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\""
    "0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\""
    "0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\""
    "0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x"
    "0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\""
    ":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\""
    ":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0"
    "\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0"
    "\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7"
    "\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\""
    ",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char*"
    "*\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\""
    ":\"unmatched\",\"method\":\"none\",\"depth\":1,\"abandoned\":0}},{\"name\":\"ver"
    "dict\",\"type\":\"object\",\"value\":{\"findings\":[\"forged_frame\"],\"allowed\""
    ":[],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rs"
    "pClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8101\",\"eventName\":\"sigreturn_forged_frame\",\"argsNum\":2,\"r"
    "eturnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"n"
    "ame\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_si"
    "greturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\""
    "value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x"
    "86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\""
    "},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":"
    "\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_fl"
    "ags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type"
    "\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcont"
    "ext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\""
    "r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\""
    "r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\""
    "rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0"
    "x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\""
    ":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\""
    ",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":"
    "[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r"
    "8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13"
    "\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp"
    "\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp"
    "\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\""
    ":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"na"
    "me\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"metho"
    "d\":\"none\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"obje"
    "ct\",\"value\":{\"findings\":[\"forged_frame\"],\"allowed\":[],\"maxSeverity\":4"
    ",\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\""
    ",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}},{\"name\":\"evidence\",\""
    "type\":\"object\",\"value\":{\"ustack\":\"0x7ffd1000\",\"outstanding_deliveries\""
    ":1,\"thread_predates_tracer\":false}}],\"metadata\":{\"Version\":\"1\",\"Descrip"
    "tion\":\"A sigreturn restored a frame that no signal delivered to the thread wro"
    "te (SROP)\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":4,\""
    "Category\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege E"
    "scalation\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-1\",\"signature"
    "Name\":\"Forged sigreturn frame\",\"enforced\":false}}}\n";
static const char gold_finding_call_site[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"res"
    "tored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\","
    "\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\""
    "0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\""
    "0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\""
    "0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x"
    "0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\""
    ":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\""
    ":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0"
    "\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0"
    "\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7"
    "\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\""
    ",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char*"
    "*\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\""
    ":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"del"
    "iveryTimestamp\":1764387007000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7"
    "f0000001230\",\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\"nam"
    "e\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"wrong_call_site\""
    "],\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"other\",\"ripClass\":\"anon_ex"
    "ec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}"
    "}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8102\",\"eventName\":\"sigreturn_wrong_call_site\",\"argsNum\":2,"
    "\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{"
    "\"name\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt"
    "_sigreturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\""
    ",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":"
    "\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f000000123"
    "4\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name"
    "\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc"
    "_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"t"
    "ype\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\""
    "value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mco"
    "ntext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\","
    "\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\","
    "\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\","
    "\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\""
    "0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss"
    "\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0"
    "\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\""
    ":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\""
    "r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r1"
    "3\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rb"
    "p\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rs"
    "p\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\""
    ":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"na"
    "me\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\""
    ":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":176438"
    "7007000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7f0000001230\",\"depth\""
    ":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\"name\":\"verdict\",\"type\""
    ":\"object\",\"value\":{\"findings\":[\"wrong_call_site\"],\"allowed\":[],\"maxSe"
    "verity\":3,\"callSite\":\"other\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writ"
    "able\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}},{\"name\":\"evidenc"
    "e\",\"type\":\"object\",\"value\":{\"call_site\":\"0x7f0000001234\",\"check\":\""
    "other\",\"delivered_restorer\":\"0x7f0000001230\"}}],\"metadata\":{\"Version\":\""
    "1\",\"Description\":\"A sigreturn was issued from outside every signal restorer "
    "of the process (a syscall gadget)\",\"Tags\":[\"signal\",\"sigreturn\"],\"Proper"
    "ties\":{\"Severity\":3,\"Category\":\"privilege-escalation\",\"Technique\":\"Exp"
    "loitation for Privilege Escalation\",\"external_id\":\"T1068\",\"signatureID\":\""
    "SIGSCOPE-2\",\"signatureName\":\"Sigreturn from outside a restorer\",\"enforced\""
    ":false}}}\n";
static const char gold_finding_tampered[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"res"
    "tored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\","
    "\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\""
    "0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\""
    "0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\""
    "0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x"
    "0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\""
    ":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\""
    ":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0"
    "\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0"
    "\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7"
    "\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\""
    ",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char*"
    "*\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\""
    ":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"del"
    "iveryTimestamp\":1764387007000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7"
    "f0000001230\",\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\"nam"
    "e\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"tampered_context\""
    "],\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"ano"
    "n_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":fa"
    "lse}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8103\",\"eventName\":\"sigreturn_tampered_context\",\"argsNum\":2"
    ",\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":["
    "{\"name\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"r"
    "t_sigreturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\""
    ",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":"
    "\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f000000123"
    "4\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name"
    "\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc"
    "_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"t"
    "ype\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\""
    "value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mco"
    "ntext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\","
    "\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\","
    "\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\","
    "\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\""
    "0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss"
    "\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0"
    "\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\""
    ":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\""
    "r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r1"
    "3\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rb"
    "p\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rs"
    "p\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\""
    ":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"na"
    "me\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\""
    ":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":176438"
    "7007000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7f0000001230\",\"depth\""
    ":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\"name\":\"verdict\",\"type\""
    ":\"object\",\"value\":{\"findings\":[\"tampered_context\"],\"allowed\":[],\"maxS"
    "everity\":3,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\""
    "writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}},{\"name\":\"evi"
    "dence\",\"type\":\"object\",\"value\":{\"changed\":[\"rsp\",\"rip\"],\"saved\":{"
    "\"rip\":\"0x401400\",\"rsp\":\"0x7ffd2f00\"},\"restored\":{\"rip\":\"0x401500\","
    "\"rsp\":\"0x5555a000\"},\"rip_class\":\"anon_exec\",\"rip_mapping\":\"\"}}],\"me"
    "tadata\":{\"Version\":\"1\",\"Description\":\"A sigreturn restored registers oth"
    "er than those the signal interrupted\",\"Tags\":[\"signal\",\"sigreturn\"],\"Pro"
    "perties\":{\"Severity\":3,\"Category\":\"privilege-escalation\",\"Technique\":\""
    "Exploitation for Privilege Escalation\",\"external_id\":\"T1068\",\"signatureID\""
    ":\"SIGSCOPE-3\",\"signatureName\":\"Signal context tampered before sigreturn\",\""
    "enforced\":false}}}\n";
static const char gold_finding_pivot[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"res"
    "tored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\","
    "\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\""
    "0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\""
    "0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\""
    "0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x"
    "0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\""
    ":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\""
    ":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0"
    "\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0"
    "\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7"
    "\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\""
    ",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char*"
    "*\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\""
    ":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"del"
    "iveryTimestamp\":1764387007000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7"
    "f0000001230\",\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\"nam"
    "e\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"stack_pivot\"],\""
    "allowed\":[],\"maxSeverity\":2,\"callSite\":\"delivered\",\"ripClass\":\"anon_ex"
    "ec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}"
    "}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8104\",\"eventName\":\"sigreturn_stack_pivot\",\"argsNum\":2,\"re"
    "turnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"na"
    "me\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sig"
    "return\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"v"
    "alue\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x8"
    "6_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\"}"
    ",{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\""
    "authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_flag"
    "s\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type\""
    ":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"valu"
    "e\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontex"
    "t\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r1"
    "0\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r1"
    "5\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rd"
    "x\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x4"
    "01500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":"
    "\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\","
    "\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":["
    "\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8"
    "\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\""
    ":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\""
    ":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\""
    ":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\":\""
    "0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\""
    "frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":176438700"
    "7000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7f0000001230\",\"depth\":1,"
    "\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\"name\":\"verdict\",\"type\":\""
    "object\",\"value\":{\"findings\":[\"stack_pivot\"],\"allowed\":[],\"maxSeverity\""
    ":2,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable"
    "\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}},{\"name\":\"evidence\","
    "\"type\":\"object\",\"value\":{\"rsp\":\"0x5555a000\",\"reference_rsp\":\"0x7ffd"
    "2f00\",\"rsp_class\":\"writable\",\"rsp_mapping\":\"\",\"reference_mapping\":\"\""
    "}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"A sigreturn moved the stac"
    "k pointer off the thread's stack and sigaltstack\",\"Tags\":[\"signal\",\"sigret"
    "urn\"],\"Properties\":{\"Severity\":2,\"Category\":\"privilege-escalation\",\"Te"
    "chnique\":\"Exploitation for Privilege Escalation\",\"external_id\":\"T1068\",\""
    "signatureID\":\"SIGSCOPE-4\",\"signatureName\":\"Stack pivot through sigreturn\""
    ",\"enforced\":false}}}\n";
static const char gold_finding_toctou[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"res"
    "tored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\","
    "\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\""
    "0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\""
    "0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\""
    "0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x"
    "0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\""
    ":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\""
    ":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0"
    "\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0"
    "\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7"
    "\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401600\",\"eflags\":\"0x0\""
    ",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char*"
    "*\",\"value\":[\"rip\"]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\""
    "status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\""
    ":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":\"0x401136\",\"restorer"
    "\":\"0x7f0000001230\",\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}"
    "},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"toctou\"]"
    ",\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"anon"
    "_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":fal"
    "se}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8105\",\"eventName\":\"sigreturn_toctou\",\"argsNum\":2,\"returnV"
    "alue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":"
    "\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigretur"
    "n\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\""
    ":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x86_64\""
    "},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\"},{\"na"
    "me\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\"autho"
    "rity\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_flags\",\""
    "type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type\":\"voi"
    "d*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"value\":{\""
    "ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"t"
    "ype\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0"
    "x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0"
    "x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0"
    "x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\""
    ",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":\"0x2b\""
    ",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\",\"fpstat"
    "e\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":[\"SIGUSR"
    "2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":\"0x0"
    "\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\""
    ",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\""
    ",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x555"
    "5a000\",\"rip\":\"0x401600\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\":\"0x2b\"}"
    "},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[\"rip\"]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\""
    "frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":176438700"
    "7000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7f0000001230\",\"depth\":1,"
    "\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\"name\":\"verdict\",\"type\":\""
    "object\",\"value\":{\"findings\":[\"toctou\"],\"allowed\":[],\"maxSeverity\":3,\""
    "callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\""
    "changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}},{\"name\":\"evidence\",\"typ"
    "e\":\"object\",\"value\":{\"mismatch\":[\"rip\"],\"frame_read\":\"ok\"}}],\"meta"
    "data\":{\"Version\":\"1\",\"Description\":\"The sigreturn frame changed, or beca"
    "me unreadable, between sigscope's read and the kernel's\",\"Tags\":[\"signal\",\""
    "sigreturn\"],\"Properties\":{\"Severity\":3,\"Category\":\"privilege-escalation\""
    ",\"Technique\":\"Exploitation for Privilege Escalation\",\"external_id\":\"T1068"
    "\",\"signatureID\":\"SIGSCOPE-5\",\"signatureName\":\"Sigreturn frame raced unde"
    "r the kernel\",\"enforced\":false}}}\n";
static const char gold_finding_abi[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"res"
    "tored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\","
    "\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\""
    "0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\""
    "0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\""
    "0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x"
    "0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\""
    ":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\""
    ":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0"
    "\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0"
    "\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7"
    "\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\""
    ",\"cs\":\"0x23\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char*"
    "*\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\""
    ":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"del"
    "iveryTimestamp\":1764387007000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7"
    "f0000001230\",\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\",\"cs\"]}}"
    ",{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"abi_switch"
    "\"],\"allowed\":[],\"maxSeverity\":0,\"callSite\":\"delivered\",\"ripClass\":\"a"
    "non_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":"
    "false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8106\",\"eventName\":\"sigreturn_abi_switch\",\"argsNum\":2,\"ret"
    "urnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"nam"
    "e\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigr"
    "eturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"va"
    "lue\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x86"
    "_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\"},"
    "{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\""
    "authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_flag"
    "s\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type\""
    ":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"valu"
    "e\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontex"
    "t\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r1"
    "0\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r1"
    "5\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rd"
    "x\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x4"
    "01500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":"
    "\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\","
    "\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":["
    "\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8"
    "\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\""
    ":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\""
    ":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\""
    ":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x23\",\"ss\":\""
    "0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\""
    "frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":176438700"
    "7000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7f0000001230\",\"depth\":1,"
    "\"abandoned\":0,\"changed\":[\"rsp\",\"rip\",\"cs\"]}},{\"name\":\"verdict\",\"t"
    "ype\":\"object\",\"value\":{\"findings\":[\"abi_switch\"],\"allowed\":[],\"maxSe"
    "verity\":0,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\""
    "writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}},{\"name\":\"evi"
    "dence\",\"type\":\"object\",\"value\":{\"abi\":\"x86_64\",\"entry_cs\":\"0x33\","
    "\"restored_cs\":\"0x23\"}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"A "
    "sigreturn switched a process between 64-bit and 32-bit mode\",\"Tags\":[\"signal"
    "\",\"sigreturn\"],\"Properties\":{\"Severity\":0,\"Category\":\"privilege-escala"
    "tion\",\"Technique\":\"Exploitation for Privilege Escalation\",\"external_id\":\""
    "T1068\",\"signatureID\":\"SIGSCOPE-6\",\"signatureName\":\"Sigreturn switches th"
    "e CPU mode\",\"enforced\":false}}}\n";
static const char gold_finding_preexisting[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"res"
    "tored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\","
    "\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\""
    "0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\""
    "0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\""
    "0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x"
    "0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\""
    ":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\""
    ":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0"
    "\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0"
    "\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7"
    "\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\""
    ",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char*"
    "*\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\""
    ":\"thread_predates_tracer\",\"method\":\"none\",\"depth\":1,\"abandoned\":0}},{\""
    "name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"preexisting_un"
    "matched\"],\"allowed\":[],\"maxSeverity\":1,\"callSite\":\"delivered\",\"ripClas"
    "s\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enfo"
    "rced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8107\",\"eventName\":\"sigreturn_preexisting_unmatched\",\"argsNu"
    "m\":2,\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"arg"
    "s\":[{\"name\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\""
    ":\"rt_sigreturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"vo"
    "id*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"val"
    "ue\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000"
    "001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\""
    "name\":\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":"
    "\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\""
    ",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t"
    "\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"u"
    "c_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0"
    "x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0"
    "x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0"
    "x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"ri"
    "p\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\""
    ",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":"
    "\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"v"
    "alue\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value"
    "\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\""
    ",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\""
    ",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\""
    ",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\","
    "\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]}"
    ",{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"thread_predat"
    "es_tracer\",\"method\":\"none\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdic"
    "t\",\"type\":\"object\",\"value\":{\"findings\":[\"preexisting_unmatched\"],\"al"
    "lowed\":[],\"maxSeverity\":1,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec"
    "\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]"
    "}},{\"name\":\"evidence\",\"type\":\"object\",\"value\":{\"ustack\":\"0x7ffd1000"
    "\",\"restored_rsp\":\"0x5555a000\"}}],\"metadata\":{\"Version\":\"1\",\"Descript"
    "ion\":\"An unmatched sigreturn on a thread that started before sigscope, excused"
    " as the unwinding of an older handler\",\"Tags\":[\"signal\",\"sigreturn\"],\"Pr"
    "operties\":{\"Severity\":1,\"Category\":\"privilege-escalation\",\"Technique\":\""
    "Exploitation for Privilege Escalation\",\"external_id\":\"T1068\",\"signatureID\""
    ":\"SIGSCOPE-7\",\"signatureName\":\"Unmatched sigreturn on an older thread\",\"e"
    "nforced\":false}}}\n";
static const char gold_findings_no_regs[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "none\"},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\""
    "frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":176438700"
    "7000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7f0000001230\",\"depth\":1,"
    "\"abandoned\":0,\"changed\":[]}},{\"name\":\"verdict\",\"type\":\"object\",\"val"
    "ue\":{\"findings\":[\"tampered_context\",\"stack_pivot\",\"abi_switch\",\"preexi"
    "sting_unmatched\"],\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\""
    "ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"]"
    ",\"enforced\":false}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8103\",\"eventName\":\"sigreturn_tampered_context\",\"argsNum\":2"
    ",\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":["
    "{\"name\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"r"
    "t_sigreturn\",\"returnValue\":0,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\""
    ",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":"
    "\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f000000123"
    "4\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"fault\"},{\"n"
    "ame\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"},{\"name\":\"mis"
    "match\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"pairing\",\"type\":\""
    "object\",\"value\":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIG"
    "USR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":\""
    "0x401136\",\"restorer\":\"0x7f0000001230\",\"depth\":1,\"abandoned\":0,\"changed"
    "\":[]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"tam"
    "pered_context\",\"stack_pivot\",\"abi_switch\",\"preexisting_unmatched\"],\"allo"
    "wed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\""
    ",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}}"
    ",{\"name\":\"evidence\",\"type\":\"object\",\"value\":{\"changed\":[\"rsp\",\"ri"
    "p\"],\"saved\":{\"rip\":\"0x401400\",\"rsp\":\"0x7ffd2f00\"},\"restored\":null,\""
    "rip_class\":\"anon_exec\",\"rip_mapping\":\"\"}}],\"metadata\":{\"Version\":\"1\""
    ",\"Description\":\"A sigreturn restored registers other than those the signal in"
    "terrupted\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":3,\""
    "Category\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege E"
    "scalation\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-3\",\"signature"
    "Name\":\"Signal context tampered before sigreturn\",\"enforced\":false}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8104\",\"eventName\":\"sigreturn_stack_pivot\",\"argsNum\":2,\"re"
    "turnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"na"
    "me\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sig"
    "return\",\"returnValue\":0,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"v"
    "alue\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x8"
    "6_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\"}"
    ",{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"fault\"},{\"name\""
    ":\"authority\",\"type\":\"const char*\",\"value\":\"none\"},{\"name\":\"mismatch"
    "\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"obje"
    "ct\",\"value\":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1"
    "\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":\"0x4"
    "01136\",\"restorer\":\"0x7f0000001230\",\"depth\":1,\"abandoned\":0,\"changed\":"
    "[]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"tamper"
    "ed_context\",\"stack_pivot\",\"abi_switch\",\"preexisting_unmatched\"],\"allowed"
    "\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\""
    "rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}},{\""
    "name\":\"evidence\",\"type\":\"object\",\"value\":{\"rsp\":null,\"reference_rsp\""
    ":\"0x7ffd2f00\",\"rsp_class\":\"writable\",\"rsp_mapping\":\"\",\"reference_mapp"
    "ing\":\"\"}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"A sigreturn move"
    "d the stack pointer off the thread's stack and sigaltstack\",\"Tags\":[\"signal\""
    ",\"sigreturn\"],\"Properties\":{\"Severity\":3,\"Category\":\"privilege-escalati"
    "on\",\"Technique\":\"Exploitation for Privilege Escalation\",\"external_id\":\"T"
    "1068\",\"signatureID\":\"SIGSCOPE-4\",\"signatureName\":\"Stack pivot through si"
    "greturn\",\"enforced\":false}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8106\",\"eventName\":\"sigreturn_abi_switch\",\"argsNum\":2,\"ret"
    "urnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"nam"
    "e\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigr"
    "eturn\",\"returnValue\":0,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"va"
    "lue\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x86"
    "_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\"},"
    "{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"fault\"},{\"name\""
    ":\"authority\",\"type\":\"const char*\",\"value\":\"none\"},{\"name\":\"mismatch"
    "\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"obje"
    "ct\",\"value\":{\"status\":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1"
    "\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000000000,\"handler\":\"0x4"
    "01136\",\"restorer\":\"0x7f0000001230\",\"depth\":1,\"abandoned\":0,\"changed\":"
    "[]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[\"tamper"
    "ed_context\",\"stack_pivot\",\"abi_switch\",\"preexisting_unmatched\"],\"allowed"
    "\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\""
    "rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":false}}]}},{\""
    "name\":\"evidence\",\"type\":\"object\",\"value\":{\"abi\":\"x86_64\",\"entry_cs"
    "\":\"0x33\",\"restored_cs\":null}}],\"metadata\":{\"Version\":\"1\",\"Descriptio"
    "n\":\"A sigreturn switched a process between 64-bit and 32-bit mode\",\"Tags\":["
    "\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":3,\"Category\":\"privileg"
    "e-escalation\",\"Technique\":\"Exploitation for Privilege Escalation\",\"externa"
    "l_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-6\",\"signatureName\":\"Sigreturn sw"
    "itches the CPU mode\",\"enforced\":false}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8107\",\"eventName\":\"sigreturn_preexisting_unmatched\",\"argsNu"
    "m\":2,\"returnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"arg"
    "s\":[{\"name\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\""
    ":\"rt_sigreturn\",\"returnValue\":0,\"args\":[{\"name\":\"ustack\",\"type\":\"vo"
    "id*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"val"
    "ue\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000"
    "001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"fault\"}"
    ",{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"none\"},{\"name\":"
    "\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"pairing\",\"typ"
    "e\":\"object\",\"value\":{\"status\":\"matched\",\"method\":\"frame\",\"signal\""
    ":\"SIGUSR1\",\"deliverySeq\":3,\"deliveryTimestamp\":1764387007000000000,\"handl"
    "er\":\"0x401136\",\"restorer\":\"0x7f0000001230\",\"depth\":1,\"abandoned\":0,\""
    "changed\":[]}},{\"name\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\""
    ":[\"tampered_context\",\"stack_pivot\",\"abi_switch\",\"preexisting_unmatched\"]"
    ",\"allowed\":[],\"maxSeverity\":3,\"callSite\":\"delivered\",\"ripClass\":\"anon"
    "_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":fal"
    "se}}]}},{\"name\":\"evidence\",\"type\":\"object\",\"value\":{\"ustack\":\"0x7ff"
    "d1000\",\"restored_rsp\":null}}],\"metadata\":{\"Version\":\"1\",\"Description\""
    ":\"An unmatched sigreturn on a thread that started before sigscope, excused as t"
    "he unwinding of an older handler\",\"Tags\":[\"signal\",\"sigreturn\"],\"Propert"
    "ies\":{\"Severity\":1,\"Category\":\"privilege-escalation\",\"Technique\":\"Expl"
    "oitation for Privilege Escalation\",\"external_id\":\"T1068\",\"signatureID\":\""
    "SIGSCOPE-7\",\"signatureName\":\"Unmatched sigreturn on an older thread\",\"enfo"
    "rced\":false}}}\n";
static const char gold_findings_enforced[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"res"
    "tored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\","
    "\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\""
    "0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\""
    "0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\""
    "0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x"
    "0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\""
    ":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\""
    ":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0"
    "\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0"
    "\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7"
    "\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\""
    ",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char*"
    "*\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\""
    ":\"unmatched\",\"method\":\"frame\",\"depth\":1,\"abandoned\":0}},{\"name\":\"ve"
    "rdict\",\"type\":\"object\",\"value\":{\"findings\":[\"forged_frame\",\"stack_pi"
    "vot\",\"toctou\"],\"allowed\":[\"tampered_context\"],\"maxSeverity\":4,\"callSit"
    "e\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"writable\",\"changed"
    "\":[\"rsp\",\"rip\"],\"enforced\":true}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8101\",\"eventName\":\"sigreturn_forged_frame\",\"argsNum\":2,\"r"
    "eturnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"n"
    "ame\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_si"
    "greturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\""
    "value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x"
    "86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\""
    "},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":"
    "\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_fl"
    "ags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type"
    "\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcont"
    "ext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\""
    "r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\""
    "r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\""
    "rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0"
    "x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\""
    ":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\""
    ",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":"
    "[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r"
    "8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13"
    "\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp"
    "\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp"
    "\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\""
    ":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"na"
    "me\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"metho"
    "d\":\"frame\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"obj"
    "ect\",\"value\":{\"findings\":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"al"
    "lowed\":[\"tampered_context\"],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ri"
    "pClass\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\""
    "enforced\":true}}]}},{\"name\":\"evidence\",\"type\":\"object\",\"value\":{\"ust"
    "ack\":\"0x7ffd1000\",\"outstanding_deliveries\":1,\"thread_predates_tracer\":fal"
    "se}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"A sigreturn restored a f"
    "rame that no signal delivered to the thread wrote (SROP)\",\"Tags\":[\"signal\","
    "\"sigreturn\"],\"Properties\":{\"Severity\":4,\"Category\":\"privilege-escalatio"
    "n\",\"Technique\":\"Exploitation for Privilege Escalation\",\"external_id\":\"T1"
    "068\",\"signatureID\":\"SIGSCOPE-1\",\"signatureName\":\"Forged sigreturn frame\""
    ",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8104\",\"eventName\":\"sigreturn_stack_pivot\",\"argsNum\":2,\"re"
    "turnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"na"
    "me\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sig"
    "return\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"v"
    "alue\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x8"
    "6_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\"}"
    ",{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\""
    "authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_flag"
    "s\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type\""
    ":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"valu"
    "e\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontex"
    "t\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r1"
    "0\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r1"
    "5\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rd"
    "x\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x4"
    "01500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":"
    "\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\","
    "\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":["
    "\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8"
    "\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\""
    ":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\""
    ":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\""
    ":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\":\""
    "0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":"
    "\"frame\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\""
    ",\"value\":{\"findings\":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"allowed"
    "\":[\"tampered_context\"],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClas"
    "s\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enfo"
    "rced\":true}}]}},{\"name\":\"evidence\",\"type\":\"object\",\"value\":{\"rsp\":\""
    "0x5555a000\",\"reference_rsp\":\"0x7ffd2f00\",\"rsp_class\":\"writable\",\"rsp_m"
    "apping\":\"\",\"reference_mapping\":\"\"}}],\"metadata\":{\"Version\":\"1\",\"De"
    "scription\":\"A sigreturn moved the stack pointer off the thread's stack and sig"
    "altstack\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":3,\""
    "Category\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege E"
    "scalation\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-4\",\"signature"
    "Name\":\"Stack pivot through sigreturn\",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8105\",\"eventName\":\"sigreturn_toctou\",\"argsNum\":2,\"returnV"
    "alue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":"
    "\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigretur"
    "n\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\""
    ":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x86_64\""
    "},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\"},{\"na"
    "me\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\"autho"
    "rity\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_flags\",\""
    "type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type\":\"voi"
    "d*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"value\":{\""
    "ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"t"
    "ype\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0"
    "x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0"
    "x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0"
    "x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\""
    ",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":\"0x2b\""
    ",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\",\"fpstat"
    "e\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":[\"SIGUSR"
    "2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":\"0x0"
    "\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\""
    ",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\""
    ",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x555"
    "5a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\":\"0x2b\"}"
    "},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"pai"
    "ring\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"fram"
    "e\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"va"
    "lue\":{\"findings\":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"allowed\":[\""
    "tampered_context\"],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClass\":\""
    "anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\""
    ":true}}]}},{\"name\":\"evidence\",\"type\":\"object\",\"value\":{\"mismatch\":[]"
    ",\"frame_read\":\"ok\"}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"The "
    "sigreturn frame changed, or became unreadable, between sigscope's read and the k"
    "ernel's\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":1,\"C"
    "ategory\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege Es"
    "calation\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-5\",\"signatureN"
    "ame\":\"Sigreturn frame raced under the kernel\",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8200\",\"eventName\":\"sigscope_enforcement\",\"argsNum\":5,\"ret"
    "urnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"nam"
    "e\":\"signal\",\"type\":\"const char*\",\"value\":\"SIGKILL\"},{\"name\":\"findi"
    "ngs\",\"type\":\"const char**\",\"value\":[\"forged_frame\",\"stack_pivot\"]},{\""
    "name\":\"severity\",\"type\":\"int\",\"value\":4},{\"name\":\"threshold\",\"type"
    "\":\"int\",\"value\":3},{\"name\":\"ustack\",\"type\":\"void*\",\"value\":\"0x7f"
    "fd1000\"}]}\n";
static const char gold_findings_enforced_unselected[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8101\",\"eventName\":\"sigreturn_forged_frame\",\"argsNum\":2,\"r"
    "eturnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"n"
    "ame\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_si"
    "greturn\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\""
    "value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x"
    "86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\""
    "},{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":"
    "\"authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_fl"
    "ags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type"
    "\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"va"
    "lue\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcont"
    "ext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\""
    "r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\""
    "r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\""
    "rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0"
    "x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\""
    ":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\""
    ",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":"
    "[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r"
    "8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13"
    "\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp"
    "\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp"
    "\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\""
    ":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"na"
    "me\":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"metho"
    "d\":\"frame\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"obj"
    "ect\",\"value\":{\"findings\":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"al"
    "lowed\":[\"tampered_context\"],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ri"
    "pClass\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\""
    "enforced\":true}}]}},{\"name\":\"evidence\",\"type\":\"object\",\"value\":{\"ust"
    "ack\":\"0x7ffd1000\",\"outstanding_deliveries\":1,\"thread_predates_tracer\":fal"
    "se}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"A sigreturn restored a f"
    "rame that no signal delivered to the thread wrote (SROP)\",\"Tags\":[\"signal\","
    "\"sigreturn\"],\"Properties\":{\"Severity\":4,\"Category\":\"privilege-escalatio"
    "n\",\"Technique\":\"Exploitation for Privilege Escalation\",\"external_id\":\"T1"
    "068\",\"signatureID\":\"SIGSCOPE-1\",\"signatureName\":\"Forged sigreturn frame\""
    ",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8104\",\"eventName\":\"sigreturn_stack_pivot\",\"argsNum\":2,\"re"
    "turnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"na"
    "me\":\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sig"
    "return\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"v"
    "alue\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x8"
    "6_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\"}"
    ",{\"name\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\""
    "authority\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_flag"
    "s\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type\""
    ":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"valu"
    "e\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontex"
    "t\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r1"
    "0\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r1"
    "5\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rd"
    "x\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x4"
    "01500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":"
    "\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\","
    "\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":["
    "\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8"
    "\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\""
    ":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\""
    ":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\""
    ":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\":\""
    "0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":"
    "\"frame\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\""
    ",\"value\":{\"findings\":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"allowed"
    "\":[\"tampered_context\"],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClas"
    "s\":\"anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enfo"
    "rced\":true}}]}},{\"name\":\"evidence\",\"type\":\"object\",\"value\":{\"rsp\":\""
    "0x5555a000\",\"reference_rsp\":\"0x7ffd2f00\",\"rsp_class\":\"writable\",\"rsp_m"
    "apping\":\"\",\"reference_mapping\":\"\"}}],\"metadata\":{\"Version\":\"1\",\"De"
    "scription\":\"A sigreturn moved the stack pointer off the thread's stack and sig"
    "altstack\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":3,\""
    "Category\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege E"
    "scalation\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-4\",\"signature"
    "Name\":\"Stack pivot through sigreturn\",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8105\",\"eventName\":\"sigreturn_toctou\",\"argsNum\":2,\"returnV"
    "alue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":"
    "\"triggeredBy\",\"type\":\"unknown\",\"value\":{\"id\":15,\"name\":\"rt_sigretur"
    "n\",\"returnValue\":7,\"args\":[{\"name\":\"ustack\",\"type\":\"void*\",\"value\""
    ":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"const char*\",\"value\":\"x86_64\""
    "},{\"name\":\"call_site\",\"type\":\"void*\",\"value\":\"0x7f0000001234\"},{\"na"
    "me\":\"frame_read\",\"type\":\"const char*\",\"value\":\"ok\"},{\"name\":\"autho"
    "rity\",\"type\":\"const char*\",\"value\":\"restored\"},{\"name\":\"uc_flags\",\""
    "type\":\"unsigned long\",\"value\":\"0x0\"},{\"name\":\"uc_link\",\"type\":\"voi"
    "d*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\",\"type\":\"stack_t\",\"value\":{\""
    "ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\":0}},{\"name\":\"uc_mcontext\",\"t"
    "ype\":\"struct sigcontext\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0"
    "x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0"
    "x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0"
    "x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\""
    ",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x0\",\"fs\":\"0x0\",\"ss\":\"0x2b\""
    ",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\":\"0x0\",\"cr2\":\"0x0\",\"fpstat"
    "e\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\":\"sigset_t\",\"value\":[\"SIGUSR"
    "2\"]},{\"name\":\"restored\",\"type\":\"struct pt_regs\",\"value\":{\"r8\":\"0x0"
    "\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\""
    ",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\"0x0\""
    ",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\"0x555"
    "5a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"ss\":\"0x2b\"}"
    "},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"pai"
    "ring\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":\"fram"
    "e\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\"va"
    "lue\":{\"findings\":[\"forged_frame\",\"stack_pivot\",\"toctou\"],\"allowed\":[\""
    "tampered_context\"],\"maxSeverity\":4,\"callSite\":\"delivered\",\"ripClass\":\""
    "anon_exec\",\"rspClass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\""
    ":true}}]}},{\"name\":\"evidence\",\"type\":\"object\",\"value\":{\"mismatch\":[]"
    ",\"frame_read\":\"ok\"}}],\"metadata\":{\"Version\":\"1\",\"Description\":\"The "
    "sigreturn frame changed, or became unreadable, between sigscope's read and the k"
    "ernel's\",\"Tags\":[\"signal\",\"sigreturn\"],\"Properties\":{\"Severity\":1,\"C"
    "ategory\":\"privilege-escalation\",\"Technique\":\"Exploitation for Privilege Es"
    "calation\",\"external_id\":\"T1068\",\"signatureID\":\"SIGSCOPE-5\",\"signatureN"
    "ame\":\"Sigreturn frame raced under the kernel\",\"enforced\":true}}}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8200\",\"eventName\":\"sigscope_enforcement\",\"argsNum\":5,\"ret"
    "urnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"nam"
    "e\":\"signal\",\"type\":\"const char*\",\"value\":\"SIGKILL\"},{\"name\":\"findi"
    "ngs\",\"type\":\"const char**\",\"value\":[\"forged_frame\",\"stack_pivot\",\"to"
    "ctou\"]},{\"name\":\"severity\",\"type\":\"int\",\"value\":4},{\"name\":\"thresh"
    "old\",\"type\":\"int\",\"value\":null},{\"name\":\"ustack\",\"type\":\"void*\",\""
    "value\":\"0x7ffd1000\"}]}\n";
static const char gold_enforced_no_findings[] =
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":14,\"returnValue\""
    ":7,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"ok\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\"res"
    "tored\"},{\"name\":\"uc_flags\",\"type\":\"unsigned long\",\"value\":\"0x0\"},{\""
    "name\":\"uc_link\",\"type\":\"void*\",\"value\":\"0x0\"},{\"name\":\"uc_stack\","
    "\"type\":\"stack_t\",\"value\":{\"ss_sp\":\"0x0\",\"ss_flags\":\"0\",\"ss_size\""
    ":0}},{\"name\":\"uc_mcontext\",\"type\":\"struct sigcontext\",\"value\":{\"r8\":"
    "\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\""
    "0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0\",\"rsi\":\"0x0\",\"rbp\":\""
    "0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7\",\"rcx\":\"0x0\",\"rsp\":\""
    "0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\",\"cs\":\"0x33\",\"gs\":\"0x"
    "0\",\"fs\":\"0x0\",\"ss\":\"0x2b\",\"err\":\"0x0\",\"trapno\":\"0x0\",\"oldmask\""
    ":\"0x0\",\"cr2\":\"0x0\",\"fpstate\":\"0x0\"}},{\"name\":\"uc_sigmask\",\"type\""
    ":\"sigset_t\",\"value\":[\"SIGUSR2\"]},{\"name\":\"restored\",\"type\":\"struct "
    "pt_regs\",\"value\":{\"r8\":\"0x0\",\"r9\":\"0x0\",\"r10\":\"0x0\",\"r11\":\"0x0"
    "\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\",\"rdi\":\"0x0"
    "\",\"rsi\":\"0x0\",\"rbp\":\"0x0\",\"rbx\":\"0x0\",\"rdx\":\"0x0\",\"rax\":\"0x7"
    "\",\"rcx\":\"0x0\",\"rsp\":\"0x5555a000\",\"rip\":\"0x401500\",\"eflags\":\"0x0\""
    ",\"cs\":\"0x33\",\"ss\":\"0x2b\"}},{\"name\":\"mismatch\",\"type\":\"const char*"
    "*\",\"value\":[]},{\"name\":\"pairing\",\"type\":\"object\",\"value\":{\"status\""
    ":\"matched\",\"method\":\"frame\",\"signal\":\"SIGUSR1\",\"deliverySeq\":3,\"del"
    "iveryTimestamp\":1764387007000000000,\"handler\":\"0x401136\",\"restorer\":\"0x7"
    "f0000001230\",\"depth\":1,\"abandoned\":0,\"changed\":[\"rsp\",\"rip\"]}},{\"nam"
    "e\":\"verdict\",\"type\":\"object\",\"value\":{\"findings\":[],\"allowed\":[],\""
    "maxSeverity\":null,\"callSite\":\"delivered\",\"ripClass\":\"anon_exec\",\"rspCl"
    "ass\":\"writable\",\"changed\":[\"rsp\",\"rip\"],\"enforced\":true}}]}\n"
    "{\"timestamp\":1764387007000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":2,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"victim\","
    "\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"con"
    "tainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false}"
    ",\"eventId\":\"8200\",\"eventName\":\"sigscope_enforcement\",\"argsNum\":5,\"ret"
    "urnValue\":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"nam"
    "e\":\"signal\",\"type\":\"const char*\",\"value\":\"SIGKILL\"},{\"name\":\"findi"
    "ngs\",\"type\":\"const char**\",\"value\":[]},{\"name\":\"severity\",\"type\":\""
    "int\",\"value\":4},{\"name\":\"threshold\",\"type\":\"int\",\"value\":4},{\"name"
    "\":\"ustack\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"}]}\n";
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
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "none\"},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":"
    "\"sp\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\""
    "value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"unkn"
    "own\",\"ripClass\":\"unknown\",\"rspClass\":\"unknown\",\"changed\":[],\"enforce"
    "d\":false}}]}\n";
static const char gold_mem_1_7[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "none\"},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":"
    "\"sp\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\""
    "value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"deli"
    "vered\",\"ripClass\":\"file_exec\",\"rspClass\":\"unmapped\",\"changed\":[],\"en"
    "forced\":false}}]}\n";
static const char gold_mem_2_6[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "none\"},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":"
    "\"sp\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\""
    "value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"regi"
    "stered\",\"ripClass\":\"anon_exec\",\"rspClass\":\"readonly\",\"changed\":[],\"e"
    "nforced\":false}}]}\n";
static const char gold_mem_3_5[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "none\"},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":"
    "\"sp\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\""
    "value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"vdso"
    "\",\"ripClass\":\"vdso\",\"rspClass\":\"writable\",\"changed\":[],\"enforced\":f"
    "alse}}]}\n";
static const char gold_mem_4_4[] =
    "{\"timestamp\":1764387005000123456,\"threadStartTime\":1764387000000001000,\"pro"
    "cessorId\":3,\"processId\":21,\"threadId\":22,\"parentProcessId\":0,\"hostProces"
    "sId\":4321,\"hostThreadId\":4322,\"hostParentProcessId\":1,\"userId\":1000,\"mou"
    "ntNamespace\":4026531841,\"pidNamespace\":4026531836,\"processName\":\"sig-test\""
    ",\"executable\":{\"path\":\"\"},\"hostName\":\"testhost\",\"cgroupId\":4242,\"co"
    "ntainerId\":\"\",\"contextFlags\":{\"containerStarted\":false,\"isCompat\":false"
    "},\"eventId\":\"15\",\"eventName\":\"rt_sigreturn\",\"argsNum\":8,\"returnValue\""
    ":0,\"syscall\":\"rt_sigreturn\",\"stackAddresses\":[],\"args\":[{\"name\":\"usta"
    "ck\",\"type\":\"void*\",\"value\":\"0x7ffd1000\"},{\"name\":\"abi\",\"type\":\"c"
    "onst char*\",\"value\":\"x86_64\"},{\"name\":\"call_site\",\"type\":\"void*\",\""
    "value\":\"0x7f0000001234\"},{\"name\":\"frame_read\",\"type\":\"const char*\",\""
    "value\":\"fault\"},{\"name\":\"authority\",\"type\":\"const char*\",\"value\":\""
    "none\"},{\"name\":\"mismatch\",\"type\":\"const char**\",\"value\":[]},{\"name\""
    ":\"pairing\",\"type\":\"object\",\"value\":{\"status\":\"unmatched\",\"method\":"
    "\"sp\",\"depth\":1,\"abandoned\":0}},{\"name\":\"verdict\",\"type\":\"object\",\""
    "value\":{\"findings\":[],\"allowed\":[],\"maxSeverity\":null,\"callSite\":\"othe"
    "r\",\"ripClass\":\"stack\",\"rspClass\":\"stack\",\"changed\":[],\"enforced\":fa"
    "lse}}]}\n";

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
		j = json_loadb(out, (size_t)(nl - out), JSON_REJECT_DUPLICATES, &e);
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
		r.gen.ctx.host_pid = GONE_PID;
		memset(r.gen.ctx.comm, 0, sizeof(r.gen.ctx.comm));
		memcpy(r.gen.ctx.comm, hostile[i].raw, hostile[i].len);
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
		json_t *j = json_loads(l, JSON_REJECT_DUPLICATES, NULL);
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
			tc = &r.gen.ctx;
			len = sizeof(r.gen);
			break;
		case 1:
			make_deliver(&r.dl);
			tc = &r.dl.ctx;
			len = sizeof(r.dl);
			break;
		default: /* the rt_sigreturn, one finding, the enforcement */
			len = make_finding(&r, (unsigned int)(rng() % SIGSCOPE_FINDING_MAX), 3);
			r.sr.verdict.enforced = 1;
			tc = &r.sr.ctx;
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
