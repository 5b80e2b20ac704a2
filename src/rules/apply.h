/* Applying a policy to the kernel side: what goes to rodata before load, and to the map after. */
#ifndef SIGSCOPE_RULES_APPLY_H
#define SIGSCOPE_RULES_APPLY_H

#include <stddef.h>
#include <stdint.h>

#include "policy.h"

/* Findings allowed everywhere (entries without an executable): the rodata findings_allowed. */
uint32_t policy_allowed_everywhere(const struct sigscope_policy *p);

/*
 * Per-executable allowances into the allowed_exes map (fd map_fd), keyed by the file's device
 * and inode (struct sigscope_exe_key). A named program missing on this host is said (unless
 * quiet) and skipped. Returns 0, or -1 with a one-line message in err.
 */
int policy_load_allowed(const struct sigscope_policy *p, int map_fd, int quiet, char *err,
			size_t errlen);

struct sigscope_exe_key;
/* The map key of the program at path (its device, inode and mtime, as the kernel side builds it),
 * and in *fd an O_PATH descriptor of it for policy_hold(). Returns 0, or -1 when it is missing on
 * this host, said on stderr unless quiet (a fleet-wide policy names programs some hosts lack). */
int policy_exe_key(const char *path, struct sigscope_exe_key *key, int quiet, int *fd);

/* Hold these descriptors (policy_exe_key's) as the allowed executables', closing those held
 * before: while a file is open, no new file can take its inode number and its allowance. */
void policy_hold(const int *fds, int n);

#endif
