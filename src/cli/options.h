/* Command-line options of sigscope. */
#ifndef SIGSCOPE_CLI_OPTIONS_H
#define SIGSCOPE_CLI_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "../shared/sigscope_event.h"
#include "../decode/names.h"
#include "../output/fleet.h"

enum output_format { OUTPUT_AUTO = 0, OUTPUT_JSON, OUTPUT_TABLE, OUTPUT_TRACEE_V2 };

/* Which hooks carry the sigreturn event (see README "Hook modes"). */
enum hook_mode {
	HOOKS_FULL = 0, /* raw sys_enter + raw sys_exit: every ABI, restored registers */
	HOOKS_ENTER,	/* raw sys_enter only: every ABI, frame as read at entry */
	HOOKS_LIGHT,	/* syscalls:sys_enter_rt_sigreturn only: x86_64 ABI only, cheapest */
};

/* Which kind of hook carries the sigreturn (README "Backends"). */
enum backend {
	BACKEND_AUTO = 0,   /* trampoline when the kernel allows it, else tracepoint */
	BACKEND_TRAMPOLINE, /* fentry/fexit on the sigreturn syscalls: nothing on other syscalls */
	BACKEND_TRACEPOINT, /* raw syscall tracepoints, per --hooks */
};

struct sigscope_options {
	uint32_t events;  /* EVENT_BIT mask */
	int events_given; /* -e was given (a policy's events apply only without it) */
	int pid;	  /* 0: any */
	int has_uid;
	uint32_t uid;
	char comm[SIGSCOPE_COMM_LEN]; /* "" : any */
	uint64_t cgroup_id;    /* 0: any; from --cgroup PATH (inode of the directory) or ID */
	const char *container; /* container id prefix, NULL: any */
	enum output_format output;
	const char *write_path; /* -w FILE, NULL: stdout */
	uint32_t stack_bytes;	/* 0..SIGSCOPE_STACK_BYTES_MAX */
	enum hook_mode hooks;
	int hooks_set; /* --hooks given: the tracepoint backend is wanted */
	enum backend backend;
	uint32_t buffer_kb; /* ring buffer size in KiB: a power of two, at least one page */
	int enforce;	    /* minimum severity that kills (enum sigscope_severity), -1: off */
	int enforce_set;    /* --enforce given: overrides the policy's threshold */
	const char *policy_path;
	int reader_normal; /* --reader-priority normal: the reader stays SCHED_OTHER */
	int quiet;   /* -q: no periodic drop reports or start-up lines on stderr (summary stays) */
	int verbose; /* -v: libbpf's own messages on stderr */
	char **command; /* argv after "--", NULL when none */
	int show_help;
	int show_version;
	/* issue 9 (src/output/fleet.h): journal, syslog and kafka outputs given to -o, parsed;
	 * whether -o named a stream format; --metrics FILE every metrics_interval seconds. */
	struct output_spec outputs[OPT_OUTPUTS_MAX];
	int noutputs;
	int stream_set;
	const char *metrics_path;
	uint32_t metrics_interval;
};

/*
 * Parse argv into opts (defaults first). Returns 0, or -1 with a one-line message (no newline,
 * starting "sigscope: ") in err. Does not print or exit: main() does.
 */
int options_parse(int argc, char **argv, struct sigscope_options *opts, char *err, int errlen);

/* Comma list of event names ("all" too) ORed into *mask; -1 with a one-line message otherwise. */
int options_parse_events(const char *list, uint32_t *mask, char *err, int errlen);

/* A cgroup v2 directory (absolute, or relative to /sys/fs/cgroup) or a numeric id -> the id. */
int options_parse_cgroup(const char *arg, uint64_t *id, char *err, int errlen);

/* output_spec.c: one -o argument parsed (README "Deploying on a fleet"). 0, or -1 with a one-line
 * "sigscope: ..." message in err. */
int output_spec_parse(const char *arg, struct output_spec *spec, char *err, size_t errlen);

/* The -o option: a stream format sets opts->output, anything else joins opts->outputs. */
int options_add_output(struct sigscope_options *opts, const char *arg, char *err, int errlen);

/* Do events go to the stream (stdout or -w)? Yes unless only fleet outputs were asked for. */
int options_stream_active(const struct sigscope_options *opts);

/* The --help text, with EXAMPLES. */
extern const char options_usage[];

#endif
