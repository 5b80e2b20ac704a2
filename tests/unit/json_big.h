/*
 * jansson reads integers only up to INT64_MAX; sigscope's JSON holds unsigned 64-bit numbers
 * (registers, addresses) up to UINT64_MAX, as Tracee's does. These read such lines: an integer
 * above INT64_MAX becomes the string of its digits, and unit_u64() reads either back.
 */
#ifndef SIGSCOPE_UNIT_JSON_BIG_H
#define SIGSCOPE_UNIT_JSON_BIG_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* json_loadb() of the n bytes at s, big integers made strings first. */
json_t *unit_json_loadb(const char *s, size_t n, size_t flags, json_error_t *e);
json_t *unit_json_loads(const char *s, size_t flags, json_error_t *e);

/* A non-negative integer, or a string of decimal digits as unit_json_loadb() made it;
 * UINT64_MAX - 0x5a5a when v is neither (no test expects that value). */
uint64_t unit_u64(const json_t *v);
#define UNIT_U64_BAD (UINT64_MAX - 0x5a5a)

#endif
