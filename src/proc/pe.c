/*
 * The file offset of a named export of a PE image (pe.h), read from the export directory.
 *
 * The file is whatever a traced process mapped, so it is hostile input:
 *  - it is read with pread only (never mmap: a file truncated under us gives short reads, not
 *    SIGBUS), each read at an offset and length checked against the file size first;
 *  - every RVA is translated through the section table, and the bytes it names must lie inside
 *    one section's raw data, inside that section's virtual size, and inside the file;
 *  - every loop is bounded by a count that was checked against the file (the section table, the
 *    name table and each name must all fit in it), so a lying count ends at the file's end;
 *  - integer arithmetic on offsets is done in 64 bits, where 32-bit RVAs and sizes cannot wrap.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pe.h"
#include "../util/bytes.h"

#define PE_DOS_HDR	  64 /* IMAGE_DOS_HEADER; e_lfanew at 0x3c */
#define PE_COFF_HDR	  20 /* IMAGE_FILE_HEADER, after the "PE\0\0" signature */
#define PE_SECTION_HDR	  40 /* IMAGE_SECTION_HEADER */
#define PE_EXPORT_DIR	  40 /* IMAGE_EXPORT_DIRECTORY */
#define PE_MAGIC_PE32	  0x10b
#define PE_MAGIC_PE32PLUS 0x20b
#define PE_NAME_CHUNK	  256	     /* name-table entries read per pread */
#define PE_NAME_MAX	  4096	     /* longer names are never looked up: no export needs more */
#define PE_LFANEW_MAX	  (1u << 28) /* a PE header further in is not one a loader would take */

struct pe_section {
	uint32_t va, vsize, raw_size, raw_off;
};

struct pe_image {
	int fd;
	uint64_t size; /* of the file, from fstat */
	struct pe_section *sec;
	uint32_t nsec;
};

/* Exactly len bytes at off, or -1: a range past the file's end is refused before reading, and a
 * short read (the file shrank since fstat) is an error, never a partly filled buffer. */
static int read_at(const struct pe_image *im, uint64_t off, void *buf, size_t len)
{
	size_t done = 0;

	if (off > im->size || len > im->size - off)
		return -1;
	while (done < len) {
		ssize_t n = pread(im->fd, (char *)buf + done, len - done, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

/*
 * The file offset of rva, and how many bytes from there belong to the same section's raw data
 * (and to the file): 0, or -1 when no section holds it. The first section that holds it wins, as
 * in a loader that maps sections in table order. A section's virtual size, when set, bounds it
 * too: raw bytes past it are padding that a loader does not have to map.
 */
static int rva_to_off(const struct pe_image *im, uint32_t rva, uint64_t *off, uint64_t *avail)
{
	for (uint32_t i = 0; i < im->nsec; i++) {
		const struct pe_section *s = &im->sec[i];
		uint64_t extent = s->raw_size, end;

		if (s->vsize && s->vsize < extent)
			extent = s->vsize;
		if (rva < s->va || (uint64_t)rva - s->va >= extent)
			continue;
		*off = (uint64_t)s->raw_off + (rva - s->va);
		end = (uint64_t)s->raw_off + extent;
		if (end > im->size)
			end = im->size;
		if (*off >= end)
			return -1; /* the section's raw data is cut short by the file's end */
		*avail = end - *off;
		return 0;
	}
	return -1;
}

/* The file offset of len bytes at rva, all in one section's raw data: 0, or -1. The RVA is taken
 * in 64 bits so that a table's base plus an index past 4 GiB is refused, not wrapped onto some
 * other section. */
static int rva_range(const struct pe_image *im, uint64_t rva, uint64_t len, uint64_t *off)
{
	uint64_t avail;

	if (rva > UINT32_MAX || rva_to_off(im, (uint32_t)rva, off, &avail) != 0 || len > avail)
		return -1;
	return 0;
}

/* Whether the NUL-terminated string at rva is name (of length len, < PE_NAME_MAX): 1, or 0 when
 * it is not, or it cannot be read (a name table may point anywhere: that entry just does not
 * match). */
static int name_is(const struct pe_image *im, uint32_t rva, const char *name, size_t len)
{
	char buf[PE_NAME_MAX + 1];
	uint64_t off, avail;

	/* A shorter string than name ends inside its section: len + 1 bytes there are readable
	 * whenever the string can be name, and only then compared. */
	if (rva_to_off(im, rva, &off, &avail) != 0 || avail < len + 1)
		return 0;
	if (read_at(im, off, buf, len + 1) != 0)
		return 0;
	return memcmp(buf, name, len) == 0 && buf[len] == '\0';
}

/* Reads the headers and the section table: 0 and the export directory's RVA and size, or -1. */
static int read_headers(struct pe_image *im, uint32_t *exp_rva, uint32_t *exp_size)
{
	unsigned char dos[PE_DOS_HDR], nt[4 + PE_COFF_HDR], opt[2], dir[8], cnt[4];
	uint32_t lfanew, ndirs;
	uint16_t nsec, opt_size, magic;
	uint64_t opt_off, dirs_off, count_off, sec_off;
	unsigned char *raw;

	if (read_at(im, 0, dos, sizeof(dos)) != 0 || dos[0] != 'M' || dos[1] != 'Z')
		return -1;
	lfanew = rd32(dos + 0x3c);
	if (lfanew > PE_LFANEW_MAX || read_at(im, lfanew, nt, sizeof(nt)) != 0 ||
	    memcmp(nt, "PE\0\0", 4) != 0)
		return -1;
	nsec = rd16(nt + 4 + 2);
	opt_size = rd16(nt + 4 + 16);
	opt_off = (uint64_t)lfanew + sizeof(nt);
	if (read_at(im, opt_off, opt, sizeof(opt)) != 0)
		return -1;
	/* Only the data directories' place differs between PE32 and PE32+ (ImageBase and the
	 * stack and heap sizes are 64-bit in PE32+). */
	magic = rd16(opt);
	if (magic == PE_MAGIC_PE32)
		count_off = 92;
	else if (magic == PE_MAGIC_PE32PLUS)
		count_off = 108;
	else
		return -1;
	dirs_off = count_off + 4;
	/* The export directory is data directory 0: it must be both counted and inside the optional
	 * header its size says, or the bytes there belong to the section table. */
	if (opt_size < dirs_off + sizeof(dir) || read_at(im, opt_off + count_off, cnt, 4) != 0)
		return -1;
	ndirs = rd32(cnt);
	if (ndirs < 1 || read_at(im, opt_off + dirs_off, dir, sizeof(dir)) != 0)
		return -1;
	*exp_rva = rd32(dir);
	*exp_size = rd32(dir + 4);
	if (!*exp_rva || !*exp_size)
		return -1; /* no export directory */

	/* The section table follows the optional header; its count (at most 65535) is only taken
	 * when the whole table is in the file, so the allocation is bounded by the file's size. */
	sec_off = opt_off + opt_size;
	if (!nsec || sec_off > im->size || (uint64_t)nsec * PE_SECTION_HDR > im->size - sec_off)
		return -1;
	raw = malloc((size_t)nsec * PE_SECTION_HDR);
	im->sec = calloc(nsec, sizeof(*im->sec));
	if (!raw || !im->sec || read_at(im, sec_off, raw, (size_t)nsec * PE_SECTION_HDR) != 0) {
		free(raw);
		return -1;
	}
	for (uint32_t i = 0; i < nsec; i++) {
		const unsigned char *h = raw + (size_t)i * PE_SECTION_HDR;

		im->sec[i].vsize = rd32(h + 8);
		im->sec[i].va = rd32(h + 12);
		im->sec[i].raw_size = rd32(h + 16);
		im->sec[i].raw_off = rd32(h + 20);
	}
	im->nsec = nsec;
	free(raw);
	return 0;
}

/* The RVA of the export called name: 0 and *rva, or -1. */
static int find_export(const struct pe_image *im, uint32_t exp_rva, uint32_t exp_size,
		       const char *name, uint32_t *rva)
{
	unsigned char ed[PE_EXPORT_DIR], chunk[PE_NAME_CHUNK * 4], ordb[2], fnb[4];
	uint32_t nfuncs, nnames, funcs_rva, names_rva, ords_rva;
	uint64_t names_off, ords_off, off;
	size_t len = strlen(name);

	if (len >= PE_NAME_MAX)
		return -1;
	if (rva_range(im, exp_rva, sizeof(ed), &off) != 0 || read_at(im, off, ed, sizeof(ed)) != 0)
		return -1;
	nfuncs = rd32(ed + 20);
	nnames = rd32(ed + 24);
	funcs_rva = rd32(ed + 28);
	names_rva = rd32(ed + 32);
	ords_rva = rd32(ed + 36);
	/* Both name-indexed tables must be wholly in the file before the count is trusted: the
	 * loop below then runs at most (file size / 4) times, whatever NumberOfNames claims. */
	if (!nnames || rva_range(im, names_rva, (uint64_t)nnames * 4, &names_off) != 0 ||
	    rva_range(im, ords_rva, (uint64_t)nnames * 2, &ords_off) != 0)
		return -1;

	/* A linear scan, not a binary search: the name table of a hostile file need not be sorted,
	 * and a linear scan finds the first entry with the name whatever the order. */
	for (uint32_t base = 0; base < nnames; base += PE_NAME_CHUNK) {
		uint32_t n = nnames - base < PE_NAME_CHUNK ? nnames - base : PE_NAME_CHUNK;

		if (read_at(im, names_off + (uint64_t)base * 4, chunk, (size_t)n * 4) != 0)
			return -1;
		for (uint32_t i = 0; i < n; i++) {
			uint16_t ord;
			uint32_t fn;

			if (!name_is(im, rd32(chunk + (size_t)i * 4), name, len))
				continue;
			/* The ordinal table holds indexes into the address table, already
			 * without the ordinal base. */
			if (read_at(im, ords_off + (uint64_t)(base + i) * 2, ordb, 2) != 0)
				return -1;
			ord = rd16(ordb);
			if (ord >= nfuncs ||
			    rva_range(im, (uint64_t)funcs_rva + (uint64_t)ord * 4, 4, &off) != 0 ||
			    read_at(im, off, fnb, 4) != 0)
				return -1;
			fn = rd32(fnb);
			/* An address inside the export directory is a forwarder string
			 * ("OTHERDLL.Name"), not code in this image. */
			if (!fn || (fn >= exp_rva && (uint64_t)fn - exp_rva < exp_size))
				return -1;
			*rva = fn;
			return 0;
		}
	}
	return -1;
}

int pe_export_offset(int fd, const char *name, uint64_t *file_off)
{
	struct pe_image im = {.fd = fd};
	struct stat st;
	uint32_t exp_rva, exp_size, rva;
	uint64_t off;
	int ret = -1;

	if (!name || !file_off || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		return -1;
	im.size = (uint64_t)st.st_size;
	/* The export's first byte must be in the file: that is the byte the kernel side will see
	 * at the restored rip, through the mapping's offset. */
	if (read_headers(&im, &exp_rva, &exp_size) == 0 &&
	    find_export(&im, exp_rva, exp_size, name, &rva) == 0 &&
	    rva_range(&im, rva, 1, &off) == 0) {
		*file_off = off;
		ret = 0;
	}
	free(im.sec);
	return ret;
}
