#!/usr/bin/env python3
"""Conformance with Tracee's types (issue 11): runs the e2e programs and the malicious corpus
(findings, enforcement) under sigscope in both JSON formats, then checks every line with the Go
checker of this directory (built offline, standard library only).

    python3 tests/conformance/run.py --sigscope build/sigscope --progs build/e2e
"""

import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
E2E = ["sig_plain", "sig_nested", "sig_altstack", "sig_siginfo", "sig_restart", "sig_eintr",
       "sig_longjmp", "sig_threads", "cli_stack"]
# srop_restorer_gadget raises wrong_call_site (srop_gadget's gadget is a real sigreturn stub).
MALICIOUS = ["srop_gadget", "srop_libc_restorer", "srop_replay", "srop_tamper_pivot",
             "srop_toctou", "srop_restorer_gadget"]
FORMATS = {"json": "trace-event", "tracee-v2": "tracee-v2"}


def build_checker(build):
    out = os.path.join(build, "conformance")
    env = dict(os.environ, GOPROXY="off", GOFLAGS="-mod=mod", GO111MODULE="on",
               GOCACHE=os.path.join(build, "gocache"), GOTOOLCHAIN="local")
    subprocess.run(["go", "build", "-o", out, "."], cwd=HERE, env=env, check=True)
    return out


def build_malicious(build):
    d = os.path.join(build, "corpus", "malicious")
    os.makedirs(d, exist_ok=True)
    for name in MALICIOUS:
        src = os.path.join(harness.ROOT, "tests", "corpus", "malicious", name + ".c")
        harness.build_prog(src, os.path.join(d, name),
                           deps=[os.path.join(os.path.dirname(src), "mal.h")])
    return d


def trace(sigscope, fmt, extra, cmd, out, env=None):
    r = subprocess.run([sigscope, "-q", "-o", fmt, "-w", out] + extra + ["--"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                       env=env)
    return r.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sigscope", default="build/sigscope")
    ap.add_argument("--progs", default="build/e2e")
    ap.add_argument("--build", default="build")
    a = ap.parse_args()
    a.build = os.path.abspath(a.build)
    checker = build_checker(a.build)
    mal = build_malicious(a.build)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="sigscope-conformance-") as tmp:
        for fmt, cfmt in FORMATS.items():
            files = []
            for p in E2E:
                out = os.path.join(tmp, "%s.%s" % (p, fmt))
                env = dict(os.environ, GROUND_TRUTH=os.path.join(tmp, p + ".gt"))
                # -e all: every kind of event is checked; the attacks below run with the
                # default events (sigreturns and findings).
                rc = trace(a.sigscope, fmt, ["--stack-bytes", "64", "-e", "all"],
                           [os.path.join(a.progs, p)], out, env)
                if rc != 0:
                    print("FAIL %s under -o %s: exit %d" % (p, fmt, rc))
                    failed += 1
                files.append(out)
            for p in MALICIOUS:
                out = os.path.join(tmp, "%s.%s" % (p, fmt))
                env = dict(os.environ, MARKER=os.path.join(tmp, p + ".marker"))
                rc = trace(a.sigscope, fmt, ["--enforce"], [os.path.join(mal, p)], out, env)
                if rc != 128 + 9:
                    print("FAIL %s under -o %s --enforce: exit %d, not killed" % (p, fmt, rc))
                    failed += 1
                files.append(out)
            need = ",".join(["rt_sigreturn", "signal_deliver", "signal_generate",
                             "sigscope_enforcement", "sigreturn_forged_frame",
                             "sigreturn_wrong_call_site", "sigreturn_tampered_context",
                             "sigreturn_stack_pivot", "sigreturn_toctou"])
            r = subprocess.run([checker, "-format", cfmt, "-min-lines", "100", "-need", need]
                               + files)
            failed += r.returncode != 0
    print("conformance: %s" % ("FAILED" if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
