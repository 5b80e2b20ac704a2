/* Applying a policy to the kernel side (apply.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "apply.h"
#include "profiles.h"

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

/*
 * The allowed executables, held open (O_PATH) while their allowances are in the map: an open
 * file's inode cannot be freed, so no file created later takes its inode number and with it the
 * allowance (red team round 23: an upgrade by rename freed it, and the next file created on that
 * file system got it). Replaced whole at each load and reload.
 */
static int held_fds[POLICY_MAX_ALLOW];
static int nheld;

void policy_hold(const int *fds, int n)
{
	for (int i = 0; i < nheld; i++)
		close(held_fds[i]);
	nheld = 0;
	for (int i = 0; i < n && i < POLICY_MAX_ALLOW; i++)
		held_fds[nheld++] = fds[i];
}

int policy_exe_key(const char *path, struct sigscope_exe_key *key, int quiet, int *fd_out)
{
	struct stat st;
	int fd = open(path, O_PATH | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0) {
		if (!quiet)
			fprintf(stderr, "sigscope: policy: '%s': %s (entry ignored)\n", path,
				strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	memset(key, 0, sizeof(*key));
	key->ino = st.st_ino;
	key->dev = profiles_kernel_dev(NULL, fd, st.st_dev); /* btrfs: not stat's */
	/* Rewritten in place, it is another program: the kernel side folds the inode's mtime in. */
	key->mtime = sigscope_time_fold((__u64)st.st_mtim.tv_sec, (__u32)st.st_mtim.tv_nsec);
	*fd_out = fd;
	return 0;
}

int policy_load_allowed(const struct sigscope_policy *p, int map_fd, int quiet, char *err,
			size_t errlen)
{
	int fds[POLICY_MAX_ALLOW], nfds = 0;

	for (int i = 0; p && i < p->nallow; i++) {
		struct sigscope_exe_key key;
		uint32_t findings = p->allow[i].findings, old;

		if (!p->allow[i].executable[0] ||
		    policy_exe_key(p->allow[i].executable, &key, quiet, &fds[nfds]))
			continue;
		nfds++;
		if (bpf_map_lookup_elem(map_fd, &key, &old) == 0)
			findings |= old;
		if (bpf_map_update_elem(map_fd, &key, &findings, BPF_ANY) != 0) {
			snprintf(err, errlen, "policy: cannot allow '%s': %s",
				 p->allow[i].executable, strerror(errno));
			policy_hold(fds, nfds);
			return -1;
		}
	}
	policy_hold(fds, nfds);
	return 0;
}
