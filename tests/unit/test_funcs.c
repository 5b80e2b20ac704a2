/*
 * Function entries by name (src/proc/funcs.c), against ground truth computed here: a Go program
 * built with go (normal, -ldflags=-s -w, PIE, and copies without section headers) and a C
 * program built with cc (with .symtab, then stripped), whose entries `go tool nm` and
 * `readelf -s` give and `readelf -l` converts to file offsets. Then every pclntab format on
 * synthetic files, and hostile inputs (lying tables, truncations, corruptions, non-ELF), which
 * must never crash (this harness runs under ASan and UBSan) nor give a wrong entry.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "proc/funcs.h"

#define FX_MAX 16

static char dir[64];
static int dir_made = -1;

static int scratch(void)
{
	if (dir_made < 0) {
		snprintf(dir, sizeof(dir), "/tmp/sigscope-funcs-XXXXXX");
		dir_made = mkdtemp(dir) != NULL;
	}
	return dir_made;
}

/* An fd on a memory file holding b[0..len): hostile inputs without touching the disk. */
static int mem_fd(const void *b, size_t len)
{
	int fd = memfd_create("funcs-test", MFD_CLOEXEC);

	if (fd < 0)
		return -1;
	if (len && write(fd, b, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	return fd;
}

static int find_path(const char *path, const char *const *names, size_t n, uint64_t *off,
		     int *found)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -2;
	r = funcs_find(fd, names, n, off, found);
	close(fd);
	return r;
}

static int is_go_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -2;
	r = funcs_is_go(fd);
	close(fd);
	return r;
}

static int have_tool(const char *cmd)
{
	char sh[256];

	snprintf(sh, sizeof(sh), "command -v %s >/dev/null 2>&1", cmd);
	return system(sh) == 0;
}

/* The ground truth's conversion, from readelf's own reading of the program headers: the
 * executable PT_LOAD whose file bytes hold vaddr. The last file's segments are kept (one run of
 * readelf for many addresses). */
static int truth_offset(const char *path, uint64_t vaddr, uint64_t *off)
{
	static char last[256];
	static unsigned long o[16], v[16], fsz[16];
	static size_t n;

	if (strcmp(path, last) != 0) {
		char cmd[512], line[512];
		FILE *p;

		snprintf(cmd, sizeof(cmd), "readelf -lW '%s'", path);
		p = popen(cmd, "r");
		if (!p)
			return 0;
		n = 0;
		while (fgets(line, sizeof(line), p)) {
			char flags[64];

			if (n < 16 &&
			    sscanf(line, " LOAD %lx %lx %*x %lx %*x %63[^\n]", &o[n], &v[n],
				   &fsz[n], flags) == 4 &&
			    strchr(flags, 'E'))
				n++;
		}
		pclose(p);
		snprintf(last, sizeof(last), "%s", path);
	}
	for (size_t i = 0; i < n; i++)
		if (vaddr >= v[i] && vaddr - v[i] < fsz[i]) {
			*off = vaddr - v[i] + o[i];
			return 1;
		}
	return 0;
}

/* The addresses of names in `go tool nm` of an unstripped build (one run for all): the lowest of
 * the text symbols NAME and NAME.abi0 (the function itself, whose ABI wrapper, under the other
 * name, the linker places after it). Returns how many were found. */
static size_t truth_go(const char *path, const char *const *names, size_t n, uint64_t *vaddr)
{
	char cmd[512], line[1024], sym[768];
	int got[FX_MAX] = {0};
	size_t count = 0;
	FILE *p;

	if (n > FX_MAX)
		return 0;
	snprintf(cmd, sizeof(cmd), "go tool nm '%s'", path);
	p = popen(cmd, "r");
	if (!p)
		return 0;
	while (fgets(line, sizeof(line), p)) {
		unsigned long a;
		char type;

		if (sscanf(line, " %lx %c %767s", &a, &type, sym) != 3 ||
		    (type != 'T' && type != 't'))
			continue;
		for (size_t i = 0; i < n; i++) {
			size_t l = strlen(names[i]);

			if (strncmp(sym, names[i], l) != 0)
				continue;
			if ((sym[l] == '\0' || !strcmp(sym + l, ".abi0")) &&
			    (!got[i] || a < vaddr[i])) {
				vaddr[i] = a;
				got[i] = 1;
			}
		}
	}
	pclose(p);
	for (size_t i = 0; i < n; i++)
		count += got[i] != 0;
	return count;
}

/* The value of FUNC symbol name in `readelf -sW`, a global one before a local one. */
static int truth_elf(const char *path, const char *name, uint64_t *vaddr)
{
	char cmd[512], line[1024], sym[768];
	FILE *p;
	int got = 0;

	snprintf(cmd, sizeof(cmd), "readelf -sW '%s'", path);
	p = popen(cmd, "r");
	if (!p)
		return 0;
	while (fgets(line, sizeof(line), p)) {
		unsigned long v;
		char type[32], bind[32], ndx[32], *at;
		int rank;

		if (sscanf(line, "%*d: %lx %*s %31s %31s %*s %31s %767s", &v, type, bind, ndx,
			   sym) != 5 ||
		    strcmp(type, "FUNC") || !strcmp(ndx, "UND") || v == 0)
			continue;
		at = strchr(sym, '@');
		if (at)
			*at = '\0';
		rank = strcmp(bind, "LOCAL") ? 2 : 1;
		if (!strcmp(sym, name) && rank > got) {
			*vaddr = v;
			got = rank;
		}
	}
	pclose(p);
	return got != 0;
}

/* A copy of src without section headers (as sstrip leaves a file): the pclntab only by magic. */
static int copy_without_shdrs(const char *src, const char *dst)
{
	FILE *in = fopen(src, "rb"), *out;
	static const unsigned char zero[8];
	char buf[65536];
	size_t r;
	int ok = 1;

	if (!in)
		return 0;
	out = fopen(dst, "wb");
	if (!out) {
		fclose(in);
		return 0;
	}
	while ((r = fread(buf, 1, sizeof(buf), in)) > 0)
		ok &= fwrite(buf, 1, r, out) == r;
	/* e_shoff (8 bytes at 0x28); e_shnum, e_shstrndx (2 bytes at 0x3c, 0x3e) */
	ok &= fseek(out, 0x28, SEEK_SET) == 0 && fwrite(zero, 1, 8, out) == 8;
	ok &= fseek(out, 0x3c, SEEK_SET) == 0 && fwrite(zero, 1, 4, out) == 4;
	fclose(in);
	ok &= fclose(out) == 0;
	return ok;
}

static const char go_src[] = "package main\n\nimport \"fmt\"\n\n"
			     "//go:noinline\nfunc helper(n int) int { return n * 3 }\n\n"
			     "func main() { fmt.Println(helper(14)) }\n";

static int go_built = -1;

/* Builds the Go program once, four ways: 1 when built, 0 when go is missing or fails. */
static int build_go(void)
{
	char cmd[2048], path[192], cache[1024];
	FILE *f;

	if (go_built >= 0)
		return go_built;
	go_built = 0;
	if (!scratch() || !have_tool("go"))
		return 0;
	/* the sources in a directory of their own: go refuses a package with C files in it */
	snprintf(path, sizeof(path), "%s/gosrc", dir);
	if (mkdir(path, 0700) != 0)
		return 0;
	snprintf(path, sizeof(path), "%s/gosrc/main.go", dir);
	f = fopen(path, "w");
	if (!f)
		return 0;
	fputs(go_src, f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/gosrc/go.mod", dir);
	f = fopen(path, "w");
	if (!f)
		return 0;
	fputs("module funcsfx\n\ngo 1.16\n", f);
	fclose(f);
	/* Offline, never in ~/.cache: the cache is build/go-cache when run from the tree (as make
	 * unit does), so only the first run pays for the PIE build of the standard library (about
	 * 25 s on 2 CPUs); elsewhere one in the scratch directory. */
	if (!getcwd(cache, sizeof(cache) - 16) || access("build", W_OK) != 0)
		snprintf(cache, sizeof(cache), "%s", dir);
	else
		strcat(cache, "/build");
	strcat(cache, "/go-cache");
	snprintf(cmd, sizeof(cmd),
		 "cd %s/gosrc && export GOCACHE=%s GOPATH=%s/gopath GOFLAGS=-mod=mod GOPROXY=off "
		 "GOTOOLCHAIN=local GO111MODULE=on && "
		 "go build -o ../exe . && go build -ldflags='-s -w' -o ../exe_s . && "
		 "go build -buildmode=pie -o ../pie . && "
		 "go build -buildmode=pie -ldflags='-s -w' -o ../pie_s . >/dev/null 2>&1",
		 dir, cache, dir);
	if (system(cmd) != 0)
		return 0;
	snprintf(cmd, sizeof(cmd), "%s/exe_s", dir);
	snprintf(path, sizeof(path), "%s/exe_nosh", dir);
	if (!copy_without_shdrs(cmd, path))
		return 0;
	snprintf(cmd, sizeof(cmd), "%s/pie_s", dir);
	snprintf(path, sizeof(path), "%s/pie_nosh", dir);
	if (!copy_without_shdrs(cmd, path))
		return 0;
	go_built = 1;
	return 1;
}

static const char *const go_names[] = {
    "runtime.asyncPreempt",  /* assembly: runtime.asyncPreempt.abi0 in the symbol table */
    "runtime.sigpanic0",     /* what amd64's handler injects since Go 1.17 */
    "runtime.sigpanic",	     /* what it injected before */
    "runtime.asyncPreempt2", /* Go function with an ABI0 wrapper of the same name after it */
    "main.helper",	     "main.main",
};

TEST(funcs_go_builds_match_go_tool_nm)
{
	/* each build, and the unstripped build whose symbols are its ground truth */
	static const char *const builds[][2] = {
	    {"exe", "exe"}, {"exe_s", "exe"}, {"exe_nosh", "exe"},
	    {"pie", "pie"}, {"pie_s", "pie"}, {"pie_nosh", "pie"},
	};
	const size_t n = sizeof(go_names) / sizeof(go_names[0]);

	if (!have_tool("go"))
		SKIP("go not found: apt-get install golang-go");
	if (!build_go())
		SKIP("go is here but could not build the test program");
	for (size_t b = 0; b < sizeof(builds) / sizeof(builds[0]); b++) {
		char path[192], truth[192];
		const char *names[FX_MAX + 1];
		uint64_t off[FX_MAX + 1], vaddr[FX_MAX];
		int found[FX_MAX + 1], r;

		snprintf(path, sizeof(path), "%s/%s", dir, builds[b][0]);
		snprintf(truth, sizeof(truth), "%s/%s", dir, builds[b][1]);
		memcpy(names, go_names, sizeof(go_names));
		names[n] = "runtime.noSuchFunction";
		r = find_path(path, names, n + 1, off, found);
		CHECK_CASE(builds[b][0], r == (int)n);
		CHECK_CASE(builds[b][0], is_go_path(path) == 1);
		CHECK_CASE(builds[b][0], !found[n]);
		CHECK(truth_go(truth, names, n, vaddr) == n);
		for (size_t i = 0; i < n; i++) {
			uint64_t want;

			CHECK(truth_offset(truth, vaddr[i], &want));
			if (!found[i] || off[i] != want)
				fprintf(stderr,
					"  %s %s: found %d at 0x%" PRIx64 ", nm says 0x%" PRIx64
					"\n",
					builds[b][0], names[i], found[i], off[i], want);
			CHECK_CASE(builds[b][0], found[i] && off[i] == want);
		}
	}
}

static const char c_src[] =
    "__attribute__((noinline)) int fx_one(int x) { return x + 1; }\n"
    "__attribute__((noinline)) int fx_two(int x) { return x * 2; }\n"
    "__attribute__((noinline)) static int fx_local(int x) { return x - 3; }\n"
    "int main(int c, char **v) { (void)v; return fx_one(c) + fx_two(c) + "
    "fx_local(c); }\n";

TEST(funcs_c_symtab_then_dynsym_match_readelf)
{
	static const char *const names[] = {"fx_one", "fx_two", "fx_local", "main", "fx_none"};
	char src[192], exe[192], stripped[192], cmd[1024];
	uint64_t off[5], want[5];
	int found[5];
	FILE *f;

	if (!scratch() || !have_tool("cc"))
		SKIP("cc not found: apt-get install gcc");
	snprintf(src, sizeof(src), "%s/c.c", dir);
	snprintf(exe, sizeof(exe), "%s/c", dir);
	snprintf(stripped, sizeof(stripped), "%s/c_s", dir);
	f = fopen(src, "w");
	CHECK(f);
	fputs(c_src, f);
	fclose(f);
	/* -rdynamic: the global functions are in .dynsym too, which strip keeps */
	snprintf(cmd, sizeof(cmd), "cc -O1 -rdynamic -o %s %s && strip -o %s %s", exe, src,
		 stripped, exe);
	if (system(cmd) != 0)
		SKIP("cc could not build the test program");
	for (size_t i = 0; i < 4; i++) {
		uint64_t vaddr;

		CHECK(truth_elf(exe, names[i], &vaddr) && truth_offset(exe, vaddr, &want[i]));
	}
	CHECK(find_path(exe, names, 5, off, found) == 4);
	for (size_t i = 0; i < 4; i++)
		CHECK_CASE(names[i], found[i] && off[i] == want[i]);
	CHECK(!found[4]);
	CHECK(is_go_path(exe) == 0);
	/* Stripped: .dynsym alone, without the local function. */
	CHECK(find_path(stripped, names, 5, off, found) == 3);
	CHECK(found[0] && off[0] == want[0] && found[1] && off[1] == want[1]);
	CHECK(!found[2] && found[3] && off[3] == want[3] && !found[4]);
	CHECK(is_go_path(stripped) == 0);
}

/* The GNU build-id note, as the linker was told to write it; none when told not to. */
TEST(funcs_build_id_as_linked)
{
	static const uint8_t want[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
	char src[192], with[192], without[192], cmd[1280];
	uint8_t id[64];
	int fd;
	FILE *f;

	if (!scratch() || !have_tool("cc"))
		SKIP("cc not found: apt-get install gcc");
	snprintf(src, sizeof(src), "%s/b.c", dir);
	snprintf(with, sizeof(with), "%s/b_id", dir);
	snprintf(without, sizeof(without), "%s/b_none", dir);
	f = fopen(src, "w");
	CHECK(f);
	fputs("int main(void) { return 0; }\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "cc -Wl,--build-id=0x0123456789abcdef -o %s %s && strip %s && "
		 "cc -Wl,--build-id=none -o %s %s",
		 with, src, with, without, src);
	if (system(cmd) != 0)
		SKIP("cc could not build the test programs");
	fd = open(with, O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0);
	CHECK(funcs_build_id(fd, id, sizeof(id)) == 8 && memcmp(id, want, 8) == 0);
	CHECK(funcs_build_id(fd, id, 4) == -1 && errno == ENOENT); /* longer than the room */
	close(fd);
	fd = open(without, O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0);
	CHECK(funcs_build_id(fd, id, sizeof(id)) == -1 && errno == ENOENT);
	close(fd);
}

/* Every text symbol an `nm`-like cmd lists ("ADDR T NAME"), as (name, vaddr) pairs. With go,
 * NAME.abi0 counts as NAME and a name's lowest address is kept (as truth_go); without, a name
 * listed twice is left out (two local functions of one name: the answer is a choice). */
struct sym_list {
	char **name;
	uint64_t *vaddr;
	size_t n;
};

struct sym_pair {
	char *name;
	uint64_t vaddr;
};

static void sym_list_free(struct sym_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->name[i]);
	free(l->name);
	free(l->vaddr);
	memset(l, 0, sizeof(*l));
}

static int sym_pair_cmp(const void *a, const void *b)
{
	const struct sym_pair *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static int sym_list_read(const char *cmd, int go, struct sym_list *l)
{
	char line[1024], sym[768];
	struct sym_pair *pairs = NULL;
	size_t n = 0, cap = 0;
	FILE *p = popen(cmd, "r");

	memset(l, 0, sizeof(*l));
	if (!p)
		return 0;
	while (fgets(line, sizeof(line), p)) {
		unsigned long a;
		char type;
		size_t sl;

		if (sscanf(line, " %lx %c %767s", &a, &type, sym) != 3 ||
		    (type != 'T' && type != 't') || a == 0)
			continue;
		sl = strlen(sym);
		if (go && sl > 5 && !strcmp(sym + sl - 5, ".abi0"))
			sym[sl - 5] = '\0';
		if (n == cap) {
			struct sym_pair *np;

			cap = cap ? 2 * cap : 1024;
			np = realloc(pairs, cap * sizeof(*pairs));
			if (!np)
				break;
			pairs = np;
		}
		pairs[n].name = strdup(sym);
		pairs[n++].vaddr = a;
	}
	pclose(p);
	l->name = calloc(n + 1, sizeof(*l->name));
	l->vaddr = calloc(n + 1, sizeof(*l->vaddr));
	if (pairs && l->name && l->vaddr) {
		qsort(pairs, n, sizeof(*pairs), sym_pair_cmp);
		for (size_t i = 0, j; i < n; i = j) {
			for (j = i + 1; j < n && !strcmp(pairs[j].name, pairs[i].name); j++)
				;
			if (go || j == i + 1) {
				l->name[l->n] = strdup(pairs[i].name);
				l->vaddr[l->n++] = pairs[i].vaddr; /* the lowest */
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		free(pairs[i].name);
	free(pairs);
	return l->n > 0;
}

/* All names of l at once in file: counts those found, and those found at another offset than
 * readelf's program headers give for l's address. */
static void find_all(const char *file, const char *truth, const struct sym_list *l, size_t *found_n,
		     size_t *wrong)
{
	uint64_t *off = calloc(l->n, sizeof(*off));
	int *found = calloc(l->n, sizeof(*found));

	*found_n = *wrong = 0;
	if (off && found && find_path(file, (const char *const *)l->name, l->n, off, found) >= 0) {
		for (size_t i = 0; i < l->n; i++) {
			uint64_t want;

			if (!found[i])
				continue;
			++*found_n;
			if (!truth_offset(truth, l->vaddr[i], &want) || want != off[i]) {
				if (*wrong < 5)
					fprintf(stderr, "  %s: %s at 0x%" PRIx64 "\n", file,
						l->name[i], off[i]);
				++*wrong;
			}
		}
	}
	free(off);
	free(found);
}

/*
 * Every function at once, so that names and symbols straddle every window boundary of the
 * string tables, symbol tables and pclntab: a C program of 3000 functions (names of 40 bytes:
 * 120 KB of strings), with .symtab and stripped; the Go program's pclntab against its symbols.
 */
TEST(funcs_every_function_at_once)
{
	char src[192], exe[192], stripped[192], cmd[1024];
	struct sym_list l;
	size_t found_n, wrong;
	FILE *f;

	if (!scratch() || !have_tool("cc"))
		SKIP("cc not found: apt-get install gcc");
	snprintf(src, sizeof(src), "%s/many.c", dir);
	snprintf(exe, sizeof(exe), "%s/many", dir);
	snprintf(stripped, sizeof(stripped), "%s/many_s", dir);
	f = fopen(src, "w");
	CHECK(f);
	for (int i = 0; i < 3000; i++)
		fprintf(f,
			"int fn_%04d_padding_the_name_to_forty_bytes(int x) { return x + %d; }\n",
			i, i);
	fputs("int main(void) { return 0; }\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "cc -O0 -rdynamic -o %s %s && strip -o %s %s", exe, src,
		 stripped, exe);
	if (system(cmd) != 0)
		SKIP("cc could not build the test program");
	snprintf(cmd, sizeof(cmd), "nm '%s'", exe);
	CHECK(sym_list_read(cmd, 0, &l) && l.n >= 3001);
	find_all(exe, exe, &l, &found_n, &wrong);
	if (found_n != l.n)
		fprintf(stderr, "  .symtab: %zu of %zu found\n", found_n, l.n);
	CHECK_CASE(".symtab", found_n == l.n && wrong == 0);
	find_all(stripped, exe, &l, &found_n, &wrong);
	/* the stripped program keeps the exported functions (not _start and the like) */
	CHECK_CASE(".dynsym", found_n >= 3001 && wrong == 0);
	sym_list_free(&l);

	if (!have_tool("go") || !build_go())
		return; /* the Go half is skipped with the Go tests' own message */
	snprintf(exe, sizeof(exe), "%s/exe", dir);
	snprintf(cmd, sizeof(cmd), "go tool nm '%s'", exe);
	CHECK(sym_list_read(cmd, 1, &l) && l.n > 1000);
	{
		static const char *const strips[] = {"exe_s", "exe_nosh"};

		for (size_t k = 0; k < 2; k++) {
			snprintf(stripped, sizeof(stripped), "%s/%s", dir, strips[k]);
			find_all(stripped, exe, &l, &found_n, &wrong);
			/* the symbol table's few non-functions (runtime.text, go:buildid) aside */
			CHECK_CASE(strips[k], found_n + 8 >= l.n && wrong == 0);
		}
	}
	sym_list_free(&l);
}

TEST(funcs_libc_dynsym_matches_readelf)
{
	static const char *const names[] = {"execve", "raise", "sigaction"};
	static const char *const libcs[] = {"/lib/x86_64-linux-gnu/libc.so.6",
					    "/usr/lib/x86_64-linux-gnu/libc.so.6",
					    "/lib64/libc.so.6"};
	const char *libc = NULL;
	uint64_t off[3];
	int found[3];

	for (size_t i = 0; i < 3 && !libc; i++)
		if (access(libcs[i], R_OK) == 0)
			libc = libcs[i];
	if (!libc)
		SKIP("no libc.so.6 where Debian puts it");
	CHECK(find_path(libc, names, 3, off, found) == 3);
	for (size_t i = 0; i < 3; i++) {
		uint64_t vaddr, want;

		CHECK(truth_elf(libc, names[i], &vaddr) && truth_offset(libc, vaddr, &want));
		CHECK_CASE(names[i], found[i] && off[i] == want);
	}
	CHECK(is_go_path(libc) == 0);
}

/*
 * Synthetic Go programs, one per pclntab format (pointer size 8): a text segment at file 0x1000
 * (vaddr 0x401000), the pclntab at file 0x2000 (vaddr 0x402000) in a read-only segment, Go's
 * build-id note, and optionally section headers naming .gopclntab.
 */
enum fmt { F12, F116, F118, F120 };

enum lie {
	LIE_NONE,
	LIE_NFUNC_HUGE,	    /* nfunc far beyond the file */
	LIE_NFUNC_OVER,	    /* nfunc one past what the functab can hold */
	LIE_FUNCOFF,	    /* the first function's record beyond the pclntab */
	LIE_NAMEOFF_NEG,    /* the first function's name at a negative offset */
	LIE_NAMEOFF_END,    /* its name runs into the end of the file without a NUL */
	LIE_FTAB_OUT,	    /* the functab offset past the pclntab */
	LIE_TEXT_WRAP,	    /* the text base so high every entry wraps */
	LIE_ENTRY_MISMATCH, /* a function record whose entry disagrees with the functab */
	LIE_SECTION_OUT,    /* the .gopclntab section beyond the file */
	LIE_LOAD_OUT,	    /* both segments start beyond the file */
	LIE_COUNT
};

#define SYN_TEXT  0x401000ull
#define SYN_PCLN  0x2000u
#define SYN_SIZE  0x4000u
#define SYN_NFUNC 5

static const struct {
	const char *name;
	uint32_t entry; /* offset from the text */
} syn_funcs[SYN_NFUNC] = {
    {"runtime.asyncPreempt", 0x100}, {"runtime.sigpanic0", 0x200}, {"main.main", 0x300},
    {"runtime.dup", 0x400},	     {"runtime.dup", 0x500},
};
static const char *const syn_names[] = {"runtime.asyncPreempt", "runtime.sigpanic0", "main.main",
					"runtime.dup", "runtime.absent"};
static const uint64_t syn_want[] = {0x1100, 0x1200, 0x1300, 0x1400, 0};

static void put32(uint8_t *b, size_t at, uint32_t v)
{
	memcpy(b + at, &v, 4);
}

static void put64(uint8_t *b, size_t at, uint64_t v)
{
	memcpy(b + at, &v, 8);
}

/* Writes the pclntab at p (at most room bytes); returns its length. */
static size_t syn_pclntab(uint8_t *p, size_t room, enum fmt fmt, enum lie lie)
{
	static const uint32_t magic[] = {0xfffffffb, 0xfffffffa, 0xfffffff0, 0xfffffff1};
	const size_t nf = SYN_NFUNC;
	size_t hdr, names, ftab, funcs, recsz, fsz, len, nameoff[SYN_NFUNC];
	size_t fbase, nbase;
	const int abs = fmt == F12 || fmt == F116;

	memset(p, 0, room);
	put32(p, 0, magic[fmt]);
	p[6] = 1;
	p[7] = 8;
	hdr = fmt == F12 ? 16 : fmt == F116 ? 8 + 7 * 8 : 8 + 8 * 8;
	fsz = abs ? 8 : 4;
	recsz = abs ? 48 : 40;
	if (fmt == F12) {
		/* functab right after the header, then the file table offset, records, names;
		 * every offset from the pclntab's start */
		ftab = hdr;
		funcs = ftab + (2 * nf + 2) * fsz + 8;
		names = funcs + nf * recsz;
		fbase = nbase = 0;
	} else {
		names = hdr;
		len = names;
		for (size_t i = 0; i < nf; i++)
			len += strlen(syn_funcs[i].name) + 1;
		ftab = (len + 7) & ~(size_t)7;
		funcs = ftab + (2 * nf + 2) * fsz;
		fbase = ftab;
		nbase = names;
	}
	len = names;
	for (size_t i = 0; i < nf; i++) {
		nameoff[i] = len - nbase;
		memcpy(p + len, syn_funcs[i].name, strlen(syn_funcs[i].name) + 1);
		len += strlen(syn_funcs[i].name) + 1;
	}
	if (len < funcs + nf * recsz)
		len = funcs + nf * recsz;
	for (size_t i = 0; i <= nf; i++) {
		uint64_t entry = i < nf ? syn_funcs[i].entry : 0x1000;
		size_t rec = funcs + (i < nf ? i : 0) * recsz;

		if (abs)
			entry += SYN_TEXT;
		if (fsz == 8) {
			put64(p, ftab + 2 * i * 8, entry);
			put64(p, ftab + (2 * i + 1) * 8, rec - fbase);
		} else {
			put32(p, ftab + 2 * i * 4, (uint32_t)entry);
			put32(p, ftab + (2 * i + 1) * 4, (uint32_t)(rec - fbase));
		}
		if (i == nf)
			break;
		if (abs) {
			put64(p, rec, entry);
			put32(p, rec + 8, (uint32_t)nameoff[i]);
		} else {
			put32(p, rec, (uint32_t)entry);
			put32(p, rec + 4, (uint32_t)nameoff[i]);
		}
	}
	/* header words */
	if (fmt == F12) {
		put64(p, 8, nf);
	} else if (fmt == F116) {
		uint64_t w[7] = {nf, 0, names, ftab, ftab, ftab, ftab};

		for (int k = 0; k < 7; k++)
			put64(p, 8 + 8 * (size_t)k, w[k]);
	} else {
		uint64_t w[8] = {nf, 0, SYN_TEXT, names, ftab, ftab, ftab, ftab};

		for (int k = 0; k < 8; k++)
			put64(p, 8 + 8 * (size_t)k, w[k]);
	}
	switch (lie) {
	case LIE_NFUNC_HUGE:
		put64(p, 8, 0xffffffffffffull);
		break;
	case LIE_NFUNC_OVER:
		put64(p, 8, (room - ftab) / fsz / 2);
		break;
	case LIE_FUNCOFF:
		if (fsz == 8)
			put64(p, ftab + 8, 0xfffffffffffffff0ull);
		else
			put32(p, ftab + 4, 0xfffffff0u);
		break;
	case LIE_NAMEOFF_NEG:
		put32(p, funcs + (abs ? 8 : 4), 0x80000000u);
		break;
	case LIE_NAMEOFF_END:
		/* the record names the very last byte of the file, which is not a NUL */
		put32(p, funcs + (abs ? 8 : 4), (uint32_t)(room - 1 - nbase));
		p[room - 1] = 'r';
		break;
	case LIE_FTAB_OUT:
		if (fmt == F116)
			put64(p, 8 + 6 * 8, 0x7fffffffffffull);
		else if (fmt != F12)
			put64(p, 8 + 7 * 8, 0x7fffffffffffull);
		else
			put64(p, 8, 0x7fffffffffffull);
		break;
	case LIE_TEXT_WRAP:
		if (fmt == F118 || fmt == F120)
			put64(p, 8 + 2 * 8, 0xffffffffffffff00ull);
		break;
	case LIE_ENTRY_MISMATCH:
		if (abs)
			put64(p, funcs, SYN_TEXT + 0x180);
		else
			put32(p, funcs, 0x180);
		break;
	default:
		break;
	}
	return len;
}

/* The whole file in b (SYN_SIZE bytes); returns its length. */
static size_t syn_elf(uint8_t *b, enum fmt fmt, enum lie lie, int sections)
{
	size_t plen, shoff, strs;
	static const char shstr[] = "\0.gopclntab\0.shstrtab";

	memset(b, 0, SYN_SIZE);
	memcpy(b, "\177ELF", 4);
	b[4] = 2; /* ELFCLASS64 */
	b[5] = 1; /* little-endian */
	b[6] = 1;
	put32(b, 0x10, 2 | (62u << 16)); /* ET_EXEC, EM_X86_64 */
	put32(b, 0x14, 1);
	put64(b, 0x18, SYN_TEXT);
	put64(b, 0x20, 0x40);		  /* e_phoff */
	put32(b, 0x34, 64 | (56u << 16)); /* e_ehsize, e_phentsize */
	b[0x38] = 3;			  /* e_phnum */
	/* PT_LOAD R+X: the text */
	put32(b, 0x40, 1);
	put32(b, 0x44, 5);
	put64(b, 0x48, 0x1000);
	put64(b, 0x50, SYN_TEXT);
	put64(b, 0x58, SYN_TEXT);
	put64(b, 0x60, 0x1000);
	put64(b, 0x68, 0x1000);
	put64(b, 0x70, 0x1000);
	memset(b + 0x1000, 0xcc, 0x1000);
	/* PT_LOAD R: the pclntab */
	plen = syn_pclntab(b + SYN_PCLN, lie == LIE_NAMEOFF_END ? SYN_SIZE - SYN_PCLN : 0x1000, fmt,
			   lie);
	put32(b, 0x78, 1);
	put32(b, 0x7c, 4);
	put64(b, 0x80, SYN_PCLN);
	put64(b, 0x88, SYN_TEXT + 0x1000);
	put64(b, 0x90, SYN_TEXT + 0x1000);
	put64(b, 0x98, lie == LIE_NAMEOFF_END ? SYN_SIZE - SYN_PCLN : plen);
	put64(b, 0xa0, plen);
	put64(b, 0xa8, 0x1000);
	if (lie == LIE_LOAD_OUT) {
		put64(b, 0x48, 0x7fffffff0000ull);
		put64(b, 0x80, 0x7fffffff0000ull);
	}
	/* PT_NOTE: Go's build-id note at 0x200 */
	put32(b, 0xb0, 4);
	put32(b, 0xb4, 4);
	put64(b, 0xb8, 0x200);
	put64(b, 0xd0, 20);
	put64(b, 0xd8, 20);
	put32(b, 0x200, 4);
	put32(b, 0x204, 4);
	put32(b, 0x208, 4);
	memcpy(b + 0x20c, "Go\0\0abcd", 8);
	if (lie == LIE_NAMEOFF_END)
		return SYN_SIZE; /* the name runs to the end of the file: no room for sections */
	if (!sections)
		return SYN_PCLN + plen;
	/* .shstrtab after the pclntab, then three section headers */
	strs = SYN_PCLN + ((plen + 15) & ~(size_t)15);
	memcpy(b + strs, shstr, sizeof(shstr));
	shoff = (strs + sizeof(shstr) + 7) & ~(size_t)7;
	put64(b, 0x28, shoff);
	put32(b, 0x3a, 64 | (3u << 16)); /* e_shentsize, e_shnum */
	b[0x3e] = 2;			 /* e_shstrndx */
	put32(b, shoff + 64, 1);	 /* .gopclntab: name, PROGBITS, SHF_ALLOC */
	put32(b, shoff + 64 + 4, 1);
	put64(b, shoff + 64 + 8, 2);
	put64(b, shoff + 64 + 16, SYN_TEXT + 0x1000);
	put64(b, shoff + 64 + 24, lie == LIE_SECTION_OUT ? 0x7fffffff0000ull : SYN_PCLN);
	put64(b, shoff + 64 + 32, lie == LIE_SECTION_OUT ? 0x7fffffffull : plen);
	put32(b, shoff + 128, 12); /* .shstrtab */
	put32(b, shoff + 128 + 4, 3);
	put64(b, shoff + 128 + 24, strs);
	put64(b, shoff + 128 + 32, sizeof(shstr));
	return shoff + 3 * 64;
}

/* funcs_find on b[0..len): every name found is at its true entry. Returns the count or -1. */
static int syn_find(const uint8_t *b, size_t len, int *found, int *wrong)
{
	uint64_t off[5];
	int fd = mem_fd(b, len), r;

	if (fd < 0)
		return -2;
	r = funcs_find(fd, syn_names, 5, off, found);
	for (int i = 0; i < 5; i++)
		if (found[i] && off[i] != syn_want[i])
			++*wrong;
	(void)funcs_is_go(fd);
	close(fd);
	return r;
}

static void write_seed(const char *dirname, const char *name, const uint8_t *b, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dirname, name);
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(b, 1, len, f);
	fclose(f);
}

TEST(funcs_pclntab_formats_synthetic)
{
	static const char *const fmts[] = {"go1.2", "go1.16", "go1.18", "go1.20"};
	static uint8_t b[SYN_SIZE];
	/* `SIGSCOPE_FUNCS_SEEDS=DIR build/unit_tests funcs_pclntab` writes the fuzz seeds */
	const char *seeds = getenv("SIGSCOPE_FUNCS_SEEDS");

	for (int fmt = F12; fmt <= F120; fmt++)
		for (int sections = 0; sections < 2; sections++) {
			int found[5], wrong = 0, r;
			size_t len = syn_elf(b, (enum fmt)fmt, LIE_NONE, sections);
			char what[64];

			snprintf(what, sizeof(what), "%s%s", fmts[fmt],
				 sections ? " with sections" : " without sections");
			r = syn_find(b, len, found, &wrong);
			CHECK_CASE(what, r == 4 && wrong == 0 && found[0] && found[1] && found[2]);
			/* runtime.dup twice: the first one */
			CHECK_CASE(what, found[3] && !found[4]);
			if (seeds) {
				char name[64];

				snprintf(name, sizeof(name), "%s-%d", fmts[fmt], sections);
				write_seed(seeds, name, b, len);
			}
		}
}

TEST(funcs_pclntab_lies_never_crash_nor_mislead)
{
	static uint8_t b[SYN_SIZE];

	for (int fmt = F12; fmt <= F120; fmt++)
		for (int lie = LIE_NFUNC_HUGE; lie < LIE_COUNT; lie++)
			for (int sections = 0; sections < 2; sections++) {
				int found[5], wrong = 0, r;
				size_t len = syn_elf(b, (enum fmt)fmt, (enum lie)lie, sections);
				char what[64];

				snprintf(what, sizeof(what), "format %d lie %d sections %d", fmt,
					 lie, sections);
				r = syn_find(b, len, found, &wrong);
				CHECK_CASE(what, r >= -1 && wrong == 0);
				/* a lie about the first function loses only that one */
				if (lie == LIE_FUNCOFF || lie == LIE_NAMEOFF_NEG ||
				    lie == LIE_NAMEOFF_END || lie == LIE_ENTRY_MISMATCH)
					CHECK_CASE(what, r == 3 && !found[0] && found[1]);
				if (lie == LIE_LOAD_OUT)
					CHECK_CASE(what, r == 0);
			}
}

/* Every cut of each synthetic file, and corrupted bytes in its headers and tables. */
TEST(funcs_synthetic_truncated_and_corrupt)
{
	static uint8_t b[SYN_SIZE], c[SYN_SIZE];
	uint32_t seed = 12345;

	for (int fmt = F12; fmt <= F120; fmt++)
		for (int sections = 0; sections < 2; sections++) {
			size_t len = syn_elf(b, (enum fmt)fmt, LIE_NONE, sections);

			for (size_t cut = 0; cut < len; cut += 5) {
				int found[5], wrong = 0, r = syn_find(b, cut, found, &wrong);

				CHECK(r >= -1 && wrong == 0);
				if (cut == 0)
					CHECK(r == -1);
			}
			for (int k = 0; k < 400; k++) {
				int found[5], wrong = 0, flips = 1 + k % 8;

				memcpy(c, b, len);
				for (int j = 0; j < flips; j++) {
					size_t at;

					seed = seed * 1103515245u + 12345u;
					/* half in the ELF headers, half in the pclntab */
					at = (seed >> 8) & 1
						 ? (seed >> 9) % 0x100
						 : SYN_PCLN + (seed >> 9) % (len - SYN_PCLN);
					c[at] ^= (uint8_t)(1u << ((seed >> 4) & 7));
				}
				/* corrupt tables may name other functions: only no crash is asked
				 */
				CHECK(syn_find(c, len, found, &wrong) >= -1);
			}
		}
}

TEST(funcs_refuse_what_is_not_elf)
{
	static const char *const names[] = {"main"};
	static const char text[] = "#!/bin/sh\necho not an ELF\n";
	uint64_t off[1];
	int found[1], fd;

	fd = mem_fd(NULL, 0);
	CHECK(fd >= 0);
	errno = 0;
	CHECK(funcs_find(fd, names, 1, off, found) == -1 && errno == ENOEXEC && !found[0]);
	CHECK(funcs_is_go(fd) == -1);
	close(fd);
	fd = mem_fd(text, sizeof(text) - 1);
	CHECK(fd >= 0);
	CHECK(funcs_find(fd, names, 1, off, found) == -1 && errno == ENOEXEC);
	CHECK(funcs_is_go(fd) == -1);
	close(fd);
	fd = open("/", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK(funcs_find(fd, names, 1, off, found) == -1 && errno == EINVAL);
	close(fd);
	CHECK(funcs_find(-1, names, 1, off, found) == -1);
	/* no names: nothing to find, but still an ELF check */
	CHECK(find_path("/proc/self/exe", names, 0, off, found) == 0);
}

/* The real stripped Go program cut short and corrupted: its pclntab in every state of ruin. */
TEST(funcs_go_truncated_and_corrupt)
{
	char path[192];
	uint8_t *b, *c;
	struct stat st;
	FILE *f;
	uint32_t seed = 777;
	const size_t n = sizeof(go_names) / sizeof(go_names[0]);

	if (!have_tool("go"))
		SKIP("go not found: apt-get install golang-go");
	if (!build_go())
		SKIP("go is here but could not build the test program");
	snprintf(path, sizeof(path), "%s/exe_s", dir);
	CHECK(stat(path, &st) == 0 && st.st_size > 0x10000);
	b = malloc((size_t)st.st_size);
	c = malloc((size_t)st.st_size);
	f = fopen(path, "rb");
	if (!b || !c || !f || fread(b, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		free(b);
		free(c);
		if (f)
			fclose(f);
		CHECK(0);
	}
	fclose(f);
	for (int k = 0; k < 64; k++) {
		size_t cut = (size_t)st.st_size * (size_t)k / 64 + (size_t)k;
		uint64_t off[FX_MAX];
		int found[FX_MAX], fd = mem_fd(b, cut), r;

		CHECK(fd >= 0);
		r = funcs_find(fd, go_names, n, off, found);
		close(fd);
		CHECK_CASE("cut", r >= -1);
	}
	for (int k = 0; k < 200; k++) {
		uint64_t off[FX_MAX];
		int found[FX_MAX], fd, r;

		memcpy(c, b, (size_t)st.st_size);
		for (int j = 0; j < 16; j++) {
			seed = seed * 1103515245u + 12345u;
			c[(seed >> 3) % (size_t)st.st_size] ^= (uint8_t)(seed >> 24);
		}
		fd = mem_fd(c, (size_t)st.st_size);
		CHECK(fd >= 0);
		r = funcs_find(fd, go_names, n, off, found);
		close(fd);
		CHECK_CASE("corrupt", r >= -1);
	}
	free(b);
	free(c);
}

/* Last in this file (tests run in order): removes the scratch directory. */
TEST(funcs_zz_cleanup)
{
	char cmd[256];

	if (dir_made != 1)
		SKIP("no scratch directory was made");
	/* go's module cache is read-only: chmod before removing */
	snprintf(cmd, sizeof(cmd), "chmod -R u+w %s && rm -rf %s", dir, dir);
	CHECK(system(cmd) == 0);
}
