/*
 * Symbolization (src/proc/symbols.c) on ELF fixtures built here with cc: a small shared object
 * with known symbols, sizes and build-id, loaded into this process and looked up through its
 * /proc/self/maps; then truncated and corrupted copies, which must give no symbol and no crash
 * (this harness runs under ASan and UBSan).
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "proc/proc_ctx.h"
#include "proc/symbols.h"

#define BUILD_ID "5167a1b0c0ffee00deadbeef0123456789abcdef"

/*
 * fx_small is 1 byte long, followed by 15 bytes of padding that belong to no symbol; fx_alias
 * (weak) and __fx_alias (global) share an address: the name without underscores is shown, as
 * libc's weak system before its global __libc_system;
 * fx_local is a local symbol (only in .symtab).
 */
static const char fixture_src[] =
    "__asm__(\".text\\n.p2align 4\\n"
    ".globl fx_small\\n.type fx_small,@function\\nfx_small: ret\\n.size fx_small,1\\n"
    ".p2align 4\\n.globl fx_next\\n.type fx_next,@function\\nfx_next: nop\\nnop\\nret\\n"
    ".size fx_next,3\\n"
    ".p2align 4\\n.weak fx_alias\\n.globl __fx_alias\\n.type fx_alias,@function\\n"
    ".type __fx_alias,@function\\nfx_alias:\\n__fx_alias: nop\\nret\\n.size fx_alias,2\\n"
    ".size __fx_alias,2\\n"
    ".p2align 4\\n.type fx_local,@function\\nfx_local: nop\\nnop\\nnop\\nret\\n"
    ".size fx_local,4\\n"
    ".globl fx_local_addr\\n.type fx_local_addr,@function\\n"
    "fx_local_addr: lea fx_local(%rip),%rax\\nret\\n.size fx_local_addr,.-fx_local_addr\\n\");\n";

static char dir[64];
static char so_path[128];
static int built = -1;

/* Builds the fixture once: 1 when it is there, 0 when this machine cannot build it. */
static int build_fixture(void)
{
	char src[128], cmd[512];
	FILE *f;

	if (built >= 0)
		return built;
	built = 0;
	snprintf(dir, sizeof(dir), "/tmp/sigscope-sym-XXXXXX");
	if (!mkdtemp(dir))
		return 0;
	snprintf(src, sizeof(src), "%s/fx.c", dir);
	snprintf(so_path, sizeof(so_path), "%s/libfx.so", dir);
	f = fopen(src, "w");
	if (!f)
		return 0;
	fputs(fixture_src, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "cc -shared -fPIC -nostdlib -Wl,--build-id=0x%s -o %s %s 2>/dev/null", BUILD_ID,
		 so_path, src);
	built = system(cmd) == 0;
	return built;
}

static void fixture_cleanup(const char *name)
{
	char path[192];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

/* Looks addr up in this process. */
static void lookup_self(struct sym_cache *c, struct proc_cache *p, const void *addr,
			struct sym_info *out)
{
	struct stat exe;

	if (stat("/proc/self/exe", &exe) != 0)
		exe.st_ino = 0;
	sym_lookup(c, p, (uint32_t)getpid(), exe.st_ino, (uint64_t)(uintptr_t)addr, out);
}

TEST(symbols_fixture_names_and_build_id)
{
	struct sym_cache *c = sym_cache_new();
	struct proc_cache *p = proc_cache_new();
	char *small, *next, *alias, *local;
	void *(*local_addr)(void);
	struct sym_info s;
	char text[PATH_MAX + 600];
	void *h;

	if (!build_fixture())
		SKIP("cc cannot build a shared object here");
	CHECK(c && p);
	h = dlopen(so_path, RTLD_NOW | RTLD_LOCAL);
	CHECK(h);
	small = dlsym(h, "fx_small");
	next = dlsym(h, "fx_next");
	alias = dlsym(h, "fx_alias");
	*(void **)&local_addr = dlsym(h, "fx_local_addr");
	CHECK(small && next && alias && local_addr);
	local = local_addr();

	lookup_self(c, p, small, &s);
	CHECK(s.kind == SYM_FILE && !s.snapshot);
	CHECK_STR(s.module, so_path);
	CHECK(s.have_symbol && s.symbol_offset == 0);
	CHECK_STR(s.symbol, "fx_small");
	CHECK_STR(s.build_id, BUILD_ID);
	CHECK(s.have_offset && s.have_file_offset);
	CHECK_STR(sym_text(&s, text, sizeof(text)), "libfx.so!fx_small+0x0");

	/* Past its size: the padding belongs to no symbol; module and offset alone. */
	lookup_self(c, p, small + 4, &s);
	CHECK(s.kind == SYM_FILE && !s.have_symbol && s.have_offset);
	CHECK_STR(s.build_id, BUILD_ID);
	snprintf(text, sizeof(text), "libfx.so+0x%llx", (unsigned long long)s.offset);
	{
		char got[PATH_MAX + 600];

		CHECK_STR(sym_text(&s, got, sizeof(got)), text);
	}

	lookup_self(c, p, next + 2, &s);
	CHECK_STR(s.symbol, "fx_next");
	CHECK(s.symbol_offset == 2);
	CHECK_STR(sym_text(&s, text, sizeof(text)), "libfx.so!fx_next+0x2");
	lookup_self(c, p, next + 3, &s);
	CHECK(!s.have_symbol);

	/* Two names at one address: the weak one without underscores over the global one. */
	lookup_self(c, p, alias, &s);
	CHECK_STR(s.symbol, "fx_alias");

	/* A local symbol, in .symtab only. */
	lookup_self(c, p, local + 1, &s);
	CHECK_STR(s.symbol, "fx_local");
	CHECK(s.symbol_offset == 1);

	/* Parsed once: every lookup after the first is a cache hit. */
	{
		uint64_t parsed, hits, refused, bytes;

		sym_stats(c, &parsed, &hits, &refused, &bytes);
		CHECK(parsed == 1 && hits >= 5 && refused == 0 && bytes > 0);
	}
	dlclose(h);
	sym_cache_free(c);
	proc_cache_free(p);
}

TEST(symbols_anon_vdso_unknown)
{
	struct sym_cache *c = sym_cache_new();
	struct proc_cache *p = proc_cache_new();
	char *anon = malloc(1 << 20); /* large: its own anonymous mapping */
	struct sym_info s;
	char text[PATH_MAX + 600], want[64];
	FILE *maps;
	char line[512];
	unsigned long long vdso = 0;

	CHECK(c && p && anon);
	lookup_self(c, p, anon + 100, &s);
	CHECK(s.kind == SYM_OTHER && !s.have_symbol && !s.have_offset);
	CHECK_STR(s.module, "[anon]");
	snprintf(want, sizeof(want), "[anon]@0x%llx", (unsigned long long)(uintptr_t)(anon + 100));
	CHECK_STR(sym_text(&s, text, sizeof(text)), want);
	free(anon);

	maps = fopen("/proc/self/maps", "re");
	CHECK(maps);
	while (fgets(line, sizeof(line), maps))
		if (strstr(line, "[vdso]"))
			sscanf(line, "%llx-", &vdso);
	fclose(maps);
	if (vdso) {
		lookup_self(c, p, (void *)(uintptr_t)(vdso + 0x10), &s);
		CHECK(s.kind == SYM_VDSO && s.have_offset && s.offset == 0x10);
		CHECK_STR(sym_text(&s, text, sizeof(text)), "[vdso]+0x10");
	}

	/* No process (a pid above PID_MAX_LIMIT): unknown, never a guess. */
	sym_lookup(c, p, 99999999u, 0, 0x401000, &s);
	CHECK(s.kind == SYM_UNKNOWN && !s.module[0]);
	CHECK_STR(sym_text(&s, text, sizeof(text)), "unknown@0x401000");
	/* No process cache at all: the same. */
	sym_lookup(c, NULL, (uint32_t)getpid(), 0, 0x401000, &s);
	CHECK(s.kind == SYM_UNKNOWN);
	sym_cache_free(c);
	proc_cache_free(p);
}

/* Copies the fixture to name, keeping len bytes (all when len is 0), then applies edit. */
static int copy_fixture(const char *name, size_t len, void (*edit)(unsigned char *, size_t, int),
			int arg, char *path, size_t pathlen)
{
	unsigned char *buf;
	struct stat st;
	FILE *f;
	size_t n;
	int ok;

	if (stat(so_path, &st) != 0)
		return 0;
	n = (size_t)st.st_size;
	buf = malloc(n);
	f = fopen(so_path, "rb");
	ok = buf && f && fread(buf, 1, n, f) == n;
	if (f)
		fclose(f);
	if (!ok) {
		free(buf);
		return 0;
	}
	if (len && len < n)
		n = len;
	if (edit)
		edit(buf, n, arg);
	snprintf(path, pathlen, "%s/%s", dir, name);
	f = fopen(path, "wb");
	ok = f && fwrite(buf, 1, n, f) == n;
	if (f)
		fclose(f);
	free(buf);
	return ok;
}

/* Pseudo-random bytes (seeded by arg) over the file: a corrupt ELF of every kind. */
static void scramble(unsigned char *b, size_t n, int arg)
{
	uint32_t x = 2463534242u ^ (uint32_t)arg * 2654435761u;

	for (int i = 0; i < 24; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		/* Keep the ELF magic most of the time, so that libelf gets past it. */
		size_t at = (arg & 1) ? x % n : 16 + x % (n - 16);

		b[at] = (unsigned char)(x >> 8);
	}
}

/* The section headers' offset and count set to nonsense. */
static void bad_shdrs(unsigned char *b, size_t n, int arg)
{
	(void)arg;
	if (n >= 64) {
		memset(b + 0x28, 0xff, 8); /* e_shoff */
		memset(b + 0x3c, 0xff, 2); /* e_shnum */
	}
}

TEST(symbols_truncated_and_corrupt_give_no_symbol)
{
	struct sym_cache *c = sym_cache_new();
	struct stat st;
	char path[192];

	if (!build_fixture())
		SKIP("cc cannot build a shared object here");
	CHECK(c && stat(so_path, &st) == 0);

	/* Cut at every 1/16th of the file: section headers, symbols and notes lost in turn. */
	for (int k = 0; k < 16; k++) {
		struct sym_info s;
		char name[32];

		snprintf(name, sizeof(name), "cut%d.so", k);
		CHECK(copy_fixture(name, (size_t)st.st_size * (size_t)k / 16 + 1, NULL, 0, path,
				   sizeof(path)));
		memset(&s, 0, sizeof(s));
		s.have_file_offset = 1;
		s.file_offset = 0x1000;
		sym_lookup_file(c, path, &s);
		CHECK(!s.have_symbol || strncmp(s.symbol, "fx_", 3) == 0);
		fixture_cleanup(name);
	}
	CHECK(copy_fixture("shdrs.so", 0, bad_shdrs, 0, path, sizeof(path)));
	{
		struct sym_info s;

		memset(&s, 0, sizeof(s));
		s.have_file_offset = 1;
		s.file_offset = 0x1000;
		sym_lookup_file(c, path, &s);
		CHECK(!s.have_symbol);
	}
	fixture_cleanup("shdrs.so");
	for (int k = 0; k < 300; k++) {
		struct sym_cache *fresh = sym_cache_new();
		struct sym_info s;

		CHECK(fresh);
		CHECK(copy_fixture("junk.so", 0, scramble, k, path, sizeof(path)));
		for (uint64_t off = 0; off < (uint64_t)st.st_size; off += 0x400) {
			memset(&s, 0, sizeof(s));
			s.have_file_offset = 1;
			s.file_offset = off;
			sym_lookup_file(fresh, path, &s);
			CHECK(strlen(s.symbol) < sizeof(s.symbol));
		}
		sym_cache_free(fresh);
	}
	fixture_cleanup("junk.so");
	sym_cache_free(c);
}

TEST(symbols_refuse_what_is_not_a_regular_file)
{
	struct sym_cache *c = sym_cache_new();
	struct sym_info s;
	char fifo[192], empty[192];
	uint64_t parsed, hits, refused, bytes;
	int fd;

	if (!build_fixture())
		SKIP("cc cannot build a shared object here");
	CHECK(c);
	memset(&s, 0, sizeof(s));
	/* A FIFO is never opened (opening it would block until a writer came). */
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	CHECK(mkfifo(fifo, 0600) == 0);
	CHECK(sym_lookup_file(c, fifo, &s) == -1);
	CHECK(sym_lookup_file(c, "/dev/null", &s) == -1);
	CHECK(sym_lookup_file(c, dir, &s) == -1);
	snprintf(empty, sizeof(empty), "%s/empty", dir);
	fd = open(empty, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	CHECK(fd >= 0);
	close(fd);
	CHECK(sym_lookup_file(c, empty, &s) == -1);
	sym_stats(c, &parsed, &hits, &refused, &bytes);
	CHECK(parsed == 0 && refused == 4);
	CHECK(!s.have_symbol && !s.have_offset);
	unlink(fifo);
	unlink(empty);
	sym_cache_free(c);
}

TEST(symbols_never_touch_fuse_or_network_files)
{
	static const char mountinfo[] =
	    "22 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
	    "30 22 0:26 / /dev/shm rw shared:4 - tmpfs tmpfs rw\n"
	    "41 22 0:50 / /home/u/fuse rw,nosuid,nodev - fuse.sshfs host:/ rw\n"
	    "42 22 0:51 / /srv/my\\040nfs rw - nfs4 host:/export rw\n"
	    "43 41 254:1 /opt /home/u/fuse/opt rw - ext4 /dev/vda1 rw\n";
	char path[192];
	FILE *f;

	if (!build_fixture())
		SKIP("no scratch directory");
	snprintf(path, sizeof(path), "%s/mountinfo", dir);
	f = fopen(path, "w");
	CHECK(f);
	fputs(mountinfo, f);
	fclose(f);
	/* The file's own file system. */
	CHECK(sym_mounts_safe(path, 254, 1, "/usr/lib/libc.so.6", NULL) == 1);
	CHECK(sym_mounts_safe(path, 0, 26, "/dev/shm/x.so", NULL) == 1);
	CHECK(sym_mounts_safe(path, 0, 50, "/home/u/fuse/evil.so", NULL) == 0);
	CHECK(sym_mounts_safe(path, 0, 51, "/srv/my nfs/lib.so", NULL) == 0);
	/* A device no mount lists: only the kernel's own shmem files (memfd, SysV shm). */
	CHECK(sym_mounts_safe(path, 0, 1, "/memfd:jit (deleted)", NULL) == 1);
	CHECK(sym_mounts_safe(path, 0, 99, "/tmp/x.so", NULL) == 0);
	/* A path walked through a FUSE mount is refused even when the file itself is local. */
	CHECK(sym_mounts_safe(path, 254, 1, "/home/u/fuse/opt/lib.so", "/home/u/fuse/opt/lib.so") ==
	      0);
	CHECK(sym_mounts_safe(path, 254, 1, "/srv/my nfs/x", "/srv/my nfs/x") == 0);
	CHECK(sym_mounts_safe(path, 254, 1, "/home/u/fusex/lib.so", "/home/u/fusex/lib.so") == 1);
	CHECK(sym_mounts_safe(path, 254, 1, "/usr/lib/libc.so.6", "/usr/lib/libc.so.6") == 1);
	CHECK(sym_mounts_safe("/nonexistent/mountinfo", 254, 1, "/usr/lib/libc.so.6", NULL) == 0);
	fixture_cleanup("mountinfo");
}

/* Last in this file (tests run in order): removes the fixture directory. */
TEST(symbols_zz_cleanup)
{
	if (built != 1)
		SKIP("no fixture was built");
	fixture_cleanup("libfx.so");
	fixture_cleanup("fx.c");
	CHECK(rmdir(dir) == 0);
}
