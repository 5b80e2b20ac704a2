/*
 * Pairing (src/shared/pairing.h): where get_sigframe() puts a frame, and the per-thread set of
 * outstanding deliveries. Table-driven; no root, no BPF.
 *
 * Expected frame addresses are worked out by hand from arch/x86/kernel/signal.c (get_sigframe(),
 * 6.1 to 6.18) and fpu__alloc_mathframe(), step by step in each case's comment:
 *   64-bit frames: sp - 128 (red zone) | altstack top; (sp - xstate) & ~63; - struct;
 *                  & ~15, - 8                       => (frame + 8) % 16 == 0
 *   ia32 frames:   no red zone; (sp - xstate) & ~63; - 112 (fregs_state, with fxsr); - struct;
 *                  ((sp + 4) & ~15) - 4, 32 bits    => (frame + 4) % 16 == 0
 * struct sizes: rt_sigframe 440, rt_sigframe_ia32 268, sigframe_ia32 732, rt_sigframe_x32 424.
 *
 * xstate sizes (xstate_sigframe_size(): fpstate->user_size, + 4 FP_XSTATE_MAGIC2 with XSAVE):
 *   512   FXSR without XSAVE (legacy fxsave area, no magic2)
 *   580   XSAVE with x87|SSE only: 576 + 4
 *   836   AVX: 832 + 4
 *   2700  AVX-512 + PKRU, standard layout: 2696 + 4
 *   11012 AMX (XTILEDATA ends at 11008): 11008 + 4
 *   2436  this machine (kernel 6.18.44, AVX-512 without PKRU in XCR0 = 0xe7): CPUID.(0xd,0).EBX
 *         = 2432 + 4. Cross-checked by measurement: a SA_SIGINFO handler printing (char *)uc - 8
 *         and uc_mcontext.gregs[REG_RSP], 64 deliveries at 16-byte-apart sps, matched the
 *         prediction for every xstate size in [2417, 2448] and no other (the 64-byte rounding
 *         hides the low bits), which contains 2436; AT_MINSIGSTKSZ (and dmesg "max sigframe
 *         size") is 3376 = round_up(2436 + 732 + 128 + 15 + 63, 16), consistent with it.
 */
#include "shared/pairing.h"
#include "unit.h"

#define RT64	 SIGSCOPE_FRAME_RT64
#define RT_IA32	 SIGSCOPE_FRAME_RT_IA32
#define SIG_IA32 SIGSCOPE_FRAME_SIG_IA32
#define RT_X32	 SIGSCOPE_FRAME_RT_X32
#define ONSTACK	 SIGSCOPE_SA_ONSTACK
#define SIGINFO	 SIGSCOPE_SA_SIGINFO
#define IA32ABI	 SIGSCOPE_SA_IA32_ABI
#define X32ABI	 SIGSCOPE_SA_X32_ABI
#define DISARM	 SIGSCOPE_SS_AUTODISARM

/* A sigaltstack [0x7f0000100000, 0x7f0000110000) for 64-bit cases, and one for ia32. */
#define ALT_SP	    0x7f0000100000ULL
#define ALT_SIZE    0x10000ULL
#define ALT32_SP    0xf7e00000ULL
#define ALT32_SIZE  0x4000ULL
#define XS_HERE	    2436 /* this machine, see above */
#define MAIN_SP	    0x7ffc0000a000ULL
#define MEASURED_IA 0xffdd3e40ULL

struct frame_case {
	const char *name;
	struct sigscope_frame_geometry g;
	__u32 kind;
	__u64 frame;
	__u64 top;
	int on_alt;
};

/* clang-format off */
static const struct frame_case frame_cases[] = {
	/* x86_64 main stack, sp 0x7ffc0000a000: - 128 = 0x7ffc00009f80 = top in each */
	{"x86_64 main stack, FXSR only (512)", {MAIN_SP, SIGINFO, 0, 0, 0, 512, 1}, RT64,
	 /* - 512 & ~63 = 0x...9d80; - 440 = 0x...9bc8; & ~15 - 8 */
	 0x7ffc00009bb8ULL, 0x7ffc00009f80ULL, 0},
	{"x86_64 main stack, XSAVE x87|SSE (576+4)", {MAIN_SP, SIGINFO, 0, 0, 0, 580, 1}, RT64,
	 /* - 580 = 0x...9d3c & ~63 = 0x...9d00; - 440 = 0x...9b48; & ~15 - 8 */
	 0x7ffc00009b38ULL, 0x7ffc00009f80ULL, 0},
	{"x86_64 main stack, AVX (832+4)", {MAIN_SP, SIGINFO, 0, 0, 0, 836, 1}, RT64,
	 /* - 836 = 0x...9c3c & ~63 = 0x...9c00; - 440 = 0x...9a48; & ~15 - 8 */
	 0x7ffc00009a38ULL, 0x7ffc00009f80ULL, 0},
	{"x86_64 main stack, AVX-512+PKRU (2696+4)", {MAIN_SP, SIGINFO, 0, 0, 0, 2700, 1}, RT64,
	 /* - 2700 = 0x...94f4 & ~63 = 0x...94c0; - 440 = 0x...9308; & ~15 - 8 */
	 0x7ffc000092f8ULL, 0x7ffc00009f80ULL, 0},
	{"x86_64 main stack, AMX (11008+4)", {MAIN_SP, SIGINFO, 0, 0, 0, 11012, 1}, RT64,
	 /* - 11012 = 0x...747c & ~63 = 0x...7440; - 440 = 0x...7288; & ~15 - 8 */
	 0x7ffc00007278ULL, 0x7ffc00009f80ULL, 0},
	{"x86_64 main stack, this machine (2432+4)", {MAIN_SP, SIGINFO, 0, 0, 0, XS_HERE, 1}, RT64,
	 /* - 2436 = 0x...95fc & ~63 = 0x...95c0; - 440 = 0x...9408; & ~15 - 8 */
	 0x7ffc000093f8ULL, 0x7ffc00009f80ULL, 0},
	{"x86_64 odd interrupted sp", {0x7ffc0000a0f7ULL, 0, 0, 0, 0, XS_HERE, 1}, RT64,
	 /* - 128 = 0x...a077; - 2436 = 0x...96f3 & ~63 = 0x...96c0; - 440 = 0x...9508; & ~15 - 8 */
	 0x7ffc000094f8ULL, 0x7ffc0000a077ULL, 0},
	/* Measured on this machine (6.18.44): rsp from uc_mcontext, frame = (char *)uc - 8. */
	{"measured: x86_64 main stack #1", {0x7ffcb4d37a40ULL, SIGINFO, 0, 0, 0, XS_HERE, 1}, RT64,
	 /* - 128 = 0x...379c0; - 2436 & ~63 = 0x...37000; - 440 = 0x...36e48; & ~15 - 8 */
	 0x7ffcb4d36e38ULL, 0x7ffcb4d379c0ULL, 0},
	{"measured: x86_64 main stack #2", {0x7fff7e10c390ULL, SIGINFO, 0, 0, 0, XS_HERE, 1}, RT64,
	 /* - 128 = 0x...c310; - 2436 & ~63 = 0x...b980; - 440 = 0x...b7c8; & ~15 - 8 */
	 0x7fff7e10b7b8ULL, 0x7fff7e10c310ULL, 0},
	{"measured: SA_ONSTACK enters the altstack",
	 {0x7ffd3b4417c0ULL, SIGINFO | ONSTACK, 0x7f0000000100ULL, 0x7f30, 0, XS_HERE, 1}, RT64,
	 /* alt top 0x7f0000008030; - 2436 & ~63 = 0x...7680; - 440 = 0x...74c8; & ~15 - 8 */
	 0x7f00000074b8ULL, 0x7f0000008030ULL, 1},
	{"measured: nested on the altstack, no switch",
	 {0x7f0000007460ULL, SIGINFO | ONSTACK, 0x7f0000000100ULL, 0x7f30, 0, XS_HERE, 1}, RT64,
	 /* - 128 = 0x...73e0 (on it); - 2436 & ~63 = 0x...6a40; - 440 = 0x...6888; & ~15 - 8 */
	 0x7f0000006878ULL, 0x7f00000073e0ULL, 1},
	/* sigaltstack [0x7f0000100000, +0x10000): top 0x7f0000110000 */
	{"SA_ONSTACK from the main stack enters the altstack",
	 {MAIN_SP, ONSTACK, ALT_SP, ALT_SIZE, 0, XS_HERE, 1}, RT64,
	 /* top 0x7f0000110000; - 2436 & ~63 = 0x...f640; - 440 = 0x...f488; & ~15 - 8 */
	 0x7f000010f478ULL, 0x7f0000110000ULL, 1},
	{"SA_ONSTACK already on the altstack: nested, no switch",
	 {0x7f0000108000ULL, ONSTACK, ALT_SP, ALT_SIZE, 0, XS_HERE, 1}, RT64,
	 /* - 128 = 0x...107f80; - 2436 & ~63 = 0x...1075c0; - 440 = 0x...107408; & ~15 - 8 */
	 0x7f00001073f8ULL, 0x7f0000107f80ULL, 1},
	{"SS_AUTODISARM: on the altstack still switches to its top",
	 {0x7f0000108000ULL, ONSTACK, ALT_SP, ALT_SIZE, DISARM, XS_HERE, 1}, RT64,
	 0x7f000010f478ULL, 0x7f0000110000ULL, 1},
	{"SA_ONSTACK with alt_size 0 (disabled): no switch",
	 {MAIN_SP, ONSTACK, ALT_SP, 0, 0, XS_HERE, 1}, RT64,
	 0x7ffc000093f8ULL, 0x7ffc00009f80ULL, 0},
	{"no SA_ONSTACK, interrupted on the altstack: stays there",
	 {0x7f0000108000ULL, 0, ALT_SP, ALT_SIZE, 0, XS_HERE, 1}, RT64,
	 0x7f00001073f8ULL, 0x7f0000107f80ULL, 1},
	{"no SA_ONSTACK, on the main stack, altstack set: main stack",
	 {MAIN_SP, SIGINFO, ALT_SP, ALT_SIZE, 0, XS_HERE, 1}, RT64,
	 0x7ffc000093f8ULL, 0x7ffc00009f80ULL, 0},
	{"sp 0x40 above the altstack: sp - 128 is on it, no switch (not nested)",
	 {0x7f0000110040ULL, ONSTACK, ALT_SP, ALT_SIZE, 0, XS_HERE, 1}, RT64,
	 /* - 128 = 0x...10ffc0 (on it); - 2436 & ~63 = 0x...10f600; - 440 = 0x...10f448; -> */
	 0x7f000010f438ULL, 0x7f000010ffc0ULL, 0},
	{"sp == altstack top counts as on it (base, base + size]",
	 {0x7f0000110000ULL, ONSTACK, ALT_SP, ALT_SIZE, 0, XS_HERE, 1}, RT64,
	 /* - 128 = 0x...10ff80; - 2436 & ~63 = 0x...10f5c0; - 440 = 0x...10f408; -> */
	 0x7f000010f3f8ULL, 0x7f000010ff80ULL, 1},
	{"sp - 128 == altstack base is not on it: switch",
	 {0x7f0000100080ULL, ONSTACK, ALT_SP, ALT_SIZE, 0, XS_HERE, 1}, RT64,
	 0x7f000010f478ULL, 0x7f0000110000ULL, 1},
	{"sp - 128 == altstack base + 1 is on it: no switch",
	 {0x7f0000100081ULL, ONSTACK, ALT_SP, ALT_SIZE, 0, XS_HERE, 1}, RT64,
	 /* - 128 = 0x...100001; - 2436 & ~63 = 0x...0ff640; - 440 = 0x...0ff488; -> */
	 0x7f00000ff478ULL, 0x7f0000100001ULL, 1},
	/* ia32: measured on this machine's kernel (6.18) by the e2e program sig_ia32: esp
	 * 0xffdd3e40, SA_SIGINFO|SA_IA32_ABI, no altstack; the handler saw these ustacks. */
	{"measured: ia32 rt frame", {MEASURED_IA, SIGINFO | IA32ABI, 0, 0, 0, XS_HERE, 1},
	 RT_IA32,
	 /* no red zone; - 2436 = 0xffdd34bc & ~63 = 0xffdd3480; - 112 = 0xffdd3410;
	  * - 268 = 0xffdd3304; + 4 = 0xffdd3308 & ~15 = 0xffdd3300; - 4 */
	 0xffdd32fcULL, 0xffdd3e40ULL, 0},
	{"measured: ia32 legacy frame (no SA_SIGINFO)", {MEASURED_IA, IA32ABI, 0, 0, 0, XS_HERE, 1},
	 SIG_IA32,
	 /* 0xffdd3410 as above; - 732 = 0xffdd3134; + 4 = 0xffdd3138 & ~15 = 0xffdd3130; - 4 */
	 0xffdd312cULL, 0xffdd3e40ULL, 0},
	{"ia32 rt frame, AVX-512+PKRU", {MEASURED_IA, SIGINFO | IA32ABI, 0, 0, 0, 2700, 1},
	 RT_IA32,
	 /* - 2700 & ~63 = 0xffdd3380; - 112 = 0xffdd3310; - 268 = 0xffdd3204; -> 0xffdd3200 - 4 */
	 0xffdd31fcULL, 0xffdd3e40ULL, 0},
	{"ia32 rt frame without fxsr: no fsave header", {MEASURED_IA, SIGINFO | IA32ABI, 0, 0, 0,
	 112, 0}, RT_IA32,
	 /* - 112 = 0xffdd3dd0 & ~63 = 0xffdd3dc0; - 268 = 0xffdd3cb4; + 4 & ~15 = 0xffdd3cb0; - 4 */
	 0xffdd3cacULL, 0xffdd3e40ULL, 0},
	{"ia32 SA_ONSTACK enters the altstack",
	 {MEASURED_IA, SIGINFO | ONSTACK | IA32ABI, ALT32_SP, ALT32_SIZE, 0, XS_HERE, 1}, RT_IA32,
	 /* top 0xf7e04000; - 2436 & ~63 = 0xf7e03640; - 112 = 0xf7e035d0; - 268 = 0xf7e034c4;
	  * + 4 & ~15 = 0xf7e034c0; - 4 */
	 0xf7e034bcULL, 0xf7e04000ULL, 1},
	{"ia32 sp 0x40 above the altstack: no red zone, so it switches",
	 {0xf7e04040ULL, SIGINFO | ONSTACK | IA32ABI, ALT32_SP, ALT32_SIZE, 0, XS_HERE, 1},
	 RT_IA32, 0xf7e034bcULL, 0xf7e04000ULL, 1},
	{"ia32 legacy frame nested on the altstack",
	 {0xf7e03000ULL, ONSTACK | IA32ABI, ALT32_SP, ALT32_SIZE, 0, XS_HERE, 1}, SIG_IA32,
	 /* - 2436 & ~63 = 0xf7e02640; - 112 = 0xf7e025d0; - 732 = 0xf7e022f4; -> 0xf7e022f0 - 4 */
	 0xf7e022ecULL, 0xf7e03000ULL, 1},
	{"ia32 near 0: the result stays a 32-bit address",
	 {0x100, SIGINFO | IA32ABI, 0, 0, 0, XS_HERE, 1}, RT_IA32,
	 /* 0x100 - 2436 = 0xfffff77c (mod 2^32) & ~63 = 0xfffff740; - 112 = 0xfffff6d0;
	  * - 268 = 0xfffff5c4; + 4 & ~15 = 0xfffff5c0; - 4. (The kernel would fault writing it.) */
	 0xfffff5bcULL, 0x100, 0},
	{"x32 frame: red zone, 424-byte struct, 64-bit alignment",
	 {MEASURED_IA, SIGINFO | X32ABI, 0, 0, 0, XS_HERE, 1}, RT_X32,
	 /* - 128 = 0xffdd3dc0; - 2436 & ~63 = 0xffdd3400; - 424 = 0xffdd3258; & ~15 - 8 */
	 0xffdd3248ULL, 0xffdd3dc0ULL, 0},
	{"x32 frame, AVX", {MAIN_SP, SIGINFO | X32ABI, 0, 0, 0, 836, 1}, RT_X32,
	 /* - 128 = 0x...9f80; - 836 & ~63 = 0x...9c00; - 424 = 0x...9a58; & ~15 - 8 */
	 0x7ffc00009a48ULL, 0x7ffc00009f80ULL, 0},
};
/* clang-format on */

TEST(pairing_predict_frame_table)
{
	for (size_t i = 0; i < sizeof(frame_cases) / sizeof(frame_cases[0]); i++) {
		const struct frame_case *c = &frame_cases[i];
		int ia32 = c->kind == RT_IA32 || c->kind == SIG_IA32;
		__u64 top = 0;
		int on_alt = -1;
		__u64 f = sigscope_predict_frame(&c->g, c->kind, &top, &on_alt);

		CHECK_CASE(c->name, f == c->frame);
		CHECK_CASE(c->name, top == c->top);
		CHECK_CASE(c->name, on_alt == c->on_alt);
		/* The ABI invariants, independent of the hand-worked numbers. */
		CHECK_CASE(c->name, ia32 ? (f + 4) % 16 == 0 : (f + 8) % 16 == 0);
		CHECK_CASE(c->name, !ia32 || f <= 0xffffffffULL);
		if (f < top) /* the frame and the 64-aligned xstate area fit below top */
			CHECK_CASE(c->name, top - f >= sigscope_frame_struct_size(c->kind) +
							   c->g.xstate_size);
		if (f != c->frame)
			fprintf(stderr, "    got %#llx top %#llx on_alt %d\n",
				(unsigned long long)f, (unsigned long long)top, on_alt);
	}
}

struct kind_case {
	const char *name;
	__u64 sa_flags;
	__u32 kind;
	__u32 size;
};

static const struct kind_case kind_cases[] = {
    {"x86_64 without SA_SIGINFO still gets an rt frame", 0, RT64, 440},
    {"x86_64 SA_SIGINFO", SIGINFO | ONSTACK, RT64, 440},
    {"ia32 SA_SIGINFO: rt_sigframe_ia32", SIGINFO | IA32ABI, RT_IA32, 268},
    {"ia32 without SA_SIGINFO: legacy sigframe_ia32", IA32ABI, SIG_IA32, 732},
    {"x32 SA_SIGINFO", SIGINFO | X32ABI, RT_X32, 424},
    {"x32 without SA_SIGINFO: still rt", X32ABI, RT_X32, 424},
};

TEST(pairing_delivery_frame_kind_table)
{
	for (size_t i = 0; i < sizeof(kind_cases) / sizeof(kind_cases[0]); i++) {
		const struct kind_case *c = &kind_cases[i];

		CHECK_CASE(c->name, sigscope_delivery_frame_kind(c->sa_flags) == c->kind);
		CHECK_CASE(c->name, sigscope_frame_struct_size(c->kind) == c->size);
	}
}

struct on_stack_case {
	const char *name;
	__u64 sp;
	int on;
};

static const struct on_stack_case on_stack_cases[] = {
    {"base itself is not on it", ALT_SP, 0},
    {"base + 1", ALT_SP + 1, 1},
    {"top (base + size) is on it", ALT_SP + ALT_SIZE, 1},
    {"top + 1", ALT_SP + ALT_SIZE + 1, 0},
    {"far below (no wrap-around)", 0x1000, 0},
};

TEST(pairing_on_stack_table)
{
	for (size_t i = 0; i < sizeof(on_stack_cases) / sizeof(on_stack_cases[0]); i++) {
		const struct on_stack_case *c = &on_stack_cases[i];

		CHECK_CASE(c->name, sigscope_on_stack(c->sp, ALT_SP, ALT_SIZE) == c->on);
	}
}

/* ---- The set of outstanding deliveries ---------------------------------------------------- */

/* A thread's set, and the same bookkeeping as push_delivery() / pair_sigreturn() in
 * src/bpf/sigscope.bpf.c around sigscope_walk(). */
struct tset {
	struct sigscope_delivery a[SIGSCOPE_SLOTS_INLINE];
	struct sigscope_delivery b[SIGSCOPE_SLOTS_OVERFLOW];
	int has_b;
	__u32 seq;
};

static void walk_init(struct tset *s, struct sigscope_walk *w)
{
	memset(w, 0, sizeof(*w));
	w->a = s->a;
	sigscope_walk_overflow(w, s->has_b ? s->b : NULL);
}

/* Returns the slot used; *pruned, *used as push_delivery computes them; *overflow: full. sp: the
 * sp the delivery interrupted (0: above nothing). */
static int tpush_at(struct tset *s, __u64 frame, __u64 top, __u64 sp, __u32 kind, __u32 *pruned,
		    __u32 *used, int *overflow)
{
	struct sigscope_walk w;
	struct sigscope_delivery *d;
	__u32 i;

	walk_init(s, &w);
	w.prune_frame = frame;
	w.prune_top = top;
	w.below_sp = sp;
	sigscope_walk(&w);
	*pruned = w.pruned;
	*overflow = w.free_slot < 0;
	if (w.free_slot >= 0) {
		i = (__u32)w.free_slot;
		*used = w.used + 1;
	} else {
		i = sigscope_full_slot(&w);
		*used = w.used;
	}
	d = sigscope_walk_slot(&w, i);
	if (!d)
		return -1;
	memset(d, 0, sizeof(*d));
	d->seq = ++s->seq;
	d->frame = frame;
	d->frame_top = top;
	d->frame_kind = kind;
	return (int)i;
}

/* Returns the seq of the delivery paired with a sigreturn at ustack (0: none); *used before. */
static int tpush(struct tset *s, __u64 frame, __u64 top, __u32 kind, __u32 *pruned, __u32 *used,
		 int *overflow)
{
	return tpush_at(s, frame, top, 0, kind, pruned, used, overflow);
}

static __u32 tret(struct tset *s, __u64 ustack, __u32 kind, __u32 *used)
{
	struct sigscope_walk w;
	struct sigscope_delivery *d;
	__u32 seq;

	walk_init(s, &w);
	w.find_frame = ustack;
	w.find_kind = kind;
	sigscope_walk(&w);
	*used = w.used;
	if (w.found < 0)
		return 0;
	d = sigscope_walk_slot(&w, (__u32)w.found);
	if (!d)
		return 0;
	seq = d->seq;
	d->seq = 0;
	return seq;
}

enum { P = 'P', R = 'R' };

struct walk_op {
	char op; /* P: a delivery writes [frame, top); R: a sigreturn at ustack == frame */
	__u64 frame;
	__u64 top;
	__u32 kind;
	int want;      /* P: deliveries pruned; R: seq of the delivery paired (0: unmatched) */
	int want_used; /* P: in the set after; R: in the set before */
	int want_slot; /* P: slot taken (-1: any) */
};

#define WALK_OPS_MAX 12

struct walk_case {
	const char *name;
	int has_b;
	struct walk_op ops[WALK_OPS_MAX];
};

/* Frames are [frame, frame + 0xc00): nested deliveries lie 0x1000 apart, below each other. */
#define F(n)  (0x7ffc00100000ULL - (n)*0x1000ULL)
#define T(n)  (F(n) + 0xc00)
#define AF    0x7f000010f478ULL /* the first frame on the altstack (frame_cases above) */
#define AT    0x7f0000110000ULL
#define IA(n) (0xffd00000ULL - (n)*0x1000ULL)

/* clang-format off */
static const struct walk_case walk_cases[] = {
	{"exact address and kind pairs", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{R, F(1), 0, RT64, 1, 1, -1}}},
	{"a frame at another address is not paired", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{R, F(1) + 8, 0, RT64, 0, 1, -1},
		{R, F(1) - 8, 0, RT64, 0, 1, -1},
		{R, F(1) + 0x10, 0, RT64, 0, 1, -1},
		{R, F(1), 0, RT64, 1, 1, -1}}},
	{"the right address with another kind is not paired", 1, {
		{P, IA(1), IA(1) + 0xc00, RT_IA32, 0, 1, 0},
		{R, IA(1), 0, RT64, 0, 1, -1},
		{R, IA(1), 0, SIG_IA32, 0, 1, -1},
		{R, IA(1), 0, RT_X32, 0, 1, -1},
		{R, IA(1), 0, RT_IA32, 1, 1, -1}}},
	{"a frame is returned through once: a replay is unmatched", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{R, F(1), 0, RT64, 1, 1, -1},
		{R, F(1), 0, RT64, 0, 0, -1}}},
	{"nested handlers: live frames below each other are kept", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{P, F(2), T(2), RT64, 0, 2, 1},
		{P, F(3), F(2), RT64, 0, 3, 2}, /* ends exactly where the one above starts */
		{R, F(3), 0, RT64, 3, 3, -1},
		{R, F(2), 0, RT64, 2, 2, -1},
		{R, F(1), 0, RT64, 1, 1, -1}}},
	{"siglongjmp: a new frame over an abandoned one prunes it", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{P, F(1), T(1), RT64, 1, 1, 0},
		{R, F(1), 0, RT64, 2, 1, -1},
		{R, F(1), 0, RT64, 0, 0, -1}}},
	{"siglongjmp: one byte of overlap at the old frame's top prunes it", 1, {
		{P, F(2), T(2), RT64, 0, 1, 0},
		{P, T(2) - 1, T(2) + 0x400, RT64, 1, 1, 0},
		{R, F(2), 0, RT64, 0, 1, -1},
		{R, T(2) - 1, 0, RT64, 2, 1, -1}}},
	{"siglongjmp: one byte of overlap at the old frame's bottom prunes it", 1, {
		{P, F(2), T(2), RT64, 0, 1, 0},
		{P, F(3), F(2) + 1, RT64, 1, 1, 0},
		{R, F(2), 0, RT64, 0, 1, -1},
		{R, F(3), 0, RT64, 2, 1, -1}}},
	{"a frame right above another (top == frame) does not prune it", 1, {
		{P, F(2), T(2), RT64, 0, 1, 0},
		{P, T(2), T(2) + 0xc00, RT64, 0, 2, 1},
		{R, T(2), 0, RT64, 2, 2, -1},
		{R, F(2), 0, RT64, 1, 1, -1}}},
	{"siglongjmp out of two nested handlers prunes both", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{P, F(2), T(2), RT64, 0, 2, 1},
		{P, F(2) + 0x800, F(1) + 0x400, RT64, 2, 1, 0},
		{R, F(1), 0, RT64, 0, 1, -1},
		{R, F(2), 0, RT64, 0, 1, -1},
		{R, F(2) + 0x800, 0, RT64, 3, 1, -1}}},
	{"altstack reused after a handler left by swapcontext", 1, {
		{P, AF, AT, RT64, 0, 1, 0},
		{P, AF, AT, RT64, 1, 1, 0},
		{R, AF, 0, RT64, 2, 1, -1}}},
	{"a new delivery takes the first free slot", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{P, F(2), T(2), RT64, 0, 2, 1},
		{P, F(3), T(3), RT64, 0, 3, 2},
		{R, F(2), 0, RT64, 2, 3, -1},
		{P, F(4), T(4), RT64, 0, 3, 1},
		{P, F(5), T(5), RT64, 0, 4, 3},
		{R, F(5), 0, RT64, 5, 4, -1},
		{R, F(4), 0, RT64, 4, 3, -1},
		{R, F(3), 0, RT64, 3, 2, -1},
		{R, F(1), 0, RT64, 1, 1, -1}}},
	{"swapcontext: the middle frame returns first", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{P, F(2), T(2), RT64, 0, 2, 1},
		{P, F(3), T(3), RT64, 0, 3, 2},
		{R, F(2), 0, RT64, 2, 3, -1},
		{R, F(1), 0, RT64, 1, 2, -1},
		{R, F(3), 0, RT64, 3, 1, -1}}},
	{"a forged frame between two live ones is unmatched and frees nothing", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{P, F(3), T(3), RT64, 0, 2, 1},
		{R, F(2), 0, RT64, 0, 2, -1},
		{R, F(1) - 0x10, 0, RT64, 0, 2, -1},
		{R, F(3), 0, RT64, 2, 2, -1}}},
	{"a sigreturn does not prune: a frame inside a live one is just unmatched", 1, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{R, F(1) + 0x40, 0, RT64, 0, 1, -1},
		{R, F(1), 0, RT64, 1, 1, -1}}},
	{"without the overflow block the inline slots still pair", 0, {
		{P, F(1), T(1), RT64, 0, 1, 0},
		{P, F(2), T(2), RT64, 0, 2, 1},
		{R, F(1), 0, RT64, 1, 2, -1},
		{P, F(3), T(3), RT64, 0, 2, 0},
		{R, F(3), 0, RT64, 3, 2, -1},
		{R, F(2), 0, RT64, 2, 1, -1}}},
};
/* clang-format on */

TEST(pairing_walk_script_table)
{
	static struct tset s;

	for (size_t i = 0; i < sizeof(walk_cases) / sizeof(walk_cases[0]); i++) {
		const struct walk_case *c = &walk_cases[i];

		memset(&s, 0, sizeof(s));
		s.has_b = c->has_b;
		for (int k = 0; k < WALK_OPS_MAX && c->ops[k].op; k++) {
			int failed_before = *unit_failed_;
			const struct walk_op *o = &c->ops[k];
			__u32 pruned = 0, used = 0;
			int overflow = 0;

			if (o->op == P) {
				int slot =
				    tpush(&s, o->frame, o->top, o->kind, &pruned, &used, &overflow);

				CHECK_CASE(c->name, (int)pruned == o->want);
				CHECK_CASE(c->name, (int)used == o->want_used);
				CHECK_CASE(c->name, !overflow);
				CHECK_CASE(c->name, o->want_slot < 0 || slot == o->want_slot);
			} else {
				__u32 seq = tret(&s, o->frame, o->kind, &used);

				CHECK_CASE(c->name, (int)seq == o->want);
				CHECK_CASE(c->name, (int)used == o->want_used);
			}
			if (*unit_failed_ != failed_before) {
				fprintf(stderr, "    at op %d\n", k);
				break;
			}
		}
	}
}

enum ret_order { NEWEST_FIRST, OLDEST_FIRST, INTERLEAVED };

struct depth_case {
	const char *name;
	int has_b;
	int depth;	      /* deliveries nested, each below the previous one */
	enum ret_order order; /* the order their frames are returned through */
	int capacity;	      /* slots: 8 inline, 72 with the overflow block */
};

static const struct depth_case depth_cases[] = {
    {"64 nested handlers all pair (newest first)", 1, 64, NEWEST_FIRST, 72},
    {"64 nested, returned oldest first (user-level threads)", 1, 64, OLDEST_FIRST, 72},
    {"64 nested, returned interleaved", 1, 64, INTERLEAVED, 72},
    {"72 nested fill every slot", 1, 72, NEWEST_FIRST, 72},
    {"73 nested: the 72nd is dropped, not the outermost", 1, 73, NEWEST_FIRST, 72},
    {"100 nested: the 72nd to the 99th are dropped", 1, 100, INTERLEAVED, 72},
    {"8 nested fit the inline slots", 0, 8, NEWEST_FIRST, 8},
    {"9 nested without the overflow block: the 8th is dropped", 0, 9, OLDEST_FIRST, 8},
    {"20 nested without the overflow block: 12 dropped", 0, 20, INTERLEAVED, 8},
};

static int nth_returned(enum ret_order order, int depth, int k)
{
	switch (order) {
	case NEWEST_FIRST:
		return depth - 1 - k;
	case OLDEST_FIRST:
		return k;
	default: /* even ones newest first, then odd ones oldest first */
		if (k < (depth + 1) / 2)
			return (depth - 1 - (depth - 1) % 2) - 2 * k;
		return 1 + 2 * (k - (depth + 1) / 2);
	}
}

TEST(pairing_walk_depth_table)
{
	static struct tset s;

	for (size_t i = 0; i < sizeof(depth_cases) / sizeof(depth_cases[0]); i++) {
		const struct depth_case *c = &depth_cases[i];
		int dropped = c->depth > c->capacity ? c->depth - c->capacity : 0;
		int paired = 0, seen[128] = {0};

		memset(&s, 0, sizeof(s));
		s.has_b = c->has_b;
		for (int n = 0; n < c->depth; n++) {
			__u32 pruned, used;
			int overflow;
			struct sigscope_walk w;

			/* Before a push into a full set: the newest slot holds the last one pushed,
			 * which goes; the outermost (seq 1) stays. */
			walk_init(&s, &w);
			sigscope_walk(&w);
			if (n >= c->capacity)
				CHECK_CASE(c->name, w.newest_seq == (__u32)n);
			tpush(&s, F(n + 1), T(n + 1), RT64, &pruned, &used, &overflow);
			CHECK_CASE(c->name, pruned == 0);
			CHECK_CASE(c->name, overflow == (n >= c->capacity));
			CHECK_CASE(c->name, (int)used == (n < c->capacity ? n + 1 : c->capacity));
		}
		for (int k = 0; k < c->depth; k++) {
			int n = nth_returned(c->order, c->depth, k);
			__u32 used, seq;

			CHECK_CASE(c->name, n >= 0 && n < c->depth && !seen[n]);
			if (n < 0 || n >= c->depth || seen[n])
				break;
			seen[n] = 1;
			seq = tret(&s, F(n + 1), RT64, &used);
			/* Delivery n has seq n + 1; deliveries capacity - 1 to depth - 2 are gone.
			 */
			CHECK_CASE(c->name,
				   seq == (dropped && n >= c->capacity - 1 && n <= c->depth - 2
					       ? 0u
					       : (__u32)n + 1));
			paired += seq != 0;
		}
		CHECK_CASE(c->name, paired == c->depth - dropped);
	}
}

/* Red team round 32 (c6/probe_stale_watchdog): a full set of abandoned deliveries deep on the
 * stack, then a live one higher up, then one nested in it: an abandoned one below the sp the
 * nested signal interrupted goes, the highest such, and the live one still pairs. */
TEST(pairing_full_set_drops_below_sp)
{
	static struct tset s;
	__u32 pruned, used, cap = SIGSCOPE_SLOTS_INLINE + SIGSCOPE_SLOTS_OVERFLOW;
	int overflow, live, nested;

	memset(&s, 0, sizeof(s));
	s.has_b = 1;
	for (__u32 n = 0; n < cap - 1; n++) /* abandoned: deeper each, below 0x20 pages */
		tpush_at(&s, F(0x20 + n + 1), T(0x20 + n + 1), F(0x20 + n), RT64, &pruned, &used,
			 &overflow);
	live = tpush_at(&s, F(2), T(2), F(1), RT64, &pruned, &used, &overflow);
	CHECK(!overflow && used == cap);
	nested = tpush_at(&s, F(3), T(3), F(2) - 64, RT64, &pruned, &used, &overflow);
	CHECK(overflow && nested != live);
	CHECK(s.seq == cap + 1);
	CHECK(tret(&s, F(3), RT64, &used) == cap + 1);
	CHECK(tret(&s, F(2), RT64, &used) == cap);  /* the live one was kept */
	CHECK(tret(&s, F(0x21), RT64, &used) == 0); /* the highest abandoned one went */
	CHECK(tret(&s, F(0x22), RT64, &used) == 2);
}

TEST(pairing_walk_slot_bounds)
{
	static struct tset s;
	struct sigscope_walk w;

	memset(&s, 0, sizeof(s));
	walk_init(&s, &w);
	CHECK(sigscope_walk_slot(&w, 0) == &s.a[0]);
	CHECK(sigscope_walk_slot(&w, 7) == &s.a[7]);
	CHECK(sigscope_walk_slot(&w, 8) == NULL); /* no overflow block */
	s.has_b = 1;
	walk_init(&s, &w);
	CHECK(sigscope_walk_slot(&w, 8) == &s.b[0]);
	CHECK(sigscope_walk_slot(&w, 71) == &s.b[63]);
	CHECK(sigscope_walk_slot(&w, 72) == NULL);
	CHECK(sigscope_walk_slot(&w, 0xffffffffu) == NULL);
	/* A block the kernel did not allocate: its 16 slots are absent, the others are not. */
	w.b1 = NULL;
	CHECK(sigscope_walk_slot(&w, 23) == &s.b[15]);
	CHECK(sigscope_walk_slot(&w, 24) == NULL);
	CHECK(sigscope_walk_slot(&w, 39) == NULL);
	CHECK(sigscope_walk_slot(&w, 40) == &s.b[32]);
}

struct fork_case {
	const char *name;
	int depth;	 /* nested deliveries before fork() in the innermost handler */
	int child_first; /* the child returns through its frames before the parent does */
};

static const struct fork_case fork_cases[] = {
    {"fork in a handler: the child pairs its one frame", 1, 1},
    {"fork 12 deep (overflow block copied too)", 12, 1},
    {"fork 12 deep, parent returns first", 12, 0},
};

TEST(pairing_fork_table)
{
	static struct tset parent, child;

	for (size_t i = 0; i < sizeof(fork_cases) / sizeof(fork_cases[0]); i++) {
		const struct fork_case *c = &fork_cases[i];
		struct tset *first, *second;

		memset(&parent, 0, sizeof(parent));
		parent.has_b = 1;
		for (int n = 0; n < c->depth; n++) {
			__u32 pruned, used;
			int overflow;

			tpush(&parent, F(n + 1), T(n + 1), RT64, &pruned, &used, &overflow);
		}
		/* What on_fork does: the forking thread's set, copied. */
		memcpy(&child, &parent, sizeof(child));
		first = c->child_first ? &child : &parent;
		second = c->child_first ? &parent : &child;
		for (int n = c->depth - 1; n >= 0; n--) {
			__u32 used;

			CHECK_CASE(c->name, tret(first, F(n + 1), RT64, &used) == (__u32)n + 1);
			CHECK_CASE(c->name, (int)used == n + 1);
		}
		for (int n = c->depth - 1; n >= 0; n--) {
			__u32 used;

			CHECK_CASE(c->name, tret(second, F(n + 1), RT64, &used) == (__u32)n + 1);
			CHECK_CASE(c->name, (int)used == n + 1);
		}
	}
}

/* Which entry an exit completes, when the kernel may skip either program (sigscope_exit_pairing).
 * The sig_threads case on 7.2+ kernels: a pending entry from the previous sigreturn (its exit
 * skipped), this sigreturn's entry skipped, and a live delivery whose frame the kernel restored:
 * stale, never a TOCTOU. */
static const struct exit_case {
	const char *name;
	int pending, frame_ok;
	__u32 mismatch;
	int explained, plain;
	int want;
	int never_skipped; /* exits_never_skipped: the cases above it run with it clear */
} exit_cases[] = {
    {"own exit: restored exactly the frame read", 1, 1, 0, 0, 0, SIGSCOPE_EXIT_OWN, 0},
    {"own exit, a live delivery explains it too", 1, 1, 0, 1, 0, SIGSCOPE_EXIT_OWN, 0},
    {"toctou: frame rewritten, nothing explains it", 1, 1, 1u << SIGSCOPE_REG_RIP, 0, 0,
     SIGSCOPE_EXIT_OWN, 0},
    {"stale pending: its exit and this entry skipped", 1, 1, 1u << SIGSCOPE_REG_RIP, 1, 0,
     SIGSCOPE_EXIT_STALE, 0},
    {"stale pending, frame unreadable at its entry", 1, 0, 0, 1, 0, SIGSCOPE_EXIT_STALE, 0},
    {"own exit of a frame unreadable at entry", 1, 0, 0, 0, 0, SIGSCOPE_EXIT_OWN, 0},
    {"stale pending, then syscall(-1)", 1, 1, 1u << SIGSCOPE_REG_RAX, 0, 1,
     SIGSCOPE_EXIT_STALE_NOT_SIGRETURN, 0},
    {"entry skipped, a live delivery explains it", 0, 0, 0, 1, 0, SIGSCOPE_EXIT_ALONE, 0},
    {"entry skipped, nothing explains it: forged", 0, 0, 0, 0, 0, SIGSCOPE_EXIT_ALONE, 0},
    {"no entry: syscall(-1)", 0, 0, 0, 0, 1, SIGSCOPE_EXIT_NOT_SIGRETURN, 0},
    {"no entry, plain-looking but a delivery explains it", 0, 0, 0, 1, 1, SIGSCOPE_EXIT_ALONE, 0},
    /* A kernel that never skips our exits: a pending entry is always this exit's own (red team
     * round 10: an abandoned delivery's context restored through a rewritten frame) */
    {"never skipped: rewritten to an abandoned delivery's context", 1, 1, 1u << SIGSCOPE_REG_RIP, 1,
     0, SIGSCOPE_EXIT_OWN, 1},
    {"never skipped: unreadable at entry, another delivery's context", 1, 0, 0, 1, 0,
     SIGSCOPE_EXIT_OWN, 1},
    {"never skipped: plain-looking with an entry pending", 1, 1, 1u << SIGSCOPE_REG_RAX, 0, 1,
     SIGSCOPE_EXIT_OWN, 1},
    {"never skipped: no entry, syscall(-1)", 0, 0, 0, 0, 1, SIGSCOPE_EXIT_NOT_SIGRETURN, 1},
    {"never skipped: no entry, a delivery explains it", 0, 0, 0, 1, 0, SIGSCOPE_EXIT_ALONE, 1},
};

TEST(pairing_exit_decision_table)
{
	for (size_t i = 0; i < sizeof(exit_cases) / sizeof(exit_cases[0]); i++) {
		const struct exit_case *c = &exit_cases[i];

		CHECK_CASE(c->name,
			   sigscope_exit_pairing(c->pending, c->frame_ok, c->mismatch, c->explained,
						 c->plain, c->never_skipped) == c->want);
	}
}

/* An exit whose entry was skipped looks for the restored registers among the saved contexts,
 * and notes the newest delivery (whose frame may hold what its handler changed). */
TEST(pairing_walk_find_context)
{
	static struct tset s;
	struct sigscope_walk w;
	__u64 regs[SIGSCOPE_NREGS] = {0};
	__u32 pruned, used;
	int overflow, a, b;

	memset(&s, 0, sizeof(s));
	a = tpush(&s, F(1), T(1), RT64, &pruned, &used, &overflow);
	b = tpush(&s, F(2), T(2), RT64, &pruned, &used, &overflow);
	CHECK(a >= 0 && b >= 0);
	s.a[a].regs[SIGSCOPE_REG_RIP] = 0x401000;
	s.a[a].regs[SIGSCOPE_REG_CS] = 0x33;
	s.a[a].regs[SIGSCOPE_REG_SS] = 0x2b;
	s.a[b].regs[SIGSCOPE_REG_RIP] = 0x402000;
	s.a[b].regs[SIGSCOPE_REG_CS] = 0x33;
	s.a[b].regs[SIGSCOPE_REG_SS] = 0x2b;
	regs[SIGSCOPE_REG_RIP] = 0x401000;
	regs[SIGSCOPE_REG_CS] = 0x33;
	regs[SIGSCOPE_REG_SS] = 0x2b; /* restored with RPL 3, as the kernel forces it */
	walk_init(&s, &w);
	w.find_regs = regs;
	sigscope_walk(&w);
	CHECK(w.found_ctx == a);
	CHECK(w.newest == (__u32)b && w.newest_seq == s.a[b].seq);
	regs[SIGSCOPE_REG_RIP] = 0x403000; /* nobody's */
	walk_init(&s, &w);
	w.find_regs = regs;
	sigscope_walk(&w);
	CHECK(w.found_ctx == -1);
	regs[SIGSCOPE_REG_RIP] = 0x402000;
	regs[SIGSCOPE_REG_EFLAGS] = 0x200000; /* a bit restore_sigcontext() does not take */
	walk_init(&s, &w);
	w.find_regs = regs;
	sigscope_walk(&w);
	CHECK(w.found_ctx == b);
	walk_init(&s, &w); /* no find_regs: nothing looked for */
	sigscope_walk(&w);
	CHECK(w.found_ctx == -1);
}
