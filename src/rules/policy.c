/* The YAML policy file, parsed with libyaml's document API. README "Policy" documents it. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "policy.h"
#include "findings.h"
#include "../decode/names.h"
#include "../util/text.h"

/* The whole message escaped onto one line: names and values come from the file or its path. */
static int set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int set_err(char *err, size_t errlen, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	text_escape(msg, err, errlen);
	return -1;
}

struct parse {
	const char *name;
	yaml_document_t *doc;
	char *err;
	size_t errlen;
};

static int fail_at(struct parse *ps, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail_at(struct parse *ps, const yaml_node_t *node, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return set_err(ps->err, ps->errlen, "sigscope: %s:%zu: %s", ps->name,
		       node ? node->start_mark.line + 1 : 0, msg);
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int want_scalar(struct parse *ps, const yaml_node_t *n, const char *key, const char **out)
{
	*out = scalar(n);
	if (!*out)
		return fail_at(ps, n, "'%s' takes a single value", key);
	return 0;
}

static int parse_uint(struct parse *ps, const yaml_node_t *n, const char *key, uint64_t max,
		      uint64_t *out)
{
	const char *s;
	char *end;

	if (want_scalar(ps, n, key, &s))
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	if (!*s || *end || errno || *s == '-' || *out > max)
		return fail_at(ps, n, "invalid %s: '%s'", key, s);
	return 0;
}

/* Each key once per mapping: a second one would silently replace (or add to) the first. */
static int once(struct parse *ps, const yaml_node_t *k, unsigned int *seen, unsigned int bit,
		const char *key)
{
	if (*seen & bit)
		return fail_at(ps, k, "duplicate key '%s'", key);
	*seen |= bit;
	return 0;
}

/* A finding name, or a list of them, into a bit mask. */
static int parse_findings(struct parse *ps, yaml_node_t *n, uint32_t *mask)
{
	yaml_node_item_t *it;

	*mask = 0;
	if (n->type == YAML_SCALAR_NODE) {
		int f = finding_by_name(scalar(n));

		if (f < 0)
			return fail_at(ps, n, "unknown finding '%s'", scalar(n));
		*mask = 1u << f;
		return 0;
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return fail_at(ps, n, "'findings' takes a finding name or a list of them");
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(ps->doc, *it);
		int f = finding_by_name(scalar(item));

		if (f < 0)
			return fail_at(ps, item, "unknown finding '%s'",
				       scalar(item) ? scalar(item) : "(not a name)");
		*mask |= 1u << f;
	}
	return 0;
}

static int parse_allow_entry(struct parse *ps, yaml_node_t *n, struct sigscope_policy *p)
{
	struct policy_allow *a;
	yaml_node_pair_t *pair;
	int have_findings = 0;
	unsigned int seen = 0;

	if (n->type != YAML_MAPPING_NODE)
		return fail_at(ps, n, "each 'allow' entry is a mapping with 'findings'");
	if (p->nallow == POLICY_MAX_ALLOW)
		return fail_at(ps, n, "more than %d 'allow' entries", POLICY_MAX_ALLOW);
	a = &p->allow[p->nallow];
	memset(a, 0, sizeof(*a));
	for (pair = n->data.mapping.pairs.start; pair < n->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(ps->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(ps->doc, pair->value);
		const char *key = scalar(k), *s;

		if (key && strcmp(key, "executable") == 0) {
			if (once(ps, k, &seen, 1, key) || want_scalar(ps, v, key, &s))
				return -1;
			if (s[0] != '/' || strlen(s) >= sizeof(a->executable))
				return fail_at(ps, v, "'executable' must be an absolute path: '%s'",
					       s);
			strcpy(a->executable, s);
		} else if (key && strcmp(key, "findings") == 0) {
			if (once(ps, k, &seen, 2, key) || parse_findings(ps, v, &a->findings))
				return -1;
			have_findings = 1;
		} else {
			return fail_at(ps, k,
				       "unknown key '%s' in 'allow' (expected executable, "
				       "findings)",
				       key ? key : "?");
		}
	}
	if (!have_findings)
		return fail_at(ps, n, "an 'allow' entry needs 'findings'");
	p->nallow++;
	return 0;
}

static int parse_events(struct parse *ps, yaml_node_t *n, uint32_t *events)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE)
		return fail_at(ps, n, "'events' takes a list");
	if (n->data.sequence.items.start == n->data.sequence.items.top)
		return fail_at(ps, n,
			       "'events' is empty: it would select nothing (leave it out for "
			       "all events)");
	*events = 0;
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(ps->doc, *it);

		uint32_t bit = scalar(item) ? event_mask_of(scalar(item), strlen(scalar(item))) : 0;

		if (!bit)
			return fail_at(ps, item, "unknown event '%s'",
				       scalar(item) ? scalar(item) : "?");
		*events |= bit;
	}
	return 0;
}

/* The mapping walks of parse_scope() and parse_root() share their shape (libyaml's node
 * API asks for it); what each key means differs, so they stay two loops. */
static int parse_scope(struct parse *ps, yaml_node_t *n, struct sigscope_policy *p)
{
	static const char *const keys[] = {"pid", "uid", "comm", "cgroup", "container", "events"};
	yaml_node_pair_t *pair;
	unsigned int seen = 0;

	if (n->type != YAML_MAPPING_NODE)
		return fail_at(ps, n, "'scope' is a mapping");
	for (pair = n->data.mapping.pairs.start; pair < n->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(ps->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(ps->doc, pair->value);
		const char *key = scalar(k), *s;
		uint64_t num = 0;
		unsigned int i;

		if (!key)
			return fail_at(ps, k, "'scope' keys are names");
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && strcmp(key, keys[i]) != 0; i++)
			;
		if (i == sizeof(keys) / sizeof(keys[0]))
			return fail_at(
			    ps, k,
			    "unknown key '%s' in 'scope' (expected pid, uid, comm, cgroup, "
			    "container, events)",
			    key);
		if (once(ps, k, &seen, 1u << i, key))
			return -1;
		if (strcmp(key, "pid") == 0) {
			if (parse_uint(ps, v, key, INT32_MAX, &num))
				return -1;
			if (num == 0)
				return fail_at(ps, v, "invalid pid: 0");
			p->pid = (int)num;
		} else if (strcmp(key, "uid") == 0) {
			if (parse_uint(ps, v, key, UINT32_MAX - 1, &num))
				return -1;
			p->uid = (uint32_t)num;
			p->has_uid = 1;
		} else if (strcmp(key, "comm") == 0) {
			if (want_scalar(ps, v, key, &s))
				return -1;
			if (!*s || strlen(s) >= sizeof(p->comm))
				return fail_at(ps, v, "comm must be 1 to 15 bytes: '%s'", s);
			strcpy(p->comm, s);
		} else if (strcmp(key, "cgroup") == 0) {
			if (want_scalar(ps, v, key, &s))
				return -1;
			if (strlen(s) >= sizeof(p->cgroup))
				return fail_at(ps, v, "cgroup path too long");
			strcpy(p->cgroup, s);
		} else if (strcmp(key, "container") == 0) {
			if (want_scalar(ps, v, key, &s))
				return -1;
			if (!*s || strlen(s) >= sizeof(p->container) ||
			    strspn(s, "0123456789abcdef") != strlen(s))
				return fail_at(ps, v,
					       "container must be 1-64 lower-case hex digits");
			strcpy(p->container, s);
		} else if (parse_events(ps, v, &p->events)) {
			return -1;
		}
	}
	return 0;
}

static int parse_root(struct parse *ps, yaml_node_t *root, struct sigscope_policy *p)
{
	yaml_node_pair_t *pair;
	unsigned int seen = 0;

	if (!root) /* an empty file is an empty policy */
		return 0;
	if (root->type != YAML_MAPPING_NODE)
		return fail_at(ps, root, "the policy is a mapping (enforce, allow, scope)");
	for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(ps->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(ps->doc, pair->value);
		const char *key = scalar(k), *s;
		yaml_node_item_t *it;

		if (key && strcmp(key, "enforce") == 0) {
			if (once(ps, k, &seen, 1, key) || want_scalar(ps, v, key, &s))
				return -1;
			p->enforce =
			    strcmp(s, "off") == 0 ? POLICY_ENFORCE_OFF : severity_from_name(s);
			if (p->enforce == -1 && strcmp(s, "off") != 0)
				return fail_at(ps, v,
					       "invalid enforce: '%s' (expected off, info, low, "
					       "medium, high, critical)",
					       s);
		} else if (key && (strcmp(key, "contended") == 0 ||
				   strcmp(key, "contended_redirect") == 0)) {
			/* How a check ranks when no VMA lookup answers (src/bpf/vma.bpf.h): the
			 * pivot check (contended) and the redirect check (contended_redirect). */
			int redirect = strcmp(key, "contended") != 0;
			int *field = redirect ? &p->contended_redirect : &p->contended;

			if (once(ps, k, &seen, redirect ? 16 : 8, key) ||
			    want_scalar(ps, v, key, &s))
				return -1;
			*field = severity_from_name(s);
			if (*field < 0)
				return fail_at(
				    ps, v,
				    "invalid %s: '%s' (expected info, low, medium, high, "
				    "critical)",
				    key, s);
		} else if (key && strcmp(key, "kernel_skips") == 0) {
			/* Where the kernel skipped one of sigscope's programs and nothing else
			 * proves the sigreturn: closed judges it (and --enforce kills on it, or
			 * refuses to start without the entry guards), open lets it pass, counted.
			 */
			if (once(ps, k, &seen, 32, key) || want_scalar(ps, v, key, &s))
				return -1;
			if (strcmp(s, "closed") == 0)
				p->kernel_skips_closed = 1;
			else if (strcmp(s, "open") == 0)
				p->kernel_skips_closed = 0;
			else
				return fail_at(
				    ps, v, "invalid kernel_skips: '%s' (expected closed, open)", s);
		} else if (key && strcmp(key, "allow") == 0) {
			if (once(ps, k, &seen, 2, key))
				return -1;
			if (v->type != YAML_SEQUENCE_NODE)
				return fail_at(ps, v, "'allow' takes a list of entries");
			for (it = v->data.sequence.items.start; it < v->data.sequence.items.top;
			     it++) {
				if (parse_allow_entry(ps, yaml_document_get_node(ps->doc, *it), p))
					return -1;
			}
		} else if (key && strcmp(key, "scope") == 0) {
			if (once(ps, k, &seen, 4, key) || parse_scope(ps, v, p))
				return -1;
		} else {
			return fail_at(ps, k,
				       "unknown key '%s' (expected enforce, contended, "
				       "contended_redirect, kernel_skips, allow, scope)",
				       key ? key : "?");
		}
	}
	return 0;
}

/*
 * A first pass over the events, before libyaml builds the document: nesting deeper than
 * POLICY_MAX_DEPTH (its loader recurses, and deep flow collections scan in quadratic time) and a
 * second document are refused at once, with the line where they start.
 */
static int check_shape(const char *name, const char *text, size_t len, char *err, size_t errlen)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int depth = 0, docs = 0, ret = 0, done = 0;

	if (!yaml_parser_initialize(&parser))
		return set_err(err, errlen, "sigscope: out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done && ret == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			ret = set_err(err, errlen, "sigscope: %s:%zu: %s", name,
				      parser.problem_mark.line + 1,
				      parser.problem ? parser.problem : "not valid YAML");
			break;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				ret =
				    set_err(err, errlen,
					    "sigscope: %s:%zu: a second YAML document: a policy is "
					    "one document",
					    name, ev.start_mark.line + 1);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > POLICY_MAX_DEPTH)
				ret = set_err(err, errlen,
					      "sigscope: %s:%zu: nested deeper than %d levels",
					      name, ev.start_mark.line + 1, POLICY_MAX_DEPTH);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return ret;
}

void policy_defaults(struct sigscope_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->enforce = POLICY_ENFORCE_UNSET;
	p->contended = SIGSCOPE_SEV_HIGH;
	p->contended_redirect = SIGSCOPE_SEV_HIGH; /* fail closed: nothing outside decides */
	p->kernel_skips_closed = 1;
}

int policy_parse(const char *name, const char *text, size_t len, struct sigscope_policy *p,
		 char *err, size_t errlen)
{
	struct parse ps = {.name = name, .err = err, .errlen = errlen};
	yaml_parser_t parser;
	yaml_document_t doc;
	int ret;

	policy_defaults(p);
	if (len > POLICY_MAX_BYTES)
		return set_err(err, errlen, "sigscope: policy '%s' is larger than %u bytes", name,
			       POLICY_MAX_BYTES);
	if (check_shape(name, text, len, err, errlen) != 0)
		return -1;
	if (!yaml_parser_initialize(&parser))
		return set_err(err, errlen, "sigscope: out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		ret =
		    set_err(err, errlen, "sigscope: %s:%zu: %s", name, parser.problem_mark.line + 1,
			    parser.problem ? parser.problem : "not valid YAML");
		yaml_parser_delete(&parser);
		return ret;
	}
	ps.doc = &doc;
	ret = parse_root(&ps, yaml_document_get_root_node(&doc), p);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return ret;
}

int policy_load(const char *path, struct sigscope_policy *p, char *err, size_t errlen)
{
	/* Non-blocking: opening a FIFO must not wait for a writer; it is refused below. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	char *text;
	ssize_t n;
	size_t len = 0;
	int ret;

	if (fd < 0)
		return set_err(err, errlen, "sigscope: cannot read policy '%s': %s", path,
			       strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return set_err(err, errlen, "sigscope: policy '%s' is not a regular file", path);
	}
	if (st.st_size > POLICY_MAX_BYTES) {
		close(fd);
		return set_err(err, errlen, "sigscope: policy '%s' is larger than %u bytes", path,
			       POLICY_MAX_BYTES);
	}
	text = malloc(POLICY_MAX_BYTES + 1);
	if (!text) {
		close(fd);
		return set_err(err, errlen, "sigscope: out of memory");
	}
	/* One byte more than the cap: a file that grew since fstat is refused too. */
	while (len <= POLICY_MAX_BYTES &&
	       (n = read(fd, text + len, POLICY_MAX_BYTES + 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = set_err(err, errlen, "sigscope: cannot read policy '%s': %s", path,
				      strerror(errno));
			goto out;
		}
		len += (size_t)n;
	}
	ret = policy_parse(path, text, len, p, err, errlen);
out:
	free(text);
	close(fd);
	return ret;
}
