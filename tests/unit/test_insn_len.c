/*
 * The x86 instruction length decoder (src/shared/insn_len.h): hand-written tricky cases with the
 * reason for each length, then every instruction objdump finds in real code of both modes.
 */
#include <ctype.h>
#include <stdlib.h>
#include <unistd.h>

#include "shared/insn_len.h"
#include "unit.h"

struct insn_case {
	int mode;
	__u32 len; /* 0: not a complete valid instruction */
	__u32 n;
	__u8 b[16];
	const char *why;
};

#define L64 SIGSCOPE_INSN_64
#define L32 SIGSCOPE_INSN_32

static const struct insn_case cases[] = {
    {L64, 1, 1, {0x90}, "nop"},
    {L64, 2, 2, {0x0f, 0x0b}, "ud2: the usual faulting instruction"},
    {L64, 3, 3, {0x48, 0x89, 0xe5}, "REX.W mov: REX is one byte"},
    {L64, 10, 10, {0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8}, "movabs imm64: b8+r with REX.W"},
    {L64, 5, 5, {0xb8, 1, 2, 3, 4}, "mov eax, imm32"},
    {L64, 4, 4, {0x66, 0xb8, 1, 2}, "66 mov ax, imm16"},
    {L64, 11, 11, {0x66, 0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8}, "REX.W beats 66"},
    {L64, 5, 5, {0x48, 0x66, 0xb8, 1, 2}, "REX before 66 is void: imm16"},
    {L64, 9, 9, {0xa1, 1, 2, 3, 4, 5, 6, 7, 8}, "moffs is 8 bytes in long mode"},
    {L64, 6, 6, {0x67, 0xa1, 1, 2, 3, 4}, "moffs with 67 is 4 bytes"},
    {L32, 5, 5, {0xa1, 1, 2, 3, 4}, "moffs is 4 bytes in 32-bit mode"},
    {L32, 4, 4, {0x67, 0xa1, 1, 2}, "moffs with 67 is 2 bytes in 32-bit mode"},
    {L64, 6, 6, {0x8b, 0x05, 1, 2, 3, 4}, "rip-relative: mod 00 rm 101 disp32"},
    {L64, 7, 7, {0x8b, 0x04, 0x25, 1, 2, 3, 4}, "SIB with base 101 mod 00: disp32"},
    {L64, 4, 4, {0x8b, 0x44, 0x24, 8}, "SIB + disp8"},
    {L64, 7, 7, {0x8b, 0x84, 0x24, 1, 2, 3, 4}, "SIB + disp32"},
    {L32, 4, 4, {0x67, 0x8b, 0x46, 8}, "16-bit addressing: [bp+disp8], no SIB"},
    {L32, 5, 5, {0x67, 0x8b, 0x06, 1, 2}, "16-bit addressing: mod 00 rm 110 is disp16"},
    {L32, 3, 3, {0x67, 0x8b, 0x04}, "16-bit addressing: rm 100 is [si], not a SIB"},
    {L64, 4, 4, {0x67, 0x8b, 0x04, 0x24}, "67 in long mode is 32-bit addressing: SIB stays"},
    {L64, 3, 3, {0xf6, 0xc0, 0x7f}, "f6 /0 TEST has an imm8"},
    {L64, 2, 2, {0xf6, 0xd8}, "f6 /3 NEG has none"},
    {L64, 6, 6, {0xf7, 0xc0, 1, 2, 3, 4}, "f7 /0 TEST has an imm32"},
    {L64, 5, 5, {0x66, 0xf7, 0xc0, 1, 2}, "66 f7 /0 TEST has an imm16"},
    {L64, 2, 2, {0xf7, 0xf1}, "f7 /6 DIV has none: the divide error"},
    {L64, 4, 4, {0xc8, 1, 2, 3}, "enter: imm16 + imm8"},
    {L64, 3, 3, {0xc2, 8, 0}, "ret imm16"},
    {L32, 7, 7, {0xea, 1, 2, 3, 4, 5, 6}, "jmp far ptr16:32"},
    {L32, 6, 6, {0x66, 0x9a, 1, 2, 3, 4}, "call far ptr16:16"},
    {L64, 0, 7, {0xea, 1, 2, 3, 4, 5, 6}, "jmp far is invalid in long mode"},
    {L32, 1, 1, {0x48}, "40-4f are dec/inc in 32-bit mode"},
    {L64, 0, 1, {0x48}, "a lone REX is no instruction"},
    {L64, 0, 1, {0x06}, "push es is invalid in long mode"},
    {L32, 1, 1, {0x06}, "push es"},
    {L64, 0, 2, {0xd4, 0x0a}, "aam is invalid in long mode"},
    {L32, 2, 2, {0xd4, 0x0a}, "aam imm8"},
    {L64, 3, 3, {0xc5, 0xf8, 0x77}, "vzeroupper: c5 + payload + opcode, no ModRM"},
    {L64, 4, 4, {0xc5, 0xf9, 0x6f, 0xc1}, "vmovdqa xmm0, xmm1 (VEX2)"},
    {L64, 6, 6, {0xc4, 0xe3, 0x79, 0x0f, 0xc1, 5}, "vpalignr: VEX3 map 0f3a has imm8"},
    {L64, 5, 5, {0xc5, 0xf9, 0x70, 0xc1, 5}, "vpshufd: map 1 opcode 70 has imm8"},
    {L64, 0, 5, {0x66, 0xc5, 0xf9, 0x6f, 0xc1}, "66 before VEX: #UD"},
    {L64, 5, 5, {0x2e, 0xc5, 0xf9, 0x6f, 0xc1}, "a segment before VEX is fine"},
    {L32, 2, 2, {0xc5, 0x06}, "lds in 32-bit mode: ModRM not mod 11"},
    {L32, 6, 6, {0xc4, 0x05, 1, 2, 3, 4}, "les [disp32] in 32-bit mode"},
    {L32, 4, 4, {0xc5, 0xf9, 0x6f, 0xc1}, "VEX in 32-bit mode: mod 11"},
    {L64, 8, 8, {0x62, 0xf1, 0x7c, 0x48, 0x28, 0x44, 0x24, 0x01}, "EVEX vmovaps zmm, disp8*N"},
    {L64, 7, 7, {0x62, 0xf3, 0x7d, 0x48, 0x03, 0xc1, 3}, "EVEX valignd: map 3 imm8"},
    {L32, 2, 2, {0x62, 0x06}, "bound in 32-bit mode"},
    {L32, 6, 6, {0x62, 0xf1, 0x7c, 0x48, 0x28, 0xc1}, "EVEX in 32-bit mode: top bits 11"},
    {L64, 0, 6, {0x62, 0xf4, 0x7c, 0x48, 0x28, 0xc1}, "EVEX map 4 is not one we know"},
    {L64, 6, 6, {0x8f, 0xe8, 0x78, 0xc2, 0xc1, 1}, "XOP map 8: imm8"},
    {L64, 9, 9, {0x8f, 0xea, 0x78, 0x10, 0xc1, 1, 2, 3, 4}, "XOP map 0a (bextr): imm32"},
    {L64, 2, 2, {0x8f, 0xc0}, "8f /0 pop, map select < 8"},
    {L64, 4, 4, {0x0f, 0x0f, 0xc1, 0x9e}, "3DNow!: ModRM + imm8 opcode"},
    {L64, 6, 6, {0x66, 0x0f, 0x3a, 0x0f, 0xc1, 4}, "palignr: 0f3a imm8"},
    {L64, 5, 5, {0x66, 0x0f, 0x38, 0x00, 0xc1}, "pshufb: 0f38, no imm"},
    {L64, 3, 3, {0x0f, 0x20, 0xd8}, "mov rax, cr3"},
    {L64, 3, 3, {0x0f, 0x20, 0x05}, "mov cr: mod is ignored, no disp32"},
    {L64, 6, 6, {0x0f, 0x84, 1, 2, 3, 4}, "jz rel32"},
    {L64, 0, 7, {0x66, 0x0f, 0x84, 1, 2, 3, 4}, "66 jz in long mode: rel32 on Intel, rel16 on AMD"},
    {L64, 0, 6, {0x66, 0xe8, 1, 2, 3, 4}, "66 call in long mode: 6 bytes on Intel, 4 on AMD"},
    {L64, 0, 6, {0x66, 0xe9, 1, 2, 3, 4}, "66 jmp in long mode: vendor-dependent too"},
    {L64, 5, 5, {0xe8, 1, 2, 3, 4}, "call rel32"},
    {L32, 4, 4, {0x66, 0xe8, 1, 2}, "66 call in 32-bit mode: rel16 everywhere"},
    {L32, 5, 5, {0x66, 0x0f, 0x84, 1, 2}, "66 jz in 32-bit mode: rel16"},
    {L64, 5, 5, {0x68, 1, 2, 3, 4}, "push imm32"},
    {L64, 3, 3, {0x66, 0x6a, 1}, "push imm8"},
    {L64, 6, 6, {0x66, 0x0f, 0x78, 0xc1, 1, 2}, "extrq: imm8 imm8"},
    {L64, 3, 3, {0x0f, 0x78, 0xc1}, "vmread: no imm"},
    {L64, 4, 4, {0xf3, 0x0f, 0x1e, 0xfa}, "endbr64"},
    {L64, 10, 10, {0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0}, "cs nopw: two prefixes"},
    {L64, 2, 2, {0xd9, 0xe8}, "x87 fld1: mod 11, two bytes"},
    {L64, 6, 6, {0xdd, 0x05, 1, 2, 3, 4}, "x87 fld qword [rip+disp32]"},
    {L64,
     15,
     15,
     {0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0},
     "15 bytes exactly"},
    {L64,
     0,
     15,
     {0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0},
     "16 bytes: #GP, longer than 15"},
    {L64,
     0,
     15,
     {0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66},
     "15 prefixes and no opcode"},
    {L64, 0, 5, {0x48, 0xb8, 1, 2, 3}, "movabs cut short"},
    {L64, 0, 0, {0}, "nothing readable"},
    {L64, 0, 1, {0x0f}, "an escape alone"},
    {L64, 0, 2, {0x0f, 0x04}, "0f 04 is reserved"},
    {L64, 6, 6, {0xc7, 0xf8, 1, 2, 3, 4}, "xbegin rel32"},
    {L64, 0, 3, {0x8b, 0x44, 0x24}, "disp8 missing"},
    {L64, 2, 15, {0xcd, 0x80, 0x90}, "int 0x80: the length, not n"},
};

TEST(insn_len_tricky_cases)
{
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct insn_case *c = &cases[i];

		CHECK_CASE(c->why, sigscope_insn_len(c->b, c->n, c->mode) == c->len);
		if (c->len > 0)
			CHECK_CASE(c->why, sigscope_insn_len(c->b, c->len - 1, c->mode) == 0);
	}
}

/* Instructions that exist only to trap: no skip over one is explained (red team round 7). */
TEST(insn_is_trap)
{
	static const struct {
		__u8 b[4];
		__u32 n;
		int mode, want;
		const char *why;
	} t[] = {
	    {{0x0f, 0x0b}, 2, L64, 1, "ud2"},
	    {{0x66, 0x0f, 0x0b}, 3, L64, 1, "ud2 with an operand-size prefix"},
	    {{0x48, 0x0f, 0x0b}, 3, L64, 1, "ud2 after a REX"},
	    {{0x48, 0x0f, 0x0b}, 3, L32, 0, "32-bit: 48 is dec eax, not a REX"},
	    {{0x0f, 0xb9, 0x00}, 3, L64, 1, "ud1"},
	    {{0x0f, 0xff, 0xc0}, 3, L64, 1, "ud0"},
	    {{0x0f, 0x0b}, 1, L64, 0, "ud2 cut short"},
	    {{0x0f, 0x05}, 2, L64, 0, "syscall"},
	    {{0x8b, 0x07}, 2, L64, 0, "mov (%rdi), %eax: a load a handler may skip"},
	    {{0xcc}, 1, L64, 0, "int3: SIGTRAP, judged apart"},
	};

	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK_CASE(t[i].why, sigscope_insn_is_trap(t[i].b, t[i].n, t[i].mode) == t[i].want);
}

/* Instructions that move control or the stack pointer: no skip over one is explained (red team
 * round 30: a faulting call and a faulting ret skipped). */
TEST(insn_moves_flow)
{
	static const struct {
		__u8 b[4];
		__u32 n;
		int mode, want;
		const char *why;
	} t[] = {
	    {{0xe8, 0, 0, 0}, 4, L64, 1, "call rel32"},
	    {{0xc3}, 1, L64, 1, "ret"},
	    {{0xf3, 0xc3}, 2, L64, 1, "rep ret"},
	    {{0xc2, 0x08, 0x00}, 3, L64, 1, "ret imm16"},
	    {{0xeb, 0x00}, 2, L64, 1, "jmp rel8"},
	    {{0x74, 0x00}, 2, L64, 1, "je rel8"},
	    {{0x0f, 0x84, 0, 0}, 4, L64, 1, "je rel32"},
	    {{0xff, 0xd0}, 2, L64, 1, "call *%rax"},
	    {{0x41, 0xff, 0x24, 0x24}, 4, L64, 1, "jmp *(%r12)"},
	    {{0xff, 0x30}, 2, L64, 1, "push (%rax)"},
	    {{0xff, 0x00}, 2, L64, 0, "incl (%rax): data"},
	    {{0x55}, 1, L64, 1, "push %rbp"},
	    {{0x41, 0x5c}, 2, L64, 1, "pop %r12"},
	    {{0x8f, 0x00}, 2, L64, 1, "pop (%rax)"},
	    {{0xc9}, 1, L64, 1, "leave"},
	    {{0x0f, 0x05}, 2, L64, 1, "syscall"},
	    {{0xcd, 0x80}, 2, L64, 1, "int $0x80"},
	    {{0xe2, 0x00}, 2, L64, 1, "loop"},
	    {{0x9d}, 1, L64, 1, "popf"},
	    {{0x8b, 0x07}, 2, L64, 0, "mov (%rdi), %eax: a load a handler may skip"},
	    {{0x89, 0x07}, 2, L64, 0, "mov %eax, (%rdi): a store"},
	    {{0x84, 0x00}, 2, L64, 0, "test %al, (%rax): a guard load (Go's are judged apart)"},
	    {{0x48, 0x50}, 2, L32, 0, "32-bit: 48 is dec eax, then push: the first instruction"},
	    {{0xe8}, 0, L64, 0, "nothing read"},
	};

	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK_CASE(t[i].why,
			   sigscope_insn_moves_flow(t[i].b, t[i].n, t[i].mode) == t[i].want);
}

/*
 * Ground truth from objdump: every instruction it decodes in the executable sections of real
 * code must get objdump's length from the decoder, given the 15 bytes that follow it in the
 * file (as the kernel side reads them), and exactly its own bytes; one byte fewer must be 0.
 * Near branches with 66 in long mode, whose length depends on the CPU's vendor, are left out
 * (the decoder gives them none).
 */
struct xcheck {
	__u8 *buf;
	size_t nbuf, cap;
	struct {
		size_t off;
		unsigned long addr;
		__u32 len;
	} * insn;
	size_t ninsn, icap;
	unsigned long checked, skipped, bad, rexvex;
};

/* A near call, jmp or jcc after a 66 (and other legacy prefixes) in long mode. */
static int vendor_dependent(const __u8 *b, __u32 n)
{
	int saw66 = 0;
	__u32 i = 0;

	for (; i < n && (b[i] == 0x66 || b[i] == 0x2e || b[i] == 0x3e || b[i] == 0xf2 ||
			 b[i] == 0xf3 || (b[i] & 0xf0) == 0x40);
	     i++)
		saw66 |= b[i] == 0x66;
	return saw66 && i < n &&
	       (b[i] == 0xe8 || b[i] == 0xe9 ||
		(b[i] == 0x0f && i + 1 < n && (b[i + 1] & 0xf0) == 0x80));
}

static void xcheck_flush(struct xcheck *x, int mode, const char *path)
{
	for (size_t i = 0; i < x->ninsn; i++) {
		size_t off = x->insn[i].off, left = x->nbuf - off;
		__u32 len = x->insn[i].len, n = left < 15 ? (__u32)left : 15;
		__u32 got = sigscope_insn_len(x->buf + off, n, mode);

		x->checked++;
		/* objdump shows a REX before VEX as ignored; the CPU raises #UD (SDM 2.3.2). */
		if (mode == L64 && got == 0 && len > 1 && (x->buf[off] & 0xf0) == 0x40 &&
		    (x->buf[off + 1] == 0xc4 || x->buf[off + 1] == 0xc5)) {
			x->rexvex++;
			continue;
		}
		if (mode == L64 && got == 0 && vendor_dependent(x->buf + off, n)) {
			x->skipped++;
			continue;
		}
		if (got != len || sigscope_insn_len(x->buf + off, len, mode) != len ||
		    sigscope_insn_len(x->buf + off, len - 1, mode) != 0) {
			if (x->bad++ < 100) {
				fprintf(stderr, "  %s %lx: objdump %u, decoder %u:", path,
					x->insn[i].addr, len, got);
				for (__u32 j = 0; j < n; j++)
					fprintf(stderr, " %02x", x->buf[off + j]);
				fputc('\n', stderr);
			}
		}
	}
	x->nbuf = x->ninsn = 0;
}

/*
 * Lines that are no instruction boundary the CPU sees: prefixes objdump printed alone because a
 * REX came before a legacy prefix or the opcode after them was bad ("cs rex.WRX"), which the CPU
 * reads as one instruction with what follows; "(bad)"; ".byte" where data cut an instruction.
 * They occur in data OpenSSL keeps in .text.
 */
static int xcheck_not_insn(const char *mnem)
{
	static const char *const pfx[] = {"data16", "data32", "addr16", "addr32", "lock",
					  "repz",   "repnz",  "rep",	"cs",	  "ds",
					  "ss",	    "es",     "fs",	"gs",	  NULL};
	char tok[32];
	int off = 0, used;

	if (strstr(mnem, "(bad)") || strstr(mnem, ".byte"))
		return 1;
	while (sscanf(mnem + off, "%31s%n", tok, &used) == 1) {
		int known = !strncmp(tok, "rex", 3);

		for (int i = 0; pfx[i] && !known; i++)
			known = !strcmp(tok, pfx[i]);
		if (!known)
			return 0;
		off += used;
	}
	return 1;
}

static void xcheck_add(struct xcheck *x, size_t off, unsigned long addr, __u32 len)
{
	if (x->ninsn == x->icap) {
		x->icap = x->icap ? 2 * x->icap : 1 << 14;
		x->insn = realloc(x->insn, x->icap * sizeof(*x->insn));
	}
	x->insn[x->ninsn].off = off;
	x->insn[x->ninsn].addr = addr;
	x->insn[x->ninsn].len = len;
	x->ninsn++;
}

static void xcheck_report(struct xcheck *x, const char *what, int files)
{
	printf("  insn_len vs objdump, %s: %d files, %lu instructions, %lu disagree, %lu REX+VEX "
	       "the CPU refuses, %lu lone prefixes, (bad) or .byte skipped\n",
	       what, files, x->checked, x->bad, x->rexvex, x->skipped);
	free(x->buf);
	free(x->insn);
}

static int xcheck_file(struct xcheck *x, const char *path, int mode)
{
	char cmd[512], line[1024];
	unsigned long next = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "objdump -d -w %s --insn-width=15 '%s' 2>/dev/null",
		 mode == L64 ? "-M intel64" : "", path);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *s = line, *e;
		unsigned long addr = strtoul(s, &e, 16);
		__u32 len = 0;

		if (e == s || e[0] != ':' || e[1] != '\t') {
			/* A section header, a symbol, or "..." for zeros objdump skipped: a new
			 * run. */
			if (strstr(line, "...") || strstr(line, "Disassembly of"))
				xcheck_flush(x, mode, path);
			continue;
		}
		if (addr != next)
			xcheck_flush(x, mode, path);
		s = e + 2;
		while (isxdigit((unsigned char)s[0]) && isxdigit((unsigned char)s[1]) &&
		       s[2] == ' ') {
			if (x->nbuf == x->cap) {
				x->cap = x->cap ? 2 * x->cap : 1 << 16;
				x->buf = realloc(x->buf, x->cap);
			}
			x->buf[x->nbuf++] = (__u8)strtoul((char[3]){s[0], s[1], 0}, NULL, 16);
			len++;
			s += 3;
		}
		next = addr + len;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!len)
			continue;
		if (xcheck_not_insn(s)) {
			x->skipped++;
			continue;
		}
		/* "fstcw" & co. are fwait (9b) and fnstcw: two instructions to the CPU. */
		if (len > 1 && x->buf[x->nbuf - len] == 0x9b) {
			xcheck_add(x, x->nbuf - len, addr, 1);
			addr++;
			len--;
		}
		xcheck_add(x, x->nbuf - len, addr, len);
	}
	xcheck_flush(x, mode, path);
	return pclose(f);
}

/* Real code: libc, the loader and libm of both modes, and libcrypto (AVX-512, XOP, SHA, AES-NI). */
TEST(insn_len_matches_objdump_on_libraries)
{
	static const struct {
		const char *path;
		int mode;
	} corpus[] = {
	    {"/usr/lib/x86_64-linux-gnu/libc.so.6", L64},
	    {"/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", L64},
	    {"/usr/lib/x86_64-linux-gnu/libm.so.6", L64},
	    {"/usr/lib/x86_64-linux-gnu/libcrypto.so.3", L64},
	    {"/usr/lib32/libc.so.6", L32},
	    {"/usr/lib32/libm.so.6", L32},
	    {"/usr/lib32/ld-linux.so.2", L32},
	};
	struct xcheck x = {0};
	int files = 0;

	if (system("objdump --version >/dev/null 2>&1") != 0)
		SKIP("no objdump (binutils)");
	for (unsigned i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		if (access(corpus[i].path, R_OK) != 0)
			continue;
		CHECK(xcheck_file(&x, corpus[i].path, corpus[i].mode) == 0);
		files++;
	}
	xcheck_report(&x, "libraries", files);
	CHECK(files > 0 && x.checked > 0 && x.bad == 0);
}

/* Encodings compilers rarely emit (16-bit addressing, far pointers, XOP, 3DNow!, EVEX in ia32,
 * SSE4a, moffs), from tests/unit/insn_len_corpus.S assembled for each mode. */
TEST(insn_len_matches_objdump_on_rare_encodings)
{
	static const struct {
		const char *flag;
		int mode;
	} modes[] = {{"-m64", L64}, {"-m32", L32}};
	char dir[] = "/tmp/sigscope-insn-XXXXXX", obj[64], cmd[256];
	struct xcheck x = {0};
	int files = 0;

	if (system("objdump --version >/dev/null 2>&1") != 0)
		SKIP("no objdump (binutils)");
	CHECK(mkdtemp(dir) != NULL);
	for (unsigned i = 0; i < 2; i++) {
		snprintf(obj, sizeof(obj), "%s/c%s.o", dir, modes[i].flag);
		snprintf(cmd, sizeof(cmd), "${CC:-cc} %s -c tests/unit/insn_len_corpus.S -o %s",
			 modes[i].flag, obj);
		/* No multilib for -m32 on this machine: the ia32 libraries above still count. */
		if (system(cmd) != 0)
			continue;
		CHECK(xcheck_file(&x, obj, modes[i].mode) == 0);
		unlink(obj);
		files++;
	}
	rmdir(dir);
	xcheck_report(&x, "insn_len_corpus.S", files);
	CHECK(files > 0 && x.checked > 0 && x.bad == 0);
}
