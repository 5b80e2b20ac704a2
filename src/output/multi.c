/* The fleet (fleet.h): takes each event's JSON lines once, hands each line to every output whose
 * filter takes it, keeps the counters for --metrics and the summary, and the SIGHUP/SIGUSR1 flags.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fleet.h"
#include "../util/report.h"
#include "syslog_out.h"
#include "../decode/event.h"

#define RENDER_MAX	 (4u << 20) /* the lines of one record: 7 findings' worth, many times over */
#define KAFKA_FLUSH_MS	 5000
#define METRICS_BUF_SIZE 16384

struct fleet_out {
	struct output_spec spec;
	struct syslog_out sl;	       /* syslog */
	struct kafka_out *kafka;       /* kafka */
	struct fleet_output_stats jst; /* journal */
};

struct fleet {
	struct fleet_out outs[OPT_OUTPUTS_MAX];
	int nouts;
	int need_table, any_all;
	struct output_lines lines; /* rendered here when the stream did not write JSON */
	char *tbuf;
	FILE *tf;
	uint64_t render_lost;
	const char *metrics_path;
	unsigned int interval;
	time_t next_metrics;
	int metrics_warned;
	uint64_t findings[SIGSCOPE_FINDING_MAX];
	uint64_t enforcement;
	char host[256];
};

static volatile sig_atomic_t pending_reopen, pending_reload;

static void on_hup_usr1(int sig)
{
	pending_reopen = 1;
	if (sig == SIGHUP)
		pending_reload = 1;
}

void fleet_signals_install(void)
{
	struct sigaction sa = {0};

	sa.sa_handler = on_hup_usr1;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
}

int fleet_take_signals(void)
{
	int bits = (pending_reopen ? FLEET_REOPEN : 0) | (pending_reload ? FLEET_RELOAD : 0);

	pending_reopen = 0;
	pending_reload = 0;
	return bits;
}

static FILE *render_file(char **buf)
{
	FILE *f;

	*buf = malloc(RENDER_MAX);
	if (!*buf)
		return NULL;
	f = fmemopen(*buf, RENDER_MAX, "w");
	if (f)
		setvbuf(f, NULL, _IONBF, 0);
	return f;
}

/* Where --metrics FILE is written before the rename over FILE: FILE.tmp. 0, or -1 when the
 * name does not fit. */
static int metrics_tmp_path(const char *path, char *tmp, size_t len)
{
	return snprintf(tmp, len, "%s.tmp", path) >= (int)len ? -1 : 0;
}

/* --metrics FILE is written as FILE.tmp renamed over FILE: a path where that cannot happen is an
 * error at start, not a warning once the run is under way. */
static int metrics_probe(const char *path)
{
	char tmp[4096];
	int fd;

	if (metrics_tmp_path(path, tmp, sizeof(tmp)) != 0)
		return report_error("cannot write metrics '%s': the path is too long", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST) /* the directory takes files; this one is not the probe's */
		return 0;
	if (fd < 0)
		return report_error("cannot write metrics '%s': %s", path, strerror(errno));
	close(fd);
	unlink(tmp); /* only what the probe made */
	return 0;
}

int fleet_open(struct fleet **out, const struct fleet_config *cfg, const char *hostname)
{
	struct fleet *f;
	char err[512];

	*out = NULL;
	if (!cfg->nspecs && !cfg->metrics_path)
		return 0;
	f = calloc(1, sizeof(*f));
	if (!f) {
		fprintf(stderr, "sigscope: out of memory\n");
		return 2;
	}
	snprintf(f->host, sizeof(f->host), "%s", hostname ? hostname : "");
	f->metrics_path = cfg->metrics_path;
	f->interval = cfg->metrics_interval ? cfg->metrics_interval : 15;
	if (f->metrics_path && metrics_probe(f->metrics_path) != 0) {
		fleet_free(f);
		return 2;
	}
	for (int i = 0; i < cfg->nspecs && i < OPT_OUTPUTS_MAX; i++) {
		struct fleet_out *o = &f->outs[f->nouts];

		err[0] = '\0';
		o->spec = cfg->specs[i];
		f->nouts++;
		if (o->spec.filter == OUTF_ALL)
			f->any_all = 1;
		switch (o->spec.kind) {
		case OUTK_JOURNAL:
#ifdef SIGSCOPE_NO_JOURNAL
			snprintf(err, sizeof(err),
				 "-o journal: this sigscope was built without "
				 "libsystemd (static build)");
			goto fail_msg;
#endif
			o->jst.name = "journal";
			f->need_table = 1;
			break;
		case OUTK_SYSLOG_TCP:
		case OUTK_SYSLOG_UNIX:
			if (syslog_out_open(&o->sl, &o->spec, err, sizeof(err)) != 0)
				goto fail_msg;
			o->sl.stats.name = "syslog";
			break;
		case OUTK_KAFKA:
			o->kafka = kafka_out_open(&o->spec, err, sizeof(err));
			if (!o->kafka)
				goto fail_msg;
			break;
		default:
			break;
		}
	}
	if (f->need_table) {
		f->tf = render_file(&f->tbuf);
		if (!f->tf) {
			snprintf(err, sizeof(err), "sigscope: out of memory");
			goto fail;
		}
	}
	*out = f;
	return 0;
fail_msg:
	fprintf(stderr, "sigscope: %s\n", err);
	fleet_free(f);
	return 2;
fail:
	fprintf(stderr, "%s\n", err);
	fleet_free(f);
	return 2;
}

/* The table of one event in f's buffer, NUL-terminated (the journal's MESSAGEs), or NULL. */
static char *render_table(struct fleet *f, const struct output_ctx *ctx, struct sigscope_event *ev)
{
	struct output_ctx c = *ctx;
	long n;

	c.out = f->tf;
	c.lines = NULL;
	rewind(f->tf);
	clearerr(f->tf);
	if (output_table_write(&c, ev) != 0 || fflush(f->tf) != 0 || ferror(f->tf))
		return NULL;
	n = ftell(f->tf);
	if (n < 0 || (size_t)n >= RENDER_MAX)
		return NULL;
	f->tbuf[n] = '\0';
	return f->tbuf;
}

/* The next line of *p (its newline replaced by NUL), or NULL at the end. */
static char *next_line(char **p)
{
	char *s = *p, *nl;

	if (!s || !*s)
		return NULL;
	nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = s + strlen(s);
	}
	return s;
}

static void dispatch(struct fleet *f, const struct journal_source *src)
{
	const struct output_line *l = src->line;
	struct journal_entry e;
	char key[300];

	if (journal_entry_build(&e, src) != 0) {
		f->render_lost++;
		return;
	}
	snprintf(key, sizeof(key), "%s:%d", f->host, e.pid);
	for (int i = 0; i < f->nouts; i++) {
		struct fleet_out *o = &f->outs[i];

		if (o->spec.filter == OUTF_FINDINGS && !l->is_finding)
			continue;
		switch (o->spec.kind) {
		case OUTK_JOURNAL:
			journal_out_send(&e, &o->jst);
			break;
		case OUTK_SYSLOG_TCP:
		case OUTK_SYSLOG_UNIX:
			syslog_out_send(&o->sl, journal_priority(l->severity, l->is_enforcement),
					e.ts_ns, f->host, e.pid, l->event, src->json, l->len);
			break;
		case OUTK_KAFKA:
			kafka_out_send(o->kafka, key, src->json, l->len);
			break;
		default:
			break;
		}
	}
	journal_entry_free(&e);
}

void fleet_event(struct fleet *f, const struct output_ctx *ctx, struct sigscope_event *ev)
{
	const struct output_lines *lines = ctx->lines;
	uint32_t findings = 0;
	int enforced = 0, ntable = 0;
	char *tp = NULL;

	if (!f)
		return;
	if (ev->type == SIGSCOPE_EV_RT_SIGRETURN) {
		findings = ev->verdict->findings & ((1u << SIGSCOPE_FINDING_MAX) - 1);
		enforced = ev->verdict->enforced != 0;
		for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
			if (findings & (1u << i))
				f->findings[i]++;
		f->enforcement += enforced;
	}
	if (!f->nouts || (!f->any_all && !findings && !enforced))
		return;
	/* The stream's own JSON lines when it wrote them (in trace.Event's layout); else render
	 * them here, into memory only. */
	if (!lines || !lines->filled || lines->v2) {
		struct output_ctx c = *ctx;

		c.out = NULL;
		c.lines = &f->lines;
		if (output_json_write(&c, ev) != 0 || !f->lines.filled) {
			f->render_lost++;
			return;
		}
		lines = &f->lines;
	}
	/* The table has one line per JSON line; when it does not, MESSAGE is made up instead. */
	if (f->need_table && (tp = render_table(f, ctx, ev)) != NULL) {
		for (const char *p = tp; (p = strchr(p, '\n')); p++)
			ntable++;
		if (ntable != lines->n)
			tp = NULL;
	}
	for (int i = 0; i < lines->n; i++) {
		const struct output_line *l = &lines->line[i];
		struct journal_source src = {
		    .line = l,
		    .json = lines->buf + l->off,
		    .table_line = next_line(&tp),
		    .pid = (int)ev->tc->host_pid,
		    .ts_ns = (int64_t)(ev->tc->ts_ns + (uint64_t)ctx->mono_to_epoch_ns),
		    .comm = ev->tc->comm,
		    .exe = event_exe_path(ev),
		};

		dispatch(f, &src);
	}
}

static int collect_stats(const struct fleet *f, struct fleet_output_stats *st)
{
	int n = 0;

	for (int i = 0; i < f->nouts; i++) {
		const struct fleet_out *o = &f->outs[i];

		switch (o->spec.kind) {
		case OUTK_JOURNAL:
			st[n++] = o->jst;
			break;
		case OUTK_SYSLOG_TCP:
		case OUTK_SYSLOG_UNIX:
			st[n++] = o->sl.stats;
			break;
		case OUTK_KAFKA:
			st[n++] = *kafka_out_stats(o->kafka);
			break;
		default:
			break;
		}
	}
	return n;
}

/* Written to FILE.tmp, then renamed over FILE: the collector never reads half a file. */
static void write_metrics(struct fleet *f, const struct fleet_counters *c)
{
	struct fleet_output_stats st[OPT_OUTPUTS_MAX];
	struct fleet_counters cc = *c;
	struct fleet_metrics m = {&cc, f->findings, f->enforcement, st, 0};
	char buf[METRICS_BUF_SIZE], tmp[4096];
	int n, fd;

	cc.malformed += f->render_lost;
	m.nouts = collect_stats(f, st);
	n = metrics_format(&m, buf, sizeof(buf));
	if (n < 0 || metrics_tmp_path(f->metrics_path, tmp, sizeof(tmp)) != 0)
		return;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	/* 0644 whatever the umask (the unit's is 0077): node-exporter runs as its own user, and
	 * the file holds counters only, never an event. */
	if (fd < 0 || fchmod(fd, 0644) != 0 || write(fd, buf, (size_t)n) != n || fsync(fd) != 0 ||
	    close(fd) != 0 || rename(tmp, f->metrics_path) != 0) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		if (!f->metrics_warned)
			fprintf(stderr, "sigscope: cannot write metrics '%s': %s\n",
				f->metrics_path, strerror(e));
		f->metrics_warned = 1;
		unlink(tmp);
	}
}

void fleet_tick(struct fleet *f, const struct fleet_counters *c)
{
	time_t now;

	if (!f)
		return;
	for (int i = 0; i < f->nouts; i++) {
		struct fleet_out *o = &f->outs[i];

		if (o->spec.kind == OUTK_KAFKA)
			kafka_out_tick(o->kafka);
		else if (o->spec.kind == OUTK_SYSLOG_TCP || o->spec.kind == OUTK_SYSLOG_UNIX)
			syslog_out_tick(&o->sl);
	}
	now = time(NULL);
	if (f->metrics_path && now >= f->next_metrics) {
		write_metrics(f, c);
		f->next_metrics = now + f->interval;
	}
}

void fleet_close(struct fleet *f, const struct fleet_counters *c)
{
	if (!f)
		return;
	for (int i = 0; i < f->nouts; i++) {
		struct fleet_out *o = &f->outs[i];

		if (o->spec.kind == OUTK_KAFKA)
			kafka_out_flush(o->kafka, KAFKA_FLUSH_MS);
	}
	if (f->metrics_path)
		write_metrics(f, c);
}

void fleet_summary(const struct fleet *f, FILE *to)
{
	struct fleet_output_stats st[OPT_OUTPUTS_MAX];
	int n;

	if (!f)
		return;
	if (f->render_lost)
		fprintf(to, "; not rendered for the outputs %llu",
			(unsigned long long)f->render_lost);
	n = collect_stats(f, st);
	for (int i = 0; i < n; i++) {
		uint64_t lost =
		    st[i].lost_send + st[i].lost_queue + st[i].lost_delivery + st[i].lost_unflushed;

		if (!lost)
			continue;
		fprintf(to,
			"; %s lost %llu (send failed %llu, queue full %llu, delivery failed %llu, "
			"unflushed at exit %llu)",
			st[i].name, (unsigned long long)lost, (unsigned long long)st[i].lost_send,
			(unsigned long long)st[i].lost_queue,
			(unsigned long long)st[i].lost_delivery,
			(unsigned long long)st[i].lost_unflushed);
	}
}

void fleet_free(struct fleet *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->nouts; i++) {
		if (f->outs[i].spec.kind == OUTK_SYSLOG_TCP ||
		    f->outs[i].spec.kind == OUTK_SYSLOG_UNIX)
			syslog_out_close(&f->outs[i].sl);
		kafka_out_free(f->outs[i].kafka);
	}
	if (f->tf)
		fclose(f->tf);
	free(f->tbuf);
	free(f);
}
