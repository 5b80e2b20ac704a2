#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""The kernel matrix of `make test-kernels`: Debian's own amd64 kernels under qemu TCG.

    python3 tests/kernels/matrix.py [--build DIR] [--jobs N] [--only NAME,...]   (as root)

The kernels (the 6.1 ones from the system's own apt sources, as tests/kernels/run.sh always
did; the others from Debian's archive through a private apt configuration in DIR/apt, which
leaves /etc/apt alone):
  6.1      the newest linux-image-6.1.0-NN-cloud-amd64-unsigned (bookworm): the e2e plan, the
           malicious corpus and the benign guest plan, in one boot
  6.1-x32  the newest generic linux-image-6.1.0-NN-amd64-unsigned with syscall.x32=y:
           tests/corpus/malicious/plan-x32.txt (the cloud kernel has no x32)
  6.12     the newest 6.12 cloud-amd64 in bookworm-backports: the e2e plan
  6.18     the newest 6.18.x cloud-amd64 (trixie-backports): the e2e plan
  newest   the newest cloud-amd64 kernel the lists hold (trixie-backports or sid; from 6.19 on
           the image is in linux-binary-VER-cloud-amd64, linux-image-VER-... is a metapackage):
           the e2e plan and both corpora, in one boot
6.12 and 6.18 boot with -cpu max,-cx16: they may crash in the slab allocator's cmpxchg16b path
under QEMU 7.2 TCG (a double fault in kmem_cache_alloc; 6.12 always, 6.18 once in a clean-clone
CI). The newest (7.3.4) does not, and without cx16 it is over ten times slower (a full-hooks
start passed 120 s), so it keeps -cpu max.
Every guest also smoke-tests each backend (tracepoint full, enter, light; trampoline), and runs
tests/reliability/progs/vma_forest twice (tests/lib/forest.py checks it): the lockless VMA walk
cross-checked against bpf_find_vma over 4,000 mappings, and deciding every redirect while the
mm lock is kept busy, on that kernel's own VMA tree.
Each kernel boots once, with its own build folder (KERNELS_B=DIR/NAME); at most --jobs guests
(default 2, one per core) run at once. Downloads stay in DIR/apt; a second run downloads nothing
again (the lists are refreshed when older than a day, or with --refresh).

Writes DIR/matrix/{matrix.md,matrix.csv,matrix.json} (kernel x backend x result) and each
checker's output in DIR/NAME/out/check.*.log; tests/kernels/readme_kernels.py turns matrix.json
into the README's "Kernels" section. Exits 1 when any guest, smoke test or check failed.
Python 3 standard library.
"""

import argparse
import csv
import datetime
import functools
import glob
import json
import os
import platform
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import forest  # noqa: E402
import harness  # noqa: E402

ROOT = harness.ROOT
HERE = os.path.join(ROOT, "tests", "kernels")
E2E_PLAN = os.path.join(HERE, "plan.txt")
MAL_PLAN = os.path.join(ROOT, "tests", "corpus", "malicious", "plan.txt")
X32_PLAN = os.path.join(ROOT, "tests", "corpus", "malicious", "plan-x32.txt")
BENIGN_PLAN = os.path.join(ROOT, "tests", "corpus", "benign", "plan-guest.txt")
BACKENDS = ["full", "enter", "light", "trampoline"]
MIRROR = "http://deb.debian.org/debian"
SUITES = ["bookworm-backports", "trixie-backports", "sid"]
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
LISTS_MAX_AGE = 24 * 3600
# A kernel image package: linux-image-VER-cloud-amd64[-unsigned] or
# linux-binary[-unsigned]-VER-cloud-amd64, VER = 7.3.4+deb13 (the ABI name's version part).
IMAGE_RE = re.compile(r"^linux-(image|binary)-(unsigned-)?([0-9][0-9.]*\+[a-z0-9.]+)-cloud-amd64"
                      r"(-unsigned)?$")
MIN_IMAGE_KB = 5000  # a metapackage (linux-image-VER from 6.19 on) is a few kB installed


def log(msg):
    print("kernels: %s" % msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# The private apt configuration.


class Apt:
    def __init__(self, d):
        self.d = d
        self.opts = [
            "-o", "Dir::Etc::SourceList=/dev/null",
            "-o", "Dir::Etc::SourceParts=" + os.path.join(d, "sources"),
            "-o", "Dir::State::Lists=" + os.path.join(d, "lists"),
            "-o", "Dir::Cache=" + os.path.join(d, "cache"),
            "-o", "APT::Architectures=amd64",
            "-o", "Acquire::Languages=none",
            "-o", "APT::Sandbox::User=root",
            "-o", "DPkg::Lock::Timeout=600",
        ]

    def setup(self):
        for sub in ("sources", "lists/partial", "cache/archives/partial", "debs"):
            os.makedirs(os.path.join(self.d, sub), exist_ok=True)
        with open(os.path.join(self.d, "sources", "debian.sources"), "w") as f:
            f.write("Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nArchitectures: amd64\n"
                    "Signed-By: %s\n" % (MIRROR, " ".join(SUITES), KEYRING))

    def lists_age(self):
        got = glob.glob(os.path.join(self.d, "lists", "*_Packages*"))
        if len(got) < len(SUITES):
            return None
        return time.time() - min(os.path.getmtime(p) for p in got)

    def update(self, force):
        age = self.lists_age()
        if not force and age is not None and age < LISTS_MAX_AGE:
            log("apt lists in %s are %d min old: not refreshed (--refresh does)" %
                (self.d, age // 60))
            return
        log("apt-get update (%s; private configuration in %s)" % (", ".join(SUITES), self.d))
        p = subprocess.run(["apt-get"] + self.opts + ["-qq", "update"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            if age is None:
                raise RuntimeError("apt-get update failed:\n" + p.stdout)
            log("apt-get update failed, using the lists of %d min ago:\n%s" %
                (age // 60, p.stdout))

    def cache(self, *args):
        p = subprocess.run(["apt-cache"] + self.opts + list(args),
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        return p.stdout

    def images(self):
        """Every kernel image package version the lists hold: [{pkg, version, ver, kb}]."""
        names = set()
        for prefix in ("linux-image-", "linux-binary-"):
            names.update(n for n in self.cache("pkgnames", prefix).split()
                         if IMAGE_RE.match(n))
        out = []
        text = self.cache("show", *sorted(names)) if names else ""
        for stanza in text.split("\n\n"):
            f = dict(re.findall(r"^([A-Za-z-]+): (.*)$", stanza, re.M))
            m = IMAGE_RE.match(f.get("Package", ""))
            if not m or "Version" not in f:
                continue
            kb = int(f.get("Installed-Size", "0") or 0)
            out.append({"pkg": f["Package"], "version": f["Version"], "ver": m.group(3),
                        "kb": kb, "binary": m.group(1) == "binary",
                        "unsigned": bool(m.group(2) or m.group(4))})
        return out

    def suite_of(self, pkg, version):
        for line in self.cache("madison", pkg).splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) >= 3 and parts[1] == version:
                return parts[2].split()[1].split("/")[0] if len(parts[2].split()) > 1 else parts[2]
        return "?"

    def download(self, pkg, version):
        debs = os.path.join(self.d, "debs")
        name = "%s_%s_amd64.deb" % (pkg, version.replace(":", "%3a"))
        path = os.path.join(debs, name)
        if os.path.exists(path):
            log("cached: %s" % name)
            return path
        log("downloading %s %s" % (pkg, version))
        subprocess.run(["apt-get"] + self.opts + ["-qq", "download", "%s=%s" % (pkg, version)],
                       cwd=debs, check=True)
        if not os.path.exists(path):
            raise RuntimeError("apt-get download left no %s" % path)
        return path


def dpkg_cmp(a, b):
    if a == b:
        return 0
    lt = subprocess.run(["dpkg", "--compare-versions", a, "lt", b]).returncode == 0
    return -1 if lt else 1


def upstream(ver):
    """'7.3.4+deb13' -> (7, 3, 4)."""
    return tuple(int(x) for x in ver.split("+", 1)[0].split(".") if x.isdigit())


def pick(images, series=None):
    """The newest real image (not a metapackage) of a series ('6.12'), or of all when None.
    For one kernel version: linux-binary-VER (6.19 on) first, then linux-image-VER-unsigned,
    then the signed linux-image-VER, then linux-binary-unsigned-VER."""
    cands = [i for i in images if i["kb"] >= MIN_IMAGE_KB]
    if series:
        want = tuple(int(x) for x in series.split("."))
        cands = [i for i in cands if upstream(i["ver"])[:len(want)] == want]
    if not cands:
        return None

    def pref(i):
        if i["binary"]:
            return 0 if not i["unsigned"] else 3
        return 1 if i["unsigned"] else 2

    def cmp(a, b):
        if upstream(a["ver"]) != upstream(b["ver"]):
            return -1 if upstream(a["ver"]) < upstream(b["ver"]) else 1
        c = dpkg_cmp(a["version"], b["version"])
        if c:
            return c
        return pref(b) - pref(a)  # the preferred one sorts last

    return sorted(cands, key=functools.cmp_to_key(cmp))[-1]


# ---------------------------------------------------------------------------------------------
# The guests.


class Job:
    def __init__(self, name, role, plans, deb=None, pkg=None, suite=None, cpu="max",
                 timeout=900):
        self.name, self.role, self.plans = name, role, plans
        self.label = name
        self.deb, self.pkg, self.suite, self.cpu, self.timeout = deb, pkg, suite, cpu, timeout
        self.b = self.out = None
        self.rc = None
        self.seconds = 0
        self.package = ""
        self.release = ""
        self.checks = {}  # checker name -> (rc, output)
        self.smoke = {}  # backend -> rc (None: missing)
        self.counts = {}  # (backend, checker) -> [passed, failed, [failing names]]
        self.problems = []


def run_job(job, build):
    job.b = os.path.join(build, job.name)
    job.out = os.path.join(job.b, "out")
    os.makedirs(job.b, exist_ok=True)
    env = dict(os.environ, KERNELS_B=job.b, KERNELS_CPU=job.cpu,
               KERNELS_TIMEOUT=str(job.timeout))
    env.pop("KERNELS_DEB", None)
    if job.deb:
        env["KERNELS_DEB"] = job.deb
    cmd = [os.path.join(HERE, "run.sh"), job.out] + job.plans
    log("%s: starting (%s)" % (job.name, ", ".join(os.path.relpath(p, ROOT) for p in job.plans)))
    start = time.time()
    with open(os.path.join(job.b, "run.log"), "w") as lf:
        p = harness.popen(cmd, stdout=lf, stderr=subprocess.STDOUT, env=env)
        job.rc = p.wait()
    job.seconds = round(time.time() - start)
    log("%s: guest run done in %d s, run.sh exit %d (log %s)" %
        (job.name, job.seconds, job.rc, os.path.join(job.b, "run.log")))
    if job.rc != 0:
        job.problems.append("run.sh exit %d: %s" % (job.rc, last_lines(
            os.path.join(job.b, "run.log"))))
    check_job(job)


def last_lines(path, n=3):
    lines = [ln for ln in harness.read_text(path).splitlines() if ln.strip()]
    return " | ".join(ln.strip()[:200] for ln in lines[-n:])


def checker_cmds(job):
    py = sys.executable
    cmds = []
    for plan in job.plans:
        if plan == E2E_PLAN:
            cmds.append(("e2e", [py, os.path.join(ROOT, "tests", "e2e", "run_e2e.py"),
                                 "--check-dir", job.out, "--require-ia32",
                                 "--modes", ",".join(BACKENDS), "--plan", plan]))
        elif plan == MAL_PLAN:
            cmds.append(("malicious", [py, os.path.join(ROOT, "tests", "corpus",
                                                        "run_malicious.py"),
                                       "--check-dir", job.out, "--plan", plan]))
        elif plan == X32_PLAN:
            cmds.append(("x32", [py, os.path.join(ROOT, "tests", "corpus", "run_malicious.py"),
                                 "--check-dir", job.out, "--plan", plan, "--require-run"]))
        elif plan == BENIGN_PLAN:
            cmds.append(("benign", [py, os.path.join(ROOT, "tests", "corpus",
                                                     "check_benign_guest.py"),
                                    "--check-dir", job.out, "--plan", plan]))
    return cmds


def plan_backend(mode):
    """A corpus plan MODE ([attach-]HOOKS[+enforce]) -> its backend, "none" when untraced."""
    m = mode[len("attach-"):] if mode.startswith("attach-") else mode
    return m.split("+", 1)[0]


KNOWN_FILE = os.path.join(HERE, "known-failures.txt")


def known_failures():
    """(kernel, check, backend, program, why) from known-failures.txt: failures we know of, each
    with its issue, shown as "known" in the tables instead of failing the run."""
    out = []
    for line in harness.read_text(KNOWN_FILE).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        f = line.split(None, 4)
        if len(f) == 5:
            out.append(tuple(f))
    return out


def is_known(known, kernel, check, backend, what):
    return any(k[0] == kernel and k[1] == check and k[2] in ("*", backend) and k[3] == what
               for k in known)


LINE_E2E = re.compile(r"^(ok|FAIL) +([a-z]+)/([A-Za-z0-9_]+)")
LINE_CORPUS = re.compile(r"^(ok|FAIL) +([A-Za-z0-9_]+) +([a-z+-]+)")


def check_job(job):
    pkgfile = harness.read_text(os.path.join(job.out or "", "guest-kernel.txt")).strip()
    job.package = pkgfile.replace("guest kernel package: ", "")
    # The row's label: the kernel's upstream version (from the package's) and its role.
    version = job.package.split()[1] if len(job.package.split()) > 1 else "?"
    job.label = "%s %s" % (version.split("-")[0], job.role)
    job.release = harness.read_text(os.path.join(job.out or "", "kernel.txt")).split("\n")[0]
    for b in BACKENDS:
        rc = harness.read_text(os.path.join(job.out, "smoke.%s.rc" % b)).strip()
        job.smoke[b] = int(rc) if rc.lstrip("-").isdigit() else None
    known = known_failures()
    for name, cmd in checker_cmds(job):
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        with open(os.path.join(job.out, "check.%s.log" % name), "w") as f:
            f.write(p.stdout)
        job.checks[name] = (p.returncode, p.stdout)
        attributed = unknown = False
        for line in p.stdout.splitlines():
            if name == "e2e":
                m = LINE_E2E.match(line)
                if not m:
                    continue
                backend, what = m.group(2), m.group(3)
            else:
                m = LINE_CORPUS.match(line)
                if not m:
                    continue
                backend, what = plan_backend(m.group(3)), m.group(2)
            c = job.counts.setdefault((backend, name), [0, 0, [], []])
            if m.group(1) == "ok":
                c[0] += 1
            elif is_known(known, job.name, name, backend, what):
                c[1] += 1
                attributed = True
                if what not in c[3]:
                    c[3].append(what)
            else:
                c[1] += 1
                attributed = unknown = True
                if what not in c[2]:
                    c[2].append(what)
        if p.returncode != 0 and (unknown or not attributed):
            summary = [ln for ln in p.stdout.splitlines() if ln.strip()][-1:]
            job.problems.append("%s check exit %d%s" % (name, p.returncode,
                                                        ": " + summary[0] if summary else ""))
            if not attributed:
                job.problems.append("%s: a failure no backend row shows, see %s" % (
                    name, os.path.join(job.out, "check.%s.log" % name)))
    for tag in ("forest", "forest-contended"):
        base = os.path.join(job.out, tag)
        rc = harness.read_text(base + ".rc").strip()
        if rc != "0":
            job.problems.append("%s: vma_forest exit %s (%s.err)" % (tag, rc or "missing", base))
            continue
        problems, figures = forest.check_run(base + ".json", base + ".gt",
                                             harness.read_text(base + ".err"),
                                             tag == "forest-contended",
                                             require_contention=False)
        job.problems += ["%s: %s" % (tag, p) for p in problems]
        log("%s: %s %s" % (job.name, tag, ", ".join("%s %s" % kv for kv in figures.items())))
    log("%s: %s" % (job.name, "PASS" if job_ok(job) else "FAIL: " + "; ".join(job.problems)))


def job_ok(job):
    return (job.rc == 0 and not job.problems and
            all(job.smoke.get(b) == 0 for b in BACKENDS))


def rows(jobs):
    """One row per kernel and backend (and "none": the corpora's untraced control runs)."""
    out = []
    for j in jobs:
        names = [n for n, _ in checker_cmds(j)]
        for backend in BACKENDS + ["none"]:
            cells = {}
            ok = True
            known_any = False
            for n in names:
                c = j.counts.get((backend, n))
                if not c:
                    cells[n] = ""
                    continue
                cells[n] = "%d/%d" % (c[0], c[0] + c[1])
                if c[2]:
                    ok = False
                    cells[n] += " FAIL: " + ", ".join(c[2])
                if c[3]:
                    known_any = True
                    cells[n] += " known: " + ", ".join(c[3])
            smoke = "" if backend == "none" else j.smoke.get(backend)
            if backend == "none" and not any(cells.values()):
                continue
            if backend != "none" and smoke != 0:
                ok = False
            if j.rc != 0:
                ok = False
            out.append({
                "kernel": j.label, "name": j.name, "release": j.release, "package": j.package,
                "backend": backend,
                "smoke": "" if backend == "none" else ("missing" if smoke is None else
                                                       ("ok" if smoke == 0 else "rc %d" % smoke)),
                "e2e": cells.get("e2e", ""), "malicious": cells.get("malicious", ""),
                "benign": cells.get("benign", ""), "x32": cells.get("x32", ""),
                "result": ("pass, known failures" if known_any else "pass") if ok else "FAIL",
            })
    return out


ORDER = ["6.1", "6.1-x32", "6.12", "6.18", "newest"]
LONGEST_FIRST = ["newest", "6.1", "6.18", "6.12", "6.1-x32"]


def write_tables(jobs, build, started, wall):
    jobs = sorted(jobs, key=lambda j: ORDER.index(j.name) if j.name in ORDER else len(ORDER))
    d = os.path.join(build, "matrix")
    os.makedirs(d, exist_ok=True)
    rs = rows(jobs)
    cols = ["kernel", "package", "backend", "smoke", "e2e", "malicious", "benign", "x32",
            "result"]
    with open(os.path.join(d, "matrix.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["name", "kernel", "release", "package", "backend",
                                          "smoke",
                                          "e2e", "malicious", "benign", "x32", "result"],
                           extrasaction="ignore")
        w.writeheader()
        w.writerows(rs)
    qemu = subprocess.run(["qemu-system-x86_64", "--version"], stdout=subprocess.PIPE,
                          text=True).stdout.split("\n")[0]
    doc = {
        "date": started, "wall_seconds": wall, "host_kernel": platform.release(), "qemu": qemu,
        "passed": all(job_ok(j) for j in jobs),
        "kernels": [{
            "name": j.name, "kernel": j.label, "release": j.release, "package": j.package,
            "suite": j.suite or "", "cpu": j.cpu, "deb": os.path.basename(j.deb or ""),
            "plans": [os.path.relpath(p, ROOT) for p in j.plans], "seconds": j.seconds,
            "run_rc": j.rc, "smoke": j.smoke,
            "checks": {n: rc for n, (rc, _) in j.checks.items()},
            "problems": j.problems, "passed": job_ok(j),
        } for j in jobs],
        "rows": rs,
    }
    with open(os.path.join(d, "matrix.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    md = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rs:
        md.append("| " + " | ".join(r[c].replace("|", "\\|") or "-" for c in cols) + " |")
    text = "\n".join(md) + "\n"
    with open(os.path.join(d, "matrix.md"), "w") as f:
        f.write("Kernel matrix, %s (%d s wall, host %s, %s)\n\n" % (started, wall,
                                                                   platform.release(), qemu))
        f.write(text)
    return d, text


def recheck(jobs, build):
    with open(os.path.join(build, "matrix", "matrix.json")) as f:
        last = json.load(f)
    before = {k["name"]: k for k in last["kernels"]}
    for j in jobs:
        if j.name not in before:
            continue
        j.b = os.path.join(build, j.name)
        j.out = os.path.join(j.b, "out")
        j.rc, j.seconds = before[j.name]["run_rc"], before[j.name]["seconds"]
        if j.rc != 0:
            j.problems.append("run.sh exit %d: %s" % (j.rc, last_lines(
                os.path.join(j.b, "run.log"))))
        check_job(j)
    jobs = [j for j in jobs if j.name in before]
    d, text = write_tables(jobs, build, last["date"], last["wall_seconds"])
    print(text)
    return 0 if all(job_ok(j) for j in jobs) else 1


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "kernels"),
                    help="build and cache folder (default build/kernels)")
    ap.add_argument("--jobs", type=int, default=2, help="guests at once (default 2)")
    ap.add_argument("--only", default="", help="comma-separated kernels: 6.1,6.1-x32,6.12,6.18,"
                    "newest")
    ap.add_argument("--refresh", action="store_true", help="refresh the apt lists now")
    ap.add_argument("--fetch-only", action="store_true",
                    help="choose and download the kernels, boot nothing")
    ap.add_argument("--recheck", action="store_true",
                    help="boot nothing: check the last run's guest files again and rewrite the "
                    "tables (the run's date, times and exit statuses come from its matrix.json)")
    a = ap.parse_args()
    if os.geteuid() != 0:
        print("kernels: run as root (apt-get, and the guest images are built as root)",
              file=sys.stderr)
        return 2
    build = os.path.abspath(a.build)
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    t0 = time.time()

    apt = Apt(os.path.join(build, "apt"))
    apt.setup()
    try:
        apt.update(a.refresh)
    except RuntimeError as e:
        print("kernels: %s" % e, file=sys.stderr)
        return 1
    images = apt.images()
    chosen = {}
    for name, series in (("6.12", "6.12"), ("6.18", "6.18"), ("newest", None)):
        i = pick(images, series)
        if i is None:
            print("kernels: the lists hold no %s cloud-amd64 kernel image" % (series or "newest"),
                  file=sys.stderr)
            return 1
        i["suite"] = apt.suite_of(i["pkg"], i["version"])
        chosen[name] = i
        log("%s: %s %s (%s)" % (name, i["pkg"], i["version"], i["suite"]))
    for i in chosen.values():
        try:
            i["deb"] = apt.download(i["pkg"], i["version"])
        except (RuntimeError, subprocess.CalledProcessError) as e:
            print("kernels: cannot download %s %s: %s" % (i["pkg"], i["version"], e),
                  file=sys.stderr)
            return 1
    if a.fetch_only:
        return 0

    n = chosen["newest"]
    jobs = [
        Job("6.1", "(oldest, bookworm)", [E2E_PLAN, MAL_PLAN, BENIGN_PLAN], timeout=1800),
        Job("newest", "(newest, %s)" % n["suite"], [E2E_PLAN, MAL_PLAN, BENIGN_PLAN],
            deb=n["deb"], pkg=n["pkg"], suite=n["suite"], timeout=1800),
        Job("6.12", "(%s)" % chosen["6.12"]["suite"], [E2E_PLAN], deb=chosen["6.12"]["deb"],
            pkg=chosen["6.12"]["pkg"], suite=chosen["6.12"]["suite"], cpu="max,-cx16"),
        Job("6.18", "(%s)" % chosen["6.18"]["suite"], [E2E_PLAN], deb=chosen["6.18"]["deb"],
            pkg=chosen["6.18"]["pkg"], suite=chosen["6.18"]["suite"], cpu="max,-cx16"),
        Job("6.1-x32", "generic, syscall.x32=y (bookworm)", [X32_PLAN], timeout=600),
    ]
    if chosen["newest"]["pkg"] == chosen["6.18"]["pkg"]:
        log("the newest kernel is the 6.18 one: booted once, as newest")
        jobs = [j for j in jobs if j.name != "6.18"]
    if a.only:
        want = a.only.split(",")
        jobs = [j for j in jobs if j.name in want]

    if a.recheck:
        return recheck(jobs, build)

    # Built once here, so the guests' run.sh find everything up to date and never build at once.
    subprocess.run([os.path.join(ROOT, "scripts", "install-deps.sh")], check=True)
    subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "static"], check=True)

    # Longest guest first (times of a clean-clone CI on the 2-core machine: newest ~1,350 s,
    # 6.1 ~1,000, 6.18 ~670, 6.12 ~460, 6.1-x32 ~120): the two long ones start together and the
    # short ones fill in behind them, so the matrix takes the longest lane, not a sum of two.
    queue = sorted(jobs, key=lambda j: LONGEST_FIRST.index(j.name))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                job = queue.pop(0)
            try:
                run_job(job, build)
            except Exception as e:  # noqa: BLE001 (a broken job is a failed row, not a crash)
                job.rc = job.rc if job.rc is not None else -1
                job.problems.append("harness error: %s: %s" % (type(e).__name__, e))

    threads = [threading.Thread(target=worker) for _ in range(max(1, a.jobs))]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        harness.kill_started()
    wall = round(time.time() - t0)
    d, text = write_tables(jobs, build, started, wall)
    print(text)
    for j in jobs:
        print("%-8s %-58s %4d s  %s" % (j.name, j.package or "?", j.seconds,
                                        "pass" if job_ok(j) else "FAIL: " + "; ".join(j.problems)))
    ok = all(job_ok(j) for j in jobs)
    print("kernels: %s in %d s; tables in %s" % ("all passed" if ok else "FAILED", wall, d))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
