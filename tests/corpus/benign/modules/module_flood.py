#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""module_flood.py FAKE DIR N -- CMD [ARGS...]: runs N distinct copies of FAKE (DIR/m0 ...), 32 at
a time, then execs CMD (red team round 32, idea 3: a host that has run thousands of distinct Go
binaries since sigscope started, a CI host's `go test` binaries, or any user doing it on purpose;
then a correct Go program starts). Each copy is a new module to sigscope, with five runtime
entries; once they have exited, no process maps them. Python 3 standard library only."""
import os
import shutil
import subprocess
import sys


def main():
    if len(sys.argv) < 6 or sys.argv[4] != "--":
        print("usage: module_flood.py FAKE DIR N -- CMD [ARGS...]", file=sys.stderr)
        return 2
    fake, d, n, cmd = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[5:]
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    with open(fake, "rb") as f:
        body = f.read()
    running = []
    for i in range(n):
        path = os.path.join(d, "m%d" % i)
        with open(path, "wb") as f:
            f.write(body)
        os.chmod(path, 0o755)
        running.append(subprocess.Popen([path]))
        if len(running) >= 32:
            if running.pop(0).wait() != 0:
                print("module_flood: a copy failed", file=sys.stderr)
                return 1
    for p in running:
        p.wait()
    shutil.rmtree(d, ignore_errors=True)
    print("module_flood: %d modules run" % n, file=sys.stderr, flush=True)
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    sys.exit(main())
