/* Applying a policy to the kernel side (apply.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <bpf/bpf.h>

#include "apply.h"

/* Findings allowed everywhere go to rodata (before load); per executable, to a map (after). */
uint32_t policy_allowed_everywhere(const struct sigscope_policy *p)
{
	uint32_t mask = 0;

	for (int i = 0; p && i < p->nallow; i++) {
		if (!p->allow[i].executable[0])
			mask |= p->allow[i].findings;
	}
	return mask;
}

int policy_exe_key(const char *path, struct sigscope_exe_key *key, int quiet)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (!quiet)
			fprintf(stderr, "sigscope: policy: '%s': %s (entry ignored)\n", path,
				strerror(errno));
		return -1;
	}
	memset(key, 0, sizeof(*key));
	key->ino = st.st_ino;
	key->dev = (major(st.st_dev) << 20) | minor(st.st_dev);
	return 0;
}

int policy_load_allowed(const struct sigscope_policy *p, int map_fd, int quiet, char *err,
			size_t errlen)
{
	for (int i = 0; p && i < p->nallow; i++) {
		struct sigscope_exe_key key;
		uint32_t findings = p->allow[i].findings, old;

		if (!p->allow[i].executable[0] ||
		    policy_exe_key(p->allow[i].executable, &key, quiet))
			continue;
		if (bpf_map_lookup_elem(map_fd, &key, &old) == 0)
			findings |= old;
		if (bpf_map_update_elem(map_fd, &key, &findings, BPF_ANY) != 0) {
			snprintf(err, errlen, "policy: cannot allow '%s': %s",
				 p->allow[i].executable, strerror(errno));
			return -1;
		}
	}
	return 0;
}
