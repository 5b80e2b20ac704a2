/* -o syslog://HOST:PORT (RFC 5424 over TCP, octet counting) and -o syslog:///SOCKET (syslog(3)
 * format, one datagram per event). The framing is pure; syslog_out_* below do the I/O. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "fleet.h"
#include "syslog_out.h"

#define FACILITY_DAEMON 3

int syslog_pri(int priority)
{
	return FACILITY_DAEMON * 8 + (priority < 0 ? 6 : priority > 7 ? 7 : priority);
}

static void split_ts(int64_t ts_ns, struct tm *tm, long *usec)
{
	time_t sec = (time_t)(ts_ns / 1000000000ll);
	long ns = (long)(ts_ns % 1000000000ll);

	if (ns < 0) {
		ns += 1000000000l;
		sec--;
	}
	gmtime_r(&sec, tm);
	*usec = ns / 1000;
}

/* PRINTUSASCII, 1..max: RFC 5424's HOSTNAME and MSGID; "-" when empty. */
static void ascii_field(const char *s, char *out, size_t max)
{
	size_t o = 0;

	for (; s && *s && o < max; s++)
		if (*s > 32 && *s < 127)
			out[o++] = *s;
	if (o == 0)
		out[o++] = '-';
	out[o] = '\0';
}

int syslog_format_5424(char *buf, size_t cap, int pri, int64_t ts_ns, const char *host, int procid,
		       const char *msgid, const char *json, size_t json_len, int octet_counting)
{
	char h[256], m[33], head[512];
	struct tm tm;
	long usec;
	int hn, pn;

	split_ts(ts_ns, &tm, &usec);
	ascii_field(host, h, 255);
	ascii_field(msgid, m, 32);
	hn = snprintf(head, sizeof(head),
		      "<%d>1 %04d-%02d-%02dT%02d:%02d:%02d.%06ldZ %s sigscope %d %s - @cee:", pri,
		      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		      tm.tm_sec, usec, h, procid, m);
	if (hn < 0 || (size_t)hn >= sizeof(head))
		return -1;
	pn = octet_counting ? snprintf(buf, cap, "%zu ", (size_t)hn + json_len) : 0;
	if (pn < 0 || (size_t)pn + (size_t)hn + json_len + 1 > cap)
		return -1;
	memcpy(buf + pn, head, (size_t)hn);
	memcpy(buf + pn + hn, json, json_len);
	buf[pn + hn + json_len] = '\0';
	return pn + hn + (int)json_len;
}

int syslog_format_local(char *buf, size_t cap, int pri, int64_t ts_ns, int procid, const char *json,
			size_t json_len)
{
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	long usec;
	int hn;

	split_ts(ts_ns, &tm, &usec);
	hn = snprintf(buf, cap, "<%d>%s %2d %02d:%02d:%02d sigscope[%d]: @cee:", pri,
		      mon[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, procid);
	if (hn < 0 || (size_t)hn + json_len + 1 > cap)
		return -1;
	memcpy(buf + hn, json, json_len);
	buf[hn + json_len] = '\0';
	return hn + (int)json_len;
}

/* How long one message may wait for a full receiver queue to drain. */
#define SYSLOG_WAIT_MS 50

/* --- transport --- */

static int connect_tcp(struct syslog_out *s)
{
	struct addrinfo hints = {0}, *res = NULL, *ai;
	int fd = -1, rc;

	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo(s->spec.host, s->spec.port, &hints, &res);
	if (rc != 0) {
		snprintf(s->why, sizeof(s->why), "%s", gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai; ai = ai->ai_next) {
		int sndbuf = 4 << 20;

		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0)
			continue;
		/* A blocking connect to a listening peer is quick; a dead one is retried each
		 * second from fleet_tick, its events counted as lost meanwhile. */
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
			setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
			break;
		}
		snprintf(s->why, sizeof(s->why), "%s", strerror(errno));
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

static int connect_unix(struct syslog_out *s)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memcpy(sun.sun_path, s->spec.path, strlen(s->spec.path) + 1);
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		snprintf(s->why, sizeof(s->why), "%s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void try_connect(struct syslog_out *s)
{
	s->last_try = time(NULL);
	s->fd = s->spec.kind == OUTK_SYSLOG_TCP ? connect_tcp(s) : connect_unix(s);
	if (s->fd < 0 && !s->warned) {
		fprintf(stderr,
			"sigscope: syslog %s%s%s%s: %s (events counted as lost until it "
			"answers)\n",
			s->spec.kind == OUTK_SYSLOG_TCP ? s->spec.host : s->spec.path,
			s->spec.kind == OUTK_SYSLOG_TCP ? ":" : "",
			s->spec.kind == OUTK_SYSLOG_TCP ? s->spec.port : "", "", s->why);
		s->warned = 1;
	} else if (s->fd >= 0) {
		s->warned = 0;
	}
}

int syslog_out_open(struct syslog_out *s, const struct output_spec *spec, char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	s->spec = *spec;
	s->fd = -1;
	if (spec->kind == OUTK_SYSLOG_TCP) {
		struct addrinfo hints = {0}, *res = NULL;
		int rc;

		hints.ai_socktype = SOCK_STREAM;
		rc = getaddrinfo(spec->host, spec->port, &hints, &res);
		if (rc != 0) {
			snprintf(err, errlen, "syslog host '%s': %s", spec->host, gai_strerror(rc));
			return -1;
		}
		freeaddrinfo(res);
	}
	try_connect(s);
	return 0;
}

void syslog_out_send(struct syslog_out *s, int priority, int64_t ts_ns, const char *host, int pid,
		     const char *event, const char *json, size_t json_len)
{
	size_t cap = json_len + 700;
	char *buf;
	int n;
	ssize_t w;

	if (s->fd < 0) {
		s->stats.lost_send++;
		return;
	}
	buf = malloc(cap);
	if (!buf) {
		s->stats.lost_send++;
		return;
	}
	if (s->spec.kind == OUTK_SYSLOG_TCP)
		n = syslog_format_5424(buf, cap, syslog_pri(priority), ts_ns, host, pid, event,
				       json, json_len, 1);
	else
		n = syslog_format_local(buf, cap, syslog_pri(priority), ts_ns, pid, json, json_len);
	if (n < 0) {
		free(buf);
		s->stats.lost_send++;
		return;
	}
	/* A full receiver queue (a /dev/log datagram socket holds 10 by default,
	 * net.unix.max_dgram_qlen) gets SYSLOG_WAIT_MS to drain, so a burst is not lost; a receiver
	 * that stays stuck is not waited on again until it takes a message, so the ring buffer is
	 * not held up behind it: its events are counted as lost meanwhile. A short write breaks the
	 * framing: the connection is dropped and made again. */
	w = send(s->fd, buf, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) && !s->stalled) {
		struct pollfd p = {.fd = s->fd, .events = POLLOUT};

		if (poll(&p, 1, SYSLOG_WAIT_MS) == 1)
			w = send(s->fd, buf, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
		else
			errno = EAGAIN;
		s->stalled = w != n;
	}
	free(buf);
	if (w == n) {
		s->stats.sent++;
		s->stalled = 0;
		return;
	}
	if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)) {
		s->stats.lost_queue++;
		return;
	}
	s->stats.lost_send++;
	if (w < 0)
		snprintf(s->why, sizeof(s->why), "%s", strerror(errno));
	else
		snprintf(s->why, sizeof(s->why), "short write");
	close(s->fd);
	s->fd = -1;
}

void syslog_out_tick(struct syslog_out *s)
{
	if (s->fd < 0 && time(NULL) != s->last_try)
		try_connect(s);
}

void syslog_out_close(struct syslog_out *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}
