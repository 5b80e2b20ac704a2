/* Escaping untrusted text for one line of a terminal: errors echo arguments and file contents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4;
	else
		return 0;
	/* Narrowing the second byte's range rejects overlongs, surrogates and > U+10FFFF. */
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return need;
}

char *utf8_sanitize(const char *s, size_t n)
{
	const unsigned char *in = (const unsigned char *)s;
	size_t len = strnlen(s, n), o = 0;
	char *out = malloc(len * 3 + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t k = utf8_seq_len(in + i, len - i);

		if (k) {
			memcpy(out + o, in + i, k);
			o += k;
			i += k;
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		}
	}
	out[o] = '\0';
	return out;
}

int text_is_format_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c || cp == 0x2028 || cp == 0x2029;
}

size_t text_format_control_len(const unsigned char *s, size_t n)
{
	/* U+061C is d8 9c; the others are e2 80 xx or e2 81 xx. */
	if (n >= 2 && s[0] == 0xd8 && s[1] == 0x9c)
		return 2;
	if (n >= 3 && s[0] == 0xe2 && (s[1] == 0x80 || s[1] == 0x81) && s[2] >= 0x80 &&
	    s[2] <= 0xbf &&
	    text_is_format_control(0x2000u | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3fu)))
		return 3;
	return 0;
}

char *text_escape(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, o = 0;

	if (outlen == 0)
		return out;
	while (i < n) {
		char tmp[16];
		size_t k = utf8_seq_len(p + i, n - i), f, len;

		if (p[i] == '\\' || p[i] == '\n' || p[i] == '\t' || p[i] == '\r') {
			tmp[0] = '\\';
			tmp[1] = p[i] == '\\'	? '\\'
				 : p[i] == '\n' ? 'n'
				 : p[i] == '\t' ? 't'
						: 'r';
			len = 2;
			k = 1;
		} else if (k == 0 || p[i] < 0x20 || p[i] == 0x7f ||
			   (p[i] == 0xc2 && p[i + 1] < 0xa0)) {
			k = k ? k
			      : 1; /* an invalid byte, or a C0/DEL/C1 control: its bytes in hex */
			for (size_t j = 0; j < k; j++)
				snprintf(tmp + 4 * j, sizeof(tmp) - 4 * j, "\\x%02x", p[i + j]);
			len = 4 * k;
		} else if ((f = text_format_control_len(p + i, n - i)) != 0) {
			uint32_t cp = f == 2 ? 0x061c
					     : 0x2000u | ((uint32_t)(p[i + 1] & 0x3f) << 6) |
						   (p[i + 2] & 0x3fu);

			snprintf(tmp, sizeof(tmp), "\\u%04x", (unsigned int)cp);
			len = 6;
			k = f;
		} else {
			memcpy(tmp, p + i, k);
			len = k;
		}
		if (o + len >= outlen)
			break;
		memcpy(out + o, tmp, len);
		o += len;
		i += k;
	}
	out[o] = '\0';
	return out;
}

char *text_copy(char *out, size_t outlen, const char *s)
{
	size_t n = strnlen(s, outlen - 1);

	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}
