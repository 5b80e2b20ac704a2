/* Raw records the output tests build: the fixtures test_json.c, golden.c's golden lines,
 * test_findings.c and bench/json_bench.c share, so one change to a fixture moves every test that
 * reads it. */
#ifndef SIGSCOPE_UNIT_RECORDS_H
#define SIGSCOPE_UNIT_RECORDS_H

#include <stdint.h>
#include <string.h>

#include "shared/frame_layout.h"
#include "shared/sigscope_event.h"

/* Interrupted registers of the x86_64 fixture, enum sigscope_reg order. */
static const uint64_t regs64[SIGSCOPE_NREGS] = {
    0x8,  0x9,	      0xa,	0xb,	    0xc,  0xd,	0xe,
    0xf,  0x10,	      0x11,	0x7ffd3000, 0x13, 0x14, 0xfffffffffffffffcULL,
    0x16, 0x7ffd2f00, 0x401400, 0x246,	    0x33, 0x2b,
};

static inline void put16(uint8_t *b, size_t off, uint16_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static inline void put32(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static inline void put64(uint8_t *b, size_t off, uint64_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static inline void fill_ctx(struct sigscope_task_ctx *c, const char *comm, size_t comm_len)
{
	c->ts_ns = 5000123456;
	c->thread_start_ns = 1000;
	c->cgroup_id = 4242;
	c->exe_ino = 77;
	c->cpu = 3;
	c->host_pid = 4321;
	c->host_tid = 4322;
	c->host_ppid = 1;
	c->ns_pid = 21;
	c->ns_tid = 22;
	c->uid = 1000;
	c->gid = 1000;
	c->mnt_ns = 4026531841u;
	c->pid_ns = 4026531836u;
	memcpy(c->comm, comm, comm_len < sizeof(c->comm) ? comm_len : sizeof(c->comm));
}

/*
 * An x86_64 rt_sigreturn whose SIGUSR1 handler moved rip from 0x401400 to 0x401500 in its
 * frame, after which the frame changed again before the kernel read it (restored rip 0x401600).
 */
static inline void make_rt64(struct sigscope_sigreturn_event *ev)
{
	uint8_t *sc = ev->frame + RT64_MCONTEXT;
	uint8_t *si = ev->frame + RT64_SIGINFO;
	static const size_t off[] = {
	    SC64_R8,	  SC64_R8 + 8,	SC64_R8 + 16, SC64_R8 + 24, SC64_R8 + 32, SC64_R8 + 40,
	    SC64_R8 + 48, SC64_R8 + 56, SC64_RDI,     SC64_RSI,	    SC64_RBP,	  SC64_RBX,
	    SC64_RDX,	  SC64_RAX,	SC64_RCX,     SC64_RSP,	    SC64_RIP,	  SC64_EFLAGS,
	};

	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = SIGSCOPE_EV_RT_SIGRETURN;
	ev->hdr.size = sizeof(*ev);
	ev->abi = SIGSCOPE_ABI_X86_64;
	ev->frame_kind = SIGSCOPE_FRAME_RT64;
	ev->syscall_nr = SIGSCOPE_NR_RT_SIGRETURN_64;
	ev->flags = SIGSCOPE_SR_FRAME_OK | SIGSCOPE_SR_APPLIED | SIGSCOPE_SR_MISMATCH |
		    SIGSCOPE_SR_STACK_OK;
	ev->frame_len = RT64_SIZE;
	ev->mismatch_mask = 1u << SIGSCOPE_REG_RIP;
	fill_ctx(&ev->hdr.ctx, "sig-test", 8);
	ev->ustack = 0x7ffd1000;
	ev->call_site = 0x7f0000001234;
	ev->entry_sp = 0x7ffd1008;

	put64(ev->frame, RT64_PRETCODE, 0x7f0000001230);
	put64(ev->frame, RT64_UC_FLAGS, 0x7);
	put32(ev->frame, RT64_SS_FLAGS, 2);
	for (size_t r = 0; r < sizeof(off) / sizeof(off[0]); r++)
		put64(sc, off[r], regs64[r]);
	put64(sc, SC64_RIP, 0x401500);
	put16(sc, SC64_CS, 0x33);
	put16(sc, SC64_SS, 0x2b);
	put64(sc, SC64_FPSTATE, 0x7ffd1200);
	put64(ev->frame, RT64_SIGMASK, 1ull << (12 - 1));
	put32(si, 0, 10);
	put32(si, 8, (uint32_t)-6);
	put32(si, SI_UNION64, 1234);
	put32(si, SI_UNION64 + 4, 1000);

	memcpy(ev->applied, regs64, sizeof(regs64));
	ev->applied[SIGSCOPE_REG_RIP] = 0x401600;
	ev->retval = (int64_t)regs64[SIGSCOPE_REG_RAX];

	ev->match_status = SIGSCOPE_MATCH_MATCHED;
	ev->match_method = SIGSCOPE_MATCH_BY_SP;
	ev->depth = 1;
	ev->delivery.ts_ns = 5000000000;
	memcpy(ev->delivery.regs, regs64, sizeof(regs64));
	ev->delivery.handler = 0x401136;
	ev->delivery.restorer = 0x7f0000001230;
	ev->delivery.sa_flags = 0x14000004; /* SA_SIGINFO|SA_RESTORER|SA_RESTART */
	ev->delivery.blocked = 1ull << (12 - 1);
	ev->delivery.sig = 10;
	ev->delivery.flags = SIGSCOPE_DLV_HANDLER | SIGSCOPE_DLV_EINTR;
	ev->delivery.seq = 3;

	ev->stack_len = 4;
	memcpy(ev->stack, "\xde\xad\xbe\xef", 4);
}

/* An unmatched rt_sigreturn of a 32-bit process, with only the frame read at entry. */
static inline void make_rt_ia32(struct sigscope_sigreturn_event *ev)
{
	uint8_t *sc = ev->frame + RT32_MCONTEXT;
	uint8_t *si = ev->frame + RT32_SIGINFO;

	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = SIGSCOPE_EV_RT_SIGRETURN;
	ev->hdr.size = sizeof(*ev);
	ev->abi = SIGSCOPE_ABI_IA32;
	ev->frame_kind = SIGSCOPE_FRAME_RT_IA32;
	ev->syscall_nr = SIGSCOPE_NR_RT_SIGRETURN_IA32;
	ev->flags = SIGSCOPE_SR_FRAME_OK;
	ev->frame_len = RT32_SIZE;
	fill_ctx(&ev->hdr.ctx, "sig32", 5);
	ev->ustack = 0xffffd000;
	ev->call_site = 0xf7fc1549;

	put32(ev->frame, RT32_SIG, 10);
	put32(si, 0, 10);
	put32(si, 8, 0); /* SI_USER */
	put32(si, SI_UNION32, 99);
	put32(ev->frame, RT32_UC_FLAGS, 0x1);
	put32(ev->frame, RT32_SS_FLAGS, 2);
	put16(sc, SC32_GS, 0x63);
	put16(sc, SC32_DS, 0x2b);
	put16(sc, SC32_ES, 0x2b);
	put32(sc, SC32_EAX, 0xfffffffc);
	put32(sc, SC32_ESP, 0xffffd100);
	put32(sc, SC32_EIP, 0x8049000);
	put32(sc, SC32_EFLAGS, 0x246);
	put16(sc, SC32_CS, 0x23);
	put16(sc, SC32_SS, 0x2b);
	put32(sc, SC32_ESP_AT_SIGNAL, 0xffffd100);
	put32(ev->frame, RT32_SIGMASK + 4, 1u << (34 - 33)); /* SIGRT_2 */
	ev->match_status = SIGSCOPE_MATCH_UNMATCHED;
}

static inline void make_deliver(struct sigscope_signal_deliver_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = SIGSCOPE_EV_SIGNAL_DELIVER;
	ev->hdr.size = sizeof(*ev);
	ev->depth = 1;
	fill_ctx(&ev->hdr.ctx, "sig-test", 8);
	ev->info.signo = 10;
	ev->info.code = -6;
	ev->info.pid = 1234;
	ev->info.uid = 1000;
	ev->info.valid = 1;
	memcpy(ev->dlv.regs, regs64, sizeof(regs64));
	ev->dlv.handler = 0x401136;
	ev->dlv.restorer = 0x7f0000001230;
	ev->dlv.sa_flags = 0x14000004;
	ev->dlv.sa_mask = 1ull << (12 - 1);
	ev->dlv.blocked = (1ull << (2 - 1)) | (1ull << (15 - 1));
	ev->dlv.sig = 10;
	ev->dlv.flags = SIGSCOPE_DLV_HANDLER | SIGSCOPE_DLV_IN_SYSCALL | SIGSCOPE_DLV_RESTARTED |
			SIGSCOPE_DLV_ALTSTACK;
	ev->dlv.seq = 3;
}

static inline void make_generate(struct sigscope_signal_generate_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = SIGSCOPE_EV_SIGNAL_GENERATE;
	ev->hdr.size = sizeof(*ev);
	ev->sig = 10;
	ev->code = -6;
	ev->group = 0;
	ev->result = 0;
	ev->target_pid = 4321;
	ev->target_tid = 4322;
	memcpy(ev->target_comm, "target", 6);
	fill_ctx(&ev->hdr.ctx, "sender", 6);
}

/* What rules.bpf.h's RAISE() does, and the maximum it computes afterwards. */
static inline void raise_finding(struct sigscope_sigreturn_event *ev, unsigned int finding,
				 uint8_t sev)
{
	struct sigscope_verdict *v = &ev->verdict;

	v->findings |= 1u << finding;
	v->severity[finding] = sev;
	if (v->max_severity == SIGSCOPE_SEV_NONE || sev > v->max_severity)
		v->max_severity = sev;
}

/*
 * A matched x86_64 SIGUSR1 sigreturn whose handler moved rip and rsp: the delivery interrupted
 * rip 0x401400 rsp 0x7ffd2f00; the frame holds, and the kernel restored, rip 0x401500 rsp
 * 0x5555a000 and rax 7. The verdict carries the classes the kernel found and no finding yet.
 */
static inline void make_sr(struct sigscope_sigreturn_event *ev)
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

/* The record as the kernel would have seen it to raise finding alone. */
static inline void make_finding(struct sigscope_sigreturn_event *ev, unsigned int finding,
				uint8_t sev)
{
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
}

#endif
