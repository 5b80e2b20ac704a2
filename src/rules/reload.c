/* SIGHUP: the policy file again, into the map that can change under a loaded program. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <bpf/bpf.h>

#include "apply.h"
#include "reload.h"

#define STALE_MAX 4096

unsigned int policy_allowed_everywhere_mask(const struct sigscope_policy *p)
{
	unsigned int mask = 0;

	for (int i = 0; p && i < p->nallow; i++)
		if (!p->allow[i].executable[0])
			mask |= p->allow[i].findings;
	return mask;
}

static void add_name(char *out, size_t cap, const char *name)
{
	size_t n = strlen(out);

	snprintf(out + n, cap - n, "%s%s", n ? ", " : "", name);
}

void policy_restart_fields(const struct sigscope_policy *a, const struct sigscope_policy *b,
			   int enforce_from_cli, char *out, size_t cap)
{
	out[0] = '\0';
	if (!enforce_from_cli && a->enforce != b->enforce)
		add_name(out, cap, "enforce");
	if (a->contended != b->contended)
		add_name(out, cap, "contended");
	if (a->contended_redirect != b->contended_redirect)
		add_name(out, cap, "contended_redirect");
	if (policy_allowed_everywhere_mask(a) != policy_allowed_everywhere_mask(b))
		add_name(out, cap, "allow without executable");
	if (a->events != b->events || a->pid != b->pid || a->has_uid != b->has_uid ||
	    a->uid != b->uid || strcmp(a->comm, b->comm) != 0 ||
	    strcmp(a->cgroup, b->cgroup) != 0 || strcmp(a->container, b->container) != 0)
		add_name(out, cap, "scope");
}

struct entry {
	struct sigscope_exe_key key;
	unsigned int findings;
};

static int same_key(const struct sigscope_exe_key *a, const struct sigscope_exe_key *b)
{
	return a->ino == b->ino && a->dev == b->dev && a->mtime == b->mtime;
}

int policy_reload(int map_fd, const char *path, struct sigscope_policy *cur, int enforce_from_cli,
		  int quiet)
{
	struct sigscope_policy *p = calloc(1, sizeof(*p));
	struct entry want[POLICY_MAX_ALLOW];
	struct sigscope_exe_key key, next, *stale = NULL;
	char err[512], restart[256];
	int nwant = 0, nstale = 0, rc = 0, fds[POLICY_MAX_ALLOW], nfds = 0;

	if (!p) {
		fprintf(stderr, "sigscope: policy reload: out of memory (policy unchanged)\n");
		return -1;
	}
	if (policy_load(path, p, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s (reload refused, policy unchanged)\n", err);
		free(p);
		return -1;
	}
	for (int i = 0; i < p->nallow; i++) {
		struct sigscope_exe_key k;
		int j;

		if (!p->allow[i].executable[0] ||
		    policy_exe_key(p->allow[i].executable, &k, quiet, &fds[nfds]))
			continue;
		nfds++;
		for (j = 0; j < nwant && !same_key(&want[j].key, &k); j++)
			;
		if (j == nwant) {
			want[nwant].key = k;
			want[nwant++].findings = 0;
		}
		want[j].findings |= p->allow[i].findings;
	}
	/* New values first: an executable allowed before and after never loses its allowance. */
	for (int i = 0; i < nwant; i++)
		if (bpf_map_update_elem(map_fd, &want[i].key, &want[i].findings, BPF_ANY) != 0) {
			fprintf(stderr, "sigscope: policy reload: cannot update the map: %s\n",
				strerror(errno));
			rc = -1;
		}
	stale = calloc(STALE_MAX, sizeof(*stale));
	for (int more = stale && bpf_map_get_next_key(map_fd, NULL, &next) == 0; more;
	     more = bpf_map_get_next_key(map_fd, &key, &next) == 0) {
		int j;

		key = next;
		for (j = 0; j < nwant && !same_key(&want[j].key, &key); j++)
			;
		if (j == nwant && nstale < STALE_MAX)
			stale[nstale++] = key;
	}
	for (int i = 0; i < nstale; i++)
		bpf_map_delete_elem(map_fd, &stale[i]);
	free(stale);
	policy_hold(fds, nfds); /* the new files held, the old ones let go */
	policy_restart_fields(cur, p, enforce_from_cli, restart, sizeof(restart));
	/* What cannot change keeps its running value, so the next reload compares with that. */
	p->enforce = cur->enforce;
	p->contended = cur->contended;
	p->contended_redirect = cur->contended_redirect;
	p->events = cur->events;
	p->pid = cur->pid;
	p->has_uid = cur->has_uid;
	p->uid = cur->uid;
	memcpy(p->comm, cur->comm, sizeof(p->comm));
	memcpy(p->cgroup, cur->cgroup, sizeof(p->cgroup));
	memcpy(p->container, cur->container, sizeof(p->container));
	if (restart[0]) {
		/* The allowed-everywhere entries stay as loaded: keep them in the copy too. */
		int n = 0;

		for (int i = 0; i < p->nallow; i++)
			if (p->allow[i].executable[0])
				p->allow[n++] = p->allow[i];
		for (int i = 0; i < cur->nallow && n < POLICY_MAX_ALLOW; i++)
			if (!cur->allow[i].executable[0])
				p->allow[n++] = cur->allow[i];
		p->nallow = n;
	}
	*cur = *p;
	free(p);
	fprintf(stderr, "sigscope: policy '%s' reloaded: %d executable allowances%s%s%s\n", path,
		nwant, restart[0] ? "; changed but needing a restart (still the old values): " : "",
		restart, rc ? " (map update failed, see above)" : "");
	return rc;
}
