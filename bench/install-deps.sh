#!/bin/sh
# Installs what bench/run.sh needs on Debian 12 beyond sigscope's own build dependencies
# (scripts/install-deps.sh), and only what is missing.
set -eu
pkgs="bpftrace linux-perf strace gnuplot-nox golang-go bpftool"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "bench: missing packages:$missing (run as root, or: apt-get install$missing)" >&2
	exit 2
fi
echo "bench: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
