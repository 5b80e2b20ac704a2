/* Process context: container ids from cgroup paths, the cached /proc/PID/exe lookup, and the
 * names of mappings in /proc/PID/maps. */
#include <fcntl.h>
#include <gnu/libc-version.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "proc/proc_ctx.h"

#define ID  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ID2 "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
/* Above the kernel's PID_MAX_LIMIT (4M): never a live process. */
#define NO_PID 99999999u

static const struct {
	const char *path;
	const char *want; /* NULL: no container */
} cgroup_cases[] = {
    {"/system.slice/docker-" ID ".scope", ID},
    {"/docker/" ID, ID},
    {"/kubepods/besteffort/pod0b5c7f0e-2d7f-4e4b-9f0a-1c2d3e4f5a6b/" ID, ID},
    {"/kubepods.slice/kubepods-burstable.slice/"
     "kubepods-burstable-pod0b5c7f0e_2d7f_4e4b_9f0a_1c2d3e4f5a6b.slice/cri-containerd-" ID ".scope",
     ID},
    {"/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1.slice/crio-" ID ".scope",
     ID},
    {"/machine.slice/libpod-" ID ".scope", ID},
    {"/machine.slice/libpod-" ID ".scope/container", ID},
    {"/docker/" ID "/docker/" ID2, ID2}, /* nested: the innermost container */
    {"//docker//" ID "/", ID},
    {"/user.slice/user-0.slice/session-1.scope", NULL},
    {"/user.slice/user-1000.slice/user@1000.service/app.slice/app-foo.scope", NULL},
    {"/system.slice/containerd.service", NULL},
    {"/", NULL},
    {"", NULL},
    {"/machine.slice/libpod-conmon-" ID ".scope", NULL},
    {"/docker/" ID "0", NULL},							       /* 65 hex */
    {"/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", NULL}, /* 63 */
    {"/docker/0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", NULL},
    {"/docker/0123456789abcdeg0123456789abcdef0123456789abcdef0123456789abcdef", NULL},
    {"/system.slice/docker-" ID ".scopes", NULL},
    {"/system.slice/podman-" ID ".scope", NULL},
};

TEST(proc_container_id_paths)
{
	for (size_t i = 0; i < sizeof(cgroup_cases) / sizeof(cgroup_cases[0]); i++) {
		char out[65] = "untouched";
		int found = proc_container_id_from_cgroup_path(cgroup_cases[i].path, out);

		if (found != (cgroup_cases[i].want != NULL))
			fprintf(stderr, "  path %s\n", cgroup_cases[i].path);
		CHECK(found == (cgroup_cases[i].want != NULL));
		if (found)
			CHECK_STR(out, cgroup_cases[i].want);
	}
}

TEST(proc_exe_path_self)
{
	struct proc_cache *c = proc_cache_new();
	char want[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", want, sizeof(want) - 1);

	CHECK(c && n > 0);
	want[n] = '\0';
	CHECK_STR(proc_exe_path(c, (uint32_t)getpid(), 1), want);
	CHECK_STR(proc_exe_path(c, (uint32_t)getpid(), 1), want);
	/* Every slot taken and then replaced: answers stay right and nothing leaks. */
	for (uint64_t ino = 0; ino < 3000; ino++)
		CHECK_STR(proc_exe_path(c, (uint32_t)getpid(), ino), want);
	CHECK_STR(proc_exe_path(c, NO_PID, 1), "");
	proc_cache_free(c);
}

static int is_id_or_empty(const char *s)
{
	size_t n = strlen(s);

	if (n != 0 && n != 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

TEST(proc_container_id_self)
{
	struct proc_cache *c = proc_cache_new();
	char first[65];

	CHECK(c);
	/* Wherever the tests run (host or container), the answer is stable and well formed. */
	snprintf(first, sizeof(first), "%s", proc_container_id(c, (uint32_t)getpid(), 7));
	CHECK(is_id_or_empty(first));
	CHECK_STR(proc_container_id(c, (uint32_t)getpid(), 7), first);
	CHECK_STR(proc_container_id(c, (uint32_t)getpid(), 0), first);
	/* A gone process is answered "" and not cached under its cgroup id. */
	CHECK_STR(proc_container_id(c, NO_PID, 8), "");
	CHECK_STR(proc_container_id(c, (uint32_t)getpid(), 8), first);
	/* Cached by cgroup id: a later process in that cgroup is not read again. */
	CHECK_STR(proc_container_id(c, NO_PID, 7), first);
	proc_cache_free(c);
}

/* The name of the mapping that holds addr in this process. */
static const char *self_map(struct proc_cache *c, const volatile void *addr, char *buf, size_t len)
{
	return proc_mapping_name(c, (uint32_t)getpid(), 0, (uint64_t)(uintptr_t)addr, buf, len);
}

TEST(proc_mapping_name_self)
{
	struct proc_cache *c = proc_cache_new();
	long page = sysconf(_SC_PAGESIZE);
	char buf[PATH_MAX + 32], small[4];
	char *heap = malloc(64);
	char *anon =
	    mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const char *name;

	CHECK(c && heap && anon != MAP_FAILED);
	/* The frame address: ASan may move address-taken locals to a fake stack, not this. */
	CHECK_STR(self_map(c, __builtin_frame_address(0), buf, sizeof(buf)), "[stack]");
	/* glibc's malloc serves small blocks from [heap]; ASan's allocator from anonymous maps. */
	name = self_map(c, heap, buf, sizeof(buf));
	CHECK(strcmp(name, "[heap]") == 0 || strcmp(name, "[anon]") == 0);
	CHECK_STR(self_map(c, anon, buf, sizeof(buf)), "[anon]");
	CHECK_STR(self_map(c, anon + page - 1, buf, sizeof(buf)), "[anon]");
	/* A libc function (not one ASan intercepts): the path of libc. */
	name = self_map(c, (const void *)(uintptr_t)gnu_get_libc_version, buf, sizeof(buf));
	CHECK(name[0] == '/' && strstr(name, "libc"));
	CHECK_STR(self_map(c, (const void *)getauxval(AT_SYSINFO_EHDR), buf, sizeof(buf)),
		  "[vdso]");
	/* Unmapped: below mmap_min_addr, and a page just given back. */
	CHECK_STR(self_map(c, (const void *)0x1000, buf, sizeof(buf)), "");
	CHECK(munmap(anon, (size_t)page) == 0);
	/* The cached table answers for up to a second; a fresh read sees the page gone. */
	CHECK_STR(self_map(NULL, anon, buf, sizeof(buf)), "");
	/* Cut to fit; nothing written without room; a gone process. */
	CHECK_STR(self_map(c, __builtin_frame_address(0), small, sizeof(small)), "[st");
	CHECK_STR(proc_mapping_name(c, (uint32_t)getpid(), 0, (uintptr_t)heap, small, 0), "");
	CHECK_STR(proc_mapping_name(c, NO_PID, 0, (uintptr_t)heap, buf, sizeof(buf)), "");
	free(heap);
	proc_cache_free(c);
}

TEST(proc_mapping_name_path_with_spaces)
{
	char path[] = "/tmp/sigscope map test XXXXXX", want[PATH_MAX + 16], buf[PATH_MAX + 32];
	long page = sysconf(_SC_PAGESIZE);
	int fd = mkstemp(path);
	char *map;

	CHECK(fd >= 0);
	CHECK(ftruncate(fd, page) == 0);
	map = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	CHECK(map != MAP_FAILED);
	CHECK(realpath(path, want));
	CHECK_STR(self_map(NULL, map, buf, sizeof(buf)), want);
	/* The kernel marks a mapped file that is gone; the name says so. */
	CHECK(unlink(path) == 0);
	strcat(want, " (deleted)");
	CHECK_STR(self_map(NULL, map + 1, buf, sizeof(buf)), want);
	munmap(map, (size_t)page);
}

/* Thousands of mappings: the maps file is streamed, and the last one is still found. */
TEST(proc_mapping_name_many_mappings)
{
	enum { PAGES = 12000 };
	long page = sysconf(_SC_PAGESIZE);
	size_t size = (size_t)page * PAGES;
	char *base = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char buf[64];

	CHECK(base != MAP_FAILED);
	/* Alternate protections so that no two neighbours merge into one VMA. */
	for (size_t i = 0; i < PAGES; i += 2)
		CHECK(mprotect(base + i * (size_t)page, (size_t)page, PROT_NONE) == 0);
	CHECK_STR(self_map(NULL, base + size - 1, buf, sizeof(buf)), "[anon]");
	CHECK_STR(self_map(NULL, base, buf, sizeof(buf)), "[anon]");
	CHECK(self_map(NULL, base + size / 2, buf, sizeof(buf)) == buf);
	munmap(base, size);
}

static uint64_t clock_standing_still(void)
{
	return 5000000000ull;
}

/* A flood of lookups in a process with thousands of mappings reads its maps file once, and the
 * merged table stays small (equal anonymous neighbours are one range). The clock stands still:
 * under sanitizers on a loaded machine the flood can outlast the table's one-second TTL. */
TEST(proc_mapping_name_cached_and_bounded)
{
	enum { PAGES = 20000 };
	long page = sysconf(_SC_PAGESIZE);
	size_t size = (size_t)page * PAGES;
	char *base = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct proc_cache *c = proc_cache_new();
	uint64_t lookups, reads, over;
	struct stat exe;
	char buf[64];

	CHECK(c && base != MAP_FAILED);
	proc_cache_set_clock(c, clock_standing_still);
	for (size_t i = 0; i < PAGES; i += 2)
		CHECK(mprotect(base + i * (size_t)page, (size_t)page, PROT_NONE) == 0);
	for (int i = 0; i < 5000; i++)
		CHECK_STR(self_map(c, base + (size_t)(i % PAGES) * (size_t)page, buf, sizeof(buf)),
			  "[anon]");
	proc_maps_stats(c, &lookups, &reads, &over);
	CHECK(lookups == 5000 && reads == 1 && over == 0);
	/* Another identity (exe inode) of the same pid is another table. */
	CHECK(stat("/proc/self/exe", &exe) == 0);
	CHECK_STR(
	    proc_mapping_name(c, (uint32_t)getpid(), exe.st_ino, (uintptr_t)base, buf, sizeof(buf)),
	    "[anon]");
	proc_maps_stats(c, &lookups, &reads, &over);
	CHECK(reads == 2);
	/* An identity the process no longer has (it exec'd another program): no table is read
	 * for it, nothing is named. */
	CHECK_STR(proc_mapping_name(c, (uint32_t)getpid(), exe.st_ino + 1, (uintptr_t)base, buf,
				    sizeof(buf)),
		  "");
	munmap(base, size);
	proc_cache_free(c);
}

static const char *fallback_path(void *arg, uint32_t pid, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%u", (const char *)arg, pid);
	return buf;
}

TEST(proc_exe_path_falls_back_when_the_process_is_gone)
{
	struct proc_cache *c = proc_cache_new();

	CHECK(c);
	CHECK_STR(proc_exe_path(c, 0x7ffffff0, 1), "");
	proc_cache_set_exe_fallback(c, fallback_path, "/exec");
	CHECK_STR(proc_exe_path(c, 0x7ffffff0, 1), "/exec/2147483632");
	proc_cache_free(c);
}
