#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Checks issue 8's class-6 benign programs as run on the 6.1 guest.

    tests/kernels/run.sh OUTDIR tests/corpus/benign/plan-guest.txt
    python3 tests/corpus/check_benign_guest.py --check-dir OUTDIR \\
        --plan tests/corpus/benign/plan-guest.txt

tests/kernels/init.sh leaves per plan line "MODE PROG" the files PROG.MODE.{rc,err,json} (and,
in attach mode, PROG.MODE.sigscope.err). The programs are tests/corpus/benign/c/*.c; each checks
its own behaviour and exits 0 only when every self-check held. For every line this requires:
  - the program's own exit status 0 (its self-checks passed and nothing killed it); command
    mode: sigscope's status, which is the command's; attach mode: the program's, from init.sh
  - MODE none / attach-none: nothing more (the program alone)
  - traced modes:
    (e) no sigscope_enforcement event at all
    (b) every rt_sigreturn of the program's pids (the "PROG: pid N" process and every process
        forked from it, by hostParentProcessId) has pairing.status "matched"; pre_handler
        (attach mode) may have up to 4 "thread_predates_tracer" (the four handlers blocked
        when sigscope attached), each with no finding but preexisting_unmatched
    (a) every such rt_sigreturn has a verdict with maxSeverity null or <= 1 (low), and every
        finding event (sigreturn_*) of those pids has metadata.Properties.Severity <= 1
    (d) sigscope's summary line on stderr says "lost 0", apart from runs the kernel skipped
        (7.0+, "skipped by the kernel N": a skip that lost a sigreturn fails (b) and the count),
        and its rt_sigreturn count is the number of rt_sigreturn events in the JSON
    and at least as many rt_sigreturn as the program makes (below that the run proves
    nothing: a vacuous pass is a failure), no unparsable JSON line; attach mode: sigscope said
    it was tracing before the go.
The plan must hold every program with every mode (a program missing from the plan fails).
Prints one line per run (ok/FAIL with the reasons), a table per program and mode, and exactly
`benign-guest: N passed, M failed`. Exit status 0 when all passed, 1 otherwise.
Python 3 standard library; shared helpers from tests/lib/harness.py.
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import args_of, read_plan, read_text as harness_read_text  # noqa: E402


def read_text(path):
    return harness_read_text(path, None)  # None: the file is missing

SEV_LOW = 1
# Each backend runs with --enforce only: a run without it checks nothing more (the same hooks;
# a finding above low fails either way, --enforce adds the kill), and every sigscope start costs
# a TCG guest seconds of verifier time.
COMMAND_MODES = ["none", "full+enforce", "trampoline+enforce"]
ATTACH_MODES = ["attach-" + m for m in COMMAND_MODES]
# Per program: its modes, the rt_sigreturns of one run (at least), the thread_predates_tracer
# sigreturns it may have, and the forked processes that must return from signals.
PROGS = {
    # 5 rounds x 64 nested SIGUSR1
    "nest64": {"min_sigreturns": 320},
    # 4 rounds x 31 real-time signals x 2 copies (glibc: SIGRTMIN 34 .. SIGRTMAX 64)
    "rt_burst": {"min_sigreturns": 248},
    # parent: 3 rounds one deep + 3 two deep = 9; six children: their inherited frames + 1
    "fork_in_handler": {"min_sigreturns": 24, "min_children": 6},
    # 2 phases x 300 ticks, each returned from (the last tick of a phase directly)
    "ult_swap": {"min_sigreturns": 600},
    # 3 outer returns; the 672 SIGSEGV deliveries are left by siglongjmp, never returned from
    "longjmp_probe": {"min_sigreturns": 3},
    # 5 returns from unseen deliveries + 4 threads x 3 later SIGWINCH
    "pre_handler": {"min_sigreturns": 20, "attach": True, "allow_predating": 10},  # run_benign.py
    # SIGPROF samples over 2 s of a copy loop; its own exit status says a copy was aborted
    "rseq_abort": {"min_sigreturns": 1},
    # 20 uname traps + 20 dispatched syscalls (Syscall User Dispatch: 5.11+)
    "sigsys_emulate": {"min_sigreturns": 40},
    # 50 SIGUSR1 in the sandboxed child, one after each emulated getppid()
    "seccomp_trace_skip": {"min_sigreturns": 50, "min_children": 1},
    # 20 SIGUSR1 in the traced child, each single-stepped into by its tracer (the parent)
    "debugger_step_signal": {"min_sigreturns": 20, "min_children": 1},
    # 8 threads: 2 SIGUSR1 + 1 SIGUSR2 on the altstack the first handler installed
    "altstack_install": {"min_sigreturns": 24},
    # 1 outer handler's return; its 90 faults are left by siglongjmp, more than the set keeps
    "probe_deeper": {"min_sigreturns": 1},
}
PID_RE = re.compile(r"^([A-Za-z0-9_]+): pid (\d+)$", re.M)
SKIPPED_RE = re.compile(r"skipped by the kernel (\d+)")
SUMMARY_RE = re.compile(r"sigscope: (\d+) events: rt_sigreturn (\d+),.*?; lost (\d+) \([^)]*\)(.*)")


def tail(text, n=4):
    return " | ".join((text or "").strip().splitlines()[-n:])


def status_text(rc):
    if rc > 128:
        return "exit status %d (killed by signal %d)" % (rc, rc - 128)
    return "exit status %d" % rc


def sev_ok(s):
    return s is None or (isinstance(s, int) and not isinstance(s, bool) and s <= SEV_LOW)


class Run:
    def __init__(self, prog, mode):
        self.prog, self.mode = prog, mode
        self.why = []    # failures
        self.notes = []  # said, not failed
        self.sigreturns = 0
        self.predating = 0
        self.pids = set()
        self.findings = {}  # name -> max severity


def load_events(path, r):
    """The JSON lines of one run; unparsable lines fail the run."""
    text = read_text(path)
    if text is None:
        r.why.append("no %s" % os.path.basename(path))
        return []
    events, bad = [], 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            events.append(json.loads(line))
        except ValueError:
            bad += 1
    if bad:
        r.why.append("%d unparsable JSON lines in %s" % (bad, os.path.basename(path)))
    return events


def program_pids(events, root):
    """root and every process forked from it (transitively), by the events' parent pids."""
    parent = {}
    for e in events:
        p, pp = e.get("hostProcessId"), e.get("hostParentProcessId")
        if isinstance(p, int) and isinstance(pp, int):
            parent.setdefault(p, pp)
    tree = {root}
    grew = True
    while grew:
        grew = False
        for p, pp in parent.items():
            if p not in tree and pp in tree:
                tree.add(p)
                grew = True
    return tree


def brief(e, a):
    m = a.get("restored") or {}
    return json.dumps({"pid": e.get("hostProcessId"), "tid": e.get("hostThreadId"),
                       "pairing": a.get("pairing"), "verdict": a.get("verdict"),
                       "call_site": a.get("call_site"), "ustack": a.get("ustack"),
                       "restored_rip": m.get("rip"), "restored_rsp": m.get("rsp")},
                      sort_keys=True)


def check_traced(outdir, r, spec, err, pid):
    b = os.path.join(outdir, "%s.%s" % (r.prog, r.mode))
    attach = r.mode.startswith("attach-")
    serr = read_text(b + ".sigscope.err") if attach else err
    if serr is None:
        r.why.append("no %s.%s.sigscope.err (sigscope's stderr)" % (r.prog, r.mode))
        serr = ""
    if attach and "sigscope: tracing" not in serr:
        r.why.append("sigscope never said it was tracing (attached): %s" % tail(serr))
    events = load_events(b + ".json", r)
    summary = None
    for ln in serr.splitlines():
        m = SUMMARY_RE.search(ln)
        if m:
            summary = m
    parsed = sum(1 for e in events if e.get("eventName") == "rt_sigreturn")
    if summary is None:
        r.why.append("(d) no sigscope summary line on stderr: %s" % tail(serr))
    else:
        # Runs the kernel skipped (7.0+) are in "lost" too, and said apart: a skip the other half
        # judged is no lost sigreturn, and one that lost a sigreturn fails the count and pairing
        # checks. Anything else lost fails here.
        skipped = SKIPPED_RE.search(summary.group(4))
        lost = int(summary.group(3)) - (int(skipped.group(1)) if skipped else 0)
        if lost != 0:
            r.why.append("(d) sigscope lost %d events (besides the kernel's skips): %s"
                         % (lost, summary.group(0).strip()))
        if int(summary.group(2)) != parsed:
            r.why.append("(d) sigscope counted %s rt_sigreturn, the JSON holds %d"
                         % (summary.group(2), parsed))
        extra = summary.group(4).strip(" ;")
        if extra:
            r.notes.append("sigscope's counters: " + extra)
    enforcements = [e for e in events if e.get("eventName") == "sigscope_enforcement"]
    for e in enforcements[:3]:
        r.why.append("(e) sigscope_enforcement event (a correct program was killed, or would "
                     "have been): pid %s %s" % (e.get("hostProcessId"),
                                                json.dumps(args_of(e), sort_keys=True)))
    if len(enforcements) > 3:
        r.why.append("(e) ... %d sigscope_enforcement events in all" % len(enforcements))
    if pid is None:
        return
    tree = program_pids(events, pid)
    allow = spec.get("allow_predating", 0)
    unmatched = bad_verdict = outside = 0
    children = set()
    for e in events:
        name = e.get("eventName", "")
        p = e.get("hostProcessId")
        if name not in ("rt_sigreturn",) and not name.startswith("sigreturn_"):
            continue
        if p not in tree:
            outside += 1
            continue
        a = args_of(e)
        if name.startswith("sigreturn_"):
            short = name[len("sigreturn_"):]
            sev = ((e.get("metadata") or {}).get("Properties") or {}).get("Severity")
            old = r.findings.get(short)
            if old is None or (isinstance(sev, int) and isinstance(old, int) and sev > old):
                r.findings[short] = sev
            if not sev_ok(sev) or sev is None:
                ev = {k: v for k, v in a.items() if k != "detectedFrom"}
                r.why.append("(a) finding %s with Severity %r (above low) in pid %s: %s"
                             % (name, sev, p, json.dumps(ev, sort_keys=True)))
            continue
        r.sigreturns += 1
        r.pids.add(p)
        if p != pid:
            children.add(p)
        pairing = a.get("pairing") if isinstance(a.get("pairing"), dict) else {}
        verdict = a.get("verdict") if isinstance(a.get("verdict"), dict) else None
        status = pairing.get("status")
        if status == "matched":
            pass
        elif status == "thread_predates_tracer" and r.predating < allow:
            r.predating += 1
            vf = (verdict or {}).get("findings")
            if vf != ["preexisting_unmatched"]:
                r.why.append("(b) a thread_predates_tracer sigreturn whose verdict lists %r, "
                             "not only preexisting_unmatched: %s" % (vf, brief(e, a)))
        else:
            unmatched += 1
            if unmatched <= 5:
                r.why.append("(b) rt_sigreturn not paired (status %r%s): %s"
                              % (status, "; %d thread_predates_tracer allowed, already seen"
                                 % allow if status == "thread_predates_tracer" else "",
                                 brief(e, a)))
        if verdict is None:
            r.why.append("(a) rt_sigreturn without a verdict: %s" % brief(e, a))
        elif not sev_ok(verdict.get("maxSeverity")):
            bad_verdict += 1
            if bad_verdict <= 5:
                r.why.append("(a) rt_sigreturn verdict maxSeverity %r (above low): %s"
                             % (verdict.get("maxSeverity"), brief(e, a)))
    if unmatched > 5:
        r.why.append("(b) %d rt_sigreturn not paired in all" % unmatched)
    if bad_verdict > 5:
        r.why.append("(a) %d rt_sigreturn verdicts above low in all" % bad_verdict)
    if outside:
        r.notes.append("%d rt_sigreturn/finding events of pids outside the program's (not "
                       "judged)" % outside)
    if r.sigreturns < spec["min_sigreturns"]:
        r.why.append("only %d rt_sigreturn of the program's pids, the program makes at least %d"
                     " (a run that shows less proves nothing)"
                     % (r.sigreturns, spec["min_sigreturns"]))
    if len(children) < spec.get("min_children", 0):
        r.why.append("rt_sigreturn from %d forked processes, the program forks %d that return "
                     "from handlers" % (len(children), spec["min_children"]))


def check_one(outdir, prog, mode):
    r = Run(prog, mode)
    spec = PROGS[prog]
    want = ATTACH_MODES if spec.get("attach") else COMMAND_MODES
    if mode not in want:
        r.why.append("%s runs in the modes %s, the plan says %s" % (prog, ", ".join(want), mode))
        return r
    b = os.path.join(outdir, "%s.%s" % (prog, mode))
    rc_text = read_text(b + ".rc")
    err = read_text(b + ".err")
    if rc_text is None:
        r.why.append("no %s.%s.rc in %s (the guest did not run it)" % (prog, mode, outdir))
        return r
    err = err or ""
    try:
        rc = int(rc_text.strip())
    except ValueError:
        r.why.append("unreadable %s.%s.rc: %r" % (prog, mode, rc_text[:40]))
        return r
    if rc != 0:
        who = "the program" if mode.startswith("attach-") or mode == "none" else \
            "sigscope (the command's status, or 2 for its own error)"
        r.why.append("%s: %s; stderr: %s" % (who, status_text(rc), tail(err)))
    if "self-checks FAILED" in err or "FAILED:" in err:
        r.why.append("the program's self-checks failed: %s" % tail(err))
    pid = None
    for m in PID_RE.finditer(err):
        if m.group(1) == prog:
            pid = int(m.group(2))
            break
    if mode in ("none", "attach-none"):
        return r
    if pid is None:
        r.why.append("no '%s: pid N' line in %s.%s.err: its events cannot be told apart"
                     % (prog, prog, mode))
    check_traced(outdir, r, spec, err, pid)
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check-dir", required=True, metavar="OUTDIR",
                    help="the output of tests/kernels/run.sh OUTDIR PLAN")
    ap.add_argument("--plan", required=True, help="the plan of that run")
    a = ap.parse_args()

    kernel = read_text(os.path.join(a.check_dir, "kernel.txt"))
    print("guest kernel: %s" % (kernel.splitlines()[0] if kernel else "unknown (no kernel.txt)"))
    plan = read_plan(a.plan)
    passed = failed = 0
    results = {}
    for mode, prog in plan:
        if prog not in PROGS:
            print("FAIL %s %s: not a class-6 benign program (%s)" % (prog, mode,
                                                                   ", ".join(PROGS)))
            failed += 1
            continue
        r = check_one(a.check_dir, prog, mode)
        results[(prog, mode)] = r
        if r.why:
            failed += 1
            print("FAIL %s %s:" % (prog, mode))
            for w in r.why:
                print("       %s" % w)
        else:
            passed += 1
            extra = ""
            if mode not in ("none", "attach-none"):
                fs = ", ".join("%s max %s" % kv for kv in sorted(r.findings.items()))
                extra = "  (rt_sigreturn %d from %d pid%s%s; findings: %s)" % (
                    r.sigreturns, len(r.pids), "" if len(r.pids) == 1 else "s",
                    ", %d thread_predates_tracer" % r.predating if r.predating else "",
                    fs or "none")
            print("ok   %s %s%s" % (prog, mode, extra))
        for n in r.notes:
            print("       note: %s" % n)
    # Nothing passes by being left out of the plan.
    for prog, spec in PROGS.items():
        want = ATTACH_MODES if spec.get("attach") else COMMAND_MODES
        missing = [m for m in want if (prog, m) not in results]
        if missing:
            print("FAIL %s: the plan does not run it in %s" % (prog, ", ".join(missing)))
            failed += 1

    print()
    modes = [m.replace("attach-", "") for m in COMMAND_MODES]
    print("%-16s %s" % ("program", " ".join("%-18s" % m for m in modes)))
    for prog, spec in PROGS.items():
        cells = []
        for m in COMMAND_MODES:
            mode = "attach-" + m if spec.get("attach") else m
            r = results.get((prog, mode))
            cells.append("%-18s" % ("-" if r is None else "FAIL" if r.why else
                                    "ok" if m == "none" else "ok %d" % r.sigreturns))
        print(("%-16s %s" % (prog + ("*" if spec.get("attach") else ""), " ".join(cells))).rstrip())
    print("(ok N: N rt_sigreturn judged; * attach mode)")
    print()
    print("benign-guest: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
