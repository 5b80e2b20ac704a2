/* A minimal unit-test harness: TEST() registers a case, CHECK() fails it with file:line. */
#ifndef SIGSCOPE_UNIT_H
#define SIGSCOPE_UNIT_H

#include <stdio.h>
#include <string.h>

typedef void (*unit_fn)(int *failed);
void unit_register(const char *name, unit_fn fn);
void unit_skip(const char *why);

/* Ends the test as skipped, saying why (it has nothing to check on this machine): reported as
 * "skip", never counted as passed. */
#define SKIP(why)                                                                                  \
	do {                                                                                       \
		unit_skip(why);                                                                    \
		return;                                                                            \
	} while (0)

#define TEST(name)                                                                                 \
	static void name(int *unit_failed_);                                                       \
	__attribute__((constructor)) static void unit_reg_##name(void)                             \
	{                                                                                          \
		unit_register(#name, name);                                                        \
	}                                                                                          \
	static void name(int *unit_failed_)

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
			*unit_failed_ = 1;                                                         \
			return;                                                                    \
		}                                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		const char *a_ = (a), *b_ = (b);                                                   \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                           \
			fprintf(stderr, "  %s:%d: CHECK_STR failed: \"%s\" != \"%s\"\n", __FILE__, \
				__LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                 \
			*unit_failed_ = 1;                                                         \
			return;                                                                    \
		}                                                                                  \
	} while (0)

/* For table-driven tests: fails the test naming the case, and goes on (*unit_failed_ counts). */
#define CHECK_CASE(casename, cond)                                                                 \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "  %s:%d: case \"%s\": CHECK failed: %s\n", __FILE__,      \
				__LINE__, (casename), #cond);                                      \
			++*unit_failed_;                                                           \
		}                                                                                  \
	} while (0)

#endif
