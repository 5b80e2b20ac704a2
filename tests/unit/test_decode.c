/*
 * Frame decoder tests. The expected layouts come from glibc (x86_64) and from local mirrors of the
 * kernel's ia32 structs, never from frame_layout.h, so a wrong offset there fails here.
 */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ucontext.h>

#include "decode/frame.h"
#include "unit.h"

/*
 * struct rt_sigframe: pretcode, the kernel's struct ucontext (glibc's ucontext_t up to uc_sigmask,
 * then an 8-byte sigset_t instead of glibc's 128-byte one), then siginfo.
 */
#define UC64_KERNEL_BYTES (offsetof(ucontext_t, uc_sigmask) + 8)
#define RT64_BYTES	  (8 + UC64_KERNEL_BYTES + sizeof(siginfo_t))
_Static_assert(RT64_BYTES == 440, "struct rt_sigframe is 440 bytes");

/* glibc gregs index for each enum sigscope_reg up to eflags (cs and ss share REG_CSGSFS). */
static const int greg_of[SIGSCOPE_REG_EFLAGS + 1] = {
    [SIGSCOPE_REG_R8] = REG_R8,	  [SIGSCOPE_REG_R9] = REG_R9,	[SIGSCOPE_REG_R10] = REG_R10,
    [SIGSCOPE_REG_R11] = REG_R11, [SIGSCOPE_REG_R12] = REG_R12, [SIGSCOPE_REG_R13] = REG_R13,
    [SIGSCOPE_REG_R14] = REG_R14, [SIGSCOPE_REG_R15] = REG_R15, [SIGSCOPE_REG_RDI] = REG_RDI,
    [SIGSCOPE_REG_RSI] = REG_RSI, [SIGSCOPE_REG_RBP] = REG_RBP, [SIGSCOPE_REG_RBX] = REG_RBX,
    [SIGSCOPE_REG_RDX] = REG_RDX, [SIGSCOPE_REG_RAX] = REG_RAX, [SIGSCOPE_REG_RCX] = REG_RCX,
    [SIGSCOPE_REG_RSP] = REG_RSP, [SIGSCOPE_REG_RIP] = REG_RIP, [SIGSCOPE_REG_EFLAGS] = REG_EFL,
};

/* Lays the frame out as x64_setup_rt_frame() writes it. */
static void build_rt64(uint8_t *buf, uint64_t pretcode, const ucontext_t *uc, const siginfo_t *si)
{
	memset(buf, 0, RT64_BYTES);
	memcpy(buf, &pretcode, 8);
	memcpy(buf + 8, uc, UC64_KERNEL_BYTES);
	memcpy(buf + 8 + UC64_KERNEL_BYTES, si, sizeof(*si));
}

/* A ucontext with a distinct value in every slot; cs/gs/fs/ss = 0x33/0x1a2b/0x3c4d/0x2b. */
static void fill_uc64(ucontext_t *uc)
{
	memset(uc, 0, sizeof(*uc));
	uc->uc_flags = 0x7;
	uc->uc_link = (ucontext_t *)(uintptr_t)0x7ffe00001000ULL;
	uc->uc_stack.ss_sp = (void *)(uintptr_t)0x7f0000200000ULL;
	uc->uc_stack.ss_flags = SS_ONSTACK;
	uc->uc_stack.ss_size = 0x12345;
	for (int i = 0; i < NGREG; i++)
		uc->uc_mcontext.gregs[i] =
		    (greg_t)(0xa1b2000000000000ULL | (uint64_t)(i + 1) << 32 |
			     (uint64_t)(0x100 + i));
	uc->uc_mcontext.gregs[REG_CSGSFS] =
	    (greg_t)(0x33ULL | 0x1a2bULL << 16 | 0x3c4dULL << 32 | 0x2bULL << 48);
	uc->uc_mcontext.fpregs = (fpregset_t)(uintptr_t)0x7ffe00002040ULL;
	sigemptyset(&uc->uc_sigmask);
	sigaddset(&uc->uc_sigmask, SIGINT);
	sigaddset(&uc->uc_sigmask, SIGUSR2);
	sigaddset(&uc->uc_sigmask, 40);
	sigaddset(&uc->uc_sigmask, 64);
}

TEST(decode_rt64_all_fields)
{
	uint8_t buf[RT64_BYTES];
	ucontext_t uc;
	siginfo_t si;
	struct sigscope_frame f;
	const greg_t *g = uc.uc_mcontext.gregs;

	fill_uc64(&uc);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_errno = 7;
	si.si_code = SI_TKILL;
	si.si_pid = 4242;
	si.si_uid = 1000;
	build_rt64(buf, 0x401000, &uc, &si);

	CHECK(sigscope_decode_frame(SIGSCOPE_FRAME_RT64, buf, sizeof(buf), &f) == 0);
	CHECK(f.kind == SIGSCOPE_FRAME_RT64);
	CHECK(f.has_ucontext == 1);
	CHECK(f.pretcode == 0x401000);
	CHECK(f.uc_flags == 0x7);
	CHECK(f.uc_link == 0x7ffe00001000ULL);
	CHECK(f.ss_sp == 0x7f0000200000ULL);
	CHECK(f.ss_flags == SS_ONSTACK);
	CHECK(f.ss_size == 0x12345);
	for (int r = SIGSCOPE_REG_R8; r <= SIGSCOPE_REG_EFLAGS; r++)
		CHECK(f.regs[r] == (uint64_t)g[greg_of[r]]);
	CHECK(f.regs[SIGSCOPE_REG_CS] == 0x33);
	CHECK(f.regs[SIGSCOPE_REG_SS] == 0x2b);
	CHECK(f.gs == 0x1a2b);
	CHECK(f.fs == 0x3c4d);
	CHECK(f.es == 0 && f.ds == 0);
	CHECK(f.err == (uint64_t)g[REG_ERR]);
	CHECK(f.trapno == (uint64_t)g[REG_TRAPNO]);
	CHECK(f.oldmask == (uint64_t)g[REG_OLDMASK]);
	CHECK(f.cr2 == (uint64_t)g[REG_CR2]);
	CHECK(f.fpstate == 0x7ffe00002040ULL);
	CHECK(f.esp_at_signal == 0);
	CHECK(f.sigmask ==
	      (1ULL << (SIGINT - 1) | 1ULL << (SIGUSR2 - 1) | 1ULL << 39 | 1ULL << 63));
	CHECK(f.info.valid == 1);
	CHECK(f.info.signo == SIGUSR1);
	CHECK(f.info.errno_ == 7);
	CHECK(f.info.code == SI_TKILL);
	CHECK(f.info.pid == 4242);
	CHECK(f.info.uid == 1000);
	/* addr overlays pid and uid in the union. */
	CHECK(f.info.addr == (4242ULL | 1000ULL << 32));
}

TEST(decode_rt64_fault_siginfo)
{
	uint8_t buf[RT64_BYTES];
	ucontext_t uc;
	siginfo_t si;
	struct sigscope_frame f;

	fill_uc64(&uc);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSEGV;
	si.si_code = SEGV_ACCERR;
	si.si_addr = (void *)(uintptr_t)0xffffdeadbeef0008ULL;
	build_rt64(buf, 0x401000, &uc, &si);

	CHECK(sigscope_decode_frame(SIGSCOPE_FRAME_RT64, buf, sizeof(buf), &f) == 0);
	CHECK(f.info.signo == SIGSEGV);
	CHECK(f.info.errno_ == 0);
	CHECK(f.info.code == SEGV_ACCERR);
	CHECK(f.info.addr == 0xffffdeadbeef0008ULL);
}

/* Mirrors of the kernel's ia32 structs (arch/x86/include/uapi/asm/sigcontext.h, asm/sigframe.h,
 * asm/ia32.h, compat_siginfo_t), written with fixed-width fields. */
struct t_sigcontext_32 {
	uint16_t gs, gsh, fs, fsh, es, esh, ds, dsh;
	uint32_t di, si, bp, sp, bx, dx, cx, ax;
	uint32_t trapno, err, ip;
	uint16_t cs, csh;
	uint32_t flags, sp_at_signal;
	uint16_t ss, ssh;
	uint32_t fpstate, oldmask, cr2;
};
_Static_assert(sizeof(struct t_sigcontext_32) == 88, "sigcontext_32 size");
_Static_assert(offsetof(struct t_sigcontext_32, di) == 16, "sigcontext_32 di");
_Static_assert(offsetof(struct t_sigcontext_32, ax) == 44, "sigcontext_32 ax");
_Static_assert(offsetof(struct t_sigcontext_32, ip) == 56, "sigcontext_32 ip");
_Static_assert(offsetof(struct t_sigcontext_32, cs) == 60, "sigcontext_32 cs");
_Static_assert(offsetof(struct t_sigcontext_32, ss) == 72, "sigcontext_32 ss");
_Static_assert(offsetof(struct t_sigcontext_32, cr2) == 84, "sigcontext_32 cr2");

struct t_fpstate_32 {
	uint32_t cw, sw, tag, ipoff, cssel, dataoff, datasel;
	uint16_t st[8][5];
	uint16_t status, magic;
	uint32_t fxsr_env[6];
	uint32_t mxcsr, reserved;
	uint32_t fxsr_st[8][4];
	uint32_t xmm[8][4];
	uint32_t padding1[44];
	uint32_t padding2[12];
};
_Static_assert(sizeof(struct t_fpstate_32) == 624, "_fpstate_32 size");

struct t_compat_siginfo {
	int32_t signo, errno_, code;
	union {
		struct {
			uint32_t pid, uid;
		} kill;
		uint32_t addr;
		uint32_t pad[29];
	} u;
};
_Static_assert(sizeof(struct t_compat_siginfo) == 128, "compat_siginfo_t size");
_Static_assert(offsetof(struct t_compat_siginfo, u) == 12, "compat_siginfo_t union");

struct t_ucontext_ia32 {
	uint32_t uc_flags, uc_link;
	struct {
		uint32_t ss_sp;
		int32_t ss_flags;
		uint32_t ss_size;
	} uc_stack;
	struct t_sigcontext_32 uc_mcontext;
	uint32_t uc_sigmask[2];
};
_Static_assert(sizeof(struct t_ucontext_ia32) == 116, "ucontext_ia32 size");

struct t_rt_sigframe_ia32 {
	uint32_t pretcode;
	int32_t sig;
	uint32_t pinfo, puc;
	struct t_compat_siginfo info;
	struct t_ucontext_ia32 uc;
	char retcode[8];
};
_Static_assert(sizeof(struct t_rt_sigframe_ia32) == 268, "rt_sigframe_ia32 size");
_Static_assert(offsetof(struct t_rt_sigframe_ia32, uc) == 144, "rt_sigframe_ia32 uc");
_Static_assert(offsetof(struct t_rt_sigframe_ia32, uc.uc_mcontext) == 164, "uc_mcontext");
_Static_assert(offsetof(struct t_rt_sigframe_ia32, uc.uc_sigmask) == 252, "uc_sigmask");

struct t_sigframe_ia32 {
	uint32_t pretcode;
	int32_t sig;
	struct t_sigcontext_32 sc;
	struct t_fpstate_32 fpstate_unused;
	uint32_t extramask[1];
	char retcode[8];
};
_Static_assert(offsetof(struct t_sigframe_ia32, extramask) == 720, "sigframe_ia32 extramask");
_Static_assert(sizeof(struct t_sigframe_ia32) == 732, "sigframe_ia32 size");

/* Distinct values with bit 31 set, so sign extension would show; pad halves hold garbage. */
static void fill_sc32(struct t_sigcontext_32 *sc)
{
	*sc = (struct t_sigcontext_32){
	    .gs = 0x63,
	    .gsh = 0xdead,
	    .fs = 0x6b,
	    .fsh = 0xdead,
	    .es = 0x2b,
	    .esh = 0xdead,
	    .ds = 0x2c,
	    .dsh = 0xdead,
	    .di = 0x8000d101,
	    .si = 0x8000d102,
	    .bp = 0x8000d103,
	    .sp = 0x8000d104,
	    .bx = 0x8000d105,
	    .dx = 0x8000d106,
	    .cx = 0x8000d107,
	    .ax = 0x8000d108,
	    .trapno = 0x8000d109,
	    .err = 0x8000d10a,
	    .ip = 0x8000d10b,
	    .cs = 0x23,
	    .csh = 0xdead,
	    .flags = 0x80000246,
	    .sp_at_signal = 0x8000d10c,
	    .ss = 0x2d,
	    .ssh = 0xdead,
	    .fpstate = 0x8000d10d,
	    .oldmask = 0x8000d10e,
	    .cr2 = 0x8000d10f,
	};
}

/* Checks the sigcontext_32 part of a decoded frame against fill_sc32(). */
static void check_sc32(int *unit_failed_, const struct sigscope_frame *f)
{
	for (int r = SIGSCOPE_REG_R8; r <= SIGSCOPE_REG_R15; r++)
		CHECK(f->regs[r] == 0);
	CHECK(f->regs[SIGSCOPE_REG_RDI] == 0x8000d101);
	CHECK(f->regs[SIGSCOPE_REG_RSI] == 0x8000d102);
	CHECK(f->regs[SIGSCOPE_REG_RBP] == 0x8000d103);
	CHECK(f->regs[SIGSCOPE_REG_RSP] == 0x8000d104);
	CHECK(f->regs[SIGSCOPE_REG_RBX] == 0x8000d105);
	CHECK(f->regs[SIGSCOPE_REG_RDX] == 0x8000d106);
	CHECK(f->regs[SIGSCOPE_REG_RCX] == 0x8000d107);
	CHECK(f->regs[SIGSCOPE_REG_RAX] == 0x8000d108);
	CHECK(f->trapno == 0x8000d109);
	CHECK(f->err == 0x8000d10a);
	CHECK(f->regs[SIGSCOPE_REG_RIP] == 0x8000d10b);
	CHECK(f->regs[SIGSCOPE_REG_EFLAGS] == 0x80000246);
	CHECK(f->esp_at_signal == 0x8000d10c);
	CHECK(f->fpstate == 0x8000d10d);
	CHECK(f->oldmask == 0x8000d10e);
	CHECK(f->cr2 == 0x8000d10f);
	/* Segment selectors are the low u16: the kernel ignores the pad half on restore. */
	CHECK(f->regs[SIGSCOPE_REG_CS] == 0x23);
	CHECK(f->regs[SIGSCOPE_REG_SS] == 0x2d);
	CHECK(f->gs == 0x63 && f->fs == 0x6b && f->es == 0x2b && f->ds == 0x2c);
}

TEST(decode_rt_ia32_all_fields)
{
	struct t_rt_sigframe_ia32 fr;
	uint8_t buf[sizeof(fr)];
	struct sigscope_frame f;
	int sc_failed = 0;

	memset(&fr, 0, sizeof(fr));
	fr.pretcode = 0x8049000;
	fr.sig = SIGUSR1;
	fr.pinfo = 0xffffd010;
	fr.puc = 0xffffd090;
	fr.info.signo = SIGUSR1;
	fr.info.errno_ = -3;
	fr.info.code = SI_QUEUE;
	fr.info.u.kill.pid = 0x80001234;
	fr.info.u.kill.uid = 0x80005678;
	fr.uc.uc_flags = 0x80000005;
	fr.uc.uc_link = 0xffffe000;
	fr.uc.uc_stack.ss_sp = 0xf7f00000;
	fr.uc.uc_stack.ss_flags = (int32_t)(SS_ONSTACK | 1u << 31);
	fr.uc.uc_stack.ss_size = 0x80002000;
	fill_sc32(&fr.uc.uc_mcontext);
	fr.uc.uc_sigmask[0] = 0x80000201;
	fr.uc.uc_sigmask[1] = 0x80000003;
	memcpy(buf, &fr, sizeof(fr));

	CHECK(sigscope_decode_frame(SIGSCOPE_FRAME_RT_IA32, buf, sizeof(buf), &f) == 0);
	CHECK(f.kind == SIGSCOPE_FRAME_RT_IA32);
	CHECK(f.has_ucontext == 1);
	CHECK(f.pretcode == 0x8049000);
	CHECK(f.uc_flags == 0x80000005);
	CHECK(f.uc_link == 0xffffe000);
	CHECK(f.ss_sp == 0xf7f00000);
	CHECK(f.ss_flags == (SS_ONSTACK | 1u << 31));
	CHECK(f.ss_size == 0x80002000);
	check_sc32(&sc_failed, &f);
	CHECK(!sc_failed);
	CHECK(f.sigmask == 0x8000000380000201ULL);
	CHECK(f.info.valid == 1);
	CHECK(f.info.signo == SIGUSR1);
	CHECK(f.info.errno_ == -3);
	CHECK(f.info.code == SI_QUEUE);
	CHECK(f.info.pid == 0x80001234);
	CHECK(f.info.uid == 0x80005678);
	/* compat si_addr is a u32 at union+0: zero-extended, uid not mixed in. */
	CHECK(f.info.addr == 0x80001234);
}

TEST(decode_sig_ia32_all_fields)
{
	struct t_sigframe_ia32 fr;
	uint8_t buf[sizeof(fr)];
	struct sigscope_frame f;
	int sc_failed = 0;

	memset(&fr, 0xa5, sizeof(fr));
	fr.pretcode = 0x8049100;
	fr.sig = SIGALRM;
	fill_sc32(&fr.sc);
	fr.extramask[0] = 0x80000002;
	memcpy(buf, &fr, sizeof(fr));

	CHECK(sigscope_decode_frame(SIGSCOPE_FRAME_SIG_IA32, buf, sizeof(buf), &f) == 0);
	CHECK(f.kind == SIGSCOPE_FRAME_SIG_IA32);
	CHECK(f.has_ucontext == 0);
	CHECK(f.pretcode == 0x8049100);
	CHECK(f.uc_flags == 0 && f.uc_link == 0);
	CHECK(f.ss_sp == 0 && f.ss_flags == 0 && f.ss_size == 0);
	check_sc32(&sc_failed, &f);
	CHECK(!sc_failed);
	CHECK(f.sigmask == 0x800000028000d10eULL);
	CHECK(f.info.valid == 0);
	CHECK(f.info.signo == 0 && f.info.code == 0 && f.info.pid == 0 && f.info.addr == 0);
}

TEST(frame_sizes_match_kernel_structs)
{
	size_t legacy = sigscope_frame_size(SIGSCOPE_FRAME_SIG_IA32);

	CHECK(sigscope_frame_size(SIGSCOPE_FRAME_RT64) == RT64_BYTES);
	CHECK(sigscope_frame_size(SIGSCOPE_FRAME_RT_IA32) == sizeof(struct t_rt_sigframe_ia32));
	/* The kernel reads through extramask[0]; access_ok() covers the whole struct. */
	CHECK(legacy >= offsetof(struct t_sigframe_ia32, extramask) + 4);
	CHECK(legacy <= sizeof(struct t_sigframe_ia32));
	CHECK(sigscope_frame_size(SIGSCOPE_FRAME_RT_X32) ==
	      424); /* sizeof(struct rt_sigframe_x32) */
	CHECK(sigscope_frame_size((enum sigscope_frame_kind)4) == 0);
}

TEST(decode_short_buffer_fails)
{
	static const enum sigscope_frame_kind kinds[] = {
	    SIGSCOPE_FRAME_RT64, SIGSCOPE_FRAME_RT_IA32, SIGSCOPE_FRAME_SIG_IA32,
	    SIGSCOPE_FRAME_RT_X32};
	uint8_t buf[1024];
	struct sigscope_frame f, zero;

	memset(buf, 0x5a, sizeof(buf));
	memset(&zero, 0, sizeof(zero));
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t n = sigscope_frame_size(kinds[i]);

		CHECK(n > 0 && n <= sizeof(buf));
		memset(&f, 0xff, sizeof(f));
		CHECK(sigscope_decode_frame(kinds[i], buf, n - 1, &f) == -1);
		CHECK(memcmp(&f, &zero, sizeof(f)) == 0);
		CHECK(sigscope_decode_frame(kinds[i], buf, n, &f) == 0);
		CHECK(sigscope_decode_frame(kinds[i], NULL, n, &f) == -1);
	}
}

TEST(decode_unknown_kind_fails)
{
	uint8_t buf[1024] = {0};
	struct sigscope_frame f, zero;

	memset(&zero, 0, sizeof(zero));
	memset(&f, 0xff, sizeof(f));
	CHECK(sigscope_decode_frame((enum sigscope_frame_kind)4, buf, sizeof(buf), &f) == -1);
	CHECK(memcmp(&f, &zero, sizeof(f)) == 0);
	CHECK(sigscope_decode_frame((enum sigscope_frame_kind) - 1, buf, sizeof(buf), &f) == -1);
}

TEST(reg_names_x86_64)
{
	static const char *const want[SIGSCOPE_NREGS] = {
	    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15",    "rdi", "rsi",
	    "rbp", "rbx", "rdx", "rax", "rcx", "rsp", "rip", "eflags", "cs",  "ss",
	};

	for (int r = 0; r < SIGSCOPE_NREGS; r++)
		CHECK_STR(sigscope_reg_name((enum sigscope_reg)r, 0), want[r]);
	CHECK(sigscope_reg_name(SIGSCOPE_NREGS, 0) == NULL);
	CHECK(sigscope_reg_name((enum sigscope_reg) - 1, 0) == NULL);
}

TEST(reg_names_ia32)
{
	static const char *const want[SIGSCOPE_NREGS] = {
	    [SIGSCOPE_REG_RDI] = "edi", [SIGSCOPE_REG_RSI] = "esi",
	    [SIGSCOPE_REG_RBP] = "ebp", [SIGSCOPE_REG_RBX] = "ebx",
	    [SIGSCOPE_REG_RDX] = "edx", [SIGSCOPE_REG_RAX] = "eax",
	    [SIGSCOPE_REG_RCX] = "ecx", [SIGSCOPE_REG_RSP] = "esp",
	    [SIGSCOPE_REG_RIP] = "eip", [SIGSCOPE_REG_EFLAGS] = "eflags",
	    [SIGSCOPE_REG_CS] = "cs",	[SIGSCOPE_REG_SS] = "ss",
	};

	for (int r = SIGSCOPE_REG_R8; r <= SIGSCOPE_REG_R15; r++)
		CHECK(sigscope_reg_name((enum sigscope_reg)r, 1) == NULL);
	for (int r = SIGSCOPE_REG_RDI; r < SIGSCOPE_NREGS; r++)
		CHECK_STR(sigscope_reg_name((enum sigscope_reg)r, 1), want[r]);
	CHECK(sigscope_reg_name(SIGSCOPE_NREGS, 1) == NULL);
}
