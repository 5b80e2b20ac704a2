/* Executable paths and container ids from /proc, kept in fixed-size direct-mapped caches. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc_ctx.h"

#define CACHE_BITS  10
#define CACHE_SLOTS (1u << CACHE_BITS)
#define ID_LEN	    64

struct exe_slot {
	uint32_t pid;
	uint64_t ino;
	char *path; /* NULL: slot empty */
};

struct cgroup_slot {
	uint64_t cgroup_id; /* 0: slot empty (cgroup id 0 is never cached) */
	char id[ID_LEN + 1];
};

/* The two kinds of answer live in separate storage, so one call never invalidates the other. */
struct proc_cache {
	struct exe_slot exe[CACHE_SLOTS];
	struct cgroup_slot cgroup[CACHE_SLOTS];
	char exe_buf[PATH_MAX]; /* an answer that could not be cached */
	const char *(*exe_fallback)(void *arg, uint32_t pid, char *buf, size_t len);
	void *exe_fallback_arg;
	char id_buf[ID_LEN + 1]; /* likewise */
};

static unsigned int slot_of(uint64_t key)
{
	/* Fibonacci hashing: consecutive pids and ids spread over all slots. */
	return (unsigned int)((key * 0x9e3779b97f4a7c15ull) >> (64 - CACHE_BITS));
}

struct proc_cache *proc_cache_new(void)
{
	return calloc(1, sizeof(struct proc_cache));
}

void proc_cache_free(struct proc_cache *c)
{
	if (!c)
		return;
	for (unsigned int i = 0; i < CACHE_SLOTS; i++)
		free(c->exe[i].path);
	free(c);
}

const char *proc_exe_path(struct proc_cache *c, uint32_t pid, uint64_t exe_ino)
{
	struct exe_slot *s = &c->exe[slot_of(((uint64_t)pid << 32) ^ exe_ino)];
	char link[32];
	char *copy;
	ssize_t n;

	if (s->path && s->pid == pid && s->ino == exe_ino)
		return s->path;
	snprintf(link, sizeof(link), "/proc/%u/exe", pid);
	n = readlink(link, c->exe_buf, sizeof(c->exe_buf) - 1);
	/* A gone process is not cached: its pid may come back with the same binary. */
	if (n <= 0) {
		const char *path = c->exe_fallback ? c->exe_fallback(c->exe_fallback_arg, pid,
								     c->exe_buf, sizeof(c->exe_buf))
						   : NULL;

		return path ? path : "";
	}
	c->exe_buf[n] = '\0';
	copy = strdup(c->exe_buf);
	if (!copy)
		return c->exe_buf;
	free(s->path);
	s->pid = pid;
	s->ino = exe_ino;
	s->path = copy;
	return s->path;
}

void proc_cache_set_exe_fallback(struct proc_cache *c,
				 const char *(*fn)(void *arg, uint32_t pid, char *buf, size_t len),
				 void *arg)
{
	c->exe_fallback = fn;
	c->exe_fallback_arg = arg;
}

static int is_lower_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* One path component: [docker-|cri-containerd-|crio-|libpod-]<64 hex>[.scope]. */
static int component_id(const char *s, size_t len, char *out)
{
	static const char *const prefixes[] = {"", "docker-", "cri-containerd-", "crio-",
					       "libpod-"};
	static const char scope[] = ".scope";
	size_t slen = sizeof(scope) - 1;

	if (len > slen && memcmp(s + len - slen, scope, slen) == 0)
		len -= slen;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t plen = strlen(prefixes[i]);

		if (len == plen + ID_LEN && memcmp(s, prefixes[i], plen) == 0 &&
		    is_lower_hex(s + plen, ID_LEN)) {
			memcpy(out, s + plen, ID_LEN);
			out[ID_LEN] = '\0';
			return 1;
		}
	}
	return 0;
}

int proc_container_id_from_cgroup_path(const char *path, char *out)
{
	int found = 0;

	/* The last match wins: a nested container's own id is the innermost component. */
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, "/");

		if (len && component_id(p, len, out))
			found = 1;
		p += len;
		p += strspn(p, "/");
	}
	return found;
}

/* Writes the id (or "") into out; returns -1 when /proc/PID/cgroup could not be read whole. */
static int read_container_id(uint32_t pid, char *out)
{
	char path[32], *line = NULL;
	size_t cap = 0;
	int rc;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%u/cgroup", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	out[0] = '\0';
	/* "hierarchy:controllers:path"; v2 has one "0::path" line, hybrid setups several. */
	while (getline(&line, &cap, f) > 0) {
		char *p = strchr(line, ':');

		p = p ? strchr(p + 1, ':') : NULL;
		if (!p)
			continue;
		p[strcspn(p, "\n")] = '\0';
		if (proc_container_id_from_cgroup_path(p + 1, out))
			break;
	}
	rc = ferror(f) ? -1 : 0;
	free(line);
	fclose(f);
	return rc;
}

const char *proc_container_id(struct proc_cache *c, uint32_t pid, uint64_t cgroup_id)
{
	struct cgroup_slot *s = &c->cgroup[slot_of(cgroup_id)];

	if (cgroup_id && s->cgroup_id == cgroup_id)
		return s->id;
	if (read_container_id(pid, c->id_buf) < 0)
		return "";
	/* Without a cgroup id (cgroup v1) there is no key that is stable across processes. */
	if (!cgroup_id)
		return c->id_buf;
	s->cgroup_id = cgroup_id;
	memcpy(s->id, c->id_buf, sizeof(s->id));
	return s->id;
}

/* "start-end perms offset dev inode [name]": name is everything after the inode and the spaces
 * that pad it (a path may hold spaces; a newline in it is escaped by the kernel). */
static int maps_line(const char *line, uint64_t addr, const char **name)
{
	unsigned long long start, end;
	int off = 0;

	if (sscanf(line, "%llx-%llx %*s %*s %*s %*s %n", &start, &end, &off) < 2 || off == 0)
		return -1;
	if (addr < start)
		return 1; /* the file is sorted: no later line contains addr */
	if (addr >= end)
		return 0;
	*name = line + off;
	return 2;
}

const char *proc_mapping_name(struct proc_cache *c, uint32_t pid, uint64_t addr, char *buf,
			      size_t len)
{
	char path[32], *line = NULL;
	const char *name = NULL;
	size_t cap = 0;
	FILE *f;

	(void)c; /* findings are rare: nothing is cached */
	if (len == 0)
		return "";
	buf[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%u/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return buf;
	/* Streamed a line at a time: a process can have hundreds of thousands of mappings. */
	while (getline(&line, &cap, f) > 0) {
		int rc = maps_line(line, addr, &name);

		if (rc == 1)
			break;
		if (rc == 2) {
			size_t n = strcspn(name, "\n");

			if (n == 0)
				snprintf(buf, len, "[anon]");
			else
				snprintf(buf, len, "%.*s", (int)(n < INT_MAX ? n : INT_MAX), name);
			break;
		}
	}
	free(line);
	fclose(f);
	return buf;
}
