// SPDX-License-Identifier: GPL-2.0
/*
 * Signals: stop requests (SIGINT, SIGTERM) and the command's end (SIGCHLD), the SIGALRM that
 * wakes a write blocked on stuck output, and when such a write gives up.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>

#include "driver.h"
#include "../util/report.h"

#define DRAIN_MAX_NS 3000000000ull /* a stopping run waits this long on stuck output */

/* Stop requests (SIGINT, SIGTERM): the first stops (or is forwarded to the command), a second
 * kills the command and gives up on stuck output. */
volatile sig_atomic_t nsignals;
volatile sig_atomic_t exit_signal;
volatile sig_atomic_t child_pid;
sigset_t child_mask;
static uint64_t stop_ns; /* CLOCK_MONOTONIC of the first stop request */
/* The command exited: the run is ending, so output that does not move is given up on after
 * DRAIN_MAX_NS, as after a stop request (the main loop reaps it). */
volatile sig_atomic_t command_exited;

/* Wakes a write blocked on stuck output every 200 ms (it returns EINTR) to check the limits. */
static void arm_drain_timer(void)
{
	struct itimerval it = {{0, 200000}, {0, 200000}};

	setitimer(ITIMER_REAL, &it, NULL);
}

static void on_signal(int sig)
{
	int saved = errno;

	if (nsignals < 100)
		nsignals++;
	exit_signal = sig;
	if (nsignals == 1) {
		stop_ns = monotonic_ns();
		arm_drain_timer();
	}
	/* The command gets the first request; a second one kills it (it may ignore TERM). */
	if (child_pid > 0)
		kill(child_pid, nsignals == 1 ? sig : SIGKILL);
	errno = saved;
}

static void on_child(int sig)
{
	int saved = errno;

	(void)sig;
	if (!command_exited && !nsignals) {
		stop_ns = monotonic_ns();
		arm_drain_timer();
	}
	command_exited = 1;
	errno = saved;
}

static void on_alarm(int sig)
{
	(void)sig; /* only there to interrupt a blocked write(2) */
}

/* A write that made no progress for DRAIN_MAX_NS after a stop request, or a second request,
 * gives up: the hooks must not stay attached behind a reader that never reads. */
int give_up_writing(uint64_t last_progress)
{
	uint64_t since;

	if (!nsignals && !command_exited)
		return 0;
	if (nsignals >= 2)
		return 1;
	since = last_progress > stop_ns ? last_progress : stop_ns;
	return monotonic_ns() - since > DRAIN_MAX_NS;
}

/* SIGINT and SIGTERM stay blocked during start-up (pending ones are seen by stop_requested()):
 * catching them from the start would tell run_cli.py's readiness check (both caught means
 * attached) a lie. The SIGALRM handler and SIGPIPE's disposition are set now. */
void block_stop_signals(void)
{
	struct sigaction sa = {0};
	sigset_t stop;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, &child_mask);
	sa.sa_handler = on_alarm; /* no SA_RESTART: a blocked write(2) returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	/* A closed stdout is an EPIPE to handle (the summary still goes to stderr), not death. */
	signal(SIGPIPE, SIG_IGN);
}

/* A stop request: caught (after start-up), or pending (during it). Sets exit_signal. */
int stop_requested(void)
{
	sigset_t pending;

	if (nsignals)
		return 1;
	if (sigpending(&pending) != 0)
		return 0;
	if (sigismember(&pending, SIGINT))
		exit_signal = SIGINT;
	else if (sigismember(&pending, SIGTERM))
		exit_signal = SIGTERM;
	return exit_signal != 0;
}

/* Everything is attached: stop requests are caught from now on (one pending arrives at once). */
void catch_stop_signals(void)
{
	struct sigaction sa = {0};
	sigset_t stop;

	sa.sa_handler = on_signal; /* no SA_RESTART, as for SIGALRM */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &stop, NULL);
}

/* The run is ending, whatever ended the loop: stuck output is given up on from now. */
void start_bounded_drain(void)
{
	if (!nsignals && !command_exited)
		stop_ns = monotonic_ns();
	command_exited = 1;
	arm_drain_timer();
}
