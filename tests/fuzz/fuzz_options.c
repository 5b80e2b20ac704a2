/* libFuzzer target: the command-line parser (src/cli/options.c). The input is split at NUL bytes
 * into argv. Every input gives 0 or -1 with a one-line, control-free message. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sigscope_options o;
	char *argv[MAX_ARGS + 2], err[256];
	char *buf = malloc(size + 1);
	int argc = 0;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "sigscope";
	for (size_t i = 0; i <= size && argc <= MAX_ARGS;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	err[0] = '\0';
	if (options_parse(argc, argv, &o, err, sizeof(err)) != 0) {
		for (const char *c = err; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				abort();
		if (strncmp(err, "sigscope: ", 10) != 0)
			abort();
	}
	free(buf);
	return 0;
}
