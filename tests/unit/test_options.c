/* options_parse: defaults, every option, strict numbers, command capture and error lines. */
#include <dirent.h>
#include <stdlib.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "unit.h"
#include "cli/options.h"

/* argv as a compound literal, alive only inside the CHECK() that uses it: no pointers kept. */
#define PARSE(o, err, ...) parse_argv((char *[]){"sigscope", __VA_ARGS__, NULL}, (o), (err))
#define EV(t)		   EVENT_BIT(t)

static int parse_argv(char **argv, struct sigscope_options *o, char *err)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	return options_parse(argc, argv, o, err, 256);
}

/* Expects a failure whose message is exactly msg. */
static int parse_fails_with(char **argv, const char *msg)
{
	struct sigscope_options o;
	char err[256];

	if (parse_argv(argv, &o, err) != -1) {
		fprintf(stderr, "  parse unexpectedly succeeded (want \"%s\")\n", msg);
		return 0;
	}
	if (strcmp(err, msg) != 0) {
		fprintf(stderr, "  error \"%s\" != \"%s\"\n", err, msg);
		return 0;
	}
	return 1;
}
#define FAILS(msg, ...) parse_fails_with((char *[]){"sigscope", __VA_ARGS__, NULL}, (msg))

TEST(options_defaults)
{
	struct sigscope_options o;
	char err[256];
	char *argv[] = {"sigscope", NULL};

	CHECK(options_parse(1, argv, &o, err, sizeof(err)) == 0);
	CHECK_STR(err, "");
	CHECK(o.events == EVENTS_DEFAULT && !o.events_given);
	CHECK(o.pid == 0);
	CHECK(o.has_uid == 0);
	CHECK_STR(o.comm, "");
	CHECK(o.cgroup_id == 0);
	CHECK(o.container == NULL);
	CHECK(o.output == OUTPUT_AUTO);
	CHECK(o.write_path == NULL);
	CHECK(o.stack_bytes == 0);
	CHECK(o.hooks == HOOKS_FULL);
	CHECK(o.quiet == 0);
	CHECK(o.reader_normal == 0);
	CHECK(o.command == NULL);
	CHECK(o.show_help == 0 && o.show_version == 0);
}

TEST(options_reader_priority)
{
	struct sigscope_options o;
	char err[256];

	CHECK(PARSE(&o, err, "--reader-priority", "normal") == 0 && o.reader_normal == 1);
	CHECK(PARSE(&o, err, "--reader-priority=realtime") == 0 && o.reader_normal == 0);
	CHECK(FAILS("sigscope: invalid reader priority: 'Normal' (expected realtime or normal)",
		    "--reader-priority", "Normal"));
	CHECK(FAILS("sigscope: option '--reader-priority' requires an argument",
		    "--reader-priority"));
}

TEST(options_each_short_option)
{
	struct sigscope_options o;
	char err[256];

	CHECK(PARSE(&o, err, "-e", "rt_sigreturn", "-p", "1234", "-c", "nginx", "-u", "1000", "-o",
		    "json", "-w", "out.json", "-q") == 0);
	CHECK(o.events == EV(SIGSCOPE_EV_RT_SIGRETURN));
	CHECK(o.pid == 1234);
	CHECK_STR(o.comm, "nginx");
	CHECK(o.has_uid == 1 && o.uid == 1000);
	CHECK(o.output == OUTPUT_JSON);
	CHECK_STR(o.write_path, "out.json");
	CHECK(o.quiet == 1);
	CHECK(o.command == NULL);
}

TEST(options_each_long_option)
{
	struct sigscope_options o;
	char err[256];

	CHECK(PARSE(&o, err, "--events=signal_deliver", "--pid", "1", "--comm=a", "--uid", "0",
		    "--cgroup", "42", "--container", "3f2a", "--output", "table", "--write=x",
		    "--stack-bytes", "64", "--hooks", "light", "--quiet") == 0);
	CHECK(o.events == EV(SIGSCOPE_EV_SIGNAL_DELIVER));
	CHECK(o.pid == 1);
	CHECK_STR(o.comm, "a");
	CHECK(o.has_uid == 1 && o.uid == 0);
	CHECK(o.cgroup_id == 42);
	CHECK_STR(o.container, "3f2a");
	CHECK(o.output == OUTPUT_TABLE);
	CHECK_STR(o.write_path, "x");
	CHECK(o.stack_bytes == 64);
	CHECK(o.hooks == HOOKS_LIGHT);
	CHECK(o.quiet == 1);
}

TEST(options_hooks_and_bounds)
{
	struct sigscope_options o;
	char err[256];

	CHECK(PARSE(&o, err, "--hooks", "enter") == 0 && o.hooks == HOOKS_ENTER);
	CHECK(PARSE(&o, err, "--hooks", "full") == 0 && o.hooks == HOOKS_FULL);
	CHECK(PARSE(&o, err, "--stack-bytes", "0") == 0 && o.stack_bytes == 0);
	CHECK(PARSE(&o, err, "--stack-bytes", "512") == 0 &&
	      o.stack_bytes == SIGSCOPE_STACK_BYTES_MAX);
	CHECK(PARSE(&o, err, "-u", "4294967294") == 0 && o.uid == 4294967294u);
	CHECK(PARSE(&o, err, "-p", "2147483647") == 0 && o.pid == 2147483647);
	CHECK(PARSE(&o, err, "-p", "007") == 0 && o.pid == 7);
	CHECK(PARSE(&o, err, "--out", "json") == 0 && o.output == OUTPUT_JSON);
	CHECK(PARSE(&o, err, "-qp5") == 0 && o.quiet == 1 && o.pid == 5);
	CHECK(PARSE(&o, err, "--container",
		    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef") == 0);
}

TEST(options_help_version)
{
	struct sigscope_options o;
	char err[256];

	CHECK(PARSE(&o, err, "-h") == 0 && o.show_help == 1);
	CHECK(PARSE(&o, err, "--version") == 0 && o.show_version == 1 && o.show_help == 0);
	/* Help wins over an error after it. */
	CHECK(PARSE(&o, err, "--help", "--bogus") == 0 && o.show_help == 1);
	CHECK(strstr(options_usage, "sigscope [OPTIONS] [-- COMMAND [ARGS...]]") != NULL);
	CHECK(strstr(options_usage, "--stack-bytes") != NULL);
}

TEST(options_event_lists)
{
	struct sigscope_options o;
	char err[256];

	CHECK(PARSE(&o, err, "-e", "rt_sigreturn,signal_generate") == 0);
	CHECK(o.events == (EV(SIGSCOPE_EV_RT_SIGRETURN) | EV(SIGSCOPE_EV_SIGNAL_GENERATE)));
	CHECK(PARSE(&o, err, "-e", "all") == 0 && o.events == EVENTS_ALL);
	CHECK(PARSE(&o, err, "-e", "signal_deliver,all") == 0 && o.events == EVENTS_ALL);
	CHECK(PARSE(&o, err, "-e", "signal_deliver,signal_deliver") == 0);
	CHECK(o.events == EV(SIGSCOPE_EV_SIGNAL_DELIVER));
	/* Repeated -e accumulate. */
	CHECK(PARSE(&o, err, "-e", "signal_deliver", "-e", "rt_sigreturn") == 0);
	CHECK(o.events == (EV(SIGSCOPE_EV_SIGNAL_DELIVER) | EV(SIGSCOPE_EV_RT_SIGRETURN)));
	CHECK(FAILS("sigscope: unknown event 'foo' (expected rt_sigreturn, signal_deliver, "
		    "signal_generate, all)",
		    "-e", "foo"));
	CHECK(FAILS("sigscope: unknown event '' (expected rt_sigreturn, signal_deliver, "
		    "signal_generate, all)",
		    "-e", "rt_sigreturn,"));
	CHECK(FAILS("sigscope: unknown event '' (expected rt_sigreturn, signal_deliver, "
		    "signal_generate, all)",
		    "-e", ""));
	CHECK(FAILS("sigscope: unknown event 'rt_sigreturnx' (expected rt_sigreturn, "
		    "signal_deliver, signal_generate, all)",
		    "-e", "signal_deliver,rt_sigreturnx"));
}

TEST(options_invalid_numbers)
{
	static const char *const bad[] = {
	    "", "12x", "x12", "-1", "+1", " 1", "1 ", "0x10", "1.5", "99999999999999999999",
	};
	char opt_p[] = "-p", opt_u[] = "-u", opt_s[] = "--stack-bytes", opt_g[] = "--cgroup";
	char msg[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char val[32];

		snprintf(val, sizeof(val), "%s", bad[i]);
		snprintf(msg, sizeof(msg), "sigscope: invalid PID: '%s'", val);
		CHECK(parse_fails_with((char *[]){"sigscope", opt_p, val, NULL}, msg));
		snprintf(msg, sizeof(msg), "sigscope: invalid UID: '%s'", val);
		CHECK(parse_fails_with((char *[]){"sigscope", opt_u, val, NULL}, msg));
		snprintf(msg, sizeof(msg), "sigscope: invalid stack bytes: '%s' (expected 0-512)",
			 val);
		CHECK(parse_fails_with((char *[]){"sigscope", opt_s, val, NULL}, msg));
	}
	CHECK(FAILS("sigscope: invalid PID: '0'", "-p", "0"));
	CHECK(FAILS("sigscope: invalid PID: '2147483648'", "-p", "2147483648"));
	CHECK(FAILS("sigscope: invalid PID: 'abc'", "--pid=abc"));
	CHECK(FAILS("sigscope: invalid UID: '4294967295'", "-u", "4294967295"));
	CHECK(FAILS("sigscope: invalid UID: '18446744073709551616'", "-u", "18446744073709551616"));
	CHECK(
	    FAILS("sigscope: invalid stack bytes: '513' (expected 0-512)", "--stack-bytes", "513"));
	CHECK(FAILS("sigscope: invalid cgroup id: '0'", "--cgroup", "0"));
	snprintf(msg, sizeof(msg), "sigscope: invalid cgroup id: '%s'", "18446744073709551616");
	CHECK(parse_fails_with((char *[]){"sigscope", opt_g, "18446744073709551616", NULL}, msg));
}

TEST(options_comm_length)
{
	struct sigscope_options o;
	char err[256];

	CHECK(PARSE(&o, err, "-c", "123456789012345") == 0);
	CHECK_STR(o.comm, "123456789012345");
	CHECK(FAILS("sigscope: comm longer than 15 bytes: '1234567890123456'", "-c",
		    "1234567890123456"));
	CHECK(FAILS("sigscope: empty comm", "--comm="));
}

TEST(options_container_hex)
{
	struct sigscope_options o;
	char err[256];
	char long_id[66];

	CHECK(PARSE(&o, err, "--container", "a") == 0);
	CHECK_STR(o.container, "a");
	memset(long_id, 'a', 65);
	long_id[65] = '\0';
	CHECK(FAILS("sigscope: invalid container id: '' (expected 1-64 hex digits [0-9a-f])",
		    "--container", ""));
	CHECK(FAILS("sigscope: invalid container id: '3F2A' (expected 1-64 hex digits [0-9a-f])",
		    "--container", "3F2A"));
	CHECK(FAILS("sigscope: invalid container id: '3f2g' (expected 1-64 hex digits [0-9a-f])",
		    "--container", "3f2g"));
	CHECK(PARSE(&o, err, "--container", long_id) == -1);
	CHECK(strncmp(err, "sigscope: invalid container id: 'aaaa", 37) == 0);
}

TEST(options_output_and_hooks_words)
{
	CHECK(FAILS("sigscope: unknown output format 'yaml' (expected json, tracee-v2, table, "
		    "journal, syslog://HOST:PORT, syslog:///SOCKET, kafka://BROKERS/TOPIC)",
		    "-o", "yaml"));
	CHECK(FAILS("sigscope: unknown hook mode 'none' (expected full, enter, light)", "--hooks",
		    "none"));
}

TEST(options_cgroup)
{
	struct sigscope_options o;
	char err[256];
	char dir[] = "/tmp/sigscope-unit-XXXXXX";
	char file[64], msg0[128];
	struct stat st;
	struct statfs sfs;
	FILE *f;
	int ok;

	CHECK(PARSE(&o, err, "--cgroup", "12345") == 0 && o.cgroup_id == 12345);
	CHECK(PARSE(&o, err, "--cgroup", "18446744073709551615") == 0 && o.cgroup_id == UINT64_MAX);
	CHECK(mkdtemp(dir) != NULL);
	snprintf(file, sizeof(file), "%s/file", dir);
	f = fopen(file, "w");
	CHECK(f != NULL);
	fclose(f);
	/* A directory outside cgroup v2 has an inode that no cgroup id ever equals. */
	snprintf(msg0, sizeof(msg0), "sigscope: cgroup '%s' is not a cgroup v2 directory", dir);
	ok = parse_fails_with((char *[]){"sigscope", "--cgroup", dir, NULL}, msg0);
	if (ok) {
		char msg[128];

		snprintf(msg, sizeof(msg), "sigscope: cgroup '%s' is not a directory", file);
		ok = parse_fails_with((char *[]){"sigscope", "--cgroup", file, NULL}, msg);
	}
	unlink(file);
	rmdir(dir);
	CHECK(ok);
	CHECK(FAILS("sigscope: cgroup '/nonexistent/sigscope': No such file or directory",
		    "--cgroup", "/nonexistent/sigscope"));
	/* Relative: tried as given, then under /sys/fs/cgroup; the first error is reported. */
	CHECK(FAILS("sigscope: cgroup 'no-such-sigscope-cgroup': No such file or directory",
		    "--cgroup", "no-such-sigscope-cgroup"));
	CHECK(FAILS("sigscope: cgroup '/etc' is not a cgroup v2 directory", "--cgroup", "/etc"));
	CHECK(FAILS("sigscope: invalid cgroup: ''", "--cgroup", ""));
	/* The v2 root, where it is mounted: its inode is the id. */
	if (statfs("/sys/fs/cgroup", &sfs) == 0 && sfs.f_type == CGROUP2_SUPER_MAGIC) {
		CHECK(stat("/sys/fs/cgroup", &st) == 0);
		CHECK(PARSE(&o, err, "--cgroup", "/sys/fs/cgroup") == 0 &&
		      o.cgroup_id == (uint64_t)st.st_ino);
	}
}

TEST(options_cgroup_relative_under_root)
{
	struct sigscope_options o;
	char err[256], path[512], name[256];
	struct dirent *de;
	struct stat st;
	DIR *d;
	int found = 0;

	/* Any directory of /sys/fs/cgroup whose name does not also resolve from the cwd. */
	d = opendir("/sys/fs/cgroup");
	if (!d)
		SKIP("no /sys/fs/cgroup");
	while (!found && (de = readdir(d))) {
		if (de->d_name[0] == '.' || stat(de->d_name, &st) == 0)
			continue;
		snprintf(path, sizeof(path), "/sys/fs/cgroup/%s", de->d_name);
		found = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		snprintf(name, sizeof(name), "%s", de->d_name);
	}
	closedir(d);
	if (!found)
		SKIP(
		    "no directory of /sys/fs/cgroup whose name does not also resolve from the cwd");
	CHECK(PARSE(&o, err, "--cgroup", name) == 0);
	CHECK(o.cgroup_id == (uint64_t)st.st_ino);
}

TEST(options_command_after_dashdash)
{
	struct sigscope_options o;
	char err[256];
	char *argv[] = {"sigscope", "-q", "--", "./prog", "-p", "--x", NULL};
	char *argv_w[] = {"sigscope", "-w", "--", NULL};

	CHECK(parse_argv(argv, &o, err) == 0);
	CHECK(o.command == &argv[3]);
	CHECK_STR(o.command[1], "-p");
	CHECK_STR(o.command[2], "--x");
	CHECK(o.command[3] == NULL);
	CHECK(o.pid == 0 && o.quiet == 1);
	/* "--" as an option's argument is not the separator. */
	CHECK(parse_argv(argv_w, &o, err) == 0 && o.command == NULL);
	CHECK_STR(o.write_path, "--");
	CHECK(FAILS("sigscope: missing COMMAND after '--'", "-q", "--"));
	CHECK(FAILS("sigscope: -p and -- COMMAND cannot be combined", "-p", "1", "--", "true"));
}

TEST(options_command_first_non_option)
{
	struct sigscope_options o;
	char err[256];
	char *argv[] = {"sigscope", "-e", "rt_sigreturn", "sleep", "-q", "1", NULL};
	char *argv_dd[] = {"sigscope", "ls", "--", "x", NULL};

	CHECK(parse_argv(argv, &o, err) == 0);
	CHECK(o.command == &argv[3]);
	CHECK_STR(o.command[1], "-q");
	CHECK(o.quiet == 0);
	/* A "--" after the command belongs to the command. */
	CHECK(parse_argv(argv_dd, &o, err) == 0);
	CHECK(o.command == &argv_dd[1]);
	CHECK_STR(o.command[1], "--");
	CHECK(FAILS("sigscope: -p and -- COMMAND cannot be combined", "-p", "1", "true"));
}

TEST(options_unknown_option)
{
	CHECK(FAILS("sigscope: unknown option '--bogus'", "--bogus"));
	CHECK(FAILS("sigscope: unknown option '--bogus'", "--bogus=1"));
	CHECK(FAILS("sigscope: unknown option '-x'", "-x"));
	CHECK(FAILS("sigscope: unknown option '-x'", "-qx"));
	CHECK(FAILS("sigscope: unknown option '--bogus'", "-q", "--bogus", "--pid"));
	CHECK(FAILS("sigscope: ambiguous option '--c'", "--c", "1"));
	CHECK(FAILS("sigscope: option '--quiet' takes no argument", "--quiet=1"));
}

TEST(options_missing_argument)
{
	CHECK(FAILS("sigscope: option '-p' requires an argument", "-p"));
	CHECK(FAILS("sigscope: option '-e' requires an argument", "-qe"));
	CHECK(FAILS("sigscope: option '--pid' requires an argument", "--pid"));
	CHECK(FAILS("sigscope: option '--stack-bytes' requires an argument", "--stack"));
	CHECK(FAILS("sigscope: option '--cgroup' requires an argument", "-q", "--cgroup"));
}

TEST(options_small_error_buffer)
{
	struct sigscope_options o;
	char err[12];
	char *argv[] = {"sigscope", "-p", "abc", NULL};

	CHECK(options_parse(3, argv, &o, err, sizeof(err)) == -1);
	CHECK_STR(err, "sigscope: i");
	CHECK(options_parse(3, argv, &o, NULL, 0) == -1);
}

TEST(options_buffer_size)
{
	struct sigscope_options o;
	char err[256];
	char *ok[] = {"sigscope", "--buffer-kb", "64", NULL};
	char *odd[] = {"sigscope", "--buffer-kb", "48", NULL};
	char *small[] = {"sigscope", "--buffer-kb", "2", NULL};

	CHECK(options_parse(3, ok, &o, err, sizeof(err)) == 0);
	CHECK(o.buffer_kb == 64);
	CHECK(options_parse(3, odd, &o, err, sizeof(err)) == -1);
	CHECK(strstr(err, "invalid buffer size: '48'") != NULL);
	CHECK(options_parse(3, small, &o, err, sizeof(err)) == -1);
	/* 256 MiB at most: the ring is mapped twice, so RSS grows by twice the size. */
	CHECK(PARSE(&o, err, "--buffer-kb", "262144") == 0 && o.buffer_kb == 262144);
	CHECK(FAILS("sigscope: invalid buffer size: '524288' (expected a power of two from 4 to "
		    "262144 KiB)",
		    "--buffer-kb", "524288"));
}

/* Untrusted text in an error is escaped: one line, no terminal escape sequence. */
TEST(options_errors_escape_arguments)
{
	CHECK(FAILS("sigscope: invalid PID: '1\\n2'", "-p", "1\n2"));
	CHECK(FAILS("sigscope: unknown output format '\\x1b[2J\\u202e' (expected json, tracee-v2, "
		    "table, journal, syslog://HOST:PORT, syslog:///SOCKET, kafka://BROKERS/TOPIC)",
		    "-o", "\x1b[2J\xe2\x80\xae"));
	CHECK(FAILS("sigscope: unknown option '--x\\ny'", "--x\ny"));
}

TEST(options_enforce_and_policy)
{
	struct sigscope_options o;
	char err[256];
	char *def[] = {"sigscope", NULL};
	char *bare[] = {"sigscope", "--enforce", NULL};
	char *crit[] = {"sigscope", "--enforce=critical", NULL};
	char *num[] = {"sigscope", "--enforce=2", NULL};
	char *bad[] = {"sigscope", "--enforce=severe", NULL};
	char *pol[] = {"sigscope", "--policy", "/etc/sigscope.yaml", NULL};

	CHECK(options_parse(1, def, &o, err, sizeof(err)) == 0);
	CHECK(o.enforce == -1 && !o.enforce_set && o.policy_path == NULL);
	CHECK(options_parse(2, bare, &o, err, sizeof(err)) == 0);
	CHECK(o.enforce == 3 && o.enforce_set);
	CHECK(options_parse(2, crit, &o, err, sizeof(err)) == 0);
	CHECK(o.enforce == 4);
	CHECK(options_parse(2, num, &o, err, sizeof(err)) == 0);
	CHECK(o.enforce == 2);
	CHECK(options_parse(2, bad, &o, err, sizeof(err)) == -1);
	CHECK(strstr(err, "invalid severity: 'severe'") != NULL);
	CHECK(options_parse(3, pol, &o, err, sizeof(err)) == 0);
	CHECK_STR(o.policy_path, "/etc/sigscope.yaml");
}
