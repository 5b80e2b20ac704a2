/*
 * Symbolization of the addresses a finding judges (docs/events.md "Symbols"): module, offset,
 * function symbol and GNU build-id, read with libelf from the file the process has mapped.
 * Only findings are symbolized; the event path never calls this.
 */
#ifndef SIGSCOPE_PROC_SYMBOLS_H
#define SIGSCOPE_PROC_SYMBOLS_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

struct proc_cache;

#define SYM_NAME_MAX	 512 /* longer symbol names are cut (a C++ name may be long) */
#define SYM_BUILD_ID_MAX 64  /* bytes of a build-id note read at most */

/* What one address is, as well as sigscope can tell when it writes the finding. */
enum sym_kind {
	SYM_UNKNOWN = 0,  /* the process is gone, or its maps could not be read (budget) */
	SYM_UNMAPPED = 1, /* the process's maps were read and no mapping holds the address */
	SYM_FILE = 2,	  /* a file mapping: module is its path */
	SYM_VDSO = 3,	  /* [vdso] */
	SYM_OTHER = 4,	  /* anonymous ([anon]) or another nameless kind: [heap], [stack], ... */
};

struct sym_info {
	uint64_t address;
	enum sym_kind kind;
	int snapshot; /* the mapping comes from the last maps table read before the process exited
		       * or exec'd (proc_maps_prefetch), not from the live process */
	char module[PATH_MAX]; /* the /proc/PID/maps name; "" unless kind is FILE, VDSO or OTHER */
	int have_file_offset;
	uint64_t file_offset; /* offset in the file (FILE, unless the mapping is mixed) */
	int have_offset;
	uint64_t offset; /* the address in the module's ELF address space (what nm, objdump and
			  * addr2line take): FILE whose ELF was read, VDSO */
	int have_symbol;
	char symbol[SYM_NAME_MAX];
	uint64_t symbol_offset;			 /* offset - the symbol's value, below its size */
	char build_id[2 * SYM_BUILD_ID_MAX + 1]; /* lowercase hex, "" when none */
};

struct sym_cache;

/* A cache of parsed modules, bounded as symbols.c says (SYM_CACHE_BYTES). */
struct sym_cache *sym_cache_new(void);
void sym_cache_free(struct sym_cache *c);

/*
 * Fills out for addr in process pid (exe_ino: its executable's inode, the key of the maps cache).
 * procs may be NULL: kind is then SYM_UNKNOWN. Never fails otherwise: what cannot be read is left
 * out (no symbol, no build-id), never guessed.
 */
void sym_lookup(struct sym_cache *c, struct proc_cache *procs, uint32_t pid, uint64_t exe_ino,
		uint64_t addr, struct sym_info *out);

/*
 * The ELF part alone, on a file path (unit tests, bench): opens it as sym_lookup opens a module,
 * and fills offset (from file_offset), symbol and build-id of out, whose address and file_offset
 * the caller set. Returns 0 when the ELF was read, -1 when not (out then has no offset).
 */
int sym_lookup_file(struct sym_cache *c, const char *path, struct sym_info *out);

/* The text form: "libc.so.6!execve+0x0", "libc.so.6+0x1234", "[vdso]+0x9d0",
 * "[anon]@0x7f..", "[unmapped]@0x..", "unknown@0x..". buf is len bytes; returns buf. */
const char *sym_text(const struct sym_info *s, char *buf, size_t len);

/*
 * Whether sigscope may touch a mapped file of device dev_major:dev_minor, named name in the maps
 * (when path is given, resolving it component by component), according to the mountinfo file:
 * only files on kernel-served local file systems (never FUSE, NFS, CIFS, 9p: a server the traced
 * process runs could block sigscope for good). Exposed for unit tests. Returns 1 when safe.
 */
int sym_mounts_safe(const char *mountinfo, unsigned int dev_major, unsigned int dev_minor,
		    const char *name, const char *path);

/* Modules parsed, answered from the cache, refused (not a regular file, too large, corrupt,
 * over the time budget), and bytes the cache holds now. */
void sym_stats(const struct sym_cache *c, uint64_t *parsed, uint64_t *hits, uint64_t *refused,
	       uint64_t *bytes);

#endif
