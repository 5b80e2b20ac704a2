#include "json_big.h"

#include <stdlib.h>
#include <string.h>

/* Digits of a number token that does not fit an int64: 20 digits, or 19 above INT64_MAX. */
static int too_big(const char *d, size_t n)
{
	return n > 19 || (n == 19 && strncmp(d, "9223372036854775807", 19) > 0);
}

json_t *unit_json_loadb(const char *s, size_t n, size_t flags, json_error_t *e)
{
	char *t = malloc(n * 2 + 1);
	size_t o = 0;
	int in_str = 0;
	json_t *j;

	if (!t)
		return NULL;
	for (size_t i = 0; i < n;) {
		char c = s[i];

		if (in_str) {
			t[o++] = c;
			i++;
			if (c == '\\' && i < n)
				t[o++] = s[i++];
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"') {
			in_str = 1;
			t[o++] = c;
			i++;
			continue;
		}
		if (c >= '0' && c <= '9' && (i == 0 || s[i - 1] != '-')) {
			size_t k = i;

			while (k < n && s[k] >= '0' && s[k] <= '9')
				k++;
			if (too_big(s + i, k - i) &&
			    (k == n || (s[k] != '.' && s[k] != 'e' && s[k] != 'E'))) {
				t[o++] = '"';
				memcpy(t + o, s + i, k - i);
				o += k - i;
				t[o++] = '"';
			} else {
				memcpy(t + o, s + i, k - i);
				o += k - i;
			}
			i = k;
			continue;
		}
		t[o++] = c;
		i++;
	}
	j = json_loadb(t, o, flags, e);
	free(t);
	return j;
}

json_t *unit_json_loads(const char *s, size_t flags, json_error_t *e)
{
	return unit_json_loadb(s, strlen(s), flags, e);
}

uint64_t unit_u64(const json_t *v)
{
	const char *s;
	char *end;
	uint64_t u;

	if (json_is_integer(v) && json_integer_value(v) >= 0)
		return (uint64_t)json_integer_value(v);
	s = json_string_value(v);
	if (!s || !*s || strspn(s, "0123456789") != strlen(s))
		return UNIT_U64_BAD;
	u = strtoull(s, &end, 10);
	return *end ? UNIT_U64_BAD : u;
}
