/* The policy file: allowed findings, the enforcement threshold, and the tracing scope. */
#ifndef SIGSCOPE_RULES_POLICY_H
#define SIGSCOPE_RULES_POLICY_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "../shared/sigscope_event.h"

#define POLICY_MAX_ALLOW     64
#define POLICY_MAX_BYTES     (1u << 20) /* a policy is a page or two; this is plenty */
#define POLICY_MAX_DEPTH     16		/* the format itself needs 4 levels */
#define POLICY_ENFORCE_UNSET -2		/* the file does not say */
#define POLICY_ENFORCE_OFF   -1

struct policy_allow {
	char executable[PATH_MAX]; /* "" : every executable */
	uint32_t findings;	   /* bit per enum sigscope_finding */
};

struct sigscope_policy {
	int enforce;		/* severity 0..4, POLICY_ENFORCE_OFF, or POLICY_ENFORCE_UNSET */
	int contended;		/* rank of a pivot check no VMA lookup answered (high) */
	int contended_redirect; /* ... of a redirect check (high: fail closed) */
	/* kernel_skips: closed (1, the default) or open (0): what sigscope does where a program the
	 * kernel skipped leaves a sigreturn unproven (README "Backends and hook modes"). */
	int kernel_skips_closed;
	struct policy_allow allow[POLICY_MAX_ALLOW];
	int nallow;
	/* scope: 0 / "" / NULL when the file does not set it */
	uint32_t events; /* EVENT_BIT mask */
	int pid;
	int has_uid;
	uint32_t uid;
	char comm[SIGSCOPE_COMM_LEN];
	char cgroup[PATH_MAX];
	char container[65];
};

/* The settings of no policy at all, which every policy file starts from: one set of defaults for
 * both (red team round 4 found the loader's own copy ranking undecided redirects low). */
void policy_defaults(struct sigscope_policy *p);

/*
 * Parse the YAML policy at path: a regular file (a FIFO or device is refused, never waited on) of
 * at most POLICY_MAX_BYTES, one document, nested at most POLICY_MAX_DEPTH levels. Returns 0, or
 * -1 with a one-line message ("sigscope: FILE:LINE: ...", untrusted text escaped) in err. Unknown
 * or duplicate keys, unknown finding names, an empty events list and bad values are errors: a
 * policy that silently means less than it says is worse than none.
 */
int policy_load(const char *path, struct sigscope_policy *p, char *err, size_t errlen);

/* Same, from a string (unit tests); name is used in messages. */
int policy_parse(const char *name, const char *text, size_t len, struct sigscope_policy *p,
		 char *err, size_t errlen);

#endif
