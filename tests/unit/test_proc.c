/* Process context: container ids from cgroup paths, and the cached /proc/PID/exe lookup. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
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
