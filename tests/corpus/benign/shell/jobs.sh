#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#
# A benign job-control workload for sigscope's corpus (tests/corpus/run_benign.py): bash with
# job control (set -m) runs background jobs in their own process groups, stops and continues
# them (SIGSTOP/SIGCONT), reaps them (SIGCHLD, which bash handles with a C handler,
# and a `trap ... CHLD`), and traps SIGUSR1/SIGUSR2/SIGALRM/SIGCONT/SIGTERM in the jobs and in
# itself. Every handler bash installs returns with rt_sigreturn.
#
# Usage: jobs.sh [SECONDS]   (default 5). Prints one summary line and exits 0.
set -m
set -u

SECS=${1:-5}
now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }
end=$(($(now_us) + ${SECS%.*} * 1000000))
me=$$
ready=$(mktemp -d)
trap 'rm -rf "$ready"' EXIT
usr1=0 usr2=0 chld=0 rounds=0 stopped=0 reaped=0

trap 'usr1=$((usr1 + 1))' USR1
trap 'usr2=$((usr2 + 1))' USR2
trap 'chld=$((chld + 1))' CHLD

# Wait until job PID has installed its traps (a signal before that would kill it).
await() {
	while [ ! -e "$ready/$1" ]; do
		sleep 0.001
	done
}

# A job that counts the signals it traps until told to finish.
job() {
	# shellcheck disable=SC2034 # n and c count in the traps
	local n=0 t=0 c=0
	trap 'n=$((n + 1))' USR1
	trap 'c=$((c + 1))' CONT
	trap 't=1' TERM
	: >"$ready/$BASHPID"
	while [ "$t" = 0 ]; do
		sleep 0.01 # interrupted by the traps; bash waits for it again
	done
	exit 0
}

# A busy job: interrupted in user mode, not in a system call.
spin() {
	local i=0 t=0
	trap 't=1' TERM
	trap ':' USR2 ALRM
	: >"$ready/$BASHPID"
	while [ "$t" = 0 ]; do
		i=$((i + 1))
	done
	exit 0
}

while [ "$(now_us)" -lt "$end" ]; do
	job &
	a=$!
	job &
	b=$!
	spin &
	s=$!
	await "$a"
	await "$b"
	await "$s"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		kill -USR1 "$a" "$b" 2>/dev/null
		kill -USR2 "$s" 2>/dev/null
		kill -ALRM "$s" 2>/dev/null
		kill -USR1 "$me"
		kill -USR2 "$me"
		if [ $((i % 3)) = 0 ]; then
			kill -STOP "$a" 2>/dev/null && stopped=$((stopped + 1))
			kill -STOP "$s" 2>/dev/null
			sleep 0.005
			kill -CONT "$a" "$s" 2>/dev/null
		fi
		sleep 0.005
	done
	# Short-lived children: one SIGCHLD each.
	for i in 1 2 3 4 5; do
		(exit 0) &
	done
	/bin/true &
	kill -TERM "$a" "$b" "$s" 2>/dev/null
	kill -CONT "$a" "$b" "$s" 2>/dev/null
	wait "$a" "$b" "$s"
	wait
	reaped=$((reaped + 9))
	rounds=$((rounds + 1))
done
echo "jobs seconds=$SECS rounds=$rounds reaped=$reaped stopped=$stopped" \
	"usr1=$usr1 usr2=$usr2 chld=$chld"
exit 0
