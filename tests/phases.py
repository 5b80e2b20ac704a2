#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""`make test`'s phases (issue 17): the root phases one after another, the phases that need
neither root nor BPF beside them, and a table of each phase's wall time at the end.

    python3 tests/phases.py [--make make] [--only PHASE,...] [--serial]

The root phases run in order and alone while they measure something the load of another phase
would disturb (e2e's drop checks, reliability's loss bounds, the fleet's timeouts). The
non-root phases (format-check, lint, unit, fuzz) run one after another beside test-kernels,
whose guests spend most of their time in qemu, at nice 19 so that the guests keep the CPUs
they ask for. Their output goes to build/phases/PHASE.log, printed once test-kernels ends.
Exit status: 0 when every phase passed, else 1 (after all have run: one red phase does not hide
the others).
"""

import argparse
import os
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ROOT_BEFORE = ["e2e", "conformance", "test-reliability", "test-fleet"]
ROOT_WITH_SIDE = ["test-kernels"]  # the side phases run beside these
ROOT_AFTER = ["corpus", "test-realworld"]
SIDE = ["format-check", "lint", "unit", "fuzz"]


class Phase:
    def __init__(self, name, make, beside=False):
        self.name = name
        self.cmd = [make, "--no-print-directory", name]
        self.beside = beside
        self.secs = None
        self.rc = None

    def run(self):
        """In the foreground, its output as it comes."""
        print("phases: %s" % self.name, flush=True)
        start = time.monotonic()
        self.rc = subprocess.call(self.cmd, cwd=ROOT)
        self.secs = time.monotonic() - start

    def run_logged(self, logdir):
        """Beside a root phase, at nice 19, its output kept for later."""
        path = os.path.join(logdir, self.name + ".log")
        start = time.monotonic()
        with open(path, "w") as log:
            self.rc = subprocess.call(["nice", "-n", "19"] + self.cmd, cwd=ROOT, stdout=log,
                                      stderr=subprocess.STDOUT)
        self.secs = time.monotonic() - start
        self.log = path


def run_beside(phases, logdir):
    """The side phases one after another (one CPU's worth of load at most) in a thread."""
    def work():
        for p in phases:
            p.run_logged(logdir)
    t = threading.Thread(target=work)
    t.start()
    return t


def show_logs(phases):
    for p in phases:
        with open(p.log, errors="replace") as f:
            text = f.read()
        print("phases: %s (beside test-kernels): exit %d, %.0f s; its output:" %
              (p.name, p.rc, p.secs), flush=True)
        sys.stdout.write(text if not text or text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def table(phases, total):
    lines = ["", "phase                 wall      status"]
    for p in phases:
        if p.secs is None:
            continue
        lines.append("%-20s %6.0f s   %s%s" % (p.name, p.secs, "ok" if p.rc == 0 else
                                              "FAILED (exit %d)" % p.rc,
                                              "   (beside test-kernels)" if p.beside else ""))
    lines.append("%-20s %6.0f s   (%.1f min, wall clock of make test's phases)" %
                 ("total", total, total / 60))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--make", default=os.environ.get("MAKE", "make"))
    ap.add_argument("--only", help="comma-separated phases to run (the others are skipped)")
    ap.add_argument("--serial", action="store_true",
                    help="run the side phases in the foreground too, before test-kernels")
    a = ap.parse_args()
    only = set(a.only.split(",")) if a.only else None
    keep = lambda names: [n for n in names if only is None or n in only]
    logdir = os.path.join(ROOT, "build", "phases")
    os.makedirs(logdir, exist_ok=True)

    t0 = time.monotonic()
    done = []
    for name in keep(ROOT_BEFORE):
        done.append(Phase(name, a.make))
        done[-1].run()
    side = [Phase(n, a.make, beside=not a.serial) for n in keep(SIDE)]
    if a.serial:
        for p in side:
            p.run()
    thread = run_beside(side, logdir) if side and not a.serial else None
    for name in keep(ROOT_WITH_SIDE):
        done.append(Phase(name, a.make))
        done[-1].run()
    if thread:
        thread.join()
        show_logs(side)
    done.extend(side)
    for name in keep(ROOT_AFTER):
        done.append(Phase(name, a.make))
        done[-1].run()
    print(table(done, time.monotonic() - t0), flush=True)
    failed = [p.name for p in done if p.rc != 0]
    if failed:
        print("phases: FAILED: %s" % ", ".join(failed), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
