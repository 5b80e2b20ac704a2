/* --metrics FILE: counters in Prometheus' text format for node-exporter's textfile collector. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fleet.h"
#include "../rules/findings.h"

struct mbuf {
	char *buf;
	size_t cap, n;
	int err;
};

static void put(struct mbuf *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct mbuf *m, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (m->err)
		return;
	va_start(ap, fmt);
	k = vsnprintf(m->buf + m->n, m->cap - m->n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= m->cap - m->n)
		m->err = 1;
	else
		m->n += (size_t)k;
}

static void head(struct mbuf *m, const char *name, const char *help)
{
	put(m, "# HELP sigscope_%s %s\n# TYPE sigscope_%s counter\n", name, help, name);
}

int metrics_format(const struct fleet_metrics *mt, char *buf, size_t cap)
{
	static const char *const types[SIGSCOPE_EV_TYPE_MAX] = {
	    [SIGSCOPE_EV_RT_SIGRETURN] = "rt_sigreturn",
	    [SIGSCOPE_EV_SIGNAL_DELIVER] = "signal_deliver",
	    [SIGSCOPE_EV_SIGNAL_GENERATE] = "signal_generate",
	};
	const struct fleet_counters *c = mt->c;
	struct mbuf m = {buf, cap, 0, 0};

	if (cap == 0)
		return -1;
	head(&m, "events_total", "Events read from the kernel, per type.");
	for (int t = 0; t < SIGSCOPE_EV_TYPE_MAX; t++)
		if (types[t])
			put(&m, "sigscope_events_total{type=\"%s\"} %llu\n", types[t],
			    (unsigned long long)c->events[t]);
	head(&m, "lost_total", "Events lost, per cause (see README \"Deploying on a fleet\").");
	for (int t = 0; t < SIGSCOPE_EV_TYPE_MAX; t++)
		if (types[t])
			put(&m, "sigscope_lost_total{cause=\"ring_full\",type=\"%s\"} %llu\n",
			    types[t], (unsigned long long)c->ring_lost[t]);
	put(&m, "sigscope_lost_total{cause=\"malformed\",type=\"\"} %llu\n",
	    (unsigned long long)c->malformed);
	put(&m, "sigscope_lost_total{cause=\"stream_unwritten\",type=\"\"} %llu\n",
	    (unsigned long long)c->unwritten);
	/* A program run the kernel skipped (its recursion guard) is an event neither seen nor
	 * judged: a loss like the others, and per program below. */
	put(&m, "sigscope_lost_total{cause=\"skipped_by_kernel\",type=\"\"} %llu\n",
	    (unsigned long long)c->skipped);
	head(&m, "skipped_total",
	     "Runs of each loaded BPF program the kernel skipped (recursion_misses).");
	for (int i = 0; i < c->nprogs && i < FLEET_MAX_PROGS; i++)
		put(&m, "sigscope_skipped_total{program=\"%s\"} %llu\n", c->prog_name[i],
		    (unsigned long long)c->prog_skipped[i]);
	/* Per output: its kind, and its place among the -o options (two syslogs are two series). */
	head(&m, "output_lost_total", "Events an output did not deliver, per output and cause.");
	for (int i = 0; i < mt->nouts; i++) {
		const struct fleet_output_stats *o = &mt->outs[i];
		static const char *const causes[] = {"send", "queue_full", "delivery", "unflushed"};
		const uint64_t lost[] = {o->lost_send, o->lost_queue, o->lost_delivery,
					 o->lost_unflushed};

		for (int k = 0; k < 4; k++)
			put(&m,
			    "sigscope_output_lost_total{output=\"%s\",index=\"%d\",cause=\"%s\"} "
			    "%llu\n",
			    o->name, i, causes[k], (unsigned long long)lost[k]);
	}
	head(&m, "output_sent_total", "Events an output accepted (Kafka: delivered).");
	for (int i = 0; i < mt->nouts; i++)
		put(&m, "sigscope_output_sent_total{output=\"%s\",index=\"%d\"} %llu\n",
		    mt->outs[i].name, i, (unsigned long long)mt->outs[i].sent);
	head(&m, "alert_ring_full_total",
	     "Alerts that found the alert ring full and took the event ring.");
	put(&m, "sigscope_alert_ring_full_total %llu\n", (unsigned long long)c->alert_ring_full);
	head(&m, "kills_total", "Processes killed by --enforce.");
	put(&m, "sigscope_kills_total %llu\n", (unsigned long long)c->killed);
	head(&m, "findings_total", "Finding events written, per finding.");
	for (unsigned int i = 0; i < SIGSCOPE_FINDING_MAX; i++)
		put(&m, "sigscope_findings_total{finding=\"%s\"} %llu\n", finding_name(i),
		    (unsigned long long)(mt->findings ? mt->findings[i] : 0));
	head(&m, "enforcement_events_total", "sigscope_enforcement events written.");
	put(&m, "sigscope_enforcement_events_total %llu\n",
	    (unsigned long long)mt->enforcement_events);
	return m.err ? -1 : (int)m.n;
}
