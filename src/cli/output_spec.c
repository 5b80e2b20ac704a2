/* -o SPEC[:FILTER]: the stream formats and the fleet outputs, parsed into the specs the outputs
 * take (src/output/fleet.h). Pure: no I/O. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "../util/text.h"

static int spec_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int spec_fail(char *err, size_t errlen, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int n;

	if (!err || errlen == 0)
		return -1;
	n = snprintf(msg, sizeof(msg), "sigscope: ");
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	text_escape(msg, err, errlen);
	return -1;
}

/* Copies n bytes of s into dst (cap bytes with the NUL); -1 when they do not fit. */
static int copy_n(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		return -1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

static int valid_port(const char *p)
{
	size_t n = strlen(p);
	long v = 0;

	if (n == 0 || n > 5 || p[strspn(p, "0123456789")] != '\0')
		return 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v >= 1 && v <= 65535;
}

static int parse_syslog(const char *rest, const char *arg, struct output_spec *s, char *err,
			size_t errlen)
{
	const char *colon;

	if (rest[0] == '/') { /* syslog:///dev/log */
		s->kind = OUTK_SYSLOG_UNIX;
		if (copy_n(s->path, sizeof(s->path), rest, strlen(rest)) != 0 || rest[1] == '\0')
			return spec_fail(err, errlen,
					 "invalid syslog socket path in '%s' (1-%zu bytes)", arg,
					 sizeof(s->path) - 1);
		return 0;
	}
	s->kind = OUTK_SYSLOG_TCP;
	if (rest[0] == '[') { /* [IPv6]:PORT */
		const char *close = strchr(rest, ']');

		if (!close || close[1] != ':' ||
		    copy_n(s->host, sizeof(s->host), rest + 1, (size_t)(close - rest - 1)) != 0)
			return spec_fail(err, errlen, "invalid syslog address in '%s'", arg);
		colon = close + 1;
	} else {
		colon = strrchr(rest, ':');
		if (!colon || copy_n(s->host, sizeof(s->host), rest, (size_t)(colon - rest)) != 0)
			return spec_fail(err, errlen,
					 "invalid syslog address in '%s' (expected "
					 "syslog://HOST:PORT or syslog:///SOCKET)",
					 arg);
	}
	if (s->host[0] == '\0' || copy_n(s->port, sizeof(s->port), colon + 1, strlen(colon + 1)) ||
	    !valid_port(s->port))
		return spec_fail(err, errlen,
				 "invalid syslog address in '%s' (expected syslog://HOST:PORT, "
				 "PORT 1-65535)",
				 arg);
	return 0;
}

static int parse_kafka(const char *rest, const char *arg, struct output_spec *s, char *err,
		       size_t errlen)
{
	const char *slash = strrchr(rest, '/');
	const char *topic;

	s->kind = OUTK_KAFKA;
	if (!slash || slash == rest ||
	    copy_n(s->brokers, sizeof(s->brokers), rest, (size_t)(slash - rest)) != 0)
		return spec_fail(
		    err, errlen,
		    "invalid Kafka output '%s' (expected kafka://BROKER[,BROKER]/TOPIC)", arg);
	topic = slash + 1;
	if (topic[0] == '\0' || strlen(topic) > 249 ||
	    topic[strspn(topic,
			 "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")] !=
		'\0' ||
	    strcmp(topic, ".") == 0 || strcmp(topic, "..") == 0)
		return spec_fail(err, errlen,
				 "invalid Kafka topic in '%s' (1-249 of [A-Za-z0-9._-])", arg);
	strcpy(s->topic, topic);
	if (s->brokers[strspn(s->brokers, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					  "0123456789.-_:,[]")] != '\0')
		return spec_fail(err, errlen, "invalid Kafka brokers in '%s'", arg);
	return 0;
}

int output_spec_parse(const char *arg, struct output_spec *s, char *err, size_t errlen)
{
	char body[1024];
	size_t n = strlen(arg);
	const char *colon;

	memset(s, 0, sizeof(*s));
	if (n >= sizeof(body))
		return spec_fail(err, errlen, "output '%.40s...' is too long", arg);
	memcpy(body, arg, n + 1);
	/* The filter is the last ":WORD", when WORD is one: a port or a path never is one. */
	colon = strrchr(body, ':');
	if (colon && strcmp(colon + 1, "findings") == 0) {
		s->filter = OUTF_FINDINGS;
		body[colon - body] = '\0';
	} else if (colon && strcmp(colon + 1, "all") == 0) {
		body[colon - body] = '\0';
	}
	if (strcmp(body, "json") == 0)
		s->kind = OUTK_JSON;
	else if (strcmp(body, "table") == 0)
		s->kind = OUTK_TABLE;
	else if (strcmp(body, "tracee-v2") == 0)
		s->kind = OUTK_TRACEE_V2;
	else if (strcmp(body, "journal") == 0)
		s->kind = OUTK_JOURNAL;
	else if (strncmp(body, "syslog://", 9) == 0) {
		if (parse_syslog(body + 9, arg, s, err, errlen) != 0)
			return -1;
	} else if (strncmp(body, "kafka://", 8) == 0) {
		if (parse_kafka(body + 8, arg, s, err, errlen) != 0)
			return -1;
	} else
		return spec_fail(err, errlen,
				 "unknown output format '%s' (expected json, tracee-v2, table, "
				 "journal, syslog://HOST:PORT, syslog:///SOCKET, "
				 "kafka://BROKERS/TOPIC)",
				 arg);
	if (s->filter != OUTF_ALL && s->kind <= OUTK_TRACEE_V2)
		return spec_fail(
		    err, errlen,
		    "output '%s': a filter applies to journal, syslog and kafka outputs", arg);
	return 0;
}

int options_add_output(struct sigscope_options *o, const char *arg, char *err, int errlen)
{
	struct output_spec s;

	if (output_spec_parse(arg, &s, err, errlen > 0 ? (size_t)errlen : 0) != 0)
		return -1;
	switch (s.kind) {
	case OUTK_JSON:
		o->output = OUTPUT_JSON;
		o->stream_set = 1;
		return 0;
	case OUTK_TABLE:
		o->output = OUTPUT_TABLE;
		o->stream_set = 1;
		return 0;
	case OUTK_TRACEE_V2:
		o->output = OUTPUT_TRACEE_V2;
		o->stream_set = 1;
		return 0;
	default:
		break;
	}
	if (o->noutputs == OPT_OUTPUTS_MAX)
		return spec_fail(err, errlen > 0 ? (size_t)errlen : 0,
				 "too many outputs (at most %d journal, syslog and kafka)",
				 OPT_OUTPUTS_MAX);
	o->outputs[o->noutputs++] = s;
	return 0;
}

int options_stream_active(const struct sigscope_options *o)
{
	return o->noutputs == 0 || o->stream_set || o->write_path;
}
