#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""What each of sigscope's BPF programs costs per signal (`make bench-hooks`; run as root).

    bench/hook_profile.py [--sigscope BIN] [--base BIN] [--modes full,light] [--rounds 5]
                          [--n 200000]

Runs `BIN --hooks MODE -q -o json -w /dev/null -- sigloop N` with kernel.bpf_stats_enabled on,
and reads each of that sigscope's programs' run count and run time (bpftool) before it detaches:
the programs are found through the file descriptors the sigscope holds (/proc/PID/fdinfo), so
another BPF user on the machine is not counted. With --base, a second binary (the tree before a
change) runs in the same rounds, interleaved, so that noise hits both alike; the last column is
then the ratio of the totals.

Per program: runs per signal, ns per run, and ns per signal (run time / N), medians over the
rounds. The raw tracepoint programs on sys_enter/sys_exit run for every syscall on the machine,
so their runs per signal include what other processes did meanwhile (on a quiet machine about
2.5: sigloop's tgkill, the rt_sigreturn, and a few of its own). bpf_stats adds about 20 ns to
every run (two clock reads), the same for both binaries. Nothing is asserted: the figures only
mean something against each other. kernel.bpf_stats_enabled is put back as it was, on errors
and interrupts too. Exit status 0, 1 when a run failed, 2 for usage errors.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATS = "/proc/sys/kernel/bpf_stats_enabled"

# Runs inside the traced command, while sigscope is still attached: its parent is the sigscope.
PROBE = ('"$1" "$2" >/dev/null && cat /proc/$PPID/fdinfo/* 2>/dev/null | '
         'grep "^prog_id:" > "$3" && bpftool prog show -j > "$4"')


def die(msg, status=2):
    print("hook_profile: " + msg, file=sys.stderr)
    sys.exit(status)


def one_run(binary, mode, n, sigloop, tmp):
    """{program name: (runs, run time ns)} of one sigscope run over sigloop n, or raises."""
    ids_path, progs_path = os.path.join(tmp, "ids"), os.path.join(tmp, "progs.json")
    for p in (ids_path, progs_path):
        if os.path.exists(p):
            os.unlink(p)
    cmd = [binary, "--hooks", mode, "-q", "-o", "json", "-w", "/dev/null", "--",
           "sh", "-c", PROBE, "probe", sigloop, str(n), ids_path, progs_path]
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600,
                       check=False)
    if p.returncode != 0 or not os.path.exists(progs_path):
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError("%s --hooks %s exited %d: %s" % (binary, mode, p.returncode,
                                                              err[-1] if err else "no output"))
    with open(ids_path) as f:
        ids = {int(m.group(1)) for m in re.finditer(r"prog_id:\s*(\d+)", f.read())}
    with open(progs_path) as f:
        progs = json.load(f)
    out = {}
    for prog in progs:
        if prog.get("id") not in ids or not prog.get("run_cnt"):
            continue
        name = prog.get("name", "prog%d" % prog["id"])
        runs, ns = out.get(name, (0, 0))
        out[name] = (runs + prog["run_cnt"], ns + prog.get("run_time_ns", 0))
    if not out:
        raise RuntimeError("%s --hooks %s: no program of its ran (bpf_stats off?)" %
                           (binary, mode))
    return out


def table(label, runs, n):
    """Markdown rows of one configuration's medians; returns (rows, median total ns/signal)."""
    names = sorted({k for r in runs for k in r},
                   key=lambda k: -statistics.median(r.get(k, (0, 0))[1] for r in runs))
    rows = []
    for name in names:
        if statistics.median(r.get(name, (0, 0))[1] for r in runs) < n / 2:
            continue  # under 0.5 ns per signal (start-up, exec, exit): in the total only
        cnt = [r.get(name, (0, 0))[0] for r in runs]
        ns = [r.get(name, (0, 0))[1] for r in runs]
        per_run = statistics.median(t / c for t, c in zip(ns, cnt) if c) if any(cnt) else 0
        rows.append("| %s | %s | %.2f | %.0f | %.0f |" % (
            label, name, statistics.median(cnt) / n, per_run, statistics.median(ns) / n))
    total = statistics.median(sum(t for _, t in r.values()) / n for r in runs)
    rows.append("| %s | **total** | | | **%.0f** |" % (label, total))
    return rows, total


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sigscope", default=os.path.join(ROOT, "build", "sigscope"))
    ap.add_argument("--base", help="a second sigscope binary, interleaved in the same rounds")
    ap.add_argument("--modes", default="full,light")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--n", type=int, default=200000, help="signals per run")
    args = ap.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    if args.rounds < 1 or args.n < 1000 or not modes:
        die("--rounds must be at least 1, --n at least 1000, --modes not empty")
    if not set(modes) <= {"full", "enter", "light"}:
        die("--modes takes full, enter and light")
    if os.geteuid() != 0:
        die("must run as root: sigscope loads BPF programs, and bpf_stats is a sysctl")
    binaries = [("new", args.sigscope)] + ([("base", args.base)] if args.base else [])
    for _, b in binaries:
        if not os.access(b, os.X_OK):
            die("no sigscope binary at '%s' (build it with make)" % b)
    if not shutil.which("bpftool"):
        die("bpftool not found (apt-get install bpftool)")
    sigloop = os.path.join(ROOT, "build", "bench", "sigloop")
    if subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "bench"),
                       os.path.join(ROOT, "build", "bench", "sigloop")], check=False).returncode:
        die("building bench/sigloop failed", 1)

    with open(STATS) as f:
        before = f.read().strip()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    configs = [(label, b, m) for m in modes for label, b in binaries]
    runs = {(label, m): [] for label, _, m in configs}
    failed = None
    try:
        with open(STATS, "w") as f:
            f.write("1")
        with tempfile.TemporaryDirectory(prefix="hook_profile.") as tmp:
            for rnd in range(args.rounds):
                order = configs[rnd % len(configs):] + configs[:rnd % len(configs)]
                for label, b, m in order:
                    runs[(label, m)].append(one_run(b, m, args.n, sigloop, tmp))
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
        failed = str(e)
    finally:
        with open(STATS, "w") as f:
            f.write(before)
    if failed:
        die("FAILED: " + failed, 1)

    print("BPF run time per signal, sigloop %d, median of %d rounds (bench/hook_profile.py)\n"
          % (args.n, args.rounds))
    print("| binary, mode | program | runs per signal | ns per run | ns per signal |")
    print("|---|---|---:|---:|---:|")
    totals = {}
    for label, _, m in configs:
        rows, totals[(label, m)] = table("%s %s" % (label, m), runs[(label, m)], args.n)
        print("\n".join(rows))
    if args.base:
        print()
        for m in modes:
            print("%s: new/base total %.2f (%.0f / %.0f ns per signal)" % (
                m, totals[("new", m)] / totals[("base", m)], totals[("new", m)],
                totals[("base", m)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
