/* Output writers: raw records built in memory, written to a memory stream, parsed back. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "unit.h"
#include "json_big.h"
#include "records.h"
#include "jsonq.h"
#include "decode/frame.h"
#include "output/output.h"
#include "util/text.h"
#include "shared/frame_layout.h"

#define EPOCH_OFF 1764387000000000000LL /* mono_to_epoch_ns of the fake clock */
#define FFFD	  "\xef\xbf\xbd"

/* Runs a writer on one record into a fresh string; *rc gets its return value. */
static char *emit(unit_writer writer, const void *rec, size_t len, int *rc)
{
	const struct output_ctx ctx = {.mono_to_epoch_ns = EPOCH_OFF, .hostname = "testhost"};

	return unit_emit(writer, &ctx, rec, len, rc);
}

/* The line must be one line of JSON: a single trailing newline, no raw control bytes. */
static json_t *parse_line(const char *line)
{
	size_t n = strlen(line);

	if (n == 0 || line[n - 1] != '\n')
		return NULL;
	for (size_t i = 0; i + 1 < n; i++)
		if ((unsigned char)line[i] < 0x20)
			return NULL;
	return unit_json_loads(line, JSON_REJECT_DUPLICATES, NULL);
}

static json_t *emit_json(const void *rec, size_t len)
{
	int rc = -1;
	char *line = emit(output_json_event, rec, len, &rc);
	json_t *j = rc == 0 && line ? parse_line(line) : NULL;

	free(line);
	return j;
}

static const char *sval(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* An unsigned 64-bit member (registers, addresses: JSON numbers up to UINT64_MAX). */
static uint64_t uval(const json_t *obj, const char *key)
{
	return unit_u64(json_object_get(obj, key));
}

static json_int_t ival(const json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

TEST(json_rt64_context_keys)
{
	struct sigscope_sigreturn_event ev;
	char buf[1024];
	json_t *j;

	make_rt64(&ev);
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK_STR(
	    keys(j, buf, sizeof(buf)),
	    "timestamp,threadStartTime,processorId,processId,threadId,parentProcessId,"
	    "hostProcessId,hostThreadId,hostParentProcessId,userId,mountNamespace,pidNamespace,"
	    "processName,executable,hostName,cgroupId,containerId,contextFlags,eventId,"
	    "eventName,argsNum,returnValue,syscall,stackAddresses,args");
	CHECK(ival(j, "timestamp") == EPOCH_OFF + 5000123456LL);
	CHECK(ival(j, "threadStartTime") == EPOCH_OFF + 1000);
	CHECK(ival(j, "processorId") == 3);
	CHECK(ival(j, "processId") == 21 && ival(j, "threadId") == 22);
	CHECK(ival(j, "hostProcessId") == 4321 && ival(j, "hostThreadId") == 4322);
	CHECK(ival(j, "hostParentProcessId") == 1 && ival(j, "userId") == 1000);
	CHECK(ival(j, "mountNamespace") == 4026531841LL);
	CHECK_STR(sval(j, "processName"), "sig-test");
	CHECK_STR(sval(json_object_get(j, "executable"), "path"), "");
	CHECK_STR(sval(j, "hostName"), "testhost");
	CHECK(ival(j, "cgroupId") == 4242);
	CHECK_STR(sval(j, "containerId"), "");
	CHECK(json_is_false(json_object_get(json_object_get(j, "contextFlags"), "isCompat")));
	CHECK(
	    json_is_false(json_object_get(json_object_get(j, "contextFlags"), "containerStarted")));
	CHECK_STR(sval(j, "eventId"), "15");
	CHECK_STR(sval(j, "eventName"), "rt_sigreturn");
	CHECK_STR(sval(j, "syscall"), "rt_sigreturn");
	CHECK(ival(j, "returnValue") == -4);
	CHECK(json_array_size(json_object_get(j, "stackAddresses")) == 0);
	CHECK((size_t)ival(j, "argsNum") == json_array_size(json_object_get(j, "args")));
	json_decref(j);
}

TEST(json_rt64_args)
{
	struct sigscope_sigreturn_event ev;
	char buf[1024];
	json_t *j, *mc, *si, *st, *a;

	make_rt64(&ev);
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK_STR(names(json_object_get(j, "args"), buf, sizeof(buf)),
		  "ustack,abi,call_site,frame_read,authority,uc_flags,uc_link,uc_stack,uc_mcontext,"
		  "uc_sigmask,siginfo,restored,mismatch,pairing,stack_bytes,verdict");
	a = json_array_get(json_object_get(j, "args"), 0);
	CHECK_STR(sval(a, "type"), "void*");
	/* Tracee's encodings: pointers and unsigned longs as JSON numbers, string lists typed
	 * []string. */
	CHECK(json_is_integer(arg(j, "ustack")) && json_is_integer(arg(j, "uc_flags")));
	CHECK_STR(sval(json_array_get(json_object_get(j, "args"), 5), "type"), "uint64");
	CHECK_STR(sval(json_array_get(json_object_get(j, "args"), 9), "type"), "[]string");
	CHECK(unit_u64(arg(j, "ustack")) == 0x7ffd1000ull);
	CHECK_STR(json_string_value(arg(j, "abi")), "x86_64");
	CHECK(unit_u64(arg(j, "call_site")) == 0x7f0000001234ull);
	CHECK_STR(json_string_value(arg(j, "frame_read")), "ok");
	CHECK_STR(json_string_value(arg(j, "authority")), "restored");
	CHECK(unit_u64(arg(j, "uc_flags")) == 0x7ull);
	CHECK(unit_u64(arg(j, "uc_link")) == 0x0ull);
	st = arg(j, "uc_stack");
	CHECK_STR(keys(st, buf, sizeof(buf)), "ss_sp,ss_flags,ss_size");
	CHECK_STR(sval(st, "ss_flags"), "SS_DISABLE");
	CHECK(json_is_integer(json_object_get(st, "ss_size")));

	mc = arg(j, "uc_mcontext");
	CHECK_STR(keys(mc, buf, sizeof(buf)),
		  "r8,r9,r10,r11,r12,r13,r14,r15,rdi,rsi,rbp,rbx,rdx,rax,rcx,rsp,rip,eflags,cs,gs,"
		  "fs,ss,err,trapno,oldmask,cr2,fpstate");
	CHECK(uval(mc, "rip") == 0x401500ull);
	CHECK(uval(mc, "rsp") == 0x7ffd2f00ull);
	CHECK(uval(mc, "rax") == 0xfffffffffffffffcull);
	CHECK(uval(mc, "cs") == 0x33ull);
	CHECK(uval(mc, "ss") == 0x2bull);
	CHECK(uval(mc, "gs") == 0x0ull);
	CHECK(uval(mc, "fpstate") == 0x7ffd1200ull);
	CHECK_STR(names(arg(j, "uc_sigmask"), buf, sizeof(buf)), "SIGUSR2");

	si = arg(j, "siginfo");
	CHECK_STR(keys(si, buf, sizeof(buf)), "si_signo,si_errno,si_code,si_pid,si_uid");
	CHECK_STR(sval(si, "si_signo"), "SIGUSR1");
	CHECK_STR(sval(si, "si_code"), "SI_TKILL");
	CHECK(ival(si, "si_pid") == 1234 && ival(si, "si_uid") == 1000);

	CHECK_STR(keys(arg(j, "restored"), buf, sizeof(buf)),
		  "r8,r9,r10,r11,r12,r13,r14,r15,rdi,rsi,rbp,rbx,rdx,rax,rcx,rsp,rip,eflags,cs,ss");
	CHECK(uval(arg(j, "restored"), "rip") == 0x401600ull);
	CHECK_STR(names(arg(j, "mismatch"), buf, sizeof(buf)), "rip");
	/* Tracee's []byte: base64 of de ad be ef. */
	CHECK_STR(json_string_value(arg(j, "stack_bytes")), "3q2+7w==");
	json_decref(j);
}

TEST(json_rt64_pairing)
{
	struct sigscope_sigreturn_event ev;
	char buf[512];
	json_t *j, *p;

	make_rt64(&ev);
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	p = arg(j, "pairing");
	CHECK_STR(keys(p, buf, sizeof(buf)), "status,method,signal,deliverySeq,deliveryTimestamp,"
					     "handler,restorer,depth,abandoned,changed");
	CHECK_STR(sval(p, "status"), "matched");
	CHECK_STR(sval(p, "method"), "sp");
	CHECK_STR(sval(p, "signal"), "SIGUSR1");
	CHECK(ival(p, "deliverySeq") == 3);
	CHECK(ival(p, "deliveryTimestamp") == EPOCH_OFF + 5000000000LL);
	CHECK(uval(p, "handler") == 0x401136ull);
	CHECK(uval(p, "restorer") == 0x7f0000001230ull);
	CHECK(ival(p, "depth") == 1 && ival(p, "abandoned") == 0);
	CHECK_STR(names(json_object_get(p, "changed"), buf, sizeof(buf)), "rip");
	json_decref(j);

	/* Without the exit hook the frame is what will be restored: its rip 0x401500 counts, its
	 * IF bit does not (restore_sigcontext() keeps the live one). */
	ev.flags &= ~(SIGSCOPE_SR_APPLIED | SIGSCOPE_SR_MISMATCH);
	put64(ev.frame + RT64_MCONTEXT, SC64_RBX, 0x99);
	put64(ev.frame + RT64_MCONTEXT, SC64_EFLAGS, 0x046);
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK_STR(json_string_value(arg(j, "authority")), "frame");
	CHECK(!arg(j, "restored"));
	CHECK(json_array_size(arg(j, "mismatch")) == 0);
	CHECK(ival(j, "returnValue") == 0);
	CHECK_STR(names(json_object_get(arg(j, "pairing"), "changed"), buf, sizeof(buf)),
		  "rbx,rip");
	json_decref(j);
}

TEST(json_rt64_siginfo_rule)
{
	struct sigscope_sigreturn_event ev;
	json_t *j, *p;
	char buf[256];

	/* Matched without SA_SIGINFO: the siginfo area holds nothing meaningful. */
	make_rt64(&ev);
	ev.delivery.sa_flags = 0x14000000;
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK(!arg(j, "siginfo"));
	json_decref(j);

	/* Unmatched: shown when si_signo is a signal, and no matched-only pairing keys. */
	make_rt64(&ev);
	ev.match_status = SIGSCOPE_MATCH_THREAD_PREDATES;
	ev.match_method = SIGSCOPE_MATCH_BY_NONE;
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK(arg(j, "siginfo"));
	p = arg(j, "pairing");
	CHECK_STR(keys(p, buf, sizeof(buf)), "status,method,depth,abandoned");
	CHECK_STR(sval(p, "status"), "thread_predates_tracer");
	CHECK_STR(sval(p, "method"), "none");
	json_decref(j);

	make_rt64(&ev);
	ev.match_status = SIGSCOPE_MATCH_UNMATCHED;
	put32(ev.frame + RT64_SIGINFO, 0, 65);
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK(!arg(j, "siginfo"));
	json_decref(j);
}

TEST(json_rt64_frame_fault)
{
	struct sigscope_sigreturn_event ev;
	char buf[512];
	json_t *j;

	make_rt64(&ev);
	ev.flags = 0;
	ev.frame_err = -14;
	ev.match_status = SIGSCOPE_MATCH_UNMATCHED;
	ev.stack_len = 64;
	ev.stack_err = -14;
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK_STR(names(json_object_get(j, "args"), buf, sizeof(buf)),
		  "ustack,abi,call_site,frame_read,authority,mismatch,pairing,stack_bytes,verdict");
	CHECK_STR(json_string_value(arg(j, "frame_read")), "fault");
	CHECK_STR(json_string_value(arg(j, "authority")), "none");
	CHECK_STR(json_string_value(arg(j, "stack_bytes")), "");
	CHECK(ival(j, "argsNum") == 9);
	json_decref(j);

	/* No --stack-bytes: no stack_bytes arg at all. */
	ev.stack_len = 0;
	ev.stack_err = 0;
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK(!arg(j, "stack_bytes"));
	json_decref(j);
}

TEST(json_rt_ia32)
{
	struct sigscope_sigreturn_event ev;
	char buf[1024];
	json_t *j, *mc;

	make_rt_ia32(&ev);
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK(json_is_true(json_object_get(json_object_get(j, "contextFlags"), "isCompat")));
	CHECK_STR(sval(j, "syscall"), "rt_sigreturn");
	CHECK_STR(names(json_object_get(j, "args"), buf, sizeof(buf)),
		  "ustack,abi,call_site,frame_read,authority,uc_flags,uc_link,uc_stack,uc_mcontext,"
		  "uc_sigmask,siginfo,mismatch,pairing,verdict");
	CHECK_STR(json_string_value(arg(j, "abi")), "ia32");
	CHECK_STR(json_string_value(arg(j, "authority")), "frame");
	mc = arg(j, "uc_mcontext");
	CHECK_STR(keys(mc, buf, sizeof(buf)),
		  "gs,fs,es,ds,edi,esi,ebp,esp,ebx,edx,ecx,eax,trapno,err,eip,cs,eflags,"
		  "esp_at_signal,ss,fpstate,oldmask,cr2");
	CHECK(uval(mc, "eip") == 0x8049000ull);
	CHECK(uval(mc, "eax") == 0xfffffffcull);
	CHECK(uval(mc, "gs") == 0x63ull);
	CHECK(uval(mc, "esp_at_signal") == 0xffffd100ull);
	CHECK_STR(names(arg(j, "uc_sigmask"), buf, sizeof(buf)), "SIGRT_2");
	CHECK_STR(sval(arg(j, "siginfo"), "si_signo"), "SIGUSR1");
	CHECK_STR(sval(arg(j, "siginfo"), "si_code"), "SI_USER");
	CHECK_STR(sval(arg(j, "pairing"), "status"), "unmatched");
	json_decref(j);
}

TEST(json_sig_ia32_legacy)
{
	struct sigscope_sigreturn_event ev;
	char buf[1024];
	json_t *j;

	memset(&ev, 0, sizeof(ev));
	ev.hdr.type = SIGSCOPE_EV_RT_SIGRETURN;
	ev.hdr.size = sizeof(ev);
	ev.abi = SIGSCOPE_ABI_IA32_FROM_64;
	ev.frame_kind = SIGSCOPE_FRAME_SIG_IA32;
	ev.syscall_nr = SIGSCOPE_NR_SIGRETURN_IA32;
	ev.flags = SIGSCOPE_SR_FRAME_OK | SIGSCOPE_SR_APPLIED;
	ev.frame_len = SIG32_SIZE;
	fill_ctx(&ev.hdr.ctx, "legacy", 6);
	put32(ev.frame, SIG32_MCONTEXT + SC32_EIP, 0x401000);
	put32(ev.frame, SIG32_MCONTEXT + SC32_OLDMASK, 1u << (10 - 1));
	put32(ev.frame, SIG32_EXTRAMASK, 1u << (33 - 33));
	ev.applied[SIGSCOPE_REG_RIP] = 0x401000;
	ev.applied[SIGSCOPE_REG_RAX] = 5;
	ev.retval = 5;
	ev.match_status = SIGSCOPE_MATCH_MATCHED;
	ev.match_method = SIGSCOPE_MATCH_BY_CONTEXT;
	ev.delivery.sa_flags = 0x4; /* SA_SIGINFO, but the legacy frame carries none */
	ev.delivery.regs[SIGSCOPE_REG_RIP] = 0x401000;
	/* User segments as the kernel saves and restores them (RPL 3). */
	ev.applied[SIGSCOPE_REG_CS] = ev.delivery.regs[SIGSCOPE_REG_CS] = 0x23;
	ev.applied[SIGSCOPE_REG_SS] = ev.delivery.regs[SIGSCOPE_REG_SS] = 0x2b;
	ev.delivery.sig = 10;
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK_STR(sval(j, "syscall"), "sigreturn");
	CHECK(ival(j, "returnValue") == 5);
	CHECK_STR(names(json_object_get(j, "args"), buf, sizeof(buf)),
		  "ustack,abi,call_site,frame_read,authority,uc_mcontext,uc_sigmask,restored,"
		  "mismatch,pairing,verdict");
	CHECK_STR(json_string_value(arg(j, "abi")), "ia32_from_64");
	CHECK_STR(names(arg(j, "uc_sigmask"), buf, sizeof(buf)), "SIGUSR1,SIGRT_1");
	CHECK_STR(keys(arg(j, "restored"), buf, sizeof(buf)),
		  "edi,esi,ebp,ebx,edx,eax,ecx,esp,eip,eflags,cs,ss");
	CHECK_STR(names(json_object_get(arg(j, "pairing"), "changed"), buf, sizeof(buf)), "eax");
	json_decref(j);
}

TEST(json_deliver)
{
	struct sigscope_signal_deliver_event ev;
	char buf[1024];
	json_t *j;

	make_deliver(&ev);
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK_STR(sval(j, "eventId"), "30001");
	CHECK_STR(sval(j, "eventName"), "signal_deliver");
	CHECK_STR(sval(j, "syscall"), "");
	CHECK(ival(j, "returnValue") == 0);
	CHECK(json_is_false(json_object_get(json_object_get(j, "contextFlags"), "isCompat")));
	CHECK_STR(names(json_object_get(j, "args"), buf, sizeof(buf)),
		  "sig,signal,siginfo,handler,sa_flags,sa_restorer,sa_mask,blocked,regs,restart,"
		  "altstack,handled,frame,deliverySeq,depth");
	CHECK(json_integer_value(arg(j, "sig")) == 10);
	CHECK_STR(json_string_value(arg(j, "signal")), "SIGUSR1");
	CHECK_STR(sval(arg(j, "siginfo"), "si_code"), "SI_TKILL");
	CHECK(unit_u64(arg(j, "handler")) == 0x401136ull);
	CHECK_STR(json_string_value(arg(j, "sa_flags")), "SA_SIGINFO|SA_RESTORER|SA_RESTART");
	CHECK(unit_u64(arg(j, "sa_restorer")) == 0x7f0000001230ull);
	CHECK_STR(names(arg(j, "sa_mask"), buf, sizeof(buf)), "SIGUSR2");
	CHECK_STR(names(arg(j, "blocked"), buf, sizeof(buf)), "SIGINT,SIGTERM");
	CHECK(uval(arg(j, "regs"), "rip") == 0x401400ull);
	CHECK(uval(arg(j, "regs"), "r8") == 0x8ull);
	CHECK_STR(json_string_value(arg(j, "restart")), "restarted");
	CHECK(json_is_true(arg(j, "altstack")) && json_is_true(arg(j, "handled")));
	CHECK(json_integer_value(arg(j, "deliverySeq")) == 3);
	CHECK(json_integer_value(arg(j, "depth")) == 1);
	json_decref(j);

	/* Compat task, no siginfo, default action, -EINTR. */
	ev.info.valid = 0;
	ev.dlv.handler = 0;
	ev.dlv.flags = SIGSCOPE_DLV_COMPAT | SIGSCOPE_DLV_EINTR;
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK(json_is_true(json_object_get(json_object_get(j, "contextFlags"), "isCompat")));
	CHECK(!arg(j, "siginfo"));
	CHECK(unit_u64(arg(j, "handler")) == 0x0ull);
	CHECK_STR(keys(arg(j, "regs"), buf, sizeof(buf)),
		  "edi,esi,ebp,ebx,edx,eax,ecx,esp,eip,eflags,cs,ss");
	CHECK_STR(json_string_value(arg(j, "restart")), "eintr");
	CHECK(json_is_false(arg(j, "altstack")) && json_is_false(arg(j, "handled")));
	json_decref(j);
}

TEST(json_generate)
{
	struct sigscope_signal_generate_event ev;
	char buf[512];
	json_t *j;

	make_generate(&ev);
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK_STR(sval(j, "eventId"), "30002");
	CHECK_STR(sval(j, "eventName"), "signal_generate");
	CHECK_STR(sval(j, "processName"), "sender");
	CHECK_STR(names(json_object_get(j, "args"), buf, sizeof(buf)),
		  "sig,signal,si_code,target_pid,target_tid,target_comm,group,result");
	CHECK_STR(json_string_value(arg(j, "si_code")), "SI_TKILL");
	CHECK(json_integer_value(arg(j, "target_pid")) == 4321);
	CHECK(json_integer_value(arg(j, "target_tid")) == 4322);
	CHECK_STR(json_string_value(arg(j, "target_comm")), "target");
	CHECK(json_is_false(arg(j, "group")));
	CHECK_STR(json_string_value(arg(j, "result")), "delivered");
	json_decref(j);

	ev.code = 12345;
	ev.group = 1;
	ev.result = 2;
	memcpy(ev.target_comm, "t\"\x01\xff\x80", 6);
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	CHECK(json_integer_value(arg(j, "si_code")) == 12345);
	CHECK(json_is_true(arg(j, "group")));
	CHECK_STR(json_string_value(arg(j, "result")), "already_pending");
	CHECK_STR(json_string_value(arg(j, "target_comm")), "t\"\x01" FFFD FFFD);
	json_decref(j);
}

/* Each hostile comm (up to 16 bytes, maybe unterminated) and what processName must decode to. */
static const struct {
	const char *raw;
	size_t len;
	const char *want;
} hostile[] = {
    {"q\"b\\s/", 6, "q\"b\\s/"},
    {"\x01\x02\x1b[2J\x1f\x7f", 8, "\x01\x02\x1b[2J\x1f\x7f"},
    {"\t\n\r\b\f", 5, "\t\n\r\b\f"},
    {"\xff"
     "a",
     2, FFFD "a"},
    {"\x80x", 2, FFFD "x"},
    {"\xe2\x82z", 3, FFFD FFFD "z"},
    {"\xc0\xaf", 2, FFFD FFFD},
    {"\xed\xa0\x80", 3, FFFD FFFD FFFD},
    {"\xf4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD},
    {"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"},
    {"0123456789abcdef", 16, "0123456789abcdef"},
    {"0123456789abcde\xe2", 16, "0123456789abcde" FFFD},
    {"ab\0cd", 5, "ab"},
};

TEST(json_hostile_comm)
{
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct sigscope_signal_deliver_event ev;
		json_t *j;

		make_deliver(&ev);
		memset(ev.hdr.ctx.comm, 0, sizeof(ev.hdr.ctx.comm));
		memcpy(ev.hdr.ctx.comm, hostile[i].raw, hostile[i].len);
		j = emit_json(&ev, sizeof(ev));
		if (!j)
			fprintf(stderr, "  hostile comm %zu\n", i);
		CHECK(j);
		CHECK_STR(sval(j, "processName"), hostile[i].want);
		json_decref(j);
	}
}

TEST(json_malformed)
{
	struct sigscope_sigreturn_event ev;
	static const uint32_t types[] = {SIGSCOPE_EV_RT_SIGRETURN, SIGSCOPE_EV_SIGNAL_DELIVER,
					 SIGSCOPE_EV_SIGNAL_GENERATE};
	/* An rt_sigreturn record ends after the stack bytes it carries (the kernel sends no more).
	 */
	size_t sizes[] = {offsetof(struct sigscope_sigreturn_event, stack),
			  sizeof(struct sigscope_signal_deliver_event),
			  sizeof(struct sigscope_signal_generate_event)};
	static const uint32_t bad_types[] = {0, SIGSCOPE_EV_TYPE_MAX, 99, 0xffffffff};
	char *out;
	int rc;

	make_rt64(&ev);
	sizes[0] += ev.stack_len;
	ev.hdr.size = sizes[0]; /* as the kernel sets it */
	out = emit(output_json_event, &ev, sizes[0], &rc);
	CHECK(out && rc == 0 && out[0] == '{'); /* exactly what the kernel sends is enough */
	free(out);
	for (size_t len = 0; len < 4; len++) {
		out = emit(output_json_event, &ev, len, &rc);
		CHECK(out && rc == -1 && out[0] == '\0');
		free(out);
	}
	for (size_t i = 0; i < 3; i++) {
		ev.hdr.type = types[i];
		out = emit(output_json_event, &ev, sizes[i] - 1, &rc);
		CHECK(out && rc == -1 && out[0] == '\0');
		free(out);
		out = emit(output_table_event, &ev, sizes[i] - 1, &rc);
		CHECK(out && rc == -1 && out[0] == '\0');
		free(out);
	}
	for (size_t i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
		ev.hdr.type = bad_types[i];
		out = emit(output_json_event, &ev, sizeof(ev), &rc);
		CHECK(out && rc == -1 && out[0] == '\0');
		free(out);
		out = emit(output_table_event, &ev, sizeof(ev), &rc);
		CHECK(out && rc == -1 && out[0] == '\0');
		free(out);
	}
}

/* Sanitizes s (n bytes) and compares with want. */
static int sanitized_is(const char *s, size_t n, const char *want)
{
	char *got = utf8_sanitize(s, n);
	int ok = got && strcmp(got, want) == 0;

	if (!ok)
		fprintf(stderr, "  sanitize: got \"%s\", want \"%s\"\n", got ? got : "(null)",
			want);
	free(got);
	return ok;
}

TEST(sanitize_utf8)
{
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		CHECK(sanitized_is(hostile[i].raw, hostile[i].len, hostile[i].want));
	CHECK(sanitized_is("", 0, ""));
	CHECK(sanitized_is("abcdef", 3, "abc"));
	/* Limits of each range: valid at the edges, rejected just beyond. */
	CHECK(sanitized_is("\x7f\xc2\x80\xdf\xbf", 5, "\x7f\xc2\x80\xdf\xbf"));
	CHECK(sanitized_is("\xc1\xbf", 2, FFFD FFFD));
	CHECK(sanitized_is("\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80", 9,
			   "\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80"));
	CHECK(sanitized_is("\xe0\x9f\xbf", 3, FFFD FFFD FFFD));
	CHECK(sanitized_is("\xed\xbf\xbf", 3, FFFD FFFD FFFD));
	CHECK(sanitized_is("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", 8,
			   "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf"));
	CHECK(sanitized_is("\xf0\x8f\xbf\xbf", 4, FFFD FFFD FFFD FFFD));
	CHECK(sanitized_is("\xf5\x80\x80\x80", 4, FFFD FFFD FFFD FFFD));
	CHECK(sanitized_is("\xfe\xff", 2, FFFD FFFD));
	/* A truncated sequence at the end of the buffer, and one cut by NUL. */
	CHECK(sanitized_is("a\xf0\x9f\x98", 4, "a" FFFD FFFD FFFD));
	CHECK(sanitized_is("\xe2\x82\0\xac", 4, FFFD FFFD));
	CHECK(sanitized_is("\xc3\xa9", 1, FFFD));
}

/* Content of the DETAILS column onwards; all columns before it are fixed width. */
static char *table_line(const void *rec, size_t len)
{
	int rc = -1;
	char *line = emit(output_table_event, rec, len, &rc);

	if (rc != 0 || !line) {
		free(line);
		return NULL;
	}
	return line;
}

static int has(const char *line, const char *s)
{
	if (strstr(line, s))
		return 1;
	fprintf(stderr, "  \"%s\" not in: %s", s, line);
	return 0;
}

TEST(table_header_and_columns)
{
	struct sigscope_signal_deliver_event ev;
	struct output_ctx ctx = {.mono_to_epoch_ns = EPOCH_OFF};
	char *hdr = NULL, *line, want[64], hms[16];
	size_t size = 0;
	time_t sec = (time_t)((EPOCH_OFF + 5000123456LL) / 1000000000);
	struct tm tm;

	ctx.out = open_memstream(&hdr, &size);
	CHECK(ctx.out);
	output_table_header(&ctx);
	fclose(ctx.out);
	CHECK(strncmp(hdr, "TIME", 4) == 0);
	CHECK(has(hdr, "EVENT") && has(hdr, "PID") && has(hdr, "TID") && has(hdr, "COMM"));

	make_deliver(&ev);
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(localtime_r(&sec, &tm));
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	snprintf(want, sizeof(want), "%s.000123 deliver", hms);
	CHECK(strncmp(line, want, strlen(want)) == 0);
	CHECK(has(line, " 4321    4322 sig-test "));
	/* The details start in the same column as the header's DETAILS. */
	CHECK(strstr(line, "SIGUSR1") - line == strstr(hdr, "DETAILS") - hdr);
	free(line);
	free(hdr);
}

TEST(table_rt_sigreturn)
{
	struct sigscope_sigreturn_event ev;
	char *line;

	make_rt64(&ev);
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, "rt_sigreturn"));
	CHECK(has(line, "ustack=0x7ffd1000 rip=0x401600 rsp=0x7ffd2f00 mask=[SIGUSR2] "
			"matched SIGUSR1 (sp) mismatch=[rip]\n"));
	free(line);

	/* Entry only: rip from the frame; predates the tracer. */
	ev.flags = SIGSCOPE_SR_FRAME_OK;
	ev.match_status = SIGSCOPE_MATCH_THREAD_PREDATES;
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, "rip=0x401500 rsp=0x7ffd2f00 mask=[SIGUSR2] predates-tracer\n"));
	free(line);

	ev.flags = 0;
	ev.match_status = SIGSCOPE_MATCH_UNMATCHED;
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, "ustack=0x7ffd1000 UNMATCHED frame=FAULT\n"));
	free(line);

	make_rt_ia32(&ev);
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, "eip=0x8049000 esp=0xffffd100 mask=[SIGRT_2] ia32 UNMATCHED\n"));
	free(line);

	ev.syscall_nr = SIGSCOPE_NR_SIGRETURN_IA32;
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, " sigreturn "));
	free(line);
}

TEST(table_deliver)
{
	struct sigscope_signal_deliver_event ev;
	char *line;

	make_deliver(&ev);
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, "SIGUSR1 handler=0x401136 rip=0x401400 rsp=0x7ffd2f00 restarted altstack "
			"depth=1\n"));
	free(line);

	ev.dlv.handler = 0;
	ev.dlv.flags = SIGSCOPE_DLV_EINTR | SIGSCOPE_DLV_COMPAT;
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, "SIGUSR1 default eip=0x401400 esp=0x7ffd2f00 eintr depth=1\n"));
	free(line);

	ev.dlv.handler = 1;
	ev.dlv.flags = 0;
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, "SIGUSR1 ignored rip=0x401400 rsp=0x7ffd2f00 depth=1\n"));
	free(line);
}

TEST(table_generate)
{
	struct sigscope_signal_generate_event ev;
	char *line;

	make_generate(&ev);
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, " generate "));
	CHECK(has(line, " sender "));
	CHECK(has(line, "SIGUSR1 -> 4321/4322 (target) delivered\n"));
	free(line);

	ev.result = 42;
	memcpy(ev.target_comm, "a\x1b[31m\xff", 7);
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(has(line, "SIGUSR1 -> 4321/4322 (a?[31m?) result=42\n"));
	free(line);
}

TEST(table_hostile_comm)
{
	struct sigscope_signal_deliver_event ev;
	char *line;

	make_deliver(&ev);
	memcpy(ev.hdr.ctx.comm, "\x1b]0;x\x07\xc2\x9b\xff\xc3\xa9\x7f", 12);
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	for (const char *p = line; p[1]; p++)
		CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
	/* 10 code points, padded to 16 columns: the details column stays put. */
	CHECK(has(line, " ?]0;x???\xc3\xa9?       SIGUSR1"));
	free(line);
}

/* A right-to-left override in a comm would display the rest of the row reversed. */
TEST(table_bidi_controls_neutralised)
{
	struct sigscope_signal_deliver_event ev;
	char *line;

	make_deliver(&ev);
	memcpy(ev.hdr.ctx.comm,
	       "a\xe2\x80\xae"
	       "b\xe2\x81\xa6\xd8\x9c\xe2\x80\x8f",
	       13);
	line = table_line(&ev, sizeof(ev));
	CHECK(line);
	CHECK(!strstr(line, "\xe2\x80\xae") && !strstr(line, "\xd8\x9c"));
	CHECK(has(line, " a?b???           SIGUSR1"));
	free(line);
}

TEST(json_siginfo_fault_has_address_not_sender)
{
	struct sigscope_signal_deliver_event ev;
	char buf[256];
	json_t *j, *si;

	make_deliver(&ev);
	ev.dlv.sig = ev.info.signo = 11;
	ev.info.code = 1; /* SEGV_MAPERR */
	ev.info.addr = 0xdead000;
	j = emit_json(&ev, sizeof(ev));
	CHECK(j);
	si = arg(j, "siginfo");
	CHECK_STR(keys(si, buf, sizeof(buf)), "si_signo,si_errno,si_code,si_addr");
	CHECK_STR(sval(si, "si_code"), "SEGV_MAPERR");
	CHECK(uval(si, "si_addr") == 0xdead000ull);
	json_decref(j);
}
