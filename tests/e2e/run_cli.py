#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""CLI tests: sigscope as a user meets it. Bad input (exit 2, one line on stderr, nothing on
stdout), not root, --help/--version, the command's exit status, SIGINT/SIGTERM in whole-machine
mode, every filter (positively and negatively), --stack-bytes against ground truth, drops that
are counted exactly, a hostile comm end to end, table versus JSON output; and after every run no
sigscope BPF program is left loaded.

    python3 tests/e2e/run_cli.py --sigscope build/sigscope --progs build/e2e

Prints `ok   NAME` or `FAIL NAME: reason` per check, then `cli: N passed, M failed`. Exit status 0,
1 when a check failed, 2 when not root or sigscope / the programs are missing. Needs bpftool and
setpriv (util-linux). Python 3 standard library only. The test programs are
tests/e2e/progs/cli_*.c (built by `make -C tests/e2e`).
"""

# The root check at the start of main() has run_e2e.py's shape, and the bad-input runners repeat theirs: each runner refuses on its own terms.
import base64
import binascii
import errno
import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import ROOT as harness_root  # noqa: E402
from harness import (STARTED, Check, CheckError, Reporter, arg_parser, args_of,  # noqa: E402,F401
                     child_setup, kill_started, popen, read_text, shell_status, stderr_lines)

_child_setup = child_setup  # run_reliability.py calls it by this name

CLI_PROGS = ["cli_wait", "cli_fork", "cli_stack", "cli_storm"]
# The BPF functions of src/bpf/sigscope.bpf.c. The kernel keeps 15 bytes of a program's name;
# bpftool prints the full name when it finds it in the program's BTF: match on 15 bytes.
BPF_PROG_NAMES = ["sys_enter_sigreturn", "sys_exit_sigreturn", "sys_enter_rt_sigreturn_tp",
                  "signal_deliver", "signal_generate", "follow_fork", "follow_exit",
                  "drop_state_on_exec"]
BPF_PREFIXES = {n[:15] for n in BPF_PROG_NAMES}
# The long options --help must list: read from src/cli/options.c (its long_opts table) when the
# source is there, so an option added later is checked too; else these.
LONG_OPTIONS = ["events", "pid", "comm", "uid", "cgroup", "container", "output", "write",
                "stack-bytes", "hooks", "buffer-kb", "quiet", "help", "version"]
EVENT_KINDS = ["rt_sigreturn", "signal_deliver", "signal_generate"]
NOBODY = 65534
SETPRIV_NOBODY = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups",
                  "--inh-caps=-all", "--bounding-set=-all"]
SUMMARY_RE = re.compile(
    r"^sigscope: (\d+) events: rt_sigreturn (\d+), signal_deliver (\d+), signal_generate (\d+); "
    r"lost (\d+) \(rt_sigreturn (\d+), signal_deliver (\d+), signal_generate (\d+)\)(.*)$")
RUN_TIMEOUT = 30      # seconds for any one sigscope run
BAD_INPUT_TIMEOUT = 10  # seconds for sigscope to refuse bad input
READY_TIMEOUT = 20    # seconds for sigscope to load and attach
N_SIGNALS = 5         # signals each held program sends itself
STORM_N = 20000
# cli_storm pauses briefly after each burst of this many signals: every burst overflows the
# 4 KiB buffer, and sigscope drains it during the pause, so records are written after losses.
STORM_BURST = 2000
# Bytes for the hostile comm: a control character, JSON's two escapes, a byte that is never
# UTF-8 (0xff) and a lead byte followed by a non-continuation ("\xc3(").
HOSTILE_COMM = b'\x01q"\\\xff\xc3('

# --- processes ------------------------------------------------------------------------------


def wait_or_kill(p, timeout):
    """Exit status of p, or None after killing it when it did not exit in time."""
    try:
        return p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        p.wait()
        return None


# --- BPF programs ---------------------------------------------------------------------------


def sigscope_progs():
    """{id: name} of every loaded BPF program named like one of sigscope's."""
    out = subprocess.run(["bpftool", "-j", "prog", "show"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=20, check=False)
    if out.returncode != 0:
        raise CheckError("bpftool prog show failed: %s" % out.stderr.decode(errors="replace"))
    progs = json.loads(out.stdout.decode() or "[]")
    return {p["id"]: p.get("name", "") for p in progs
            if p.get("name", "")[:15] in BPF_PREFIXES}


def prog_holders():
    """{prog id: {pid, ...}}: which processes hold a program or a link to it (fdinfo)."""
    held = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        d = "/proc/%s/fdinfo" % pid
        try:
            fds = os.listdir(d)
        except OSError:
            continue
        for fd in fds:
            try:
                with open(os.path.join(d, fd), "rb") as f:
                    info = f.read(4096)
            except OSError:
                continue
            m = re.search(rb"^prog_id:\s*(\d+)", info, re.M)
            if m:
                held.setdefault(int(m.group(1)), set()).add(int(pid))
    return held


def comm_of(pid):
    try:
        with open("/proc/%d/comm" % pid, "rb") as f:
            return f.read().rstrip(b"\n")
    except OSError:
        return b""


def leaked_progs(before, timeout=4.0):
    """Sigscope programs loaded now that were not before and that no other sigscope holds.
    Other engineers may run sigscope at the same time: a program held by a live process named
    sigscope that this script did not start is theirs. A program freed a moment after its last
    reference went away may still be listed, so this waits up to timeout for the set to empty."""
    mine = {p.pid for p in STARTED}
    deadline = time.time() + timeout
    while True:
        now = sigscope_progs()
        new = {i: n for i, n in now.items() if i not in before}
        leaked = {}
        if new:
            held = prog_holders()
            for i, n in new.items():
                holders = held.get(i, set())
                foreign = [h for h in holders if h not in mine and comm_of(h) == b"sigscope"]
                if not foreign:
                    leaked[i] = (n, sorted(holders))
        if not leaked or time.time() > deadline:
            return leaked
        time.sleep(0.2)


def check_no_leak(c, before):
    try:
        leaked = leaked_progs(before)
    except (CheckError, OSError, ValueError, subprocess.TimeoutExpired) as e:
        c.check(False, "cannot list BPF programs: %s" % e)
        return
    c.check(not leaked, "BPF programs left loaded: %s" % ", ".join(
        "%d %s (held by %s)" % (i, n, h or "nobody") for i, (n, h) in sorted(leaked.items())))


def sigcgt(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("SigCgt:"):
                    return int(line.split()[1], 16)
    except OSError:
        pass
    return 0


def held_prog_names(pid):
    """Names of the BPF programs process pid holds (its program and link fds)."""
    names = set()
    d = "/proc/%d/fdinfo" % pid
    ids = set()
    try:
        for fd in os.listdir(d):
            try:
                with open(os.path.join(d, fd), "rb") as f:
                    m = re.search(rb"^prog_id:\s*(\d+)", f.read(4096), re.M)
            except OSError:
                continue
            if m:
                ids.add(int(m.group(1)))
    except OSError:
        return names
    progs = sigscope_progs()
    for i in ids:
        if i in progs:
            names.add(progs[i])
    return names


# --- sigscope runs --------------------------------------------------------------------------


class Tracer:
    """sigscope in the background (whole-machine mode), stopped with a signal."""

    def __init__(self, sigscope, opts, workdir, tag):
        self.out = os.path.join(workdir, tag + ".json")
        self.err = os.path.join(workdir, tag + ".err")
        self.cmd = [sigscope] + opts + ([] if "-e" in opts else ["-e", "all"]) + ["-w", self.out]
        self.p = None
        self.before = None
        self.errf = None

    def start(self):
        """Starts it and waits until it is attached. Raises CheckError when it is not."""
        self.before = sigscope_progs()
        self.errf = open(self.err, "wb")
        self.p = popen(self.cmd, stdout=subprocess.DEVNULL, stderr=self.errf)
        deadline = time.time() + READY_TIMEOUT
        # sigscope installs its SIGINT and SIGTERM handlers right after attaching every program:
        # both caught means attached, and a stop signal is taken as a request, not as death.
        want = (1 << (signal.SIGINT - 1)) | (1 << (signal.SIGTERM - 1))
        while time.time() < deadline:
            if self.p.poll() is not None:
                raise CheckError("sigscope exited (%d) before attaching: %s" % (
                    self.p.returncode, read_text(self.err).strip()[-300:]))
            if sigcgt(self.p.pid) & want == want:
                names = held_prog_names(self.p.pid)
                if {n[:15] for n in names} & {"signal_deliver", "sys_enter_sigre",
                                              "sys_exit_sigret", "signal_generate"}:
                    return
            time.sleep(0.05)
        raise CheckError("sigscope not attached after %ds (%s)" % (READY_TIMEOUT,
                         " ".join(self.cmd)))

    def stop(self, sig=signal.SIGINT):
        """Sends sig; returns (exit status or None when it had to be killed, stderr text)."""
        if self.p.poll() is None:
            self.p.send_signal(sig)
        rc = wait_or_kill(self.p, RUN_TIMEOUT)
        self.errf.close()
        return rc, read_text(self.err)


def run_traced(args, opts, command, workdir, tag, env=None, stdin=subprocess.DEVNULL,
               feed=None, timeout=RUN_TIMEOUT, events="all"):
    """sigscope OPTS -e EVENTS -w FILE -- COMMAND to completion (EVENTS None, or -e in OPTS:
    no -e added; "all" by default, since the checks count deliveries and generates too).
    feed(p) runs while it does (p.stdin is a pipe then). Returns dict(rc, stdout, stderr, out,
    before)."""
    out = os.path.join(workdir, tag + ".json")
    err = os.path.join(workdir, tag + ".err")
    before = sigscope_progs()
    if events and "-e" not in opts:
        opts = opts + ["-e", events]
    cmd = [args.sigscope] + opts + ["-w", out, "--"] + command
    with open(err, "wb") as errf:
        p = popen(cmd, stdout=subprocess.PIPE, stderr=errf, stdin=stdin,
                  env=dict(os.environ, **(env or {})))
        if feed:
            feed(p)
        try:
            stdout, _ = p.communicate(timeout=timeout)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            stdout, _ = p.communicate()
            rc = None
    return {"rc": rc, "stdout": stdout, "stderr": read_text(err), "out": out,
            "before": before, "cmd": " ".join(os.fsdecode(x) for x in cmd)}


def parse_events(path):
    """(events, errors): every line of path must be UTF-8 and a JSON object."""
    events, errors = [], []
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return events, ["no events file: %s" % e]
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        errors.append("the last line has no newline")
    for n, line in enumerate(lines, 1):
        try:
            ev = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            errors.append("line %d does not parse: %s: %.80r" % (n, e, line))
            continue
        if not isinstance(ev, dict) or not isinstance(ev.get("args"), list):
            errors.append("line %d is not an event object" % n)
            continue
        events.append(ev)
    return events, errors


def events_of(events, pid, name=None, sig=None):
    """Events taken in process pid (host pid), optionally of one kind and signal."""
    out = []
    for e in events:
        if e.get("hostProcessId") != pid:
            continue
        if name and e.get("eventName") != name:
            continue
        if sig and signal_of(e) != sig:
            continue
        out.append(e)
    return out


def signal_of(e):
    a = args_of(e)
    if e.get("eventName") == "rt_sigreturn":
        return (a.get("pairing") or {}).get("signal")
    return a.get("signal")


def touching(events, pid):
    """Events taken in pid, and signal_generate events whose target is pid."""
    return [e for e in events if e.get("hostProcessId") == pid or
            (e.get("eventName") == "signal_generate" and args_of(e).get("target_pid") == pid)]


def check_signals_seen(c, events, pid, sig, n, who="the program", kinds=EVENT_KINDS):
    """The n signals sig that pid sent itself: n events of each of kinds (-e all: generate,
    deliver, rt_sigreturn), none of the others."""
    for name in EVENT_KINDS:
        got = len(events_of(events, pid, name, sig))
        want = n if name in kinds else 0
        c.check(got == want, "%s (pid %d): %d %s events for %s, expected %d" % (
            who, pid, got, name, sig, want))


def check_absent(c, events, pid, who="the other program"):
    got = touching(events, pid)
    c.check(not got, "%d events of %s (pid %d), which the filter excludes (first: %s)" % (
        len(got), who, pid, got[0].get("eventName") if got else ""))


def parse_summary(stderr):
    """The summary line's numbers: dict, or None when there is no summary line."""
    for line in stderr.split("\n"):
        m = SUMMARY_RE.match(line)
        if m:
            v = [int(x) for x in m.groups()[:8]]
            return {"events": v[0], "seen": {"rt_sigreturn": v[1], "signal_deliver": v[2],
                                             "signal_generate": v[3]},
                    "lost": v[4], "lost_by": {"rt_sigreturn": v[5], "signal_deliver": v[6],
                                              "signal_generate": v[7]},
                    "rest": m.group(9), "line": line,
                    # program runs the kernel skipped (recursion_misses): counted in "lost"
                    "skipped": int((re.search(r"; skipped by the kernel (\d+)", m.group(9))
                                    or [0, 0])[1])}
    return None


def ground_truth(path):
    """Records of an e2e.h ground-truth file (one JSON object per line)."""
    recs = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                recs.append(json.loads(line))
    except (OSError, ValueError) as e:
        raise CheckError("ground truth %s unreadable: %s" % (path, e))
    return recs


def summary_of(recs, prog):
    for r in recs:
        if r.get("kind") == "summary" and r.get("prog") == prog:
            return r
    raise CheckError("no %s summary in the ground truth" % prog)


def check_ok_run(c, r, want_rc=0):
    """A -- COMMAND run: exit status, summary line, valid JSON lines, nothing left loaded."""
    c.check(r["rc"] == want_rc, "exit status %r, expected %d (%s); stderr: %s" % (
        r["rc"], want_rc, r["cmd"], r["stderr"].strip()[-300:]))
    c.check(parse_summary(r["stderr"]) is not None,
            "no summary line on stderr: %r" % r["stderr"][-300:])
    events, errs = parse_events(r["out"])
    c.check(not errs, "events file: %s" % (errs[0] if errs else ""))
    check_no_leak(c, r["before"])
    return events


def prog(args, name):
    return os.path.join(args.progs, name)


def run_check(rep, name, fn, *a):
    """Runs one check function; any exception is a failure of that check, never of the rest."""
    c = Check(name)
    try:
        fn(c, *a)
    except CheckError as e:
        c.errors.append(str(e))
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError,
            subprocess.SubprocessError) as e:
        c.errors.append("%s: %s" % (type(e).__name__, e))
    finally:
        kill_started()
    rep.report(c)


# --- 1. bad input ---------------------------------------------------------------------------


def trampolines_refused():
    """This machine's kernel (locked down) refuses fentry/fexit: kernel-facts.md. Where it does
    not, the trampoline case below is not an error and is left out."""
    path = "/sys/kernel/security/lockdown"
    if not os.path.exists(path):  # securityfs is not always mounted
        subprocess.run(["mount", "-t", "securityfs", "securityfs", "/sys/kernel/security"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    if not os.path.exists(path):
        return False
    with open(path, encoding="utf-8") as f:
        return "[none]" not in f.read()


def bad_input_cases(workdir):
    """(name, argv, what the one line must contain)."""
    extra = []
    if trampolines_refused():
        extra.append(("backend-trampoline-refused", ["-q", "--backend", "trampoline", "--", "true"],
                      "trampoline"))
    return extra + [
        ("unknown-long-option", ["--frobnicate"], "--frobnicate"),
        ("unknown-short-option", ["-Z"], "-Z"),
        ("missing-argument", ["-p"], "-p"),
        ("bad-pid", ["-p", "12x"], "12x"),
        ("bad-pid-negative", ["-p", "-5"], "-5"),
        ("bad-pid-zero", ["-p", "0"], "'0'"),
        ("bad-hooks", ["--hooks", "fast"], "fast"),
        ("bad-events", ["-e", "rt_sigreturn,bogus"], "bogus"),
        ("bad-events-empty", ["-e", ""], "event"),
        ("bad-reader-priority", ["--reader-priority", "high"], "high"),
        ("comm-too-long", ["-c", "0123456789abcdef"], "0123456789abcdef"),
        ("bad-buffer-kb-small", ["--buffer-kb", "2"], "'2'"),
        ("bad-buffer-kb-not-power-of-two", ["--buffer-kb", "24"], "24"),
        ("bad-buffer-kb-huge", ["--buffer-kb", "2097152"], "2097152"),
        ("bad-output", ["-o", "yaml"], "yaml"),
        ("bad-stack-bytes", ["--stack-bytes", "513"], "513"),
        ("bad-uid", ["-u", "-1"], "-1"),
        ("bad-container", ["--container", "XYZ"], "XYZ"),
        ("bad-enforce", ["--enforce=sometimes"], "sometimes"),
        ("bad-backend", ["--backend", "kprobe"], "kprobe"),
        # "-- true": should the file be ignored, the run ends at once instead of tracing on.
        ("policy-nonexistent", ["-q", "--policy", "/nonexistent/policy.yaml", "--", "true"],
         "/nonexistent/policy.yaml"),
        ("bad-cgroup", ["--cgroup", "/nonexistent/cg"], "/nonexistent/cg"),
        ("write-nonexistent-dir", ["-q", "-w", "/nonexistent/dir/x"], "/nonexistent/dir/x"),
        # As a user types it: without -q.
        ("no-such-command", ["-o", "json", "--", "/nonexistent"], "/nonexistent"),
        ("no-such-command-quiet", ["-q", "-o", "json", "--", "/nonexistent"], "/nonexistent"),
        ("no-such-command-without-dashes", ["-q", "-o", "json", "/nonexistent"],
         "/nonexistent"),
    ]


def check_bad_input(c, args, argv, needle):
    before = sigscope_progs()
    cmd = [args.sigscope] + argv
    p = popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=BAD_INPUT_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise CheckError("did not exit within %ds: %s" % (BAD_INPUT_TIMEOUT, " ".join(cmd)))
    lines = stderr_lines(err.decode("utf-8", "replace"))
    c.check(p.returncode == 2, "exit status %d, expected 2" % p.returncode)
    c.check(len(lines) == 1, "%d lines on stderr, expected 1: %r" % (len(lines), lines[:4]))
    if lines:
        c.check(lines[-1].startswith("sigscope: "), "stderr line does not start with "
                "'sigscope: ': %r" % lines[-1])
        c.check(needle in lines[-1], "stderr line does not name %r: %r" % (needle, lines[-1]))
    c.check(out == b"", "stdout is not empty: %.80r" % out)
    check_no_leak(c, before)


# --- 3. not root ----------------------------------------------------------------------------


def check_not_root(c, args, workdir):
    before = sigscope_progs()
    cmd = SETPRIV_NOBODY + [args.sigscope, "-q", "-o", "json"]
    p = popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise CheckError("sigscope as uid %d without capabilities did not exit" % NOBODY)
    lines = stderr_lines(err.decode("utf-8", "replace"))
    c.check(p.returncode == 2, "exit status %d, expected 2 (stderr %r)" % (p.returncode, lines))
    c.check(len(lines) == 1, "%d lines on stderr, expected 1: %r" % (len(lines), lines[:4]))
    if lines:
        c.check(lines[0].startswith("sigscope: ") and
                ("root" in lines[0] or "CAP_BPF" in lines[0]),
                "stderr does not mention root or CAP_BPF: %r" % lines[0])
    c.check(out == b"", "stdout is not empty: %.80r" % out)
    check_no_leak(c, before)


# --- 4. help and version --------------------------------------------------------------------


def long_options(root):
    try:
        with open(os.path.join(root, "src", "cli", "options.c"), encoding="utf-8") as f:
            src = f.read()
    except OSError:
        return LONG_OPTIONS
    found = re.findall(r'\{"([a-z][a-z0-9-]*)",\s*(?:no|required|optional)_argument', src)
    return found or LONG_OPTIONS


def check_help(c, args, flag):
    p = subprocess.run([args.sigscope, flag], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=10, check=False)
    text = p.stdout.decode("utf-8", "replace")
    c.check(p.returncode == 0, "exit status %d" % p.returncode)
    c.check(p.stderr == b"", "stderr not empty: %.80r" % p.stderr)
    c.check("examples" in text.lower(), "no examples in the help")
    for o in args.long_options:
        c.check(re.search(r"--%s\b" % re.escape(o), text) is not None, "--%s not in the help" % o)


def check_version(c, args):
    p = subprocess.run([args.sigscope, "--version"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=10, check=False)
    text = p.stdout.decode("utf-8", "replace")
    c.check(p.returncode == 0, "exit status %d" % p.returncode)
    c.check(re.match(r"^sigscope \d+\.\d+", text) is not None, "version output %r" % text)
    c.check(p.stderr == b"", "stderr not empty: %.80r" % p.stderr)


# --- 5. exit status -------------------------------------------------------------------------


def check_exit_status(c, args, workdir, script, want):
    r = run_traced(args, ["-q", "-o", "json"], ["sh", "-c", script], workdir, "exit%d" % want)
    check_ok_run(c, r, want)


# --- 6. stop signals ------------------------------------------------------------------------


def check_stop(c, args, workdir, sig):
    tag = "stop-%s" % sig.name
    t = Tracer(args.sigscope, ["-q", "-o", "json"], workdir, tag)
    t.start()
    gt = os.path.join(workdir, tag + ".gt")
    w = popen([prog(args, "cli_wait"), str(N_SIGNALS)], env=dict(os.environ, GROUND_TRUTH=gt))
    wrc = wait_or_kill(w, RUN_TIMEOUT)
    rc, err = t.stop(sig)
    c.check(wrc == 0, "cli_wait exit status %r" % wrc)
    c.check(rc == 0, "sigscope exit status %r after %s, expected 0 (stderr %r)" % (
        rc, sig.name, err.strip()[-300:]))
    s = parse_summary(err)
    c.check(s is not None and "events:" in s["line"] and "lost" in s["line"],
            "no summary line with 'events:' and 'lost' on stderr: %r" % err.strip()[-300:])
    lines = stderr_lines(err)
    c.check(lines and SUMMARY_RE.match(lines[-1]), "the summary is not the last line on "
            "stderr: %r" % lines[-3:])
    events, errs = parse_events(t.out)
    c.check(not errs, "events file: %s" % (errs[0] if errs else ""))
    pid = summary_of(ground_truth(gt), "cli_wait")["pid"]
    check_signals_seen(c, events, pid, "SIGUSR1", N_SIGNALS)
    if s:
        for k in ("rt_sigreturn", "signal_deliver", "signal_generate"):
            got = len([e for e in events if e.get("eventName") == k])
            c.check(got == s["seen"][k], "summary says %d %s, the file holds %d" % (
                s["seen"][k], k, got))
    check_no_leak(c, t.before)


# --- 7. filters -----------------------------------------------------------------------------


class Held:
    """cli_wait N [COMM], holding until release() (a byte on its stdin)."""

    def __init__(self, args, workdir, tag, comm=None, prefix=None, env=None):
        self.gt = os.path.join(workdir, tag + ".gt")
        # Writable for a program run as another user (it opens it O_TRUNC, no O_CREAT needed).
        with open(self.gt, "w"):
            pass
        os.chmod(self.gt, 0o666)
        cmd = (prefix or []) + [prog(args, "cli_wait"), str(N_SIGNALS)]
        if comm is not None:
            cmd.append(comm)
        self.p = popen(cmd, stdin=subprocess.PIPE,
                       env=dict(os.environ, GROUND_TRUTH=self.gt, **(env or {})))
        self.pid = self.p.pid   # setpriv and cli_wait exec in place: the same process

    def release(self):
        self.p.stdin.write(b"g")
        self.p.stdin.close()

    def finish(self, c, who):
        rc = wait_or_kill(self.p, RUN_TIMEOUT)
        c.check(rc == 0, "%s (pid %d) exit status %r" % (who, self.pid, rc))
        return rc


def filtered_run(c, args, workdir, tag, opts, target, other, setup=None):
    """Whole-machine sigscope OPTS with two held programs, both released while it traces."""
    if setup:
        setup()
    t = Tracer(args.sigscope, ["-q", "-o", "json"] + opts, workdir, tag)
    t.start()
    target.release()
    other.release()
    target.finish(c, "the selected program")
    other.finish(c, "the other program")
    rc, err = t.stop(signal.SIGINT)
    c.check(rc == 0, "sigscope exit status %r (stderr %r)" % (rc, err.strip()[-300:]))
    events, errs = parse_events(t.out)
    c.check(not errs, "events file: %s" % (errs[0] if errs else ""))
    check_signals_seen(c, events, target.pid, "SIGUSR1", N_SIGNALS, "the selected program")
    check_absent(c, events, other.pid)
    check_no_leak(c, t.before)
    return events


def check_filter_pid(c, args, workdir):
    target = Held(args, workdir, "pid-target")
    other = Held(args, workdir, "pid-other")
    events = filtered_run(c, args, workdir, "filter-pid", ["-p", str(target.pid)], target, other)
    bad = [e for e in events if e not in touching(events, target.pid)]
    c.check(not bad, "%d events of other processes (first: pid %s %s)" % (
        len(bad), bad[0].get("hostProcessId") if bad else "", bad[0].get("processName")
        if bad else ""))


def check_filter_comm(c, args, workdir):
    suffix = "%04x" % (os.getpid() & 0xffff)
    comm = "clitgt_" + suffix
    target = Held(args, workdir, "comm-target", comm)
    other = Held(args, workdir, "comm-other", "clioth_" + suffix)
    events = filtered_run(c, args, workdir, "filter-comm", ["-c", comm], target, other)
    bad = [e for e in events if e.get("processName") != comm and
           not (e.get("eventName") == "signal_generate" and
                args_of(e).get("target_comm") == comm)]
    c.check(not bad, "%d events of tasks not named %s (first: %r)" % (
        len(bad), comm, bad[0].get("processName") if bad else ""))


def check_filter_comm_in_handler(c, args, workdir):
    """A process that comes to match -c inside its first handler (red team rounds 23 and 24):
    its deliveries were paired before it was in scope, so the handler's return is matched, not
    forged, and --enforce kills nothing. Its later signals are seen."""
    suffix = "%04x" % (os.getpid() & 0xffff)
    comm = "clirnm_" + suffix
    target = Held(args, workdir, "comm-in-handler", env={"CLI_WAIT_RENAME": comm})
    t = Tracer(args.sigscope, ["-q", "-o", "json", "--enforce", "-c", comm], workdir,
               "filter-comm-in-handler")
    t.start()
    target.release()
    target.finish(c, "the program renamed in its handler")
    rc, err = t.stop(signal.SIGINT)
    c.check(rc == 0, "sigscope exit status %r (stderr %r)" % (rc, err.strip()[-300:]))
    events, errs = parse_events(t.out)
    c.check(not errs, "events file: %s" % (errs[0] if errs else ""))
    mine = events_of(events, target.pid, "rt_sigreturn")
    c.check(len(mine) == N_SIGNALS, "%d rt_sigreturn events of the renamed program, expected %d"
            % (len(mine), N_SIGNALS))
    text = read_text(t.out)
    c.check("sigscope_enforcement" not in text and '"forged_frame"' not in text,
            "the renamed program was judged forged or killed")
    check_no_leak(c, t.before)


def check_filter_uid(c, args, workdir):
    target = Held(args, workdir, "uid-target", prefix=SETPRIV_NOBODY)
    other = Held(args, workdir, "uid-other")
    events = filtered_run(c, args, workdir, "filter-uid", ["-u", str(NOBODY)], target, other)
    bad = [e for e in events if e.get("userId") != NOBODY and
           not (e.get("eventName") == "signal_generate" and
                args_of(e).get("target_pid") == target.pid)]
    c.check(not bad, "%d events of other users (first: uid %r)" % (
        len(bad), bad[0].get("userId") if bad else ""))
    mine = events_of(events, target.pid)
    c.check(all(e.get("userId") == NOBODY for e in mine), "the selected program's events do "
            "not all have userId %d" % NOBODY)


def check_policy_allow_held(c, args, workdir):
    """An allowance follows the file it was given to (red team round 23): the allowed program,
    upgraded by write-then-rename, keeps its inode held open by sigscope, so no file created
    after takes that inode number and the allowance; the new file is judged and killed. Run 1:
    the allowance itself works (the program's tampered_context is allowed, not enforced)."""
    d = os.path.join(workdir, "allow-held")
    os.makedirs(d, exist_ok=True)
    emu, bigreg = os.path.join(d, "emu"), prog(args, "cli_bigreg")
    pol = os.path.join(d, "policy.yaml")
    with open(pol, "w") as f:
        f.write("enforce: high\nallow:\n  - executable: %s\n    findings: [tampered_context]\n"
                % emu)
    shutil.copy(bigreg, emu)
    r = run_traced(args, ["-q", "--enforce", "--policy", pol, "-o", "json"], [emu], workdir,
                   "allow-held-1")
    check_ok_run(c, r)
    c.check('"allowed":["tampered_context"]' in read_text(r["out"]),
            "the allowed program's tampered_context was not reported as allowed")
    shutil.copy(bigreg, emu)  # a new inode, never run under sigscope before the upgrade
    script = ('old=$(stat -c %%i %(emu)s); cp /bin/true %(emu)s.new && mv %(emu)s.new %(emu)s; '
              'echo held=$(ls -l /proc/$PPID/fd | grep -c "emu (deleted)"); '
              'for i in 1 2 3 4 5 6 7 8; do cp %(big)s %(d)s/payload$i; '
              '[ "$(stat -c %%i %(d)s/payload$i)" = "$old" ] && echo reused=$i; done; '
              '%(d)s/payload1 >/dev/null; echo payload=$?' % {"emu": emu, "big": bigreg, "d": d})
    r = run_traced(args, ["-q", "--enforce", "--policy", pol, "-o", "json"],
                   ["sh", "-c", script], workdir, "allow-held-2")
    out = r["stdout"].decode(errors="replace")
    c.check("held=1" in out, "sigscope does not hold the allowed file open: %r" % out)
    c.check("reused=" not in out, "a new file took the allowed file's inode: %r" % out)
    c.check("payload=137" in out, "the unallowed copy was not killed: %r" % out)


def check_filter_events(c, args, workdir, spec, want):
    """-e SPEC (None: no -e, the default) writes exactly the kinds in want; every sigreturn
    still names the delivery it returns from, which the kernel paired whatever -e says."""
    tag = "events-" + (spec or "default").replace(",", "+")
    gt = os.path.join(workdir, tag + ".gt")
    r = run_traced(args, ["-q", "-o", "json"], [prog(args, "cli_wait"), str(N_SIGNALS)],
                   workdir, tag, env={"GROUND_TRUTH": gt}, events=spec)
    events = check_ok_run(c, r)
    pid = summary_of(ground_truth(gt), "cli_wait")["pid"]
    for name in ("rt_sigreturn", "signal_deliver", "signal_generate"):
        got = events_of(events, pid, name, "SIGUSR1")
        if name in want:
            c.check(len(got) == N_SIGNALS, "%d %s events of SIGUSR1, expected %d" % (
                len(got), name, N_SIGNALS))
        if name == "rt_sigreturn":
            seqs = [(args_of(e).get("pairing") or {}).get("deliverySeq") for e in got
                    if (args_of(e).get("pairing") or {}).get("status") == "matched"]
            c.check(len(seqs) == len(got) and len(set(seqs)) == len(seqs),
                    "-e %s: %d of %d sigreturns name their own delivery" % (
                        spec, len(set(seqs)), len(got)))
    # Finding events (sigreturn_*, docs/events.md "Findings") follow the rules, not -e.
    kinds = sorted({e.get("eventName") for e in events} & (set(EVENT_KINDS) - set(want)))
    c.check(not kinds, "events of kinds not selected by -e %s: %s" % (spec, kinds))


def check_reader_priority(c, args, workdir, prio):
    """The reader runs at SCHED_FIFO 1 unless --reader-priority normal (a burst of runnable
    threads starved it under CFS: issue 19); the command it runs never inherits that."""
    t = Tracer(args.sigscope, ["-q", "-o", "json", "-c", "no-such-comm"] +
               (["--reader-priority", prio] if prio else []), workdir, "prio-%s" % prio)
    t.start()
    want = os.SCHED_OTHER if prio == "normal" else os.SCHED_FIFO
    deadline = time.time() + 5
    try:
        while True:  # set right after the stop handlers, which Tracer waits for
            policy = os.sched_getscheduler(t.p.pid) & ~0x40000000  # SCHED_RESET_ON_FORK
            if policy == want or time.time() > deadline:
                break
            time.sleep(0.05)
        c.check(policy == want, "reader policy %d, expected %d" % (policy, want))
        if want == os.SCHED_FIFO:
            c.check(os.sched_getparam(t.p.pid).sched_priority == 1,
                    "reader priority %d, expected 1" % os.sched_getparam(t.p.pid).sched_priority)
    finally:
        rc, err = t.stop()
    c.check(rc == 0, "exit status %r: %r" % (rc, err[-300:]))
    if prio:
        return
    # /proc/PID/stat field 41: the policy, 0 = SCHED_OTHER, of the command and of its child.
    r = run_traced(args, ["-q", "-o", "json"], ["sh", "-c", "cut -d' ' -f41 /proc/$$/stat; "
                   "sh -c 'cut -d\" \" -f41 /proc/$$/stat'"], workdir, "prio-command")
    check_ok_run(c, r)
    c.check(r["stdout"].split() == [b"0", b"0"], "the command's policies: %r" % r["stdout"])


def cgroup2_mount():
    """Where cgroup v2 is mounted (the unified hierarchy), or None."""
    with open("/proc/self/mountinfo") as f:
        for line in f:
            parts = line.split()
            sep = parts.index("-")
            if parts[sep + 1] == "cgroup2":
                return parts[4]
    return None


def check_filter_cgroup(c, args, workdir):
    mounted_here = None
    root = cgroup2_mount()
    if root is None:
        # No cgroup v2 anywhere: /sys/fs/cgroup itself when it is an empty directory, else a
        # private mount point (never over a v1 layout, which other processes use).
        root = "/sys/fs/cgroup"
        if os.path.ismount(root) or os.listdir(root):
            root = tempfile.mkdtemp(prefix="sigscope-cg2-")
        r = subprocess.run(["mount", "-t", "cgroup2", "none", root], stderr=subprocess.PIPE,
                           timeout=10, check=False)
        if r.returncode != 0:
            raise CheckError("cannot mount cgroup2 on %s: %s" % (root, r.stderr.decode().strip()))
        mounted_here = root
    cg = os.path.join(root, "sigscope-cli-%d" % os.getpid())
    target = other = None
    try:
        os.mkdir(cg)
        target = Held(args, workdir, "cgroup-target")
        other = Held(args, workdir, "cgroup-other")

        def move():
            with open(os.path.join(cg, "cgroup.procs"), "w") as f:
                f.write("%d\n" % target.pid)

        events = filtered_run(c, args, workdir, "filter-cgroup", ["--cgroup", cg], target,
                              other, setup=move)
        cgid = os.stat(cg).st_ino
        mine = events_of(events, target.pid)
        c.check(all(e.get("cgroupId") == cgid for e in mine),
                "the selected program's events do not all have cgroupId %d" % cgid)
        bad = [e for e in events if e.get("cgroupId") != cgid]
        c.check(not bad, "%d events from other cgroups (first: cgroupId %r)" % (
            len(bad), bad[0].get("cgroupId") if bad else ""))
    finally:
        kill_started()
        for _ in range(50):
            try:
                if os.path.isdir(cg):
                    os.rmdir(cg)
                break
            except OSError as e:
                if e.errno != errno.EBUSY:
                    c.check(False, "cannot remove %s: %s" % (cg, e))
                    break
                time.sleep(0.1)
        else:
            c.check(False, "cannot remove %s: still busy" % cg)
        if mounted_here:
            subprocess.run(["umount", mounted_here], timeout=10, check=False)
            if mounted_here != "/sys/fs/cgroup":
                os.rmdir(mounted_here)


def check_filter_command(c, args, workdir):
    """-- COMMAND follows descendants: the forked child's events are there, an unrelated
    process's (run while the command is traced) are not."""
    other = Held(args, workdir, "command-other")
    gt = os.path.join(workdir, "command.gt")
    holder = {}

    def feed(p):
        # The command runs only once everything is attached (sigscope holds it until then);
        # its handlers being installed in sigscope means that moment has passed.
        want = (1 << (signal.SIGINT - 1)) | (1 << (signal.SIGTERM - 1))
        deadline = time.time() + READY_TIMEOUT
        while sigcgt(p.pid) & want != want and time.time() < deadline and p.poll() is None:
            time.sleep(0.05)
        other.release()
        holder["other_rc"] = other.finish(c, "the unrelated program")
        p.stdin.write(b"g")     # the command's child reads it; communicate() closes stdin
        p.stdin.flush()

    r = run_traced(args, ["-q", "-o", "json"], [prog(args, "cli_fork"), str(N_SIGNALS)],
                   workdir, "filter-command", env={"GROUND_TRUTH": gt}, stdin=subprocess.PIPE,
                   feed=feed)
    events = check_ok_run(c, r)
    recs = ground_truth(gt)
    parent = summary_of(recs, "cli_fork")["pid"]
    child = summary_of(recs, "cli_fork_child")["pid"]
    check_signals_seen(c, events, parent, "SIGUSR1", 1, "the command")
    check_signals_seen(c, events, child, "SIGUSR2", N_SIGNALS, "the command's child")
    check_absent(c, events, other.pid, "the unrelated program")
    bad = [e for e in events if e.get("hostProcessId") not in (parent, child)]
    c.check(not bad, "%d events of processes outside the command (first: pid %s %r)" % (
        len(bad), bad[0].get("hostProcessId") if bad else "",
        bad[0].get("processName") if bad else ""))


# --- 8. stack bytes -------------------------------------------------------------------------


def stack_bytes_of(v):
    """The bytes of a stack_bytes value: Tracee's []byte, standard padded base64 (canonical:
    re-encoding gives the same text); None when it is anything else."""
    if not isinstance(v, str):
        return None
    try:
        b = base64.b64decode(v, validate=True)
    except (binascii.Error, ValueError):
        return None
    return b if base64.b64encode(b).decode() == v else None


def check_stack_bytes(c, args, workdir, hooks):
    gt = os.path.join(workdir, "stack-%s.gt" % hooks)
    r = run_traced(args, ["-q", "-o", "json", "--hooks", hooks, "--stack-bytes", "64"],
                   [prog(args, "cli_stack")], workdir, "stack-" + hooks,
                   env={"GROUND_TRUTH": gt})
    events = check_ok_run(c, r)
    recs = ground_truth(gt)
    pid = summary_of(recs, "cli_stack")["pid"]
    truth = [x for x in recs if x.get("kind") == "stack"]
    srs = [e for e in events if e.get("eventName") == "rt_sigreturn"]
    for e in srs:
        sb = args_of(e).get("stack_bytes")
        c.check(stack_bytes_of(sb) is not None and len(stack_bytes_of(sb)) == 64,
                "rt_sigreturn (pid %s) stack_bytes %.40r is not 64 bytes in padded base64" % (
                    e.get("hostProcessId"), sb))
    mine = [e for e in srs if e.get("hostProcessId") == pid]
    if not c.check(len(mine) == len(truth) and truth, "%d rt_sigreturn events, %d handler "
                   "invocations" % (len(mine), len(truth))):
        return
    for e, t in zip(mine, truth):
        a = args_of(e)
        rsp = (a.get("uc_mcontext") or {}).get("rsp")
        c.check(isinstance(rsp, int) and rsp == int(t["rsp"], 16),
                "sigreturn %d: uc_mcontext.rsp %r, handler saw %s" % (t["n"], rsp, t["rsp"]))
        got = (stack_bytes_of(a.get("stack_bytes")) or b"").hex()
        if got != t["bytes"]:
            i = next((k for k in range(min(len(got), len(t["bytes"])))
                      if got[k] != t["bytes"][k]), min(len(got), len(t["bytes"]))) // 2 * 2
            c.check(False, "sigreturn %d: stack_bytes differ from the 64 bytes at rsp %s from "
                    "byte %d: %r, the handler read %r" % (t["n"], t["rsp"], i // 2,
                                                          got[i:i + 16], t["bytes"][i:i + 16]))


# --- 9. drops -------------------------------------------------------------------------------


def storm(args, workdir, tag, quiet):
    gt = os.path.join(workdir, tag + ".gt")
    opts = (["-q"] if quiet else []) + ["-o", "json", "--buffer-kb", "4"]
    r = run_traced(args, opts, [prog(args, "cli_storm"), str(STORM_N), str(STORM_BURST)],
                   workdir, tag,
                   env={"GROUND_TRUTH": gt}, timeout=120)
    r["gt"] = gt
    return r


def check_drops(c, args, workdir, r):
    events = check_ok_run(c, r)
    pid = summary_of(ground_truth(r["gt"]), "cli_storm")["pid"]
    s = parse_summary(r["stderr"])
    if not s:
        return
    for name in ("rt_sigreturn", "signal_deliver", "signal_generate"):
        seen = len(events_of(events, pid, name, "SIGUSR1" if name != "rt_sigreturn" else None))
        lost = s["lost_by"][name]
        c.check(seen + lost == STORM_N, "%s: %d in the file + %d lost = %d, the program sent "
                "%d" % (name, seen, lost, seen + lost, STORM_N))
        c.check(lost > 0, "%s: no loss reported: the test did not overflow a 4 KiB buffer"
                % name)
        total = len([e for e in events if e.get("eventName") == name])
        c.check(total == s["seen"][name], "%s: summary says %d written, the file holds %d" % (
            name, s["seen"][name], total))
    c.check(s["lost"] == sum(s["lost_by"].values()) + s["skipped"],
            "lost %d is not the sum of its parts %r + skipped %d" % (
                s["lost"], s["lost_by"], s["skipped"]))


def check_drops_quiet_stderr(c, r):
    lines = stderr_lines(r["stderr"])
    c.check(len(lines) == 1 and SUMMARY_RE.match(lines[0]) is not None,
            "with -q stderr should hold only the summary line ('no start-up lines or periodic "
            "drop reports'), it has %d lines: %r" % (len(lines), lines[:3]))


def check_drops_periodic(c, r):
    check_ok_run(c, r)
    lines = stderr_lines(r["stderr"])
    lost = [ln for ln in lines if re.match(r"^sigscope: \d+ events lost \(ring buffer full\), "
                                           r"\d+ in total$", ln)]
    c.check(lost, "no 'N events lost (ring buffer full), M in total' line on stderr: %r" % (
        lines[:4],))
    s = parse_summary(r["stderr"])
    if lost and s:
        last = int(re.search(r"(\d+) in total", lost[-1]).group(1))
        c.check(last == s["lost"], "the last drop report says %d in total, the summary %d" % (
            last, s["lost"]))


def check_drops_pairing(c, args, workdir, r):
    """A lost record must not corrupt what is reported about the records that were written:
    cli_storm never nests or abandons a handler."""
    events, _ = parse_events(r["out"])
    pid = summary_of(ground_truth(r["gt"]), "cli_storm")["pid"]
    srs = events_of(events, pid, "rt_sigreturn")
    bad = [args_of(e).get("pairing") or {} for e in srs]
    bad = [p for p in bad if p.get("status") != "matched" or p.get("depth") != 1 or
           p.get("abandoned") != 0]
    c.check(not bad, "%d of %d written rt_sigreturn events are not matched at depth 1 with 0 "
            "abandoned (first: status %r depth %r abandoned %r)" % (
                len(bad), len(srs), bad[0].get("status") if bad else "",
                bad[0].get("depth") if bad else "", bad[0].get("abandoned") if bad else ""))
    s = parse_summary(r["stderr"])
    rest = s["rest"] if s else ""
    c.check("never returned from" not in rest and "full per-thread stack" not in rest,
            "the summary reports pairing trouble that did not happen: %r" % rest.strip("; "))


# --- 10. hostile comm -----------------------------------------------------------------------


def sigscope_utf8_clean(b):
    """The rule src/output/json.c applies: each byte that does not start a valid UTF-8 sequence
    becomes one U+FFFD. Python's decode('utf-8', 'replace') replaces a *maximal subpart* of an
    ill-formed sequence with one U+FFFD instead ("\\xe2\\x82(" gives one U+FFFD there, two here),
    so the two rules differ for truncated multi-byte sequences; for HOSTILE_COMM (a lone 0xff,
    a lead byte 0xc3 followed by a non-continuation byte) they agree, which
    check_hostile_comm() asserts before it relies on it."""
    out, i = [], 0
    while i < len(b):
        for k in (1, 2, 3, 4):
            try:
                out.append(b[i:i + k].decode("utf-8", "strict"))
                i += k
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append("\ufffd")
            i += 1
    return "".join(out)


def check_hostile_comm(c, args, workdir):
    expect = HOSTILE_COMM.decode("utf-8", "replace")
    c.check(expect == sigscope_utf8_clean(HOSTILE_COMM), "the two replacement rules differ "
            "for %r: pick other bytes" % HOSTILE_COMM)
    gt = os.path.join(workdir, "comm-hostile.gt")
    # The comm as bytes on the command line (there is no NUL in it): cli_wait sets it (prctl).
    r = run_traced(args, ["-q", "-o", "json"], [os.fsencode(prog(args, "cli_wait")), b"3",
                                                HOSTILE_COMM], workdir, "comm-hostile",
                   env={"GROUND_TRUTH": gt})
    events = check_ok_run(c, r)
    pid = summary_of(ground_truth(gt), "cli_wait")["pid"]
    mine = events_of(events, pid)
    check_signals_seen(c, events, pid, "SIGUSR1", 3)
    names = {e.get("processName") for e in mine}
    c.check(names == {expect}, "processName %r, expected %r" % (sorted(names), expect))
    gens = [args_of(e).get("target_comm") for e in events_of(events, pid, "signal_generate",
                                                               "SIGUSR1")]
    c.check(gens and set(gens) == {expect}, "signal_generate target_comm %r, expected %r" % (
        sorted(set(gens)), expect))


# --- 11. table and JSON ---------------------------------------------------------------------


TABLE_HEADER = ["TIME", "EVENT", "PID", "TID", "COMM", "DETAILS"]


def check_table_lines(c, text, pid, kinds=("rt_sigreturn",)):
    """The table of cli_wait 3 under the default events: 3 rows of each of kinds, no other."""
    lines = [ln.rstrip("\r") for ln in text.split("\n") if ln.strip()]
    if not c.check(lines and lines[0].split() == TABLE_HEADER, "first line is not the table "
                   "header: %r" % (lines[0] if lines else "")):
        return
    rows = {}
    for ln in lines[1:]:
        f = ln.split()
        c.check(len(f) >= 6 and re.match(r"^\d\d:\d\d:\d\d\.\d{6}$", f[0]),
                "not a table row: %r" % ln)
        if len(f) >= 6 and f[2] == str(pid):
            rows.setdefault(f[1], []).append(ln)
    for kind in ("deliver", "rt_sigreturn", "generate"):
        got = [ln for ln in rows.get(kind, []) if "SIGUSR1" in ln]
        want = 3 if kind in kinds else 0
        c.check(len(got) == want, "%d %s rows naming SIGUSR1 for pid %d, expected %d (rows: "
                "%r)" % (len(got), kind, pid, want, rows.get(kind, [])[:2]))


def check_table(c, args, workdir):
    gt = os.path.join(workdir, "table.gt")
    before = sigscope_progs()
    p = popen([args.sigscope, "-q", "-o", "table", "--", prog(args, "cli_wait"), "3"],
              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
              env=dict(os.environ, GROUND_TRUTH=gt))
    out, err = p.communicate(timeout=RUN_TIMEOUT)
    c.check(p.returncode == 0, "exit status %d: %r" % (p.returncode, err[-300:]))
    pid = summary_of(ground_truth(gt), "cli_wait")["pid"]
    check_table_lines(c, out.decode("utf-8", "replace"), pid)
    check_no_leak(c, before)


def check_auto_tty(c, args, workdir):
    """No -o, stdout a terminal: the table."""
    gt = os.path.join(workdir, "tty.gt")
    before = sigscope_progs()
    master, slave = pty.openpty()
    try:
        p = popen([args.sigscope, "-q", "--", prog(args, "cli_wait"), "3"], stdout=slave,
                  stderr=subprocess.PIPE, env=dict(os.environ, GROUND_TRUTH=gt))
        os.close(slave)
        slave = -1
        chunks = []
        deadline = time.time() + RUN_TIMEOUT
        while time.time() < deadline:
            try:
                b = os.read(master, 65536)
            except OSError as e:     # EIO: every writer of the terminal has gone
                if e.errno != errno.EIO:
                    raise
                break
            if not b:
                break
            chunks.append(b)
        rc = wait_or_kill(p, 5)
        err = p.stderr.read()
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)
    c.check(rc == 0, "exit status %r: %r" % (rc, err[-300:]))
    pid = summary_of(ground_truth(gt), "cli_wait")["pid"]
    check_table_lines(c, b"".join(chunks).decode("utf-8", "replace"), pid)
    check_no_leak(c, before)


def check_auto_pipe(c, args, workdir):
    """No -o, stdout a pipe: JSON lines."""
    gt = os.path.join(workdir, "pipe.gt")
    before = sigscope_progs()
    p = popen([args.sigscope, "-q", "--", prog(args, "cli_wait"), "3"],
              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
              env=dict(os.environ, GROUND_TRUTH=gt))
    out, err = p.communicate(timeout=RUN_TIMEOUT)
    c.check(p.returncode == 0, "exit status %d: %r" % (p.returncode, err[-300:]))
    path = os.path.join(workdir, "pipe.json")
    with open(path, "wb") as f:
        f.write(out)
    events, errs = parse_events(path)
    c.check(not errs, "stdout is not JSON lines: %s" % (errs[0] if errs else ""))
    pid = summary_of(ground_truth(gt), "cli_wait")["pid"]
    check_signals_seen(c, events, pid, "SIGUSR1", 3, kinds=("rt_sigreturn",))
    check_no_leak(c, before)


# --------------------------------------------------------------------------------------------


def main():
    ap = arg_parser(__doc__)
    ap.add_argument("--only", default="", help="run only checks whose name contains this")
    ap.add_argument("--keep", default="", help="keep every run's files in this directory")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every failed check")
    args = ap.parse_args()

    if os.geteuid() != 0:
        print("cli: must run as root (sigscope loads BPF programs)", file=sys.stderr)
        return 2
    if not (os.path.isfile(args.sigscope) and os.access(args.sigscope, os.X_OK)):
        print("cli: sigscope not found or not executable at %s (build it with `make`)" %
              args.sigscope, file=sys.stderr)
        return 2
    missing = [p for p in CLI_PROGS if not os.access(os.path.join(args.progs, p), os.X_OK)]
    if missing:
        print("cli: test programs missing in %s: %s (build them with `make -C tests/e2e`)" %
              (args.progs, ", ".join(missing)), file=sys.stderr)
        return 2
    for tool in ("bpftool", "setpriv"):
        if not shutil.which(tool):
            print("cli: %s not found" % tool, file=sys.stderr)
            return 2
    args.sigscope = os.path.abspath(args.sigscope)
    args.progs = os.path.abspath(args.progs)
    args.long_options = long_options(harness_root)
    if args.keep:
        workdir = os.path.abspath(args.keep)
        os.makedirs(workdir, exist_ok=True)
    else:
        workdir = tempfile.mkdtemp(prefix="sigscope-cli-")
    os.chmod(workdir, 0o755)

    rep = Reporter(args.verbose)
    plan = []
    for name, argv, needle in bad_input_cases(workdir):
        plan.append(("usage/" + name, check_bad_input, args, argv, needle))
    plan += [
        ("not-root", check_not_root, args, workdir),
        ("help/--help", check_help, args, "--help"),
        ("help/-h", check_help, args, "-h"),
        ("help/--version", check_version, args),
        ("exit/status-7", check_exit_status, args, workdir, "exit 7", 7),
        ("exit/killed-by-SIGTERM", check_exit_status, args, workdir, "kill -TERM $$", 143),
        ("stop/SIGINT", check_stop, args, workdir, signal.SIGINT),
        ("stop/SIGTERM", check_stop, args, workdir, signal.SIGTERM),
        ("filter/pid", check_filter_pid, args, workdir),
        ("filter/comm", check_filter_comm, args, workdir),
        ("filter/uid", check_filter_uid, args, workdir),
        ("filter/comm-entered-in-handler", check_filter_comm_in_handler, args, workdir),
        ("filter/events-default", check_filter_events, args, workdir, None, ["rt_sigreturn"]),
        ("filter/events-rt_sigreturn", check_filter_events, args, workdir, "rt_sigreturn",
         ["rt_sigreturn"]),
        ("filter/events-deliver-generate", check_filter_events, args, workdir,
         "signal_deliver,signal_generate", ["signal_deliver", "signal_generate"]),
        ("filter/cgroup", check_filter_cgroup, args, workdir),
        ("reader/realtime", check_reader_priority, args, workdir, None),
        ("reader/normal", check_reader_priority, args, workdir, "normal"),
        ("filter/command-descendants", check_filter_command, args, workdir),
        ("policy/allow-held-open", check_policy_allow_held, args, workdir),
        ("stack-bytes/full", check_stack_bytes, args, workdir, "full"),
        ("stack-bytes/enter", check_stack_bytes, args, workdir, "enter"),
        ("comm/hostile", check_hostile_comm, args, workdir),
        ("output/table", check_table, args, workdir),
        ("output/auto-terminal-table", check_auto_tty, args, workdir),
        ("output/auto-pipe-json", check_auto_pipe, args, workdir),
    ]
    start_progs = None
    try:
        start_progs = sigscope_progs()
    except (CheckError, OSError, ValueError, subprocess.SubprocessError):
        pass
    try:
        for name, fn, *a in plan:
            if args.only and args.only not in name:
                continue
            run_check(rep, name, fn, *a)
        if not args.only or "drops" in args.only:
            runs = {}

            def quiet_run(c):
                runs["q"] = storm(args, workdir, "drops-quiet", True)
                check_drops(c, args, workdir, runs["q"])

            run_check(rep, "drops/counted-exactly", quiet_run)
            if "q" in runs:
                run_check(rep, "drops/pairing-after-loss", check_drops_pairing, args, workdir,
                          runs["q"])
                run_check(rep, "drops/quiet-stderr", check_drops_quiet_stderr, runs["q"])

            def loud_run(c):
                check_drops_periodic(c, storm(args, workdir, "drops-loud", False))

            run_check(rep, "drops/periodic-report", loud_run)
        if start_progs is not None and not args.only:
            c = Check("no-leak/overall")
            check_no_leak(c, start_progs)
            rep.report(c)
    finally:
        kill_started()
    return rep.finish("cli", workdir, keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())
