#!/usr/bin/env bash
# What each sigscope hook mode costs: runs the bench/ workloads untraced and under
# `sigscope --hooks light|enter|full`, ROUNDS times with the configurations interleaved (so noise
# hits them alike), and prints the median ns/iter of each with its ratio to the untraced run of
# this same invocation. Nothing is asserted: numbers only mean something relative to each other.
#
# usage: bench/hook_cost.sh [SIGSCOPE_BINARY]        (default: build/sigscope; run as root)
# env:   ROUNDS (5), SIGLOOP_ITERS, GETPPID_ITERS (the programs' defaults),
#        SIGSCOPE_CMD  tracer command line used instead of the binary (e.g. a stub for testing),
#        BPFTOOL (bpftool; when not found, a fixed 1.5 s wait replaces the attach check),
#        ATTACH_TIMEOUT (10 s)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIGSCOPE=${1:-$ROOT/build/sigscope}
ROUNDS=${ROUNDS:-5}
SIGLOOP_ITERS=${SIGLOOP_ITERS:-}
GETPPID_ITERS=${GETPPID_ITERS:-}
BPFTOOL=${BPFTOOL:-bpftool}
ATTACH_TIMEOUT=${ATTACH_TIMEOUT:-10}
WORKLOADS=(sigloop getppid)
CONFIGS=(untraced light enter full)

die() {
	echo "hook_cost: $*" >&2
	exit 2
}

[ $# -le 1 ] || die "usage: bench/hook_cost.sh [SIGSCOPE_BINARY]"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, not '$ROUNDS'"
for n in "$SIGLOOP_ITERS" "$GETPPID_ITERS"; do
	[[ -z $n || $n =~ ^[1-9][0-9]*$ ]] || die "iteration counts must be positive integers"
done
[ "$(id -u)" -eq 0 ] || die "must run as root: sigscope loads BPF programs"
if [ -n "${SIGSCOPE_CMD:-}" ]; then
	read -r -a TRACER <<<"$SIGSCOPE_CMD"
	command -v "${TRACER[0]}" >/dev/null || die "SIGSCOPE_CMD: '${TRACER[0]}' not found"
else
	[ -x "$SIGSCOPE" ] || die "no sigscope binary at '$SIGSCOPE' (build it with make)"
	TRACER=("$SIGSCOPE")
fi
command -v "$BPFTOOL" >/dev/null || BPFTOOL=

make -s -C "$ROOT/bench"
BENCH=$ROOT/build/bench

TMP=$(mktemp -d)
TRACER_PID=
cleanup() {
	if [ -n "$TRACER_PID" ]; then
		kill -KILL "$TRACER_PID" 2>/dev/null || true
		wait "$TRACER_PID" 2>/dev/null || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Highest BPF program id loaded now: ids only grow, so the tracer's programs lie above it.
max_prog_id() {
	"$BPFTOOL" prog show 2>/dev/null | sed -n 's/^\([0-9]\+\):.*/\1/p' | sort -n | tail -n 1
}

# How many programs with an id above $1 have a link, i.e. are attached.
linked_progs_above() {
	"$BPFTOOL" link show 2>/dev/null | sed -n 's/.*[[:space:]]prog \([0-9]\+\).*/\1/p' |
		awk -v base="$1" '$1 > base' | sort -u | wc -l
}

# Waits until the tracer's programs are attached: some are, and no more appeared in 0.1 s.
wait_attached() {
	local base=$1 deadline=$((SECONDS + ATTACH_TIMEOUT)) prev=0 now

	if [ -z "$BPFTOOL" ]; then
		sleep 1.5
		kill -0 "$TRACER_PID" 2>/dev/null || die "tracer exited early: $(cat "$TMP/tracer.err")"
		return
	fi
	while :; do
		kill -0 "$TRACER_PID" 2>/dev/null || die "tracer exited early: $(cat "$TMP/tracer.err")"
		now=$(linked_progs_above "$base")
		if [ "$now" -gt 0 ] && [ "$now" -eq "$prev" ]; then
			return
		fi
		[ "$SECONDS" -lt "$deadline" ] ||
			die "no BPF program of the tracer attached within ${ATTACH_TIMEOUT} s"
		prev=$now
		sleep 0.1
	done
}

stop_tracer() {
	local i

	kill -0 "$TRACER_PID" 2>/dev/null || die "tracer died during the run: $(cat "$TMP/tracer.err")"
	kill -INT "$TRACER_PID"
	for ((i = 0; i < 100; i++)); do
		kill -0 "$TRACER_PID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$TRACER_PID" 2>/dev/null; then
		echo "hook_cost: tracer ignored SIGINT for 10 s, killing it" >&2
		kill -KILL "$TRACER_PID"
	fi
	wait "$TRACER_PID" 2>/dev/null || true
	TRACER_PID=
}

# run_workload WORKLOAD: prints its ns_per_iter.
run_workload() {
	local out ns

	case $1 in
	sigloop) out=$("$BENCH/sigloop" ${SIGLOOP_ITERS:+"$SIGLOOP_ITERS"}) ;;
	getppid) out=$("$BENCH/getppid_loop" ${GETPPID_ITERS:+"$GETPPID_ITERS"}) ;;
	esac
	ns=$(sed -n 's/.*ns_per_iter=\([0-9.]\+\).*/\1/p' <<<"$out")
	[ -n "$ns" ] || die "$1 printed no ns_per_iter: '$out'"
	echo "$ns"
}

# run_one WORKLOAD CONFIG: appends one ns_per_iter sample to $TMP/WORKLOAD.CONFIG.
run_one() {
	local workload=$1 config=$2 base=

	if [ "$config" != untraced ]; then
		[ -z "$BPFTOOL" ] || base=$(max_prog_id)
		# bash starts background jobs with SIGINT ignored; restore it for kill -INT.
		(
			trap - INT
			exec "${TRACER[@]}" -q -o json -w /dev/null --hooks "$config" \
				</dev/null >/dev/null 2>"$TMP/tracer.err"
		) &
		TRACER_PID=$!
		wait_attached "${base:-0}"
	fi
	run_workload "$workload" >>"$TMP/$workload.$config"
	[ "$config" = untraced ] || stop_tracer
}

median() {
	sort -g "$1" | awk '{ v[NR] = $1 }
		END { printf "%.1f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for ((round = 0; round < ROUNDS; round++)); do
	for workload in "${WORKLOADS[@]}"; do
		# Rotate the order each round so no configuration always runs first.
		for ((k = 0; k < ${#CONFIGS[@]}; k++)); do
			config=${CONFIGS[(round + k) % ${#CONFIGS[@]}]}
			echo "hook_cost: round $((round + 1))/$ROUNDS $workload $config" >&2
			run_one "$workload" "$config"
		done
	done
done

echo "hook cost, $ROUNDS rounds, kernel $(uname -r), tracer: ${TRACER[*]}"
echo
echo "| workload | config | median ns/iter | ratio vs untraced (same run) |"
echo "|---|---|---:|---:|"
for workload in "${WORKLOADS[@]}"; do
	untraced=$(median "$TMP/$workload.untraced")
	for config in "${CONFIGS[@]}"; do
		m=$(median "$TMP/$workload.$config")
		label=$config
		[ "$config" = untraced ] || label="--hooks $config"
		awk -v w="$workload" -v c="$label" -v m="$m" -v u="$untraced" \
			'BEGIN { printf "| %s | %s | %.1f | %.2f |\n", w, c, m, m / u }'
	done
done
