/*
 * Function entries by name, as file offsets (funcs.h), from .symtab, .dynsym or Go's pclntab.
 *
 * The file is hostile (a traced program chose it), so:
 *  - it is read with pread (libelf's ELF_C_READ for the headers), never mmap: a file truncated
 *    under sigscope gives read errors, not SIGBUS;
 *  - every offset and count is checked against the file size and the table that holds it, with
 *    64-bit arithmetic that cannot wrap; every loop runs over a table so checked;
 *  - at most FUNCS_READ_MAX bytes (and twice the file) are read per call, FUNCS_PROBES pclntab
 *    candidates tried, so lying offsets that defeat the windows below cost a bounded time;
 *  - a name found nowhere is left unfound, never guessed.
 *
 * Speed: tables are streamed through three windows of WIN_SIZE bytes reused for the whole call,
 * not read whole: on a stripped Go program the pclntab is megabytes, and faulting in fresh
 * pages for it costs more than the search. Names are first located in the string table (one
 * pass), then the symbols or functions whose name offset is one of those are kept (a second).
 *
 * The pclntab formats are Go's src/debug/gosym/pclntab.go and src/runtime/symtab.go: 1.2-1.15
 * (magic 0xfffffffb), 1.16-1.17 (0xfffffffa), 1.18-1.19 (0xfffffff0), 1.20+ (0xfffffff1).
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "funcs.h"
#include "../util/bytes.h"

#define FUNCS_FILE_MAX	(1ull << 30)   /* larger files are refused (as symbols.c) */
#define FUNCS_READ_MAX	(512ull << 20) /* bytes read per call at most */
#define FUNCS_PHDRS_MAX 4096	       /* program headers looked at */
#define FUNCS_SCNS_MAX	65536	       /* sections looked at */
#define FUNCS_LOADS_MAX 32	       /* PT_LOAD segments kept */
#define FUNCS_PROBES	16	       /* magic matches tried as a pclntab, per file */
#define FUNCS_NOTE_MAX	4096	       /* bytes of a PT_NOTE read for the Go build-id note */
#define FUNCS_NAME_MAX	1024	       /* longer names are never found */
#define FUNCS_CANDS	4	       /* places kept per wanted name seen in a string table */
#define WIN_SIZE	(16u << 10)    /* bytes of one window: fresh pages cost more than reads */
#define PAGE_MASK_4K	0xfffull

#define GO12_MAGIC  0xfffffffbu
#define GO116_MAGIC 0xfffffffau
#define GO118_MAGIC 0xfffffff0u
#define GO120_MAGIC 0xfffffff1u

struct load {
	uint64_t vaddr, off, filesz; /* filesz clipped to the file */
	uint32_t flags;
};

/* File bytes [off, off + len) held in buf. */
struct win {
	uint8_t *buf;
	uint64_t off, len;
};

struct file {
	int fd;
	uint64_t size;
	uint64_t budget; /* bytes that may still be read */
	Elf *elf;
	int lsb; /* little-endian: the only byte order parsed by hand (x86) */
	int is64;
	struct load loads[FUNCS_LOADS_MAX];
	unsigned int nloads;
	Elf_Scn *symtab, *dynsym;
	int go;					 /* a Go section was seen */
	uint64_t pcln_off, pcln_size, pcln_addr; /* the pclntab section, when there is one */
	int have_pcln;
	uint64_t text_addr; /* .text: Go's own fallback for the 1.18+ text base */
	int have_text;
	size_t probes; /* pclntab candidates tried */
	uint8_t *wbuf; /* the windows' buffers, allocated on first use */
	struct win w[3];
};

/* What funcs_find looks for, and the rank of what it found so far. */
struct want {
	const char *const *names;
	size_t n;
	size_t *len;
	uint64_t *vaddr;
	int *rank; /* 0: not found; higher is better */
	size_t left;
};

/* A place in a string table where a wanted name lies, NUL-terminated. */
struct cand {
	uint64_t off; /* from the table's start: what a name offset would say */
	size_t name;
	int rank; /* 4: the name itself; 2: Go's NAME.abi0 */
};

struct cands {
	struct cand *c;
	size_t n, cap;
};

/* Room for FUNCS_CANDS places per name (a name may be repeated, or be the tail of others). */
static struct cands *cands_new(size_t names)
{
	struct cands *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->cap = FUNCS_CANDS * names + 16;
	c->c = calloc(c->cap, sizeof(*c->c));
	if (!c->c) {
		free(c);
		return NULL;
	}
	return c;
}

static void cands_free(struct cands *c)
{
	if (c)
		free(c->c);
	free(c);
}

/* A word of w bytes (4 or 8): pclntab and ELF words follow the file's pointer size. */
static uint64_t rdw(const uint8_t *p, unsigned int w)
{
	return w == 4 ? rd32(p) : rd64(p);
}

/* Reads len bytes at off into b, within the file and the call's budget. */
static int read_at(struct file *f, uint8_t *b, uint64_t off, uint64_t len)
{
	uint64_t done = 0;

	if (off > f->size || len > f->size - off || len > f->budget)
		return -1;
	f->budget -= len;
	while (done < len) {
		ssize_t r = pread(f->fd, b + done, len - done, (off_t)(off + done));

		if (r <= 0)
			return -1;
		done += (uint64_t)r;
	}
	return 0;
}

/* len bytes at off in a new buffer (small reads: a header, a note), or NULL. */
static uint8_t *read_small(struct file *f, uint64_t off, uint64_t len)
{
	uint8_t *b;

	if (len == 0 || len > WIN_SIZE)
		return NULL;
	b = malloc(len);
	if (b && read_at(f, b, off, len) != 0) {
		free(b);
		b = NULL;
	}
	return b;
}

static int wins_ready(struct file *f)
{
	if (f->wbuf)
		return 0;
	f->wbuf = malloc(3 * (size_t)WIN_SIZE);
	if (!f->wbuf)
		return -1;
	for (int i = 0; i < 3; i++) {
		f->w[i].buf = f->wbuf + (size_t)i * WIN_SIZE;
		f->w[i].off = f->w[i].len = 0;
	}
	return 0;
}

/* Fills w with the file bytes from off, at most WIN_SIZE and at most to end: 0 or -1. */
static int win_fill(struct file *f, struct win *w, uint64_t off, uint64_t end)
{
	uint64_t len = end - off < WIN_SIZE ? end - off : WIN_SIZE;

	w->len = 0;
	if (off >= end || read_at(f, w->buf, off, len) != 0)
		return -1;
	w->off = off;
	w->len = len;
	return 0;
}

/* n bytes at file offset off through window w (refilled from off when they are not in it),
 * or NULL: past the file, a read error, or the budget spent. */
static const uint8_t *win_at(struct file *f, struct win *w, uint64_t off, uint64_t n)
{
	if (n > WIN_SIZE || off > f->size || n > f->size - off)
		return NULL;
	if (off >= w->off && w->len >= n && off - w->off <= w->len - n)
		return w->buf + (off - w->off);
	if (win_fill(f, w, off, f->size) != 0 || w->len < n)
		return NULL;
	return w->buf;
}

/*
 * The file offset of the byte at vaddr in an executable segment, as the kernel sees it: the
 * loader maps the page of p_offset at the page of p_vaddr, so the offset is counted from those
 * pages (the same as vaddr - p_vaddr + p_offset in any ELF the loader accepts).
 */
static int vaddr_to_off(const struct file *f, uint64_t vaddr, uint64_t *off)
{
	for (unsigned int i = 0; i < f->nloads; i++) {
		const struct load *l = &f->loads[i];

		if (!(l->flags & PF_X) || vaddr < l->vaddr || vaddr - l->vaddr >= l->filesz)
			continue;
		*off = (vaddr - (l->vaddr & ~PAGE_MASK_4K)) + (l->off & ~PAGE_MASK_4K);
		return 0;
	}
	return -1;
}

/* The vaddr of file offset off in any loaded segment (the pclntab may be in any of them). */
static int off_to_vaddr(const struct file *f, uint64_t off, uint64_t *vaddr)
{
	for (unsigned int i = 0; i < f->nloads; i++) {
		const struct load *l = &f->loads[i];

		if (off >= l->off && off - l->off < l->filesz) {
			*vaddr = l->vaddr + (off - l->off);
			return 0;
		}
	}
	return -1;
}

static void file_close(struct file *f)
{
	if (f->elf)
		elf_end(f->elf);
	f->elf = NULL;
	free(f->wbuf);
	f->wbuf = NULL;
}

static int is_go_section(const char *name)
{
	return !strcmp(name, ".gopclntab") || !strcmp(name, ".data.rel.ro.gopclntab") ||
	       !strcmp(name, ".go.buildinfo") || !strcmp(name, ".note.go.buildid") ||
	       !strcmp(name, ".gosymtab");
}

/* Reads the headers: segments, the symbol tables, Go's sections. -1 with errno when the file is
 * not an ELF executable or shared object that can be read. */
static int file_open(struct file *f, int fd)
{
	struct stat st;
	GElf_Ehdr eh;
	size_t nph = 0, shstrndx = 0, nscn = 0;
	Elf_Scn *scn = NULL;

	memset(f, 0, sizeof(*f));
	f->fd = fd;
	if (fstat(fd, &st) != 0)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	if (st.st_size <= 0) {
		errno = ENOEXEC;
		return -1;
	}
	if ((uint64_t)st.st_size > FUNCS_FILE_MAX) {
		errno = EFBIG;
		return -1;
	}
	f->size = (uint64_t)st.st_size;
	/* a sane file is read about once: twice, and a megabyte of windows, is plenty */
	f->budget = 2 * f->size + (1u << 20);
	if (f->budget > FUNCS_READ_MAX)
		f->budget = FUNCS_READ_MAX;
	elf_version(EV_CURRENT);
	f->elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!f->elf || elf_kind(f->elf) != ELF_K_ELF || !gelf_getehdr(f->elf, &eh) ||
	    (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) || elf_getphdrnum(f->elf, &nph) != 0) {
		file_close(f);
		errno = ENOEXEC;
		return -1;
	}
	f->lsb = eh.e_ident[EI_DATA] == ELFDATA2LSB;
	f->is64 = eh.e_ident[EI_CLASS] == ELFCLASS64;
	for (size_t i = 0; i < nph && i < FUNCS_PHDRS_MAX; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(f->elf, (int)i, &ph) || ph.p_type != PT_LOAD ||
		    f->nloads == FUNCS_LOADS_MAX || ph.p_offset >= f->size)
			continue;
		f->loads[f->nloads].vaddr = ph.p_vaddr;
		f->loads[f->nloads].off = ph.p_offset;
		f->loads[f->nloads].filesz =
		    ph.p_filesz < f->size - ph.p_offset ? ph.p_filesz : f->size - ph.p_offset;
		f->loads[f->nloads].flags = ph.p_flags;
		f->nloads++;
	}
	/* No section headers (or unreadable ones) is normal for a stripped file: symbols stay
	 * unknown and the pclntab is looked for by magic. */
	if (elf_getshdrstrndx(f->elf, &shstrndx) != 0)
		return 0;
	while ((scn = elf_nextscn(f->elf, scn)) && nscn++ < FUNCS_SCNS_MAX) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB && !f->symtab)
			f->symtab = scn;
		else if (sh.sh_type == SHT_DYNSYM && !f->dynsym)
			f->dynsym = scn;
		name = elf_strptr(f->elf, shstrndx, sh.sh_name);
		if (!name)
			continue;
		if (is_go_section(name))
			f->go = 1;
		if (!strcmp(name, ".text") && !f->have_text) {
			f->text_addr = sh.sh_addr;
			f->have_text = 1;
		}
		if ((!strcmp(name, ".gopclntab") || !strcmp(name, ".data.rel.ro.gopclntab")) &&
		    sh.sh_type == SHT_PROGBITS && !f->have_pcln) {
			f->pcln_off = sh.sh_offset;
			f->pcln_size = sh.sh_size;
			f->pcln_addr = sh.sh_addr;
			f->have_pcln = 1;
		}
	}
	return 0;
}

/*
 * The descriptor of the first note of owner `owner` (4 bytes with its NUL padding) and type `type`
 * in a PT_NOTE: copies at most max bytes to desc (may be NULL) and returns its length, or -1.
 */
static long find_note(struct file *f, const char owner[4], uint32_t type, uint8_t *desc, size_t max)
{
	size_t nph = 0;

	if (elf_getphdrnum(f->elf, &nph) != 0)
		return -1;
	for (size_t i = 0; i < nph && i < FUNCS_PHDRS_MAX; i++) {
		GElf_Phdr ph;
		uint8_t *b;
		uint64_t len, at = 0;
		long found = -1;

		if (!gelf_getphdr(f->elf, (int)i, &ph) || ph.p_type != PT_NOTE || ph.p_filesz < 12)
			continue;
		len = ph.p_filesz < FUNCS_NOTE_MAX ? ph.p_filesz : FUNCS_NOTE_MAX;
		b = read_small(f, ph.p_offset, len);
		if (!b)
			continue;
		/* namesz, descsz, type, then name and desc each padded to 4 bytes */
		while (found < 0 && len - at >= 12) {
			uint64_t namesz = rd32(b + at), descsz = rd32(b + at + 4);
			uint64_t next = 12 + ((namesz + 3) & ~3ull) + ((descsz + 3) & ~3ull);

			if (next > len - at)
				break;
			if (rd32(b + at + 8) == type && namesz == 4 &&
			    !memcmp(b + at + 12, owner, 4)) {
				found = (long)descsz;
				if (desc)
					memcpy(desc, b + at + 16, descsz < max ? descsz : max);
			}
			at += next;
		}
		free(b);
		if (found >= 0)
			return found;
	}
	return -1;
}

/* 1 when a PT_NOTE holds Go's build-id note (owner "Go\0\0", type 4), which the gc linker always
 * writes (also through an external linker) and stripping keeps, even with the section headers. */
static int has_go_note(struct file *f)
{
	return find_note(f, "Go\0\0", 4, NULL, 0) >= 0;
}

/* 1 when a writable segment starts with Go's build-info magic, where the gc linker puts
 * .go.buildinfo. */
static int has_go_buildinfo(struct file *f)
{
	static const char magic[] = "\xff Go buildinf:";

	for (unsigned int i = 0; i < f->nloads; i++) {
		uint8_t *b;
		int go;

		if (!(f->loads[i].flags & PF_W) || f->loads[i].filesz < sizeof(magic) - 1)
			continue;
		b = read_small(f, f->loads[i].off, sizeof(magic) - 1);
		if (!b)
			continue;
		go = !memcmp(b, magic, sizeof(magic) - 1);
		free(b);
		if (go)
			return 1;
	}
	return 0;
}

static int file_is_go(struct file *f)
{
	return f->go || has_go_note(f) || has_go_buildinfo(f);
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* The first candidate at off, or NULL (the others at off follow it). */
static const struct cand *cand_find(const struct cands *c, uint64_t off)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->c[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->c[lo].off == off ? &c->c[lo] : NULL;
}

/*
 * Streams the file bytes [start, end) (a string table) through window w and records where each
 * wanted name not found yet lies NUL-terminated (rank 4) or, with abi0, as "NAME.abi0" (rank 2),
 * anywhere: a linker may share a name's bytes with the tail of a longer one. Sorted by offset.
 */
static void prescan(struct file *f, struct win *w, uint64_t start, uint64_t end,
		    const struct want *wt, int abi0, struct cands *c)
{
	char pat[FUNCS_NAME_MAX + 8];
	size_t maxpat = 0;
	uint64_t pos = start;

	c->n = 0;
	for (size_t i = 0; i < wt->n; i++)
		if (!wt->rank[i] && wt->len[i] + 6 > maxpat)
			maxpat = wt->len[i] + 6;
	while (maxpat && pos < end && win_fill(f, w, pos, end) == 0) {
		int last = pos + w->len == end;
		/* a hit starting at or past limit is whole in the next window, found there */
		uint64_t limit = last ? w->len : w->len - (maxpat - 1);

		for (size_t i = 0; i < wt->n; i++)
			for (int v = 0; v < 1 + (abi0 != 0) && !wt->rank[i]; v++) {
				size_t plen = wt->len[i] + (v ? 6 : 1);
				const uint8_t *s = w->buf, *e = w->buf + w->len, *hit;

				memcpy(pat, wt->names[i], wt->len[i]);
				memcpy(pat + wt->len[i], v ? ".abi0" : "", v ? 6 : 1);
				while (s < e && (hit = memmem(s, (size_t)(e - s), pat, plen)) &&
				       (uint64_t)(hit - w->buf) < limit) {
					if (c->n < c->cap) {
						c->c[c->n].off =
						    pos + (uint64_t)(hit - w->buf) - start;
						c->c[c->n].name = i;
						c->c[c->n].rank = v ? 2 : 4;
						c->n++;
					}
					s = hit + 1;
				}
			}
		pos += limit;
	}
	w->len = 0; /* the window holds a chunk, not what win_at would expect */
	qsort(c->c, c->n, sizeof(c->c[0]), cand_cmp);
}

/* Looks the wanted names up in one symbol table: in a Go program the lowest of NAME and
 * NAME.abi0, else a global or weak symbol before a local one, then the first. */
static void search_symtab(struct file *f, Elf_Scn *scn, struct want *w, int abi0)
{
	GElf_Shdr sh, strsh;
	Elf_Scn *strs;
	struct cands *c = cands_new(w->n);
	int *best = calloc(w->n, sizeof(*best));
	uint64_t *at = calloc(w->n, sizeof(*at));
	const uint64_t symsz = f->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
	uint64_t nsyms;

	if (!c || !best || !at || !f->lsb || wins_ready(f) != 0 || !gelf_getshdr(scn, &sh) ||
	    sh.sh_entsize != symsz || sh.sh_type == SHT_NOBITS || sh.sh_offset > f->size ||
	    !(strs = elf_getscn(f->elf, sh.sh_link)) || !gelf_getshdr(strs, &strsh) ||
	    strsh.sh_type != SHT_STRTAB || strsh.sh_offset > f->size ||
	    strsh.sh_size > f->size - strsh.sh_offset)
		goto out;
	prescan(f, &f->w[0], strsh.sh_offset, strsh.sh_offset + strsh.sh_size, w, abi0, c);
	if (!c->n)
		goto out;
	/* symbols past the end of the file do not exist */
	nsyms = (sh.sh_size < f->size - sh.sh_offset ? sh.sh_size : f->size - sh.sh_offset) / symsz;
	for (uint64_t k = 1; k < nsyms; k++) {
		const uint8_t *p = win_at(f, &f->w[1], sh.sh_offset + k * symsz, symsz);
		uint32_t name;
		uint8_t info;
		uint16_t shndx;
		uint64_t value;
		const struct cand *cd;

		if (!p)
			break;
		name = rd32(p);
		if (f->is64) {
			info = p[4];
			memcpy(&shndx, p + 6, 2);
			memcpy(&value, p + 8, 8);
		} else {
			info = p[12];
			memcpy(&shndx, p + 14, 2);
			value = rd32(p + 4);
		}
		/* Functions, and labels of hand-written assembly (qemu's safe_syscall_start is a
		 * NOTYPE label); a function of the same name wins over a label. */
		if ((ELF64_ST_TYPE(info) != STT_FUNC && ELF64_ST_TYPE(info) != STT_NOTYPE) ||
		    shndx == SHN_UNDEF || shndx == SHN_ABS || value == 0 ||
		    !(cd = cand_find(c, name)))
			continue;
		for (; cd < c->c + c->n && cd->off == name; cd++) {
			int bind = ELF64_ST_BIND(info);
			/* Go: NAME and NAME.abi0 alike, the lowest wins (the function itself, as in
			 * the pclntab, before the ABI wrapper the linker puts after it) */
			int r = abi0 ? 8
				     : 2 * (cd->rank + (bind == STB_GLOBAL || bind == STB_WEAK)) +
					   (ELF64_ST_TYPE(info) == STT_FUNC);

			if (r > best[cd->name] || (abi0 && value < at[cd->name])) {
				best[cd->name] = r;
				at[cd->name] = value;
			}
		}
	}
	for (size_t i = 0; i < w->n; i++) {
		uint64_t off;

		/* a symbol outside executable file bytes is no entry: not found here */
		if (best[i] && !w->rank[i] && vaddr_to_off(f, at[i], &off) == 0) {
			w->rank[i] = best[i];
			w->vaddr[i] = at[i];
			w->left--;
		}
	}
out:
	cands_free(c);
	free(best);
	free(at);
}

/* The layout of one pclntab, from its header; offsets from its start. */
struct pcln {
	uint64_t off;	  /* its file offset */
	uint64_t len;	  /* bytes of the file it may span from off */
	uint64_t addr;	  /* vaddr of its start; 0 when unknown */
	unsigned int ps;  /* pointer size */
	unsigned int fsz; /* functab field size */
	int absolute;	  /* entries are addresses (before 1.18), else offsets from text */
	uint64_t nfunc, ftab, fbase, nbase, nend, text;
};

/* Checks a pclntab header against the bytes that may hold it: 0 when every table it names lies
 * in them, -1 when it is no pclntab or lies. */
static int pcln_header(struct file *f, struct pcln *t)
{
	const uint8_t *p;
	uint32_t magic;
	uint64_t w[8], slots;
	unsigned int nw;

	if (t->len < 16 || !(p = win_at(f, &f->w[1], t->off, 16)))
		return -1;
	magic = rd32(p);
	t->ps = p[7];
	if (p[4] || p[5] || (p[6] != 1 && p[6] != 2 && p[6] != 4) || (t->ps != 4 && t->ps != 8))
		return -1;
	if (magic != GO12_MAGIC && magic != GO116_MAGIC && magic != GO118_MAGIC &&
	    magic != GO120_MAGIC)
		return -1;
	nw = magic == GO12_MAGIC ? 1 : magic == GO116_MAGIC ? 7 : 8;
	if (t->len < 8 + (uint64_t)nw * t->ps || !(p = win_at(f, &f->w[1], t->off, 8 + nw * t->ps)))
		return -1;
	for (unsigned int k = 0; k < nw; k++)
		w[k] = rdw(p + 8 + k * t->ps, t->ps);
	t->nfunc = w[0];
	t->text = 0;
	t->absolute = magic == GO12_MAGIC || magic == GO116_MAGIC;
	t->fsz = t->absolute ? t->ps : 4;
	if (magic == GO12_MAGIC) {
		/* names anywhere in the table */
		t->ftab = 8 + t->ps;
		t->fbase = t->nbase = 0;
		t->nend = t->len;
	} else if (magic == GO116_MAGIC) {
		/* nfunc, nfiles, funcname, cu, filetab, pctab, pclntable: in that order */
		for (unsigned int k = 3; k < 7; k++)
			if (w[k] < w[k - 1])
				return -1;
		t->nbase = w[2];
		t->nend = w[3];
		t->ftab = t->fbase = w[6];
	} else {
		/* nfunc, nfiles, text, funcname, cu, filetab, pctab, pclntable */
		for (unsigned int k = 4; k < 8; k++)
			if (w[k] < w[k - 1])
				return -1;
		t->text = w[2];
		t->nbase = w[3];
		t->nend = w[4];
		t->ftab = t->fbase = w[7];
	}
	if (t->nfunc == 0 || t->nend > t->len || t->ftab >= t->len)
		return -1;
	/* the functab holds nfunc (entry, funcoff) pairs and the end entry */
	slots = (t->len - t->ftab) / t->fsz;
	if (slots < 3 || t->nfunc > (slots - 1) / 2)
		return -1;
	return 0;
}

/*
 * The text base of a 1.18+ pclntab whose header field is 0 (unrelocated, or left unused): the
 * runtime's moduledata, which starts with the pclntab's address and the funcnametab slice and
 * holds text 22 words in (runtime/symtab.go), else the .text section as debug/gosym takes it.
 */
static uint64_t pcln_text_fallback(struct file *f, const struct pcln *t)
{
	const uint64_t need = 23ull * t->ps;

	for (unsigned int i = 0; t->addr && i < f->nloads; i++) {
		const struct load *l = &f->loads[i];

		if (!(l->flags & PF_W) || l->filesz < need)
			continue;
		for (uint64_t at = 0; at <= l->filesz - need; at += t->ps) {
			const uint8_t *p = win_at(f, &f->w[1], l->off + at, need);

			if (!p)
				break;
			if (rdw(p, t->ps) == t->addr && rdw(p + t->ps, t->ps) == t->addr + t->nbase)
				return rdw(p + 22ull * t->ps, t->ps);
		}
	}
	return f->have_text ? f->text_addr : 0;
}

/*
 * Looks the wanted names up in the pclntab t, whose header checked: their places in the name
 * table first, then the functions, in table order, whose name offset is one of those (the first
 * function of a name wins). Windows: 0 for names then the functab, 1 for the function records.
 */
static void pcln_search(struct file *f, struct pcln *t, struct want *w)
{
	const unsigned int eo = t->absolute ? t->ps : 4; /* _func: entry, then nameoff */
	struct cands *c;

	if (!t->absolute && !t->text)
		t->text = pcln_text_fallback(f, t);
	if (!t->absolute && !t->text)
		return;
	c = cands_new(w->n);
	if (!c)
		return;
	prescan(f, &f->w[0], t->off + t->nbase, t->off + t->nend, w, 0, c);
	for (uint64_t k = 0; k < t->nfunc && w->left && c->n; k++) {
		const uint8_t *fe =
		    win_at(f, &f->w[0], t->off + t->ftab + 2 * k * t->fsz, 2 * t->fsz);
		const uint8_t *rec;
		uint64_t entry, funcoff, fo;
		const struct cand *cd;
		int32_t nameoff;

		if (!fe)
			break;
		entry = rdw(fe, t->fsz);
		funcoff = rdw(fe + t->fsz, t->fsz);
		if (funcoff > t->len - t->fbase)
			continue;
		fo = t->fbase + funcoff;
		if (t->len - fo < (uint64_t)eo + 4 ||
		    !(rec = win_at(f, &f->w[1], t->off + fo, eo + 4)))
			continue;
		/* a function record that disagrees with its table entry is a lie: skipped */
		if (rdw(rec, eo) != entry)
			continue;
		nameoff = (int32_t)rd32(rec + eo);
		if (nameoff < 0 || !(cd = cand_find(c, (uint64_t)nameoff)))
			continue;
		for (; cd < c->c + c->n && cd->off == (uint64_t)nameoff; cd++) {
			uint64_t vaddr = t->absolute ? entry : t->text + entry, off;

			if (w->rank[cd->name] || vaddr < entry || vaddr_to_off(f, vaddr, &off) != 0)
				continue;
			w->rank[cd->name] = 1;
			w->vaddr[cd->name] = vaddr;
			w->left--;
		}
	}
	cands_free(c);
}

/* Tries the bytes at file offset off (len of them, at vaddr addr) as a pclntab: -1 when its
 * header does not check. */
static int try_pcln(struct file *f, uint64_t off, uint64_t len, uint64_t addr, struct want *w)
{
	struct pcln t = {.off = off, .len = len, .addr = addr};

	if (pcln_header(f, &t) != 0)
		return -1;
	pcln_search(f, &t, w);
	return 0;
}

/* Without a pclntab section: the magic at 4-byte-aligned offsets of each loaded segment, data
 * segments first (the pclntab is data; the text is most of the file), streamed through window 2;
 * the first candidate whose header checks and that holds a wanted name is taken. */
static void scan_pcln(struct file *f, struct want *w)
{
	uint64_t scanned = 0;

	for (unsigned int j = 0; j < 2 * f->nloads && w->left; j++) {
		const struct load *l = &f->loads[j % f->nloads];
		const uint64_t end = l->off + l->filesz;
		uint64_t pos = l->off + ((4 - (l->off & 3)) & 3);

		/* segments of a sane file do not overlap: more than the file is a lie */
		if (!(l->flags & PF_X) != (j < f->nloads) || l->filesz < 16 ||
		    l->filesz > f->size - scanned)
			continue;
		scanned += l->filesz;
		while (pos + 16 <= end && w->left && f->probes < FUNCS_PROBES &&
		       win_fill(f, &f->w[2], pos, end) == 0) {
			const struct win *c = &f->w[2];
			/* a match needs 8 bytes; one at or past limit is seen in the next window */
			uint64_t limit = pos + c->len == end ? c->len : c->len - 8;

			for (uint64_t at = 0; at < limit && at + 8 <= c->len; at += 4) {
				uint32_t m = rd32(c->buf + at);
				size_t before = w->left;

				if ((m != GO118_MAGIC && m != GO120_MAGIC && m != GO116_MAGIC &&
				     m != GO12_MAGIC) ||
				    c->buf[at + 4] || c->buf[at + 5])
					continue;
				if (f->probes++ >= FUNCS_PROBES)
					break;
				if (try_pcln(f, pos + at, end - (pos + at),
					     l->vaddr + (pos + at - l->off), w) == 0 &&
				    w->left < before)
					break;
			}
			pos += limit;
		}
	}
}

static void search_go(struct file *f, struct want *w)
{
	if (!f->lsb || wins_ready(f) != 0)
		return;
	if (f->have_pcln && f->pcln_off < f->size) {
		uint64_t len =
		    f->pcln_size < f->size - f->pcln_off ? f->pcln_size : f->size - f->pcln_off;
		uint64_t addr = f->pcln_addr;

		if (!addr)
			off_to_vaddr(f, f->pcln_off, &addr);
		/* the section is authoritative when its header checks */
		if (try_pcln(f, f->pcln_off, len, addr, w) == 0)
			return;
	}
	scan_pcln(f, w);
}

int funcs_find(int fd, const char *const *names, size_t n, uint64_t *file_off, int *found)
{
	struct file f;
	struct want w = {.names = names, .n = n, .left = n};
	int ret = -1;

	for (size_t i = 0; i < n; i++) {
		found[i] = 0;
		file_off[i] = 0;
	}
	if (file_open(&f, fd) != 0)
		return -1;
	w.len = calloc(n ? n : 1, sizeof(*w.len));
	w.vaddr = calloc(n ? n : 1, sizeof(*w.vaddr));
	w.rank = calloc(n ? n : 1, sizeof(*w.rank));
	if (!w.len || !w.vaddr || !w.rank) {
		errno = ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		w.len[i] = strlen(names[i]);
		/* the empty name is nobody's; a name longer than any window is not looked for */
		if (w.len[i] == 0 || w.len[i] > FUNCS_NAME_MAX) {
			w.rank[i] = -1;
			w.left--;
		}
	}
	{
		int go = file_is_go(&f);

		if (w.left && f.symtab)
			search_symtab(&f, f.symtab, &w, go);
		if (w.left && f.dynsym)
			search_symtab(&f, f.dynsym, &w, go);
		if (w.left && go)
			search_go(&f, &w);
	}
	ret = 0;
	for (size_t i = 0; i < n; i++)
		if (w.rank[i] > 0 && vaddr_to_off(&f, w.vaddr[i], &file_off[i]) == 0) {
			found[i] = 1;
			ret++;
		}
out:
	free(w.len);
	free(w.vaddr);
	free(w.rank);
	file_close(&f);
	return ret;
}

int funcs_is_go(int fd)
{
	struct file f;
	int go;

	if (file_open(&f, fd) != 0)
		return -1;
	go = file_is_go(&f);
	file_close(&f);
	return go;
}

int funcs_build_id(int fd, uint8_t *id, size_t max)
{
	struct file f;
	long n;

	if (file_open(&f, fd) != 0)
		return -1;
	n = find_note(&f, "GNU\0", 3 /* NT_GNU_BUILD_ID */, id, max);
	file_close(&f);
	if (n < 0 || (size_t)n > max) {
		errno = ENOENT;
		return -1;
	}
	return (int)n;
}
