/*
 * Runtime profiles (README "Threat model", src/shared/judge.h): which modules' signal handlers
 * legitimately move a restored context, and where to. User space reads the modules and fills the
 * kernel side's maps module_profiles (by device and inode) and inject_targets (function entries by
 * file offset); the kernel side judges with them and nothing else.
 *  - JIT runtimes (HotSpot's libjvm.so, Node's V8, Mono): their handlers send rip into the
 *    process's JIT code. Found at start-up by their installed paths (profile_jit_globs).
 *  - Go programs: the runtime injects calls to runtime.asyncPreempt and runtime.sigpanic. Every
 *    executable is read when a process first runs it (the kernel asks through the ring
 *    module_requests) and at start-up for the processes already running.
 */
#ifndef SIGSCOPE_RULES_PROFILES_H
#define SIGSCOPE_RULES_PROFILES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* The installed modules whose handlers redirect into JIT code, as glob(3) patterns. */
extern const char *const profile_jit_globs[];

/* A profiled module's file, held open for as long as sigscope runs (profiles.c hold_module). */
struct held_module {
	uint64_t ino;
	uint32_t dev;
	int fd;
	uint32_t mtime;	    /* the content the bits below were given for */
	uint32_t glob_bits; /* what load_globs gave it (profiles.c), so a rescan skips it */
};

/* stat()'s device of a file and its file system's (profiles.c superblock_dev). */
struct dev_pair {
	dev_t st, sb;
};

struct profile_maps {
	int profiles_fd;	  /* module_profiles */
	int targets_fd;		  /* inject_targets */
	int read_at_fd;		  /* module_read_at */
	struct held_module *held; /* every module with a profile, its file open */
	size_t nheld, held_cap;
	int rescan_wanted; /* an exec asked: look at the installed runtimes again (profiles_idle) */
	uint64_t modules_read;
	uint64_t go_modules;
	uint64_t
	    failed; /* a module that could not be read: its profile stays unknown (fails closed) */
	uint64_t pruned;	/* modules dropped by profiles_prune: no process mapped them */
	uint64_t map_full;	/* entries a full map refused */
	uint64_t map_full_seen; /* map_full at the last prune */
	size_t prune_at;    /* held modules at which profiles_idle prunes (0: 3/4 of the maps) */
	uint64_t pruned_ns; /* CLOCK_MONOTONIC of the last prune */
	struct dev_pair devs[32]; /* superblock_dev's cache */
	unsigned int ndevs;
	long loader_wait_sec; /* read_loaded_program's waits: the second they were counted in */
	unsigned int loader_waits; /* and how many of 1 ms */
};

/* The kernel's encoding (major << 20 | minor) of the device of the file system the file open on
 * fd is in, as the kernel side keys files (inode->i_sb->s_dev: not btrfs's per-subvolume stat
 * device). m caches it (NULL: none). */
uint32_t profiles_kernel_dev(struct profile_maps *m, int fd, dev_t st_dev);

/* Between two turns of the event loop, when no request waits: the installed runtimes again if an
 * exec asked since the last time; past prune_at held modules, the ones no process maps go. */
void profiles_idle(struct profile_maps *m);

/* Closes the held modules (at exit). */
void profiles_release(struct profile_maps *m);

/* Start-up: the JIT modules installed here, and the executables of the running processes. */
void profiles_load_startup(struct profile_maps *m);

/* The file at path, if it is a regular ELF file: read unless it has a profile already (the
 * command's executable, before it runs). */
void profiles_read_path(struct profile_maps *m, const char *path);

/* The ring callback for a struct sigscope_module_request: opens /proc/TGID/exe, checks it is the
 * file the kernel named, and reads it. ctx: the struct profile_maps. */
int profiles_on_request(void *ctx, void *data, size_t len);

#endif
