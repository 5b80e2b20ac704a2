/* SIGHUP: reload the policy into the running sensor (README "Deploying on a fleet"). */
#ifndef SIGSCOPE_RULES_RELOAD_H
#define SIGSCOPE_RULES_RELOAD_H

#include <stddef.h>

#include "policy.h"

/*
 * Re-reads path. On a parse error the running policy stays (one line on stderr, -1). Otherwise
 * the per-executable allowances in the BPF map allowed_exes (map_fd) become the new file's: new
 * and changed entries are written first, stale ones deleted after, so no allowance lapses
 * in between. What the BPF side holds in read-only data (allowed everywhere, the enforcement
 * threshold, 'contended') and the tracing scope cannot change while loaded: a change to any of
 * them is named on stderr as needing a restart, and the old value stays in force.
 * enforce_from_cli: --enforce was given (the file's threshold does not count). *cur becomes the
 * new policy with those fields kept at their running values. Returns 0 or -1.
 */
int policy_reload(int map_fd, const char *path, struct sigscope_policy *cur, int enforce_from_cli,
		  int quiet);

/* Findings allowed for every executable (the BPF side's rodata findings_allowed). */
unsigned int policy_allowed_everywhere_mask(const struct sigscope_policy *p);

/* Names of the fields that differ and need a restart, comma-separated ("" when none). */
void policy_restart_fields(const struct sigscope_policy *a, const struct sigscope_policy *b,
			   int enforce_from_cli, char *out, size_t cap);

#endif
