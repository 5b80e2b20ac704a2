/*
 * Function entries by name, as file offsets (funcs.h), from .symtab, .dynsym or Go's pclntab.
 *
 * The file is hostile (a traced program chose it), so:
 *  - it is read with pread (libelf's ELF_C_READ for headers and symbol tables, pread for the
 *    pclntab), never mmap: a file truncated under sigscope gives read errors, not SIGBUS;
 *  - every offset and count is checked against the bytes actually read, with 64-bit arithmetic
 *    that cannot wrap; loops run over tables whose size was checked against the file size;
 *  - at most FUNCS_REGION_MAX bytes are read at once, FUNCS_PROBES pclntab candidates tried;
 *  - a name found nowhere is left unfound, never guessed.
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

#define FUNCS_FILE_MAX	 (1ull << 30)	/* larger files are refused (as symbols.c) */
#define FUNCS_REGION_MAX (256ull << 20) /* bytes read at once: a pclntab, a segment */
#define FUNCS_PHDRS_MAX	 4096		/* program headers looked at */
#define FUNCS_SCNS_MAX	 65536		/* sections looked at */
#define FUNCS_LOADS_MAX	 32		/* PT_LOAD segments kept */
#define FUNCS_PROBES	 16		/* magic matches tried as a pclntab, per file */
#define FUNCS_NOTE_MAX	 4096		/* bytes of a PT_NOTE read for the Go build-id note */
#define PAGE_MASK_4K	 0xfffull

#define GO12_MAGIC  0xfffffffbu
#define GO116_MAGIC 0xfffffffau
#define GO118_MAGIC 0xfffffff0u
#define GO120_MAGIC 0xfffffff1u

struct load {
	uint64_t vaddr, off, filesz; /* filesz clipped to the file */
	uint32_t flags;
};

struct file {
	int fd;
	uint64_t size;
	Elf *elf;
	int lsb; /* little-endian: the only pclntab byte order read */
	struct load loads[FUNCS_LOADS_MAX];
	unsigned int nloads;
	Elf_Scn *symtab, *dynsym;
	int go;					 /* a Go section or the Go build-id note was seen */
	uint64_t pcln_off, pcln_size, pcln_addr; /* the pclntab section, when there is one */
	int have_pcln;
	uint64_t text_addr; /* .text: Go's own fallback for the 1.18+ text base */
	int have_text;
	size_t probes; /* pclntab candidates tried */
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

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t rdw(const uint8_t *p, unsigned int w)
{
	uint64_t v;

	if (w == 4)
		return rd32(p);
	memcpy(&v, p, 8);
	return v;
}

/* len bytes at off of the file, or NULL (out of the file, too large, a read error). */
static uint8_t *read_region(const struct file *f, uint64_t off, uint64_t len)
{
	uint8_t *b;
	uint64_t done = 0;

	if (len == 0 || len > FUNCS_REGION_MAX || off > f->size || len > f->size - off)
		return NULL;
	b = malloc(len);
	if (!b)
		return NULL;
	while (done < len) {
		ssize_t r = pread(f->fd, b + done, len - done, (off_t)(off + done));

		if (r <= 0) {
			free(b);
			return NULL;
		}
		done += (uint64_t)r;
	}
	return b;
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
	elf_version(EV_CURRENT);
	f->elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!f->elf || elf_kind(f->elf) != ELF_K_ELF || !gelf_getehdr(f->elf, &eh) ||
	    (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) || elf_getphdrnum(f->elf, &nph) != 0) {
		file_close(f);
		errno = ENOEXEC;
		return -1;
	}
	f->lsb = eh.e_ident[EI_DATA] == ELFDATA2LSB;
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

/* 1 when a PT_NOTE holds Go's build-id note (owner "Go\0\0", type 4), which the gc linker always
 * writes (also through an external linker) and stripping keeps, even with the section headers. */
static int has_go_note(const struct file *f)
{
	size_t nph = 0;

	if (elf_getphdrnum(f->elf, &nph) != 0)
		return 0;
	for (size_t i = 0; i < nph && i < FUNCS_PHDRS_MAX; i++) {
		GElf_Phdr ph;
		uint8_t *b;
		uint64_t len, at = 0;
		int go = 0;

		if (!gelf_getphdr(f->elf, (int)i, &ph) || ph.p_type != PT_NOTE || ph.p_filesz < 12)
			continue;
		len = ph.p_filesz < FUNCS_NOTE_MAX ? ph.p_filesz : FUNCS_NOTE_MAX;
		b = read_region(f, ph.p_offset, len);
		if (!b)
			continue;
		/* namesz, descsz, type, then name and desc each padded to 4 bytes */
		while (!go && len - at >= 12) {
			uint64_t namesz = rd32(b + at), descsz = rd32(b + at + 4);
			uint32_t type = rd32(b + at + 8);
			uint64_t next = 12 + ((namesz + 3) & ~3ull) + ((descsz + 3) & ~3ull);

			go = type == 4 && namesz == 4 && len - at >= 16 &&
			     !memcmp(b + at + 12, "Go\0\0", 4);
			if (next > len - at)
				break;
			at += next;
		}
		free(b);
		if (go)
			return 1;
	}
	return 0;
}

/* 1 when a writable segment starts with Go's build-info magic, where the gc linker puts
 * .go.buildinfo. */
static int has_go_buildinfo(const struct file *f)
{
	static const char magic[] = "\xff Go buildinf:";

	for (unsigned int i = 0; i < f->nloads; i++) {
		uint8_t *b;
		int go;

		if (!(f->loads[i].flags & PF_W) || f->loads[i].filesz < sizeof(magic) - 1)
			continue;
		b = read_region(f, f->loads[i].off, sizeof(magic) - 1);
		if (!b)
			continue;
		go = !memcmp(b, magic, sizeof(magic) - 1);
		free(b);
		if (go)
			return 1;
	}
	return 0;
}

static int file_is_go(const struct file *f)
{
	return f->go || has_go_note(f) || has_go_buildinfo(f);
}

/*
 * A symbol's rank for want i: exact name 4, Go's "NAME.abi0" 2 (when abi0 is set), plus 1 for a
 * global or weak symbol. 0: no match.
 */
static int sym_rank(const struct want *w, size_t i, const char *s, int bind, int abi0)
{
	size_t l = w->len[i];
	int r;

	if (strncmp(s, w->names[i], l) != 0)
		return 0;
	if (s[l] == '\0')
		r = 4;
	else if (abi0 && !strcmp(s + l, ".abi0"))
		r = 2;
	else
		return 0;
	return r + (bind == STB_GLOBAL || bind == STB_WEAK);
}

/* Looks the wanted names up in one symbol table (each keeps its best-ranked symbol). */
static void search_symtab(const struct file *f, Elf_Scn *scn, struct want *w, int abi0)
{
	GElf_Shdr sh;
	Elf_Data *d;
	size_t nsyms, symsz = gelf_fsize(f->elf, ELF_T_SYM, 1, EV_CURRENT);
	int *best = calloc(w->n, sizeof(*best));
	uint64_t *at = calloc(w->n, sizeof(*at));

	if (!best || !at || !symsz || !gelf_getshdr(scn, &sh) || sh.sh_entsize != symsz ||
	    !(d = elf_getdata(scn, NULL)) || !d->d_buf)
		goto out;
	nsyms = d->d_size / symsz; /* libelf checked the section against the file size */
	for (size_t k = 1; k < nsyms; k++) {
		GElf_Sym sym;
		const char *s;

		if (!gelf_getsym(d, (int)k, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || sym.st_shndx == SHN_ABS || sym.st_value == 0 ||
		    sym.st_name == 0)
			continue;
		s = elf_strptr(f->elf, sh.sh_link, sym.st_name);
		if (!s)
			continue;
		for (size_t i = 0; i < w->n; i++) {
			int r;

			if (w->rank[i] || s[0] != w->names[i][0])
				continue;
			r = sym_rank(w, i, s, GELF_ST_BIND(sym.st_info), abi0);
			if (r > best[i]) {
				best[i] = r;
				at[i] = sym.st_value;
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
	free(best);
	free(at);
}

/* The layout of one pclntab, from its header. */
struct pcln {
	const uint8_t *p;
	uint64_t len;
	uint64_t addr;	  /* vaddr of p[0]; 0 when unknown */
	unsigned int ps;  /* pointer size */
	unsigned int fsz; /* functab field size */
	int absolute;	  /* entries are addresses (before 1.18), else offsets from text */
	uint64_t nfunc, ftab, fbase, nbase, text;
};

/* Checks a pclntab header against the bytes that hold it: 0 when every table it names lies in
 * them, -1 when it is no pclntab or lies. */
static int pcln_header(struct pcln *t)
{
	uint32_t magic;
	uint64_t w[8], slots;
	unsigned int nw;

	if (t->len < 16)
		return -1;
	magic = rd32(t->p);
	t->ps = t->p[7];
	if (t->p[4] || t->p[5] || (t->p[6] != 1 && t->p[6] != 2 && t->p[6] != 4) ||
	    (t->ps != 4 && t->ps != 8))
		return -1;
	nw = magic == GO12_MAGIC ? 1 : magic == GO116_MAGIC ? 7 : 8;
	if (magic != GO12_MAGIC && magic != GO116_MAGIC && magic != GO118_MAGIC &&
	    magic != GO120_MAGIC)
		return -1;
	if (t->len < 8 + (uint64_t)nw * t->ps)
		return -1;
	for (unsigned int k = 0; k < nw; k++)
		w[k] = rdw(t->p + 8 + k * t->ps, t->ps);
	t->nfunc = w[0];
	t->text = 0;
	t->absolute = magic == GO12_MAGIC || magic == GO116_MAGIC;
	t->fsz = t->absolute ? t->ps : 4;
	if (magic == GO12_MAGIC) {
		t->ftab = 8 + t->ps;
		t->fbase = t->nbase = 0;
	} else if (magic == GO116_MAGIC) {
		/* nfunc, nfiles, funcname, cu, filetab, pctab, pclntable: in that order */
		for (unsigned int k = 3; k < 7; k++)
			if (w[k] < w[k - 1])
				return -1;
		t->nbase = w[2];
		t->ftab = t->fbase = w[6];
	} else {
		/* nfunc, nfiles, text, funcname, cu, filetab, pctab, pclntable */
		for (unsigned int k = 4; k < 8; k++)
			if (w[k] < w[k - 1])
				return -1;
		t->text = w[2];
		t->nbase = w[3];
		t->ftab = t->fbase = w[7];
	}
	if (t->nfunc == 0 || t->nbase >= t->len || t->ftab >= t->len)
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
static uint64_t pcln_text_fallback(const struct file *f, const struct pcln *t)
{
	uint64_t text = 0;

	for (unsigned int i = 0; t->addr && i < f->nloads && !text; i++) {
		const struct load *l = &f->loads[i];
		uint64_t len = l->filesz, need = 23ull * t->ps;
		uint8_t *b;

		if (!(l->flags & PF_W) || len < need || len > FUNCS_REGION_MAX)
			continue;
		b = read_region(f, l->off, len);
		if (!b)
			continue;
		for (uint64_t at = 0; at <= len - need; at += t->ps)
			if (rdw(b + at, t->ps) == t->addr &&
			    rdw(b + at + t->ps, t->ps) == t->addr + t->nbase) {
				text = rdw(b + at + 22ull * t->ps, t->ps);
				break;
			}
		free(b);
	}
	if (!text && f->have_text)
		text = f->text_addr;
	return text;
}

/*
 * Looks the wanted names up in the pclntab t, whose header checked. Each function's name is
 * compared, in table order, until every name is found: the first function of a name wins.
 * Returns the number found here.
 */
static size_t pcln_search(const struct file *f, struct pcln *t, struct want *w)
{
	size_t got = 0;
	const unsigned int eo = t->absolute ? t->ps : 4; /* _func: entry, then nameoff */

	if (!t->absolute && !t->text)
		t->text = pcln_text_fallback(f, t);
	if (!t->absolute && !t->text)
		return 0;
	for (uint64_t k = 0; k < t->nfunc && w->left; k++) {
		const uint8_t *fe = t->p + t->ftab + 2 * k * t->fsz;
		uint64_t entry = rdw(fe, t->fsz), funcoff = rdw(fe + t->fsz, t->fsz), fo, no;
		int32_t nameoff;
		const uint8_t *s;

		if (funcoff > t->len - t->fbase)
			continue;
		fo = t->fbase + funcoff;
		if (t->len - fo < (uint64_t)eo + 4)
			continue;
		/* a function record that disagrees with its table entry is a lie: skipped */
		if (rdw(t->p + fo, eo) != entry)
			continue;
		nameoff = (int32_t)rd32(t->p + fo + eo);
		if (nameoff < 0 || (uint64_t)nameoff >= t->len - t->nbase)
			continue;
		no = t->nbase + (uint64_t)nameoff;
		s = t->p + no;
		for (size_t i = 0; i < w->n; i++) {
			size_t l = w->len[i];
			uint64_t vaddr, off;

			if (w->rank[i] || l >= t->len - no || s[l] != '\0' ||
			    memcmp(s, w->names[i], l) != 0)
				continue;
			vaddr = t->absolute ? entry : t->text + entry;
			if (vaddr < entry || vaddr_to_off(f, vaddr, &off) != 0)
				continue;
			w->rank[i] = 1;
			w->vaddr[i] = vaddr;
			w->left--;
			got++;
		}
	}
	return got;
}

/* Tries p[0..len) (at vaddr addr) as a pclntab: -1 when its header does not check. */
static int try_pcln(struct file *f, const uint8_t *p, uint64_t len, uint64_t addr, struct want *w)
{
	struct pcln t = {.p = p, .len = len, .addr = addr};

	if (pcln_header(&t) != 0)
		return -1;
	pcln_search(f, &t, w);
	return 0;
}

/* Without a pclntab section: the magic at 4-byte-aligned offsets of each loaded segment, data
 * segments first (the pclntab is data; the text is most of the file); the first candidate whose
 * header checks and that holds a wanted name is taken. */
static void scan_pcln(struct file *f, struct want *w)
{
	uint64_t scanned = 0;

	for (unsigned int j = 0; j < 2 * f->nloads && w->left; j++) {
		const struct load *l = &f->loads[j % f->nloads];
		uint8_t *b;

		/* segments of a sane file do not overlap: more than the file is a lie */
		if (!(l->flags & PF_X) != (j < f->nloads) || l->filesz < 16 ||
		    l->filesz > f->size - scanned)
			continue;
		scanned += l->filesz;
		b = read_region(f, l->off, l->filesz);
		if (!b)
			continue;
		for (uint64_t at = (4 - (l->off & 3)) & 3; at + 16 <= l->filesz; at += 4) {
			uint32_t m = rd32(b + at);
			size_t before = w->left;

			if ((m != GO118_MAGIC && m != GO120_MAGIC && m != GO116_MAGIC &&
			     m != GO12_MAGIC) ||
			    b[at + 4] || b[at + 5])
				continue;
			if (f->probes++ >= FUNCS_PROBES)
				break;
			if (try_pcln(f, b + at, l->filesz - at, l->vaddr + at, w) == 0 &&
			    w->left < before)
				break;
		}
		free(b);
	}
}

static void search_go(struct file *f, struct want *w)
{
	if (!f->lsb)
		return;
	if (f->have_pcln) {
		uint64_t len = f->pcln_size;
		uint8_t *b;

		if (f->pcln_off < f->size && len > f->size - f->pcln_off)
			len = f->size - f->pcln_off;
		b = read_region(f, f->pcln_off, len);
		if (b) {
			uint64_t addr = f->pcln_addr;

			if (!addr)
				off_to_vaddr(f, f->pcln_off, &addr);
			try_pcln(f, b, len, addr, w);
			free(b);
			return;
		}
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
		if (w.len[i] == 0) { /* the empty name is nobody's */
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
