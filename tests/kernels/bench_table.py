#!/usr/bin/env python3
"""Reads the guest's "BENCH round config getppid=NS sigloop=NS" lines (tests/kernels/run.sh with
KERNELS_BENCH=ROUNDS) from a console log and prints medians and ratios against the untraced run
of the same boot. TCG emulates the CPU: ratios are indicative, absolute times are not."""
import re
import statistics
import sys

LINE = re.compile(r"==GUEST== BENCH (\d+) (\S+) getppid=([\d.]+) sigloop=([\d.]+)")


def main():
    if len(sys.argv) != 2:
        print("usage: bench_table.py CONSOLE_LOG", file=sys.stderr)
        return 2
    runs = {}
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.search(line)
            if m:
                cfg = runs.setdefault(m.group(2), {"getppid": [], "sigloop": []})
                cfg["getppid"].append(float(m.group(3)))
                cfg["sigloop"].append(float(m.group(4)))
    if "untraced" not in runs:
        print("bench_table: no BENCH lines for 'untraced' in %s" % sys.argv[1], file=sys.stderr)
        return 1
    base = {w: statistics.median(runs["untraced"][w]) for w in ("getppid", "sigloop")}
    print("| configuration | getppid ns | ratio | signal round trip ns | ratio | rounds |")
    print("|---|---|---|---|---|---|")
    for cfg, v in runs.items():
        g, s = statistics.median(v["getppid"]), statistics.median(v["sigloop"])
        print("| %s | %.0f | %.2f | %.0f | %.2f | %d |" %
              (cfg, g, g / base["getppid"], s, s / base["sigloop"], len(v["getppid"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
