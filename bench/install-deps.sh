#!/bin/sh
# Installs what bench/run.sh needs on Debian 12 beyond sigscope's own build dependencies, and
# only what is missing.
exec "$(dirname "$0")/../scripts/install-deps.sh" bpftrace linux-perf strace gnuplot-nox golang-go \
	default-jdk-headless nodejs \
	bpftool
