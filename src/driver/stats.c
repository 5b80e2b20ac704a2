// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's counters (per-CPU array "counters", src/shared/sigscope_event.h): read once per
 * report, all of them in one map read. A read that fails is said, never taken for zero losses.
 * And the findings per account (map "accounts"), read once after detach.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "driver.h"
#include "../output/fleet.h"
#include "../proc/proc_ctx.h"
#include "../rules/findings.h"
#include "sigscope.skel.h"

#define ARRAY_ROWS(a) (sizeof(a) / sizeof((a)[0]))

/* Every counter summed over the rows (sigscope.bpf.h, counter_rows), read through the skeleton's
 * mapping of .bss: no bpf() syscall, so reading them never holds bpf_prog_active (which would make
 * the kernel skip the entry guards of other tasks on this CPU). Before the maps exist (a run
 * stopped during start-up) every counter is truly zero. Always 0. */
static int counters_read(struct run *r, struct sigscope_counters *sum)
{
	_Static_assert(sizeof(r->skel->bss->counter_rows[0]) == sizeof(*sum),
		       "a row of the kernel's counters is a struct sigscope_counters");
	memset(sum, 0, sizeof(*sum));
	if (!r->skel || !r->skel->bss)
		return 0;
	for (size_t i = 0; i < ARRAY_ROWS(r->skel->bss->counter_rows); i++)
		for (int k = 0; k < SIGSCOPE_CNT_MAX; k++)
			sum->c[k] +=
			    __atomic_load_n(&r->skel->bss->counter_rows[i][k], __ATOMIC_RELAXED);
	return 0;
}

/*
 * Runs of each loaded program the kernel skipped: bpf_prog_info.recursion_misses (since 5.12),
 * counted by the kernel when a program's per-CPU recursion guard (prog->active, or
 * bpf_prog_active for the perf tracepoint) is already held on that CPU. From 7.0 the programs
 * run with only migration disabled and a preempted holder makes every other task on its CPU
 * skip the program (docs/kernels.md). A skipped run is an event neither seen nor judged, so it
 * is a loss. Every program is listed, skipped or not, so --metrics has a stable set of series.
 * 0, or -errno when a program's info cannot be read (never taken for "none skipped").
 */
static int skips_read(struct run *r, struct fleet_counters *c)
{
	struct bpf_program *prog;

	c->skipped = 0;
	c->nprogs = 0;
	if (!r->skel)
		return 0;
	bpf_object__for_each_program(prog, r->skel->obj)
	{
		struct bpf_prog_info info;
		__u32 len = sizeof(info);
		int fd = bpf_program__fd(prog);

		if (fd < 0 || c->nprogs >= FLEET_MAX_PROGS)
			continue; /* not loaded (another backend, mode or kernel) */
		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(fd, &info, &len) != 0)
			return errno ? -errno : -EIO;
		c->prog_name[c->nprogs] = bpf_program__name(prog);
		c->prog_skipped[c->nprogs] = info.recursion_misses;
		c->skipped += info.recursion_misses;
		c->nprogs++;
	}
	return 0;
}

int skips_snapshot(struct run *r, struct fleet_counters *c)
{
	return skips_read(r, c);
}

/* "sys_enter_sigreturn 40, sys_exit_sigreturn 5": the programs that were skipped. */
static void print_skips(FILE *to, const struct fleet_counters *c)
{
	const char *sep = "";

	for (int i = 0; i < c->nprogs; i++) {
		if (!c->prog_skipped[i])
			continue;
		fprintf(to, "%s%s %llu", sep, c->prog_name[i],
			(unsigned long long)c->prog_skipped[i]);
		sep = ", ";
	}
}

static uint64_t total_drops(const struct sigscope_counters *s)
{
	uint64_t n = 0;

	for (uint32_t t = SIGSCOPE_EV_RT_SIGRETURN; t < SIGSCOPE_EV_TYPE_MAX; t++)
		n += s->c[SIGSCOPE_CNT_DROP(t)];
	return n;
}

/* Every event the kernel could not hand over is reported, as it happens and at the end. */
void report_drops(struct run *r)
{
	static int said;
	struct sigscope_counters s;
	uint64_t drops;
	int e = counters_read(r, &s);

	if (e) {
		if (!said++)
			fprintf(stderr, "sigscope: cannot read the kernel's counters: %s\n",
				strerror(-e));
		return;
	}
	drops = total_drops(&s);
	{
		struct fleet_counters k;

		if (skips_read(r, &k) == 0 && k.skipped > r->reported_skips) {
			fprintf(stderr,
				"sigscope: the kernel skipped %llu runs of sigscope's programs, "
				"%llu in total (",
				(unsigned long long)(k.skipped - r->reported_skips),
				(unsigned long long)k.skipped);
			print_skips(stderr, &k);
			fprintf(stderr, "): what they would have seen was not seen\n");
			r->reported_skips = k.skipped;
		}
	}
	if (drops > r->reported_drops) {
		fprintf(stderr, "sigscope: %llu events lost (ring buffer full), %llu in total\n",
			(unsigned long long)(drops - r->reported_drops), (unsigned long long)drops);
		r->reported_drops = drops;
	}
}

/* The closing line. Returns 0, or -1 when the counters could not be read (the line says so). */
int print_summary(struct run *r)
{
	struct sigscope_counters s;
	struct fleet_counters k = {0};
	int e = counters_read(r, &s);
	int ek = e ? e : skips_read(r, &k);

	e = ek;
	fprintf(stderr,
		"sigscope: %llu events: rt_sigreturn %llu, signal_deliver %llu, "
		"signal_generate %llu; ",
		(unsigned long long)(r->seen[SIGSCOPE_EV_RT_SIGRETURN] +
				     r->seen[SIGSCOPE_EV_SIGNAL_DELIVER] +
				     r->seen[SIGSCOPE_EV_SIGNAL_GENERATE]),
		(unsigned long long)r->seen[SIGSCOPE_EV_RT_SIGRETURN],
		(unsigned long long)r->seen[SIGSCOPE_EV_SIGNAL_DELIVER],
		(unsigned long long)r->seen[SIGSCOPE_EV_SIGNAL_GENERATE]);
	if (e)
		fprintf(stderr, "lost unknown (cannot read the kernel's counters: %s)",
			strerror(-e));
	else
		fprintf(stderr,
			"lost %llu (rt_sigreturn %llu, signal_deliver %llu, signal_generate %llu)",
			(unsigned long long)(total_drops(&s) + k.skipped),
			(unsigned long long)s.c[SIGSCOPE_CNT_DROP_SIGRETURN],
			(unsigned long long)s.c[SIGSCOPE_CNT_DROP_DELIVER],
			(unsigned long long)s.c[SIGSCOPE_CNT_DROP_GENERATE]);
	/* "lost" counts the skips too: never "lost 0" while the kernel skipped a program. */
	if (!e && k.skipped) {
		fprintf(stderr, "; skipped by the kernel %llu (", (unsigned long long)k.skipped);
		print_skips(stderr, &k);
		fputc(')', stderr);
	}
	for (int i = 0; !e && i < SIGSCOPE_CNT_MAX; i++) {
		if (sigscope_counter_label(i) && s.c[i])
			fprintf(stderr, "; %s %llu", sigscope_counter_label(i),
				(unsigned long long)s.c[i]);
	}
	if (r->malformed)
		fprintf(stderr, "; malformed records %llu", (unsigned long long)r->malformed);
	if (r->unrendered)
		fprintf(stderr, "; not rendered %llu", (unsigned long long)r->unrendered);
	/* Their frames at attach were not read: they kept the excuse of where a frame can be. */
	if (r->snapshot_unread)
		fprintf(stderr, "; older threads not read at attach %llu",
			(unsigned long long)r->snapshot_unread);
	/* A module not read (gone, unreadable, a full map): its redirects fail closed. */
	if (r->profiles.failed)
		fprintf(stderr, "; modules not read for runtime profiles %llu",
			(unsigned long long)r->profiles.failed);
	/* Dropped once no process mapped them, to make room (profiles.c profiles_prune). */
	if (r->profiles.pruned)
		fprintf(stderr, "; modules pruned from runtime profiles %llu",
			(unsigned long long)r->profiles.pruned);
	/* What the kernel handed to the rings and this run never read (a drain given up on). */
	if (!e) {
		uint64_t emitted = 0, read = r->malformed;

		for (int t = SIGSCOPE_EV_RT_SIGRETURN; t < SIGSCOPE_EV_TYPE_MAX; t++) {
			emitted += s.c[SIGSCOPE_CNT_EMITTED(t)];
			read += r->seen[t];
		}
		if (emitted > read)
			fprintf(stderr, "; left in the ring %llu",
				(unsigned long long)(emitted - read));
	}
	if (r->sink.unwritten || r->sink.err || r->sink.abandoned)
		fprintf(stderr, "; not written %llu (%s)", (unsigned long long)r->sink.unwritten,
			r->sink.abandoned      ? "output stuck, given up"
			: r->sink.err == EPIPE ? "output closed"
					       : strerror(r->sink.err));
	if (r->out.procs) {
		uint64_t lookups, reads, over;

		proc_maps_stats(r->out.procs, &lookups, &reads, &over);
		if (over)
			fprintf(stderr, "; mapping names skipped (read budget) %llu",
				(unsigned long long)over);
	}
	fleet_summary(r->fleet, stderr);
	fputc('\n', stderr);
	return e ? -1 : 0;
}

/* After the summary, its own line: what the run went without (a program the kernel refused
 * that detection does not need), so a count of 0 there is not read as "none happened". */
void print_missing(const struct run *r)
{
	if (r->missing[0])
		fprintf(stderr, "sigscope: %s\n", r->missing);
}

int counters_snapshot(struct run *r, uint64_t c[SIGSCOPE_CNT_MAX])
{
	struct sigscope_counters s;
	int e = counters_read(r, &s);

	if (e)
		return e;
	memcpy(c, s.c, sizeof(s.c));
	return 0;
}

/* The shared account of everyone past SIGSCOPE_ACCOUNTS_MAX, made before the attach so the
 * kernel side always has one to charge. */
int accounts_prepare(struct run *r, char *err, size_t errlen)
{
	__u64 key = SIGSCOPE_ACCOUNT_OTHERS;
	struct sigscope_account zero = {0};

	if (bpf_map_update_elem(bpf_map__fd(r->skel->maps.accounts), &key, &zero, BPF_ANY) != 0) {
		snprintf(err, errlen, "cannot prepare the findings accounts: %s", strerror(errno));
		return -1;
	}
	return 0;
}

struct account_row {
	__u64 key;
	struct sigscope_account a;
};

static int by_lost(const void *x, const void *y)
{
	const struct account_row *a = x, *b = y;

	return a->a.lost < b->a.lost ? 1 : a->a.lost > b->a.lost ? -1 : 0;
}

static void print_account(FILE *to, const struct account_row *row)
{
	const char *sep = "";

	if (row->key == SIGSCOPE_ACCOUNT_OTHERS)
		fprintf(to, "accounts past the first %d", SIGSCOPE_ACCOUNTS_MAX);
	else if (row->key & SIGSCOPE_ACCOUNT_USERNS)
		fprintf(to, "user namespace %llu (made by root)",
			(unsigned long long)(row->key & 0xffffffffULL));
	else
		fprintf(to, "uid %llu", (unsigned long long)row->key);
	fprintf(to, " lost %llu (raised:", (unsigned long long)row->a.lost);
	for (int f = 0; f < SIGSCOPE_FINDING_MAX; f++) {
		if (!row->a.raised[f])
			continue;
		fprintf(to, "%s %s %llu", sep, finding_name(f),
			(unsigned long long)row->a.raised[f]);
		sep = ",";
	}
	fputc(')', to);
}

/*
 * After the summary, its own line when records with findings were lost: whose, and how many
 * findings of each kind they raised in all, so a flood that pushed records out of the rings
 * still leaves its count. Read after detach (the map read would otherwise hold bpf_prog_active).
 */
void print_accounts(const struct run *r)
{
	static struct account_row rows[SIGSCOPE_ACCOUNTS_MAX + 1];
	__u64 key, next, *prev = NULL;
	size_t n = 0, shown;
	int fd;

	if (!r->skel || !r->skel->maps.accounts || (fd = bpf_map__fd(r->skel->maps.accounts)) < 0)
		return;
	while (n < ARRAY_ROWS(rows) && bpf_map_get_next_key(fd, prev, &next) == 0) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &rows[n].a) == 0 && rows[n].a.lost) {
			rows[n].key = key;
			n++;
		}
	}
	if (!n)
		return;
	qsort(rows, n, sizeof(rows[0]), by_lost);
	shown = n < 8 ? n : 8;
	fprintf(stderr, "sigscope: records with findings lost, by account: ");
	for (size_t i = 0; i < shown; i++) {
		if (i)
			fputs("; ", stderr);
		print_account(stderr, &rows[i]);
	}
	if (n > shown)
		fprintf(stderr, "; and %zu more accounts", n - shown);
	fputc('\n', stderr);
}
