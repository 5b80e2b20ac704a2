/*
 * Function entries by name in a module file, as file offsets: the keys by which the kernel side
 * recognizes a call a signal handler legitimately injects (Go's runtime pushes the interrupted pc
 * and resumes at runtime.asyncPreempt or runtime.sigpanic0). The file is a traced program's
 * binary, so hostile: see funcs.c.
 */
#ifndef SIGSCOPE_PROC_FUNCS_H
#define SIGSCOPE_PROC_FUNCS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Finds the entry of each named function in the ELF file open on fd. For each i, sets found[i]
 * and file_off[i] (the entry's offset in the file, i.e. where the byte lies in the file, so that
 * addr - vm_start + (vm_pgoff << 12) of a mapping equals it). Returns the number found, or -1
 * with errno set (ENOEXEC: not an ELF executable or shared object; EFBIG: over 1 GiB; EINVAL:
 * not a regular file; EIO or read's errno) for a file that is not a readable ELF.
 *
 * Sources in order: .symtab (STT_FUNC), .dynsym, then for a Go program the pclntab (found by
 * section, else by its magic in a loadable segment). Names are exact, as Go's runtime spells
 * them. A name held by several functions gives one, the same whatever the source: in a Go
 * program the function itself before its ABI wrapper (the lowest address: the linker puts the
 * wrappers after; the symbol table calls one of the two "NAME.abi0", the pclntab calls both
 * NAME); elsewhere a global symbol before a local one, then the first in the table. Only an
 * entry in the file bytes of an executable PT_LOAD counts.
 */
int funcs_find(int fd, const char *const *names, size_t n, uint64_t *file_off, int *found);

/* Is this ELF a Go program (gc toolchain: a Go section, build-id note or build-info blob)?
 * 1, 0, or -1 with errno set as funcs_find. Reads the headers and at most a few small blocks. */
int funcs_is_go(int fd);

/* The GNU build-id of the ELF file open on fd: its length (at most max bytes, copied to id), or -1
 * with errno set as funcs_find, or ENOENT when there is none (or it is longer than max). */
int funcs_build_id(int fd, uint8_t *id, size_t max);

#endif
