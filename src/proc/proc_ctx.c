/* Executable paths, container ids and mapping names from /proc, kept in fixed-size caches. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc_ctx.h"

#define CACHE_BITS  10
#define CACHE_SLOTS (1u << CACHE_BITS)
#define ID_LEN	    64

/* Mapping names (findings' evidence): a bounded cache, so no event costs an unbounded scan. */
#define MAPS_SLOTS	 4
#define MAPS_MAX_RANGES	 16384	       /* per process, after merging equal neighbours */
#define MAPS_NAMES_MAX	 (256u << 10)  /* bytes of names per process */
#define MAPS_MAX_LINES	 65536	       /* lines read from one maps file at most */
#define MAPS_TTL_NS	 1000000000ull /* a table answers for a second */
#define MAPS_MISS_TTL_NS 100000000ull  /* an address it lacks rereads after 100 ms */
#define MAPS_BUDGET_NS	 100000000ull  /* at most 100 ms of maps reading per second */
#define MAPS_ANON	 UINT32_MAX - 1u

struct maps_range {
	uint64_t start, end;
	uint32_t name; /* offset in names, or MAPS_ANON */
};

struct maps_slot {
	uint32_t pid;
	uint64_t exe_ino; /* with pid, the identity of the address space: an exec changes it */
	uint64_t read_ns;
	struct maps_range *r; /* MAPS_MAX_RANGES, allocated on first use */
	uint32_t n;
	char *names; /* MAPS_NAMES_MAX */
	size_t names_len;
	uint32_t last_name;
};

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
	struct maps_slot maps[MAPS_SLOTS];
	uint64_t budget_start, budget_used;
	uint64_t maps_lookups, maps_reads, maps_over_budget;
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
	for (unsigned int i = 0; i < MAPS_SLOTS; i++) {
		free(c->maps[i].r);
		free(c->maps[i].names);
	}
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
static int maps_line(const char *line, uint64_t *start, uint64_t *end, const char **name)
{
	unsigned long long s, e;
	int off = 0;

	if (sscanf(line, "%llx-%llx %*s %*s %*s %*s %n", &s, &e, &off) < 2 || off == 0)
		return -1;
	*start = s;
	*end = e;
	*name = line + off;
	return 0;
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* The name of the range at name_off in the slot's pool, or "[anon]". */
static const char *range_name(const struct maps_slot *m, uint32_t name_off)
{
	return name_off == MAPS_ANON ? "[anon]" : m->names + name_off;
}

/* Interns name (n bytes) as the last name of the pool, reusing it when the previous range had the
 * same one. Returns its offset, or MAPS_ANON for "", or UINT32_MAX when the pool is full. */
static uint32_t intern_name(struct maps_slot *m, const char *name, size_t n)
{
	if (n == 0)
		return MAPS_ANON;
	if (m->last_name != MAPS_ANON && strlen(m->names + m->last_name) == n &&
	    memcmp(m->names + m->last_name, name, n) == 0)
		return m->last_name;
	if (m->names_len + n + 1 > MAPS_NAMES_MAX)
		return UINT32_MAX;
	memcpy(m->names + m->names_len, name, n);
	m->names[m->names_len + n] = '\0';
	m->last_name = (uint32_t)m->names_len;
	m->names_len += n + 1;
	return m->last_name;
}

/*
 * Reads /proc/PID/maps into the slot: at most MAPS_MAX_RANGES ranges (neighbours with the same
 * name merged, so a flood of anonymous mappings costs one range) and MAPS_NAMES_MAX bytes of
 * names; what does not fit is left out. Returns 0, -1 when the process is gone.
 */
static int maps_load(struct maps_slot *m, uint32_t pid)
{
	char path[32], *line = NULL;
	size_t cap = 0;
	unsigned int lines = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%u/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	m->n = 0;
	m->names_len = 0;
	m->last_name = MAPS_ANON;
	/* Streamed a line at a time, and never more than MAPS_MAX_LINES: a bounded cost. */
	while (lines++ < MAPS_MAX_LINES && getline(&line, &cap, f) > 0) {
		uint64_t start, end;
		const char *name;
		uint32_t off;

		if (maps_line(line, &start, &end, &name) != 0)
			continue;
		off = intern_name(m, name, strcspn(name, "\n"));
		if (off == UINT32_MAX)
			break;
		if (m->n && m->r[m->n - 1].end == start && m->r[m->n - 1].name == off) {
			m->r[m->n - 1].end = end;
			continue;
		}
		if (m->n == MAPS_MAX_RANGES)
			break;
		m->r[m->n].start = start;
		m->r[m->n].end = end;
		m->r[m->n].name = off;
		m->n++;
	}
	free(line);
	fclose(f);
	return 0;
}

/* Binary search: the range holding addr, or NULL. */
static const struct maps_range *maps_find(const struct maps_slot *m, uint64_t addr)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (addr < m->r[mid].start)
			hi = mid;
		else if (addr >= m->r[mid].end)
			lo = mid + 1;
		else
			return &m->r[mid];
	}
	return NULL;
}

/* Spends from the per-second budget of time reading maps files; 0 when it is used up. */
static int maps_budget_ok(struct proc_cache *c, uint64_t now)
{
	if (now - c->budget_start >= 1000000000ull) {
		c->budget_start = now;
		c->budget_used = 0;
	}
	return c->budget_used < MAPS_BUDGET_NS;
}

const char *proc_mapping_name(struct proc_cache *c, uint32_t pid, uint64_t exe_ino, uint64_t addr,
			      char *buf, size_t len)
{
	struct maps_slot *m;
	const struct maps_range *hit;
	uint64_t now, t0;
	int same;

	if (len == 0)
		return "";
	if (!c) { /* no cache: one uncached read */
		struct proc_cache *tmp = proc_cache_new();

		buf[0] = '\0';
		if (tmp) {
			proc_mapping_name(tmp, pid, exe_ino, addr, buf, len);
			proc_cache_free(tmp);
		}
		return buf;
	}
	m = &c->maps[slot_of(((uint64_t)pid << 32) ^ exe_ino) % MAPS_SLOTS];
	same = m->r && m->pid == pid && m->exe_ino == exe_ino;
	hit = same ? maps_find(m, addr) : NULL;
	now = now_ns();
	buf[0] = '\0';
	c->maps_lookups++;
	/* A fresh table answers; a stale one or a miss rereads the file, within the budget. */
	if (same && now - m->read_ns < (hit ? MAPS_TTL_NS : MAPS_MISS_TTL_NS))
		goto answer;
	if (!maps_budget_ok(c, now)) {
		c->maps_over_budget++;
		goto answer; /* what the table said last, or "" */
	}
	if (!m->r) {
		m->r = malloc(MAPS_MAX_RANGES * sizeof(*m->r));
		m->names = malloc(MAPS_NAMES_MAX);
		if (!m->r || !m->names) {
			free(m->r);
			free(m->names);
			m->r = NULL;
			m->names = NULL;
			return buf;
		}
	}
	t0 = now_ns();
	c->maps_reads++;
	m->pid = pid;
	m->exe_ino = exe_ino;
	m->read_ns = t0;
	if (maps_load(m, pid) != 0)
		m->n = 0; /* gone: nothing to name, and a pid coming back rereads after the TTL */
	c->budget_used += now_ns() - t0;
	same = 1;
	hit = maps_find(m, addr);
answer:
	if (same && hit)
		snprintf(buf, len, "%s", range_name(m, hit->name));
	return buf;
}

void proc_maps_stats(const struct proc_cache *c, uint64_t *lookups, uint64_t *reads,
		     uint64_t *over_budget)
{
	*lookups = c->maps_lookups;
	*reads = c->maps_reads;
	*over_budget = c->maps_over_budget;
}
