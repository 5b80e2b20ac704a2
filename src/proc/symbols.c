/*
 * Module, offset, function symbol and build-id of an address, read with libelf (elfutils).
 *
 * The traced process chooses what it maps, so every module is hostile input:
 *  - it is opened through /proc/PID/map_files/START-END (the very file mapped, even deleted or in
 *    another mount namespace), else /proc/PID/root/PATH when its device and inode are the ones
 *    the maps line names; only a regular file (stat before open: no device is ever opened), with
 *    O_NONBLOCK, at most SYM_FILE_MAX bytes;
 *  - libelf reads it with pread (ELF_C_READ), never mmap: a file truncated under sigscope gives
 *    read errors, not SIGBUS;
 *  - symbol tables and notes are bounded (SYM_SECTION_MAX bytes, SYM_MAX symbols, SYM_NAMES_MAX
 *    bytes of names); whatever libelf refuses (a corrupt ELF) leaves "no symbol", never a crash;
 *  - a symbol is reported only for an address inside its size, so a table cut short can only
 *    lose symbols, never name the wrong one.
 * Parsed modules are cached by (device, inode, mtime, size), least recently used evicted past
 * SYM_CACHE_BYTES; parsing spends at most SYM_BUDGET_NS per second.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "symbols.h"
#include "proc_ctx.h"

#define SYM_MODULES	64	      /* modules cached at most */
#define SYM_CACHE_BYTES (64u << 20)   /* bytes of symbols and names cached at most */
#define SYM_FILE_MAX	(1ull << 30)  /* larger files are not read */
#define SYM_SECTION_MAX (64ull << 20) /* bytes of symbol, string and note sections read */
#define SYM_MAX		(1u << 18)    /* function symbols kept per module */
#define SYM_NAMES_MAX	(8u << 20)    /* bytes of names kept per module */
#define SYM_LOADS_MAX	16	      /* PT_LOAD segments kept per module */
#define SYM_PHDRS_MAX	4096	      /* program headers looked at */
#define SYM_SCNS_MAX	65536	      /* sections looked at */
#define SYM_BUDGET_NS	250000000ull  /* at most 250 ms of parsing per second */
#define SYM_NOTE_MAX	(64u << 10)   /* a PT_NOTE segment read at most */
#define SYM_MEMO	64	      /* (device, inode) -> module answers kept */
#define SYM_MEMO_NS	1000000000ull /* each for a second, as a maps table */

struct sym_entry {
	uint64_t value, size;
	uint32_t name; /* offset in names */
	uint32_t rank; /* which of the symbols at one address is shown: higher first */
};

struct sym_load {
	uint64_t offset, filesz, vaddr;
};

struct sym_module {
	int used;
	dev_t dev;
	ino_t ino;
	struct timespec mtime;
	off_t size;
	uint64_t last_use;
	int elf_ok; /* the ELF header and program headers were read */
	struct sym_load loads[SYM_LOADS_MAX];
	unsigned int n_loads;
	struct sym_entry *syms;
	uint32_t n_syms, cap_syms;
	char *names;
	size_t names_len, names_cap;
	char build_id[2 * SYM_BUILD_ID_MAX + 1];
	size_t bytes;
	uint64_t gen; /* which module this slot holds (a memo entry names it) */
};

/* A file mapping's (device, inode) as the maps line gives it, and the module found for it: the
 * next finding within a second skips the stat of map_files (most of a warm lookup's cost). */
struct sym_memo {
	uint64_t ino;
	unsigned int major, minor;
	uint64_t when;
	struct sym_module *mod;
	uint64_t gen;
};

struct sym_cache {
	struct sym_module mod[SYM_MODULES];
	struct sym_memo memo[SYM_MEMO];
	uint64_t tick, gen;
	size_t bytes;
	uint64_t budget_start, budget_used;
	uint64_t parsed, hits, refused;
};

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

struct sym_cache *sym_cache_new(void)
{
	elf_version(EV_CURRENT);
	return calloc(1, sizeof(struct sym_cache));
}

static void module_clear(struct sym_module *m)
{
	free(m->syms);
	free(m->names);
	memset(m, 0, sizeof(*m));
}

void sym_cache_free(struct sym_cache *c)
{
	if (!c)
		return;
	for (unsigned int i = 0; i < SYM_MODULES; i++)
		module_clear(&c->mod[i]);
	free(c);
}

/* ---- parsing ----------------------------------------------------------------------------- */

static unsigned int underscores(const char *s)
{
	unsigned int n = 0;

	while (n < 8 && s[n] == '_')
		n++;
	return n;
}

/* Of several symbols at one address, the one a responder knows: fewer leading underscores
 * first ("execve" before "__execve", "system" before "__libc_system"), then global before weak
 * before local. */
static uint32_t sym_rank(unsigned int bind, const char *name)
{
	uint32_t b = bind == STB_GLOBAL ? 3 : bind == STB_WEAK ? 2 : 1;

	return ((8 - underscores(name)) << 8) | b;
}

static int add_symbol(struct sym_module *m, uint64_t value, uint64_t size, unsigned int bind,
		      const char *name)
{
	size_t n = strnlen(name, SYM_NAME_MAX - 1);

	if (m->n_syms >= SYM_MAX || m->names_len + n + 1 > SYM_NAMES_MAX)
		return -1;
	if (m->n_syms == m->cap_syms) {
		uint32_t cap = m->cap_syms ? m->cap_syms * 2 : 256;
		struct sym_entry *s = realloc(m->syms, cap * sizeof(*s));

		if (!s)
			return -1;
		m->syms = s;
		m->cap_syms = cap;
	}
	if (m->names_len + n + 1 > m->names_cap) {
		size_t cap = m->names_cap ? m->names_cap * 2 : 4096;
		char *p;

		while (cap < m->names_len + n + 1)
			cap *= 2;
		p = realloc(m->names, cap);
		if (!p)
			return -1;
		m->names = p;
		m->names_cap = cap;
	}
	memcpy(m->names + m->names_len, name, n);
	m->names[m->names_len + n] = '\0';
	m->syms[m->n_syms].value = value;
	m->syms[m->n_syms].size = size;
	m->syms[m->n_syms].name = (uint32_t)m->names_len;
	m->syms[m->n_syms].rank = sym_rank(bind, name);
	m->n_syms++;
	m->names_len += n + 1;
	return 0;
}

/* The function symbols of one .symtab or .dynsym; its string table is read too, and counted in
 * *budget with it. */
static void read_symtab(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh, struct sym_module *m,
			uint64_t *budget)
{
	size_t entsize = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
	Elf_Scn *strscn = elf_getscn(elf, sh->sh_link);
	GElf_Shdr strsh;
	Elf_Data *d;
	size_t n;

	if (!entsize || sh->sh_entsize != entsize || sh->sh_size > *budget || !strscn ||
	    !gelf_getshdr(strscn, &strsh) || strsh.sh_type != SHT_STRTAB ||
	    strsh.sh_size > *budget - sh->sh_size)
		return;
	*budget -= sh->sh_size + strsh.sh_size;
	d = elf_getdata(scn, NULL);
	if (!d || !d->d_buf)
		return;
	n = sh->sh_size / entsize; /* gelf_getsym() checks each index against the data read */
	for (size_t i = 1; i < n; i++) {
		GElf_Sym sym;
		unsigned int type;
		const char *name;

		if (!gelf_getsym(d, (int)i, &sym))
			break;
		type = GELF_ST_TYPE(sym.st_info);
		if ((type != STT_FUNC && type != STT_GNU_IFUNC) || sym.st_shndx == SHN_UNDEF ||
		    sym.st_value == 0 || sym.st_size == 0)
			continue;
		name = elf_strptr(elf, sh->sh_link, sym.st_name);
		if (!name || !name[0])
			continue;
		if (add_symbol(m, sym.st_value, sym.st_size, GELF_ST_BIND(sym.st_info), name) < 0)
			return;
	}
}

static void hex_id(struct sym_module *m, const unsigned char *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	if (n > SYM_BUILD_ID_MAX)
		n = SYM_BUILD_ID_MAX;
	for (size_t i = 0; i < n; i++) {
		m->build_id[2 * i] = digits[b[i] >> 4];
		m->build_id[2 * i + 1] = digits[b[i] & 15];
	}
	m->build_id[2 * n] = '\0';
}

/* The NT_GNU_BUILD_ID note of one block of notes, if there is one. */
static void read_notes(Elf_Data *d, struct sym_module *m)
{
	size_t off = 0, name_off, desc_off, next;
	GElf_Nhdr nh;

	while (!m->build_id[0] && off < d->d_size &&
	       (next = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > off) {
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && nh.n_descsz > 0 &&
		    name_off + 4 <= d->d_size && desc_off + nh.n_descsz <= d->d_size &&
		    memcmp((const char *)d->d_buf + name_off, "GNU", 4) == 0)
			hex_id(m, (const unsigned char *)d->d_buf + desc_off, nh.n_descsz);
		off = next;
	}
}

static int by_value(const void *a, const void *b)
{
	const struct sym_entry *x = a, *y = b;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

/* Sorted by address, one symbol per address (the best ranked, then the first read). */
static void sort_symbols(struct sym_module *m)
{
	uint32_t o = 0;

	if (!m->n_syms)
		return;
	qsort(m->syms, m->n_syms, sizeof(*m->syms), by_value);
	for (uint32_t i = 0; i < m->n_syms; i++)
		if (!o || m->syms[o - 1].value != m->syms[i].value)
			m->syms[o++] = m->syms[i];
	m->n_syms = o;
}

/* Reads the module open on fd into m. */
static void parse_elf(int fd, struct sym_module *m)
{
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	Elf_Scn *scn = NULL;
	size_t nph = 0, nscn = 0;
	/* Bytes libelf is asked to read, over all sections and notes: overlapping sections of a
	 * hostile file must not multiply what a 1 GiB file costs. */
	uint64_t budget = SYM_SECTION_MAX;

	if (!elf)
		return;
	if (elf_kind(elf) != ELF_K_ELF || elf_getphdrnum(elf, &nph) != 0)
		goto out;
	for (size_t i = 0; i < nph && i < SYM_PHDRS_MAX; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph))
			break;
		if (ph.p_type == PT_LOAD && m->n_loads < SYM_LOADS_MAX) {
			m->loads[m->n_loads].offset = ph.p_offset;
			m->loads[m->n_loads].filesz = ph.p_filesz;
			m->loads[m->n_loads].vaddr = ph.p_vaddr;
			m->n_loads++;
		} else if (ph.p_type == PT_NOTE && !m->build_id[0] && ph.p_filesz <= SYM_NOTE_MAX &&
			   ph.p_filesz <= budget && ph.p_offset <= (uint64_t)m->size &&
			   ph.p_filesz <= (uint64_t)m->size - ph.p_offset) {
			Elf_Data *d;

			budget -= ph.p_filesz;
			d = elf_getdata_rawchunk(elf, (int64_t)ph.p_offset, ph.p_filesz,
						 ELF_T_NHDR);

			if (d && d->d_buf)
				read_notes(d, m);
		}
	}
	m->elf_ok = m->n_loads > 0;
	while ((scn = elf_nextscn(elf, scn)) != NULL && nscn++ < SYM_SCNS_MAX) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			break;
		if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM) {
			read_symtab(elf, scn, &sh, m, &budget);
		} else if (sh.sh_type == SHT_NOTE && !m->build_id[0] &&
			   sh.sh_size <= SYM_NOTE_MAX && sh.sh_size <= budget) {
			Elf_Data *d;

			budget -= sh.sh_size;
			d = elf_getdata(scn, NULL);

			if (d && d->d_buf)
				read_notes(d, m);
		}
	}
	sort_symbols(m);
out:
	elf_end(elf);
}

/* ---- the cache --------------------------------------------------------------------------- */

static int same_file(const struct sym_module *m, const struct stat *st)
{
	return m->used && m->dev == st->st_dev && m->ino == st->st_ino &&
	       m->mtime.tv_sec == st->st_mtim.tv_sec && m->mtime.tv_nsec == st->st_mtim.tv_nsec &&
	       m->size == st->st_size;
}

static int budget_ok(struct sym_cache *c, uint64_t now)
{
	if (now - c->budget_start >= 1000000000ull) {
		c->budget_start = now;
		c->budget_used = 0;
	}
	return c->budget_used < SYM_BUDGET_NS;
}

/* Makes room for bytes more: evicts the least recently used modules. Returns a free slot. */
static struct sym_module *make_room(struct sym_cache *c, size_t bytes)
{
	for (;;) {
		struct sym_module *lru = NULL, *free_slot = NULL;

		for (unsigned int i = 0; i < SYM_MODULES; i++) {
			struct sym_module *m = &c->mod[i];

			if (!m->used)
				free_slot = free_slot ? free_slot : m;
			else if (!lru || m->last_use < lru->last_use)
				lru = m;
		}
		if (free_slot && c->bytes + bytes <= SYM_CACHE_BYTES)
			return free_slot;
		if (!lru)
			return free_slot;
		c->bytes -= lru->bytes;
		module_clear(lru);
	}
}

/*
 * The parsed module of the file that pfd (an O_PATH descriptor) names, whose fstat is st; NULL
 * when it cannot be read now. Only a regular file is opened, through /proc/self/fd: opening
 * nothing else (a device) and following no path again.
 */
static const struct sym_module *module_get(struct sym_cache *c, int pfd, const struct stat *st)
{
	struct sym_module tmp, *slot;
	struct stat fst;
	char self[40];
	uint64_t t0;
	int fd;

	for (unsigned int i = 0; i < SYM_MODULES; i++)
		if (same_file(&c->mod[i], st)) {
			c->mod[i].last_use = ++c->tick;
			c->hits++;
			return &c->mod[i];
		}
	if (!S_ISREG(st->st_mode) || st->st_size <= 0 || (uint64_t)st->st_size > SYM_FILE_MAX) {
		c->refused++;
		return NULL;
	}
	t0 = now_ns();
	if (!budget_ok(c, t0)) {
		c->refused++;
		return NULL;
	}
	snprintf(self, sizeof(self), "/proc/self/fd/%d", pfd);
	fd = open(self, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		c->refused++;
		return NULL;
	}
	if (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode) || fst.st_dev != st->st_dev ||
	    fst.st_ino != st->st_ino || fst.st_size != st->st_size) {
		close(fd);
		c->refused++;
		return NULL;
	}
	memset(&tmp, 0, sizeof(tmp));
	tmp.dev = fst.st_dev;
	tmp.ino = fst.st_ino;
	tmp.mtime = fst.st_mtim;
	tmp.size = fst.st_size;
	parse_elf(fd, &tmp);
	close(fd);
	c->budget_used += now_ns() - t0;
	c->parsed++;
	/* A module that gave nothing is cached too: it is not parsed again at every finding. */
	if (!tmp.n_syms) {
		free(tmp.syms);
		tmp.syms = NULL;
		tmp.cap_syms = 0;
	} else if (tmp.n_syms < tmp.cap_syms) {
		struct sym_entry *sh = realloc(tmp.syms, tmp.n_syms * sizeof(*sh));

		if (sh) {
			tmp.syms = sh;
			tmp.cap_syms = tmp.n_syms;
		}
	}
	tmp.bytes = sizeof(tmp) + (size_t)tmp.cap_syms * sizeof(*tmp.syms) + tmp.names_cap;
	slot = make_room(c, tmp.bytes);
	if (!slot) {
		module_clear(&tmp);
		return NULL;
	}
	tmp.used = 1;
	tmp.last_use = ++c->tick;
	tmp.gen = ++c->gen;
	*slot = tmp;
	c->bytes += tmp.bytes;
	return slot;
}

/* The ELF address of a file offset: through the PT_LOAD segment that holds it. */
static int file_to_vaddr(const struct sym_module *m, uint64_t off, uint64_t *vaddr)
{
	for (unsigned int i = 0; i < m->n_loads; i++) {
		const struct sym_load *l = &m->loads[i];

		if (off >= l->offset && off - l->offset < l->filesz) {
			*vaddr = l->vaddr + (off - l->offset);
			return 0;
		}
	}
	return -1;
}

/* The nearest function symbol at or below vaddr, when vaddr is inside its size. */
static const struct sym_entry *find_symbol(const struct sym_module *m, uint64_t vaddr)
{
	uint32_t lo = 0, hi = m->n_syms;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (m->syms[mid].value <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	if (vaddr - m->syms[lo - 1].value < m->syms[lo - 1].size)
		return &m->syms[lo - 1];
	return NULL;
}

static void fill_from_module(const struct sym_module *m, struct sym_info *out)
{
	const struct sym_entry *e;

	snprintf(out->build_id, sizeof(out->build_id), "%s", m->build_id);
	if (!m->elf_ok || !out->have_file_offset ||
	    file_to_vaddr(m, out->file_offset, &out->offset) != 0)
		return;
	out->have_offset = 1;
	e = find_symbol(m, out->offset);
	if (!e)
		return;
	out->have_symbol = 1;
	snprintf(out->symbol, sizeof(out->symbol), "%s", m->names + e->name);
	out->symbol_offset = out->offset - e->value;
}

int sym_lookup_file(struct sym_cache *c, const char *path, struct sym_info *out)
{
	const struct sym_module *m;
	struct stat st;
	int pfd = open(path, O_PATH | O_CLOEXEC);

	if (pfd < 0)
		return -1;
	m = fstat(pfd, &st) == 0 ? module_get(c, pfd, &st) : NULL;
	close(pfd);
	if (!m)
		return -1;
	fill_from_module(m, out);
	return m->elf_ok ? 0 : -1;
}

/* " (deleted)" at the end of a maps name: the path no longer names the file. */
static int deleted(const char *name)
{
	static const char suffix[] = " (deleted)";
	size_t n = strlen(name), k = sizeof(suffix) - 1;

	return n >= k && strcmp(name + n - k, suffix) == 0;
}

/*
 * File systems whose files are served by the kernel itself (rootfs: an initramfs root, as on the
 * test guests). Any other (FUSE, NFS, CIFS, 9p, ...) may be served by the traced process or never
 * answer: a stat, open or read there could block sigscope's one writer thread for good, so its
 * files are never touched.
 */
static int local_fs(const char *type)
{
	static const char *const ok[] = {
	    "ext2", "ext3",   "ext4",	  "xfs",   "btrfs",    "tmpfs",	    "overlay", "squashfs",
	    "vfat", "msdos",  "exfat",	  "f2fs",  "erofs",    "ramfs",	    "iso9660", "udf",
	    "jfs",  "nilfs2", "reiserfs", "ntfs3", "bcachefs", "hugetlbfs", "rootfs",
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(type, ok[i]) == 0)
			return 1;
	return 0;
}

/* Undoes mountinfo's octal escapes (\040 for a space) in place. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++, o++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*o = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*o = *s;
		}
	}
	*o = '\0';
}

/* mountpoint is path itself or one of its directories. */
static int on_path(const char *mountpoint, const char *path)
{
	size_t n = strlen(mountpoint);

	if (n == 1 && mountpoint[0] == '/')
		return 1;
	return strncmp(path, mountpoint, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

#define MOUNTINFO_LINES 4096

/*
 * Whether touching the mapped file is safe, from a mountinfo file (the process's, or sigscope's
 * for a path resolved in sigscope's namespace): the file's device must be on a local file system,
 * and, when path is given (it will be resolved component by component), so must every mount on
 * the way. A device mountinfo does not list is accepted only for the kernel's internal shmem
 * files (memfd_create, SysV shm), which no path reaches. Returns 1 when safe.
 */
static int mounts_safe(const char *mountinfo, const struct proc_mapping *pm, const char *name,
		       const char *path)
{
	return sym_mounts_safe(mountinfo, pm->dev_major, pm->dev_minor, name, path);
}

int sym_mounts_safe(const char *mountinfo, unsigned int dev_major, unsigned int dev_minor,
		    const char *name, const char *path)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned int lines = 0;
	int found = 0, safe = 1;
	FILE *f = fopen(mountinfo, "re");

	if (!f)
		return 0;
	while (safe && lines++ < MOUNTINFO_LINES && getline(&line, &cap, f) > 0) {
		unsigned int maj, min;
		char mp[PATH_MAX], *sep = strstr(line, " - "), type[64];

		if (!sep || sscanf(line, "%*u %*u %u:%u %*s %4095s", &maj, &min, mp) != 3 ||
		    sscanf(sep + 3, "%63s", type) != 1)
			continue;
		unescape(mp);
		if (maj == dev_major && min == dev_minor) {
			found = 1;
			safe = local_fs(type);
		}
		if (path && on_path(mp, path) && !local_fs(type))
			safe = 0;
	}
	if (lines > MOUNTINFO_LINES)
		safe = 0; /* not read whole: not known */
	free(line);
	fclose(f);
	if (!found && strncmp(name, "/memfd:", 7) != 0 && strncmp(name, "/SYSV", 5) != 0)
		safe = 0;
	return safe;
}

/* Opens path as an O_PATH descriptor, resolved under root (a directory descriptor) with no
 * symbolic link followed; -1 on failure. */
static int open_beneath(int root, const char *path)
{
	struct open_how how = {
	    .flags = O_PATH | O_CLOEXEC,
	    .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};

	return (int)syscall(SYS_openat2, root, path, &how, sizeof(how));
}

/* pfd names the mapped file: same inode, and device when check_dev. Closes it when not. */
static int is_mapped_file(int pfd, const struct proc_mapping *pm, int check_dev, struct stat *st)
{
	if (pfd < 0)
		return 0;
	if (fstat(pfd, st) == 0 && S_ISREG(st->st_mode) && st->st_ino == pm->ino &&
	    (!check_dev ||
	     (major(st->st_dev) == pm->dev_major && minor(st->st_dev) == pm->dev_minor)))
		return 1;
	close(pfd);
	return 0;
}

/*
 * An O_PATH descriptor of the file behind a file mapping, or -1: /proc/PID/map_files/START-END
 * (the very file mapped, even deleted or in another mount namespace; it needs CAP_SYS_ADMIN and a
 * live process), else the path under the process's root, else (the process is gone) under
 * sigscope's, each only when it is the mapped file (device and inode) and every file system
 * touched on the way is local.
 */
static int open_mapped(uint32_t pid, const struct proc_mapping *pm, const char *name,
		       struct stat *st)
{
	char path[PATH_MAX + 64];
	int pfd, root;

	snprintf(path, sizeof(path), "/proc/%u/mountinfo", pid);
	if (mounts_safe(path, pm, name, NULL)) {
		snprintf(path, sizeof(path), "/proc/%u/map_files/%llx-%llx", pid,
			 (unsigned long long)pm->start, (unsigned long long)pm->first_end);
		pfd = open(path, O_PATH | O_CLOEXEC);
		if (is_mapped_file(pfd, pm, 0, st))
			return pfd;
		snprintf(path, sizeof(path), "/proc/%u/mountinfo", pid);
		if (!deleted(name) && name[0] == '/' && mounts_safe(path, pm, name, name)) {
			snprintf(path, sizeof(path), "/proc/%u/root", pid);
			root = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
			pfd = root >= 0 ? open_beneath(root, name) : -1;
			if (root >= 0)
				close(root);
			if (is_mapped_file(pfd, pm, 1, st))
				return pfd;
		}
	}
	if (deleted(name) || name[0] != '/' || !mounts_safe("/proc/self/mountinfo", pm, name, name))
		return -1;
	root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	pfd = root >= 0 ? open_beneath(root, name) : -1;
	if (root >= 0)
		close(root);
	return is_mapped_file(pfd, pm, 1, st) ? pfd : -1;
}

/* Reads what the file behind a file mapping says about out->address. */
static void lookup_module(struct sym_cache *c, uint32_t pid, const struct proc_mapping *pm,
			  struct sym_info *out)
{
	const struct sym_module *m;
	struct sym_memo *memo = &c->memo[(pm->ino * 0x9e3779b97f4a7c15ull ^ pm->dev_minor) >> 58];
	uint64_t now = now_ns();
	struct stat st;
	int pfd;

	if (memo->mod && memo->ino == pm->ino && memo->major == pm->dev_major &&
	    memo->minor == pm->dev_minor && now - memo->when < SYM_MEMO_NS && memo->mod->used &&
	    memo->mod->gen == memo->gen) {
		memo->mod->last_use = ++c->tick;
		c->hits++;
		fill_from_module(memo->mod, out);
		return;
	}
	if (!budget_ok(c, now)) { /* mountinfo reading counts in the parsing budget */
		c->refused++;
		return;
	}
	pfd = open_mapped(pid, pm, out->module, &st);
	c->budget_used += now_ns() - now;
	if (pfd < 0) {
		c->refused++;
		return;
	}
	m = module_get(c, pfd, &st);
	close(pfd);
	if (!m)
		return;
	memo->ino = pm->ino;
	memo->major = pm->dev_major;
	memo->minor = pm->dev_minor;
	memo->when = now;
	memo->mod = (struct sym_module *)m;
	memo->gen = m->gen;
	fill_from_module(m, out);
}

void sym_lookup(struct sym_cache *c, struct proc_cache *procs, uint32_t pid, uint64_t exe_ino,
		uint64_t addr, struct sym_info *out)
{
	struct proc_mapping pm;
	int rc;

	memset(out, 0, sizeof(*out));
	out->address = addr;
	out->kind = SYM_UNKNOWN;
	if (!procs)
		return;
	rc = proc_mapping_lookup(procs, pid, exe_ino, addr, &pm, out->module, sizeof(out->module));
	if (rc != 0) {
		out->module[0] = '\0';
		out->kind = rc > 0 ? SYM_UNMAPPED : SYM_UNKNOWN;
		return;
	}
	out->snapshot = pm.snapshot;
	if (strcmp(out->module, "[vdso]") == 0) {
		/* The vDSO is an ELF linked at 0 and mapped whole at its start. */
		out->kind = SYM_VDSO;
		out->have_offset = 1;
		out->offset = addr - pm.start;
		return;
	}
	if (pm.anon || out->module[0] != '/' || pm.ino == 0) {
		out->kind = SYM_OTHER;
		return;
	}
	out->kind = SYM_FILE;
	if (!pm.mixed) {
		out->have_file_offset = 1;
		out->file_offset = addr - pm.start + pm.pgoff;
	}
	if (c)
		lookup_module(c, pid, &pm, out);
}

const char *sym_text(const struct sym_info *s, char *buf, size_t len)
{
	const char *base = strrchr(s->module, '/');
	unsigned long long a = (unsigned long long)s->address;

	base = base ? base + 1 : s->module;
	switch (s->kind) {
	case SYM_FILE:
	case SYM_VDSO:
		if (s->have_symbol)
			snprintf(buf, len, "%s!%s+0x%llx", base, s->symbol,
				 (unsigned long long)s->symbol_offset);
		else if (s->have_offset)
			snprintf(buf, len, "%s+0x%llx", base, (unsigned long long)s->offset);
		else
			snprintf(buf, len, "%s@0x%llx", base, a);
		break;
	case SYM_OTHER:
		snprintf(buf, len, "%s@0x%llx", s->module, a);
		break;
	case SYM_UNMAPPED:
		snprintf(buf, len, "[unmapped]@0x%llx", a);
		break;
	default:
		snprintf(buf, len, "unknown@0x%llx", a);
		break;
	}
	return buf;
}

void sym_stats(const struct sym_cache *c, uint64_t *parsed, uint64_t *hits, uint64_t *refused,
	       uint64_t *bytes)
{
	*parsed = c->parsed;
	*hits = c->hits;
	*refused = c->refused;
	*bytes = c->bytes;
}
