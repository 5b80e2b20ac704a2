/* -o kafka://BROKERS/TOPIC through librdkafka: one JSON message per event, keyed "HOST:PID".
 * Queue-full and failed delivery reports are losses, reported like ring-buffer losses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet.h"
#include "syslog_out.h"

#ifdef SIGSCOPE_NO_KAFKA
/* A build without librdkafka (make static: Debian's librdkafka.a needs a TLS and SASL stack that
 * a static link cannot pull in cleanly): -o kafka is refused at start, one line, exit 2. */
struct kafka_out {
	struct fleet_output_stats stats;
};

struct kafka_out *kafka_out_open(const struct output_spec *spec, char *err, size_t errlen)
{
	(void)spec;
	snprintf(err, errlen,
		 "-o kafka: this sigscope was built without librdkafka (static build)");
	return NULL;
}

void kafka_out_send(struct kafka_out *k, const char *key, const char *json, size_t json_len)
{
	(void)key, (void)json, (void)json_len;
	k->stats.lost_send++;
}

void kafka_out_tick(struct kafka_out *k)
{
	(void)k;
}

void kafka_out_flush(struct kafka_out *k, int timeout_ms)
{
	(void)k, (void)timeout_ms;
}

const struct fleet_output_stats *kafka_out_stats(const struct kafka_out *k)
{
	return &k->stats;
}

void kafka_out_free(struct kafka_out *k)
{
	(void)k;
}
#else
#include <librdkafka/rdkafka.h>

struct kafka_out {
	rd_kafka_t *rk;
	rd_kafka_topic_t *topic;
	struct fleet_output_stats stats;
	int warned;
	int closing; /* after the shutdown flush */
};

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct kafka_out *k = opaque;

	(void)rk;
	if (k->closing)
		return;
	if (m->err) {
		k->stats.lost_delivery++;
		if (!k->warned) {
			fprintf(stderr, "sigscope: kafka: delivery failed: %s (counted as lost)\n",
				rd_kafka_err2str(m->err));
			k->warned = 1;
		}
	} else {
		k->stats.sent++;
	}
}

/* librdkafka's own log: one line on stderr each, only errors (broker down is a warning there). */
static void on_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
	(void)rk;
	if (level <= 3 || getenv("SIGSCOPE_DEBUG"))
		fprintf(stderr, "sigscope: kafka: %s: %s\n", fac, buf);
}

static int set(rd_kafka_conf_t *conf, const char *key, const char *val, char *err, size_t errlen)
{
	char e[256];

	if (rd_kafka_conf_set(conf, key, val, e, sizeof(e)) != RD_KAFKA_CONF_OK) {
		snprintf(err, errlen, "kafka: %s=%s: %s", key, val, e);
		return -1;
	}
	return 0;
}

struct kafka_out *kafka_out_open(const struct output_spec *spec, char *err, size_t errlen)
{
	struct kafka_out *k = calloc(1, sizeof(*k));
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	char e[512];

	if (!k || !conf) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	/* Bounded memory: at most 100k messages or 256 MiB queued; older ones time out (lost,
	 * counted) after 5 min of an unreachable cluster. */
	if (set(conf, "bootstrap.servers", spec->brokers, err, errlen) ||
	    set(conf, "client.id", "sigscope", err, errlen) ||
	    set(conf, "queue.buffering.max.messages", "100000", err, errlen) ||
	    set(conf, "queue.buffering.max.kbytes", "262144", err, errlen) ||
	    set(conf, "linger.ms", "100", err, errlen) ||
	    set(conf, "message.timeout.ms", "300000", err, errlen) ||
	    set(conf, "compression.codec", "lz4", err, errlen))
		goto fail;
	rd_kafka_conf_set_opaque(conf, k);
	rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
	rd_kafka_conf_set_log_cb(conf, on_log);
	k->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, e, sizeof(e));
	if (!k->rk) {
		snprintf(err, errlen, "kafka: %s", e);
		goto fail;
	}
	conf = NULL; /* the handle owns it now */
	k->topic = rd_kafka_topic_new(k->rk, spec->topic, NULL);
	if (!k->topic) {
		snprintf(err, errlen, "kafka: topic '%s': %s", spec->topic,
			 rd_kafka_err2str(rd_kafka_last_error()));
		goto fail;
	}
	k->stats.name = "kafka";
	return k;
fail:
	if (conf)
		rd_kafka_conf_destroy(conf);
	kafka_out_free(k);
	return NULL;
}

void kafka_out_send(struct kafka_out *k, const char *key, const char *json, size_t json_len)
{
	if (rd_kafka_produce(k->topic, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, (void *)json,
			     json_len, key, strlen(key), NULL) == 0)
		return;
	if (rd_kafka_last_error() == RD_KAFKA_RESP_ERR__QUEUE_FULL)
		k->stats.lost_queue++;
	else
		k->stats.lost_send++;
}

void kafka_out_tick(struct kafka_out *k)
{
	rd_kafka_poll(k->rk, 0);
}

void kafka_out_flush(struct kafka_out *k, int timeout_ms)
{
	rd_kafka_flush(k->rk, timeout_ms);
	rd_kafka_poll(k->rk, 0);
	k->stats.lost_unflushed += (uint64_t)rd_kafka_outq_len(k->rk);
	/* Counted once: their purge reports, if any are served, are not counted again. */
	k->closing = 1;
	rd_kafka_purge(k->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
}

const struct fleet_output_stats *kafka_out_stats(const struct kafka_out *k)
{
	return &k->stats;
}

void kafka_out_free(struct kafka_out *k)
{
	if (!k)
		return;
	if (k->topic)
		rd_kafka_topic_destroy(k->topic);
	if (k->rk)
		rd_kafka_destroy(k->rk);
	free(k);
}
#endif /* SIGSCOPE_NO_KAFKA */
