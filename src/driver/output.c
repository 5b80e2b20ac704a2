// SPDX-License-Identifier: GPL-2.0
/*
 * The stream output: -w opened (and reopened for logrotate) safely, behind a stdio cookie that
 * counts every line that never reached it; the writer chosen; stdin, stdout and stderr held.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"
#include "../proc/proc_ctx.h"
#include "../proc/symbols.h"
#include "../util/report.h"

#define FIFO_WAIT_NS 5000000000ull /* -w FIFO: how long to wait for a reader */

static char out_buf[1 << 20]; /* the output FILE's buffer: one write(2) per MiB */

static size_t count_lines(const char *buf, size_t n)
{
	size_t lines = 0;

	for (const char *p = buf; (p = memchr(p, '\n', n - (size_t)(p - buf))); p++)
		lines++;
	return lines;
}

/* All of iov written, or the error or give-up that stopped it; returns the bytes written. */
static size_t sink_writev(struct out_sink *s, struct iovec *iov, int n)
{
	uint64_t progress = monotonic_ns();
	size_t done = 0;

	while (!s->err && !s->abandoned && n > 0) {
		ssize_t w = writev(s->fd, iov, n);

		if (w > 0) {
			size_t left = (size_t)w;

			done += left;
			progress = monotonic_ns();
			while (n > 0 && left >= iov->iov_len) {
				left -= iov->iov_len;
				iov++;
				n--;
			}
			if (n > 0) {
				iov->iov_base = (char *)iov->iov_base + left;
				iov->iov_len -= left;
			}
		} else if (w < 0 && errno == EINTR) {
			s->abandoned = give_up_writing(progress);
		} else {
			s->err = w < 0 ? errno : EIO;
		}
	}
	return done;
}

/*
 * stdio hands over its buffer cut anywhere; each write(2) here carries whole lines only, the rest
 * kept for the next call. With O_APPEND a run killed between writes leaves no torn line, and two
 * writers' lines cannot interleave inside a line.
 */
static ssize_t sink_write(void *cookie, const char *buf, size_t size)
{
	struct out_sink *s = cookie;
	const char *nl = size ? memrchr(buf, '\n', size) : NULL;
	size_t whole = nl ? (size_t)(nl - buf) + 1 : 0, done;
	struct iovec iov[2] = {{s->carry, s->carry_len}, {(char *)buf, whole}};

	if (whole) {
		done = sink_writev(s, iov, 2);
		/* A line cut short counts as not written: its newline is in the rest. */
		if (done < s->carry_len + whole)
			s->unwritten += done >= s->carry_len
					    ? count_lines(buf + (done - s->carry_len),
							  whole - (done - s->carry_len))
					    : count_lines(buf, whole);
		s->carry_len = 0;
	}
	if (size > whole) {
		size_t need = s->carry_len + (size - whole);

		if (need > s->carry_cap) {
			char *p = realloc(s->carry, need);

			if (!p) { /* the line is lost: counted when its newline comes */
				s->err = s->err ? s->err : ENOMEM;
				return (ssize_t)size;
			}
			s->carry = p;
			s->carry_cap = need;
		}
		memcpy(s->carry + s->carry_len, buf + whole, size - whole);
		s->carry_len = need;
	}
	return (ssize_t)size; /* stdio never sees an error: the sink keeps the account */
}

static int sink_close(void *cookie)
{
	struct out_sink *s = cookie;

	if (s->own_fd && close(s->fd) != 0 && !s->err && errno != EINTR)
		s->err = errno;
	free(s->carry);
	s->carry = NULL;
	s->carry_len = s->carry_cap = 0;
	return 0;
}

static int64_t mono_to_epoch(void)
{
	struct timespec rt, mono;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	return ((int64_t)rt.tv_sec - mono.tv_sec) * 1000000000ll + (rt.tv_nsec - mono.tv_nsec);
}

/* A file of any kind another user owns in a sticky or world-writable directory (/tmp) may be a
 * trap laid for root: a FIFO whose reader is that user, a file it reads or truncates. */
static int foreign_in_open_dir(const char *path, const struct stat *st)
{
	char *copy = strdup(path);
	struct stat dir;
	int ret = 0;

	if (st->st_uid == geteuid())
		ret = 0;
	else if (!copy || stat(dirname(copy), &dir) != 0)
		ret = 1; /* cannot tell: refuse */
	else
		ret = (dir.st_mode & (S_ISVTX | S_IWOTH)) != 0;
	free(copy);
	return ret;
}

/* One writer per file: a second sigscope on the same -w is refused, naming the holder. A POSIX
 * lock, so that F_GETLK can say who holds it. */
static int lock_output(int fd, const char *path)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};

	if (fcntl(fd, F_SETLK, &fl) == 0)
		return 0;
	if (errno != EACCES && errno != EAGAIN)
		return report_error("cannot lock '%s': %s", path, strerror(errno));
	fl = (struct flock){.l_type = F_WRLCK, .l_whence = SEEK_SET};
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
		return report_error("cannot write '%s': another sigscope (pid %d) writes it", path,
				    (int)fl.l_pid);
	return report_error("cannot write '%s': another sigscope writes it", path);
}

/* A run cut short (SIGKILL, a full disk) can leave a last line without its end: the next event
 * starts on a line of its own, and that is said once. */
static int end_last_line(int fd, const char *path, const struct stat *st)
{
	char last;

	if (!S_ISREG(st->st_mode) || st->st_size == 0 ||
	    pread(fd, &last, 1, st->st_size - 1) != 1 || last == '\n')
		return 0;
	if (write(fd, "\n", 1) != 1)
		return report_error("cannot write '%s': %s", path, strerror(errno));
	fprintf(stderr, "sigscope: '%s' did not end with a newline (a run cut short?): added one\n",
		path);
	return 0;
}

/*
 * -w FILE: never through a symbolic link, never a terminal, created 0600, not a file of any kind
 * another user owns in a sticky or world-writable directory, and one sigscope per file. A FIFO is
 * allowed (a reader may be a log shipper): opened non-blocking, waiting at most FIFO_WAIT_NS for
 * a reader, then blocking.
 */
static int open_output(const char *path)
{
	int flags = O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | O_NONBLOCK;
	uint64_t start = monotonic_ns();
	struct stat st;
	int fd, fifo = 0, regular = 1;

	/* Said plainly here; O_NOFOLLOW closes the race (the kernel answers ELOOP or EACCES). */
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return -report_error("cannot write '%s': it is a symbolic link (refused)",
					     path);
		fifo = S_ISFIFO(st.st_mode);
		regular = S_ISREG(st.st_mode);
	}
	/* A file (or a new one) is also read: its last byte (end_last_line). Never a FIFO, where
	 * reading would make sigscope its own reader. */
	if (regular)
		flags = (flags & ~O_WRONLY) | O_RDWR;
	while ((fd = open(path, flags, 0600)) < 0 && errno == ENXIO && fifo && !stop_requested() &&
	       monotonic_ns() - start < FIFO_WAIT_NS)
		usleep(50000);
	if (fd < 0) {
		if (errno == ELOOP)
			return -report_error("cannot write '%s': it is a symbolic link (refused)",
					     path);
		if (errno == ENXIO && fifo)
			return -report_error(
			    "cannot write '%s': no reader opened the FIFO within %llu s", path,
			    FIFO_WAIT_NS / 1000000000ull);
		return -report_error("cannot write '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) != 0) {
		close(fd);
		return -report_error("cannot write '%s': %s", path, strerror(errno));
	}
	if (regular && !S_ISREG(st.st_mode)) { /* swapped since the lstat */
		close(fd);
		return -report_error("cannot write '%s': it changed while being opened", path);
	}
	if (isatty(fd)) {
		close(fd);
		return -report_error(
		    "cannot write '%s': it is a terminal (without -w, events go to "
		    "stdout)",
		    path);
	}
	if (foreign_in_open_dir(path, &st)) {
		close(fd);
		return -report_error("cannot write '%s': owned by uid %u in a sticky or "
				     "world-writable directory (refused)",
				     path, (unsigned int)st.st_uid);
	}
	if (S_ISREG(st.st_mode) && (lock_output(fd, path) != 0 || end_last_line(fd, path, &st))) {
		close(fd);
		return -EXIT_USAGE;
	}
	/* Appended to (logrotate moves it away; SIGUSR1 or SIGHUP reopens it). */
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		close(fd);
		return -report_error("cannot write '%s': %s", path, strerror(errno));
	}
	return fd;
}

int setup_output(struct run *r)
{
	FILE **outf = &r->outf;
	char *host = r->host;
	size_t hostlen = sizeof(r->host);

	cookie_io_functions_t io = {.write = sink_write, .close = sink_close};
	int tty;

	r->sink.fd = STDOUT_FILENO;
	if (r->opts.write_path) {
		r->sink.fd = open_output(r->opts.write_path);
		if (r->sink.fd < 0)
			return EXIT_USAGE;
		r->sink.own_fd = 1;
	}
	*outf = fopencookie(&r->sink, "w", io);
	if (!*outf) {
		if (r->sink.own_fd)
			close(r->sink.fd);
		return report_error("cannot set up the output: %s", strerror(errno));
	}
	tty = isatty(r->sink.fd);
	/* A terminal gets lines as they come; a file or pipe a write per MiB, flushed when idle
	 * and each second. glibc honours the size only when given the buffer. */
	if (setvbuf(*outf, tty ? NULL : out_buf, tty ? _IOLBF : _IOFBF, tty ? 0 : sizeof(out_buf)))
		return report_error("cannot buffer the output: %s", strerror(errno));
	if (r->opts.output == OUTPUT_TABLE || (r->opts.output == OUTPUT_AUTO && tty))
		r->write_event = output_table_write;
	else if (r->opts.output == OUTPUT_TRACEE_V2)
		r->write_event = output_tracee_v2_write;
	else
		r->write_event = output_json_write;
	if (!options_stream_active(&r->opts)) /* only -o journal, syslog, kafka */
		r->write_event = output_none_write;
	if (gethostname(host, hostlen) != 0)
		host[0] = '\0';
	host[hostlen - 1] = '\0';
	r->out.out = *outf;
	r->out.events = r->opts.events;
	r->out.enforce_threshold = r->opts.enforce;
	r->out.hostname = host;
	r->out.mono_to_epoch_ns = mono_to_epoch();
	r->out.procs = proc_cache_new();
	r->out.syms = sym_cache_new(); /* findings' symbols (src/proc/symbols.h) */
	if (!r->out.procs || !r->out.syms)
		return report_error("out of memory");
	return 0;
}

/* SIGUSR1, SIGHUP: -w again (logrotate moved it); the old file stays when that fails. */
void reopen_output(struct run *r)
{
	int fd;

	if (!r->opts.write_path)
		return;
	fflush(r->outf);
	fd = open_output(r->opts.write_path);
	if (fd < 0)
		return;
	if (r->sink.own_fd)
		close(r->sink.fd);
	r->sink.fd = fd;
	r->sink.own_fd = 1;
}

/* A closed 0, 1 or 2 would be reused by the next open (a BPF map, the -w file) and written to as
 * stdout or stderr: hold it with /dev/null, unless stdout is where events go. */
int hold_std_fds(const struct run *r)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (fd == STDOUT_FILENO && !r->opts.write_path && options_stream_active(&r->opts))
			return report_error(
			    "stdout is closed: nothing to write the events to (use -w FILE)");
		if (open("/dev/null", O_RDWR) != fd)
			return report_error("cannot hold descriptor %d: %s", fd, strerror(errno));
	}
	return 0;
}

/* The output closes last: a write error seen only now still fails a run that went well. */
int run_close_output(struct run *r, int ret)
{
	if (r->outf && fclose(r->outf) == 0 && r->sink.err && r->sink.err != EPIPE && ret == 0)
		ret = report_error("writing '%s' failed: %s",
				   r->opts.write_path ? r->opts.write_path : "stdout",
				   strerror(r->sink.err));
	return ret;
}
