/*
 * The streaming JSON writer (src/output/jsonw.c) and the JSON lines made with it: hostile and
 * random strings in every string field, checked against jansson's escaping and parsed back with
 * jansson (the round-trip check). The byte-for-byte lines are test_golden.c's.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "util/text.h"
#include "unit.h"
#include "json_big.h"
#include "records.h"
#include "jsonq.h"
#include "golden.h"

#include "decode/names.h"
#include "output/jsonw.h"
#include "output/output.h"
#include "proc/proc_ctx.h"
#include "shared/frame_layout.h"

/* All output_json_event() wrote for one record (caller frees); *rc its return value. */
static char *emit(const struct output_ctx *base, const void *rec, size_t len, int *rc)
{
	return unit_emit(output_json_event, base, rec, len, rc);
}

/* Hostile strings (at most 16 bytes, maybe unterminated) and the JSON string jsonw must write for
 * them after utf8_sanitize (jansson's bytes for the same string, captured once). */
static const struct {
	const char *raw;
	size_t len;
	const char *json;
} hostile[] = {
    {"q\"b\\s/", 6, "\"q\\\"b\\\\s/\""},
    {"\x01\x02\x1b[2J\x1f\x7f", 8, "\"\\u0001\\u0002\\u001B[2J\\u001F\x7f\""},
    {"\t\n\r\b\f", 5, "\"\\t\\n\\r\\b\\f\""},
    {"\xff"
     "a",
     2,
     "\"\xef\xbf\xbd"
     "a\""},
    {"\x80x", 2, "\"\xef\xbf\xbdx\""},
    {"\xe2\x82z", 3, "\"\xef\xbf\xbd\xef\xbf\xbdz\""},
    {"\xc0\xaf", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xed\xa0\x80", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xf4\x90\x80\x80", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9, "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""},
    {"0123456789abcdef", 16, "\"0123456789abcdef\""},
    {"0123456789abcde\xe2", 16, "\"0123456789abcde\xef\xbf\xbd\""},
    {"ab\0cd", 5, "\"ab\""},
    {"", 0, "\"\""},
    {"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10", 16,
     "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E"
     "\\u000F\\u0010\""},
    {"\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f", 16,
     "\"\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\"
     "u001C\\u001D\\u001E\\u001F\x7f\""},
    {"/\\\"'<>&%{}[]:,` ", 16, "\"/\\\\\\\"'<>&%{}[]:,` \""},
    {"\\u0000\\/\\\\x", 11, "\"\\\\u0000\\\\/\\\\\\\\x\""},
    {"\x7f\xc2\x80\xdf\xbf", 5, "\"\x7f\xc2\x80\xdf\xbf\""},
    {"\xc1\xbf", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80", 9, "\"\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\""},
    {"\xe0\x9f\xbf", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xed\xbf\xbf", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", 8, "\"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\""},
    {"\xf0\x8f\xbf\xbf", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xf5\x80\x80\x80", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xf8\x88\x80\x80\x80", 5, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xfe\xff", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\""},
    {"a\xf0\x9f\x98", 4, "\"a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xe2\x82\0\xac", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xc3", 1, "\"\xef\xbf\xbd\""},
    {"\xc3(", 2, "\"\xef\xbf\xbd(\""},
    {"\x80\x80\x80\xbf", 4, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    /* Line separators and bidi controls are escaped: no viewer reorders or breaks a line. */
    {"\xe2\x80\xa8\xe2\x80\xa9", 6, "\"\\u2028\\u2029\""},
    {"a\xe2\x80\xae"
     "b\xe2\x81\xa6\xd8\x9c\xe2\x80\x8f",
     13, "\"a\\u202eb\\u2066\\u061c\\u200f\""},
    {"\xef\xbb\xbf\xef\xbf\xbe\xef\xbf\xbf", 9, "\"\xef\xbb\xbf\xef\xbf\xbe\xef\xbf\xbf\""},
    {"\xf4\x8f\xbf\xbf\xc2\xa0\xc2\x85", 8, "\"\xf4\x8f\xbf\xbf\xc2\xa0\xc2\x85\""},
    {"\xef\xbf\xbd", 3, "\"\xef\xbf\xbd\""},
    {"0123456789ab\xf0\x9f\x98\x80", 16, "\"0123456789ab\xf0\x9f\x98\x80\""},
    {"0123456789abc\xf0\x9f\x98", 16, "\"0123456789abc\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 16,
     "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\""},
};

/* s with the first from replaced by to; NULL when from is not in s. Caller frees. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n = strlen(s), nf = strlen(from), nt = strlen(to);
	char *out;

	if (!at || !(out = malloc(n - nf + nt + 1)))
		return NULL;
	memcpy(out, s, (size_t)(at - s));
	memcpy(out + (at - s), to, nt);
	memcpy(out + (at - s) + nt, at + nf, n - (size_t)(at - s) - nf + 1);
	return out;
}

/* The JSON token of the string value after key in line, as a NUL-terminated copy. */
static char *string_token(const char *line, const char *key)
{
	const char *p = strstr(line, key), *q;
	char *tok;

	if (!p)
		return NULL;
	p += strlen(key);
	for (q = p + 1; *q && *q != '"'; q++)
		if (*q == '\\')
			q++;
	tok = strndup(p, (size_t)(q - p + 1));
	return tok;
}

/* The golden signal_generate line with each hostile string as processName, target_comm,
 * executable path (cache fallback of a gone process) and hostName. */

TEST(jsonw_hostile_strings)
{
	char *gold_generate = golden_read(GOLDEN_DIR "/generate.json");
	int failed = 0;

	CHECK(gold_generate);

	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct output_ctx ctx = golden_ctx();
		static union rec r;
		char str[SIGSCOPE_COMM_LEN + 1] = {0};
		char *want, *tmp, *out, *tok, key[256];
		int rc = -1;

		memcpy(str, hostile[i].raw, hostile[i].len);
		ctx.procs = golden_gone_procs(str);
		ctx.hostname = str;
		make_generate(&r.gen);
		r.gen.hdr.ctx.host_pid = GONE_PID;
		memset(r.gen.hdr.ctx.comm, 0, sizeof(r.gen.hdr.ctx.comm));
		memcpy(r.gen.hdr.ctx.comm, hostile[i].raw, hostile[i].len);
		memset(r.gen.target_comm, 0, sizeof(r.gen.target_comm));
		memcpy(r.gen.target_comm, hostile[i].raw, hostile[i].len);
		out = emit(&ctx, &r, sizeof(r.gen), &rc);
		proc_cache_free(ctx.procs);
		CHECK(out && rc == 0 && unit_lines_parse(out));

		want = replace(gold_generate, "\"hostProcessId\":4321,",
			       "\"hostProcessId\":4000000000,");
		snprintf(key, sizeof(key), "\"processName\":%s,", hostile[i].json);
		tmp = want, want = replace(tmp, "\"processName\":\"sender\",", key), free(tmp);
		snprintf(key, sizeof(key), "\"path\":%s}", hostile[i].json);
		tmp = want, want = replace(tmp, "\"path\":\"\"}", key), free(tmp);
		snprintf(key, sizeof(key), "\"hostName\":%s,", hostile[i].json);
		tmp = want, want = replace(tmp, "\"hostName\":\"testhost\",", key), free(tmp);
		snprintf(key, sizeof(key), "\"value\":%s}", hostile[i].json);
		tmp = want, want = replace(tmp, "\"value\":\"target\"}", key), free(tmp);
		CHECK(want);
		if (strcmp(out, want) != 0) {
			tok = string_token(out, "\"processName\":");
			fprintf(stderr, "  hostile %zu: got processName ", i);
			golden_print_literal(stderr, tok ? tok : "?");
			free(tok);
			failed = 1;
		}
		free(want);
		free(out);
	}
	free(gold_generate);
	CHECK(!failed);
}

/* A small deterministic generator (xorshift64*). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* A byte drawn to hit every class: printable, escaped, UTF-8 lead and continuation, invalid. */
static char rnd_byte(void)
{
	static const char interesting[] = "\"\\/\x7f\x1f\x01\n\t\b\f\r\xc2\xc3\xdf\xe0\xe2\xed\xef"
					  "\xf0\xf4\xf5\xff\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1";
	uint64_t r = rng();

	switch (r % 4) {
	case 0:
		return (char)(' ' + (r >> 8) % 95);
	case 1:
		return interesting[(r >> 8) % (sizeof(interesting) - 1)];
	default:
		return (char)(r >> 8);
	}
}

static void rnd_fill(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		s[i] = rnd_byte();
}

/* The value at key equals s (n bytes, to its first NUL) as utf8_sanitize() makes it. */
static int round_trips(const json_t *obj, const char *key, const char *s, size_t n)
{
	char *want = utf8_sanitize(s, n);
	const char *got = json_string_value(json_object_get(obj, key));
	int ok = want && got && strcmp(got, want) == 0;

	if (!ok)
		fprintf(stderr, "  %s does not round-trip\n", key);
	free(want);
	return ok;
}

/* Checks every line of out (n_lines of them): parses without duplicate keys, and the strings from
 * outside read back as their sanitized selves. */
static int fuzz_lines_ok(char *out, int n_lines, const struct sigscope_task_ctx *tc,
			 const char *target_comm, const char *exe, const char *host)
{
	char *save = NULL;
	int lines = 0;

	for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		json_t *j = unit_json_loads(l, JSON_REJECT_DUPLICATES, NULL);
		int ok = j && round_trips(j, "processName", tc->comm, sizeof(tc->comm)) &&
			 round_trips(json_object_get(j, "executable"), "path", exe, SIZE_MAX) &&
			 round_trips(j, "hostName", host, SIZE_MAX);

		if (ok && target_comm) {
			char *want = utf8_sanitize(target_comm, SIGSCOPE_COMM_LEN);
			const char *got = json_string_value(arg(j, "target_comm"));

			ok = want && got && strcmp(got, want) == 0;
			free(want);
		}
		json_decref(j);
		if (!ok) {
			fprintf(stderr, "  bad line: %s\n", l);
			return 0;
		}
		lines++;
	}
	return lines == n_lines;
}

/* Random bytes as comm, target_comm, executable path and host name: every line parses, without
 * duplicate keys, and each string reads back as its sanitized self. */
TEST(jsonw_fuzz_strings)
{
	for (int iter = 0; iter < 3000; iter++) {
		struct output_ctx ctx = golden_ctx();
		static union rec r;
		struct sigscope_task_ctx *tc;
		const char *target_comm = NULL;
		char exe[300], host[80], *out;
		size_t len;
		int rc = -1, n_lines = 1, ok;

		rnd_fill(exe, sizeof(exe) - 1);
		exe[rng() % sizeof(exe)] = '\0';
		exe[sizeof(exe) - 1] = '\0';
		rnd_fill(host, sizeof(host) - 1);
		host[rng() % sizeof(host)] = '\0';
		host[sizeof(host) - 1] = '\0';
		switch (iter % 3) {
		case 0:
			make_generate(&r.gen);
			rnd_fill(r.gen.target_comm, sizeof(r.gen.target_comm));
			target_comm = r.gen.target_comm;
			tc = &r.gen.hdr.ctx;
			len = sizeof(r.gen);
			break;
		case 1:
			make_deliver(&r.dl);
			tc = &r.dl.hdr.ctx;
			len = sizeof(r.dl);
			break;
		default: /* the rt_sigreturn, one finding, the enforcement */
			len =
			    golden_finding_rec(&r, (unsigned int)(rng() % SIGSCOPE_FINDING_MAX), 3);
			r.sr.verdict.enforced = 1;
			tc = &r.sr.hdr.ctx;
			n_lines = 3;
			break;
		}
		rnd_fill(tc->comm, sizeof(tc->comm));
		if (rng() % 2)
			tc->comm[rng() % sizeof(tc->comm)] = '\0';
		tc->host_pid = GONE_PID;
		ctx.procs = golden_gone_procs(exe);
		ctx.hostname = host;
		out = emit(&ctx, &r, len, &rc);
		proc_cache_free(ctx.procs);
		ok = out && rc == 0 && fuzz_lines_ok(out, n_lines, tc, target_comm, exe, host);
		if (!ok)
			fprintf(stderr, "  iteration %d\n", iter);
		free(out);
		CHECK(ok);
	}
}

/* One string through the writer, as a whole JSON text. Caller frees. */
static char *jsonw_text(const char *s, size_t n)
{
	struct jsonw w = JSONW_INIT;
	char *out;

	jsonw_string_n(&w, s, n);
	out = w.err ? NULL : strndup(w.buf, w.len);
	jsonw_free(&w);
	return out;
}

/* jansson's text with the format controls (bidi, U+2028/9) escaped as jsonw escapes them. */
static char *escape_format_controls(char *s)
{
	char *out = s ? malloc(strlen(s) * 2 + 1) : NULL;
	size_t o = 0;

	for (size_t i = 0; out && s[i];) {
		size_t k = text_format_control_len((const unsigned char *)s + i, strlen(s + i));

		if (k == 2) {
			o += (size_t)sprintf(out + o, "\\u061c");
		} else if (k == 3) {
			o += (size_t)sprintf(out + o, "\\u%04x",
					     0x2000u | ((s[i + 1] & 0x3fu) << 6) |
						 (s[i + 2] & 0x3fu));
		} else {
			out[o++] = s[i];
			k = 1;
		}
		i += k;
	}
	if (out)
		out[o] = '\0';
	free(s);
	return out;
}

/* The escaper against jansson itself: random bytes, sanitized, dumped by jansson. */
TEST(jsonw_string_matches_jansson)
{
	for (int iter = 0; iter < 20000; iter++) {
		char s[64], *clean, *mine, *theirs;
		size_t n = rng() % sizeof(s);
		json_t *j;

		rnd_fill(s, sizeof(s));
		clean = utf8_sanitize(s, n);
		CHECK(clean);
		j = json_string(clean);
		CHECK(j);
		theirs = escape_format_controls(json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT));
		mine = jsonw_text(s, n);
		if (!mine || !theirs || strcmp(mine, theirs) != 0) {
			fprintf(stderr, "  iteration %d: jsonw %s, jansson %s\n", iter,
				mine ? mine : "(null)", theirs ? theirs : "(null)");
		}
		CHECK(mine && theirs && strcmp(mine, theirs) == 0);
		json_decref(j);
		free(clean);
		free(mine);
		free(theirs);
	}
}

static int text_is(struct jsonw *w, const char *want)
{
	int ok = !w->err && w->len == strlen(want) && memcmp(w->buf, want, w->len) == 0;

	if (!ok)
		fprintf(stderr, "  got %.*s\n  want %s\n", (int)w->len, w->buf ? w->buf : "", want);
	return ok;
}

TEST(jsonw_structure_and_commas)
{
	struct jsonw w = JSONW_INIT;

	jsonw_begin_object(&w);
	jsonw_end_object(&w);
	CHECK(text_is(&w, "{}"));
	jsonw_reset(&w);

	jsonw_begin_object(&w);
	jsonw_key(&w, "a");
	jsonw_begin_array(&w);
	jsonw_int(&w, 1);
	jsonw_int(&w, -2);
	jsonw_bool(&w, 1);
	jsonw_bool(&w, 0);
	jsonw_bool(&w, 0x100);
	jsonw_null(&w);
	jsonw_begin_object(&w);
	jsonw_end_object(&w);
	jsonw_begin_array(&w);
	jsonw_end_array(&w);
	jsonw_end_array(&w);
	jsonw_key(&w, "b");
	jsonw_begin_object(&w);
	jsonw_key(&w, "c");
	jsonw_begin_array(&w);
	jsonw_end_array(&w);
	jsonw_key(&w, "d\"\n");
	jsonw_raw(&w, "[1,{\"x\":2}]", 11);
	jsonw_end_object(&w);
	jsonw_key(&w, "e");
	jsonw_string(&w, "");
	jsonw_key(&w, "f");
	jsonw_hex(&w, 0);
	jsonw_end_object(&w);
	CHECK(text_is(&w, "{\"a\":[1,-2,true,false,true,null,{},[]],\"b\":{\"c\":[],\"d\\\"\\n\":"
			  "[1,{\"x\":2}]},\"e\":\"\",\"f\":\"0x0\"}"));

	/* Each line is a value of its own: no comma carries over the newline. */
	jsonw_newline(&w);
	jsonw_begin_array(&w);
	jsonw_string_n(&w, "abcdef", 3);
	jsonw_string_n(&w, "ab\0cd", 5);
	jsonw_end_array(&w);
	jsonw_newline(&w);
	jsonw_uint(&w, 7);
	jsonw_newline(&w);
	CHECK(text_is(&w, "{\"a\":[1,-2,true,false,true,null,{},[]],\"b\":{\"c\":[],\"d\\\"\\n\":"
			  "[1,{\"x\":2}]},\"e\":\"\",\"f\":\"0x0\"}\n[\"abc\",\"ab\"]\n7\n"));
	jsonw_free(&w);
	CHECK(!w.buf && w.len == 0 && w.cap == 0);
}

TEST(jsonw_numbers)
{
	static const int64_t ints[] = {0,	  1,	     -1,	 9,
				       10,	  -10,	     1000000007, INT32_MIN,
				       INT32_MAX, INT64_MAX, INT64_MIN,	 INT64_MIN + 1};
	static const uint64_t uints[] = {0, 9, 10, UINT32_MAX, (uint64_t)INT64_MAX + 1, UINT64_MAX};
	struct jsonw w = JSONW_INIT;
	char want[64];

	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		jsonw_reset(&w);
		jsonw_int(&w, ints[i]);
		snprintf(want, sizeof(want), "%lld", (long long)ints[i]);
		CHECK(text_is(&w, want));
	}
	for (size_t i = 0; i < sizeof(uints) / sizeof(uints[0]); i++) {
		jsonw_reset(&w);
		jsonw_uint(&w, uints[i]);
		snprintf(want, sizeof(want), "%llu", (unsigned long long)uints[i]);
		CHECK(text_is(&w, want));
	}
	for (int i = 0; i < 4000; i++) {
		/* Every power of ten, one either side, and random values of every length. */
		uint64_t p10 = 1;

		for (int k = 0; k < i % 20; k++)
			p10 *= 10;
		uint64_t v = i < 60 ? p10 + (uint64_t)(i / 20) - 1 : rng() >> (rng() % 64);

		jsonw_reset(&w);
		jsonw_uint(&w, v);
		snprintf(want, sizeof(want), "%llu", (unsigned long long)v);
		CHECK(text_is(&w, want));
		jsonw_reset(&w);
		jsonw_int(&w, -(int64_t)(v >> 1));
		snprintf(want, sizeof(want), "%lld", -(long long)(v >> 1));
		CHECK(text_is(&w, want));
	}
	for (int i = 0; i < 2000; i++) {
		/* Every length of hex number, and random values of each. */
		uint64_t v = i < 65 ? (i == 64 ? UINT64_MAX : (1ull << i) - (i & 1)) : rng();

		v >>= i >= 65 ? rng() % 64 : 0;
		jsonw_reset(&w);
		jsonw_hex(&w, v);
		snprintf(want, sizeof(want), "\"0x%llx\"", (unsigned long long)v);
		CHECK(text_is(&w, want));
	}
	jsonw_reset(&w);
	jsonw_hex_bytes(&w, (const uint8_t *)"\x00\x01\x7f\x80\xab\xff", 6);
	jsonw_hex_bytes(&w, NULL, 0);
	CHECK(text_is(&w, "\"00017f80abff\",\"\""));
	jsonw_free(&w);
}

/* Once warm, a writer holds its buffer: the same work makes no allocation. */
TEST(jsonw_reuse_and_growth)
{
	struct jsonw w = JSONW_INIT;
	char big[10001];
	const char *buf;
	size_t cap;

	memset(big, 0x1b, sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	jsonw_string(&w, big);
	CHECK(!w.err && w.len == 2 + 6 * (sizeof(big) - 1));
	CHECK(memcmp(w.buf, "\"\\u001B\\u001B", 13) == 0 && w.buf[w.len - 1] == '"');
	buf = w.buf;
	cap = w.cap;
	for (int i = 0; i < 100; i++) {
		jsonw_reset(&w);
		jsonw_string(&w, big);
		CHECK(w.buf == buf && w.cap == cap && w.len == 2 + 6 * (sizeof(big) - 1));
	}
	/* Many small values crossing several growth steps. */
	jsonw_reset(&w);
	jsonw_begin_array(&w);
	for (int i = 0; i < 100000; i++)
		jsonw_int(&w, i);
	jsonw_end_array(&w);
	CHECK(!w.err && w.buf[0] == '[' && w.buf[w.len - 1] == ']');
	{
		json_t *j = json_loadb(w.buf, w.len, 0, NULL);

		CHECK(json_array_size(j) == 100000);
		CHECK(json_integer_value(json_array_get(j, 99999)) == 99999);
		json_decref(j);
	}
	jsonw_free(&w);
}

TEST(jsonw_utf8_sequences)
{
	static const struct {
		const char *s;
		size_t n, want;
	} cases[] = {
	    {"a", 1, 1},
	    {"\x7f", 1, 1},
	    {"\xc2\x80", 2, 2},
	    {"\xc2\x80", 1, 0},
	    {"\xc1\xbf", 2, 0},
	    {"\xdf\xbf", 2, 2},
	    {"\xe0\xa0\x80", 3, 3},
	    {"\xe0\x9f\xbf", 3, 0},
	    {"\xed\x9f\xbf", 3, 3},
	    {"\xed\xa0\x80", 3, 0},
	    {"\xef\xbf\xbf", 3, 3},
	    {"\xe2\x82z", 3, 0},
	    {"\xf0\x90\x80\x80", 4, 4},
	    {"\xf0\x8f\xbf\xbf", 4, 0},
	    {"\xf4\x8f\xbf\xbf", 4, 4},
	    {"\xf4\x90\x80\x80", 4, 0},
	    {"\xf5\x80\x80\x80", 4, 0},
	    {"\xf0\x9f\x98", 3, 0},
	    {"\x80", 1, 0},
	    {"\xff", 1, 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(utf8_seq_len((const unsigned char *)cases[i].s, cases[i].n) == cases[i].want);
}

/* Go's encoding/json []byte (RFC 4648 base64, padded) and protobuf JSON's 64-bit integers. */
TEST(jsonw_base64_and_u64)
{
	struct jsonw w = JSONW_INIT;

	jsonw_begin_array(&w);
	jsonw_base64(&w, (const uint8_t *)"", 0);
	jsonw_base64(&w, (const uint8_t *)"f", 1);
	jsonw_base64(&w, (const uint8_t *)"fo", 2);
	jsonw_base64(&w, (const uint8_t *)"foo", 3);
	jsonw_base64(&w, (const uint8_t *)"foobar", 6);
	jsonw_base64(&w, (const uint8_t *)"\xde\xad\xbe\xef\xff\xfe", 6);
	jsonw_u64(&w, UINT64_MAX);
	w.u64_strings = 1;
	jsonw_u64(&w, UINT64_MAX);
	jsonw_u64(&w, 0);
	jsonw_end_array(&w);
	CHECK(!w.err);
	CHECK(w.len == strlen("[\"\",\"Zg==\",\"Zm8=\",\"Zm9v\",\"Zm9vYmFy\",\"3q2+7//+\","
			      "18446744073709551615,\"18446744073709551615\",\"0\"]"));
	CHECK(memcmp(w.buf,
		     "[\"\",\"Zg==\",\"Zm8=\",\"Zm9v\",\"Zm9vYmFy\",\"3q2+7//+\","
		     "18446744073709551615,\"18446744073709551615\",\"0\"]",
		     w.len) == 0);
	jsonw_free(&w);
}
