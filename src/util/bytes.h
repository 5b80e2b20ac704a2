/* Unaligned reads of untrusted bytes (signal frames, ELF and PE files, pclntab): memcpy, so no
 * alignment is assumed and no strict-aliasing rule is broken. Host byte order, which is
 * little-endian on every architecture sigscope builds for, as are the formats read with it. */
#ifndef SIGSCOPE_UTIL_BYTES_H
#define SIGSCOPE_UTIL_BYTES_H

#include <stdint.h>
#include <string.h>

static inline uint16_t rd16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

#endif
