/* One escaped error line, and the monotonic clock: small utilities under every layer. */
#ifndef SIGSCOPE_UTIL_REPORT_H
#define SIGSCOPE_UTIL_REPORT_H

#include <stdint.h>

#define EXIT_USAGE 2 /* bad options, and every error before or after tracing */

/* CLOCK_MONOTONIC in ns. */
uint64_t monotonic_ns(void);

/* "sigscope: MSG" on one escaped line on stderr (paths and names are untrusted); returns
 * EXIT_USAGE. */
int report_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
