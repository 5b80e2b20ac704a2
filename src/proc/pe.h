/*
 * Export offsets of Windows PE images (DLLs that Wine maps from disk), for telling whether a
 * restored instruction pointer is one of ntdll.dll's user-mode dispatchers
 * (KiUserExceptionDispatcher, KiUserApcDispatcher, KiUserCallbackDispatcher).
 *
 * The answer is a FILE OFFSET, not an RVA: the kernel side only knows the mapping that holds an
 * address, and computes addr - vm_start + (vm_pgoff << 12). That equals the offset returned here
 * only when the section is file-mapped, which Wine does for sections whose PointerToRawData is
 * page-aligned (Wine's own DLLs are linked with FileAlignment 0x1000); a section at an unaligned
 * raw offset (mingw's default FileAlignment 0x200) is copied into anonymous memory instead.
 */
#ifndef SIGSCOPE_PROC_PE_H
#define SIGSCOPE_PROC_PE_H

#include <stdint.h>

/* The file offset of the export `name` of the PE image open on fd (PE32+ or PE32), from its
   export directory; 0 and *file_off, or -1 (not a PE, no such export, a forwarded export, or
   an RVA outside every section's raw data). The file is hostile: every offset and size is
   checked against the file size, every loop bounded. Read with pread, never mmap. */
int pe_export_offset(int fd, const char *name, uint64_t *file_off);

#endif
