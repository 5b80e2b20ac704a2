/* A streaming JSON writer into a growable buffer that is reused from one event to the next. */
#ifndef SIGSCOPE_OUTPUT_JSONW_H
#define SIGSCOPE_OUTPUT_JSONW_H

#include <stddef.h>
#include <stdint.h>

/*
 * Appends compact JSON (jansson's JSON_COMPACT bytes) to buf. Commas come by themselves: a key or
 * a value written where one is already in its object or array gets one first. The caller writes
 * well-formed sequences (a key before each object member, every begin ended); the writer does
 * not check them. Once a buffer allocation fails, err is set and every later call does nothing.
 * Zero-initialize, or use JSONW_INIT; release with jsonw_free().
 */
struct jsonw {
	char *buf; /* not NUL-terminated */
	size_t len;
	size_t cap;
	int comma; /* the next key or value follows another one: write a comma first */
	int err;
	/* jsonw_u64() writes a quoted decimal string instead of a number (protobuf JSON's rule for
	 * 64-bit integers). Kept by jsonw_reset(). */
	int u64_strings;
};

#define JSONW_INIT                                                                                 \
	{                                                                                          \
		NULL, 0, 0, 0, 0, 0                                                                \
	}

/* Empties w for the next event; keeps its buffer. */
void jsonw_reset(struct jsonw *w);
void jsonw_free(struct jsonw *w);

void jsonw_begin_object(struct jsonw *w);
void jsonw_end_object(struct jsonw *w);
void jsonw_begin_array(struct jsonw *w);
void jsonw_end_array(struct jsonw *w);

/* An object member's key (escaped like a string); its value comes next. */
void jsonw_key(struct jsonw *w, const char *key);

/*
 * The same for a key that is a string literal needing no escaping (printable ASCII without '"'
 * and '\'): JSONW_KEY(w, "pid") copies "pid": at once.
 */
#define JSONW_KEY(w, lit) jsonw_raw_key((w), "\"" lit "\":", sizeof(lit) + 2)

/* text (n bytes): one or more members of the open object in JSON, the last one's value left out:
 * "\"pid\":" or "\"name\":\"x\",\"value\":". Its value comes next. */
void jsonw_raw_key(struct jsonw *w, const char *text, size_t n);

/*
 * A string value: at most n bytes of s, stopping at a NUL (n = SIZE_MAX: all of s). Invalid
 * UTF-8 becomes U+FFFD byte by byte, exactly as utf8_sanitize() does; then `"` `\`
 * \b \f \n \r \t are escaped with a backslash and other bytes below 0x20 as \u00XX (upper-case
 * hex); `/`, DEL and non-ASCII characters are written as they are. That is the byte sequence
 * jansson's json_dumps() gives for the sanitized string.
 */
void jsonw_string_n(struct jsonw *w, const char *s, size_t n);
void jsonw_string(struct jsonw *w, const char *s);

void jsonw_int(struct jsonw *w, int64_t v);
void jsonw_uint(struct jsonw *w, uint64_t v);
void jsonw_bool(struct jsonw *w, int v); /* any non-zero v is true */
void jsonw_null(struct jsonw *w);

/* A 64-bit unsigned value: the number v, or the string of its decimal digits when
 * w->u64_strings is set. */
void jsonw_u64(struct jsonw *w, uint64_t v);
/* v as a quoted decimal string ("30002"), whatever u64_strings says. */
void jsonw_int_string(struct jsonw *w, int64_t v);
/* The string of n bytes in standard base64 with padding (RFC 4648 section 4), as Go's
 * encoding/json writes a []byte: "AAF/gA==". */
void jsonw_base64(struct jsonw *w, const uint8_t *b, size_t n);

/* The string "0x%llx" of v: "0x0", "0x7ffd1000". */
void jsonw_hex(struct jsonw *w, uint64_t v);
/* The string of n bytes as lower-case hex pairs: "deadbeef". */
void jsonw_hex_bytes(struct jsonw *w, const uint8_t *b, size_t n);

/* A value that is already JSON text (n bytes), e.g. another writer's buffer. */
void jsonw_raw(struct jsonw *w, const char *json, size_t n);

/* Ends a line: writes '\n'; the next value starts a new top-level value without a comma. */
void jsonw_newline(struct jsonw *w);

#endif
