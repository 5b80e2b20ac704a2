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
#define MAPS_SLOTS	 32 /* address spaces kept: each holds its own ranges and names, sized to fit */
#define MAPS_MAX_RANGES	 16384	       /* per process, after merging equal neighbours */
#define MAPS_NAMES_MAX	 (256u << 10)  /* bytes of names per process */
#define MAPS_MAX_LINES	 65536	       /* lines read from one maps file at most */
#define MAPS_TTL_NS	 1000000000ull /* a table answers for a second */
#define MAPS_MISS_TTL_NS 100000000ull  /* an address it lacks rereads after 100 ms */
#define MAPS_BUDGET_NS	 100000000ull  /* at most 100 ms of maps reading per second */
#define MAPS_PREFETCH_NS 50000000ull   /* of which prefetches (signal deliveries) spend 50 ms */
#define MAPS_SNAPSHOT_NS 5000000000ull /* a gone process's last table answers for 5 s */
#define MAPS_ANON	 UINT32_MAX - 1u

struct maps_range {
	uint64_t start, end;
	uint64_t first_end; /* end of the first mapping merged into this range (map_files name) */
	uint64_t pgoff;	    /* file offset of start */
	uint64_t ino;
	uint32_t dev;	/* major << 20 | minor, as the kernel's new_encode_dev() spells it */
	uint32_t name;	/* offset in names, or MAPS_ANON */
	uint32_t mixed; /* file neighbours of the same name merged whose offsets do not follow */
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
	int complete; /* every line of the maps file is in the table */
	int gone;     /* the process has exited or exec'd since: the table is its last snapshot */
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
	struct maps_slot scratch; /* a maps file is read here, then copied to its slot, sized */
	uint64_t budget_start, budget_used, prefetch_used;
	uint64_t maps_lookups, maps_reads, maps_over_budget;
	uint64_t (*clock)(void); /* NULL: CLOCK_MONOTONIC */
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
	free(c->scratch.r);
	free(c->scratch.names);
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
static int maps_line(const char *line, struct maps_range *r, const char **name)
{
	unsigned long long s, e, pgoff, ino;
	unsigned int maj, min;
	int off = 0;

	if (sscanf(line, "%llx-%llx %*s %llx %x:%x %llu %n", &s, &e, &pgoff, &maj, &min, &ino,
		   &off) < 6 ||
	    off == 0)
		return -1;
	r->start = s;
	r->end = e;
	r->first_end = e;
	r->pgoff = pgoff;
	r->ino = ino;
	r->dev = (maj << 20) | (min & 0xfffffu);
	*name = line + off;
	return 0;
}

static uint64_t monotonic_clock_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

void proc_cache_set_clock(struct proc_cache *c, uint64_t (*clock)(void))
{
	c->clock = clock;
}

static uint64_t cache_now(const struct proc_cache *c)
{
	return c->clock ? c->clock() : monotonic_clock_ns();
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
/* Some file range of the table has inode ino. */
static int maps_has_inode(const struct maps_slot *m, uint64_t ino)
{
	for (uint32_t i = 0; i < m->n; i++)
		if (m->r[i].name != MAPS_ANON && m->r[i].ino == ino)
			return 1;
	return 0;
}

static int maps_load(struct maps_slot *m, uint32_t pid, uint64_t exe_ino)
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
	m->complete = 0;
	/* Streamed a line at a time, and never more than MAPS_MAX_LINES: a bounded cost. */
	for (;;) {
		struct maps_range r, *prev = m->n ? &m->r[m->n - 1] : NULL;
		const char *name;

		if (lines++ >= MAPS_MAX_LINES)
			break;
		if (getline(&line, &cap, f) <= 0) {
			m->complete = !ferror(f);
			break;
		}
		if (maps_line(line, &r, &name) != 0)
			continue;
		r.name = intern_name(m, name, strcspn(name, "\n"));
		if (r.name == UINT32_MAX)
			break;
		/* Neighbours of the same name merge: anonymous ones, and the same file at offsets
		 * that follow (a library's segments), so that an offset in the range stays an
		 * offset in the file. Once the table is half full (a flood of mappings), any
		 * same-named neighbours merge too, and the range is marked mixed: its file offsets
		 * are lost. */
		r.mixed = 0;
		if (prev && prev->end == r.start && prev->name == r.name) {
			int follows = r.name == MAPS_ANON ||
				      (prev->dev == r.dev && prev->ino == r.ino && !prev->mixed &&
				       prev->pgoff + (r.start - prev->start) == r.pgoff);

			if (follows || m->n >= MAPS_MAX_RANGES / 2) {
				prev->mixed |= !follows;
				prev->end = r.end;
				continue;
			}
		}
		if (m->n == MAPS_MAX_RANGES)
			break;
		m->r[m->n++] = r;
	}
	free(line);
	fclose(f);
	/* A zombie's maps are empty. A table of another program's address space (the process
	 * exec'd) would name the wrong mappings: the table must map the executable the event
	 * names. The maps file reads the address space it found at open, whole or not at all, so
	 * this one check is enough; it touches no file (a stat of /proc/PID/exe would ask the
	 * executable's file system, which may be a FUSE server the process runs). */
	if (m->n == 0 || (exe_ino && !maps_has_inode(m, exe_ino)))
		return -1;
	return 0;
}

/* Reads pid's maps into slot m (through the scratch tables, then sized to fit). When the process
 * is gone or exec'd, m keeps the table it had for this address space, marked gone. */
static void maps_read(struct proc_cache *c, struct maps_slot *m, uint32_t pid, uint64_t exe_ino,
		      uint64_t now)
{
	struct maps_slot *t = &c->scratch;
	int same = m->r && m->pid == pid && m->exe_ino == exe_ino;
	struct maps_range *r;
	char *names;

	c->maps_reads++;
	if (!t->r) {
		t->r = malloc(MAPS_MAX_RANGES * sizeof(*t->r));
		t->names = malloc(MAPS_NAMES_MAX);
		if (!t->r || !t->names) {
			free(t->r);
			free(t->names);
			t->r = NULL;
			t->names = NULL;
			return;
		}
	}
	if (maps_load(t, pid, exe_ino) != 0) {
		if (same) {
			m->gone = 1;
			return;
		}
		free(m->r);
		free(m->names);
		memset(m, 0, sizeof(*m));
		m->pid = pid;
		m->exe_ino = exe_ino;
		m->read_ns = now;
		m->r = malloc(sizeof(*m->r)); /* an empty table: "gone" is remembered for the TTL */
		m->gone = 1;
		return;
	}
	r = realloc(m->r, t->n * sizeof(*r));
	names = realloc(m->names, t->names_len ? t->names_len : 1);
	if (r)
		m->r = r;
	if (names)
		m->names = names;
	if (!r || !names) {
		free(m->r);
		free(m->names);
		memset(m, 0, sizeof(*m));
		return;
	}
	memcpy(m->r, t->r, t->n * sizeof(*r));
	memcpy(m->names, t->names, t->names_len);
	m->n = t->n;
	m->names_len = t->names_len;
	m->complete = t->complete;
	m->pid = pid;
	m->exe_ino = exe_ino;
	m->read_ns = now;
	m->gone = 0;
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
		c->prefetch_used = 0;
	}
	return c->budget_used < MAPS_BUDGET_NS;
}

/*
 * The range holding addr in pid's table, read or reread within the budget. Sets *status to 0 (the
 * range returned, from a table of the live process), 2 (the range returned, from the last table
 * read before the process exited or exec'd), 1 (the table is fresh and complete and no mapping
 * holds addr) or -1 (unknown: the process is gone with no table of it, the budget is spent with
 * no table, the table is incomplete).
 */
static const struct maps_range *maps_lookup(struct proc_cache *c, uint32_t pid, uint64_t exe_ino,
					    uint64_t addr, const struct maps_slot **slot,
					    int *status)
{
	struct maps_slot *m;
	const struct maps_range *hit;
	uint64_t now, t0;
	int same;

	*status = -1;
	m = &c->maps[slot_of(((uint64_t)pid << 32) ^ exe_ino) % MAPS_SLOTS];
	*slot = m;
	same = m->r && m->pid == pid && m->exe_ino == exe_ino;
	hit = same ? maps_find(m, addr) : NULL;
	now = cache_now(c);
	c->maps_lookups++;
	/* A fresh table answers; a stale one or a miss rereads the file, within the budget. A gone
	 * process is not read again. */
	if (same && ((m->gone && now - m->read_ns < MAPS_SNAPSHOT_NS) ||
		     (!m->gone && now - m->read_ns < (hit ? MAPS_TTL_NS : MAPS_MISS_TTL_NS))))
		goto answer;
	if (!maps_budget_ok(c, now)) {
		c->maps_over_budget++;
		goto answer; /* what the table said last, or nothing */
	}
	t0 = cache_now(c);
	maps_read(c, m, pid, exe_ino, t0);
	c->budget_used += cache_now(c) - t0;
	same = m->r && m->pid == pid && m->exe_ino == exe_ino;
	hit = same ? maps_find(m, addr) : NULL;
answer:
	if (!same)
		return NULL;
	if (m->gone) {
		if (hit && now - m->read_ns < MAPS_SNAPSHOT_NS)
			*status = 2;
		return *status == 2 ? hit : NULL;
	}
	if (hit)
		*status = 0;
	else if (m->complete && now - m->read_ns < MAPS_MISS_TTL_NS)
		*status = 1;
	return hit;
}

void proc_maps_prefetch(struct proc_cache *c, uint32_t pid, uint64_t exe_ino)
{
	struct maps_slot *m;
	uint64_t now, t0;

	if (!c)
		return;
	m = &c->maps[slot_of(((uint64_t)pid << 32) ^ exe_ino) % MAPS_SLOTS];
	now = cache_now(c);
	if (m->r && m->pid == pid && m->exe_ino == exe_ino &&
	    (m->gone ? now - m->read_ns < MAPS_SNAPSHOT_NS : now - m->read_ns < MAPS_TTL_NS))
		return;
	if (!maps_budget_ok(c, now) || c->prefetch_used >= MAPS_PREFETCH_NS)
		return;
	t0 = cache_now(c);
	maps_read(c, m, pid, exe_ino, t0);
	t0 = cache_now(c) - t0;
	c->budget_used += t0;
	c->prefetch_used += t0;
}

const char *proc_mapping_name(struct proc_cache *c, uint32_t pid, uint64_t exe_ino, uint64_t addr,
			      char *buf, size_t len)
{
	const struct maps_slot *m;
	const struct maps_range *hit;
	int status;

	if (len == 0)
		return "";
	buf[0] = '\0';
	if (!c) { /* no cache: one uncached read */
		struct proc_cache *tmp = proc_cache_new();

		if (tmp) {
			proc_mapping_name(tmp, pid, exe_ino, addr, buf, len);
			proc_cache_free(tmp);
		}
		return buf;
	}
	hit = maps_lookup(c, pid, exe_ino, addr, &m, &status);
	if (hit)
		snprintf(buf, len, "%s", range_name(m, hit->name));
	return buf;
}

int proc_mapping_lookup(struct proc_cache *c, uint32_t pid, uint64_t exe_ino, uint64_t addr,
			struct proc_mapping *out, char *name, size_t len)
{
	const struct maps_slot *m;
	const struct maps_range *hit;
	int status;

	memset(out, 0, sizeof(*out));
	if (len)
		name[0] = '\0';
	if (!c)
		return -1;
	hit = maps_lookup(c, pid, exe_ino, addr, &m, &status);
	if (!hit)
		return status;
	out->start = hit->start;
	out->end = hit->end;
	out->first_end = hit->first_end;
	out->pgoff = hit->pgoff;
	out->ino = hit->ino;
	out->dev_major = hit->dev >> 20;
	out->dev_minor = hit->dev & 0xfffffu;
	out->anon = hit->name == MAPS_ANON;
	out->mixed = hit->mixed != 0;
	out->snapshot = status == 2;
	if (len)
		snprintf(name, len, "%s", range_name(m, hit->name));
	return 0;
}

void proc_maps_stats(const struct proc_cache *c, uint64_t *lookups, uint64_t *reads,
		     uint64_t *over_budget)
{
	*lookups = c->maps_lookups;
	*reads = c->maps_reads;
	*over_budget = c->maps_over_budget;
}
