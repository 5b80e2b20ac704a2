#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Real-world benign corpus (issue 16): runtimes from Debian packages under `sigscope --enforce`.

    python3 tests/realworld/run_realworld.py --sigscope build/sigscope \\
        [--known-failures tests/realworld/known-failures.txt] [--only go,wine] [--report FILE]

Workloads (sources in tests/realworld/, built into build/realworld/ at test time):
  go             faults recovered (SetPanicOnFault), deep stacks, GC, SIGALRM timer, async
                 preemption (SIGURG)                                               go/
  java           OpenJDK: implicit null checks, StackOverflowError on main and on a thread, GC
                 and safepoints, a scheduled timer                                 java/
  node           Node.js: WebAssembly out-of-bounds traps (V8's trap handler), wasm and JS stack
                 overflow, on main and in workers, gc(), timers, SIGPROF sampling   node/
  node-installed  the same node copied to /usr/local/bin/node after sigscope started (a runtime
                 an upgrade installs): its profile must come from the paths looked up again
  mono           Mono (mcs): NullReferenceException, DivideByZeroException, StackOverflowException
                 on main and on a thread, SGen's stop-the-world signals, a timer, Thread.Abort
                 of spinning workers                                                 mono/
  mono-preemptive  the same under MONO_THREADS_SUSPEND=preemptive: its suspend handler sends
                 an aborted thread into the runtime with an async call               mono/
  mono-attach    the same, sigscope attached with -p once its faulting threads run   mono/
  sbcl           SBCL: memory faults, internal-error traps, control stack exhaustion on main and
                 on a thread, GC, SIGALRM timers, interrupt-thread, sb-sprof (SIGPROF), its
                 own breakpoints (trace :encapsulate nil)                           sbcl/
  ruby           CRuby 3.1: SystemStackError on main and on a thread, GC, Signal.trap handlers
                 for SIGALRM and SIGUSR1, busy threads sharing the GVL, Thread#wakeup of a
                 thread blocked in sleep                                           ruby/
  wine           Wine (wine64, mingw-w64): access violation, division by zero, int3, stack
                 overflow on main and on a thread, each through a vectored exception handler;
                 SuspendThread/GetThreadContext; a timer queue                     wine/
  qemu           qemu-user (qemu-i386) running a static i386 program that takes faults, stack
                 overflows on main and on a thread, timers, thread signals, and a read that
                 SA_RESTART signals restart (qemu rewinds its safe_syscall)         qemu/
  gdb-inline     gdb: breakpoints in every handler and on the `syscall` of glibc's __restore_rt,
                 stepped over in line (displaced-stepping off)                      gdb/
  gdb-displaced  the same with gdb's default, displaced stepping (gdb 13's "auto" picks it on
                 native Linux): gdb runs the restorer's `syscall` from a copy at the program's
                 entry point                                                        gdb/
  gdb-stepping   gdb single-steps whole handlers through rt_sigreturn              gdb/
  valgrind       the gdb target under valgrind's memcheck, which runs the program's handlers on
                 its synthetic CPU with frames of its own and takes the host signals itself
                                                                                    gdb/target.c

Each runs under `sigscope -q -o json -w FIFO --enforce --buffer-kb 65536 -e all -- CMD` through
run_benign.py's trace() (the JSON is stream-parsed; sigscope's summary is read). The timed
workloads are paced to a few thousand signals a second: the point is every shape of context
change a runtime makes, not volume (run_benign.py's storm does volume). A workload passes when:
  - it exited 0 and printed its ground-truth line (the counts that prove it did its work);
  - nothing was killed (no sigscope_enforcement event, no death by SIGKILL);
  - no finding of medium or above (finding events and rt_sigreturn verdicts);
  - every rt_sigreturn paired with its delivery (no unmatched), and no event lost.
--known-failures FILE lists workloads expected to fail today, one a line: WORKLOAD FINDINGS WHY
(FINDINGS: the comma-separated finding names expected at medium or above; '#' starts a
comment). Such a workload is reported as "known" and does not fail the run when its only
failures are findings of those kinds (under --enforce, with the kill that follows); anything
else (another finding, an unmatched sigreturn, a loss) fails it. A listed one that passes is
reported as "now passes" (delete its line). Missing Debian packages are installed with apt-get
(only what is missing, noninteractive, --no-install-recommends), unless --no-install.

--detect-only runs without --enforce: the measurement. Under --enforce the first finding at
high kills the workload, which hides every finding it would have raised after it, and the
symbols of a process killed that early are often `unknown` (it is gone before sigscope reads
its maps: docs/events.md "Symbols"). The checks are the same (an enforcement event cannot occur).

Besides the verdict, every finding is recorded with the shape of what the handler changed
(registers, rip before and after as module!symbol, rsp delta, signal and si_code, the handler's
module, the call site), and written as Markdown to --report (default
build/realworld/report.md): tests/realworld/FINDINGS.md is written from it.

Prints one line per workload, the seconds spent in apt-get, builds and traced runs, and
`realworld: N passed (...), M failed, K known failures`. Exit status 0, 1 when a check failed
(outside the known failures), 2 when not root or sigscope is missing. About a minute on the
2-core build machine once the packages are installed (apt-get: about 40 s for 190 MB).
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
sys.path.insert(0, os.path.join(ROOT, "tests", "corpus"))
import run_benign  # noqa: E402
from harness import args_of  # noqa: E402

WINE64 = "/usr/lib/wine/wine64"  # Debian's wine64 package: no /usr/bin entry without `wine`
WINESERVER = "/usr/lib/wine/wineserver"


def log(msg=""):
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------------
# Packages


def missing_packages(pkgs):
    out = []
    for p in pkgs:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True,
                           text=True)
        if "install ok installed" not in r.stdout:
            out.append(p)
    return out


def install(pkgs):
    """apt-get install what is missing of pkgs, as scripts/install-deps.sh does; returns
    (seconds spent, error or None)."""
    missing = missing_packages(pkgs)
    if not missing:
        return 0.0, None
    log("realworld: installing %s (apt-get)" % " ".join(missing))
    t0 = time.monotonic()
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
    r = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing,
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    secs = time.monotonic() - t0
    if r.returncode != 0:
        return secs, "apt-get install %s failed: %s" % (" ".join(missing), r.stderr[-500:])
    return secs, None


# ---------------------------------------------------------------------------------------------
# Workloads


class Workload:
    def __init__(self, name, packages, truth, build=None, cmd=None, env=None, timeout=180,
                 cleanup=None, attach=False, tracer_edits=False):
        self.name = name
        self.packages = packages   # Debian packages it needs
        self.truth = truth         # regexes its stdout must match (the ground truth)
        self.build = build         # fn(out) -> error or None
        self.cmd = cmd             # fn(out, tmp, seconds) -> argv
        self.env = env or (lambda out: {})  # fn(out) -> variables added to the environment
        self.timeout = timeout
        self.cleanup = cleanup     # fn(out) after the traced run
        self.attach = attach       # started first, then `sigscope -p` once it says "NAME: ready"
        # A debugger edits a live frame: tampered_context explained as `tracer` (medium) is
        # expected, at least once, and no other finding above low.
        self.tracer_edits = tracer_edits


def run_build(cmd, cwd=ROOT, env=None):
    return run_benign.run_build(cmd, cwd=cwd, env=env)


def newer(srcs, out):
    return run_benign.newer(srcs, out)


def src(*p):
    return os.path.join(HERE, *p)


def build_go(out):
    binp = os.path.join(out, "go-realworld")
    if not newer([src("go", "main.go"), src("go", "go.mod")], binp):
        return None
    env = dict(os.environ, GOCACHE=os.path.join(out, "go", "cache"),
               GOPATH=os.path.join(out, "go", "path"), GOFLAGS="", GO111MODULE="on",
               CGO_ENABLED="0", GOTOOLCHAIN="local")
    return run_build(["go", "build", "-o", binp, "."], cwd=src("go"), env=env)


def build_java(out):
    if not newer([src("java", "RealWorld.java")], os.path.join(out, "java", "RealWorld.class")):
        return None
    return run_build(["javac", "-d", os.path.join(out, "java"), src("java", "RealWorld.java")])


def build_mono(out):
    exe = os.path.join(out, "RealWorld.exe")
    if not newer([src("mono", "RealWorld.cs")], exe):
        return None
    return run_build(["mcs", "-warnaserror", "-out:" + exe, src("mono", "RealWorld.cs")])


def wine_env(out):
    return {"WINEPREFIX": os.path.join(out, "wineprefix"), "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml="}


def build_wine(out):
    exe = os.path.join(out, "seh.exe")
    if newer([src("wine", "seh.c")], exe):
        err = run_build(["x86_64-w64-mingw32-gcc", "-O1", "-Wall", "-Wextra", "-Werror",
                         src("wine", "seh.c"), "-o", exe])
        if err:
            return err
    # The prefix is made untraced, once: wineboot starts a dozen Windows services that are no
    # part of this workload. Its wineserver is stopped so that the traced run starts its own.
    env = dict(os.environ, **wine_env(out))
    if not os.path.exists(os.path.join(env["WINEPREFIX"], "system.reg")):
        err = run_build([WINE64, "wineboot", "--init"], env=env)
        if err:
            return err
    subprocess.run([WINESERVER, "-w"], env=env)
    return None


def stop_wineserver(out):
    subprocess.run([WINESERVER, "-k"], env=dict(os.environ, **wine_env(out)),
                   stderr=subprocess.DEVNULL)


def build_c(source, name, flags=()):
    def build(out):
        binp = os.path.join(out, name)
        if not newer([source], binp):
            return None
        return run_build(["cc"] + list(flags) + ["-std=gnu11", "-O1", "-g", "-Wall", "-Wextra",
                                                 "-Werror", "-pthread", source, "-o", binp])
    return build


MONO_TRUTH = [r"^mono: null references caught [1-9]\d*, divisions by zero caught [1-9]\d*, "
              r"stack overflows 1 main \+ 1 thread, .*, threads aborted 3$"]
GDB = ["gdb", "-nx", "-batch"]
GDB_TRUTH_TARGET = r"gdb-target: usr1 100, segv 50, stack overflows 2 \(main and one thread\)"


def gdb_edit(name, script):
    """gdb sets a register of the interrupted frame from inside edit's handler (gdb/edit.c): the
    program's sum proves the value was restored, and `tracer` must explain it."""
    return Workload(name, ["gdb"],
                    [r"^gdb-edit: sum=900500455 ticks=1$", r"^gdb: work's rbx was 1000$"],
                    build_c(src("gdb", "edit.c"), "gdb-edit"),
                    lambda out, tmp, sec: GDB + ["-x", src("gdb", script),
                                                 os.path.join(out, "gdb-edit")],
                    tracer_edits=True)


def remove_installed_node(out):
    """node-installed's copy, and only that: a file identical to /usr/bin/node."""
    path = "/usr/local/bin/node"
    try:
        with open(path, "rb") as a, open("/usr/bin/node", "rb") as b:
            same = a.read() == b.read()
    except OSError:
        return
    if same:
        os.unlink(path)


def workloads():
    s = lambda x: "%g" % x
    return [
        Workload("go", ["golang-go"], [r"^go: faults recovered [1-9]\d* main \+ [1-9]"],
                 build_go, lambda out, tmp, sec: [os.path.join(out, "go-realworld"), s(sec)]),
        Workload("java", ["default-jdk-headless"],
                 [r"^java: null checks caught [1-9]\d*, stack overflows 3 main \+ 3 thread"],
                 build_java,
                 lambda out, tmp, sec: ["java", "-Xmx256m", "-cp", os.path.join(out, "java"),
                                        "RealWorld", s(sec)]),
        Workload("node", ["nodejs"],
                 [r"^node: wasm traps caught [1-9]\d* main \+ [1-9]\d* workers, wasm stack "
                  r"overflows [1-9]\d* main \+ [1-9]"],
                 None,
                 lambda out, tmp, sec: ["node", "--expose-gc", "--cpu-prof", "--cpu-prof-dir",
                                        tmp, src("node", "wasm_trap.js"), s(sec)]),
        # Node's own code copied onto anonymous 2 MiB pages where it was mapped
        # (--use-largepages=on): V8's trap handler then runs from anonymous memory, and its
        # identity is node's (red team round 42 had it killed at its first trap).
        Workload("node-largepages", ["nodejs"],
                 [r"^node: wasm traps caught [1-9]\d* main \+ [1-9]\d* workers, .*"
                  r"text remapped yes$"],
                 None,
                 lambda out, tmp, sec: ["node", "--use-largepages=on", "--expose-gc",
                                        src("node", "wasm_trap.js"), s(sec)]),
        # A runtime installed while sigscope runs (an upgrade's new file): /usr/local/bin/node
        # is one of the installed paths it looks up again when an exec asks for a profile, and
        # that node's executable profile came first (the rescan once skipped a file it already
        # held, and such a node was killed at its first trap).
        Workload("node-installed", ["nodejs"],
                 [r"^node: wasm traps caught [1-9]\d* main \+ [1-9]\d* workers"],
                 None,
                 lambda out, tmp, sec: [
                     "sh", "-c", 'test ! -e /usr/local/bin/node || { echo "/usr/local/bin/node '
                     'exists: not ours to replace" >&2; exit 2; }; cp /usr/bin/node '
                     '/usr/local/bin/node && exec /usr/local/bin/node --expose-gc "$1" "$2"',
                     "node-installed", src("node", "wasm_trap.js"), s(sec)],
                 cleanup=remove_installed_node),
        Workload("mono", ["mono-mcs", "mono-runtime"], MONO_TRUTH, build_mono,
                 lambda out, tmp, sec: ["mono", os.path.join(out, "RealWorld.exe"), s(sec)]),
        Workload("mono-preemptive", ["mono-mcs", "mono-runtime"], MONO_TRUTH, build_mono,
                 lambda out, tmp, sec: ["mono", os.path.join(out, "RealWorld.exe"), s(sec)],
                 env=lambda out: {"MONO_THREADS_SUSPEND": "preemptive"}),
        # Attached with -p while its faults flow: nothing in the attach may kill it (red team
        # round 11: a fault raised before signal_generate was attached, a handler begun before
        # signal_deliver was).
        Workload("mono-attach", ["mono-mcs", "mono-runtime"], MONO_TRUTH, build_mono,
                 lambda out, tmp, sec: ["mono", os.path.join(out, "RealWorld.exe"),
                                        s(sec + 3)],
                 attach=True),
        Workload("sbcl", ["sbcl"],
                 [r"^sbcl: faults caught [1-9]\d*, traps caught [1-9]\d*, control stack "
                  r"exhausted 3 main \+ 3 thread, .*, profiler samples [1-9]\d*, "
                  r"breakpoints 20$"],
                 None,
                 lambda out, tmp, sec: ["sbcl", "--noinform", "--disable-ldb", "--non-interactive",
                                        "--no-sysinit", "--no-userinit", "--load",
                                        src("sbcl", "realworld.lisp"), "--end-toplevel-options",
                                        s(sec)]),
        Workload("ruby", ["ruby"],
                 [r"^ruby: stack overflows 3 main \+ 3 thread, faults caught [1-9]\d*, GC [1-9]"],
                 None, lambda out, tmp, sec: ["ruby", src("ruby", "realworld.rb"), s(sec)]),
        Workload("wine", ["wine64", "gcc-mingw-w64-x86-64-win32"],
                 [r"^wine-seh: access violations 1000, divide errors 1000, breakpoints 1000, "
                  r"stack overflows 2 \(main and one thread\), suspends 200"],
                 build_wine,
                 lambda out, tmp, sec: [WINE64, os.path.join(out, "seh.exe")],
                 env=wine_env, cleanup=stop_wineserver),
        Workload("qemu", ["qemu-user", "gcc-multilib"],
                 [r"^qemu-guest: segv 2000, fpe 2000, stack overflows 2 \(main and one thread\), "
                  r"usr1 500, alarms \d+, restarted read ok after [1-9]\d* signals"],
                 build_c(src("qemu", "guest.c"), "qemu-guest", ["-m32", "-static"]),
                 lambda out, tmp, sec: ["qemu-i386", os.path.join(out, "qemu-guest")]),
        Workload("gdb-inline", ["gdb"],
                 [GDB_TRUTH_TARGET, r"gdb: handler breakpoint hits 172, restorer syscall "
                  r"breakpoint hits 170"],
                 build_c(src("gdb", "target.c"), "gdb-target"),
                 lambda out, tmp, sec: GDB + ["-ex", "set displaced-stepping off", "-x",
                                              src("gdb", "breakpoints.gdb"),
                                              os.path.join(out, "gdb-target")]),
        gdb_edit("gdb-edit", "edit.gdb"),
        gdb_edit("gdb-edit-syscall", "edit-syscall.gdb"),
        Workload("gdb-displaced", ["gdb"],
                 [GDB_TRUTH_TARGET, r"gdb: handler breakpoint hits 172, restorer syscall "
                  r"breakpoint hits 170"],
                 build_c(src("gdb", "target.c"), "gdb-target"),
                 # gdb's default (displaced-stepping auto) is displaced stepping here
                 lambda out, tmp, sec: GDB + ["-x", src("gdb", "breakpoints.gdb"),
                                              os.path.join(out, "gdb-target")]),
        Workload("gdb-stepping", ["gdb"],
                 [GDB_TRUTH_TARGET, r"gdb: handlers single-stepped 6 \([1-9]\d* instructions\)"],
                 build_c(src("gdb", "target.c"), "gdb-target"),
                 lambda out, tmp, sec: GDB + ["-x", src("gdb", "stepping.gdb"),
                                              os.path.join(out, "gdb-target")]),
        # allregs-at-mem-access: without it valgrind's JIT leaves registers other than rsp,
        # rip and rbp stale at a memory fault, so a handler that resumes after the fault
        # resumes with stale registers (the target's probe loop never ends: valgrind's manual,
        # --vex-iropt-register-updates).
        Workload("valgrind", ["valgrind"], [GDB_TRUTH_TARGET],
                 build_c(src("gdb", "target.c"), "gdb-target"),
                 lambda out, tmp, sec: ["valgrind", "-q",
                                        "--vex-iropt-register-updates=allregs-at-mem-access",
                                        os.path.join(out, "gdb-target")]),
    ]


# ---------------------------------------------------------------------------------------------
# What the findings show


def sym_text(sym):
    return (sym or {}).get("text") or "?"


def sym_group(text):
    """A symbol text without what varies between instances: module!symbol without its offset,
    [anon]@0x... as [anon]; module+offset (no symbol) stays whole."""
    if "!" in text:
        return re.sub(r"\+0x[0-9a-f]+$", "", text)
    m = re.match(r"^(\[[a-z]+\])@0x[0-9a-f]+$", text)
    return m.group(1) if m else text


def module_of(text):
    return re.split(r"[!+@]", text, 1)[0] if text != "?" else "?"


def hexdelta(d):
    if d is None:
        return "?"
    return "0" if d == 0 else ("%s0x%x" % ("+" if d > 0 else "-", abs(d)))


class ShapeParser(run_benign.Parser):
    """run_benign's Parser, and: the deliveries (signal, si_code, regs) by thread and sequence,
    every finding with the shape of the context change it judged, and the deliveries whose
    handler never returned (left with siglongjmp, or still running at exit).

    Findings are resolved against their deliveries only in finish(): a sigreturn with a finding
    at medium or above comes through sigscope's alert ring, so it (and its finding events) can
    be read before the signal_deliver event of its own delivery."""

    def __init__(self, st, shapes):
        super().__init__(st)
        self.shapes = shapes
        self.deliveries = {}  # (tid, deliverySeq) -> what a report needs of the delivery
        self.returned = set()  # (tid, deliverySeq) of matched sigreturns
        self.findings = []    # (finding event, its args) to resolve in finish()

    def line(self, raw):
        m = run_benign.K_EVENT.search(raw)
        if m and m.group(1) == b"signal_deliver":
            try:
                self.delivery(run_benign.json.loads(raw))
            except ValueError:
                self.st.parse_errors += 1
            return
        super().line(raw)

    def delivery(self, e):
        a = args_of(e)
        if not a.get("handled"):
            return
        si = a.get("siginfo") or {}
        self.deliveries[(e.get("hostThreadId"), a.get("deliverySeq"))] = {
            "signal": a.get("signal"), "si_code": si.get("si_code"), "regs": a.get("regs") or {},
            "altstack": a.get("altstack")}
        self.shapes.deliveries[a.get("signal")] += 1

    def sigreturn(self, raw):
        super().sigreturn(raw)
        p = self.flat(raw, run_benign.K_PAIRING) or {}
        self.shapes.abandoned += p.get("abandoned") or 0
        if p.get("status") == "matched":
            m = re.search(rb'"hostThreadId":(\d+)', raw)
            if m:
                self.returned.add((int(m.group(1)), p.get("deliverySeq")))

    def other(self, e):
        super().other(e)
        if e.get("eventName", "").startswith("sigreturn_"):
            self.findings.append(e)

    def shape(self, e):
        name = e.get("eventName", "")
        a = args_of(e)
        props = (e.get("metadata") or {}).get("Properties") or {}
        trig = args_of(a.get("detectedFrom") or {})
        pairing = trig.get("pairing") or {}
        verdict = trig.get("verdict") or {}
        restored = trig.get("restored") or trig.get("uc_mcontext") or {}
        symbols = a.get("symbols") or {}
        d = self.deliveries.get((e.get("hostThreadId"), pairing.get("deliverySeq")), {})
        saved = d.get("regs") or {}
        si = trig.get("siginfo") or {}
        changed = pairing.get("changed") or verdict.get("changed") or []
        rsp_delta = None
        if "rsp" in restored and "rsp" in saved:
            rsp_delta = restored["rsp"] - saved["rsp"]
        # rbp (a frame pointer a runtime may rebuild) with its delta; the others by name
        others = ["%s %s" % (r, hexdelta(restored[r] - saved[r])) if r == "rbp"
                  and r in restored and r in saved else r
                  for r in changed if r not in ("rip", "rsp")]
        key = (name[len("sigreturn_"):], run_benign.sev_name(props.get("Severity")),
               a.get("pattern") or verdict.get("pattern") or "-",
               pairing.get("signal") or si.get("si_signo") or "-",
               str(d.get("si_code", si.get("si_code", "-"))),
               ",".join(changed) or "-",
               sym_group(sym_text(symbols.get("saved_rip"))) if "saved_rip" in symbols else "-",
               sym_group(sym_text(symbols.get("rip"))),
               hexdelta(rsp_delta) if "rsp" in changed else "0",
               sym_group(sym_text(symbols.get("handler"))) if "handler" in symbols else "-",
               sym_group(sym_text(symbols.get("call_site"))),
               pairing.get("status") or "-",
               (verdict.get("rspClass") or "-") + (
                   " (%s -> %s)" % (a.get("reference_mapping"), a.get("rsp_mapping"))
                   if "reference_mapping" in a else ""),
               "altstack" if d.get("altstack") else "-",
               "; ".join(others) or "-")
        g = self.shapes.groups.setdefault(key, {"count": 0, "examples": [], "comms": set()})
        g["count"] += 1
        g["comms"].add(e.get("processName"))
        ex = "%s -> %s (handler %s, call site %s)" % (
            sym_text(symbols.get("saved_rip")), sym_text(symbols.get("rip")),
            sym_text(symbols.get("handler")), sym_text(symbols.get("call_site")))
        if len(g["examples"]) < 3 and ex not in g["examples"]:
            g["examples"].append(ex)

    def finish(self):
        for e in self.findings:
            self.shape(e)
        for k, d in self.deliveries.items():
            if k not in self.returned:
                self.shapes.never_returned[(d["signal"], str(d["si_code"]))] += 1
        self.findings, self.deliveries, self.returned = [], {}, set()


class Shapes:
    def __init__(self):
        self.groups = {}  # shape key -> {"count", "examples", "comms", "altstack"}
        self.deliveries = collections.Counter()      # signal -> handled deliveries
        self.never_returned = collections.Counter()  # (signal, si_code) -> deliveries
        self.abandoned = 0  # pairing.abandoned summed: deliveries found left by siglongjmp


SHAPE_COLS = ["finding", "severity", "pattern", "signal", "si_code", "changed", "rip before",
              "rip after", "rsp delta", "handler", "call site", "pairing", "rspClass",
              "delivered on", "other registers"]


def report_md(results, path, seconds, known, mode):
    """The measurement, as Markdown: per workload the verdict, the sigreturns, and every
    finding's shape."""
    lines = ["# Real-world corpus: what sigscope saw", "",
             "Generated by tests/realworld/run_realworld.py (%s, %s, --seconds %g, kernel %s)."
             % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), mode, seconds,
                os.uname().release),
             ""]
    lines += ["| workload | result | sigreturns | unmatched | findings | handled deliveries | "
              "never returned (signal/si_code) | abandoned | seconds |",
              "|---|---|---|---|---|---|---|---|---|"]
    for name, st, sh, verdict in results:
        lines.append("| %s | %s | %d | %d | %s | %s | %s | %d | %.1f |" % (
            name, verdict, st.sigreturns, st.unmatched, run_benign.fmt_findings(st),
            ", ".join("%s %d" % kv for kv in sh.deliveries.most_common()) or "-",
            ", ".join("%s/%s %d" % (k[0], k[1], n) for k, n in sh.never_returned.most_common())
            or "-", sh.abandoned, st.seconds))
    for name, st, sh, verdict in results:
        lines += ["", "## %s" % name, "", "Result: %s. Ground truth: `%s`" % (
            verdict, (st.truth_line or "none").replace("`", "'"))]
        if known.get(name):
            lines.append("Listed in the known failures: %s" % known[name][1])
        for f in st.failures:
            lines.append("- %s" % f.strip().replace("\n", " ")[:400])
        if not sh.groups:
            lines += ["", "No finding."]
            continue
        lines += ["", "| count | " + " | ".join(SHAPE_COLS) + " | comm | examples |",
                  "|---|" + "---|" * (len(SHAPE_COLS) + 2)]
        for key, g in sorted(sh.groups.items(), key=lambda kv: -kv[1]["count"]):
            lines.append("| %d | %s | %s | %s |" % (
                g["count"], " | ".join("`%s`" % k if k not in ("-",) else k for k in key),
                ",".join(sorted(c for c in g["comms"] if c)),
                "<br>".join("`%s`" % x for x in g["examples"])))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------


def read_known(path):
    """{workload: (set of finding names, why)} from a known-failures file."""
    known = {}
    if not path:
        return known
    with open(path) as f:
        for ln in f:
            ln = ln.split("#", 1)[0].strip()
            if ln:
                parts = ln.split(None, 2)
                if len(parts) < 3:
                    raise SystemExit("run_realworld: %s: want WORKLOAD FINDINGS WHY: %r"
                                     % (path, ln))
                known[parts[0]] = (set(parts[1].split(",")), parts[2])
    return known


def known_failure(st, findings):
    """True when st failed only as a known failure may: findings at medium or above, all of
    them of the listed kinds (and what follows under --enforce: the kill, the missing ground
    truth), with every sigreturn paired and nothing lost."""
    bad = set(k[0] for k in st.bad_kinds)
    return bool(bad) and bad <= findings and not st.unmatched and not st.lost \
        and not st.parse_errors


def run_one(w, sigscope, out, seconds, extra):
    """One traced run of w: its Stats (failures filled) and the Shapes of its findings."""
    st = run_benign.Stats(w.name)
    st.truth_line = None
    # Attached to a running runtime: a thread inside a handler at the attach (Mono's suspend
    # handler waits in sigsuspend for every GC) returns through a frame no delivery was seen
    # for, excused by the attach-time snapshot and reported low (README "Threat model"); every
    # other sigreturn must be matched.
    st.allow_predating = 64 if w.attach else 0
    st.allow_tracer = w.tracer_edits
    sh = Shapes()
    tmp = tempfile.mkdtemp(prefix="rw.", dir=out)
    env = {k: v for k, v in os.environ.items() if k != "GROUND_TRUTH"}
    env.update(w.env(out))
    try:
        parser = ShapeParser(st, sh)
        run_benign.trace(sigscope, w.cmd(out, tmp, seconds), st, extra, tmp,
                         w.timeout, env, attach=w.attach, parser=parser, go=False)
        parser.finish()
        # (a) no finding above low (medium or above), (b) no unmatched, (e) no enforcement
        run_benign.check(st)
        if w.tracer_edits and not st.tracer_medium:
            st.failures.append("the debugger's edit of a live frame was not judged as "
                               "tampered_context explained by `tracer`")
        for rx in w.truth:
            m = re.search(rx, st.stdout, re.M)
            if not m:
                st.failures.append("ground truth missing: no line matching /%s/ in its output "
                                   "(last lines: %s)" % (rx, " | ".join(
                                       st.stdout.strip().splitlines()[-3:])[:300]))
        lines = [ln for ln in st.stdout.splitlines()
                 if any(re.search(rx, ln) for rx in w.truth)]
        st.truth_line = " / ".join(lines)[:300] if lines else None
    finally:
        if w.cleanup:
            w.cleanup(out)
        shutil.rmtree(tmp, ignore_errors=True)
    return st, sh


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sigscope", default=os.path.join(ROOT, "build", "sigscope"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "realworld"),
                    help="where workloads are built (default build/realworld)")
    ap.add_argument("--seconds", type=float, default=3.0,
                    help="duration of the timed workloads (go, java, node, mono, sbcl)")
    ap.add_argument("--only", default="", help="comma-separated workload names")
    ap.add_argument("--known-failures", default="",
                    help="file of workloads expected to fail (NAME REASON per line)")
    ap.add_argument("--report", default="",
                    help="Markdown report of every finding's shape (default OUT/report.md)")
    ap.add_argument("--no-install", action="store_true",
                    help="do not apt-get missing packages (their workloads fail)")
    ap.add_argument("--detect-only", action="store_true",
                    help="run without --enforce (the measurement: every finding, live symbols)")
    ap.add_argument("--sigscope-args", default="",
                    help="more sigscope options, space-separated (e.g. --hooks=enter)")
    opts = ap.parse_args()

    if os.geteuid() != 0:
        log("run_realworld: needs root (sigscope loads BPF programs; apt-get)")
        return 2
    sigscope = os.path.abspath(opts.sigscope)
    if not os.access(sigscope, os.X_OK):
        log("run_realworld: %s not found; build it with `make`" % sigscope)
        return 2
    out = os.path.abspath(opts.out)
    os.makedirs(out, exist_ok=True)
    all_w = workloads()
    names = [w.name for w in all_w]
    want = [x for x in opts.only.split(",") if x] or names
    if set(want) - set(names):
        log("run_realworld: --only takes %s" % ",".join(names))
        return 2
    chosen = [w for w in all_w if w.name in want]
    known = read_known(opts.known_failures)

    pkgs = sorted(set(p for w in chosen for p in w.packages))
    apt_secs, apt_err = (0.0, None) if opts.no_install else install(pkgs)
    still = set(missing_packages(pkgs))
    t_build = time.monotonic()
    build_err = {}
    for w in chosen:
        if still & set(w.packages):
            build_err[w.name] = "packages missing: %s%s" % (
                " ".join(sorted(still & set(w.packages))), "; " + apt_err if apt_err else "")
        elif w.build:
            err = w.build(out)
            if err:
                build_err[w.name] = "build failed: " + err
    build_secs = time.monotonic() - t_build

    results = []
    passed = failed = known_failed = now_passes = 0
    t_run = time.monotonic()
    for w in chosen:
        if w.name in build_err:
            st, sh = run_benign.Stats(w.name), Shapes()
            st.truth_line = None
            st.failures.append(build_err[w.name])
        else:
            # A 64 MiB ring: the runtimes' bursts (a collection signals every thread at once)
            # outrun this script's parsing of the finding events for a moment. -e all: a
            # finding's report names its delivery's signal and registers (ShapeParser).
            extra = ([] if opts.detect_only else ["--enforce"]) + ["--buffer-kb", "65536",
                                                                   "-e", "all"] \
                + opts.sigscope_args.split()
            st, sh = run_one(w, sigscope, out, opts.seconds, extra)
        if st.failures and w.name in known and known_failure(st, known[w.name][0]):
            verdict = "known"
            known_failed += 1
        elif st.failures:
            verdict = "FAIL"
            failed += 1
        elif w.name in known:
            verdict = "now passes"
            passed += 1
            now_passes += 1
        else:
            verdict = "ok"
            passed += 1
        results.append((w.name, st, sh, verdict))
        log("%-10s %-14s sigreturns %7d  findings: %s  unmatched %d  lost %s  (%.1fs)"
            % (verdict, w.name, st.sigreturns, run_benign.fmt_findings(st), st.unmatched,
               st.lost if st.lost is not None else "?", st.seconds))
        if st.truth_line:
            log("           ground truth: %s" % st.truth_line)
        if verdict == "known":
            log("           known failure: %s" % known[w.name][1])
        if verdict == "now passes":
            log("           listed in %s (%s) but passes now: delete its line"
                % (opts.known_failures, known[w.name][1]))
        for f in st.failures if verdict != "known" else st.failures[:2]:
            log("           %s" % f)
    run_secs = time.monotonic() - t_run

    report = opts.report or os.path.join(out, "report.md")
    report_md(results, report, opts.seconds, known,
              "detect only" if opts.detect_only else "--enforce")
    log()
    log("realworld: apt-get %.0fs, builds %.0fs, traced runs %.0fs; report in %s"
        % (apt_secs, build_secs, run_secs, report))
    log("realworld: %d passed (%d now passing though listed as known), %d failed, %d known "
        "failures" % (passed, now_passes, failed, known_failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
