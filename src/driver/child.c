// SPDX-License-Identifier: GPL-2.0
/* The -- COMMAND process: forked at start-up, held before exec until every hook is attached. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver.h"

/*
 * -- COMMAND: fork now, but hold the child before exec until every hook is attached, so its first
 * instruction is traced. The child reports an exec failure through a close-on-exec pipe.
 */
static int start_child_held(char **argv, int *go_fd, int *err_fd)
{
	int go[2], errp[2];
	pid_t pid;

	if (pipe2(go, O_CLOEXEC) || pipe2(errp, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		char c;
		int e;

		child_pid = 0;
		close(go[1]);
		close(errp[0]);
		/* No parent-death signal: like strace, a tracer killed by SIGKILL leaves the
		 * command running. Before exec, the go pipe's EOF is enough: a dead tracer never
		 * says go. */
		if (read(go[0], &c, 1) != 1)
			_exit(127);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		sigprocmask(SIG_SETMASK, &child_mask, NULL); /* the mask sigscope started with */
		execvp(argv[0], argv);
		e = errno;
		if (write(errp[1], &e, sizeof(e)) != sizeof(e))
			_exit(127);
		_exit(127);
	}
	close(go[0]);
	close(errp[1]);
	*go_fd = go[1];
	*err_fd = errp[0];
	return pid;
}

void reap_child(struct run *r)
{
	int status;

	if (r->child <= 0 || r->child_done)
		return;
	if (waitpid(r->child, &status, WNOHANG) == r->child) {
		r->child_status = status;
		r->child_done = 1;
		child_pid = 0;
	}
}

/* The output failed while the command runs: ask it to stop, then make sure it does. */
void stop_child(struct run *r)
{
	uint64_t start = monotonic_ns();

	if (r->child <= 0 || r->child_done)
		return;
	kill(r->child, SIGTERM);
	while (!r->child_done && monotonic_ns() - start < 2000000000ull) {
		reap_child(r);
		usleep(20000);
	}
	if (!r->child_done) {
		kill(r->child, SIGKILL);
		while (waitpid(r->child, &r->child_status, 0) < 0 && errno == EINTR)
			;
		r->child_done = 1;
		child_pid = 0;
	}
}

int start_child(struct run *r)
{
	r->go_fd = r->err_fd = -1;
	if (!r->opts.command)
		return 0;
	r->child = start_child_held(r->opts.command, &r->go_fd, &r->err_fd);
	if (r->child < 0)
		return report_error("cannot start '%s': %s", r->opts.command[0], strerror(errno));
	return 0;
}

/* The file execvp will run for cmd: cmd itself when it names a path, else the first executable
 * cmd in $PATH (execvp's default path when it is unset). 0, or -1. */
static int command_path(const char *cmd, char *out, size_t len)
{
	const char *path = getenv("PATH"), *p, *end;

	if (strchr(cmd, '/'))
		return snprintf(out, len, "%s", cmd) < (int)len ? 0 : -1;
	for (p = path && *path ? path : "/bin:/usr/bin"; *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ':');
		if (snprintf(out, len, "%.*s%s%s", (int)(end - p), p, end > p ? "/" : "", cmd) <
			(int)len &&
		    access(out, X_OK) == 0)
			return 0;
	}
	return -1;
}

/* Every hook is attached: let the command exec. The error pipe closes on a successful exec, or
 * carries execvp's errno. Its executable is read for runtime profiles first: a Go program can
 * fault within a millisecond of its exec, before a read the exec asks for would be done (its
 * redirect then fails closed). */
int release_child(struct run *r)
{
	char path[4096];
	int e = 0;
	ssize_t k = -1;

	if (r->child <= 0)
		return 0;
	if (command_path(r->opts.command[0], path, sizeof(path)) == 0)
		profiles_read_path(&r->profiles, path);
	child_pid = r->child;
	if (write(r->go_fd, "g", 1) == 1)
		while ((k = read(r->err_fd, &e, sizeof(e))) < 0 && errno == EINTR)
			; /* SIGCHLD of a failed exec */
	if (k != 0) {
		child_pid = 0;
		report_error("cannot run '%s': %s", r->opts.command[0], strerror(e ? e : EPIPE));
		waitpid(r->child, NULL, 0);
		r->child = 0;
		return EXIT_USAGE;
	}
	return 0;
}

/* The run is over without the command: it does not outlive a failed start. */
void kill_child(struct run *r)
{
	if (r->child > 0 && !r->child_done) {
		child_pid = 0;
		kill(r->child, SIGKILL);
		waitpid(r->child, NULL, 0);
	}
	if (r->go_fd >= 0)
		close(r->go_fd);
	if (r->err_fd >= 0)
		close(r->err_fd);
	r->go_fd = r->err_fd = -1;
}
