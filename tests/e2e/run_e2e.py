#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""End-to-end tests: run each test program under sigscope and check the events against the
ground truth the program wrote from inside its handlers (tests/e2e/progs/e2e.h describes it).

    python3 tests/e2e/run_e2e.py --sigscope build/sigscope --progs build/e2e
    python3 tests/e2e/run_e2e.py --check-dir OUTDIR     (runs made by tests/kernels/run.sh)

Prints `ok   NAME` or `FAIL NAME: reason` per check group (`skip NAME: reason` when the kernel
cannot run a program at all), then `e2e: N passed, M failed`. Exit status 0, 1 when a check
failed, 2 when not root or sigscope / the programs are missing. Python 3 standard library only.
"""

import errno
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import Check as Group, CheckError, Reporter, arg_parser, args_of  # noqa: E402

X86_64_PROGS = ["sig_plain", "sig_siginfo", "sig_nested", "sig_altstack", "sig_longjmp",
                "sig_restart", "sig_eintr", "sig_threads"]
IA32_PROGS = ["sig_ia32", "sig_int80"]
ALL_PROGS = X86_64_PROGS + IA32_PROGS
# (hook mode, programs). light hooks syscalls:sys_enter_rt_sigreturn, a per-syscall tracepoint
# that fires only for the 64-bit syscall table: compat (int $0x80) sigreturns are invisible to it
# by design, so under light the ia32 programs are run only to assert that no sigreturn is seen.
PLAN = [
    ("full", ALL_PROGS),
    ("enter", ["sig_plain", "sig_nested", "sig_threads", "sig_ia32", "sig_int80"]),
    ("light", X86_64_PROGS + IA32_PROGS),
]

SIGNALS = {
    "SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5, "SIGABRT": 6, "SIGIOT": 6,
    "SIGBUS": 7, "SIGFPE": 8, "SIGKILL": 9, "SIGUSR1": 10, "SIGSEGV": 11, "SIGUSR2": 12,
    "SIGPIPE": 13, "SIGALRM": 14, "SIGTERM": 15, "SIGSTKFLT": 16, "SIGCHLD": 17, "SIGCONT": 18,
    "SIGSTOP": 19, "SIGTSTP": 20, "SIGTTIN": 21, "SIGTTOU": 22, "SIGURG": 23, "SIGXCPU": 24,
    "SIGXFSZ": 25, "SIGVTALRM": 26, "SIGPROF": 27, "SIGWINCH": 28, "SIGIO": 29, "SIGPOLL": 29,
    "SIGPWR": 30, "SIGSYS": 31,
}
SIG_NAMES = {}
for _name, _num in SIGNALS.items():
    SIG_NAMES.setdefault(_num, _name)
SI_CODES = {"SI_USER": 0, "SI_KERNEL": 0x80, "SI_QUEUE": -1, "SI_TIMER": -2, "SI_MESGQ": -3,
            "SI_ASYNCIO": -4, "SI_SIGIO": -5, "SI_TKILL": -6, "SI_DETHREAD": -7,
            "SI_ASYNCNL": -60}
SS_FLAGS = {"SS_ONSTACK": 1, "SS_DISABLE": 2, "SS_AUTODISARM": 1 << 31}
U64_MAX = (1 << 64) - 1
MASK64 = (1 << 64) - 1
# Register names per ABI: (ip, sp, ax, cs, ss) in sigscope's x86_64 and ia32 key sets.
REGS64 = {"rip": "rip", "rsp": "rsp", "rax": "rax", "cs": "cs", "ss": "ss"}
REGS32 = {"rip": "eip", "rsp": "esp", "rax": "eax", "cs": "cs", "ss": "ss", "edi": "edi",
          "esi": "esi", "ebp": "ebp", "ebx": "ebx", "edx": "edx", "ecx": "ecx"}


def sig_number(name):
    """"SIGUSR1" -> 10; real-time names as sigscope writes them ("SIGRT_2" = 34)."""
    if isinstance(name, int):
        return name
    if name in SIGNALS:
        return SIGNALS[name]
    m = re.match(r"^SIGRT_(\d+)$", name)
    if m:
        return 32 + int(m.group(1))
    m = re.match(r"^SIGRTMIN(?:\+(\d+))?$", name)
    if m:
        return 32 + int(m.group(1) or 0)
    m = re.match(r"^SIGRTMAX(?:-(\d+))?$", name)
    if m:
        return 64 - int(m.group(1) or 0)
    m = re.match(r"^SIG(\d+)$", name)
    if m:
        return int(m.group(1))
    raise CheckError("unknown signal name %r" % (name,))


def sig_name(num):
    return SIG_NAMES.get(num, "SIG%d" % num)


def mask_of(names):
    if not isinstance(names, list):
        raise CheckError("sigset is not an array: %r" % (names,))
    mask = 0
    for n in names:
        mask |= 1 << (sig_number(n) - 1)
    return mask


def mask_str(mask):
    return "[%s]" % ",".join(sig_name(i + 1) for i in range(64) if mask >> i & 1)


def hexint(v, what="value"):
    """A 64-bit value as sigscope writes it (a JSON number, as Tracee does), or a program's
    ground truth ("0x..."); compare them as integers."""
    if isinstance(v, bool) or v is None:
        raise CheckError("%s is %r, not a hex string" % (what, v))
    if isinstance(v, int):
        return v
    if isinstance(v, str) and v.startswith("0x"):
        try:
            return int(v, 16)
        except ValueError:
            pass
    raise CheckError("%s is %r, not a hex string" % (what, v))


def si_code_of(v):
    if isinstance(v, int):
        return v
    if v in SI_CODES:
        return SI_CODES[v]
    raise CheckError("unknown si_code %r" % (v,))


def ss_flags_of(v):
    if isinstance(v, int):
        return v
    if v in ("", "0"):
        return 0
    flags = 0
    for part in str(v).split("|"):
        if part in SS_FLAGS:
            flags |= SS_FLAGS[part]
        else:
            flags |= int(part, 0)
    return flags


def reg(regs, key, abi, what):
    """A register from a sigscope register object, by the x86_64 name, in the ABI's key set."""
    if not isinstance(regs, dict):
        raise CheckError("%s is missing or not an object" % what)
    names = [REGS64[key]] if abi == "x86_64" else [REGS32[key], REGS64.get(key, key)]
    for n in names:
        if n in regs:
            return hexint(regs[n], "%s.%s" % (what, n))
    raise CheckError("%s has no %s" % (what, "/".join(names)))


def restores(mode):
    """Modes whose events carry the registers the kernel restored: tracepoint hooks full, and
    the trampoline backend (fentry/fexit), which only the 6.1 guest runs."""
    return mode in ("full", "trampoline")


class Run:
    """One program traced under one hook mode, with its events and ground truth parsed."""

    def __init__(self, prog, mode):
        self.prog = prog
        self.mode = mode
        self.records = []   # handler and manual records, file order
        self.summary = None
        self.events = []    # parsed events of the program's process
        self.other_pid_events = 0
        self.json_errors = []
        self.gt_error = None
        self.lines = 0

    def by_tid(self, name):
        out = {}
        for i, e in enumerate(self.events):
            if e.get("eventName") == name:
                out.setdefault(tid_of(e), []).append((i, e))
        return out


def tid_of(e):
    return e.get("threadId", e.get("hostThreadId"))


def parse_outputs(run, gt_path, out_path):
    try:
        with open(gt_path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d.get("kind") == "summary":
                    run.summary = d
                else:
                    run.records.append(d)
    except (OSError, ValueError) as e:
        run.summary = None
        run.gt_error = "ground truth unreadable: %s" % e
    raw = []
    try:
        with open(out_path, "rb") as f:
            data = f.read()
    except OSError as e:
        run.json_errors.append("no events file: %s" % e)
        return
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline after the last line
    for n, line in enumerate(lines, 1):
        run.lines += 1
        try:
            ev = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            run.json_errors.append("line %d does not parse: %s: %.80r" % (n, e, line))
            continue
        if not isinstance(ev, dict):
            run.json_errors.append("line %d is not an object" % n)
            continue
        raw.append(ev)
    pid = run.summary.get("pid") if run.summary else None
    for ev in raw:
        if pid is not None and pid in (ev.get("processId"), ev.get("hostProcessId")):
            run.events.append(ev)
        else:
            run.other_pid_events += 1


# ---------------------------------------------------------------------------------------------
# Check groups


def check_truth(g, run):
    if run.summary is None:
        raise CheckError(run.gt_error or "no summary line in the ground truth")
    g.check(run.summary.get("ok") is True,
            "the program's own checks failed: %s" % run.summary.get("failure"))
    handlers = [r for r in run.records if r.get("kind") == "handler"]
    g.check(len(handlers) == run.summary.get("invocations"),
            "%d handler records, summary says %s" % (len(handlers), run.summary.get("invocations")))


def check_exit(g, run, status, expect):
    g.check(status == expect, "sigscope exited %s, the program's status is %s" % (status, expect))


HEX_FIELDS_SR = ("ustack", "call_site", "uc_flags", "uc_link")


def check_json(g, run):
    for msg in run.json_errors[:5]:
        g.check(False, msg)
    # With -- COMMAND sigscope traces the command and its descendants only (none here).
    g.check(run.other_pid_events == 0, "%d events of other processes" % run.other_pid_events)
    for ev in run.events:
        a = ev.get("args")
        if not g.check(isinstance(a, list), "%s: args is not an array" % ev.get("eventName")):
            continue
        g.check(ev.get("argsNum") == len(a), "%s: argsNum %r != %d args" %
                (ev.get("eventName"), ev.get("argsNum"), len(a)))
        g.check(ev.get("eventName") in ("rt_sigreturn", "signal_deliver", "signal_generate")
                + FINDING_EVENTS, "unknown eventName %r" % ev.get("eventName"))
        args = args_of(ev)
        hexes = []
        if ev.get("eventName") == "rt_sigreturn":
            hexes = [(k, args[k]) for k in HEX_FIELDS_SR if k in args]
            for obj in ("uc_mcontext", "restored"):
                if isinstance(args.get(obj), dict):
                    hexes += [("%s.%s" % (obj, k), v) for k, v in args[obj].items()]
        elif ev.get("eventName") == "signal_deliver":
            hexes = [(k, args[k]) for k in ("handler", "sa_restorer") if k in args]
            if isinstance(args.get("regs"), dict):
                hexes += [("regs.%s" % k, v) for k, v in args["regs"].items()]
        for k, v in hexes:
            g.check(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= U64_MAX,
                    "%s: %s = %r is not a JSON number in 0..2^64-1" %
                    (ev.get("eventName"), k, v))


def handled_deliveries(run):
    """{tid: [(index, event, args)]} for signal_deliver events that ran a handler."""
    out = {}
    for tid, evs in run.by_tid("signal_deliver").items():
        for i, e in evs:
            a = args_of(e)
            if a.get("handled") is True:
                out.setdefault(tid, []).append((i, e, a))
    return out


def records_by_tid(run):
    out = {}
    for r in run.records:
        if r.get("kind") == "handler":
            out.setdefault(r["tid"], []).append(r)
    return out


def check_deliver(g, run):
    recs = records_by_tid(run)
    dels = handled_deliveries(run)
    total = sum(len(v) for v in dels.values())
    nrec = sum(len(v) for v in recs.values())
    if not g.check(total == nrec, "%d handled signal_deliver events, %d handler invocations%s" %
                   (total, nrec, " (is signal_deliver among the default events?)"
                    if total == 0 and nrec else "")):
        return
    restart = run.summary.get("restart")
    for tid, rs in recs.items():
        ds = dels.get(tid, [])
        if not g.check(len(ds) == len(rs), "tid %d: %d deliveries, %d handler invocations" %
                       (tid, len(ds), len(rs))):
            continue
        seqs = set()
        for k, (r, (_, e, a)) in enumerate(zip(rs, ds)):
            where = "tid %d delivery %d (%s)" % (tid, k, r.get("tag"))
            abi = r["abi"]
            g.check(a.get("sig") == r["sig"], "%s: sig %r != %d" % (where, a.get("sig"), r["sig"]))
            g.check(a.get("signal") == sig_name(r["sig"]), "%s: signal %r" % (where,
                                                                              a.get("signal")))
            for key in ("rip", "rsp", "rax"):
                got = reg(a.get("regs"), key, abi, "%s regs" % where)
                g.check(got == int(r[key], 16), "%s: regs.%s %#x != saved %s" %
                        (where, key, got, r[key]))
            blocked = mask_of(a.get("blocked"))
            g.check(blocked == int(r["mask"], 16), "%s: blocked %s != frame mask %s" %
                    (where, mask_str(blocked), mask_str(int(r["mask"], 16))))
            g.check(hexint(a.get("handler"), "handler") == int(r["handler"], 16),
                    "%s: handler %r != %s" % (where, a.get("handler"), r["handler"]))
            # Where sigscope predicted the kernel would write the frame (get_sigframe()) is
            # where the handler found it: what pairing by exact address rests on.
            g.check(hexint(a.get("frame"), "frame") == int(r["ustack"], 16),
                    "%s: frame %r != the ustack the handler saw, %s" % (where, a.get("frame"),
                                                                       r["ustack"]))
            # The kernel's sa_restorer: the frame's pretcode, except for ia32 handlers installed
            # without SA_RESTORER (glibc i386), whose frames return to the vDSO's restorer.
            want = r.get("sa_restorer", r["restorer"])
            g.check(hexint(a.get("sa_restorer"), "sa_restorer") == int(want, 16),
                    "%s: sa_restorer %r != %s" % (where, a.get("sa_restorer"), want))
            flags = str(a.get("sa_flags", "")).split("|")
            g.check(("SA_SIGINFO" in flags) == r["siginfo"],
                    "%s: sa_flags %r, SA_SIGINFO expected %s" % (where, a.get("sa_flags"),
                                                                r["siginfo"]))
            if r["siginfo"]:
                si = a.get("siginfo")
                if g.check(isinstance(si, dict), "%s: no siginfo" % where):
                    g.check(si_code_of(si.get("si_code")) == r["si_code"],
                            "%s: siginfo.si_code %r != %d" % (where, si.get("si_code"),
                                                              r["si_code"]))
                    g.check(si.get("si_pid") == r["si_pid"], "%s: siginfo.si_pid %r != %d" %
                            (where, si.get("si_pid"), r["si_pid"]))
            if restart:
                g.check(a.get("restart") == restart, "%s: restart %r != %r" %
                        (where, a.get("restart"), restart))
            elif run.prog != "sig_threads":
                g.check(a.get("restart") == "none", "%s: restart %r != 'none'" %
                        (where, a.get("restart")))
            g.check(a.get("altstack") is (run.prog == "sig_altstack"),
                    "%s: altstack %r" % (where, a.get("altstack")))
            seq = a.get("deliverySeq")
            g.check(isinstance(seq, int) and seq not in seqs,
                    "%s: deliverySeq %r missing or repeated" % (where, seq))
            seqs.add(seq)


def expected_sigreturns(run):
    return [r for r in run.records if r.get("returns")]


def assign_sigreturns(run):
    """Pairs each rt_sigreturn event with the ground-truth record of the frame it returned
    through, from the ground truth alone (sigscope's pairing is checked against this): same
    thread, ustack, saved rip and rsp, and the record returned. Records with the same ustack
    are frames at the same stack position, never nested in each other, so they return in the
    order they were invoked: the earliest unused one is the right one.
    Returns ([(event index, event, args, record or None)], {tid: {deliverySeq: record index}})."""
    recs = records_by_tid(run)
    seq_map = {}
    for tid, ds in handled_deliveries(run).items():
        rs = recs.get(tid, [])
        seq_map[tid] = {a.get("deliverySeq"): k for k, (_, _, a) in enumerate(ds) if k < len(rs)}
    used = set()
    out = []
    for tid, evs in run.by_tid("rt_sigreturn").items():
        cands = [r for r in run.records if r.get("tid") == tid and r.get("returns")]
        for i, e in evs:
            a = args_of(e)
            pick = None
            for r in cands:
                if id(r) not in used and frame_fits(a, r):
                    pick = r
                    used.add(id(r))
                    break
            out.append((i, e, a, pick))
    return out, seq_map


def frame_fits(a, r):
    try:
        if hexint(a.get("ustack"), "ustack") != int(r["ustack"], 16):
            return False
    except CheckError:
        return False
    try:
        mc = a.get("uc_mcontext")
        return (reg(mc, "rip", r["abi"], "") == int(r["rip"], 16) and
                reg(mc, "rsp", r["abi"], "") == int(r["rsp"], 16))
    except CheckError:
        return True  # the frame checks report the missing registers


def check_sigreturn(g, run):
    exp = expected_sigreturns(run)
    pairs, _ = assign_sigreturns(run)
    g.check(len(pairs) == len(exp), "%d rt_sigreturn events, %d handler returns" %
            (len(pairs), len(exp)))
    for i, e, a, r in pairs:
        if not g.check(r is not None, "rt_sigreturn (event %d, ustack %s) matches no frame in "
                       "the ground truth" % (i, a.get("ustack"))):
            continue
        check_frame(g, run, e, a, r)


def check_frame(g, run, e, a, r):
    where = "sigreturn of %s (tid %d, ustack %s)" % (r.get("tag"), r["tid"], r["ustack"])
    abi = r["abi"]
    legacy = r.get("frame") == "sigframe"
    g.check(a.get("abi") == abi, "%s: abi %r != %r" % (where, a.get("abi"), abi))
    g.check(e.get("syscall") == ("sigreturn" if legacy else "rt_sigreturn"),
            "%s: syscall %r" % (where, e.get("syscall")))
    flags = e.get("contextFlags") or {}
    g.check(flags.get("isCompat") is (abi != "x86_64"),
            "%s: contextFlags.isCompat %r" % (where, flags.get("isCompat")))
    skipped = a.get("skipped_by_kernel")  # 7.0+: the kernel skipped one half (docs/kernels.md)
    if skipped == "entry":
        # Judged at the exit alone: no frame read, no call site; the restored registers only.
        g.check(a.get("authority") == "restored", "%s: entry skipped, authority %r" %
                (where, a.get("authority")))
        for key in ("rip", "rsp", "rax"):
            got = reg(a.get("restored"), key, abi, "%s restored" % where)
            g.check(got == int(r[key], 16), "%s: restored %s %#x != %s" % (where, key, got,
                                                                            r[key]))
        return
    g.check(a.get("frame_read") == "ok", "%s: frame_read %r" % (where, a.get("frame_read")))
    want_auth = "restored" if restores(run.mode) and skipped != "exit" else "frame"
    g.check(a.get("authority") == want_auth, "%s: authority %r != %r (--hooks %s)" %
            (where, a.get("authority"), want_auth, run.mode))
    g.check(hexint(a.get("call_site"), "call_site") == int(r["call_site"], 16),
            "%s: call_site %r != %s" % (where, a.get("call_site"), r["call_site"]))
    mc = a.get("uc_mcontext")
    regs = ["rip", "rsp", "rax", "cs"]
    if r.get("kind") == "manual":
        regs += ["ss", "edi", "esi", "ebp", "ebx", "edx", "ecx"]
    for key in regs:
        got = reg(mc, key, abi, "%s uc_mcontext" % where)
        g.check(got == int(r[key], 16), "%s: uc_mcontext %s %#x != %s" % (where, key, got, r[key]))
    if a.get("authority") == "restored":
        for key in ("rip", "rsp", "rax"):
            got = reg(a.get("restored"), key, abi, "%s restored" % where)
            g.check(got == int(r[key], 16), "%s: restored %s %#x != %s" % (where, key, got,
                                                                            r[key]))
        got = reg(a.get("restored"), "cs", abi, "%s restored" % where)
        g.check(got == int(r["cs"], 16) | 3, "%s: restored cs %#x" % (where, got))
        width = MASK64 if abi == "x86_64" else 0xffffffff
        rv = e.get("returnValue")
        g.check(isinstance(rv, int) and rv & width == int(r["rax"], 16) & width,
                "%s: returnValue %r != rax %s" % (where, rv, r["rax"]))
    mask = mask_of(a.get("uc_sigmask"))
    g.check(mask == int(r["mask"], 16), "%s: uc_sigmask %s != %s" %
            (where, mask_str(mask), mask_str(int(r["mask"], 16))))
    if legacy:
        g.check("uc_stack" not in a and "uc_flags" not in a,
                "%s: uc_stack/uc_flags present in a legacy frame" % where)
    else:
        st = a.get("uc_stack")
        if g.check(isinstance(st, dict), "%s: no uc_stack" % where):
            g.check(hexint(st.get("ss_sp"), "ss_sp") == int(r.get("ss_sp", "0x0"), 16),
                    "%s: uc_stack.ss_sp %r != %s" % (where, st.get("ss_sp"), r.get("ss_sp")))
            g.check(ss_flags_of(st.get("ss_flags")) == r.get("ss_flags", 0),
                    "%s: uc_stack.ss_flags %r != %r" % (where, st.get("ss_flags"),
                                                        r.get("ss_flags")))
            g.check(st.get("ss_size") == r.get("ss_size", 0), "%s: uc_stack.ss_size %r != %r" %
                    (where, st.get("ss_size"), r.get("ss_size", 0)))
        if "uc_flags" in r:
            g.check(hexint(a.get("uc_flags"), "uc_flags") == int(r["uc_flags"], 16),
                    "%s: uc_flags %r != %s" % (where, a.get("uc_flags"), r["uc_flags"]))
    si = a.get("siginfo")
    if r.get("siginfo"):
        if g.check(isinstance(si, dict), "%s: no siginfo (SA_SIGINFO frame)" % where):
            g.check(si.get("si_signo") == sig_name(r["sig"]) or si.get("si_signo") == r["sig"],
                    "%s: siginfo.si_signo %r" % (where, si.get("si_signo")))
            g.check(si_code_of(si.get("si_code")) == r["si_code"], "%s: siginfo.si_code %r != %d"
                    % (where, si.get("si_code"), r["si_code"]))
            g.check(si.get("si_pid") == r["si_pid"], "%s: siginfo.si_pid %r != %d" %
                    (where, si.get("si_pid"), r["si_pid"]))
    else:
        # Not SA_SIGINFO (the kernel left the area unwritten), or no delivery at all (sig_int80,
        # whose frame's si_signo is 0).
        g.check(si is None, "%s: siginfo present, but the frame carries none" % where)
    g.check(a.get("mismatch", []) == [], "%s: mismatch %r" % (where, a.get("mismatch")))


def check_pairing(g, run):
    pairs, seq_map = assign_sigreturns(run)
    recs = records_by_tid(run)
    claimed = set()
    for i, e, a, r in pairs:
        p = a.get("pairing")
        if not g.check(isinstance(p, dict), "rt_sigreturn event %d: no pairing object" % i):
            continue
        tid = tid_of(e)
        if r is not None and r.get("kind") == "manual":
            g.check(p.get("status") == "unmatched", "%s: pairing.status %r, no delivery made "
                    "this frame" % (r.get("tag"), p.get("status")))
            continue
        where = "sigreturn event %d (tid %s, ustack %s)" % (i, tid, a.get("ustack"))
        if not g.check(p.get("status") == "matched", "%s: pairing.status %r" %
                       (where, p.get("status"))):
            continue
        k = seq_map.get(tid, {}).get(p.get("deliverySeq"))
        if not g.check(k is not None, "%s: pairing.deliverySeq %r names no delivery of this "
                       "thread" % (where, p.get("deliverySeq"))):
            continue
        pr = recs[tid][k]
        g.check((tid, k) not in claimed, "%s: delivery %d paired twice" % (where, k))
        claimed.add((tid, k))
        g.check(pr.get("returns") is True, "%s: paired with delivery %d (%s), whose handler "
                "never returned" % (where, k, pr.get("tag")))
        g.check(pr is r, "%s: paired with delivery %d (%s, ustack %s), not the frame it "
                "returned through" % (where, k, pr.get("tag"), pr.get("ustack")))
        g.check(p.get("signal") == sig_name(pr["sig"]), "%s: pairing.signal %r != %s" %
                (where, p.get("signal"), sig_name(pr["sig"])))
        g.check(p.get("method") == "context", "%s: pairing.method %r, expected context" %
                (where, p.get("method")))
        g.check(p.get("changed", []) == [], "%s: pairing.changed %r" % (where, p.get("changed")))
        g.check(hexint(p.get("handler"), "pairing.handler") == int(pr["handler"], 16),
                "%s: pairing.handler %r != %s" % (where, p.get("handler"), pr["handler"]))
        # Either the restorer the frame returns to or, without SA_RESTORER, sa_restorer (0).
        want = {int(pr["restorer"], 16), int(pr.get("sa_restorer", pr["restorer"]), 16)}
        g.check(hexint(p.get("restorer"), "pairing.restorer") in want,
                "%s: pairing.restorer %r != %s" % (where, p.get("restorer"), pr["restorer"]))
        g.check(isinstance(p.get("depth"), int) and p["depth"] >= 1,
                "%s: pairing.depth %r" % (where, p.get("depth")))


def sigreturn_of(pairs, tag):
    return [(i, e, a, r) for i, e, a, r in pairs if r is not None and r.get("tag") == tag]


def check_nesting(g, run):
    pairs, _ = assign_sigreturns(run)
    dels = handled_deliveries(run)
    recs = records_by_tid(run)
    for tid, rs in recs.items():
        for k, r in enumerate(rs):
            if k < len(dels.get(tid, [])):
                d = dels[tid][k][2].get("depth")
                g.check(d == r["depth"], "delivery %d (%s): depth %r != %d" %
                        (k, r["tag"], d, r["depth"]))
    outer = sigreturn_of(pairs, "outer") + sigreturn_of(pairs, "altstack")
    inner = sigreturn_of(pairs, "inner") + sigreturn_of(pairs, "altstack_nested")
    for _, _, a, r in outer:
        g.check(a["pairing"].get("depth") == 1, "outer sigreturn: pairing.depth %r != 1" %
                a["pairing"].get("depth"))
    for i, _, a, r in inner:
        g.check(a["pairing"].get("depth") == 2, "inner sigreturn: pairing.depth %r != 2" %
                a["pairing"].get("depth"))
        # The inner frame returns first: the next outer sigreturn after it exists.
        g.check(any(j > i for j, _, _, _ in outer), "inner sigreturn (event %d) not followed "
                "by its outer one" % i)
    if run.prog == "sig_nested":
        rounds = run.summary.get("rounds")
        g.check(len(inner) == rounds and len(outer) == rounds, "%d inner / %d outer sigreturns, "
                "%s rounds" % (len(inner), len(outer), rounds))
        order = [r["tag"] for _, _, _, r in sorted(inner + outer, key=lambda x: x[0])]
        g.check(order == ["inner", "outer"] * rounds, "sigreturn order %r" % (order,))


def check_altstack(g, run):
    lo, hi = int(run.summary["alt_lo"], 16), int(run.summary["alt_hi"], 16)
    pairs, _ = assign_sigreturns(run)
    for _, _, a, r in pairs:
        if r is None:
            continue
        u = hexint(a.get("ustack"), "ustack")
        g.check(lo <= u and u + 440 <= hi, "ustack %#x outside the altstack [%#x, %#x)" %
                (u, lo, hi))
    check_nesting(g, run)


def check_abandoned(g, run):
    pairs, _ = assign_sigreturns(run)
    jumps = run.summary.get("jumps")
    flat = sigreturn_of(pairs, "flat_return")
    nested = sigreturn_of(pairs, "nested_return")
    # A delivery left by siglongjmp is known to be abandoned once a newer frame is written over
    # it (the next delivery at the same depth); until then it stays outstanding, and can only
    # ever pair with a sigreturn at its own exact address. So each abandoned delivery is either
    # counted in `abandoned` by the time of the next sigreturn, or still outstanding (depth).
    for phase, got in (("flat", flat), ("nested", nested)):
        if not g.check(len(got) == 1, "%d sigreturns for the %s phase's returning handler" %
                       (len(got), phase)):
            continue
        p = got[0][2].get("pairing", {})
        ab, depth = p.get("abandoned"), p.get("depth")
        g.check(isinstance(ab, int) and isinstance(depth, int) and ab + depth - 1 == jumps,
                "%s phase: pairing.abandoned %r + depth %r - 1 != %s abandoned deliveries" %
                (phase, ab, depth, jumps))
        g.check(ab >= jumps - 1, "%s phase: pairing.abandoned %r: the frames each new delivery "
                "overwrote (%d) were not all dropped" % (phase, ab, jumps - 1))


def check_restart(g, run):
    restart = run.summary["restart"]
    at = int(run.summary["syscall_at"], 16)
    dels = handled_deliveries(run)
    ds = [x for v in dels.values() for x in v]
    if not g.check(len(ds) == 1, "%d deliveries, expected 1" % len(ds)):
        return
    a = ds[0][2]
    g.check(a.get("restart") == restart, "restart %r != %r" % (a.get("restart"), restart))
    regs = a.get("regs")
    rip = reg(regs, "rip", "x86_64", "regs")
    if restart == "restarted":
        # ip rewound by 2 onto the syscall instruction, ax = orig_ax = __NR_read.
        g.check(rip == at, "deliver regs.rip %#x != syscall instruction %#x" % (rip, at))
        g.check(reg(regs, "rax", "x86_64", "regs") == 0, "deliver regs.rax %r != 0 (__NR_read)"
                % regs.get("rax"))
    else:
        g.check(rip == at + 2, "deliver regs.rip %#x != after the syscall %#x" % (rip, at + 2))
        g.check(regs.get("rax") == 0xfffffffffffffffc, "deliver regs.rax %r != "
                "0xfffffffffffffffc (-EINTR)" % regs.get("rax"))
    pairs, _ = assign_sigreturns(run)
    for _, e, a2, r in pairs:
        mc_rip = reg(a2.get("uc_mcontext"), "rip", "x86_64", "uc_mcontext")
        g.check(mc_rip == (at if restart == "restarted" else at + 2),
                "sigreturn uc_mcontext.rip %#x" % mc_rip)
        if restores(run.mode):
            want = 0 if restart == "restarted" else -4
            g.check(isinstance(e.get("returnValue"), int) and
                    e["returnValue"] & MASK64 == want & MASK64,
                    "returnValue %r != %d" % (e.get("returnValue"), want))


def check_threads(g, run):
    want = run.summary["threads"]
    dels = handled_deliveries(run)
    srs = run.by_tid("rt_sigreturn")
    g.check(len(want) == 4, "%d threads in the summary" % len(want))
    for tid, n in want.items():
        t = int(tid)
        g.check(n == run.summary["per_thread"], "thread %s handled %d" % (tid, n))
        g.check(len(dels.get(t, [])) == n, "thread %s: %d deliveries != %d" %
                (tid, len(dels.get(t, [])), n))
        g.check(len(srs.get(t, [])) == n, "thread %s: %d sigreturns != %d" %
                (tid, len(srs.get(t, [])), n))
    extra = set(srs) - {int(t) for t in want}
    g.check(not extra, "sigreturns on threads that took no signal: %s" % sorted(extra))


def check_int80(g, run):
    srs = [e for e in run.events if e.get("eventName") == "rt_sigreturn"]
    man = [r for r in run.records if r.get("kind") == "manual"]
    g.check(len(man) == 1, "%d manual records" % len(man))
    if not g.check(len(srs) == 1, "%d rt_sigreturn events, expected 1" % len(srs)) or not man:
        return
    a = args_of(srs[0])
    g.check(a.get("abi") == "ia32_from_64", "abi %r != 'ia32_from_64'" % a.get("abi"))
    g.check(hexint(a.get("ustack"), "ustack") == int(man[0]["ustack"], 16),
            "ustack %r != %s (sp - 4)" % (a.get("ustack"), man[0]["ustack"]))
    call_site = (a.get("verdict") or {}).get("callSite")
    g.check(call_site == "stub", "verdict.callSite %r != 'stub' (mov $173,%%eax; int $0x80)" %
            call_site)
    d = handled_deliveries(run)
    g.check(not d, "signal_deliver events, but no signal was sent")


def check_light_unseen(g, run):
    srs = [e for e in run.events if e.get("eventName") == "rt_sigreturn"]
    g.check(not srs, "%d rt_sigreturn events under --hooks light, which cannot see int $0x80 "
            "sigreturns" % len(srs))
    nrec = len([r for r in run.records if r.get("kind") == "handler"])
    nd = sum(len(v) for v in handled_deliveries(run).values())
    g.check(nd == nrec, "%d handled signal_deliver events, %d handler invocations" % (nd, nrec))


# ---------------------------------------------------------------------------------------------


FINDING_EVENTS = tuple("sigreturn_" + n for n in (
    "forged_frame", "wrong_call_site", "tampered_context", "stack_pivot", "toctou", "abi_switch",
    "preexisting_unmatched"))
# What the detection rules must say about each program: nothing, except for the forged 32-bit
# frame sig_int80 enters through int $0x80 from 64-bit code (finding: minimum severity).
# Its call site is `mov $173,%eax; int $0x80`: a real sigreturn stub, so no wrong_call_site.
EXPECTED_FINDINGS = {"sig_int80": {"sigreturn_forged_frame": 4, "sigreturn_abi_switch": 3}}


def check_findings(g, run):
    want = EXPECTED_FINDINGS.get(run.prog, {})
    if run.mode == "light" and run.prog in IA32_PROGS:
        want = {}  # mode light never sees an ia32 sigreturn (check_light_unseen)
    got = {}
    for ev in run.events:
        name = ev.get("eventName")
        if name in FINDING_EVENTS:
            sev = ev.get("metadata", {}).get("Properties", {}).get("Severity")
            got[name] = max(got.get(name, -1), sev if isinstance(sev, int) else -1)
    for name, sev in sorted(got.items()):
        g.check(name in want, "unexpected finding %s (Severity %s)" % (name, sev))
    for name, sev in sorted(want.items()):
        g.check(got.get(name, -1) >= sev, "missing finding %s with Severity >= %d (got %s)" %
                (name, sev, got.get(name)))
    for i, e in enumerate(run.events):
        if e.get("eventName") != "rt_sigreturn":
            continue
        findings = (args_of(e).get("verdict") or {}).get("findings")
        g.check(sorted("sigreturn_" + f for f in findings or []) == sorted(want),
                "rt_sigreturn #%d verdict.findings %r, expected %r" % (i, findings, sorted(want)))


def groups_for(run):
    """[(group name, function)] for one run, in report order."""
    out = [("json", check_json), ("findings", check_findings)]
    if run.mode == "light" and run.prog in IA32_PROGS:
        return out + [("unseen", check_light_unseen)]
    out += [("deliver", check_deliver), ("sigreturn", check_sigreturn),
            ("pairing", check_pairing)]
    special = {"sig_nested": ("nesting", check_nesting),
               "sig_altstack": ("altstack", check_altstack),
               "sig_longjmp": ("abandoned", check_abandoned),
               "sig_restart": ("restart", check_restart),
               "sig_eintr": ("restart", check_restart),
               "sig_threads": ("threads", check_threads),
               "sig_int80": ("int80", check_int80)}
    if run.prog in special:
        out.append(special[run.prog])
    return out


def ia32_available(progs_dir, workdir):
    """None when the kernel runs 32-bit code, else why not (ia32_emulation=off, no IA32)."""
    gt = os.path.join(workdir, "ia32-probe.jsonl")
    try:
        subprocess.run([os.path.join(progs_dir, "sig_ia32")], env=dict(os.environ,
                           GROUND_TRUTH=gt), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=30, check=False)
    except OSError as e:
        if e.errno == errno.ENOEXEC:
            return "the kernel does not run 32-bit programs (ia32 emulation disabled: " \
                   "boot with ia32_emulation=on)"
        return "sig_ia32 does not start: %s" % e
    except subprocess.TimeoutExpired:
        return None
    # It ran (whatever its status): the traced runs report any failure of its own.
    return None


def files_of(d, prog, mode):
    """The files of one run, named as tests/kernels/init.sh names them in its OUTDIR."""
    base = os.path.join(d, "%s.%s" % (prog, mode))
    return {k: base + "." + k for k in ("json", "gt", "rc", "err")}


def execute(args, prog, mode, workdir):
    """Runs the program under sigscope; leaves PROG.MODE.{json,gt,rc,err} in workdir.
    Returns None, or why sigscope did not finish."""
    f = files_of(workdir, prog, mode)
    cmd = [args.sigscope, "-q", "-o", "json", "-w", f["json"], "--hooks", mode]
    if args.events:
        cmd += ["-e", args.events]
    cmd += ["--", os.path.join(args.progs, prog)]
    env = dict(os.environ, GROUND_TRUTH=f["gt"])
    for k in ("json", "gt", "rc"):
        if os.path.exists(f[k]):
            os.unlink(f[k])
    try:
        with open(f["err"], "wb") as err:
            p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err,
                               timeout=args.timeout, check=False)
    except subprocess.TimeoutExpired:
        return "timed out after %ds: %s" % (args.timeout, " ".join(cmd))
    except OSError as e:
        return "cannot run sigscope: %s" % e
    with open(f["rc"], "w", encoding="utf-8") as rc:
        rc.write("%d\n" % p.returncode)
    return None


def check_run(rep, prog, mode, d, run_error=None):
    """Checks one run's files; reports its groups. Returns True when all passed."""
    name = "%s/%s" % (mode, prog)
    f = files_of(d, prog, mode)
    g = Group(name + "/run")
    if run_error:
        g.errors.append(run_error)
        rep.group(g)
        return False
    try:
        with open(f["err"], "rb") as err:
            stderr = err.read().decode(errors="replace").strip()
    except OSError:
        stderr = ""
    try:
        with open(f["rc"], encoding="utf-8") as rc:
            status = int(rc.read().strip())
    except (OSError, ValueError) as e:
        status = None
        g.errors.append("no exit status: %s" % e)
    run = Run(prog, mode)
    parse_outputs(run, f["gt"], f["json"])
    g.run(check_truth, run)
    expect = run.summary.get("expect_exit", 0) if run.summary else 0
    if status is not None and status < 0:
        g.errors.append("sigscope killed by signal %d" % -status)
    elif status is not None:
        g.run(check_exit, run, status, expect)
    if g.errors and stderr:
        g.errors.append("sigscope stderr: %s" % stderr[-300:])
    rep.group(g)
    if run.summary is None:
        return False
    failed = bool(g.errors)
    for gname, fn in groups_for(run):
        sub = Group("%s/%s" % (name, gname))
        sub.run(fn, run)
        rep.group(sub)
        failed = failed or bool(sub.errors)
    return not failed


def check_dir(args, rep, only, modes):
    """--check-dir: check runs made elsewhere (tests/kernels/ runs the plan in a VM)."""
    d = os.path.abspath(args.check_dir)
    if not os.path.isdir(d):
        print("e2e: %s is not a directory" % d, file=sys.stderr)
        return 2
    required = set()
    if args.plan:  # every "MODE PROG" line of the plan the guest ran must have its files
        with open(args.plan, encoding="utf-8") as plan:
            for line in plan:
                words = line.split("#")[0].split()
                if len(words) >= 2:
                    required.add((words[0], words[1]))
    entries = [(m, p) for m, progs in PLAN for p in progs]
    entries += [(m, p) for m in ("full", "enter", "light", "trampoline") for p in ALL_PROGS
                if (m, p) not in entries]
    for mode, prog in entries:
        if (only and prog not in only) or mode not in modes:
            continue
        f = files_of(d, prog, mode)
        if not os.path.exists(f["gt"]) and not os.path.exists(f["rc"]):
            if (mode, prog) in required:
                rep.fail("%s/%s" % (mode, prog), ["the plan ran it, but %s has no %s.%s.*" %
                                                  (d, prog, mode)])
            elif (mode, prog) in [(m, p) for m, ps in PLAN for p in ps]:
                rep.skip("%s/%s" % (mode, prog), "no %s.%s.* in %s" % (prog, mode, d))
            continue
        check_run(rep, prog, mode, d)
    print("e2e: %d passed, %d failed" % (rep.passed, rep.failed))
    return 1 if rep.failed else 0


def main():
    ap = arg_parser(__doc__)
    ap.add_argument("--only", default="", help="comma-separated program names")
    ap.add_argument("--modes", default="full,enter,light", help="hook modes to run")
    ap.add_argument("--plan", help="with --check-dir: the plan file whose every run must be there")
    ap.add_argument("--events", default="all",
                    help="pass -e LIST to sigscope (default all: the checks read deliveries)")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per traced run")
    ap.add_argument("--keep", default="", help="keep every run's files in this directory")
    ap.add_argument("--check-dir", default="",
                    help="run nothing: check the PROG.MODE.{json,gt,rc,err} files in this "
                         "directory (as tests/kernels/ or --keep leave them)")
    ap.add_argument("--require-ia32", action="store_true",
                    help="fail, rather than skip, the ia32 programs when the kernel cannot run "
                         "32-bit code")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every failed check")
    args = ap.parse_args()

    only = [p for p in args.only.split(",") if p]
    for p in only:
        if p not in ALL_PROGS:
            print("e2e: unknown program %s (known: %s)" % (p, ", ".join(ALL_PROGS)),
                  file=sys.stderr)
            return 2
    modes = [m for m in args.modes.split(",") if m]
    rep = Reporter(args.verbose)
    if args.check_dir:
        return check_dir(args, rep, only, modes)

    if os.geteuid() != 0:
        print("e2e: must run as root (sigscope loads BPF programs)", file=sys.stderr)
        return 2
    if not (os.path.isfile(args.sigscope) and os.access(args.sigscope, os.X_OK)):
        print("e2e: sigscope not found or not executable at %s (build it with `make`)" %
              args.sigscope, file=sys.stderr)
        return 2
    missing = [p for p in ALL_PROGS if (not only or p in only) and
               not os.access(os.path.join(args.progs, p), os.X_OK)]
    if missing:
        print("e2e: test programs missing in %s: %s (build them with `make -C tests/e2e`)" %
              (args.progs, ", ".join(missing)), file=sys.stderr)
        return 2
    args.sigscope = os.path.abspath(args.sigscope)
    args.progs = os.path.abspath(args.progs)

    if args.keep:
        workdir = os.path.abspath(args.keep)
        os.makedirs(workdir, exist_ok=True)
    else:
        workdir = tempfile.mkdtemp(prefix="sigscope-e2e-")
    no_ia32 = ia32_available(args.progs, workdir)
    if no_ia32 and args.require_ia32:
        no_ia32 = None
    all_ok = True
    for mode, progs in PLAN:
        if mode not in modes:
            continue
        for prog in progs:
            if only and prog not in only:
                continue
            if no_ia32 and prog in IA32_PROGS:
                rep.skip("%s/%s" % (mode, prog), no_ia32)
                continue
            err = execute(args, prog, mode, workdir)
            all_ok = check_run(rep, prog, mode, workdir, err) and all_ok
    return rep.finish("e2e", workdir, keep=args.keep or not all_ok,
                      what="run files (PROG.MODE.json events, .gt ground truth, .rc, .err)")


if __name__ == "__main__":
    sys.exit(main())
