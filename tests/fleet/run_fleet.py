#!/usr/bin/env python3
"""Fleet tests (issue 9), root: each output against the real component, on this machine.

  journal    a systemd-journald started here (private mount namespace), read with journalctl
  syslog     rsyslogd with imtcp (127.0.0.1) and imuxsock (a socket of its own) + mmjsonparse
  kafka      librdkafka's mock cluster (tests/fleet/kafka_mock.c) on 127.0.0.1, read with kcat
  rotate     -w appends, SIGUSR1 reopens after a move; SIGHUP reloads the policy live
  metrics    --metrics: the textfile, rewritten atomically, 0644 under umask 0077; with two
             outputs of one kind, promtool accepts it and no series repeats
  package    dpkg-buildpackage, lintian (no errors), dpkg -i, --version, man -w, purge
  unit       systemd-analyze security --offline=yes: the score
  systemd    the .deb's unit under systemd as PID 1 (systemd-nspawn over a debootstrap'd Debian
             12, cached in /var/cache/sigscope-test): start, a finding in the journal and in -w,
             reload, logrotate, stop, systemd-analyze security
Every wait is bounded; network only on loopback.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import ROOT, Reporter, read_text  # noqa: E402

REPORT = Reporter()


def check(name, ok, detail=""):
    """One named check of this runner, reported as every runner reports (tests/lib/harness.py)."""
    if ok:
        REPORT.ok(name)
    else:
        REPORT.fail(name, [detail or "failed"])


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(cond, timeout):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.1)
    return cond()


def run_traced(args, sigscope, prog, timeout=30):
    """sigscope ARGS -- prog: its JSON stdout lines (if any) and stderr."""
    p = subprocess.run([sigscope, "-q"] + args + ["--", prog], capture_output=True, text=True,
                       timeout=timeout)
    return p


# Fleet programs: a benign one, and one whose finding carries a register at 2^63 or above (an
# integer beyond int64 in JSON: the fleet outputs once dropped such findings, issue 17).
FLEET_PROGS = ["sig_plain", "cli_bigreg"]


def is_finding(ev):
    return ev["eventName"].startswith("sigreturn_") or ev["eventName"] == "sigscope_enforcement"


def journal_priority(ev):
    """fleet.h journal_priority: enforcement 1, critical 2 .. low 5, the rest 6; a finding's
    severity, or an rt_sigreturn's verdict's worst."""
    if ev["eventName"] == "sigscope_enforcement":
        return 1
    sev = ev.get("metadata", {}).get("Properties", {}).get("Severity")
    for arg in ev.get("args", []):
        if arg.get("name") == "verdict" and not is_finding(ev):
            sev = arg["value"].get("maxSeverity")
    return {4: 2, 3: 3, 2: 4, 1: 5}.get(sev, 6)


def test_journal(a):
    for prog in FLEET_PROGS:
        journal_of(a, prog)


def journal_of(a, prog):
    # journald binds /run/systemd/journal/socket itself: a private mount namespace with tmpfs
    # on /run/systemd and /run/log keeps the host's (if any) untouched.
    script = r"""
set -e
mount -t tmpfs tmpfs /run/systemd
mount -t tmpfs tmpfs /run/log
mkdir -p /run/systemd/journal /run/log/journal
/lib/systemd/systemd-journald >/dev/null 2>&1 &
JD=$!
i=0; while [ ! -S /run/systemd/journal/socket ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
timeout 30 "$1" -q -o journal -o json -- "$2" > "$3/stream.json" 2> "$3/stderr"
timeout 30 "$1" -q -o journal:findings -- "$2" 2>> "$3/stderr" >/dev/null
sleep 0.5
journalctl -D /run/log/journal --no-pager --all -o json SYSLOG_IDENTIFIER=sigscope > "$3/journal.json"
kill $JD; wait $JD || true
"""
    name = "journal/%s" % prog
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh",
                            a.sigscope, os.path.join(a.progs, prog), d],
                           capture_output=True, text=True, timeout=90)
        check(name + "/run", p.returncode == 0, p.stderr.strip()[-300:])
        if p.returncode != 0:
            return
        stream = [json.loads(l) for l in open(os.path.join(d, "stream.json")) if l.strip()]
        entries = [json.loads(l) for l in open(os.path.join(d, "journal.json")) if l.strip()]
        stderr = read_text(os.path.join(d, "stderr"))
    findings = [ev for ev in stream if is_finding(ev)]
    # The :findings run adds one entry per finding event of the first run.
    check(name + "/one-entry-per-event", len(entries) == len(stream) + len(findings) and stream,
          "%d entries, %d events (%d findings)" % (len(entries), len(stream), len(findings)))
    check(name + "/a-finding-when-expected", (prog == "cli_bigreg") == bool(findings),
          "%d findings" % len(findings))
    check(name + "/nothing-unrendered", "not rendered" not in stderr, stderr[-300:])
    ok, why = True, ""
    for ev, en in zip(stream, entries):
        want = {"SYSLOG_IDENTIFIER": "sigscope", "SIGSCOPE_EVENT": ev["eventName"],
                "SIGSCOPE_PID": str(ev["hostProcessId"]), "PRIORITY": str(journal_priority(ev)),
                "SIGSCOPE_EXE": ev["executable"]["path"]}
        for k, v in want.items():
            if en.get(k) != v:
                ok, why = False, "%s: %r != %r" % (k, en.get(k), v)
        if json.loads(en.get("SIGSCOPE_JSON", "null")) != ev:
            ok, why = False, "SIGSCOPE_JSON differs from the stream's line"
        if ev["eventName"] not in en.get("MESSAGE", "") and \
                ev["eventName"].replace("signal_", "").replace("sigreturn_", "") \
                not in en.get("MESSAGE", ""):
            ok, why = False, "MESSAGE is not the table line: %r" % en.get("MESSAGE")
    check(name + "/fields", ok, why)
    tail = [en.get("SIGSCOPE_EVENT") for en in entries[len(stream):]]
    check(name + "/findings-filter", tail == [ev["eventName"] for ev in findings], repr(tail))


RSYSLOG_CONF = """
global(workDirectory="{d}")
module(load="imtcp")
module(load="imuxsock" SysSock.Use="off")
module(load="mmjsonparse")
template(name="parsed" type="string" string="%app-name%|%msgid%|%syslogseverity%|%$!all-json%\\n")
ruleset(name="r") {{
  action(type="mmjsonparse")
  if $parsesuccess == "OK" then action(type="omfile" file="{d}/parsed" template="parsed")
}}
input(type="imtcp" port="{port}" address="127.0.0.1" ruleset="r")
input(type="imuxsock" Socket="{d}/log.sock" ruleset="r")
"""


def test_syslog(a):
    d = tempfile.mkdtemp(prefix="sigscope-rsyslog-")
    port = free_port()
    with open(os.path.join(d, "rsyslog.conf"), "w") as f:
        f.write(RSYSLOG_CONF.format(d=d, port=port))
    rs = subprocess.Popen(["rsyslogd", "-n", "-f", os.path.join(d, "rsyslog.conf"), "-i",
                           os.path.join(d, "pid")], stdout=subprocess.DEVNULL,
                          stderr=open(os.path.join(d, "rsyslogd.err"), "w"))
    try:
        up = wait_for(lambda: os.path.exists(os.path.join(d, "log.sock")) and
                      subprocess.run(["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/%d" % port],
                                     executable="/bin/bash", capture_output=True).returncode == 0,
                      10)
        check("syslog/rsyslogd-up", up, read_text(os.path.join(d, "rsyslogd.err"))[-300:])
        if not up:
            return
        for prog in FLEET_PROGS:
            syslog_of(a, d, port, prog)
    finally:
        rs.terminate()
        rs.wait(timeout=10)
        shutil.rmtree(d, ignore_errors=True)


def read_lines(path):
    return read_text(path).splitlines()


def syslog_of(a, d, port, prog):
    name = "syslog/%s" % prog
    path = os.path.join(d, "parsed")
    before = len(read_lines(path))  # rsyslogd keeps appending to the one file
    p = run_traced(["-o", "json", "-o", "syslog://127.0.0.1:%d" % port, "-o",
                    "syslog://%s/log.sock" % d], a.sigscope, os.path.join(a.progs, prog))
    stream = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    wait_for(lambda: len(read_lines(path)) - before >= 2 * len(stream), 10)
    lines = read_lines(path)[before:]
    check(name + "/both-transports", len(lines) == 2 * len(stream) and stream,
          "%d parsed, %d events; %s" % (len(lines), len(stream), p.stderr[-200:]))
    check(name + "/nothing-unrendered", "not rendered" not in p.stderr, p.stderr[-300:])
    parsed = [l.split("|", 3) for l in lines]
    # rsyslog's JSON parser keeps the event, not the exact digits of a number beyond int64
    names = sorted(json.loads(js)["eventName"] for app, _, _, js in parsed if app == "sigscope")
    check(name + "/cee-json-parsed", names == sorted(2 * [e["eventName"] for e in stream]),
          lines[0][:200] if lines else "")
    tcp_msgids = [m for _, m, _, _ in parsed if m != "-"]
    check(name + "/rfc5424-msgid", sorted(tcp_msgids) == sorted(e["eventName"] for e in stream),
          repr(tcp_msgids[:3]))


def test_kafka(a):
    mock = subprocess.Popen([os.path.join(a.build, "kafka_mock"), "sigscope"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        boot = mock.stdout.readline().strip()
        check("kafka/mock-cluster", boot.startswith("127.0.0.1:"), boot)
        stream = []
        for prog in FLEET_PROGS:
            p = run_traced(["-o", "json", "-o", "kafka://%s/sigscope" % boot], a.sigscope,
                           os.path.join(a.progs, prog))
            stream += [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
            check("kafka/%s/no-loss-reported" % prog,
                  "kafka lost" not in p.stderr and "not rendered" not in p.stderr,
                  p.stderr[-200:])
        k = subprocess.run(["kcat", "-b", boot, "-t", "sigscope", "-C", "-e", "-o", "beginning",
                            "-q", "-f", "%k\t%s\n"], capture_output=True, text=True, timeout=30)
        msgs = [l.split("\t", 1) for l in k.stdout.splitlines() if l.strip()]
        host = socket.gethostname()
        check("kafka/one-message-per-event", len(msgs) == len(stream) and stream,
              "%d messages, %d events" % (len(msgs), len(stream)))
        check("kafka/key-and-value", all(key == "%s:%d" % (host, json.loads(v)["hostProcessId"])
                                         and json.loads(v) in stream for key, v in msgs))
        check("kafka/the-large-register-finding",
              any(json.loads(v)["eventName"] == "sigreturn_tampered_context" for _, v in msgs))
    finally:
        mock.stdin.close()
        mock.wait(timeout=10)
    # A cluster that is gone: every event is lost, counted, and the flush is bounded.
    port = free_port()
    t0 = time.time()
    p = run_traced(["-o", "kafka://127.0.0.1:%d/sigscope" % port], a.sigscope,
                   os.path.join(a.progs, "sig_plain"))
    took = time.time() - t0
    m = re.search(r"kafka lost (\d+)", p.stderr)
    check("kafka/unreachable-counted-bounded", m is not None and int(m.group(1)) > 0 and took < 12,
          "%.1fs: %s" % (took, p.stderr[-300:]))


def test_rotate_reload_metrics(a):
    d = tempfile.mkdtemp(prefix="sigscope-rotate-")
    out, metrics = os.path.join(d, "events.json"), os.path.join(d, "sigscope.prom")
    policy = os.path.join(d, "policy.yaml")
    with open(out, "w") as f:
        f.write("kept\n")
    os.chmod(out, 0o600)
    with open(policy, "w") as f:
        f.write("enforce: high\n")
    sleeper = os.path.join(a.progs, "sig_plain")
    # The unit's umask (0077): the metrics file must still be readable by node-exporter's user.
    p = subprocess.Popen([a.sigscope, "-q", "-o", "json", "-w", out, "--policy", policy,
                          "--metrics", metrics, "--metrics-interval", "1", "-c", "sig_plain"],
                         stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.umask(0o077))
    try:
        ready = wait_for(lambda: os.path.exists(metrics), 20)
        check("metrics/written", ready)
        subprocess.run([sleeper], capture_output=True, timeout=20)
        time.sleep(1.5)
        first = open(out).read()
        check("write/appends", first.startswith("kept\n") and first.count("\n") > 1)
        os.rename(out, out + ".1")
        p.send_signal(signal.SIGUSR1)
        wait_for(lambda: os.path.exists(out), 5)
        subprocess.run([sleeper], capture_output=True, timeout=20)
        time.sleep(1.5)
        check("write/reopened-on-SIGUSR1", os.path.exists(out) and os.path.getsize(out) > 0 and
              (os.stat(out).st_mode & 0o777) == 0o600)
        with open(policy, "w") as f:
            f.write("enforce: critical\nallow:\n  - executable: %s\n    findings: [stack_pivot]\n"
                    % sleeper)
        p.send_signal(signal.SIGHUP)
        time.sleep(1.0)
        check("reload/sighup-alive", p.poll() is None)
        text = open(metrics).read()
        m = re.search(r'sigscope_events_total\{type="rt_sigreturn"\} (\d+)', text)
        check("metrics/counts", m is not None and int(m.group(1)) >= 10 and
              "sigscope_kills_total 0" in text and
              'sigscope_findings_total{finding="forged_frame"} 0' in text, text[:200])
        check("metrics/no-tmp-left", not os.path.exists(metrics + ".tmp"))
        check("metrics/readable-0644-under-umask-0077",
              (os.stat(metrics).st_mode & 0o777) == 0o644, oct(os.stat(metrics).st_mode))
    finally:
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=20)
    check("reload/said", "reloaded: 1 executable allowances" in err and "enforce" in err, err[-300:])
    shutil.rmtree(d, ignore_errors=True)


def test_metrics_outputs(a):
    """Issue 18: --metrics with several outputs of one kind (the README's example has two):
    promtool (Debian's prometheus) accepts the file, and no series appears twice (five did)."""
    d = tempfile.mkdtemp(prefix="sigscope-metrics-")
    metrics = os.path.join(d, "sigscope.prom")
    try:
        p = subprocess.run([a.sigscope, "-q", "-o", "json", "-w", os.devnull,
                            "-o", "kafka://127.0.0.1:1/one", "-o", "kafka://127.0.0.1:1/two",
                            "--metrics", metrics, "--", os.path.join(a.progs, "sig_plain")],
                           capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, GROUND_TRUTH=os.devnull))
        check("metrics/two-outputs-run", p.returncode == 0 and os.path.exists(metrics),
              p.stderr[-300:])
        if not os.path.exists(metrics):
            return
        with open(metrics) as f:
            text = f.read()
        pt = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True,
                            text=True, timeout=30)
        check("metrics/promtool", pt.returncode == 0, (pt.stdout + pt.stderr)[-300:])
        series = [ln.rsplit(" ", 1)[0] for ln in text.splitlines() if ln and ln[0] != "#"]
        dups = sorted(set(x for x in series if series.count(x) > 1))
        check("metrics/one-series-per-output", not dups, "; ".join(dups[:5]))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_package(a):
    d = os.path.join(a.build, "deb")
    shutil.rmtree(d, ignore_errors=True)
    src = os.path.join(d, "sigscope-0.1.0")
    os.makedirs(src)
    subprocess.run("tar --exclude=./build --exclude=./.git -cf - . | tar -xf - -C %s" % src,
                   shell=True, cwd=ROOT, check=True)
    p = subprocess.run(["dpkg-buildpackage", "-us", "-uc", "-b"], cwd=src, capture_output=True,
                       text=True, timeout=300)
    debs = [f for f in os.listdir(d) if re.match(r"sigscope_.*\.deb$", f)]
    check("package/dpkg-buildpackage", p.returncode == 0 and len(debs) == 1, p.stderr[-300:])
    if not debs:
        return
    changes = [f for f in os.listdir(d) if f.endswith(".changes")][0]
    li = subprocess.run(["lintian", "--allow-root", os.path.join(d, changes)],
                        capture_output=True, text=True, timeout=300)
    errors = [l for l in li.stdout.splitlines() if l.startswith("E:")]
    check("package/lintian-no-errors", not errors, "\n".join(errors[:5]))
    # dpkg-buildflags honoured: CPPFLAGS carries -D_FORTIFY_SOURCE=2 (issue 18).
    fortify = [l for l in li.stdout.splitlines() if "hardening-no-fortify-functions" in l]
    check("package/fortified", not fortify, "\n".join(fortify[:2]))
    if subprocess.run(["dpkg-query", "-W", "sigscope"], capture_output=True).returncode == 0:
        check("package/not-installed-before", False, "a sigscope package is installed already")
        return
    i = subprocess.run(["dpkg", "-i", os.path.join(d, debs[0])], capture_output=True, text=True)
    try:
        check("package/dpkg-i", i.returncode == 0, i.stderr[-300:])
        v = subprocess.run(["/usr/sbin/sigscope", "--version"], capture_output=True, text=True)
        check("package/version", v.returncode == 0 and v.stdout.startswith("sigscope 0.1.0"))
        m = subprocess.run(["man", "-w", "sigscope"], capture_output=True, text=True)
        check("package/man", m.returncode == 0 and "man8/sigscope.8" in m.stdout, m.stderr)
        check("package/files", all(os.path.exists(f) for f in [
            "/etc/sigscope/policy.yaml", "/lib/systemd/system/sigscope.service",
            "/usr/share/bash-completion/completions/sigscope", "/etc/logrotate.d/sigscope"]))
    finally:
        pu = subprocess.run(["dpkg", "--purge", "sigscope"], capture_output=True, text=True)
        check("package/purge", pu.returncode == 0 and not os.path.exists("/etc/sigscope"))


ROOTFS_CACHE = "/var/cache/sigscope-test/bookworm-rootfs"
ROOTFS_PKGS = ("systemd,systemd-sysv,dbus,logrotate,procps,libbpf1,libcap2,libelf1,librdkafka1,"
               "libyaml-0-2,libsystemd0")
NSPAWN_MACHINE = "sigscope-ci"


def rootfs_cached():
    """A Debian 12 root for systemd-nspawn, made once by debootstrap (about 2 minutes) and kept
    in ROOTFS_CACHE between runs; each run boots a copy."""
    if os.path.isdir(os.path.join(ROOTFS_CACHE, "etc")):
        return True
    tmp = ROOTFS_CACHE + ".new"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.dirname(ROOTFS_CACHE), exist_ok=True)
    p = subprocess.run(["debootstrap", "--variant=minbase", "--include=" + ROOTFS_PKGS,
                        "bookworm", tmp, "http://deb.debian.org/debian"],
                       capture_output=True, text=True, timeout=900)
    if p.returncode != 0:
        check("systemd/rootfs", False, p.stderr[-300:])
        return False
    os.rename(tmp, ROOTFS_CACHE)
    return True


def leader_of(nspawn_pid):
    """The container's PID 1: the descendant of the nspawn process that is pid 1 of its own
    namespace (NSpid), once it runs systemd."""
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/status" % d) as f:
                st = dict(ln.rstrip("\n").split(":\t", 1) for ln in f if ":\t" in ln)
        except (OSError, ValueError):
            continue
        kids.setdefault(int(st.get("PPid", "0")), []).append((int(d), st))
    todo = [nspawn_pid]
    while todo:
        for pid, st in kids.get(todo.pop(), []):
            if st.get("NSpid", "").split()[-1:] == ["1"] and st.get("Name") == "systemd":
                return pid
            todo.append(pid)
    return None


def test_systemd(a):
    """The built .deb's unit under systemd as PID 1 (systemd-nspawn over a debootstrap'd Debian
    12): start, a finding in the journal and in -w, reload, logrotate, stop, and
    systemd-analyze security. enforce: off, since the hooks see the whole host. The container
    needs bpf and perf_event_open in nspawn's syscall filter (README "In a container")."""
    debs = sorted(f for f in os.listdir(os.path.join(a.build, "deb"))
                  if re.match(r"sigscope_.*\.deb$", f)) if os.path.isdir(
                      os.path.join(a.build, "deb")) else []
    if not debs:
        check("systemd/deb", False, "no .deb in build/deb (the package part builds it)")
        return
    if not rootfs_cached():
        return
    work = tempfile.mkdtemp(prefix="sigscope-nspawn-")
    root = os.path.join(work, "root")
    subprocess.run(["cp", "-a", ROOTFS_CACHE, root], check=True)
    shutil.copy(os.path.join(a.build, "deb", debs[-1]), os.path.join(root, "root", "s.deb"))
    i = subprocess.run(["systemd-nspawn", "-q", "-D", root, "-M", NSPAWN_MACHINE + "-setup",
                        "--register=no", "--keep-unit", "dpkg", "-i", "/root/s.deb"],
                       capture_output=True, text=True, timeout=120)
    check("systemd/dpkg-i", i.returncode == 0, (i.stdout + i.stderr)[-300:])
    with open(os.path.join(root, "etc", "default", "sigscope"), "w") as f:
        f.write('SIGSCOPE_OPTIONS="-q -o journal:findings -e rt_sigreturn -w /var/log/sigscope/events.json"\n')
    with open(os.path.join(root, "etc", "sigscope", "policy.yaml"), "w") as f:
        f.write("enforce: off\n")
    boot = subprocess.Popen(["systemd-nspawn", "-q", "-D", root, "-b", "-M", NSPAWN_MACHINE,
                             "--register=no", "--keep-unit", "--private-network",
                             "--system-call-filter=bpf perf_event_open",
                             "--capability=CAP_BPF,CAP_PERFMON,CAP_SYS_PTRACE"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    log = os.path.join(root, "var", "log", "sigscope", "events.json")

    def inside(*cmd, timeout=60):
        return subprocess.run(["nsenter", "-t", str(leader), "-a"] + list(cmd),
                              capture_output=True, text=True, timeout=timeout)

    sys.path.insert(0, os.path.join(ROOT, "tests", "corpus"))
    import run_malicious as mal  # noqa: E402
    progs = os.path.join(a.build, "corpus", "malicious")
    mal.build(progs, ["srop_gadget"])

    def attack():  # on the host: the container's sensor sees it (enforce: off)
        marker = tempfile.mktemp(prefix="marker-", dir=work)  # each run a marker of its own
        subprocess.run([os.path.join(progs, "srop_gadget")], capture_output=True, timeout=30,
                       env=dict(os.environ, MARKER=marker))

    leader = None
    try:
        deadline = time.time() + 60
        while time.time() < deadline and leader is None:
            leader = leader_of(boot.pid)
            time.sleep(0.2)
        state = ""
        while leader and time.time() < deadline:
            state = inside("systemctl", "is-system-running").stdout.strip()
            if state in ("running", "degraded"):
                break
            time.sleep(0.5)
        check("systemd/booted", state in ("running", "degraded"), "state %r" % state)
        if state not in ("running", "degraded"):
            return
        t0 = time.time()
        inside("systemctl", "start", "sigscope")
        active = False
        while time.time() - t0 < 30 and not active:
            active = inside("systemctl", "is-active", "sigscope").stdout.strip() == "active" and \
                os.path.exists(log) and held_by_sigscope()
            time.sleep(0.5)
        check("systemd/start", active, inside("systemctl", "status", "--no-pager",
                                              "sigscope").stdout[-400:])
        if not active:
            return
        attack()
        ok = wait_for(lambda: "sigreturn_forged_frame" in read_text(log), 15)
        check("systemd/finding-in-w", ok)
        j = ""
        for _ in range(20):
            j = inside("journalctl", "-u", "sigscope", "-o", "cat", "--no-pager").stdout
            if "forged_frame" in j:
                break
            time.sleep(0.5)
        check("systemd/finding-in-journal", "forged_frame" in j, j[-300:])
        r = inside("systemctl", "reload", "sigscope")
        time.sleep(1)
        check("systemd/reload", r.returncode == 0 and inside(
            "systemctl", "is-active", "sigscope").stdout.strip() == "active", r.stderr[-200:])
        lr = inside("logrotate", "-f", "/etc/logrotate.d/sigscope")
        time.sleep(1)
        attack()
        ok = wait_for(lambda: "sigreturn_forged_frame" in read_text(log), 15)
        check("systemd/logrotate", lr.returncode == 0 and os.path.exists(log + ".1") and ok,
              "rc %d, rotated %s, finding after %s: %s; %s; journal: %s" % (
                  lr.returncode, os.path.exists(log + ".1"), ok, (lr.stdout + lr.stderr)[-200:],
                  inside("ls", "-la", "/var/log/sigscope").stdout,
                  inside("journalctl", "-u", "sigscope", "-o", "cat", "--no-pager").stdout[-600:]))
        sec = inside("systemd-analyze", "security", "--no-pager", "sigscope")
        m = re.search(r"Overall exposure level for \S+: ([0-9.]+)", sec.stdout)
        check("systemd/security", m is not None and float(m.group(1)) <= 3.5, sec.stdout[-200:])
        if m:
            print("     systemd-analyze security, under systemd: %s" % m.group(1))
        st = inside("systemctl", "stop", "sigscope")
        check("systemd/stop", st.returncode == 0 and wait_for(lambda: not held_by_sigscope(),
                                                              15))
    finally:
        if leader:
            inside("systemctl", "poweroff")
        try:
            boot.wait(60)
        except subprocess.TimeoutExpired:
            boot.kill()
            boot.wait()
        shutil.rmtree(work, ignore_errors=True)


def held_by_sigscope():
    """Is a sigscope BPF program loaded on this machine (bpftool)?"""
    p = subprocess.run(["bpftool", "prog", "show"], capture_output=True, text=True)
    return "sys_exit_sigret" in p.stdout or "signal_deliver" in p.stdout


def test_unit(a):
    p = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--no-pager",
                        os.path.join(a.build, "sigscope.service")], capture_output=True, text=True)
    m = re.search(r"Overall exposure level for \S+: ([0-9.]+)", p.stdout)
    check("unit/security-score", m is not None and float(m.group(1)) <= 3.5, p.stdout[-200:])
    if m:
        print("     systemd-analyze security score: %s" % m.group(1))
    r = subprocess.run(["systemd-analyze", "verify", os.path.join(a.build, "sigscope.service")],
                       capture_output=True, text=True)
    bad = [l for l in r.stderr.splitlines() if "sigscope.service" in l and "Unknown" in l]
    check("unit/no-unknown-directives", not bad, "\n".join(bad))
    # The README's -w /var/log/sigscope/events.json: the unit makes the directory (it failed
    # and restarted every 5 s without it).
    with open(os.path.join(a.build, "sigscope.service")) as f:
        unit = f.read()
    check("unit/makes-its-log-directory", "\nLogsDirectory=sigscope\n" in unit)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sigscope", default=os.path.join(ROOT, "build", "sigscope"))
    ap.add_argument("--progs", default=os.path.join(ROOT, "build", "e2e"))
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    a.sigscope = os.path.abspath(a.sigscope)
    a.build = os.path.abspath(a.build)
    a.progs = os.path.abspath(a.progs)  # a policy names executables by absolute path
    t0 = time.time()
    for name, fn in [("journal", test_journal), ("syslog", test_syslog), ("kafka", test_kafka),
                     ("rotate", test_rotate_reload_metrics), ("metrics", test_metrics_outputs),
                     ("package", test_package),
                     ("unit", test_unit), ("systemd", test_systemd)]:
        if a.only and a.only not in name:
            continue
        t = time.time()
        try:
            fn(a)
        except Exception as e:  # one broken part must not hide the others' results
            check(name + "/exception", False, "%s: %s" % (type(e).__name__, e))
        print("     (%s: %.1f s)" % (name, time.time() - t))
    print("fleet: %d passed, %d failed (%.0f s)" % (REPORT.passed, REPORT.failed,
                                                  time.time() - t0))
    return 1 if REPORT.failed else 0


if __name__ == "__main__":
    sys.exit(main())
