/* Command-line parsing for sigscope: getopt_long, strict number checks, one-line errors. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "../output/fleet.h"
#include "../util/text.h"

#define CGROUP_ROOT	 "/sys/fs/cgroup"
#define CONTAINER_ID_MAX 64
#define UID_MAX_VALID	 4294967294u /* (uid_t)-1 means "no uid" to the kernel */
#define BUFFER_KB_MAX	 262144u     /* 256 MiB: the ring is mapped twice, RSS about 2x */

/* Long-only options get values outside the char range. */
enum {
	OPT_CGROUP = 256,
	OPT_CONTAINER,
	OPT_STACK_BYTES,
	OPT_HOOKS,
	OPT_BUFFER,
	OPT_ENFORCE,
	OPT_POLICY,
	OPT_BACKEND,
	OPT_METRICS,
	OPT_METRICS_INTERVAL,
	OPT_READER_PRIORITY
};

/* "+": stop at the first non-option (it starts the command); ":": report a missing argument. */
static const char short_opts[] = "+:e:p:c:u:o:w:qvhV";

static const struct option long_opts[] = {
    {"events", required_argument, NULL, 'e'},
    {"pid", required_argument, NULL, 'p'},
    {"comm", required_argument, NULL, 'c'},
    {"uid", required_argument, NULL, 'u'},
    {"cgroup", required_argument, NULL, OPT_CGROUP},
    {"container", required_argument, NULL, OPT_CONTAINER},
    {"output", required_argument, NULL, 'o'},
    {"write", required_argument, NULL, 'w'},
    {"stack-bytes", required_argument, NULL, OPT_STACK_BYTES},
    {"hooks", required_argument, NULL, OPT_HOOKS},
    {"buffer-kb", required_argument, NULL, OPT_BUFFER},
    {"enforce", optional_argument, NULL, OPT_ENFORCE},
    {"policy", required_argument, NULL, OPT_POLICY},
    {"backend", required_argument, NULL, OPT_BACKEND},
    {"metrics", required_argument, NULL, OPT_METRICS},
    {"metrics-interval", required_argument, NULL, OPT_METRICS_INTERVAL},
    {"reader-priority", required_argument, NULL, OPT_READER_PRIORITY},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

const char options_usage[] =
    "usage: sigscope [OPTIONS] [-- COMMAND [ARGS...]]\n"
    "\n"
    "Trace rt_sigreturn and signal delivery: each sigreturn with the frame the kernel\n"
    "restores, paired with the delivery that wrote it. With COMMAND, run it and trace it\n"
    "and its descendants; like strace, the command may also follow the options without \"--\".\n"
    "\n"
    "options:\n"
    "  -e, --events LIST     comma-separated: rt_sigreturn, signal_deliver, signal_generate,\n"
    "                        all; may be repeated (default: rt_sigreturn, which names its\n"
    "                        delivery; a sigreturn with a finding is written whatever LIST)\n"
    "  -p, --pid PID         trace only this process and its descendants; it must exist,\n"
    "                        and sigscope ends when it exits (default: every process)\n"
    "  -c, --comm NAME       trace only tasks whose comm is exactly NAME, at most 15 bytes\n"
    "                        (default: any)\n"
    "  -u, --uid UID         trace only tasks of this user id (default: any)\n"
    "      --cgroup PATH|ID  trace only this cgroup v2: a directory (a relative PATH is also\n"
    "                        looked up under " CGROUP_ROOT ") or a numeric id (default: any)\n"
    "      --container ID    trace only the container whose id starts with ID, 1-64 hex\n"
    "                        digits (default: any)\n"
    "  -o, --output FORMAT   json (Tracee's trace.Event), tracee-v2 (the layout of current\n"
    "                        Tracee's --output json) or table (default: table on a terminal,\n"
    "                        json otherwise); or, repeatable, one of journal,\n"
    "                        syslog://HOST:PORT, syslog:///SOCKET, kafka://BROKERS/TOPIC,\n"
    "                        each optionally followed by :findings (only finding and\n"
    "                        enforcement events); with only those, stdout gets no events\n"
    "  -w, --write FILE      append events to FILE, reopened on SIGHUP and SIGUSR1 (for\n"
    "                        logrotate): not through a symbolic link, not another\n"
    "                        user's file in a sticky directory, created 0600; a FIFO gets\n"
    "                        5 s to find a reader (default: stdout)\n"
    "      --stack-bytes N   also copy N bytes (0-512) of user stack at the restored stack\n"
    "                        pointer (default: 0)\n"
    "      --backend B       auto, trampoline or tracepoint, see below (default: auto)\n"
    "      --hooks MODE      full, enter or light: the tracepoint backend's hooks, see below\n"
    "                        (default: full; giving it selects the tracepoint backend)\n"
    "      --enforce[=SEV]   kill (SIGKILL, from the kernel hook) a process whose sigreturn\n"
    "                        raises a finding of severity SEV or above: info, low, medium,\n"
    "                        high, critical (default when given: high; default: off)\n"
    "      --policy FILE     YAML policy: allowed findings per executable, the enforcement\n"
    "                        threshold, tracing scope (see README \"Policy\")\n"
    "      --buffer-kb N     ring buffer size in KiB, a power of two from 4 to 262144;\n"
    "                        events that do not fit are counted and reported (default: 16384)\n"
    "      --metrics FILE    rewrite FILE (atomically) with Prometheus counters for\n"
    "                        node-exporter's textfile collector (default: off)\n"
    "      --metrics-interval N  seconds between rewrites, 1-86400 (default: 15)\n"
    "      --reader-priority P  realtime (SCHED_FIFO 1: a burst of runnable threads cannot\n"
    "                        starve the reader until the ring overflows) or normal\n"
    "                        (default: realtime; normal where the kernel refuses it)\n"
    "  -q, --quiet           no start-up lines or periodic drop reports on stderr; the\n"
    "                        final summary stays (default: off)\n"
    "  -v, --verbose         also show libbpf's messages (program loading, the verifier)\n"
    "                        (default: off)\n"
    "  -h, --help            show this help and exit\n"
    "  -V, --version         show the version and exit\n"
    "\n"
    "backends:\n"
    "  trampoline  fentry/fexit on the sigreturn syscalls: every ABI, restored registers;\n"
    "              other syscalls pay nothing. Locked-down kernels refuse it\n"
    "  tracepoint  raw syscall tracepoints, per --hooks; works everywhere\n"
    "  auto        trampoline if the kernel allows it, else tracepoint (says why on stderr)\n"
    "\n"
    "hook modes (backend tracepoint):\n"
    "  full   raw sys_enter + sys_exit: every ABI (x86_64, ia32, int $0x80 from 64-bit);\n"
    "         the registers the kernel restored are read at exit and are authoritative\n"
    "  enter  raw sys_enter only: every ABI; the frame as read at entry\n"
    "  light  the syscalls:sys_enter_rt_sigreturn tracepoint only: x86_64 sigreturns only;\n"
    "         cheapest for unrelated syscalls\n"
    "\n"
    "exit status:\n"
    "  0 on success, 2 on bad options or errors; with COMMAND, the command's exit status\n"
    "  (128+N if signal N killed it).\n"
    "\n"
    "examples:\n"
    "  sigscope                              # trace the whole machine\n"
    "  sigscope -- ./prog                    # run ./prog and trace it\n"
    "  sigscope -p 1234 -o json -w out.json  # trace PID 1234, JSON into out.json\n"
    "  sigscope -e rt_sigreturn -c nginx     # only sigreturns of tasks named nginx\n"
    "  sigscope --container 3f2a             # only the container with id 3f2a...\n"
    "  sigscope --stack-bytes 64             # also copy 64 bytes of the restored stack\n"
    "  sigscope --enforce=critical -- ./prog # kill ./prog if it forges a signal frame\n";

static int fail(char *err, int errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, int errlen, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int n;

	if (!err || errlen <= 0)
		return -1;
	n = snprintf(msg, sizeof(msg), "sigscope: ");
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	/* Arguments are untrusted: a newline or an escape sequence must not reach the terminal. */
	text_escape(msg, err, (size_t)errlen);
	return -1;
}

/* Decimal only: strtoull alone would accept "", " 1", "-1" (negated) and "0x1". */
static int parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

/* A later -e adds to the set an earlier -e started; the default (rt_sigreturn) is replaced. */
int options_parse_events(const char *list, uint32_t *mask, char *err, int errlen)
{
	const char *p = list;

	for (;;) {
		size_t len = strcspn(p, ",");
		uint32_t bit = event_mask_of(p, len);

		if (!bit)
			return fail(err, errlen,
				    "unknown event '%.*s' (expected rt_sigreturn, signal_deliver, "
				    "signal_generate, all)",
				    (int)len, p);
		*mask |= bit;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

int options_parse_cgroup(const char *arg, uint64_t *id, char *err, int errlen)
{
	char path[PATH_MAX];
	const char *where = arg;
	struct stat st;
	struct statfs sfs;
	int saved;

	if (arg[0] == '\0')
		return fail(err, errlen, "invalid cgroup: ''");
	if (arg[strspn(arg, "0123456789")] == '\0') {
		/* Id 0 would mean "any cgroup". */
		if (parse_u64(arg, UINT64_MAX, id) || *id == 0)
			return fail(err, errlen, "invalid cgroup id: '%s'", arg);
		return 0;
	}
	if (stat(arg, &st) != 0) {
		saved = errno;
		if (arg[0] == '/' ||
		    snprintf(path, sizeof(path), CGROUP_ROOT "/%s", arg) >= (int)sizeof(path) ||
		    stat(path, &st) != 0)
			return fail(err, errlen, "cgroup '%s': %s", arg, strerror(saved));
		where = path;
	}
	if (!S_ISDIR(st.st_mode))
		return fail(err, errlen, "cgroup '%s' is not a directory", arg);
	/* Only on cgroup v2 is the inode the id; a v1 or any other directory would match nothing
	 * (or, for a v1 root, everything). */
	if (statfs(where, &sfs) != 0 || sfs.f_type != CGROUP2_SUPER_MAGIC)
		return fail(err, errlen, "cgroup '%s' is not a cgroup v2 directory", arg);
	/* On cgroup v2 a directory's inode number is the id bpf_get_current_cgroup_id() returns. */
	*id = st.st_ino;
	return 0;
}

/* Long option names are matched by unique prefix, so name the option as getopt_long saw it. */
static int bad_option(int argc, char **argv, int cur, int opt, char *err, int errlen)
{
	const char *arg = cur < argc ? argv[cur] : "";
	size_t len, i;
	int matches = 0;

	if (strncmp(arg, "--", 2) != 0) {
		if (opt == ':')
			return fail(err, errlen, "option '-%c' requires an argument", optopt);
		return fail(err, errlen, "unknown option '-%c'", optopt);
	}
	arg += 2;
	len = strcspn(arg, "=");
	for (i = 0; long_opts[i].name; i++) {
		if (optopt && long_opts[i].val == optopt)
			return fail(err, errlen,
				    opt == ':' ? "option '--%s' requires an argument"
					       : "option '--%s' takes no argument",
				    long_opts[i].name);
		if (strncmp(long_opts[i].name, arg, len) == 0)
			matches++;
	}
	if (matches > 1)
		return fail(err, errlen, "ambiguous option '--%.*s'", (int)len, arg);
	return fail(err, errlen, "unknown option '--%.*s'", (int)len, arg);
}

static void set_defaults(struct sigscope_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->events = EVENTS_DEFAULT;
	opts->output = OUTPUT_AUTO;
	opts->hooks = HOOKS_FULL;
	/* README "Reliability": 4 MiB loses no burst, but the reader falls behind once at a Node.js
	 * process's first findings, and anything under 16 MiB then overflowed. */
	opts->buffer_kb = 16384;
	opts->enforce = -1;
	opts->metrics_interval = 15;
}

int options_parse(int argc, char **argv, struct sigscope_options *opts, char *err, int errlen)
{
	int events_given = 0, cur, opt;
	uint64_t v;

	set_defaults(opts);
	if (err && errlen > 0)
		err[0] = '\0';
	if (argc < 1)
		return 0;
	/* 0, not 1: glibc (and musl) then reset all scanning state, so repeated parses work. */
	optind = 0;
	opterr = 0;
	for (;;) {
		cur = optind ? optind : 1;
		opt = getopt_long(argc, argv, short_opts, long_opts, NULL);
		if (opt == -1)
			break;
		switch (opt) {
		case 'e':
			if (!events_given)
				opts->events = 0;
			events_given = opts->events_given = 1;
			if (options_parse_events(optarg, &opts->events, err, errlen))
				return -1;
			break;
		case 'p':
			if (parse_u64(optarg, INT_MAX, &v) || v == 0)
				return fail(err, errlen, "invalid PID: '%s'", optarg);
			opts->pid = (int)v;
			break;
		case 'c':
			if (strlen(optarg) >= SIGSCOPE_COMM_LEN)
				return fail(err, errlen, "comm longer than %d bytes: '%s'",
					    SIGSCOPE_COMM_LEN - 1, optarg);
			if (optarg[0] == '\0')
				return fail(err, errlen, "empty comm");
			strcpy(opts->comm, optarg);
			break;
		case 'u':
			if (parse_u64(optarg, UID_MAX_VALID, &v))
				return fail(err, errlen, "invalid UID: '%s'", optarg);
			opts->uid = (uint32_t)v;
			opts->has_uid = 1;
			break;
		case OPT_CGROUP:
			if (options_parse_cgroup(optarg, &opts->cgroup_id, err, errlen))
				return -1;
			break;
		case OPT_CONTAINER: {
			size_t len = strlen(optarg);

			if (len == 0 || len > CONTAINER_ID_MAX ||
			    optarg[strspn(optarg, "0123456789abcdef")] != '\0')
				return fail(err, errlen,
					    "invalid container id: '%s' (expected 1-%d hex digits "
					    "[0-9a-f])",
					    optarg, CONTAINER_ID_MAX);
			opts->container = optarg;
			break;
		}
		case 'o': /* src/output/spec.c */
			if (options_add_output(opts, optarg, err, errlen) != 0)
				return -1;
			break;
		case OPT_METRICS:
			if (optarg[0] == '\0')
				return fail(err, errlen, "empty --metrics file name");
			opts->metrics_path = optarg;
			break;
		case OPT_METRICS_INTERVAL:
			if (parse_u64(optarg, 86400, &v) || v == 0)
				return fail(
				    err, errlen,
				    "invalid metrics interval: '%s' (expected 1-86400 seconds)",
				    optarg);
			opts->metrics_interval = (uint32_t)v;
			break;
		case OPT_READER_PRIORITY:
			if (strcmp(optarg, "realtime") && strcmp(optarg, "normal"))
				return fail(err, errlen,
					    "invalid reader priority: '%s' (expected realtime or "
					    "normal)",
					    optarg);
			opts->reader_normal = strcmp(optarg, "normal") == 0;
			break;
		case 'w':
			opts->write_path = optarg;
			break;
		case OPT_STACK_BYTES:
			if (parse_u64(optarg, SIGSCOPE_STACK_BYTES_MAX, &v))
				return fail(err, errlen,
					    "invalid stack bytes: '%s' (expected 0-%d)", optarg,
					    SIGSCOPE_STACK_BYTES_MAX);
			opts->stack_bytes = (uint32_t)v;
			break;
		case OPT_ENFORCE:
			opts->enforce = severity_from_name(optarg ? optarg : "high");
			if (opts->enforce < 0)
				return fail(
				    err, errlen,
				    "invalid severity: '%s' (expected info, low, medium, high, "
				    "critical or 0-4)",
				    optarg);
			opts->enforce_set = 1;
			break;
		case OPT_BACKEND:
			if (strcmp(optarg, "auto") == 0)
				opts->backend = BACKEND_AUTO;
			else if (strcmp(optarg, "trampoline") == 0)
				opts->backend = BACKEND_TRAMPOLINE;
			else if (strcmp(optarg, "tracepoint") == 0)
				opts->backend = BACKEND_TRACEPOINT;
			else
				return fail(err, errlen,
					    "unknown backend '%s' (expected auto, trampoline, "
					    "tracepoint)",
					    optarg);
			break;
		case OPT_POLICY:
			opts->policy_path = optarg;
			break;
		case OPT_BUFFER:
			if (parse_u64(optarg, BUFFER_KB_MAX, &v) || v < 4 || (v & (v - 1)))
				return fail(
				    err, errlen,
				    "invalid buffer size: '%s' (expected a power of two from "
				    "4 to %u KiB)",
				    optarg, BUFFER_KB_MAX);
			opts->buffer_kb = (uint32_t)v;
			break;
		case OPT_HOOKS:
			opts->hooks_set = 1;
			if (strcmp(optarg, "full") == 0)
				opts->hooks = HOOKS_FULL;
			else if (strcmp(optarg, "enter") == 0)
				opts->hooks = HOOKS_ENTER;
			else if (strcmp(optarg, "light") == 0)
				opts->hooks = HOOKS_LIGHT;
			else
				return fail(err, errlen,
					    "unknown hook mode '%s' (expected full, enter, light)",
					    optarg);
			break;
		case 'q':
			opts->quiet = 1;
			break;
		case 'v':
			opts->verbose = 1;
			break;
		/* Help and version win over anything after them, as in most tools. */
		case 'h':
			opts->show_help = 1;
			return 0;
		case 'V':
			opts->show_version = 1;
			return 0;
		default: /* '?' unknown, ':' missing argument */
			return bad_option(argc, argv, cur, opt, err, errlen);
		}
	}
	if (optind < argc) {
		opts->command = &argv[optind];
	} else if (optind > cur && strcmp(argv[cur], "--") == 0) {
		return fail(err, errlen, "missing COMMAND after '--'");
	}
	if (opts->command && opts->pid)
		return fail(err, errlen, "-p and -- COMMAND cannot be combined");
	return 0;
}
