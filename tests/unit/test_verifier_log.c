/* The one line a refused program gets (src/decode/verifier_log.c), from logs real and hostile. */
#include <stdlib.h>

#include "decode/verifier_log.h"
#include "unit.h"

/* issue 15's refusal on 6.18.44, as libbpf 1.1 prints it (trimmed). */
static const char log_6_18[] =
    "libbpf: prog 'signal_deliver': BPF program load failed: Permission denied\n"
    "libbpf: prog 'signal_deliver': -- BEGIN PROG LOAD LOG --\n"
    "; int BPF_PROG(signal_deliver, int sig, struct kernel_siginfo *info) @ signal.bpf.h:34\n"
    "func 'signal_deliver' arg1 has btf_id 446 type STRUCT 'kernel_siginfo'\n"
    "marking pointer arg1 as scalar as it may encode error5: R1=ctx() R7=scalar()\n"
    "from 4 to 9: R0=map_value(map=delivery_scratch) R10=fp0\n"
    "; out->signo = info->si_signo; @ signal.bpf.h:16\n"
    "95: (61) r3 = *(u32 *)(r7 +0)\n"
    "R3 invalid mem access 'scalar'\n"
    "processed 95 insns (limit 1000000) max_states_per_insn 0 total_states 5 peak_states 5 "
    "mark_read 3\n"
    "-- END PROG LOAD LOG --\n"
    "libbpf: prog 'signal_deliver': failed to load: -13\n"
    "libbpf: failed to load object 'sigscope_bpf'\n";

static void feed_in_chunks(struct verifier_log *v, const char *s, size_t n, size_t chunk)
{
	for (size_t i = 0; i < n; i += chunk)
		verifier_log_feed(v, s + i, n - i < chunk ? n - i : chunk);
}

TEST(verifier_log_6_18_any_split)
{
	static const size_t chunks[] = {1, 2, 7, 64, 4096};
	struct verifier_log v;
	char line[512];

	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		verifier_log_reset(&v);
		feed_in_chunks(&v, log_6_18, sizeof(log_6_18) - 1, chunks[c]);
		CHECK_STR(v.prog, "signal_deliver");
		CHECK_STR(v.reason, "R3 invalid mem access 'scalar'");
		CHECK_STR(v.source, "signal.bpf.h:16");
		CHECK_STR(verifier_log_line(&v, "6.18.44", line, sizeof(line)),
			  "kernel 6.18.44 refused signal_deliver: R3 invalid mem access 'scalar' "
			  "(signal.bpf.h:16)");
	}
}

/* 6.1: annotations carry no "@ file:line"; the code stands in. The log's last line has no
 * newline: the END marker is glued to it. */
TEST(verifier_log_6_1_and_glued_end)
{
	static const char log[] = "libbpf: prog 'follow_fork': BPF program load failed: Invalid "
				  "argument\n"
				  "libbpf: prog 'follow_fork': -- BEGIN PROG LOAD LOG --\n"
				  ";   d->x = p->y;\n"
				  "12: (79) r1 = *(u64 *)(r0 +8)\n"
				  "invalid access to map value, value_size=8 off=8 size=8\n"
				  "R0 min value is outside of the allowed memory range"
				  "-- END PROG LOAD LOG --\n"
				  "libbpf: prog 'follow_fork': failed to load: -22\n";
	struct verifier_log v;
	char line[512];

	verifier_log_reset(&v);
	verifier_log_feed(&v, log, sizeof(log) - 1);
	CHECK_STR(v.prog, "follow_fork");
	CHECK_STR(v.reason, "R0 min value is outside of the allowed memory range");
	CHECK_STR(v.source, "d->x = p->y;");
	CHECK_STR(verifier_log_line(&v, "6.1.0-40-amd64", line, sizeof(line)),
		  "kernel 6.1.0-40-amd64 refused follow_fork: R0 min value is outside of the "
		  "allowed memory range (d->x = p->y;)");
}

/* A failure that is not a refusal (a map the kernel would not create): no line, the caller says
 * what libbpf's errno says. A log whose END never came is ended by libbpf's next line. */
TEST(verifier_log_not_a_refusal)
{
	static const char maps[] = "libbpf: map 'events': failed to create: Invalid argument(-22)\n"
				   "libbpf: failed to load object 'sigscope_bpf'\n";
	static const char no_end[] = "libbpf: prog 'x': -- BEGIN PROG LOAD LOG --\n"
				     "R1 type=scalar expected=fp\n"
				     "libbpf: prog 'x': failed to load: -13\n"
				     "libbpf: failed to load object 'sigscope_bpf'\n";
	struct verifier_log v;
	char line[64];

	verifier_log_reset(&v);
	verifier_log_feed(&v, maps, sizeof(maps) - 1);
	CHECK(verifier_log_line(&v, "6.18.44", line, sizeof(line)) == NULL);
	verifier_log_reset(&v);
	verifier_log_feed(&v, no_end, sizeof(no_end) - 1);
	CHECK_STR(v.reason, "R1 type=scalar expected=fp");
	CHECK(!v.in_log);
}

/* Hostile and huge: 8 MiB lines, NUL bytes, a million lines, names and annotations longer
 * than their fields. Fixed memory, every field terminated and cut, the line one line. */
TEST(verifier_log_hostile_bounded)
{
	const size_t big = 8u << 20;
	char *s = malloc(big);
	struct verifier_log v;
	char line[1024];

	CHECK(s != NULL);
	verifier_log_reset(&v);
	memset(s, 'n', 300);
	verifier_log_feed(&v, "libbpf: prog '", 14);
	verifier_log_feed(&v, s, 300);
	verifier_log_feed(&v, "': -- BEGIN PROG LOAD LOG --\n; ", 31);
	memset(s, 'a', big);
	s[100] = '\0';
	verifier_log_feed(&v, s, big);
	verifier_log_feed(&v, " @ f.h:1\n", 9); /* too far out: the code is taken, cut */
	for (int i = 0; i < 1000000; i++)
		verifier_log_feed(&v, "7: (b7) r0 = 0\n", 15);
	memset(s, 'E', big);
	verifier_log_feed(&v, s, big);
	verifier_log_feed(&v, "\n-- END PROG LOAD LOG --\nlibbpf: x\n", 35);
	free(s);
	CHECK(strlen(v.prog) == sizeof(v.prog) - 1);
	CHECK(strlen(v.reason) == sizeof(v.reason) - 1 && v.reason[0] == 'E');
	CHECK(strlen(v.source) == sizeof(v.source) - 1 && v.source[0] == 'a');
	CHECK(!v.in_log);
	CHECK(verifier_log_line(&v, "6.18.44", line, sizeof(line)) != NULL);
	CHECK(strchr(line, '\n') == NULL);
	CHECK(strlen(line) < sizeof(v.prog) + sizeof(v.reason) + sizeof(v.source) + 40);
	/* A tiny output buffer is cut, terminated. */
	CHECK(verifier_log_line(&v, "6.18.44", line, 5) != NULL && strlen(line) == 4);
}
