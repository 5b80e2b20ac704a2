#!/bin/sh
# Installs what sigscope's build and tests need on Debian 12, and only what is missing.
# With arguments, installs those packages instead (bench/install-deps.sh uses that).
set -eu
pkgs="$*"
[ -n "$pkgs" ] || pkgs="clang llvm libbpf-dev bpftool libelf-dev zlib1g-dev libjansson-dev libyaml-dev make gcc
gcc-multilib libcap-dev pkg-config python3 clang-format cppcheck libclang-rt-14-dev
libsystemd-dev librdkafka-dev scdoc"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "sigscope: missing packages:$missing (run as root, or: apt-get install$missing)" >&2
	exit 2
fi
echo "sigscope: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
