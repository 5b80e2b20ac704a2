// SPDX-License-Identifier: GPL-2.0
/*
 * sigscope: watch every rt_sigreturn on the machine, decode the frame the kernel restores, and pair
 * it with the signal delivery that wrote it. main() is the table of contents; each step lives in
 * src/driver/ (driver.h lists who owns what).
 */
#include <stdio.h>
#include <stdlib.h>

#include "driver/driver.h"

#define SIGSCOPE_VERSION "0.1.0"

int main(int argc, char **argv)
{
	struct run r = {.pidfd = -1, .go_fd = -1, .err_fd = -1};
	char err[256];
	int ret = EXIT_USAGE;

	/* 1. Options, and what needs no kernel at all. */
	if (options_parse(argc, argv, &r.opts, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return EXIT_USAGE;
	}
	if (r.opts.show_help || r.opts.show_version) {
		if (r.opts.show_help)
			fputs(options_usage, stdout);
		else
			printf("sigscope %s\n", SIGSCOPE_VERSION);
		return 0;
	}
	if (hold_std_fds(&r) != 0)
		return EXIT_USAGE;
	/* From here on a stop request is honoured, with a summary, at every step of start-up. */
	block_stop_signals();

	/* 2. The policy, the machine, the target: refused early with one line. */
	if (merge_policy(&r) != 0 || check_machine(&r) != 0 || watch_pid(&r) != 0) {
		free(r.policy);
		return EXIT_USAGE;
	}

	/* 3. Output, the held command, the BPF side (probe, load, attach), the rings. */
	if (setup_output(&r) != 0 || fleet_start(&r) != 0 || start_child(&r) != 0 ||
	    stop_requested() || start_bpf_backend(&r) != 0 || open_rings(&r) != 0 ||
	    stop_requested())
		goto stopped_or_failed;
	catch_stop_signals();
	if (nsignals) /* it arrived between the check and the unblocking */
		goto stopped_or_failed;

	/* 4. Trace: release the command, poll until stopped, drain, summarise. */
	reader_priority(&r);
	write_header(&r);
	if (release_child(&r) != 0)
		goto cleanup;
	announce(&r);
	ret = drain_and_finish(&r, run_loop(&r));
	goto cleanup;

stopped_or_failed:
	if (stop_requested())
		ret = stopped_during_startup(&r);
cleanup:
	run_cleanup(&r);
	return run_close_output(&r, ret);
}
