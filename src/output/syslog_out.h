/* The fleet's sinks (multi.c drives them): syslog, journal, Kafka. */
#ifndef SIGSCOPE_OUTPUT_SYSLOG_OUT_H
#define SIGSCOPE_OUTPUT_SYSLOG_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "fleet.h"

struct syslog_out {
	struct output_spec spec;
	int fd; /* -1: not connected (retried each second) */
	time_t last_try;
	int warned;
	int stalled; /* a send found the receiver's queue full and waiting did not help */
	char why[128];
	struct fleet_output_stats stats;
};

int syslog_out_open(struct syslog_out *s, const struct output_spec *spec, char *err, size_t errlen);
void syslog_out_send(struct syslog_out *s, int priority, int64_t ts_ns, const char *host, int pid,
		     const char *event, const char *json, size_t json_len);
void syslog_out_tick(struct syslog_out *s);
void syslog_out_close(struct syslog_out *s);

/* The journal: one sd_journal_sendv per entry. */
void journal_out_send(const struct journal_entry *e, struct fleet_output_stats *st);

/* Kafka (librdkafka): one message per event, keyed "HOST:PID". */
struct kafka_out;
struct kafka_out *kafka_out_open(const struct output_spec *spec, char *err, size_t errlen);
void kafka_out_send(struct kafka_out *k, const char *key, const char *json, size_t json_len);
void kafka_out_tick(struct kafka_out *k);
/* Waits for delivery at most timeout_ms; what is still queued then is counted as lost. */
void kafka_out_flush(struct kafka_out *k, int timeout_ms);
const struct fleet_output_stats *kafka_out_stats(const struct kafka_out *k);
void kafka_out_free(struct kafka_out *k);

#endif
