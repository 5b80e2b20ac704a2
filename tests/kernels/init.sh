#!/bin/busybox sh
# Guest /init for tests/kernels/run.sh (busybox sh, PID 1 of the initramfs).
# Runs every "MODE PROG" line of /plan.txt under sigscope, writes results to /out, sends /out to
# the host over the console between markers (read by collect.py), then powers off.
# No `set -e`: PID 1 must always reach poweroff, or the kernel panics and the host sees a failure.

/bin/busybox --install -s /bin
export PATH=/bin
# Per-run limit (seconds) so one hung run cannot eat the host's whole timeout.
RUN_TIMEOUT=120

# devtmpfs first: the initramfs has no /dev/console node of its own.
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1

say() { echo "==GUEST== $*"; }
# Seconds since START (an uptime reading), for the per-run times that show where a guest's
# minutes go (TCG makes sigscope's start-up, the verifier, most of a short run).
now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The markers are the protocol with collect.py: ==FILE name size sha256==, gzip+base64, ==END==.
send_file() {
	f=$1
	n=$(basename "$f")
	size=$(wc -c <"$f")
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	echo "==FILE $n $size $sum=="
	gzip -1 -c "$f" | base64
	echo "==END=="
}

finish() {
	# Only emergencies on the console while files go out: a kernel line inside base64 breaks it.
	echo 1 >/proc/sys/kernel/printk
	sync
	echo "==BEGIN FILES=="
	for f in /out/*; do
		[ -f "$f" ] && send_file "$f"
	done
	echo "==DONE=="
	poweroff -f
	sleep 10
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
# sigscope attaches classic tracepoints (--hooks light) through tracefs; debugfs for older tools.
mount -t tracefs tracefs /sys/kernel/tracing
mount -t debugfs debugfs /sys/kernel/debug
mount -t cgroup2 cgroup2 /sys/fs/cgroup
mount -t bpf bpf /sys/fs/bpf
hostname sigscope-guest
mkdir -p /out /tmp

echo "==KERNEL $(uname -r)=="
say "kernel $(uname -a)"
# The Debian package the kernel came from (run.sh): which kernel ran is part of the result.
if [ -r /kernel-package.txt ]; then
	say "kernel package $(cat /kernel-package.txt)"
	cp /kernel-package.txt /out/kernel-package.txt
fi
say "uptime at /init: $(cut -d' ' -f1 /proc/uptime) s"
if [ -r /sys/kernel/btf/vmlinux ]; then
	say "btf /sys/kernel/btf/vmlinux present ($(wc -c </sys/kernel/btf/vmlinux) bytes)"
else
	say "btf MISSING: /sys/kernel/btf/vmlinux"
fi
uname -r >/out/kernel.txt
cat /proc/cmdline >>/out/kernel.txt
# Proof that ia32 emulation is on in this guest (the reason this harness exists).
[ -e /proc/sys/abi ] && ls /proc/sys/abi >>/out/kernel.txt

# Smoke: sigscope starts at all, and loads its programs; on failure keep libbpf's log (verifier).
sigscope --help >/out/help.txt 2>&1
echo $? >/out/help.rc
say "sigscope --help rc=$(cat /out/help.rc)"
# A plan MODE is a tracepoint hook mode (full, enter, light) or "trampoline" (the fentry/fexit
# backend); both ask for their backend explicitly, so a fallback cannot pass unnoticed.
backend_args() {
	if [ "$1" = trampoline ]; then
		echo "--backend trampoline"
	else
		echo "--backend tracepoint --hooks $1"
	fi
}

# The plan without comments: "MODE PROG" per line.
sed -e 's/#.*//' /plan.txt | awk 'NF >= 2 {print $1, $2}' >/tmp/plan
# Smoke every backend, whatever the plan uses: the tracepoint backend in each hook mode and the
# trampoline backend (tests/kernels/matrix.py puts each result in its table).
for mode in full enter light trampoline; do
	s=/out/smoke.$mode
	t0=$(now)
	# shellcheck disable=SC2046 # backend_args is two or four words on purpose
	timeout -s KILL "$RUN_TIMEOUT" sigscope -q -o json -e all -w "$s.json" $(backend_args "$mode") \
		-- /bin/busybox true </dev/null 2>"$s.err"
	rc=$?
	echo "$rc" >"$s.rc"
	say "smoke hooks=$mode rc=$rc ($(since "$t0") s)"
	if [ "$rc" -ne 0 ]; then
		cat "$s.err"
		SIGSCOPE_DEBUG=1 timeout -s KILL "$RUN_TIMEOUT" sigscope -q -o json -e all \
			-w "$s.debug.json" $(backend_args "$mode") -- /bin/busybox true </dev/null >"$s.debug.log" 2>&1
		say "smoke hooks=$mode: SIGSCOPE_DEBUG=1 log in smoke.$mode.debug.log"
	fi
done

# The lockless VMA walk on this kernel's tree (tests/kernels/matrix.py checks the files), 4,000
# mappings (a tree three levels deep) and 40 redirects, small enough for TCG's single CPU:
# forest.* cross-checks every lookup against bpf_find_vma (SIGSCOPE_VMA_WALK_CHECK), and
# forest-contended.* is answered by the walk while the mm lock is kept busy.
for f in forest forest-contended; do
	arg=""
	[ $f = forest-contended ] && arg=contend
	t0=$(now)
	# shellcheck disable=SC2086 # arg is empty or one word
	GROUND_TRUTH=/out/$f.gt SIGSCOPE_VMA_WALK_CHECK=1 timeout -s KILL "$RUN_TIMEOUT" \
		sigscope -q -o json -e all -w /out/$f.json -- /progs/vma_forest 1000 40 $arg \
		</dev/null 2>/out/$f.err
	echo $? >/out/$f.rc
	say "forest $f rc=$(cat /out/$f.rc) ($(since "$t0") s)"
done

# wait_for TEXT FILE: until FILE contains TEXT (up to 30 s); non-zero on timeout.
wait_for() {
	n=0
	until grep -qF "$1" "$2" 2>/dev/null; do
		[ $n -ge 300 ] && return 1
		sleep 0.1
		n=$((n + 1))
	done
}

# attach-MODE (the malicious corpus's attach mode, tests/corpus/run_malicious.py): the program
# starts first and says "PROG: ready"; then `sigscope -p PID` (unless attach-none), whose start-up
# line says it is attached; then the go (SIGUSR2). PROG.MODE.rc is the program's status (128+N
# when signal N killed it); sigscope's stderr goes to PROG.MODE.sigscope.err.
run_attach() {
	m=${MODE#attach-}
	hooks=${m%+enforce}
	enforce=""
	[ "$hooks" != "$m" ] && enforce=--enforce
	MARKER=$b.marker timeout -s KILL "$RUN_TIMEOUT" "/progs/$PROG" </dev/null >/dev/null 2>"$b.err" &
	tpid=$!
	spid=""
	: >"$b.json"
	if ! wait_for "$PROG: ready" "$b.err"; then
		say "run $PROG $MODE: the program never said it was ready"
	fi
	pid=$(sed -n "s/^$PROG: pid \([0-9]*\)\$/\1/p" "$b.err" | head -n 1)
	if [ "$hooks" != none ] && [ -n "$pid" ]; then
		# shellcheck disable=SC2046,SC2086 # word splitting wanted for both
		sigscope -o json -e all -w "$b.json" $(backend_args "$hooks") $enforce -p "$pid" \
			</dev/null 2>"$b.sigscope.err" &
		spid=$!
		wait_for "sigscope: tracing" "$b.sigscope.err" || say "run $PROG $MODE: sigscope did not attach"
	fi
	[ -n "$pid" ] && kill -USR2 "$pid"
	wait "$tpid"
	echo $? >"$b.rc"
	if [ -n "$spid" ]; then
		kill -INT "$spid"
		wait "$spid"
	fi
}

# The plan: one sigscope run per line, exactly as the e2e checks expect the files (stdin is
# /dev/null so no run can eat the plan's remaining lines).
while read -r MODE PROG; do
	b=/out/$PROG.$MODE
	t0=$(now)
	if [ ! -x "/progs/$PROG" ]; then
		say "run $PROG $MODE: /progs/$PROG missing"
		continue
	fi
	# MARKER: where the malicious corpus's programs write if their attack succeeds.
	if [ "${MODE#attach-}" != "$MODE" ]; then
		run_attach
	elif [ "$MODE" = none ]; then
		MARKER=$b.marker GROUND_TRUTH=$b.gt timeout -s KILL "$RUN_TIMEOUT" "/progs/$PROG" \
			</dev/null >/dev/null 2>"$b.err"
		echo $? >"$b.rc"
		: >"$b.json"
	else
		hooks=${MODE%+enforce}
		enforce=""
		[ "$hooks" != "$MODE" ] && enforce=--enforce
		# shellcheck disable=SC2046,SC2086 # word splitting wanted for both
		MARKER=$b.marker GROUND_TRUTH=$b.gt timeout -s KILL "$RUN_TIMEOUT" sigscope -q -o json -e all \
			-w "$b.json" $(backend_args "$hooks") $enforce -- "/progs/$PROG" </dev/null 2>"$b.err"
		echo $? >"$b.rc"
	fi
	[ -e "$b.gt" ] || : >"$b.gt" # programs without ground truth still ship every file
	say "run $PROG $MODE rc=$(cat "$b.rc") ($(since "$t0") s)"
	[ -s "$b.err" ] && head -n 20 "$b.err" | sed "s/^/==GUEST== $PROG.$MODE stderr: /"
done </tmp/plan

# Hook costs in the guest (KERNELS_BENCH): each configuration per round, interleaved, so drift
# hits all alike. The tracer waits for its start-up line (printed once attached) before the loop.
if [ -f /bench.conf ]; then
	rounds=$(cat /bench.conf)
	for r in $(seq 1 "$rounds"); do
		for cfg in untraced full enter light trampoline; do
			pid=""
			if [ "$cfg" != untraced ]; then
				rm -f /tmp/bench.err
				# shellcheck disable=SC2046 # backend_args is several words on purpose
				sigscope -o json -w /dev/null $(backend_args "$cfg") </dev/null 2>/tmp/bench.err &
				pid=$!
				n=0
				until grep -q "tracing" /tmp/bench.err 2>/dev/null || [ $n -ge 300 ]; do
					sleep 0.2
					n=$((n + 1))
				done
			fi
			g=$(/bench/getppid_loop 200000 | sed 's/.*ns_per_iter=\([0-9.]*\).*/\1/')
			s=$(/bench/sigloop 20000 | sed 's/.*ns_per_iter=\([0-9.]*\).*/\1/')
			if [ -n "$pid" ]; then
				kill -INT "$pid"
				wait "$pid"
			fi
			say "BENCH $r $cfg getppid=$g sigloop=$s"
		done
	done
fi

say "uptime at the end of the plan: $(cut -d' ' -f1 /proc/uptime) s"
# The kernel's own view of the runs (warnings, segfault lines) for the lead to read.
dmesg >/out/dmesg.txt

finish
