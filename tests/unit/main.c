/* Runs every registered unit test and prints the closing line CI reads: "N passed, N failed". */
#include <stdlib.h>

#include "unit.h"

#define UNIT_MAX 512

static struct {
	const char *name;
	unit_fn fn;
} cases[UNIT_MAX];
static int ncases;
static const char *skip_why; /* set by SKIP() in the running test */

void unit_skip(const char *why)
{
	skip_why = why;
}

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
	int passed = 0, failed = 0, skipped = 0;

	for (int i = 0; i < ncases; i++) {
		int f = 0;

		if (argc > 1 && !strstr(cases[i].name, argv[1]))
			continue;
		skip_why = NULL;
		cases[i].fn(&f);
		if (skip_why && !f) {
			printf("skip %s (%s)\n", cases[i].name, skip_why);
			skipped++;
		} else {
			printf("%s %s\n", f ? "FAIL" : "ok  ", cases[i].name);
			f ? failed++ : passed++;
		}
		fflush(stdout); /* LeakSanitizer exits before stdio buffers are flushed */
	}
	printf("unit: %d passed, %d failed", passed, failed);
	if (skipped)
		printf(", %d skipped", skipped);
	putchar('\n');
	return failed ? 1 : 0;
}
