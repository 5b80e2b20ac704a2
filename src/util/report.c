/* What every layer's error path shares: one escaped line on stderr, and the monotonic clock. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "report.h"
#include "text.h"

uint64_t monotonic_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000ull + now.tv_nsec;
}

int report_error(const char *fmt, ...)
{
	char msg[1024], line[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Paths, command names and file contents are untrusted: one escaped line. */
	fprintf(stderr, "sigscope: %s\n", text_escape(msg, line, sizeof(line)));
	return EXIT_USAGE;
}
