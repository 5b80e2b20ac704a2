/* libFuzzer target: function entries by name (src/proc/funcs.c) in arbitrary bytes, written to
 * a memory file as a traced program's binary would be read. Every input gives -1 or a count of
 * names found, each at an offset inside what the file's pages could map. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proc/funcs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"runtime.asyncPreempt",
					    "runtime.sigpanic0",
					    "main.main",
					    "runtime.dup",
					    "fx_one",
					    "execve"};
	static int fd = -1;
	uint64_t off[6];
	int found[6], r;

	/* one memory file, rewritten for each input */
	if (fd < 0)
		fd = memfd_create("fuzz-funcs", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, 0) != 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
	r = funcs_find(fd, names, 6, off, found);
	if (r < -1 || r > 6)
		abort();
	for (int i = 0; i < 6; i++)
		/* an entry lies in a segment's file bytes, counted from its page */
		if (found[i] && (r <= 0 || off[i] >= size + 4096))
			abort();
	r = funcs_is_go(fd);
	if (r < -1 || r > 1)
		abort();
	{
		uint8_t id[20];

		r = funcs_build_id(fd, id, sizeof(id)); /* a note longer than id is refused */
		if (r < -1 || r > (int)sizeof(id) || (r >= 0 && (size_t)r > size))
			abort();
	}
	return 0;
}
