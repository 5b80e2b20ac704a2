/* libFuzzer target: PE export offsets (src/proc/pe.c). The input is the file, written to a
 * memfd (pe_export_offset reads a descriptor with pread). Every input gives -1, or 0 and an
 * offset inside the file: the export's first byte is one the file holds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proc/pe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The seeds' exports, and one that is in no seed: the whole name table is walked. */
	static const char *const names[] = {"fx_alpha", "fx_table", "fx_fwd", "zz_fn",
					    "KiUserExceptionDispatcher"};
	int fd = memfd_create("fuzz_pe", 0);

	if (fd < 0)
		return 0;
	if (size && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		uint64_t off;

		if (pe_export_offset(fd, names[i], &off) == 0 && off >= size)
			abort();
	}
	close(fd);
	return 0;
}
