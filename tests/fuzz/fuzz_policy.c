/* libFuzzer target: the YAML policy parser (src/rules/policy.c) on arbitrary bytes. Every input
 * must give 0 or -1 with a one-line, control-free message; ASan/UBSan watch the rest. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sigscope_policy p; /* large (64 paths): not on the stack */
	char err[512];

	err[0] = '\0';
	if (policy_parse("fuzz.yaml", (const char *)data, size, &p, err, sizeof(err)) != 0) {
		for (const char *c = err; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				abort(); /* an error must be one printable line */
		if (strncmp(err, "sigscope: ", 10) != 0)
			abort();
	}
	return 0;
}
