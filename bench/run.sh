#!/usr/bin/env bash
# What tracing signals costs, sigscope against the usual tools (`make bench`; run as root).
#
# Workloads (build/bench/, built here by bench/Makefile):
#   signal     sigloop N: N tgkill-to-self round trips (tgkill, delivery, handler, rt_sigreturn)
#   signal-mt  sigloop N MT_THREADS: the same on MT_THREADS threads at once (N each), thread i
#              pinned to CPU i
#   getppid    getppid_loop GETPPID_N: an unrelated-syscall storm (what raw sys_enter/exit
#              hooks cost everyone else)
#   go         goprempt GO_UNITS: goroutines spinning without calls (async preemption: SIGURG),
#              allocating and forcing collections; a fixed amount of work
#   burst      burst BURST_THREADS 3: that many threads released at once, each signalling
#              itself 3 times (the 10k-thread burst of issue 19: drops are the figure to read)
#   jvm        java -XX:TieredStopAtLevel=1 Npe JVM_NPES: NullPointerExceptions from C1 code,
#              each a SIGSEGV the JVM turns into the exception (bench/realprogs/Npe.java)
#   node       node wasm_oob.js NODE_TRAPS: out-of-bounds WebAssembly loads, each a SIGSEGV
#              V8's trap handler turns into a caught RuntimeError (bench/realprogs/wasm_oob.js)
#   timer      timer TIMER_ROUNDS: fixed CPU work under a 10 kHz POSIX timer (SIGALRM)
# Each workload times itself (elapsed_ns of its work only, CLOCK_MONOTONIC) and reports its start
# (start_ns, CLOCK_REALTIME) and its own CPU (cpu_us); see bench/bench_common.h.
#
# Tracers (TRACERS picks some; untraced, the baseline of every ratio, always runs):
#   untraced
#   sigscope-full|-enter|-light  build/sigscope -q -o json -w FILE --hooks MODE $SIGSCOPE_ARGS
#                    (the default events: sigreturns, each naming its delivery, and findings)
#   sigscope-all     the same with --hooks full -e all: every delivery and generate written too
#   sigscope-enforce --hooks full --enforce: the production sensor (default events)
#   sigscope-base    $SIGSCOPE_BASE -q -o json -w FILE --hooks full: another build with its own
#                    defaults (the tree before a change), for before/after in one run
#   bpftrace-floor   count-only on the hooks sigscope's full mode uses:
#                    tracepoint raw_syscalls:sys_enter, raw_syscalls:sys_exit, signal:signal_deliver
#   bpftrace-count   count-only on tracepoint syscalls:sys_enter_rt_sigreturn
#   bpftrace-printf  one printf per sys_enter_rt_sigreturn and per signal_deliver, into a file
#   perf-trace       perf trace -e rt_sigreturn -o FILE -- WORKLOAD
#   strace           strace -f -e trace=rt_sigreturn -o FILE WORKLOAD
# sigscope and bpftrace trace the whole machine: they are started under build/bench/tracewrap,
# the script waits until `bpftool perf show` lists their programs attached (at least the expected
# number, and no change over one more poll), runs the workload, then stops them with SIGINT.
# perf trace and strace run the workload themselves, under tracewrap too.
#
# Each round runs every workload under every tracer, the tracer order rotated each round so none
# always runs first; ROUNDS rounds. Per run it records:
#   wall         the workload's own elapsed_ns
#   ratio        wall / the untraced wall of the same workload in the same round
#   events       what the tracer wrote (sigscope: JSON lines; bpftrace-printf, perf-trace, strace:
#                lines of output), or counted (count-only bpftrace: the sum of its maps)
#   drops        sigscope: "lost N" of its summary; bpftrace: "Lost N events"; perf: "LOST N
#                events!"; strace and count-only bpftrace cannot lose any (0)
#   tracer CPU   user+sys from wait4's rusage of the tracer (exact, to its last instruction);
#                when it reaped the workload (strace; tracewrap's children_us > 0; perf trace
#                does not) minus the workload's own cpu_us. "while tracing" also subtracts the
#                tracer's CPU at the attached mark (tracewrap's mark_cpu_us): start-up
#                (bpftrace's compile, BTF loading, perf's set-up) is not charged to the events
#   peak RSS     the larger of wait4's ru_maxrss and the VmHWM tracewrap read at SIGINT (the
#                tracer's own: it has no children); for strace, which reaps the workload, its
#                own VmHWM read every 10 ms until it exits
#   attach       from the tracer's launch (bash's $EPOCHREALTIME just before it) to the
#                workload's main() (its start_ns), one clock for all: for perf-trace and strace
#                the time until the command runs traced; for the others until their probes were
#                seen attached plus one ~20 ms confirming poll and the workload's exec
# The table gives, per workload and tracer: median, min and max of the ratio over the rounds;
# median events/s (events / wall); drops summed over the rounds; median tracer CPU while
# tracing per event; median total tracer CPU; the largest peak RSS; median attach time.
#
# Files: bench/results/latest.md (the table), latest.csv (the same numbers), latest-raw.csv (one
# row per run), latest.png (median ratio per workload and tracer, log scale; needs gnuplot).
# Nothing is asserted about the numbers: the exit status is 0 unless a tracer (or a workload)
# failed to run, which is named on a line "bench: FAILED: ..." (then 1; 2 for usage errors). A
# tracer still running STOP_TIMEOUT s after SIGINT is SIGKILLed and failed, with its state,
# wchan and kernel stack in that line; a failed pair is not retried in later rounds.
#
# env: ROUNDS (5), N (1000000: signal and signal-mt iterations, per thread), MT_THREADS (2),
#      GETPPID_N (5 x N), GO_UNITS (400), BURST_THREADS (10000), JVM_NPES (200000),
#      NODE_TRAPS (200000), TIMER_ROUNDS (2000),
#      TRACERS, WORKLOADS   space-separated subsets, e.g. TRACERS="sigscope-full strace"
#                           WORKLOADS="signal getppid" (default: all),
#      SIGSCOPE (build/sigscope), SIGSCOPE_ARGS (extra options, e.g. "-e rt_sigreturn"),
#      SIGSCOPE_BASE (the binary of sigscope-base, which is not in the default TRACERS),
#      PERF (a perf binary; default: perf, else the newest /usr/bin/perf_*),
#      BPFTOOL (bpftool), RESULTS (bench/results), BENCH_TMP (a directory for the tracers'
#      output, which is removed after each run: sigscope writes ~5 KB per signal),
#      ATTACH_TIMEOUT (120 s), STOP_TIMEOUT (120 s: the tracer's exit after SIGINT)
# Run time: about ROUNDS x (the sum of every traced wall) — strace and perf trace dominate.
set -euo pipefail
export LC_ALL=C # $EPOCHREALTIME's decimal point, sort, awk number formats

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/build/bench
ROUNDS=${ROUNDS:-5}
N=${N:-1000000}
MT_THREADS=${MT_THREADS:-2}
GETPPID_N=${GETPPID_N:-$((5 * N))}
GO_UNITS=${GO_UNITS:-400}
BURST_THREADS=${BURST_THREADS:-10000}
JVM_NPES=${JVM_NPES:-200000}
NODE_TRAPS=${NODE_TRAPS:-200000}
TIMER_ROUNDS=${TIMER_ROUNDS:-2000}
SIGSCOPE=${SIGSCOPE:-$ROOT/build/sigscope}
SIGSCOPE_ARGS=${SIGSCOPE_ARGS:-}
BPFTOOL=${BPFTOOL:-bpftool}
RESULTS=${RESULTS:-$ROOT/bench/results}
ATTACH_TIMEOUT=${ATTACH_TIMEOUT:-120}
STOP_TIMEOUT=${STOP_TIMEOUT:-120}
ALL_WORKLOADS=(signal signal-mt getppid go burst jvm node timer)
ALL_TRACERS=(untraced sigscope-full sigscope-enforce sigscope-all sigscope-enter sigscope-light bpftrace-floor bpftrace-count
	bpftrace-printf perf-trace strace sigscope-base)

BT_FLOOR='tracepoint:raw_syscalls:sys_enter { @c = count(); }
tracepoint:raw_syscalls:sys_exit { @e = count(); }
tracepoint:signal:signal_deliver { @d = count(); }'
BT_COUNT='tracepoint:syscalls:sys_enter_rt_sigreturn { @c = count(); }'
BT_PRINTF='tracepoint:syscalls:sys_enter_rt_sigreturn { printf("rt_sigreturn %d %d\n", pid, tid); }
tracepoint:signal:signal_deliver { printf("signal_deliver %d %d %d\n", pid, tid, args->sig); }'

usage() {
	echo "bench: $*" >&2
	echo "usage: [ROUNDS=5] [N=1000000] [TRACERS=\"...\"] [WORKLOADS=\"...\"] bench/run.sh" >&2
	exit 2
}

[ $# -eq 0 ] || usage "no arguments: the options are environment variables"
for v in ROUNDS N MT_THREADS GETPPID_N GO_UNITS ATTACH_TIMEOUT STOP_TIMEOUT; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || usage "$v must be a positive integer, not '${!v}'"
done

# pick VAR ALL...: the words of $VAR (every one known), in the order of ALL, or ALL itself.
pick() {
	local var=$1 w a found
	shift
	local want=${!var:-}
	if [ -z "$want" ] || [ "$want" = all ]; then
		for a in "$@"; do [ "$a" = sigscope-base ] || echo -n "$a "; done # only when named
		echo
		return
	fi
	for w in $want; do
		found=
		for a in "$@"; do [ "$a" = "$w" ] && found=1; done
		[ -n "$found" ] || usage "$var: unknown '$w' (known: $*)"
	done
	for a in "$@"; do
		for w in $want untraced; do
			if [ "$a" = "$w" ]; then
				echo -n "$a "
				break
			fi
		done
	done
	echo
}
read -r -a WORKLOADS_SEL <<<"$(pick WORKLOADS "${ALL_WORKLOADS[@]}")"
read -r -a TRACERS_SEL <<<"$(pick TRACERS "${ALL_TRACERS[@]}")"
[ "$(id -u)" -eq 0 ] || usage "must run as root: the tracers load BPF programs and ptrace"

declare -A FAILED=() # "workload tracer" -> why
FAIL_ORDER=()
fail_run() { # fail_run WORKLOAD TRACER WHY
	local key="$1 $2"
	if [ -z "${FAILED[$key]:-}" ]; then
		FAILED[$key]=$3
		FAIL_ORDER+=("$key")
	fi
	echo "bench: FAILED: tracer $2 on workload $1: $3" >&2
}
# A tracer that cannot run at all fails on every workload.
fail_tracer() {
	local w
	for w in "${WORKLOADS_SEL[@]}"; do fail_run "$w" "$1" "$2"; done
}

has() { command -v "$1" >/dev/null 2>&1; }

# perf: Debian's /usr/bin/perf may be a wrapper that wants perf_<running kernel's version>.
find_perf() {
	local p
	if [ -n "${PERF:-}" ]; then
		if "$PERF" --version >/dev/null 2>&1; then echo "$PERF"; fi
		return
	fi
	if has perf && perf --version >/dev/null 2>&1; then
		command -v perf
		return
	fi
	for p in $(printf '%s\n' /usr/bin/perf_[0-9]* | sort -rV); do
		if "$p" --version >/dev/null 2>&1; then
			echo "$p"
			return
		fi
	done
}

PERF_BIN=
for t in "${TRACERS_SEL[@]}"; do
	case $t in
	sigscope-base) [ -x "${SIGSCOPE_BASE:-}" ] || fail_tracer "$t" "SIGSCOPE_BASE is not an executable: '${SIGSCOPE_BASE:-}'" ;;
	sigscope-*) [ -x "$SIGSCOPE" ] || fail_tracer "$t" "no sigscope binary at $SIGSCOPE (make build/sigscope)" ;;
	bpftrace-*) has bpftrace || fail_tracer "$t" "bpftrace not installed (apt-get install bpftrace)" ;;
	strace) has strace || fail_tracer "$t" "strace not installed (apt-get install strace)" ;;
	perf-trace)
		PERF_BIN=$(find_perf || true)
		[ -n "$PERF_BIN" ] || fail_tracer "$t" "no working perf binary (apt-get install linux-perf; or set PERF)"
		;;
	esac
	case $t in
	sigscope-* | bpftrace-*)
		has "$BPFTOOL" || fail_tracer "$t" "$BPFTOOL not found: needed to see the tracer attach"
		;;
	esac
done

GO_TARGET=
for w in "${WORKLOADS_SEL[@]}"; do
	case $w in
	go) GO_TARGET=go need=go pkg=golang-go ;;
	jvm) GO_TARGET="$GO_TARGET java" need=javac pkg=default-jdk-headless ;;
	node) need=node pkg=nodejs ;;
	*) continue ;;
	esac
	if ! has "$need"; then
		echo "bench: FAILED: workload $w: $need not installed (apt-get install $pkg)" >&2
		exit 1
	fi
done
# shellcheck disable=SC2086 # GO_TARGET: zero, one or two make targets
make -s -C "$ROOT/bench" all $GO_TARGET

BENCH_TMP=${BENCH_TMP:-${TMPDIR:-/tmp}}
TMP=$(mktemp -d "$BENCH_TMP/sigscope-bench.XXXXXX")
TW_PID=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$TW_PID" ]; then
		stop_tracewrap 10 || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
RAW=$TMP/raw.csv
echo "round,workload,tracer,status,wall_s,ratio,events,drops,tracer_cpu_s,tracer_cpu_traced_s,startup_cpu_s,peak_rss_kib,attach_s,workload_cpu_s,output_bytes" >"$RAW"

workload_cmd() {
	case $1 in
	signal) WL=("$BENCH/sigloop" "$N") ;;
	signal-mt) WL=("$BENCH/sigloop" "$N" "$MT_THREADS") ;;
	getppid) WL=("$BENCH/getppid_loop" "$GETPPID_N") ;;
	go) WL=("$BENCH/goprempt" "$GO_UNITS") ;;
	burst) WL=("$BENCH/burst" "$BURST_THREADS" 3) ;;
	jvm) WL=(java -XX:TieredStopAtLevel=1 -Xmx256m -cp "$BENCH/npe" Npe "$JVM_NPES") ;;
	node) WL=(node "$ROOT/bench/realprogs/wasm_oob.js" "$NODE_TRAPS") ;;
	timer) WL=("$BENCH/timer" "$TIMER_ROUNDS") ;;
	esac
}

# tracer_cmd TRACER RUNDIR: sets TR (the command), KIND (bg: whole machine, started first and
# stopped with SIGINT; wrap: runs the workload itself) and MIN_PROGS (bg: BPF programs to await).
tracer_cmd() {
	local dir=$2
	# shellcheck disable=SC2206 # SIGSCOPE_ARGS is a list of options
	case $1 in
	sigscope-enforce) # the production sensor: default events, --enforce (issue 19's real programs)
		TR=("$SIGSCOPE" -q -o json -w "$dir/events" --hooks full --enforce $SIGSCOPE_ARGS)
		KIND='bg' MIN_PROGS=3
		;;
	sigscope-base) # another build (the tree before a change), its own defaults: before/after
		TR=("$SIGSCOPE_BASE" -q -o json -w "$dir/events" --hooks full)
		KIND='bg' MIN_PROGS=3
		;;
	sigscope-all) # every event written: what the defaults leave in the kernel too
		TR=("$SIGSCOPE" -q -o json -w "$dir/events" --hooks full -e all $SIGSCOPE_ARGS)
		KIND='bg' MIN_PROGS=3
		;;
	sigscope-*)
		TR=("$SIGSCOPE" -q -o json -w "$dir/events" --hooks "${1#sigscope-}" $SIGSCOPE_ARGS)
		KIND='bg'
		# full: sys_enter, sys_exit, signal_deliver; enter/light: the sigreturn hook and delivery
		[ "$1" = sigscope-full ] && MIN_PROGS=3 || MIN_PROGS=2
		;;
	bpftrace-floor) TR=(bpftrace -e "$BT_FLOOR") KIND=bg MIN_PROGS=3 ;;
	bpftrace-count) TR=(bpftrace -e "$BT_COUNT") KIND=bg MIN_PROGS=1 ;;
	bpftrace-printf) TR=(bpftrace -o "$dir/events" -e "$BT_PRINTF") KIND=bg MIN_PROGS=2 ;;
	perf-trace) TR=("$PERF_BIN" trace -e rt_sigreturn -o "$dir/events" --) KIND=wrap ;;
	strace) TR=(strace -f -e trace=rt_sigreturn -o "$dir/events") KIND=wrap ;;
	esac
}

now_ns() {
	local t=$EPOCHREALTIME
	echo "${t/./}000"
}

# tail of a file as one line, for failure messages
last_lines() {
	if [ -s "$1" ]; then tail -n 3 "$1" | tr '\n' ' ' | cut -c1-400; fi
}

# Waits until tracewrap's child (the tracer) has at least $1 BPF programs attached and the count
# held over one more poll. Returns 1 (with WHY set) if it exits or the time runs out.
wait_attached() {
	local min=$1 deadline=$((SECONDS + ATTACH_TIMEOUT)) tracer='' prev=-1 now
	while :; do
		if ! kill -0 "$TW_PID" 2>/dev/null; then
			WHY="exited before attaching: $(last_lines "$DIR/tracer.err")$(last_lines "$DIR/tracer.out")"
			return 1
		fi
		[ -n "$tracer" ] || tracer=$(cut -d' ' -f1 "/proc/$TW_PID/task/$TW_PID/children" 2>/dev/null || true)
		if [ -n "$tracer" ]; then
			now=$("$BPFTOOL" perf show 2>/dev/null | grep -c "^pid $tracer " || true)
			if [ "$now" -ge "$min" ] && [ "$now" -eq "$prev" ]; then
				return 0
			fi
			prev=$now
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			WHY="not attached within ${ATTACH_TIMEOUT} s (saw ${prev} programs, want >= $min)"
			return 1
		fi
		sleep 0.02
	done
}

# proc_diag PID: where a process is stuck, on one line (state, wchan, top of its kernel stack).
proc_diag() {
	local state wchan stack
	state=$(sed -n 's/^State:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null || true)
	wchan=$(cat "/proc/$1/wchan" 2>/dev/null || true)
	stack=$({ head -n 4 "/proc/$1/stack" 2>/dev/null || true; } | awk '{ printf "%s%s", (NR > 1 ? " < " : ""), $2 }')
	echo "pid $1 state ${state:-gone}, wchan ${wchan:--}, kernel stack: ${stack:--}"
}

# Sends SIGINT to tracewrap (which forwards it) and waits up to $1 s for it to end; past that,
# notes where the tracer is stuck (STOP_DIAG), SIGKILLs it, and waits 30 s more, then leaves
# tracewrap behind. Sets TW_STATUS; returns 1 if it had to kill.
stop_tracewrap() {
	local deadline=$((SECONDS + $1)) tracer killed=0
	tracer=$(cut -d' ' -f1 "/proc/$TW_PID/task/$TW_PID/children" 2>/dev/null || true)
	STOP_DIAG=
	kill -INT "$TW_PID" 2>/dev/null || true
	while kill -0 "$TW_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
		sleep 0.05
	done
	if kill -0 "$TW_PID" 2>/dev/null; then
		killed=1
		if [ -n "$tracer" ]; then
			STOP_DIAG=$(proc_diag "$tracer")
			kill -KILL "$tracer" 2>/dev/null || true
		fi
		deadline=$((SECONDS + 30))
		while kill -0 "$TW_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
			sleep 0.1
		done
	fi
	TW_STATUS=0
	if kill -0 "$TW_PID" 2>/dev/null; then
		TW_STATUS=137 # still not gone (stuck in the kernel?): not waited for
		STOP_DIAG="$STOP_DIAG; not gone 30 s after SIGKILL, left running"
	else
		wait "$TW_PID" 2>/dev/null || TW_STATUS=$?
	fi
	TW_PID=
	return $((killed))
}

# kv KEY FILE: the value of KEY=value in the last line of FILE that has it.
kv() {
	{ sed -n "s/.*\\b$1=\\([-0-9.]*\\).*/\\1/p" "$2" 2>/dev/null || true; } | tail -n 1
}

# sum_matches ERE FILE...: the sum of the numbers the ERE's group 1 matches, one per line.
sum_matches() {
	local re=$1
	shift
	{ cat "$@" 2>/dev/null || true; } | sed -nE "s/.*$re.*/\\1/p" |
		awk '{ s += $1 } END { print s + 0 }'
}

# lines FILE: its line count, 0 if it does not exist.
lines() {
	{ cat "$1" 2>/dev/null || true; } | wc -l
}

# run_one ROUND WORKLOAD TRACER: one run, one row of $RAW.
run_one() {
	local round=$1 w=$2 t=$3 launch=0 rc=0
	local wall='' events='' drops='' cpu='' traced='' startup='' rss='' attach='' wcpu=''
	local start='' utime='' stime='' mark='' hwm=''
	DIR=$TMP/run
	rm -rf "$DIR"
	mkdir -p "$DIR"
	workload_cmd "$w"
	WHY=
	if [ "$t" = untraced ]; then
		"${WL[@]}" >"$DIR/workload.out" 2>"$DIR/workload.err" || rc=$?
		[ "$rc" -eq 0 ] || WHY="workload exited with status $rc: $(last_lines "$DIR/workload.err")"
	else
		tracer_cmd "$t" "$DIR"
		if [ "$KIND" = bg ]; then
			launch=$(now_ns)
			(
				trap - INT TERM
				exec "$BENCH/tracewrap" "$DIR/stat" "${TR[@]}" </dev/null \
					>"$DIR/tracer.out" 2>"$DIR/tracer.err"
			) &
			TW_PID=$!
			if wait_attached "$MIN_PROGS"; then
				kill -USR1 "$TW_PID" 2>/dev/null || true # tracewrap notes the start-up CPU
				"${WL[@]}" >"$DIR/workload.out" 2>"$DIR/workload.err" || rc=$?
				[ "$rc" -eq 0 ] || WHY="workload exited with status $rc: $(last_lines "$DIR/workload.err")"
				if ! stop_tracewrap "$STOP_TIMEOUT"; then
					WHY="still running ${STOP_TIMEOUT} s after SIGINT, killed ($STOP_DIAG): $(last_lines "$DIR/tracer.err")"
				elif [ -z "$WHY" ] && [ "$TW_STATUS" -ne 0 ]; then
					WHY="tracer exited with status $TW_STATUS: $(last_lines "$DIR/tracer.err")"
				fi
			else
				stop_tracewrap 10 || true
				WHY="$WHY (exit status $TW_STATUS)"
			fi
		else
			launch=$(now_ns)
			"$BENCH/tracewrap" -p "$DIR/stat" "${TR[@]}" "${WL[@]}" </dev/null \
				>"$DIR/workload.out" 2>"$DIR/tracer.err" || rc=$?
			[ "$rc" -eq 0 ] || WHY="exited with status $rc: $(last_lines "$DIR/tracer.err")"
		fi
	fi
	wall=$(kv elapsed_ns "$DIR/workload.out")
	wcpu=$(kv cpu_us "$DIR/workload.out")
	start=$(kv start_ns "$DIR/workload.out")
	if [ -z "$WHY" ] && { [ -z "$wall" ] || [ -z "$wcpu" ] || [ -z "$start" ]; }; then
		WHY="the workload printed no elapsed_ns/cpu_us/start_ns: $(last_lines "$DIR/workload.out")"
	fi
	if [ -z "$WHY" ] && [ "$t" != untraced ]; then
		utime=$(kv utime_us "$DIR/stat")
		stime=$(kv stime_us "$DIR/stat")
		mark=$(kv mark_cpu_us "$DIR/stat")
		[ -n "$utime" ] || WHY="tracewrap wrote no rusage: $(last_lines "$DIR/tracer.err")"
	fi
	if [ -n "$WHY" ]; then
		fail_run "$w" "$t" "$WHY"
		echo "$round,$w,$t,failed,,,,,,,,,," >>"$RAW"
		rm -rf "$DIR"
		return
	fi
	if [ "$t" != untraced ]; then
		cpu=$((utime + stime))
		rss=$(kv maxrss_kb "$DIR/stat")
		hwm=$(kv hwm_kb "$DIR/stat")
		[ "${hwm:-0}" -le "$rss" ] || rss=$hwm
		if [ "$KIND" = wrap ] && [ "$(kv children_us "$DIR/stat")" != 0 ]; then
			# It reaped the workload (strace): its rusage holds the workload's.
			cpu=$((cpu - wcpu))
			rss=$hwm
		fi
		[ "$cpu" -ge 0 ] || cpu=0
		if [ "$mark" -ge 0 ]; then
			startup=$mark
		else
			startup=0 # never marked: charge everything to tracing
		fi
		[ "$startup" -le "$cpu" ] || startup=$cpu
		traced=$((cpu - startup))
		attach=$((start - launch))
		bytes=""
		case $t in
		sigscope-*)
			events=$(lines "$DIR/events")
			bytes=$(stat -c %s "$DIR/events" 2>/dev/null || true)
			drops=$(sed -n 's/.*; lost \([0-9]\+\).*/\1/p' "$DIR/tracer.err" 2>/dev/null | tail -n 1 || true)
			[ -n "$drops" ] || WHY="no summary line on stderr: $(last_lines "$DIR/tracer.err")"
			;;
		bpftrace-floor | bpftrace-count)
			events=$(awk '/^@[a-z_]*: [0-9]+$/ { s += $2 } END { print s + 0 }' "$DIR/tracer.out" 2>/dev/null || true)
			drops=0
			;;
		bpftrace-printf)
			events=$(grep -cE '^(rt_sigreturn|signal_deliver) ' "$DIR/events" 2>/dev/null || true)
			drops=$(sum_matches 'Lost ([0-9]+) events' "$DIR/events" "$DIR/tracer.err")
			;;
		perf-trace)
			events=$(grep -c 'rt_sigreturn' "$DIR/events" 2>/dev/null || true)
			drops=$(sum_matches 'LOST ([0-9]+) events' "$DIR/events" "$DIR/tracer.err")
			;;
		strace)
			events=$(lines "$DIR/events")
			drops=0
			;;
		esac
		if [ -n "$WHY" ]; then
			fail_run "$w" "$t" "$WHY"
			echo "$round,$w,$t,failed,,,,,,,,,,," >>"$RAW"
			rm -rf "$DIR"
			return
		fi
	fi
	rm -rf "$DIR"
	awk -v r="$round" -v w="$w" -v t="$t" -v wall="$wall" -v ev="$events" -v dr="$drops" \
		-v cpu="$cpu" -v tr="$traced" -v su="$startup" -v rss="$rss" -v at="$attach" \
		-v wc="$wcpu" -v by="${bytes:-}" 'function s(us) { return us == "" ? "" : sprintf("%.6f", us / 1e6) }
		BEGIN { printf "%s,%s,%s,ok,%.6f,,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", r, w, t, wall / 1e9,
			ev, dr, s(cpu), s(tr), s(su), rss,
			at == "" ? "" : sprintf("%.3f", at / 1e9), s(wc), by }' >>"$RAW"
	echo "bench:   $(awk -v v="$wall" 'BEGIN { printf "%.3f", v / 1e9 }') s${events:+, $events events}" >&2
}

# ---- the runs ----
START_DATE=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
echo "bench: $START_DATE; $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), kernel $(uname -r); $ROUNDS rounds; workloads: ${WORKLOADS_SEL[*]}; tracers: ${TRACERS_SEL[*]}" >&2
ntr=${#TRACERS_SEL[@]}
for ((round = 1; round <= ROUNDS; round++)); do
	for w in "${WORKLOADS_SEL[@]}"; do
		for ((k = 0; k < ntr; k++)); do
			t=${TRACERS_SEL[(round - 1 + k) % ntr]}
			if [ -n "${FAILED["$w $t"]:-}" ]; then
				continue # failed before: once is enough
			fi
			echo "bench: round $round/$ROUNDS $w $t" >&2
			run_one "$round" "$w" "$t"
		done
	done
done

# ---- the summary ----
mkdir -p "$RESULTS"
# Ratios against the untraced run of the same workload and round.
awk -F, -v OFS=, 'NR == FNR { if ($3 == "untraced" && $4 == "ok") base[$1 "," $2] = $5; next }
	FNR == 1 { print; next }
	$4 == "ok" && (($1 "," $2) in base) { $6 = sprintf("%.4f", $5 / base[$1 "," $2]) }
	{ print }' "$RAW" "$RAW" >"$TMP/raw2.csv"
cp "$TMP/raw2.csv" "$RESULTS/latest-raw.csv"

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
sigscope_ver=$("$SIGSCOPE" -V 2>/dev/null || echo "sigscope: none")
git_rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ] || git_rev="$git_rev (with uncommitted changes)"
versions="$(bpftrace --version 2>/dev/null | head -n 1 || true); $( ("${PERF_BIN:-perf}" --version 2>/dev/null || true) | head -n 1); $( (strace -V 2>/dev/null || true) | head -n 1); $( (go version 2>/dev/null || true) | head -n 1)"

# summarize: one line per workload and tracer, fields separated by '|' (then CSV and Markdown).
SUMMARY=$TMP/summary
awk -F, -v workloads="${WORKLOADS_SEL[*]}" -v tracers="${TRACERS_SEL[*]}" '
	function median(list,   n, a, i, j, x) {
		n = split(list, a, " ")
		if (n == 0) return ""
		for (i = 2; i <= n; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	function minmax(list, want_max,   n, a, i, m) {
		n = split(list, a, " ")
		if (n == 0) return ""
		m = a[1] + 0
		for (i = 2; i <= n; i++) if (want_max ? a[i] + 0 > m : a[i] + 0 < m) m = a[i] + 0
		return m
	}
	function add(arr, k, v) { if (v != "") arr[k] = (k in arr) ? arr[k] " " v : v }
	NR == 1 { next }
	{
		k = $2 SUBSEP $3
		if ($4 != "ok") { failed[k] = 1; next }
		runs[k]++
		add(wall, k, $5); add(ratio, k, $6)
		if ($7 != "" && $5 > 0) add(evs, k, $7 / $5)
		if ($8 != "") drops[k] += $8
		if ($7 != "" && $7 > 0 && $10 != "") add(cpuev, k, $10 * 1e6 / $7)
		if ($7 != "" && $7 > 0 && $15 != "") add(bpe, k, $15 / $7)
		add(cpu, k, $9); add(rss, k, $12); add(att, k, $13)
	}
	END {
		nw = split(workloads, W, " "); nt = split(tracers, T, " ")
		for (i = 1; i <= nw; i++) for (j = 1; j <= nt; j++) {
			k = W[i] SUBSEP T[j]
			if (!(k in runs)) { print W[i] "|" T[j] "|FAILED|0|||||||||||"; continue }
			r = median(ratio[k])
			printf "%s|%s|%s|%d|%.3f|%s|%s|%s|", W[i], T[j], (k in failed) ? "FAILED" : "ok", runs[k],
				median(wall[k]), r == "" ? "" : sprintf("%.2f", r),
				r == "" ? "" : sprintf("%.2f", minmax(ratio[k], 0)),
				r == "" ? "" : sprintf("%.2f", minmax(ratio[k], 1))
			if (T[j] == "untraced") { print "||||||"; continue }
			printf "%s|%d|%s|%s|%.3f|%.1f|%.2f\n",
				(k in evs) ? sprintf("%.0f", median(evs[k])) : "", drops[k],
				(k in cpuev) ? sprintf("%.2f", median(cpuev[k])) : "",
				(k in bpe) ? sprintf("%.0f", median(bpe[k])) : "",
				median(cpu[k]), minmax(rss[k], 1) / 1024, median(att[k])
		}
	}' "$TMP/raw2.csv" >"$SUMMARY"

{
	echo "workload,tracer,status,runs,median_wall_s,median_ratio,min_ratio,max_ratio,events_per_s,drops,tracer_cpu_us_per_event,output_bytes_per_event,tracer_cpu_s,peak_rss_mib,attach_s"
	tr '|' ',' <"$SUMMARY"
} >"$RESULTS/latest.csv"

{
	echo "# sigscope tracing cost"
	echo
	echo "- date: $START_DATE; $ROUNDS rounds"
	echo "- machine: $(nproc) CPUs, $cpu_model, kernel $(uname -r), $(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
	echo "- load average at the start of the summary: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- $sigscope_ver, git $git_rev; $versions"
	echo "- workloads: signal = sigloop $N; signal-mt = sigloop $N x $MT_THREADS threads (pinned); getppid = getppid_loop $GETPPID_N; go = goprempt $GO_UNITS; burst = burst $BURST_THREADS x 3 signals; jvm = Npe $JVM_NPES; node = wasm_oob.js $NODE_TRAPS; timer = timer $TIMER_ROUNDS (10 kHz)"
	echo "- sigscope: \`sigscope -q -o json -w FILE --hooks MODE${SIGSCOPE_ARGS:+ $SIGSCOPE_ARGS}\`"
	echo
	echo "| workload | tracer | median ratio vs untraced (same run) | min | max | events/s | drops | tracer CPU µs/event | output bytes/event | peak RSS MiB | attach time s | median wall s | tracer CPU s |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	while IFS='|' read -r w t st runs wall r rmin rmax evs dr cpuev bpe cpu rss att; do
		if [ "$st" = FAILED ] && [ "$runs" = 0 ]; then
			echo "| $w | $t | FAILED | | | | | | | | | | |"
			continue
		fi
		[ "$st" = ok ] || r="$r (FAILED in some rounds)"
		[ -n "$r" ] || r="-"
		if [ "$t" = untraced ]; then
			echo "| $w | $t | $r | $rmin | $rmax | - | - | - | - | - | - | $wall | - |"
		else
			echo "| $w | $t | $r | $rmin | $rmax | ${evs:--} | ${dr:--} | ${cpuev:--} | ${bpe:--} | ${rss:--} | ${att:--} | $wall | ${cpu:--} |"
		fi
	done <"$SUMMARY"
	echo
	echo "Ratio: the workload's own wall time under the tracer / untraced, same round; median, min, max over the rounds."
	echo "events/s: events written (counted, for count-only bpftrace) per second of workload wall time, median; sigscope and bpftrace see the whole machine."
	echo "drops: summed over the rounds. Tracer CPU µs/event: the tracer's CPU after it attached (start-up excluded), per event, median (with few events, as in getppid and go, its idle work dominates); tracer CPU s: its whole CPU time, start-up included, median."
	echo "Output bytes/event: the size of what sigscope wrote (JSON lines) over its events, median."
	echo "Peak RSS: the largest over the rounds. Attach time: tracer launch to the workload's start, median (background tracers: includes ~20-50 ms of attach polling)."
} >"$RESULTS/latest.md"

# The chart: median ratio per workload (groups) and tracer (bars), log scale.
PNG_NOTE=
if has gnuplot; then
	chart_tracers=()
	for t in "${TRACERS_SEL[@]}"; do [ "$t" = untraced ] || chart_tracers+=("$t"); done
	if [ ${#chart_tracers[@]} -gt 0 ]; then
		{
			echo "workload ${chart_tracers[*]}"
			for w in "${WORKLOADS_SEL[@]}"; do
				line=$w
				for t in "${chart_tracers[@]}"; do
					v=$(awk -F'|' -v w="$w" -v t="$t" '$1 == w && $2 == t { print $6 }' "$SUMMARY")
					line="$line ${v:-?}"
				done
				echo "$line"
			done
		} >"$TMP/chart.dat"
		ncol=$((${#chart_tracers[@]} + 1))
		# Bars grow from the bottom of a log axis: put it below the smallest ratio.
		ymin=$(awk 'NR > 1 { for (i = 2; i <= NF; i++) if ($i != "?" && (m == "" || $i + 0 < m)) m = $i + 0 }
			END { m = (m == "" || m > 1) ? 1 : m; printf "%.3g", m * 0.8 }' "$TMP/chart.dat")
		if ! gnuplot 2>"$TMP/gnuplot.err" <<-EOF; then
			set terminal pngcairo size 1400,700 noenhanced font ",10"
			set output "$RESULTS/latest.png"
			set title "Workload wall time traced / untraced (median of $ROUNDS rounds), $(nproc) CPUs, kernel $(uname -r), $START_DATE"
			set datafile missing "?"
			set style data histogram
			set style histogram clustered gap 1
			set style fill solid 0.85 border -1
			set boxwidth 0.9
			set logscale y
			set yrange [$ymin:*]
			set arrow from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 linecolor rgb "black"
			set ylabel "ratio vs untraced (log scale)"
			set format y "%g"
			set ytics add (0.5, 2, 5, 20, 50, 200, 500)
			set grid ytics mytics
			set key outside right top vertical
			set xtics nomirror
			plot for [i=2:$ncol] "$TMP/chart.dat" using i:xtic(1) title columnheader(i)
		EOF
			PNG_NOTE="gnuplot failed: $(last_lines "$TMP/gnuplot.err")"
		fi
	fi
else
	PNG_NOTE="gnuplot not installed: no chart"
fi

cat "$RESULTS/latest.md"
echo
if [ -n "$PNG_NOTE" ]; then
	echo "bench: wrote $RESULTS/latest.md, latest.csv, latest-raw.csv ($PNG_NOTE)"
else
	echo "bench: wrote $RESULTS/latest.md, latest.csv, latest-raw.csv, latest.png"
fi
if [ ${#FAIL_ORDER[@]} -gt 0 ]; then
	for key in "${FAIL_ORDER[@]}"; do
		echo "bench: FAILED: tracer ${key#* } on workload ${key%% *}: ${FAILED[$key]}"
	done
	exit 1
fi
exit 0
