/*
 * Runs a tracer as its child and measures it exactly, for bench/run.sh.
 * Usage: tracewrap [-p] STATFILE COMMAND [ARGS...]
 *
 * COMMAND runs with SIGINT and SIGTERM at their default actions (bash starts background jobs
 * with them ignored); a SIGINT or SIGTERM sent to tracewrap is forwarded to it. When COMMAND
 * ends, one line goes to STATFILE:
 *   status=S utime_us=U stime_us=S maxrss_kb=M hwm_kb=H mark_cpu_us=C children_us=R
 * status is COMMAND's exit status, or 128+N when signal N ended it. utime_us, stime_us and
 * maxrss_kb are wait4's rusage of COMMAND: every thread of it, to its very end, plus the
 * descendants it reaped (strace's and perf's traced command). hwm_kb is COMMAND's own VmHWM
 * from /proc/PID/status as last read: when a stop signal is forwarded and, with -p, every
 * 10 ms (for tracers that end by themselves, whose rusage includes their command).
 * mark_cpu_us is COMMAND's own CPU time (the sum of its live threads' schedstat run time, in
 * ns in the kernel) at the "attached" mark, -1 if none came: the mark is a SIGUSR1 sent to
 * tracewrap (by a script that saw the tracer attach) or, with -p, the first 10 ms poll that
 * finds a child of COMMAND that has exec'd (its comm differs from COMMAND's): the traced
 * command of a tracer that runs one. The tracer's CPU while tracing is the rest.
 * children_us is the CPU of the descendants COMMAND reaped (cutime+cstime of its zombie, in
 * clock ticks, so to 10 ms), -1 if unknown: 0 says its rusage is its own alone (perf trace does
 * not reap its command; strace does).
 * tracewrap exits with COMMAND's status, or 125 when it cannot run it.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static unsigned long long hwm_kb;

/* Raises hwm_kb to the child's VmHWM, if it can still be read. */
static void read_hwm(pid_t pid)
{
	char path[64], line[256];
	unsigned long long kb;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %llu kB", &kb) == 1) {
			if (kb > hwm_kb)
				hwm_kb = kb;
			break;
		}
	fclose(f);
}

/* The CPU time of pid's live threads in ns, from schedstat (exact, unlike stat's ticks). */
static long long child_cpu_ns(pid_t pid)
{
	char path[64];
	long long total = 0;
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		char file[sizeof(path) + 256 + 16];
		long long ns;
		FILE *f;

		if (d->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s/%s/schedstat", path, d->d_name);
		f = fopen(file, "r");
		if (!f)
			continue; /* the thread just ended */
		if (fscanf(f, "%lld", &ns) == 1)
			total += ns;
		fclose(f);
	}
	closedir(dir);
	return total;
}

/* One line of a small /proc file into buf, without its newline; "" when unreadable. */
static void read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (!f)
		return;
	if (!fgets(buf, (int)size, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

/* Whether a child of pid's main thread has exec'd something else (its comm differs). */
static int child_execd(pid_t pid)
{
	char path[96], kids[4096], comm[64], kid_comm[64], *p = kids, *end;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)pid, (int)pid);
	read_line(path, kids, sizeof(kids));
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	read_line(path, comm, sizeof(comm));
	for (;;) {
		long kid = strtol(p, &end, 10);

		if (end == p)
			return 0;
		p = end;
		snprintf(path, sizeof(path), "/proc/%ld/comm", kid);
		read_line(path, kid_comm, sizeof(kid_comm));
		if (kid_comm[0] && strcmp(kid_comm, comm) != 0)
			return 1;
	}
}

/* The CPU time of the descendants a zombie reaped, in us (from clock ticks), or -1. */
static long long reaped_children_us(pid_t pid)
{
	char path[64], buf[2048], *p;
	unsigned long long cutime, cstime;
	long tick = sysconf(_SC_CLK_TCK);
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* comm may hold anything, ')' too: the fields start after the last ')'. Then field 3
	 * (state) is the first; cutime and cstime are fields 16 and 17. */
	p = strrchr(buf, ')');
	if (!p || tick <= 0 ||
	    sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %llu %llu", &cutime,
		   &cstime) != 2)
		return -1;
	return (long long)((cutime + cstime) * 1000000ull / (unsigned long long)tick);
}

static unsigned long long tv_us(struct timeval tv)
{
	return (unsigned long long)tv.tv_sec * 1000000ull + (unsigned long long)tv.tv_usec;
}

int main(int argc, char **argv)
{
	/* Without -p, a check every second all the same: an exit never waits on SIGCHLD alone. */
	const struct timespec poll_interval = {.tv_nsec = 10 * 1000 * 1000}, idle = {.tv_sec = 1};
	int poll = 0, argi = 1, status, ret;
	long long mark_ns = -1, children_us = -1;
	sigset_t waited, old;
	struct rusage ru;
	const char *stat_path;
	pid_t child;
	FILE *f;

	if (argc > 1 && strcmp(argv[1], "-p") == 0) {
		poll = 1;
		argi++;
	}
	if (argc - argi < 2) {
		fprintf(stderr, "usage: tracewrap [-p] STATFILE COMMAND [ARGS...]\n");
		return 125;
	}
	stat_path = argv[argi++];

	/* Blocked before the fork, so no stop request or exit can slip past sigtimedwait. */
	sigemptyset(&waited);
	sigaddset(&waited, SIGINT);
	sigaddset(&waited, SIGTERM);
	sigaddset(&waited, SIGCHLD);
	sigaddset(&waited, SIGUSR1);
	sigprocmask(SIG_BLOCK, &waited, &old);
	child = fork();
	if (child < 0) {
		perror("tracewrap: fork");
		return 125;
	}
	if (child == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		execvp(argv[argi], &argv[argi]);
		fprintf(stderr, "tracewrap: cannot run '%s': %s\n", argv[argi], strerror(errno));
		_exit(125);
	}

	for (;;) {
		siginfo_t si;
		pid_t r;
		int sig = sigtimedwait(&waited, &si, poll ? &poll_interval : &idle);

		if (sig == SIGINT || sig == SIGTERM) {
			/* Its peak until now, before the stop request may make it exit at once. */
			read_hwm(child);
			kill(child, sig);
			continue;
		}
		if (sig == SIGUSR1) {
			mark_ns = child_cpu_ns(child);
			continue;
		}
		if (sig < 0 && errno != EAGAIN && errno != EINTR) {
			perror("tracewrap: sigtimedwait");
			kill(child, SIGKILL);
		}
		if (poll) {
			read_hwm(child);
			if (mark_ns < 0 && child_execd(child))
				mark_ns = child_cpu_ns(child);
		}
		/* Ended? Then read its zombie's stat before reaping it. */
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)child, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
		    si.si_pid == child)
			children_us = reaped_children_us(child);
		r = wait4(child, &status, WNOHANG, &ru);
		if (r == child)
			break;
		if (r < 0) {
			perror("tracewrap: wait4");
			return 125;
		}
	}

	ret = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	f = fopen(stat_path, "w");
	if (!f ||
	    fprintf(f,
		    "status=%d utime_us=%llu stime_us=%llu maxrss_kb=%ld hwm_kb=%llu "
		    "mark_cpu_us=%lld children_us=%lld\n",
		    ret, tv_us(ru.ru_utime), tv_us(ru.ru_stime), ru.ru_maxrss, hwm_kb,
		    mark_ns < 0 ? -1 : mark_ns / 1000, children_us) < 0 ||
	    fclose(f)) {
		fprintf(stderr, "tracewrap: cannot write '%s': %s\n", stat_path, strerror(errno));
		return 125;
	}
	return ret;
}
