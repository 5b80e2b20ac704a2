/*
 * PE export offsets (src/proc/pe.c). Ground truth comes from binutils, not from the code under
 * test: a small DLL built here with mingw-w64 (exports in .text and .rdata, and a forwarder), and
 * Wine's ntdll.dll when it is installed, whose export RVAs (objdump -p) and section headers
 * (objdump -h) give the expected file offsets. A PE32 image is built by hand (Debian's mingw
 * binutils cannot link i386pe without the 32-bit compiler). Then hostile copies: truncated at
 * every length, lying counts and RVAs, random bytes; each must give -1 or the right offset, and
 * never a crash (this harness runs under ASan and UBSan).
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "proc/pe.h"

#define MINGW_GCC     "x86_64-w64-mingw32-gcc"
#define MINGW_OBJDUMP "x86_64-w64-mingw32-objdump"
#define WINE_NTDLL    "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ntdll.dll"

/* Each export's code starts with its name in ASCII: the bytes at the offset found prove it too. */
static const char fixture_asm[] = ".text\n"
				  ".globl fx_alpha\nfx_alpha: .ascii \"FX_ALPHA\"\nret\n"
				  ".p2align 4\n"
				  ".globl fx_beta\nfx_beta: .ascii \"FX_BETA_\"\nret\n"
				  ".section .rdata,\"dr\"\n.p2align 4\n"
				  ".globl fx_table\nfx_table: .ascii \"FX_TABLE\"\n";
static const char fixture_def[] = "LIBRARY fx.dll\nEXPORTS\n fx_alpha\n fx_beta\n fx_table DATA\n"
				  " fx_fwd = NTDLL.RtlZeroMemory\n";

static char dir[64];
static char dll_path[128];   /* mingw's default FileAlignment, 0x200: offsets are not RVAs */
static char dll4k_path[128]; /* FileAlignment 0x1000, as Wine's own DLLs */
static int built = -1;

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* Builds the fixture DLLs once: 1 when they are there, 0 when this machine cannot build them. */
static int build_fixture(void)
{
	char src[128], def[128], cmd[1024];

	if (built >= 0)
		return built;
	built = 0;
	snprintf(dir, sizeof(dir), "/tmp/sigscope-pe-XXXXXX");
	if (!mkdtemp(dir))
		return 0;
	snprintf(src, sizeof(src), "%s/fx.s", dir);
	snprintf(def, sizeof(def), "%s/fx.def", dir);
	snprintf(dll_path, sizeof(dll_path), "%s/fx.dll", dir);
	snprintf(dll4k_path, sizeof(dll4k_path), "%s/fx4k.dll", dir);
	if (write_file(src, fixture_asm, strlen(fixture_asm)) != 0 ||
	    write_file(def, fixture_def, strlen(fixture_def)) != 0)
		return 0;
	snprintf(cmd, sizeof(cmd),
		 MINGW_GCC " -shared -nostdlib -Wl,-e,0 -s -o %s %s %s 2>/dev/null && " MINGW_GCC
			   " -shared -nostdlib -Wl,-e,0 -Wl,--file-alignment,0x1000 -s -o %s %s %s "
			   "2>/dev/null",
		 dll_path, src, def, dll4k_path, src, def);
	built = system(cmd) == 0;
	return built;
}

/*
 * The file offset of export name according to binutils: its RVA from `objdump -p` (the
 * [Ordinal/Name Pointer] table gives its index in the Export Address Table), the section that
 * holds it from `objdump -h` (VMA - ImageBase, size, file offset). 0 and *off, or -1.
 */
static int objdump_offset(const char *path, const char *name, uint64_t *off)
{
	char cmd[512], line[512];
	unsigned long long image_base = 0, rva = 0, v, size, vma, lma, foff;
	long want = -1, idx;
	int in_names = 0, have_rva = 0, ret = -1;
	FILE *p;

	snprintf(cmd, sizeof(cmd), MINGW_OBJDUMP " -p %s 2>/dev/null", path);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	/* The name table comes after the address table: two passes over the text. */
	while (fgets(line, sizeof(line), p)) {
		char n[256];

		if (sscanf(line, "ImageBase %llx", &v) == 1)
			image_base = v;
		if (strstr(line, "[Ordinal/Name Pointer] Table"))
			in_names = 1;
		else if (in_names && sscanf(line, " [%ld] %255s", &idx, n) == 2 && !strcmp(n, name))
			want = idx;
	}
	pclose(p);
	if (want < 0)
		return -1;
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p)) {
		long b;

		if (sscanf(line, " [%ld] +base[%ld] %llx Export RVA", &idx, &b, &v) == 3 &&
		    idx == want && strstr(line, "Export RVA")) {
			rva = v;
			have_rva = 1;
		}
	}
	pclose(p);
	if (!have_rva)
		return -1;
	snprintf(cmd, sizeof(cmd), MINGW_OBJDUMP " -h %s 2>/dev/null", path);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p)) {
		char n[64];

		if (sscanf(line, " %ld %63s %llx %llx %llx %llx", &idx, n, &size, &vma, &lma,
			   &foff) == 6 &&
		    ret != 0 && rva >= vma - image_base && rva - (vma - image_base) < size) {
			*off = rva - (vma - image_base) + foff;
			ret = 0;
		}
	}
	pclose(p);
	return ret;
}

static int export_offset(const char *path, const char *name, uint64_t *off)
{
	int fd = open(path, O_RDONLY);
	int r;

	if (fd < 0)
		return -2;
	r = pe_export_offset(fd, name, off);
	close(fd);
	return r;
}

/* The first n bytes at off in path equal want. */
static int bytes_at(const char *path, uint64_t off, const char *want, size_t n)
{
	char buf[64];
	int fd = open(path, O_RDONLY);
	ssize_t got;

	if (fd < 0 || n > sizeof(buf))
		return 0;
	got = pread(fd, buf, n, (off_t)off);
	close(fd);
	return got == (ssize_t)n && memcmp(buf, want, n) == 0;
}

static int read_all(const char *path, unsigned char **data, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	*data = NULL;
	if (fd < 0 || fstat(fd, &st) != 0 || st.st_size <= 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*len = (size_t)st.st_size;
	*data = malloc(*len);
	if (!*data || pread(fd, *data, *len, 0) != (ssize_t)*len) {
		close(fd);
		free(*data);
		*data = NULL;
		return -1;
	}
	close(fd);
	return 0;
}

/* pe_export_offset on a memory image, through a temporary file. */
static int mem_offset(const unsigned char *data, size_t len, const char *name, uint64_t *off)
{
	char path[] = "/tmp/sigscope-pe-mem-XXXXXX";
	int fd = mkstemp(path), r;

	if (fd < 0)
		return -2;
	unlink(path);
	if (len && write(fd, data, len) != (ssize_t)len) {
		close(fd);
		return -2;
	}
	r = pe_export_offset(fd, name, off);
	close(fd);
	return r;
}

static void put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

/*
 * A hand-built PE32 image (magic 0x10b, 16 data directories) with one section: VA 0x1000, raw
 * data at 0x200 (0x200 bytes). Exports, names deliberately unsorted: "zz_fn" at RVA 0x1010 (file
 * 0x210), "aa_fwd" forwarded (its RVA is a string inside the export directory).
 */
#define SYN_LEN 0x400
static void build_pe32(unsigned char *img)
{
	unsigned char *coff, *opt, *sec, *ed;

	memset(img, 0, SYN_LEN);
	img[0] = 'M';
	img[1] = 'Z';
	put32(img + 0x3c, 0x80);
	memcpy(img + 0x80, "PE\0\0", 4);
	coff = img + 0x84;
	put16(coff, 0x14c); /* i386 */
	put16(coff + 2, 1);
	put16(coff + 16, 224);
	opt = coff + 20;
	put16(opt, 0x10b);
	put32(opt + 92, 16);
	put32(opt + 96, 0x1100); /* export directory RVA */
	put32(opt + 100, 0x100);
	sec = opt + 224;
	memcpy(sec, ".text", 5);
	put32(sec + 8, 0x200);
	put32(sec + 12, 0x1000);
	put32(sec + 16, 0x200);
	put32(sec + 20, 0x200);
	memcpy(img + 0x210, "SYN_FN__", 8);
	ed = img + 0x300;	/* RVA 0x1100 */
	put32(ed + 16, 1);	/* ordinal base */
	put32(ed + 20, 2);	/* functions */
	put32(ed + 24, 2);	/* names */
	put32(ed + 28, 0x1140); /* address table */
	put32(ed + 32, 0x1150); /* name table */
	put32(ed + 36, 0x1160); /* ordinal table */
	put32(img + 0x340, 0x1010);
	put32(img + 0x344, 0x1180);
	put32(img + 0x350, 0x1170); /* "zz_fn" first: the table is not sorted */
	put32(img + 0x354, 0x1178);
	put16(img + 0x360, 0);
	put16(img + 0x362, 1);
	memcpy(img + 0x370, "zz_fn", 6);
	memcpy(img + 0x378, "aa_fwd", 7);
	memcpy(img + 0x380, "NTDLL.X", 8);
}

TEST(pe_fixture_matches_objdump)
{
	static const struct {
		const char *name, *marker;
	} exp[] = {{"fx_alpha", "FX_ALPHA"}, {"fx_beta", "FX_BETA_"}, {"fx_table", "FX_TABLE"}};
	const char *paths[2];
	uint64_t off, want;

	if (!build_fixture())
		SKIP(MINGW_GCC " (gcc-mingw-w64-x86-64) cannot build a DLL here");
	paths[0] = dll_path;
	paths[1] = dll4k_path;
	for (int p = 0; p < 2; p++) {
		for (size_t i = 0; i < sizeof(exp) / sizeof(exp[0]); i++) {
			CHECK(objdump_offset(paths[p], exp[i].name, &want) == 0);
			CHECK(export_offset(paths[p], exp[i].name, &off) == 0);
			CHECK_CASE(exp[i].name, off == want);
			CHECK_CASE(exp[i].name, bytes_at(paths[p], off, exp[i].marker, 8));
		}
		/* A forwarder names code in another DLL; no export; an empty name. */
		CHECK(export_offset(paths[p], "fx_fwd", &off) == -1);
		CHECK(export_offset(paths[p], "fx_gamma", &off) == -1);
		CHECK(export_offset(paths[p], "fx_alph", &off) == -1);
		CHECK(export_offset(paths[p], "", &off) == -1);
	}
	/* With FileAlignment 0x200 the offset is not the RVA: the translation is really done. */
	CHECK(export_offset(dll_path, "fx_alpha", &off) == 0 && off < 0x1000);
}

TEST(pe_wine_ntdll_matches_objdump)
{
	static const char *const names[] = {"KiUserExceptionDispatcher", "KiUserApcDispatcher",
					    "KiUserCallbackDispatcher"};
	uint64_t off, want;

	if (access(WINE_NTDLL, R_OK) != 0)
		SKIP(WINE_NTDLL " is not installed (wine64)");
	if (system(MINGW_OBJDUMP " --version >/dev/null 2>&1") != 0)
		SKIP(MINGW_OBJDUMP " (binutils-mingw-w64-x86-64) is not installed");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CHECK_CASE(names[i], objdump_offset(WINE_NTDLL, names[i], &want) == 0);
		CHECK_CASE(names[i], export_offset(WINE_NTDLL, names[i], &off) == 0);
		CHECK_CASE(names[i], off == want);
		printf("  %s: file offset 0x%" PRIx64 "\n", names[i], off);
	}
	CHECK(export_offset(WINE_NTDLL, "KiUserNoSuchDispatcher", &off) == -1);
}

TEST(pe_pe32_by_hand)
{
	unsigned char img[SYN_LEN];
	uint64_t off = 0;

	build_pe32(img);
	CHECK(mem_offset(img, sizeof(img), "zz_fn", &off) == 0);
	CHECK(off == 0x210 && memcmp(img + off, "SYN_FN__", 8) == 0);
	CHECK(mem_offset(img, sizeof(img), "aa_fwd", &off) == -1);
	CHECK(mem_offset(img, sizeof(img), "zz", &off) == -1);
	/* The same image with a PE32+ magic reads its directories 16 bytes further: none there. */
	put16(img + 0x98, 0x20b);
	CHECK(mem_offset(img, sizeof(img), "zz_fn", &off) == -1);
}

TEST(pe_not_pe_and_empty)
{
	static const unsigned char mz_only[] = {'M', 'Z'};
	uint64_t off;
	int fd;

	CHECK(mem_offset(NULL, 0, "x", &off) == -1);
	CHECK(mem_offset(mz_only, sizeof(mz_only), "x", &off) == -1);
	CHECK(export_offset("/proc/self/exe", "main", &off) == -1); /* an ELF */
	fd = open("/dev/null", O_RDONLY);			    /* not a regular file */
	CHECK(fd >= 0);
	CHECK(pe_export_offset(fd, "x", &off) == -1);
	close(fd);
	CHECK(pe_export_offset(-1, "x", &off) == -1);
}

/* Cut at every length: -1 until everything the answer needs is in the file, then the answer. */
static void truncations(const unsigned char *data, size_t len, const char *name, uint64_t want,
			int *failed)
{
	char path[] = "/tmp/sigscope-pe-cut-XXXXXX";
	int fd = mkstemp(path);
	int wrong = 0;
	uint64_t off;

	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		*failed = 1;
		return;
	}
	unlink(path);
	for (size_t n = len + 1; n-- > 0;) {
		int r;

		if (ftruncate(fd, (off_t)n) != 0)
			break;
		off = 0;
		r = pe_export_offset(fd, name, &off);
		if (r != -1 && !(r == 0 && off == want && off < n))
			wrong++;
	}
	close(fd);
	if (wrong) {
		fprintf(stderr, "  %s: %d truncations gave a wrong answer\n", name, wrong);
		*failed = 1;
	}
}

TEST(pe_truncated)
{
	unsigned char img[SYN_LEN], *data;
	uint64_t want;
	size_t len;

	build_pe32(img);
	truncations(img, sizeof(img), "zz_fn", 0x210, unit_failed_);
	if (!build_fixture())
		SKIP(MINGW_GCC " cannot build a DLL here (the hand-built PE32 was checked)");
	CHECK(read_all(dll_path, &data, &len) == 0);
	if (export_offset(dll_path, "fx_beta", &want) == 0)
		truncations(data, len, "fx_beta", want, unit_failed_);
	else
		*unit_failed_ = 1;
	free(data);
}

/* Header fields that lie: each patched copy gives -1 (or, marked, still the right answer). */
TEST(pe_lying_fields)
{
	unsigned char img[SYN_LEN], bad[SYN_LEN];
	static const struct {
		const char *what;
		size_t at;
		int width;
		uint32_t value;
		int still_ok;
	} lies[] = {
	    {"e_lfanew past the file", 0x3c, 4, 0xfffffff0, 0},
	    {"e_lfanew at the end", 0x3c, 4, SYN_LEN - 2, 0},
	    {"no PE signature", 0x80, 4, 0x12345678, 0},
	    {"unknown magic", 0x98, 2, 0x107, 0},
	    {"no sections", 0x86, 2, 0, 0},
	    {"65535 sections", 0x86, 2, 0xffff, 0},
	    {"optional header too small", 0x94, 2, 64, 0},
	    {"optional header past the file", 0x94, 2, 0xfff0, 0},
	    {"no data directories", 0x98 + 92, 4, 0, 0},
	    {"export directory RVA past 4 GiB", 0x98 + 96, 4, 0xfffffffc, 0},
	    {"no export directory", 0x98 + 96, 4, 0, 0},
	    {"section raw data past the file", 0x98 + 224 + 20, 4, 0xfffffe00, 0},
	    {"section raw size larger than the file", 0x98 + 224 + 16, 4, 0xffffffff, 1},
	    {"section at the top of the RVA space", 0x98 + 224 + 12, 4, 0xffffff00, 0},
	    {"virtual size cuts the tables off", 0x98 + 224 + 8, 4, 0x120, 0},
	    {"4 billion names", 0x300 + 24, 4, 0xffffffff, 0},
	    {"no names", 0x300 + 24, 4, 0, 0},
	    {"no functions", 0x300 + 20, 4, 0, 0},
	    {"address table past 4 GiB", 0x300 + 28, 4, 0xfffffffe, 0},
	    {"name table outside the sections", 0x300 + 32, 4, 0x9000, 0},
	    {"ordinal table at the section's end", 0x300 + 36, 4, 0x11ff, 0},
	    {"name RVA outside the sections", 0x350, 4, 0x7fffffff, 0},
	    {"name at the section's last byte", 0x350, 4, 0x11ff, 0},
	    {"ordinal past the functions", 0x360, 2, 0xffff, 0},
	    {"function RVA 0", 0x340, 4, 0, 0},
	    {"function RVA outside the sections", 0x340, 4, 0x5000, 0},
	    {"function RVA in the export directory (forwarder)", 0x340, 4, 0x1120, 0},
	};
	uint64_t off;

	build_pe32(img);
	for (size_t i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		int r;

		memcpy(bad, img, sizeof(img));
		if (lies[i].width == 2)
			put16(bad + lies[i].at, lies[i].value);
		else
			put32(bad + lies[i].at, lies[i].value);
		off = 0;
		r = mem_offset(bad, sizeof(bad), "zz_fn", &off);
		if (lies[i].still_ok)
			CHECK_CASE(lies[i].what, r == 0 && off == 0x210);
		else
			CHECK_CASE(lies[i].what, r == -1);
	}
	/* Names that run to the section's end without a NUL never match, nor read past it. */
	memcpy(bad, img, sizeof(img));
	put32(bad + 0x350, 0x11fb);
	memcpy(bad + 0x3fb, "zz_fn", 5);
	CHECK(mem_offset(bad, sizeof(bad), "zz_fn", &off) == -1);
}

/* Random bytes over the headers and tables of the real DLL: anything but a crash or a wrong
 * answer (a changed answer must still be a readable offset in the file). */
TEST(pe_random_corruption)
{
	unsigned char *data, *bad;
	uint64_t want, off;
	uint32_t seed = 0x5eed1234;
	size_t len, hdr;
	int answered = 0;

	if (!build_fixture())
		SKIP(MINGW_GCC " cannot build a DLL here");
	CHECK(read_all(dll_path, &data, &len) == 0);
	CHECK(export_offset(dll_path, "fx_alpha", &want) == 0);
	bad = malloc(len);
	CHECK(bad);
	/* The headers end before .text's raw data; the export tables are in .edata. */
	hdr = 0x400 < len ? 0x400 : len;
	for (int round = 0; round < 3000; round++) {
		memcpy(bad, data, len);
		for (int k = 0; k < 1 + round % 8; k++) {
			size_t at;

			seed = seed * 1103515245u + 12345u;
			at = (seed >> 8) % (k & 1 ? len : hdr);
			seed = seed * 1103515245u + 12345u;
			bad[at] = (unsigned char)(seed >> 16);
		}
		off = 0;
		if (mem_offset(bad, len, "fx_alpha", &off) == 0) {
			answered++;
			CHECK_CASE("corrupted copy", off < len);
		}
	}
	printf("  %d of 3000 corrupted copies still gave an offset\n", answered);
	free(bad);
	free(data);
}

TEST(pe_fixture_cleanup)
{
	char path[192];

	if (built != 1)
		SKIP("no fixture was built");
	snprintf(path, sizeof(path), "%s/fx.s", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/fx.def", dir);
	unlink(path);
	unlink(dll_path);
	unlink(dll4k_path);
	CHECK(rmdir(dir) == 0);
}
