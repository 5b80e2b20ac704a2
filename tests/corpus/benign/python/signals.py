#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""A benign CPython workload for sigscope's corpus (tests/corpus/run_benign.py).

CPython's C-level handler only records the signal (and writes to the wakeup fd); the Python
handler runs later in the main thread, between bytecodes. Storms of signals from several
sources hit the interpreter while it runs bytecode, sleeps (PEP 475 retries the interrupted
system call) and waits on threads:

  - os.kill(getpid(), SIGUSR1) and signal.raise_signal(SIGUSR2) loops in the main thread
  - signal.pthread_kill() of the main thread from a helper thread (SIGWINCH)
  - ITIMER_REAL (SIGALRM) and ITIMER_PROF (SIGPROF) interval timers at 1 kHz
  - child processes that exit (SIGCHLD with a handler installed)
  - a wakeup fd (signal.set_wakeup_fd) drained by a helper thread

Usage: signals.py [SECONDS]   (default 5). Prints one summary line and exits 0.
"""

import os
import signal
import socket
import sys
import threading
import time

counts = {}


def handler(signum, frame):
    counts[signum] = counts.get(signum, 0) + 1


def chld(signum, frame):
    counts[signum] = counts.get(signum, 0) + 1
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    for sig in (signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM, signal.SIGPROF, signal.SIGWINCH):
        signal.signal(sig, handler)
    signal.signal(signal.SIGCHLD, chld)

    rsock, wsock = socket.socketpair()
    rsock.setblocking(True)
    wsock.setblocking(False)
    signal.set_wakeup_fd(wsock.fileno(), warn_on_full_buffer=False)
    stop = threading.Event()
    wakeups = [0]

    def drain():
        rsock.settimeout(0.1)
        while not stop.is_set():
            try:
                wakeups[0] += len(rsock.recv(4096))
            except socket.timeout:
                pass

    def poke(main_ident):
        while not stop.is_set():
            signal.pthread_kill(main_ident, signal.SIGWINCH)
            time.sleep(0.001)

    threads = [threading.Thread(target=drain, daemon=True),
               threading.Thread(target=poke, args=(threading.main_thread().ident,), daemon=True)]
    for t in threads:
        t.start()
    signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)
    signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)

    deadline = time.monotonic() + seconds
    kills = forks = sleeps = 0
    x = 0
    while time.monotonic() < deadline:
        for _ in range(6):
            os.kill(os.getpid(), signal.SIGUSR1)
            signal.raise_signal(signal.SIGUSR2)
            kills += 2
        for i in range(20000):  # bytecode: signals land between instructions
            x = (x * 31 + i) & 0xffffffff
        time.sleep(0.002)  # interrupted by the timers, retried (PEP 475)
        sleeps += 1
        if sleeps % 10 == 0:
            pid = os.fork()
            if pid == 0:
                os._exit(0)
            forks += 1

    signal.setitimer(signal.ITIMER_REAL, 0, 0)
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    stop.set()
    for t in threads:
        t.join()
    signal.set_wakeup_fd(-1)
    time.sleep(0.05)  # let the last SIGCHLD arrive
    try:
        while os.waitpid(-1, 0):
            pass
    except ChildProcessError:
        pass
    names = " ".join("%s=%d" % (signal.Signals(s).name, n) for s, n in sorted(counts.items()))
    print("pysignals seconds=%g kills=%d forks=%d wakeup_bytes=%d %s"
          % (seconds, kills, forks, wakeups[0], names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
