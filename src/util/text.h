/* UTF-8, and untrusted text made safe for one terminal line (error messages, the table): the one
 * module that knows UTF-8, under every layer that writes text. */
#ifndef SIGSCOPE_UTIL_TEXT_H
#define SIGSCOPE_UTIL_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (n > 0 bytes available), 0 when none starts there:
 * overlongs, surrogates, code points above U+10FFFF and truncated sequences are invalid. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* Copy of s (at most n bytes, stops at NUL) made valid UTF-8: each invalid byte becomes U+FFFD.
 * Caller frees. JSON escaping of quotes and control characters is jsonw_string()'s job. */
char *utf8_sanitize(const char *s, size_t n);

/* Code points that reorder or hide what a terminal shows: the bidi embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069), the marks U+200E, U+200F, U+061C, and the line and
 * paragraph separators U+2028, U+2029. */
int text_is_format_control(uint32_t cp);

/* The length (2 or 3) of the UTF-8 encoding of such a code point at s (n bytes), else 0. */
size_t text_format_control_len(const unsigned char *s, size_t n);

/*
 * s escaped into out (outlen bytes, always terminated, cut to fit): backslash as "\\", newline,
 * tab and carriage return as "\n", "\t", "\r", every other C0 control, DEL, C1 control and
 * invalid UTF-8 byte as "\xNN", and the format controls above as "\uNNNN". What remains is
 * printable UTF-8 on one line. Returns out.
 */
char *text_escape(const char *s, char *out, size_t outlen);

/* s copied into out (outlen > 0 bytes, always terminated, cut to fit): snprintf("%s") without
 * the format parser, which the reader paid for on every event. Returns out. */
char *text_copy(char *out, size_t outlen, const char *s);

#endif
