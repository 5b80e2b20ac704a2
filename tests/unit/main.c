/* Runs every registered unit test and prints the closing line CI reads: "N passed, N failed". */
#include <stdlib.h>

#include "unit.h"

#define UNIT_MAX 512

static struct {
	const char *name;
	unit_fn fn;
} cases[UNIT_MAX];
static int ncases;

void unit_register(const char *name, unit_fn fn)
{
	if (ncases == UNIT_MAX) {
		fprintf(stderr, "unit: more than %d tests\n", UNIT_MAX);
		exit(2);
	}
	cases[ncases].name = name;
	cases[ncases].fn = fn;
	ncases++;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	for (int i = 0; i < ncases; i++) {
		int f = 0;

		if (argc > 1 && !strstr(cases[i].name, argv[1]))
			continue;
		cases[i].fn(&f);
		printf("%s %s\n", f ? "FAIL" : "ok  ", cases[i].name);
		fflush(stdout); /* LeakSanitizer exits before stdio buffers are flushed */
		f ? failed++ : passed++;
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
