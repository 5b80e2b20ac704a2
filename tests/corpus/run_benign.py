#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Benign corpus: run real runtimes and signal-heavy programs under sigscope and check that it
stays quiet about them.

    python3 tests/corpus/run_benign.py --sigscope build/sigscope

Workloads (sources in tests/corpus/benign/, binaries in build/corpus/):
  go        async preemption (SIGURG; the handler moves rip to asyncPreempt and pushes a return
            address) under GC pressure                                     benign/go/
  go/redeploy  the same Go program run once, then rewritten in place (cp over it: same inode)
            by a build without inlining and run again under the same sigscope
  go/chmod  the same Go program while its file is chmod'ed and renamed over (its ctime changes,
            its content does not)
  go/overlay   the same Go program run from an overlayfs mount (a container's root file system),
            in a private mount namespace (root)
  go/btrfs  the same Go program run from a btrfs loop mount, under --enforce (root)
  go/touch  the same Go program while its file's mtime is set twice (touch -m), content unchanged
  go/ldso   a cgo program (benign/gocgo/) whose goroutines are preempted on one P, started
            through the dynamic loader (ld.so PROG), under --enforce
  go/setuid the same Go program started as root, dropping to nobody, traced with -u nobody
  go/module-flood  600 distinct Go-looking executables (benign/modules/), run and gone, then
            the same Go program, with sigscope pruning its profiles past 300 modules;
            --module-flood 14000 (make corpus-long): enough to fill the profile maps
  java      HotSpot implicit null checks and safepoint polls (SIGSEGV; the handler redirects
            rip into the code cache)                                     benign/java/
  java/clear-refs  the same JVM while another process writes its /proc/PID/clear_refs
            without pause (the mm lock held for write, from outside)
  python    CPython handlers under kill/raise/pthread_kill/itimer storms   benign/python/
  shell     bash job control: background jobs, STOP/CONT, traps, SIGCHLD   benign/shell/
  c/sig_*   the e2e programs of tests/e2e/progs (x86_64 ones)
  c/storm   a paced C storm (plain, SA_SIGINFO editing uc_sigmask, queued RT, nested,
            sigaltstack, SIGSEGV fault recovery moving rip, 1 kHz SIGALRM) for volume, run in
            chunks of --storm-chunk                                      benign/c/storm.c
  class6    issue 8's class 6 (and class 4's benign side): benign/c/NAME.c, each checking its
            own behaviour: nest64 (64-deep SA_NODEFER nesting), rt_burst (62 queued RT signals
            delivered nested on unblock), fork_in_handler (the child returns from the handler),
            ult_swap (ucontext threads on adjacent stacks switched from a SIGALRM handler, also
            on per-thread sigaltstacks), longjmp_probe (224 SIGSEGVs left by siglongjmp inside
            a live handler), pre_handler (threads inside handlers when sigscope attaches),
            rseq_abort (rseq critical sections aborted by a SIGPROF profiler: the kernel moves
            the saved rip to the abort handler after sigscope saw the delivery), align_check
            (a SIGBUS handler clears eflags.AC after a misaligned load: only checking stops),
            sigsys_emulate (syscalls trapped by seccomp and by Syscall User Dispatch, answered
            by a SIGSYS handler that writes the result into the saved rax), skip_emulated
            (SIGSEGV handlers that emulate a store to a read-only page, a touch of a PROT_NONE
            page and a probe of a hole, stepping over each: the fault's cause still stands),
            restart_nr32 (signals on a `syscall` with eax -1 that seccomp answers -ERESTARTSYS:
            no syscall to the kernel, nothing restarted).
            Each runs untraced (must exit 0), then under sigscope (c6/NAME) and under
            sigscope --enforce (c6/NAME+enforce). pre_handler runs in attach mode: the program
            first ("NAME: ready"), then `sigscope -p PID` (no -q: its start-up line says it is
            attached), then the go (SIGUSR2); sigscope is stopped with SIGINT after the program
            exits. Its returns from the deliveries sigscope never saw are the only unmatched
            sigreturns allowed (pairing thread_predates_tracer, at most ALLOW_PREDATING)

Each runs under `sigscope -q -o json -w FIFO -- CMD` (hooks full, the default; the storm with
`-e rt_sigreturn` to cut volume) and the JSON is stream-parsed from the FIFO, so nothing large
lands on disk. Checks, per workload:
  (a) no finding with Severity above 1 (low): neither a finding event (docs/events.md
      "Findings") nor an rt_sigreturn `verdict` with maxSeverity above 1; the findings the
      verdicts list must be the finding events that follow them
  (b) every rt_sigreturn has pairing.status "matched"; the unmatched are listed
  (d) sigscope's summary says "lost 0", and it counted as many rt_sigreturn as were parsed
  and every rt_sigreturn carries a verdict, and the workload itself exited 0 (each one checks
  that its own handlers ran).
  (e) no sigscope_enforcement event (with --enforce: nothing killed).
Corpus-wide: (c) at least --min-sigreturns (250,000) rt_sigreturn events in total; `make
corpus-long` runs the storm alone at 4,000,000.

Prints per workload the sigreturns, findings by name with their max severity, the unmatched
count; then a table of findings per workload (any severity), a table of what the sigreturns
changed and where their rip and rsp went, and finally exactly `benign: N passed, M failed`.
Exit status 0, 1 when a check failed, 2 when not root or sigscope is missing. A missing
toolchain (go, javac) fails its workload with the package to install (--install does it).
Takes about 1.5 minutes on 2 CPUs, the storm a quarter of it, paced (--storm-rate) to what sigscope's
consumer drains while the parser shares the machine. Python 3 standard library only.
"""

import argparse
import collections
import json
import os
import fcntl
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness  # noqa: E402
from harness import args_of, read_text as read_file  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BENIGN = os.path.join(HERE, "benign")
E2E_PROGS = ["sig_plain", "sig_siginfo", "sig_nested", "sig_altstack", "sig_longjmp",
             "sig_restart", "sig_eintr", "sig_threads"]
FINDINGS = ["forged_frame", "wrong_call_site", "tampered_context", "stack_pivot", "toctou",
            "abi_switch", "preexisting_unmatched"]
SEVERITIES = ["info", "low", "medium", "high", "critical"]
SEV_LOW = 1
SEV_MEDIUM = 2
# Issue 8 class 6 (and pre_handler, class 4's benign side): benign/c/NAME.c with benign.h.
CLASS6 = ["nest64", "rt_burst", "fork_in_handler", "ult_swap", "longjmp_probe", "pre_handler",
          "pre_leader_exit",
          "enosys_probe", "rseq_abort", "align_check", "fpe_mxcsr", "frame_sleep",
          "sigsys_emulate", "seccomp_trace_skip", "skip_emulated", "restart_nr32",
          "altstack_retire", "altstack_install", "debugger_step_signal", "probe_deeper",
          "probe_stale_watchdog",
          "altstack_legacy_m32", "ldt_es_m32"]  # _m32: built -m32
ATTACH = {"pre_handler", "pre_leader_exit"}  # run in attach mode (see the top of this file)
# pre_handler: ten returns from handlers blocked at attach (plain, two nested, onstack, deep,
# mlock, the fork handler's parent and child, two nested on two stacks) return unseen;
# pre_leader_exit:
# one, in a process whose main thread has exited.
ALLOW_PREDATING = {"pre_handler": 10, "pre_leader_exit": 1}
READY_TIMEOUT = 30
DETAIL_MAX = 5  # detailed reports kept per workload and kind

# Fast paths over sigscope's compact JSON (pairing and verdict are flat objects); a line they do
# not fit is parsed in full.
K_EVENT = re.compile(rb'"eventName":"([a-z_]+)"')
K_PAIRING = b'{"name":"pairing","type":"object","value":'
K_VERDICT = b'{"name":"verdict","type":"object","value":'
K_ABI = re.compile(rb'"name":"abi","type":"[^"]*","value":"([^"]*)"')
SUMMARY_RE = re.compile(r"sigscope: (\d+) events: rt_sigreturn (\d+),.*?; lost (\d+)")


def in_private_mount(d, setup, app, exe, arg):
    """argv that, in a private mount namespace (root), empties directory d, runs the shell
    commands setup ($1: d, $2: exe), then execs d/app with arg: a program run from a file system
    mounted for it (go/overlay, go/btrfs)."""
    return ["unshare", "-m", "sh", "-c",
            'mount --make-rprivate / && rm -rf "$1" && ' + setup + ' && exec "$1/%s" "$3"' % app,
            "mount", d, exe, arg]


def log(msg=""):
    print(msg, flush=True)


def sev_name(s):
    return SEVERITIES[s] if isinstance(s, int) and 0 <= s < len(SEVERITIES) else str(s)


# ---------------------------------------------------------------------------------------------
# Building


class Toolchains:
    def __init__(self, install):
        self.install = install
        self.missing = {}  # workload -> message

    def need(self, workload, tools, package):
        """True when every tool is on PATH; else (after apt-get with --install) a message."""
        absent = [t for t in tools if not shutil.which(t)]
        if absent and self.install:
            log("installing %s (apt-get) for %s" % (package, workload))
            subprocess.call(["apt-get", "install", "-y", "-q", package],
                            stdout=subprocess.DEVNULL)
            absent = [t for t in tools if not shutil.which(t)]
        if absent:
            self.missing[workload] = ("toolchain missing: %s not found; install Debian's %s "
                                      "(apt-get install %s) or rerun with --install"
                                      % (", ".join(absent), package, package))
            return False
        return True


def run_build(cmd, cwd=ROOT, env=None):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    if p.returncode != 0:
        return "`%s` failed:\n%s" % (" ".join(cmd), p.stdout.strip()[-2000:])
    return None


def newer(src_paths, out):
    if not os.path.exists(out):
        return True
    t = os.path.getmtime(out)
    return any(os.path.getmtime(s) > t for s in src_paths)


def build_all(out, tc, want):
    """Builds what the selected workloads need; returns {workload: error message}."""
    errors = {}
    if want & {"e2e", "storm", "class6"} and not (shutil.which("make") and shutil.which("cc")):
        for k in want & {"e2e", "storm", "class6"}:
            errors[k] = "toolchain missing: make/cc not found (apt-get install build-essential)"
    elif want & {"e2e", "storm"}:
        if "e2e" in want:
            err = run_build(["make", "-s", "-C", "tests/e2e"]
                            + ["../../build/e2e/%s" % p for p in E2E_PROGS])
            if err:
                errors["e2e"] = err
        src = os.path.join(BENIGN, "c", "storm.c")
        storm = os.path.join(out, "storm")
        if "storm" in want and newer([src], storm):
            err = run_build(["cc", "-std=gnu11", "-O2", "-g", "-Wall", "-Wextra", "-Werror",
                             "-pthread", src, "-o", storm])
            if err:
                errors["storm"] = err
    if "class6" in want:
        hdr = os.path.join(BENIGN, "c", "benign.h")
        for name in CLASS6:
            src = os.path.join(BENIGN, "c", name + ".c")
            binp = os.path.join(out, name)
            if newer([src, hdr], binp):
                m32 = ["-m32"] if name.endswith("_m32") else []
                err = run_build(["cc", "-std=gnu11", "-O2", "-g", "-Wall", "-Wextra", "-Werror",
                                 "-pthread"] + m32 + [src, "-o", binp])
                if err:
                    errors["class6"] = err
    if "go" in want and tc.need("go", ["go"], "golang-go"):
        src = os.path.join(BENIGN, "go")
        binp = os.path.join(out, "preempt")
        srcs = [os.path.join(src, f) for f in os.listdir(src)]
        if newer(srcs, binp) or newer(srcs, binp + "-v2"):
            env = dict(os.environ, GOCACHE=os.path.join(out, "go", "cache"),
                       GOPATH=os.path.join(out, "go", "path"), GOFLAGS="", GO111MODULE="on",
                       CGO_ENABLED="0", GOTOOLCHAIN="local")
            err = run_build(["go", "build", "-o", binp, "."], cwd=src, env=env)
            # The same program without inlining: another layout, asyncPreempt elsewhere
            # (go/redeploy rewrites one binary with the other in place).
            err = err or run_build(["go", "build", "-gcflags=all=-l", "-o", binp + "-v2", "."],
                                   cwd=src, env=env)
            if err:
                errors["go"] = err
        cgo = os.path.join(out, "go", "cgoprobe")
        csrc = os.path.join(BENIGN, "gocgo")
        if "go" not in errors and newer([os.path.join(csrc, f) for f in os.listdir(csrc)], cgo):
            err = run_build(["go", "build", "-o", cgo, "."], cwd=csrc,
                            env=dict(os.environ, GOCACHE=os.path.join(out, "go", "cache"),
                                     GOPATH=os.path.join(out, "go", "path"), GOFLAGS="",
                                     GO111MODULE="on", CGO_ENABLED="1", GOTOOLCHAIN="local"))
            if err:
                errors["go"] = err
        fake = os.path.join(out, "go", "fakego")
        fsrc = os.path.join(BENIGN, "modules", "fakego.S")
        if "go" not in errors and newer([fsrc], fake):
            os.makedirs(os.path.join(out, "go"), exist_ok=True)
            err = (run_build(["as", "-o", fake + ".o", fsrc])
                   or run_build(["ld", "-static", "-nostdlib", "-o", fake, fake + ".o"]))
            if err:
                errors["go"] = err
    if "go" in want:
        tc.need("go", ["mkfs.btrfs"], "btrfs-progs")  # go/btrfs
    if "java" in want and tc.need("java", ["java", "javac"], "default-jdk-headless"):
        src = os.path.join(BENIGN, "java", "NullSafepoint.java")
        cls = os.path.join(out, "java", "NullSafepoint.class")
        if newer([src], cls):
            err = run_build(["javac", "-d", os.path.join(out, "java"), src])
            if err:
                errors["java"] = err
    if "shell" in want:
        tc.need("shell", ["bash"], "bash")
    errors.update(tc.missing)
    return errors


# ---------------------------------------------------------------------------------------------
# One traced run


class Stats:
    """What one workload's events showed (several sigscope runs may add into one)."""

    def __init__(self, name):
        self.name = name
        self.sigreturns = 0
        self.unmatched = 0
        self.unmatched_detail = []
        self.findings = collections.Counter()       # finding events: name -> count
        self.finding_max = {}                       # name -> max Severity
        self.verdict_findings = collections.Counter()  # the same, as the verdicts list them
        self.bad = []                               # finding events above low: details
        self.bad_events = 0                         # finding events above low
        self.bad_verdicts = 0                       # rt_sigreturn verdicts above low
        self.bad_verdict_detail = []
        self.bad_kinds = collections.Counter()      # (finding, severity, classes) of those
        self.no_verdict = 0                         # rt_sigreturn events without a verdict
        self.predating = 0                          # unmatched: thread_predates_tracer
        self.allow_predating = 0                    # how many of those the workload may have
        self.enforcements = 0                       # sigscope_enforcement events
        self.allow_tracer = False                   # medium `tracer` verdicts expected
        self.tracer_medium = 0                      # such verdicts (tampered_context only)
        self.signals = collections.Counter()        # pairing.signal of matched sigreturns
        self.changed = collections.Counter()        # (signal, "rsp,rip") -> count
        self.classes = collections.Counter()        # (signal, ripClass, rspClass) when moved
        self.shows = collections.Counter()          # what the rules see, from rt_sigreturn
        self.lost = None
        self.parse_errors = 0
        self.failures = []
        self.notes = []
        self.outputs = []
        self.stdout = ""                            # the workload's whole stdout
        self.seconds = 0.0


def sigreturn_summary(e, args=None):
    """The fields of a rt_sigreturn event (or a finding's detectedFrom) a report needs."""
    a = args if args is not None else args_of(e)
    m = a.get("uc_mcontext") or {}
    r = a.get("restored") or {}
    return {
        "comm": e.get("processName"), "tid": e.get("hostThreadId"), "abi": a.get("abi"),
        "call_site": a.get("call_site"), "frame_read": a.get("frame_read"),
        "authority": a.get("authority"), "mismatch": a.get("mismatch"),
        "pairing": a.get("pairing"), "verdict": a.get("verdict"),
        "frame_rip": m.get("rip"), "frame_rsp": m.get("rsp"),
        "restored_rip": r.get("rip"), "restored_rsp": r.get("rsp"), "siginfo": a.get("siginfo"),
    }


class Parser:
    """Consumes sigscope's JSON lines for one run and fills Stats."""

    def __init__(self, st):
        self.st = st
        self.parsed_sigreturns = 0

    def line(self, raw):
        if not raw.strip():
            return
        m = K_EVENT.search(raw)
        name = m.group(1).decode() if m else None
        try:
            if name == "rt_sigreturn":
                self.sigreturn(raw)
            elif name in ("signal_deliver", "signal_generate"):
                pass
            else:  # findings, enforcement, anything new
                self.other(json.loads(raw))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            self.st.parse_errors += 1
            if self.st.parse_errors <= 3:
                self.st.notes.append("unparsable line (%s: %s): %r"
                                     % (type(exc).__name__, exc, raw[:160]))

    @staticmethod
    def flat(raw, key):
        """The flat JSON object after key, or None."""
        i = raw.find(key)
        if i < 0:
            return None
        j = raw.find(b"}", i)
        return json.loads(raw[i + len(key):j + 1]) if j > 0 else None

    def sigreturn(self, raw):
        self.parsed_sigreturns += 1
        p = self.flat(raw, K_PAIRING)
        v = self.flat(raw, K_VERDICT)
        if p is None:
            e = json.loads(raw)
            a = args_of(e)
            self.account(a.get("pairing") or {}, a.get("verdict"), a.get("abi"), raw)
            return
        abi = K_ABI.search(raw)
        self.account(p, v, abi.group(1).decode() if abi else None, raw)

    def account(self, p, v, abi, raw):
        st = self.st
        st.sigreturns += 1
        status = p.get("status")
        changed = p.get("changed") or []
        sig = p.get("signal")
        shows = st.shows
        if status == "thread_predates_tracer" and st.predating < st.allow_predating:
            st.predating += 1  # allowed for this workload; checked in check()
        elif status != "matched":
            st.unmatched += 1
            if len(st.unmatched_detail) < DETAIL_MAX:
                st.unmatched_detail.append(sigreturn_summary(json.loads(raw)))
        else:
            st.signals[sig] += 1
            st.changed[(sig, ",".join(changed) or "-")] += 1
        if "rip" in changed:
            shows["rip_moved"] += 1
        elif changed:
            shows["other_regs_changed"] += 1
        if "rsp" in changed:
            shows["rsp_moved"] += 1
        if abi and abi != "x86_64":
            shows["abi_not_x86_64"] += 1
        if not isinstance(v, dict):
            st.no_verdict += 1
            return
        found = v.get("findings") or []
        for f in found:
            st.verdict_findings[f] += 1
        if v.get("allowed"):
            shows["allowed"] += 1
        if v.get("callSite") not in ("delivered", None):
            shows["call_site_" + str(v.get("callSite"))] += 1
        if changed and status == "matched":
            st.classes[(sig, v.get("ripClass") if "rip" in changed else "-",
                        v.get("rspClass"))] += 1
        ms = v.get("maxSeverity")
        if st.allow_tracer and ms == SEV_MEDIUM and v.get("explanation") == "tracer" and \
                found == ["tampered_context"]:
            st.tracer_medium += 1
        elif ms is not None and (not isinstance(ms, int) or ms > SEV_LOW):
            st.bad_verdicts += 1
            if len(st.bad_verdict_detail) < DETAIL_MAX:
                st.bad_verdict_detail.append(sigreturn_summary(json.loads(raw)))

    def other(self, e):
        st = self.st
        name = e.get("eventName", "")
        if name.startswith("sigreturn_"):
            props = (e.get("metadata") or {}).get("Properties") or {}
            sev = props.get("Severity")
            short = name[len("sigreturn_"):]
            st.findings[short] += 1
            old = st.finding_max.get(short)
            if old is None or (isinstance(sev, int) and sev > old):
                st.finding_max[short] = sev
            if not isinstance(sev, int) or sev > SEV_LOW:
                a = args_of(e)
                trig = a.get("detectedFrom") or {}
                targs = {x.get("name"): x.get("value") for x in trig.get("args", [])
                         if isinstance(x, dict)}
                if st.allow_tracer and short == "tampered_context" and sev == SEV_MEDIUM and \
                        (targs.get("verdict") or {}).get("explanation") == "tracer":
                    return  # expected: a debugger's edit (run_realworld.py tracer_edits)
                st.bad_events += 1
                # Tracee's finding layout: one arg per evidence key, the source event last.
                ev = {k: v for k, v in a.items() if k != "detectedFrom"}
                st.bad_kinds[(short, sev_name(sev), e.get("processName"),
                              " ".join("%s=%s" % (k, ev[k]) for k in (
                                  "rip_class", "rip_mapping", "rsp_class", "rsp_mapping",
                                  "check", "mismatch", "abi") if k in ev))] += 1
                if len(st.bad) < DETAIL_MAX:
                    d = sigreturn_summary(e, targs)
                    d.update({"eventName": name, "Severity": sev, "evidence": ev})
                    st.bad.append(d)
        elif name == "sigscope_enforcement":
            st.enforcements += 1
            st.notes.append("enforcement event (not expected): %s"
                            % json.dumps(args_of(e), sort_keys=True))
        else:
            st.notes.append("unexpected event %r" % name)


def wait_text(path, text, timeout, proc):
    """True once the file at path holds text; False on timeout or once proc has exited."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if text in read_file(path):
            return True
        if proc.poll() is not None:
            return text in read_file(path)
        time.sleep(0.05)
    return False


def start_attach_target(cmd, st, tmp, env):
    """Attach mode: starts CMD and waits until it says "NAME: ready". (Popen, err path)."""
    err_path = os.path.join(tmp, "target.stderr")
    with open(os.path.join(tmp, "target.stdout"), "wb") as fout, open(err_path, "wb") as ferr:
        target = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=fout, stderr=ferr,
                                  env=env, start_new_session=True)
    name = os.path.basename(cmd[0])
    if not wait_text(err_path, "%s: ready" % name, READY_TIMEOUT, target):
        st.failures.append("attach mode: %s never said it was ready: %s"
                           % (name, read_file(err_path).strip()[-300:]))
        if target.poll() is None:
            os.killpg(target.pid, signal.SIGKILL)
        target.wait()
        return None, err_path
    return target, err_path


def trace(sigscope, cmd, st, extra, tmp, timeout, env=None, attach=False, parser=None, go=True):
    """Runs CMD under sigscope, stream-parsing its JSON from a FIFO. Fills st.

    attach: CMD starts first, then `sigscope -p PID` (see the top of this file); the status
    checked is CMD's own. go: send it the go (SIGUSR2) once attached (a program that does not
    wait for one, a runtime, is simply left running). parser: what reads the events (default Parser(st));
    tests/realworld/run_realworld.py passes one that also records their shapes."""
    fifo = os.path.join(tmp, "events.fifo")
    if os.path.exists(fifo):
        os.unlink(fifo)
    os.mkfifo(fifo, 0o600)
    out_path = os.path.join(tmp, "stdout")
    err_path = os.path.join(tmp, "stderr")
    argv = [sigscope, "-q", "-o", "json", "-w", fifo] + extra + ["--"] + cmd
    target = None
    if attach:
        target, target_err = start_attach_target(cmd, st, tmp, env)
        if target is None:
            os.unlink(fifo)
            return None
        argv = [sigscope, "-o", "json", "-w", fifo] + extra + ["-p", str(target.pid)]
    state = "attaching" if attach else "running"
    parser = parser or Parser(st)
    rfd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # before sigscope opens it to write
    pipe_size = 65536
    try:
        with open("/proc/sys/fs/pipe-max-size") as f:
            pipe_size = fcntl.fcntl(rfd, 1031, int(f.read()))  # F_SETPIPE_SZ
    except (OSError, ValueError):
        pass
    t0 = time.monotonic()
    with open(out_path, "wb") as fout, open(err_path, "wb") as ferr:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=fout, stderr=ferr,
                                env=env, start_new_session=True)
        buf = b""
        idle_since = None
        deadline = t0 + timeout
        timed_out = False
        try:
            while True:
                if time.monotonic() > deadline and not timed_out:
                    timed_out = True
                    os.killpg(proc.pid, signal.SIGKILL)  # sigscope's own session
                    if target is not None and target.poll() is None:
                        os.killpg(target.pid, signal.SIGKILL)
                if state == "attaching":
                    if "sigscope: tracing" in read_file(err_path):
                        if go:
                            os.kill(target.pid, signal.SIGUSR2)  # go
                        state = "running"
                    elif proc.poll() is not None or time.monotonic() - t0 > READY_TIMEOUT:
                        st.failures.append("attach mode: sigscope did not attach: %s"
                                           % read_file(err_path).strip()[-300:])
                        os.killpg(target.pid, signal.SIGKILL)
                        state = "stopping"
                if state == "running" and target is not None and target.poll() is not None:
                    proc.send_signal(signal.SIGINT)  # -p PID: sigscope runs until stopped
                    state = "stopping"
                try:
                    chunk = os.read(rfd, 1 << 22)
                except BlockingIOError:  # a writer, nothing written yet
                    chunk = None
                if chunk:
                    buf += chunk
                    lines = buf.split(b"\n")
                    buf = lines.pop()
                    for ln in lines:
                        parser.line(ln)
                    if len(chunk) < pipe_size // 2:
                        # Let the writer fill the pipe: a reader waiting in poll() would be
                        # woken by every write, which costs the tracer more than our reads.
                        time.sleep(0.005)
                    idle_since = None
                    continue
                if chunk is None:
                    # Empty, a writer holds it open. Once sigscope is gone that can only be a
                    # straggler of the workload that inherited the descriptor.
                    if proc.poll() is not None:
                        idle_since = idle_since or time.monotonic()
                        if time.monotonic() - idle_since > 2:
                            st.notes.append("a process outlived sigscope holding its output open")
                            break
                    time.sleep(0.005)
                    continue
                # No writer: not yet opened, or closed. Done once sigscope has exited (its
                # last writes are still in the pipe then, and read above).
                if proc.poll() is not None:
                    break
                time.sleep(0.01)
            if buf:
                parser.line(buf)
        finally:
            os.close(rfd)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            rc = proc.wait()
            if target is not None:
                if target.poll() is None:
                    os.killpg(target.pid, signal.SIGKILL)
                trc = target.wait()
    os.unlink(fifo)
    if target is not None:
        if rc != 0:
            st.failures.append("sigscope -p exited with %d" % rc)
        rc = 128 - trc if trc < 0 else trc  # the program's status, as a shell reports it
        if rc != 0:
            st.failures.append("%s's stderr: %s" % (os.path.basename(cmd[0]), " | ".join(
                read_file(target_err).strip().splitlines()[-4:])))
        with open(out_path, "ab") as f:  # the program's summary line is the output shown
            f.write(read_file(os.path.join(tmp, "target.stdout")).encode())
    st.seconds += time.monotonic() - t0
    with open(out_path, "rb") as f:
        out = f.read().decode(errors="replace").strip()
    with open(err_path, "rb") as f:
        err = f.read().decode(errors="replace").strip()
    st.stdout += out + "\n"
    if out:
        st.outputs.append(out.splitlines()[-1][:300])
    if timed_out:
        st.failures.append("timed out after %ds: %s" % (timeout, " ".join(cmd)))
    m = None
    for ln in err.splitlines():
        mm = SUMMARY_RE.search(ln)
        if mm:
            m = mm
    if not m:
        st.failures.append("no sigscope summary on stderr (exit %d): %s" % (rc, err[-500:]))
    else:
        lost = int(m.group(3))
        st.lost = (st.lost or 0) + lost
        if lost:
            st.failures.append("(d) sigscope lost %d events: %s" % (lost, m.group(0)))
        if int(m.group(2)) != parser.parsed_sigreturns:
            st.failures.append("sigscope counted %s rt_sigreturn, %d parsed"
                               % (m.group(2), parser.parsed_sigreturns))
    if rc != 0:
        why = "killed by SIGKILL" if rc == 128 + 9 else "exit status %d" % rc
        st.failures.append("workload %s: %s%s" % (
            why, " ".join(os.path.basename(c) if i == 0 else c for i, c in enumerate(cmd)),
            "; stderr: " + err.splitlines()[0][:200] if err and not m else ""))
    if st.parse_errors:
        st.failures.append("%d unparsable lines" % st.parse_errors)
    return rc


def untraced(cmd, st, tmp, env, attach):
    """A class-6 program alone (attach mode: with the go handshake); it must exit 0."""
    name = os.path.basename(cmd[0])
    if attach:
        target, err_path = start_attach_target(cmd, st, tmp, env)
        if target is None:
            return
        os.kill(target.pid, signal.SIGUSR2)
        try:
            rc = target.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(target.pid, signal.SIGKILL)
            rc = target.wait()
        err = read_file(err_path)
    else:
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env, timeout=60)
            rc, err = p.returncode, p.stderr.decode(errors="replace")
        except subprocess.TimeoutExpired:
            rc, err = None, "timed out"
    if rc != 0:
        st.failures.append("untraced run: %s exited with %s (its self-checks failed): %s"
                           % (name, rc, " | ".join(err.strip().splitlines()[-4:])))


# ---------------------------------------------------------------------------------------------
# Report


def fmt_findings(st):
    if not st.findings:
        return "none"
    return ", ".join("%s x%d (max %s)" % (n, c, sev_name(st.finding_max.get(n)))
                     for n, c in sorted(st.findings.items()))


def check(st):
    """Turns the observations of one workload into failures."""
    if st.bad_events or st.bad_verdicts:
        st.failures.append("(a) findings above low: %d finding events, %d sigreturns whose "
                           "verdict has maxSeverity > 1; by kind:"
                           % (st.bad_events, st.bad_verdicts))
        for (f, sev, comm, ev), n in st.bad_kinds.most_common():
            hint = ""
            if "rip_class=unknown" in ev and "rip_mapping=" in ev and "rip_mapping= " not in ev \
                    and not ev.endswith("rip_mapping="):
                hint = (" <- the kernel could not classify rip (bpf_find_vma failed: mm lock "
                        "busy, counter VMA_BUSY) though /proc/PID/maps maps it")
            st.failures.append("    %dx %s %s comm=%s %s%s" % (n, f, sev, comm, ev, hint))
        st.failures.append("  the first ones:")
        for d in st.bad or st.bad_verdict_detail:
            st.failures.append("    " + json.dumps({k: d.get(k) for k in (
                "eventName", "Severity", "comm", "tid", "evidence", "pairing", "verdict",
                "call_site", "abi", "mismatch", "siginfo") if k in d}, sort_keys=True))
    if st.unmatched:
        st.failures.append("(b) %d rt_sigreturn not matched; the first ones:" % st.unmatched)
        for d in st.unmatched_detail:
            st.failures.append("    " + json.dumps({k: d[k] for k in (
                "comm", "tid", "abi", "call_site", "pairing", "verdict", "frame_rip",
                "frame_rsp", "restored_rip", "restored_rsp")}, sort_keys=True))
    if st.enforcements:
        st.failures.append("(e) %d sigscope_enforcement events: sigscope killed (or, without "
                           "--enforce, would have) a correct program" % st.enforcements)
    if st.no_verdict:
        st.failures.append("%d rt_sigreturn events without a verdict arg (docs/events.md: "
                           "always); check (a) cannot be made on them" % st.no_verdict)
    if st.verdict_findings != st.findings:
        st.failures.append("the verdicts list findings %s, the finding events are %s"
                           % (dict(st.verdict_findings), dict(st.findings)))
    if st.sigreturns == 0 and not st.failures:
        st.failures.append("no rt_sigreturn event at all")


def table(headers, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    fmt = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()
    log(fmt(headers))
    log(fmt(["-" * w for w in widths]))
    for r in rows:
        log(fmt(r))


def main():
    ap = argparse.ArgumentParser(description=" ".join(__doc__.split("\n")[:2]))
    ap.add_argument("--sigscope", default=os.path.join(ROOT, "build", "sigscope"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "corpus"),
                    help="where binaries are built (default build/corpus)")
    ap.add_argument("--seconds", type=float, default=5.0,
                    help="duration of the go, java, python and shell workloads (default 5)")
    ap.add_argument("--storm-total", type=int, default=250000,
                    help="handler invocations of the C storm (default 250000)")
    ap.add_argument("--storm-rate", type=int, default=12000,
                    help="storm signals per second, paced to what sigscope drains (default "
                         "12000)")
    ap.add_argument("--storm-chunk", type=int, default=250000,
                    help="storm invocations per sigscope run (default 250000)")
    ap.add_argument("--buffer-kb", type=int, default=262144,
                    help="sigscope ring buffer for the storm runs, KiB (default 262144)")
    ap.add_argument("--min-sigreturns", type=int, default=250000,
                    help="corpus-wide rt_sigreturn events required (default 250000)")
    ap.add_argument("--module-flood", type=int, default=0,
                    help="distinct executables go/module-flood runs (default: 600, with "
                         "sigscope pruning past 300 modules)")
    ap.add_argument("--only", default="",
                    help="comma-separated subset: go,java,python,shell,e2e,storm,class6")
    ap.add_argument("--install", action="store_true",
                    help="apt-get install a missing toolchain (golang-go, default-jdk-headless)")
    opts = ap.parse_args()

    if os.geteuid() != 0:
        log("run_benign: needs root (sigscope loads BPF programs)")
        return 2
    sigscope = os.path.abspath(opts.sigscope)
    if not os.access(sigscope, os.X_OK):
        log("run_benign: %s not found; build it with `make`" % sigscope)
        return 2
    out = os.path.abspath(opts.out)
    os.makedirs(out, exist_ok=True)
    all_names = ["go", "java", "python", "shell", "e2e", "storm", "class6"]
    want = set(x for x in opts.only.split(",") if x) or set(all_names)
    if want - set(all_names):
        log("run_benign: --only takes %s" % ",".join(all_names))
        return 2
    errors = build_all(out, Toolchains(opts.install), want)

    py = sys.executable or shutil.which("python3")
    secs = "%g" % opts.seconds
    timeout = int(opts.seconds * 6 + 120)
    plan = []  # (name, build key, [argv...], extra sigscope options[, sigscope's environment])
    if "go" in want:
        plan.append(("go", "go", [[os.path.join(out, "preempt"), secs]], []))
        # A Go service redeployed in place (cp over the old binary: same inode, new content),
        # then run again under the same sigscope: its profile must be read anew (red team
        # round 4's fp_go_redeploy: a profile kept per inode judged v2's preemptions by v1's).
        app = os.path.join(out, "go", "redeploy-app")
        plan.append(("go/redeploy", "go", [[
            "bash", "-c", 'cp -f "$1" "$3" && "$3" 1 && cp "$2" "$3" && exec "$3" "$4"', "redeploy",
            os.path.join(out, "preempt"), os.path.join(out, "preempt-v2"), app, secs]], []))
        # The same Go service while its file's ctime changes under it and its content does
        # not: a chmod, then a rename over it of a copy (what a package upgrade does to the old
        # file). Its profile is keyed by the mtime, which neither touches.
        app2 = os.path.join(out, "go", "chmod-app")
        plan.append(("go/chmod", "go", [[
            "bash", "-c", 'cp -f "$1" "$2" || exit 1; { sleep 1; chmod 700 "$2"; sleep 1; '
            'cp "$2" "$2.new" && mv -f "$2.new" "$2"; } & exec "$2" "$3"', "chmod",
            os.path.join(out, "preempt"), app2, secs]], []))
        # The same Go service while its file's mtime moves under it and its content does not
        # (touch -m: a Makefile's `touch $@`, a configuration tool): its profile is keyed by the
        # mtime (red team round 32: looked up by the new one, its preemptions were undecided).
        app3 = os.path.join(out, "go", "touch-app")
        plan.append(("go/touch", "go", [[
            "bash", "-c", 'cp -f "$1" "$2" || exit 1; { sleep 1; touch -m -d @1 "$2"; sleep 1; '
            'touch -m "$2"; } & exec "$2" "$3"', "touch",
            os.path.join(out, "preempt"), app3, secs]], []))
        # Thousands of distinct Go-looking executables run and gone, then the Go program: its
        # module must still be read (red team round 32, idea 3: never pruned, the maps were full
        # after 3,300 Go binaries, and every Go program started after was killed at its first
        # preemption). --module-flood N > 0: N of them (14,000 fill the 65,536 runtime entries
        # the kernel keeps; about 90 s here: make corpus-long). Else 600, with sigscope told to
        # prune past 300 modules (SIGSCOPE_PROFILE_PRUNE_AT, tests only): the same pruning.
        n_flood = opts.module_flood or 600
        plan.append(("go/module-flood", "go", [[
            sys.executable, os.path.join(BENIGN, "modules", "module_flood.py"),
            os.path.join(out, "go", "fakego"), os.path.join(out, "go", "flood"), str(n_flood),
            "--", os.path.join(out, "preempt"), secs]], [],
            {} if opts.module_flood else {"SIGSCOPE_PROFILE_PRUNE_AT": "300"}))
        # The same program started through the dynamic loader (`ld.so PROG`, as launchers and
        # --library-path wrappers do): the loader is its executable (red team round 33: every
        # preemption was killed, the executable's profile being the loader's).
        ldso = "/lib64/ld-linux-x86-64.so.2"
        if os.path.exists(ldso):
            plan.append(("go/ldso", "go", [[ldso, os.path.join(out, "go", "cgoprobe"), "0"]],
                         ["--enforce"]))
        # A Go daemon started as root that drops to nobody with its runtime running, traced with
        # -u nobody: it enters the scope after its exec (red team round 32: its profile was asked
        # for only at an exec in scope, so its preemptions were undecided, and killed).
        plan.append(("go/setuid", "go", [[
            "env", "PREEMPT_SETUID=65534", os.path.join(out, "preempt"), secs]], ["-u", "65534"]))
        # The same program on btrfs (Fedora's and openSUSE's root file system), whose stat()
        # device is the subvolume's, not the file system's the kernel side keys modules by (red
        # team round 34: never read, every preemption killed). Root only, a loop mount in a
        # private mount namespace.
        if os.geteuid() == 0 and shutil.which("unshare"):
            plan.append(("go/btrfs", "go", [in_private_mount(
                os.path.join(out, "go", "btrfs"),
                'mkdir -p "$1/mnt" && truncate -s 256M "$1/img" && mkfs.btrfs -q "$1/img" && '
                'mount -o loop "$1/img" "$1/mnt" && cp "$2" "$1/mnt/app"', "mnt/app",
                os.path.join(out, "preempt"), secs)], ["--enforce"]))
        # The same program in a container's root file system (overlayfs, as Docker, Podman and
        # containerd mount it): the executable is the overlay's file, while its code is mapped
        # from the layer's file below (red team round 4's fp_overlay). Root only.
        if os.geteuid() == 0 and shutil.which("unshare"):
            plan.append(("go/overlay", "go", [in_private_mount(
                os.path.join(out, "go", "overlay"),
                'mkdir -p "$1/lower" "$1/upper" "$1/work" "$1/merged" && '
                'cp "$2" "$1/lower/app" && mount -t overlay overlay '
                '-o "lowerdir=$1/lower,upperdir=$1/upper,workdir=$1/work" "$1/merged"',
                "merged/app", os.path.join(out, "preempt"), secs)], []))
    if "java" in want:
        jvm = ["java", "-Xmx512m", "-cp", os.path.join(out, "java"), "NullSafepoint", secs]
        plan.append(("java", "java", [jvm], []))
        # Another process keeps the JVM's mm lock busy the whole run (clear_refs takes it for
        # write), as any process of the same user may: its redirects must still be decided,
        # never failed closed (issue 16 class 3; the CI once saw 6 undecided without it).
        plan.append(("java/clear-refs", "java", [[
            "bash", "-c", '"$@" & p=$!; while kill -0 $p 2>/dev/null; do '
            'echo 1 2>/dev/null >/proc/$p/clear_refs; done; wait $p', "clear-refs"] + jvm], []))
    if "python" in want:
        plan.append(("python", "python",
                     [[py, os.path.join(BENIGN, "python", "signals.py"), secs]], []))
    if "shell" in want:
        plan.append(("shell", "shell",
                     [["bash", os.path.join(BENIGN, "shell", "jobs.sh"), secs]], []))
    if "e2e" in want:
        for p in E2E_PROGS:
            plan.append(("c/" + p, "e2e", [[os.path.join(ROOT, "build", "e2e", p)]], []))
    if "storm" in want:
        runs, left = [], opts.storm_total
        while left > 0:
            n = min(left, opts.storm_chunk)
            runs.append([os.path.join(out, "storm"), str(n), str(opts.storm_rate), "2"])
            left -= n
        plan.append(("c/storm", "storm", runs,
                     ["-e", "rt_sigreturn", "--buffer-kb", str(opts.buffer_kb)]))
    if "class6" in want:
        for p in CLASS6:
            if p.endswith("_m32") and not harness.runs_32bit():
                print("skip c6/%s: this kernel does not run 32-bit programs" % p, flush=True)
                continue
            cmd = [os.path.join(out, p)]
            plan.append(("c6/" + p, "class6", [cmd], []))
            plan.append(("c6/" + p + "+enforce", "class6", [cmd], ["--enforce"]))

    env = {k: v for k, v in os.environ.items() if k != "GROUND_TRUTH"}
    tmp = tempfile.mkdtemp(prefix="benign.", dir=out)
    results = []
    total = 0
    try:
        for item in plan:
            name, key, cmds, extra = item[:4]
            wenv = dict(env, **item[4]) if len(item) > 4 else env  # sigscope's and the command's
            st = Stats(name)
            prog = os.path.basename(cmds[0][0])
            attach = key == "class6" and prog in ATTACH
            st.allow_predating = ALLOW_PREDATING.get(prog, 0) if key == "class6" else 0
            if key in errors:
                st.failures.append(errors[key])
            else:
                if key == "class6" and "--enforce" not in extra:
                    untraced(cmds[0], st, tmp, env, attach)  # the self-checks hold alone
                for cmd in cmds:
                    t = timeout
                    if key == "storm":
                        t = int(int(cmd[1]) / max(opts.storm_rate, 1) * 4 + 120)
                    trace(sigscope, cmd, st, extra, tmp, t, wenv, attach=attach)
                check(st)
            total += st.sigreturns
            results.append(st)
            log("%s %-14s sigreturns %8d  findings: %s  unmatched %d  lost %s  (%.1fs)"
                % ("FAIL" if st.failures else "ok  ", name, st.sigreturns, fmt_findings(st),
                   st.unmatched, st.lost if st.lost is not None else "?", st.seconds))
            for o in st.outputs[-1:]:
                log("       output: %s" % o)
            for n in st.notes:
                log("       note: %s" % n)
            for f in st.failures:
                log("       %s" % f)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    log()
    log("Findings per workload (finding events of any severity: count, max severity):")
    table(["workload"] + FINDINGS,
          [[st.name] + ["%d %s" % (st.findings[f], sev_name(st.finding_max.get(f)))
                        if st.findings[f] else "-" for f in FINDINGS] for st in results])

    log()
    log("What the sigreturns show (rt_sigreturn pairing and verdict):")
    cols = ["rip_moved", "rsp_moved", "other_regs_changed", "abi_not_x86_64", "allowed"]
    table(["workload", "sigreturns", "unmatched", "signals"] + cols + ["call_site"],
          [[st.name, st.sigreturns, st.unmatched,
            ",".join("%s:%d" % (s, n) for s, n in st.signals.most_common(4)) or "-"]
           + [st.shows[c] for c in cols]
           + [",".join("%s:%d" % (k[len("call_site_"):], n) for k, n in st.shows.items()
                       if k.startswith("call_site_")) or "delivered"]
           for st in results])

    log()
    log("Contexts the handlers changed (matched sigreturns; ripClass/rspClass from the verdict):")
    rows = []
    for st in results:
        for (sig, ch), n in sorted(st.changed.items(), key=lambda kv: -kv[1]):
            if ch == "-":
                continue
            cls = ", ".join("rip %s rsp %s: %d" % (rc, sc, m) for (s2, rc, sc), m in
                            sorted(st.classes.items(), key=lambda kv: -kv[1]) if s2 == sig)
            rows.append([st.name, sig, ch, n, cls])
    if rows:
        table(["workload", "signal", "changed", "sigreturns", "classes (all changed)"], rows)
    else:
        log("  none")

    passed = sum(1 for st in results if not st.failures)
    failed = sum(1 for st in results if st.failures)
    log()
    if "storm" in want:
        vol_ok = total >= opts.min_sigreturns
        log("%s volume: %d rt_sigreturn events in total (need >= %d)"
            % ("ok  " if vol_ok else "FAIL", total, opts.min_sigreturns))
        passed += vol_ok
        failed += not vol_ok
    else:
        log("skip volume: %d rt_sigreturn events in total; the storm did not run" % total)
    log("benign: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
