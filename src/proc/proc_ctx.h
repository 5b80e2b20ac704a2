/* Process context the kernel side cannot give cheaply: executable path and container id. */
#ifndef SIGSCOPE_PROC_CTX_H
#define SIGSCOPE_PROC_CTX_H

#include <stddef.h>
#include <stdint.h>

struct proc_cache;

struct proc_cache *proc_cache_new(void);
void proc_cache_free(struct proc_cache *c);

/* readlink(/proc/PID/exe), cached by (pid, exe inode) so an exec refreshes it; "" when the
 * process is gone. The pointer stays valid until the next call. */
const char *proc_exe_path(struct proc_cache *c, uint32_t pid, uint64_t exe_ino);

/* Where proc_exe_path() looks when /proc/PID/exe is gone (the process exited): fn returns a path
 * or NULL. sigscope passes the path the kernel side saw at exec. */
void proc_cache_set_exe_fallback(struct proc_cache *c,
				 const char *(*fn)(void *arg, uint32_t pid, char *buf, size_t len),
				 void *arg);

/* Container id (64 hex chars: docker, containerd, cri-o, podman) found in /proc/PID/cgroup,
 * cached by cgroup id; "" when the process is not in a container or is gone. */
const char *proc_container_id(struct proc_cache *c, uint32_t pid, uint64_t cgroup_id);

/* The /proc/PID/maps name of the mapping that contains addr, written into buf (len bytes, cut to
 * fit): a path (" (deleted)" kept), "[heap]", "[stack]", "[vdso]", ..., or "[anon]" for a nameless
 * mapping; "" when no mapping contains addr, the process is gone, or the per-second budget of
 * maps reading is spent. Returns buf ("" when len is 0). Cached per (pid, exe inode): a table
 * answers for a second (100 ms for an address it lacks); tables and reading time are bounded. */
const char *proc_mapping_name(struct proc_cache *c, uint32_t pid, uint64_t exe_ino, uint64_t addr,
			      char *buf, size_t len);

/* One mapping as /proc/PID/maps gave it (neighbours of the same name merged). */
struct proc_mapping {
	uint64_t start, end;
	uint64_t first_end; /* [start, first_end) is one mapping: its /proc/PID/map_files name */
	uint64_t pgoff;	    /* file offset at start */
	uint64_t ino;
	unsigned int dev_major, dev_minor;
	int anon;  /* no name ("[anon]") */
	int mixed; /* merged with same-named neighbours at offsets that do not follow: an address's
		    * file offset is unknown */
	int snapshot; /* from the last table read before the process exited or exec'd */
};

/*
 * The mapping of pid that holds addr, from the same cache and budget as proc_mapping_name(); its
 * name goes into name (len bytes, cut to fit). Returns 0 (found; out->snapshot says whether from
 * the live process or its last table), 1 (the process's maps were read within 100 ms, whole, and
 * no mapping holds addr) or -1 (unknown: the process is gone with no table of it, the reading
 * budget is spent, the table was cut short, no cache).
 */
int proc_mapping_lookup(struct proc_cache *c, uint32_t pid, uint64_t exe_ino, uint64_t addr,
			struct proc_mapping *out, char *name, size_t len);

/*
 * Reads pid's maps now, unless a table of this address space is younger than a second, from a
 * budget of its own (50 ms per second, within the 100 ms): called at a signal delivery, so that
 * a process that exits or execs right after its sigreturn (an attack that worked, a process
 * killed by --enforce) still has a table its findings can be explained from (for 5 s).
 */
void proc_maps_prefetch(struct proc_cache *c, uint32_t pid, uint64_t exe_ino);

/* The clock the TTLs and the reading budget are measured on (CLOCK_MONOTONIC by default). Unit
 * tests pass one that stands still, so that what they check does not depend on how fast a loaded
 * machine runs them. */
void proc_cache_set_clock(struct proc_cache *c, uint64_t (*clock)(void));

/* Mapping-name lookups, maps files read, and lookups answered from a stale table (or "")
 * because the reading budget was spent. */
void proc_maps_stats(const struct proc_cache *c, uint64_t *lookups, uint64_t *reads,
		     uint64_t *over_budget);

/* Parses one cgroup path and writes the container id it names into out (65 bytes); returns 1 when
 * found. Exposed for unit tests. */
int proc_container_id_from_cgroup_path(const char *path, char *out);

#endif
