#!/usr/bin/env bash
# Runs sigscope's end-to-end programs on a second kernel (Debian 12's 6.1 cloud kernel by default,
# or any Debian kernel package) under qemu TCG, because the build machine's kernel has 32-bit
# emulation off and the ia32 paths (a -m32 program, int $0x80 from 64-bit code) can only be
# exercised elsewhere; tests/kernels/matrix.py boots several kernels with it.
#
#   tests/kernels/run.sh OUTDIR [PLAN...]   (as root, from anywhere; PLAN: tests/kernels/plan.txt)
#
# Several plans run in ONE boot: their lines are concatenated, in order, and every file lands in
# OUTDIR (their PROG.MODE names do not collide); each plan's own checker reads OUTDIR with its plan.
# Writes OUTDIR/PROG.MODE.{json,gt,rc,err} per plan line "MODE PROG", the smoke-test files (every
# backend: tracepoint full, enter, light and trampoline), the guest's dmesg, OUTDIR/console.log
# and OUTDIR/guest-kernel.txt (the kernel package and version); check them with
# tests/e2e/run_e2e.py --check-dir OUTDIR.
# (The corpus plans, tests/corpus/*/plan*.txt, name their own checker at their top.)
# Exits non-zero when the guest did not finish or a file is missing.
# A plan can ask for another Debian 6.1 kernel flavour and extra kernel parameters with directive
# comments (other readers of the plan skip them as comments):
#   #@kernel FLAVOUR     linux-image-6.1.0-NN-FLAVOUR-unsigned (default cloud-amd64)
#   #@cmdline ARGS       appended to the guest's kernel command line
# e.g. tests/corpus/malicious/plan-x32.txt: `#@kernel amd64` (x32 built in, unlike the cloud
# kernel) and `#@cmdline syscall.x32=y` (Debian builds it disabled by default).
# Env: KERNELS_TIMEOUT (host-side limit for the whole guest run, seconds, default 600);
#      KERNELS_DEB=FILE.deb boots the kernel of that package (linux-image-VER[-unsigned] with
#      boot/vmlinuz-VER, or linux-binary[-unsigned]-VER with usr/lib/modules/VER/vmlinuz, as
#      Debian ships from 6.19 on) instead of the newest 6.1 (#@kernel is then ignored);
#      KERNELS_B: the build and cache folder (default build/kernels; one per guest that runs
#      at the same time as another); KERNELS_CPU: qemu's -cpu (default max; Debian's 6.12
#      amd64 needs max,-cx16 under TCG, ../shared design notes); KERNELS_MEM: MiB (default 1024);
#      KERNELS_BENCH=ROUNDS also runs bench/getppid_loop and bench/sigloop untraced and under
#      each backend in the guest (bench_table.py reads the results from console.log).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUTDIR=${1:?usage: tests/kernels/run.sh OUTDIR [PLAN...]}
shift
PLANS=("$@")
[ ${#PLANS[@]} -gt 0 ] || PLANS=("$HERE/plan.txt")
B=${KERNELS_B:-$ROOT/build/kernels}
TIMEOUT=${KERNELS_TIMEOUT:-600}
CPU=${KERNELS_CPU:-max}
MEM=${KERNELS_MEM:-1024}
DEB=${KERNELS_DEB:-}
export DEBIAN_FRONTEND=noninteractive
# Other people may be running apt at the same time: wait for the lock instead of failing.
APT=(apt-get -o DPkg::Lock::Timeout=600 -o APT::Sandbox::User=root -y -qq)

log() { echo "kernels: $*" >&2; }
die() {
	log "ERROR: $*"
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "run as root (apt-get, and the guest image is built as root)"
for p in "${PLANS[@]}"; do
	[ -r "$p" ] || die "no plan file $p"
done
[ -z "$DEB" ] || [ -r "$DEB" ] || die "no kernel package $DEB (KERNELS_DEB)"
[[ "$CPU" =~ ^[a-zA-Z0-9,=+_-]+$ ]] || die "bad KERNELS_CPU '$CPU'"
[[ "$MEM" =~ ^[0-9]+$ ]] || die "bad KERNELS_MEM '$MEM'"
# Stale files from an earlier run would pass for this run's: wipe our own output, touch nothing else.
if [ -d "$OUTDIR" ] && [ -n "$(ls -A "$OUTDIR")" ]; then
	[ -e "$OUTDIR/console.log" ] || die "$OUTDIR is not empty and not an earlier output of this script"
	rm -rf "$OUTDIR"
fi
mkdir -p "$B/cache"
B=$(cd "$B" && pwd)
# The plans, one after the other, as the one plan of this boot (collect.py checks it whole).
PLAN=$B/plan.txt
for p in "${PLANS[@]}"; do
	echo "# ---- $p"
	cat "$p"
done >"$PLAN"
# Plan directives (the last of each wins).
FLAVOR=$(sed -n 's/^#@kernel[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p' "$PLAN" | tail -n 1)
FLAVOR=${FLAVOR:-cloud-amd64}
CMDLINE=$(sed -n 's/^#@cmdline[[:space:]]\{1,\}//p' "$PLAN" | tail -n 1)
# (used in regexes below as it is: letters, digits and dashes only)
[[ "$FLAVOR" =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || die "bad #@kernel flavour '$FLAVOR' in $PLAN"
mkdir -p "$OUTDIR" "$B/cache"
OUTDIR=$(cd "$OUTDIR" && pwd)
START=$(date +%s)

# 1. Packages: the project's own build deps, then what only this harness needs. The matrix starts
# two guests at once, and apt-get's lists lock does not wait (DPkg::Lock::Timeout covers only the
# dpkg lock): on a fresh machine one guest's install failed at once. One installer at a time.
exec 9>/run/lock/sigscope-kernels-apt.lock
flock 9
"$ROOT/scripts/install-deps.sh"
need=()
for p in qemu-system-x86 busybox-static cpio gcc-multilib libc6-dev-i386; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
	log "installing: ${need[*]}"
	"${APT[@]}" update
	"${APT[@]}" install --no-install-recommends "${need[@]}" >&2
fi
exec 9>&-

# 2. Guest kernel: KERNELS_DEB, or else the newest 6.1 image of the flavour (cloud unless the plan
# says otherwise); a .deb already in the cache is reused.
newest_kernel_pkg() {
	apt-cache pkgnames linux-image-6.1.0- 2>/dev/null | grep -E "^linux-image-6\.1\.0-[0-9]+-$FLAVOR-unsigned\$" |
		sort -V | tail -n 1
}
if [ -n "$DEB" ]; then
	deb=$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")
	[ "$FLAVOR" = cloud-amd64 ] || log "KERNELS_DEB given: the plan's #@kernel $FLAVOR is not used"
else
	pkg=$(newest_kernel_pkg || true)
	if [ -z "$pkg" ]; then
		"${APT[@]}" update
		pkg=$(newest_kernel_pkg || true)
	fi
	deb=""
	if [ -n "$pkg" ]; then
		deb=$(find "$B/cache" -maxdepth 1 -name "${pkg}_*.deb" | sort -V | tail -n 1)
		if [ -z "$deb" ]; then
			log "downloading $pkg"
			(cd "$B/cache" && "${APT[@]}" download "$pkg" >&2) || log "cannot download $pkg"
			deb=$(find "$B/cache" -maxdepth 1 -name "${pkg}_*.deb" | sort -V | tail -n 1)
		fi
	fi
	if [ -z "$deb" ]; then
		# No apt index or no mirror (offline): fall back to whatever the cache holds.
		# (a regex, not a glob: flavour amd64 must not pick a cloud-amd64 package)
		deb=$(find "$B/cache" -maxdepth 1 -name 'linux-image-6.1.0-*-unsigned_*.deb' |
			grep -E "/linux-image-6\.1\.0-[0-9]+-$FLAVOR-unsigned_[^/]*\.deb\$" | sort -V | tail -n 1 || true)
	fi
	[ -n "$deb" ] || die "no linux-image-6.1.0-*-$FLAVOR-unsigned package found"
fi
# The kernel release: the package name without linux-image-/linux-binary-[unsigned-] and
# -unsigned (linux-image-6.1.0-28-cloud-amd64-unsigned: 6.1.0-28-cloud-amd64).
kpkgname=$(dpkg-deb -f "$deb" Package)
kver=$(echo "$kpkgname" | sed -E 's/^linux-(image|binary)-(unsigned-)?//; s/-unsigned$//')
[[ "$kver" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || die "$deb ($kpkgname) is not a kernel image package"
VMLINUZ=$B/cache/vmlinuz-$kver
if [ ! -s "$VMLINUZ" ]; then
	# Only the kernel image: the serial console (8250), initramfs and BTF are built into the
	# cloud and the generic flavour alike, so no modules are needed. Up to 6.18 it is
	# boot/vmlinuz-VER of linux-image-VER; from 6.19 on usr/lib/modules/VER/vmlinuz of
	# linux-binary-VER (linux-image-VER is then a metapackage without it).
	rm -rf "$B/cache/x"
	mkdir -p "$B/cache/x"
	member=$(dpkg-deb --fsys-tarfile "$deb" | tar -t |
		grep -F -x -e "./boot/vmlinuz-$kver" -e "./usr/lib/modules/$kver/vmlinuz" | head -n 1 || true)
	[ -n "$member" ] || die "$deb holds no boot/vmlinuz-$kver or usr/lib/modules/$kver/vmlinuz (a metapackage?)"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$B/cache/x" "$member"
	mv "$B/cache/x/$member" "$VMLINUZ"
	rm -rf "$B/cache/x"
fi
# Which kernel ran is part of the result: the newest 6.1 changes as Debian publishes updates.
kpkg="$kpkgname $(dpkg-deb -f "$deb" Version)"
log "guest kernel package: $kpkg"
echo "guest kernel package: $kpkg" >"$OUTDIR/guest-kernel.txt"

# 3. Static sigscope: the Makefile's own target (same objects, same flags, -Werror included).
make -s --no-print-directory -C "$ROOT" static >&2 || die "cannot build sigscope statically (make static)"
cp "$ROOT/build/sigscope-static" "$B/sigscope"
log "built $B/sigscope (make static)"

# 4. The e2e programs, static; the Makefile's M32_PROGS are 32-bit.
m32_list=$(make -s --no-print-directory -C "$ROOT/tests/e2e" --eval "print-var: ; @echo \$(M32_PROGS)" print-var 2>/dev/null ||
	echo sig_ia32)
read -r -a m32 <<<"$m32_list"
rm -rf "$B/progs"
mkdir -p "$B/progs"
built=0
failed_progs=()
for s in "$ROOT"/tests/e2e/progs/*.c; do
	p=$(basename "$s" .c)
	arch=()
	[[ " ${m32[*]} " == *" $p "* ]] && arch=(-m32)
	if cc -std=gnu11 -O1 -g -Wall -Wextra -pthread "${arch[@]}" -static "$s" -o "$B/progs/$p"; then
		built=$((built + 1))
	else
		# Keep going: the runs that need it will show up as missing files.
		failed_progs+=("$p")
	fi
done
# The malicious corpus (x86_64; its plan runs them alone, detected and enforced). The redirect
# attacks are about libc as a library of its own (a static binary's libc is the handler's own
# module, which the README's threat model lists as what gets through): those are linked
# dynamically, and the guest gets the loader and libc they need. srop_jit_handler_borrow is
# built as on the host too (it needs a JVM: not in the guest plan, it would skip there).
dynamic_progs=" srop_redirect_libc srop_redirect_libc_from_libc srop_jit_handler_borrow "
for s in "$ROOT"/tests/corpus/malicious/*.c; do
	p=$(basename "$s" .c)
	link=-static
	case "$dynamic_progs" in *" $p "*) link=-Wl,-z,now ;; esac
	arch=()
	case $p in *_m32) arch=(-m32 -fno-pie -no-pie) ;; esac # 32-bit attacks (red team round 15)
	if cc -std=gnu11 -O1 -g -Wall -Wextra -pthread "${arch[@]}" "$link" "$s" -o "$B/progs/$p"; then
		built=$((built + 1))
	else
		failed_progs+=("$p")
	fi
done
# The benign corpus's C programs (tests/corpus/benign/plan-guest.txt), static, when the plan
# names them.
while read -r p; do
	s=$ROOT/tests/corpus/benign/c/$p.c
	[ -e "$s" ] || continue
	if cc -std=gnu11 -O2 -g -Wall -Wextra -pthread -static "$s" -o "$B/progs/$p"; then
		built=$((built + 1))
	else
		failed_progs+=("$p")
	fi
done < <(sed -e 's/#.*//' "$PLAN" | awk 'NF >= 2 {print $2}' | sort -u)
# Every guest checks the lockless VMA walk (src/bpf/vma.bpf.h) on its own kernel's tree:
# tests/reliability/progs/vma_forest.c, its stub code at a fixed address (no PIE).
if cc -std=gnu11 -O1 -g -Wall -Wextra -pthread -static -no-pie \
	"$ROOT/tests/reliability/progs/vma_forest.c" -o "$B/progs/vma_forest"; then
	built=$((built + 1))
else
	failed_progs+=(vma_forest)
fi
log "built $built test programs${failed_progs[*]:+; FAILED to build: ${failed_progs[*]}}"

# 4b. The hook-cost microbenchmarks, static, when asked for.
if [ -n "${KERNELS_BENCH:-}" ]; then
	mkdir -p "$B/benchbin"
	for p in getppid_loop sigloop; do
		cc -std=gnu11 -D_GNU_SOURCE -O2 -static -pthread -I "$ROOT/bench" "$ROOT/bench/$p.c" -o "$B/benchbin/$p" ||
			die "cannot build bench/$p.c"
	done
fi

# 5. Initramfs: busybox, /init, sigscope, the programs and the plan; stripped to boot faster.
R=$B/initramfs
rm -rf "$R"
mkdir -p "$R"/{bin,dev,proc,sys,tmp,out,progs}
# The guest has no libc: a dynamic busybox (package busybox, not busybox-static) cannot start.
if readelf -l /bin/busybox | grep 'program interpreter' >/dev/null; then
	die "/bin/busybox is dynamic: install busybox-static"
fi
cp /bin/busybox "$R/bin/busybox"
install -m 0755 "$HERE/init.sh" "$R/init"
strip -o "$R/bin/sigscope" "$B/sigscope"
for p in "$B"/progs/*; do
	if [ -e "$p" ]; then
		strip -o "$R/progs/$(basename "$p")" "$p"
	fi
done
# The shared objects of the dynamic programs, at the paths their loader looks for them.
for p in $dynamic_progs; do
	[ -e "$B/progs/$p" ] || continue
	for lib in $(ldd "$B/progs/$p" | grep -o '/[^ ]*'); do
		mkdir -p "$R$(dirname "$lib")"
		cp -L "$lib" "$R$lib"
	done
done
cp "$PLAN" "$R/plan.txt"
echo "$kpkg" >"$R/kernel-package.txt"
if [ -n "${KERNELS_BENCH:-}" ]; then
	mkdir -p "$R/bench"
	strip -o "$R/bench/getppid_loop" "$B/benchbin/getppid_loop"
	strip -o "$R/bench/sigloop" "$B/benchbin/sigloop"
	echo "$KERNELS_BENCH" >"$R/bench.conf"
fi
(cd "$R" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$B/initrd.gz"

# Boot under TCG (KVM hangs nested). panic=-1 + -no-reboot: a guest panic ends qemu at once.
CONSOLE=$B/console.log
log "booting $kver${CMDLINE:+ ($CMDLINE)} under qemu TCG (-cpu $CPU -m $MEM, limit ${TIMEOUT}s)"
QEMU=(qemu-system-x86_64 -accel tcg -cpu "$CPU" -m "$MEM" -smp 1
	-display none -monitor none -serial stdio -no-reboot
	-kernel "$VMLINUZ" -initrd "$B/initrd.gz"
	-append "console=ttyS0 quiet panic=-1${CMDLINE:+ $CMDLINE}")
log "${QEMU[*]}"
QSTART=$(date +%s)
set +e
timeout -k 10 "$TIMEOUT" "${QEMU[@]}" </dev/null >"$CONSOLE" 2>"$B/qemu.err"
qrc=$?
set -e
log "qemu ran for $(($(date +%s) - QSTART))s"
if [ $qrc -eq 124 ]; then
	log "qemu TIMED OUT after ${TIMEOUT}s (guest hung)"
elif [ $qrc -ne 0 ]; then
	log "qemu exited with $qrc: $(head -c 2000 "$B/qemu.err")"
fi
# The guest's progress lines, without the file data.
grep -a '^==GUEST==' "$CONSOLE" | sed 's/^==GUEST== /guest: /; s/\r$//' >&2 || true

# 6. Files out of the console log into OUTDIR.
crc=0
python3 "$HERE/collect.py" "$CONSOLE" "$OUTDIR" "$PLAN" || crc=$?
log "done in $(($(date +%s) - START))s"
if [ $qrc -ne 0 ] || [ $crc -ne 0 ] || [ ${#failed_progs[@]} -ne 0 ]; then
	exit 1
fi
