/*
 * Why hand-written and not jansson: the project prefers a packaged library for serialization
 * unless a benchmark shows the library is the bottleneck, and jansson was. Tracing, sigscope's
 * user space drained only ~27-30k events/s, 57% of its CPU in building jansson object trees plus
 * malloc. bench/json_bench.c runs output_json_event() on a 1:1:1 mix of signal_generate,
 * signal_deliver and rt_sigreturn records (ns/event, best of 5 rounds):
 *
 *                    mix   rt_sigreturn  signal_deliver  signal_generate
 *   jansson        25800          37300           20800            11300
 *   this writer      900           1330             880              400
 *
 * It appends to a buffer reused across events (no malloc once warm) and gives the bytes jansson's
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) gave: tests/unit/test_jsonw.c holds golden lines
 * captured from the jansson writer, and the unit tests still parse every line with jansson.
 */
#include <string.h>
#include <stdlib.h>

#include "jsonw.h"
#include "../util/text.h"

/* Byte classes of the string escaper: 0 copied as is, 1 escaped (or NUL, the end), 2 first byte
 * of a multi-byte sequence (or an invalid byte). */
static const unsigned char byte_class[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20: '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 0x50: '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x70: DEL as is */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0x80 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0x90 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xa0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xb0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xc0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xd0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xe0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 0xf0 */
};

static const char hex_digits[] = "0123456789abcdef";

void jsonw_reset(struct jsonw *w)
{
	w->len = 0;
	w->comma = 0;
	w->err = 0;
}

void jsonw_free(struct jsonw *w)
{
	free(w->buf);
	w->buf = NULL;
	w->len = w->cap = 0;
	w->comma = w->err = 0;
}

static char *grow(struct jsonw *w, size_t need)
{
	size_t cap = w->cap ? w->cap : 4096;
	char *buf;

	if (need > SIZE_MAX / 2 - w->len) {
		w->err = 1;
		return NULL;
	}
	while (cap - w->len < need)
		cap *= 2;
	buf = realloc(w->buf, cap);
	if (!buf) {
		w->err = 1;
		return NULL;
	}
	w->buf = buf;
	w->cap = cap;
	return buf + w->len;
}

/* Where the next need bytes go; NULL after a failure. */
static inline char *reserve(struct jsonw *w, size_t need)
{
	if (w->err)
		return NULL;
	if (w->cap - w->len >= need)
		return w->buf + w->len;
	return grow(w, need);
}

/* Room for a value of at most need bytes, its comma written; NULL after a failure. */
static inline char *value(struct jsonw *w, size_t need)
{
	char *o = reserve(w, need + 1);

	if (o && w->comma)
		*o++ = ',';
	w->comma = 1;
	return o;
}

static inline void commit(struct jsonw *w, const char *end)
{
	w->len = (size_t)(end - w->buf);
}

static void put_char(struct jsonw *w, char c, int comma_after)
{
	char *o = reserve(w, 1);

	if (o) {
		*o++ = c;
		commit(w, o);
	}
	w->comma = comma_after;
}

/* begin_object and begin_array (and the two ends) differ in one byte: kept as four small
 * functions on purpose, they are the writer's hottest calls. */
void jsonw_begin_object(struct jsonw *w)
{
	char *o = value(w, 1);

	if (o) {
		*o++ = '{';
		commit(w, o);
	}
	w->comma = 0;
}

void jsonw_end_object(struct jsonw *w)
{
	put_char(w, '}', 1);
}

void jsonw_begin_array(struct jsonw *w)
{
	char *o = value(w, 1);

	if (o) {
		*o++ = '[';
		commit(w, o);
	}
	w->comma = 0;
}

void jsonw_end_array(struct jsonw *w)
{
	put_char(w, ']', 1);
}

void jsonw_newline(struct jsonw *w)
{
	put_char(w, '\n', 0);
}

static char *put_escape(char *o, unsigned char c)
{
	*o++ = '\\';
	switch (c) {
	case '"':
	case '\\':
		*o++ = (char)c;
		break;
	case '\b':
		*o++ = 'b';
		break;
	case '\f':
		*o++ = 'f';
		break;
	case '\n':
		*o++ = 'n';
		break;
	case '\r':
		*o++ = 'r';
		break;
	case '\t':
		*o++ = 't';
		break;
	default: /* below 0x20: jansson's "\\u%04X" */
		*o++ = 'u';
		*o++ = '0';
		*o++ = '0';
		*o++ = (char)('0' + (c >> 4));
		*o++ = "0123456789ABCDEF"[c & 0xf];
		break;
	}
	return o;
}

/* Input bytes the escaper takes per reservation: each gives at most 6 bytes ("\u001F"), and a
 * multi-byte sequence that starts in the last one ends at most 3 bytes later. */
#define STRING_CHUNK 64
#define STRING_ROOM  (6 * STRING_CHUNK + 3 + 2)

/*
 * The quoted, escaped string of at most n bytes of s, to its first NUL. One pass, no strlen():
 * room is reserved for STRING_CHUNK input bytes at a time. A multi-byte sequence is checked with
 * the bytes up to n: a NUL inside it is no continuation byte, so it is invalid there as it is when
 * the string is cut at the NUL first (utf8_sanitize), and nothing past the NUL is read.
 */
static void string_n(struct jsonw *w, const char *s, size_t n, int key)
{
	const unsigned char *in = (const unsigned char *)s;
	char *o = value(w, STRING_ROOM);
	size_t i = 0;

	if (!o)
		return;
	*o++ = '"';
	for (;;) {
		size_t lim = n - i > STRING_CHUNK ? i + STRING_CHUNK : n;

		while (i < lim) {
			unsigned char c = in[i];
			size_t k;

			if (byte_class[c] == 0) {
				*o++ = (char)c;
				i++;
			} else if (c == 0) {
				goto end;
			} else if (byte_class[c] == 1) {
				o = put_escape(o, c);
				i++;
			} else if ((k = utf8_seq_len(in + i, n - i)) != 0) {
				if (text_format_control_len(in + i, k)) {
					/* Bidi and separators stay visible as "\u202e" in any
					 * viewer. */
					uint32_t cp = k == 2
							  ? 0x061c
							  : 0x2000u | ((in[i + 1] & 0x3fu) << 6) |
								(in[i + 2] & 0x3fu);

					*o++ = '\\';
					*o++ = 'u';
					for (int sh = 12; sh >= 0; sh -= 4)
						*o++ = hex_digits[(cp >> sh) & 0xf];
				} else {
					memcpy(o, in + i, k);
					o += k;
				}
				i += k;
			} else {
				memcpy(o, "\xef\xbf\xbd", 3); /* U+FFFD for the one invalid byte */
				o += 3;
				i++;
			}
		}
		if (i >= n)
			break;
		commit(w, o);
		o = reserve(w, STRING_ROOM);
		if (!o)
			return;
	}
end:
	*o++ = '"';
	if (key) {
		*o++ = ':';
		w->comma = 0;
	}
	commit(w, o);
}

void jsonw_key(struct jsonw *w, const char *key)
{
	string_n(w, key, SIZE_MAX, 1);
}

void jsonw_raw_key(struct jsonw *w, const char *text, size_t n)
{
	char *o = value(w, n);

	if (o) {
		memcpy(o, text, n);
		commit(w, o + n);
	}
	w->comma = 0;
}

void jsonw_string_n(struct jsonw *w, const char *s, size_t n)
{
	string_n(w, s, n, 0);
}

void jsonw_string(struct jsonw *w, const char *s)
{
	string_n(w, s, SIZE_MAX, 0);
}

static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324"
				     "25262728293031323334353637383940414243444546474849"
				     "50515253545556575859606162636465666768697071727374"
				     "75767778798081828384858687888990919293949596979899";

/* v < 10^8 in decimal, without leading zeros: 32-bit arithmetic, two digits per division. */
static char *put_u32_short(char *o, uint32_t v)
{
	int n = v < 10	       ? 1
		: v < 100      ? 2
		: v < 1000     ? 3
		: v < 10000    ? 4
		: v < 100000   ? 5
		: v < 1000000  ? 6
		: v < 10000000 ? 7
			       : 8;
	char *end = o + n;

	while (v >= 100) {
		unsigned int d = (v % 100) * 2;

		v /= 100;
		*--end = digit_pairs[d + 1];
		*--end = digit_pairs[d];
	}
	if (v >= 10) {
		*--end = digit_pairs[v * 2 + 1];
		*--end = digit_pairs[v * 2];
	} else {
		*--end = (char)('0' + v);
	}
	return o + n;
}

/* v < 10^8 as exactly eight digits. */
static void put_u32_8(char *o, uint32_t v)
{
	for (int i = 6; i >= 0; i -= 2) {
		unsigned int d = (v % 100) * 2;

		v /= 100;
		o[i] = digit_pairs[d];
		o[i + 1] = digit_pairs[d + 1];
	}
}

/* v in decimal. Eight digits at a time in 32-bit arithmetic after at most two 64-bit divisions:
 * the writer's hottest function (a sigreturn line holds ~100 numbers, timestamps of 19 digits). */
static char *put_u64(char *o, uint64_t v)
{
	const uint64_t e8 = 100000000ull, e16 = e8 * e8;

	if (v < e8)
		return put_u32_short(o, (uint32_t)v);
	if (v < e16) {
		o = put_u32_short(o, (uint32_t)(v / e8));
		put_u32_8(o, (uint32_t)(v % e8));
		return o + 8;
	}
	o = put_u32_short(o, (uint32_t)(v / e16)); /* at most 1844 */
	v %= e16;
	put_u32_8(o, (uint32_t)(v / e8));
	put_u32_8(o + 8, (uint32_t)(v % e8));
	return o + 16;
}

/* v in decimal, with its sign: at most 20 bytes. */
static char *put_i64(char *o, int64_t v)
{
	if (v >= 0)
		return put_u64(o, (uint64_t)v);
	*o++ = '-';
	return put_u64(o, (uint64_t)0 - (uint64_t)v);
}

void jsonw_int(struct jsonw *w, int64_t v)
{
	char *o = value(w, 20);

	if (o)
		commit(w, put_i64(o, v));
}

void jsonw_uint(struct jsonw *w, uint64_t v)
{
	char *o = value(w, 20);

	if (o)
		commit(w, put_u64(o, v));
}

static void literal(struct jsonw *w, const char *s, size_t n)
{
	char *o = value(w, n);

	if (o) {
		memcpy(o, s, n);
		commit(w, o + n);
	}
}

void jsonw_bool(struct jsonw *w, int v)
{
	if (v)
		literal(w, "true", 4);
	else
		literal(w, "false", 5);
}

void jsonw_null(struct jsonw *w)
{
	literal(w, "null", 4);
}

void jsonw_raw(struct jsonw *w, const char *json, size_t n)
{
	literal(w, json, n);
}

void jsonw_u64(struct jsonw *w, uint64_t v)
{
	char *o;

	if (!w->u64_strings) {
		jsonw_uint(w, v);
		return;
	}
	o = value(w, 22);
	if (!o)
		return;
	*o++ = '"';
	o = put_u64(o, v);
	*o++ = '"';
	commit(w, o);
}

void jsonw_int_string(struct jsonw *w, int64_t v)
{
	char *o = value(w, 22);

	if (!o)
		return;
	*o++ = '"';
	o = put_i64(o, v);
	*o++ = '"';
	commit(w, o);
}

void jsonw_base64(struct jsonw *w, const uint8_t *b, size_t n)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i = 0;
	char *o;

	if (n > (SIZE_MAX - 8) / 4 * 3 - 3) {
		w->err = 1;
		return;
	}
	o = value(w, (n + 2) / 3 * 4 + 2);
	if (!o)
		return;
	*o++ = '"';
	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)b[i] << 16 | (uint32_t)b[i + 1] << 8 | b[i + 2];

		*o++ = b64[v >> 18];
		*o++ = b64[(v >> 12) & 0x3f];
		*o++ = b64[(v >> 6) & 0x3f];
		*o++ = b64[v & 0x3f];
	}
	if (n - i == 1) {
		*o++ = b64[b[i] >> 2];
		*o++ = b64[(b[i] & 0x3) << 4];
		*o++ = '=';
		*o++ = '=';
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)b[i] << 8 | b[i + 1];

		*o++ = b64[v >> 10];
		*o++ = b64[(v >> 4) & 0x3f];
		*o++ = b64[(v & 0xf) << 2];
		*o++ = '=';
	}
	*o++ = '"';
	commit(w, o);
}

void jsonw_hex(struct jsonw *w, uint64_t v)
{
	char *o = value(w, 2 + 2 + 16);
	int digits = v ? (64 - __builtin_clzll(v) + 3) / 4 : 1;

	if (!o)
		return;
	*o++ = '"';
	*o++ = '0';
	*o++ = 'x';
	for (int i = digits - 1; i >= 0; i--) {
		o[i] = hex_digits[v & 0xf];
		v >>= 4;
	}
	o += digits;
	*o++ = '"';
	commit(w, o);
}

void jsonw_hex_bytes(struct jsonw *w, const uint8_t *b, size_t n)
{
	char *o;

	if (n > (SIZE_MAX - 8) / 2) {
		w->err = 1;
		return;
	}
	o = value(w, 2 * n + 2);
	if (!o)
		return;
	*o++ = '"';
	for (size_t i = 0; i < n; i++) {
		*o++ = hex_digits[b[i] >> 4];
		*o++ = hex_digits[b[i] & 0xf];
	}
	*o++ = '"';
	commit(w, o);
}
