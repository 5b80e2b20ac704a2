#!/usr/bin/env python3
"""Turn the guest's console log (tests/kernels/run.sh) into files in OUTDIR.

The guest's /init (tests/kernels/init.sh) prints
    ==KERNEL <uname -r>==
    ==BEGIN FILES==
    ==FILE <name> <size> <sha256>==   then gzip+base64 lines, then   ==END==   (per file)
    ==DONE==
This writes every file into OUTDIR (size and sha256 checked), copies the log to OUTDIR/console.log,
prints the guest kernel and one line per plan entry, and exits 1 when the guest did not finish,
a transfer is corrupt, or a file the plan expects (PROG.MODE.json/.gt/.rc) is missing.
The e2e checks themselves are tests/e2e/run_e2e.py --check-dir OUTDIR.

usage: collect.py CONSOLE_LOG OUTDIR PLAN
"""

import base64
import binascii
import gzip
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from harness import read_plan  # noqa: E402

FILE_RE = re.compile(r"^==FILE (\S+) (\d+) ([0-9a-f]{64})==$")
KERNEL_RE = re.compile(r"^==KERNEL (\S+)==$")
B64_RE = re.compile(r"^[A-Za-z0-9+/=]+$")
SAFE_NAME = re.compile(r"^[A-Za-z0-9_.+-]+$")


def parse_console(text):
    """Returns (kernel, files{name: bytes}, errors[], done, panic_lines[])."""
    kernel, files, errors, done = None, {}, [], False
    cur = None  # (name, size, sha, [b64 lines])
    for raw in text.splitlines():
        line = raw.strip("\r\n\x00 ")
        if cur is not None:
            if line == "==END==":
                name, size, sha, chunks = cur
                cur = None
                try:
                    data = gzip.decompress(base64.b64decode("".join(chunks), validate=True))
                except (binascii.Error, OSError, EOFError) as e:
                    errors.append(f"{name}: cannot decode ({e})")
                    continue
                if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
                    errors.append(f"{name}: size/sha256 mismatch (console corrupted the transfer)")
                    continue
                files[name] = data
            elif B64_RE.match(line):
                cur[3].append(line)
            elif line:
                # A kernel message inside the data: keep going, the checksum decides.
                errors.append(f"{cur[0]}: stray console line inside the data: {line[:120]!r}")
            continue
        m = FILE_RE.match(line)
        if m:
            name = m.group(1)
            if not SAFE_NAME.match(name) or name in (".", ".."):
                errors.append(f"refusing file name {name!r}")
                continue
            cur = (name, int(m.group(2)), m.group(3), [])
            continue
        m = KERNEL_RE.match(line)
        if m:
            kernel = m.group(1)
        elif line == "==DONE==":
            done = True
    if cur is not None:
        errors.append(f"{cur[0]}: transfer cut off (no ==END==)")
    panic = [
        l.strip("\r")
        for l in text.splitlines()
        if re.search(r"Kernel panic|BUG:|Oops|general protection fault|RIP:|Call Trace", l)
    ]
    return kernel, files, errors, done, panic


def summarize_events(data):
    """'rt_sigreturn 5 (ia32 5), signal_deliver 5' from sigscope's JSON lines."""
    names, abis, bad = {}, {}, 0
    for line in data.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        try:
            ev = json.loads(line)
        except ValueError:
            bad += 1
            continue
        name = ev.get("eventName", "?")
        names[name] = names.get(name, 0) + 1
        if name == "rt_sigreturn":
            for arg in ev.get("args", []):
                if isinstance(arg, dict) and arg.get("name") == "abi":
                    abis[arg.get("value")] = abis.get(arg.get("value"), 0) + 1
    parts = []
    for name, n in sorted(names.items()):
        extra = ""
        if name == "rt_sigreturn" and abis:
            extra = " (" + ", ".join(f"{a} {c}" for a, c in sorted(abis.items())) + ")"
        parts.append(f"{name} {n}{extra}")
    if bad:
        parts.append(f"{bad} unparsable lines")
    return ", ".join(parts) or "no events"


def gt_status(data):
    """The ground truth's summary record: ok / self-check failure."""
    for line in reversed(data.decode("utf-8", "replace").splitlines()):
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if rec.get("kind") == "summary":
            return "gt ok" if rec.get("ok") else f"gt FAILED: {rec.get('failure', '')}"
    return "gt has no summary"


def load_failure(log):
    """From a SIGSCOPE_DEBUG=1 log: "prog 'X': <last verifier line>" for each program that failed."""
    lines = log.decode("utf-8", "replace").splitlines()
    out = []
    for i, line in enumerate(lines):
        m = re.search(r"prog '([^']+)': failed to load", line)
        if not m:
            continue
        # The verifier's verdict is the last line before its statistics / the end of its log.
        j = i - 1
        while j >= 0 and (not lines[j].strip() or lines[j].startswith(("processed ", "-- END", "verification time", "stack depth"))):
            j -= 1
        out.append(f"prog '{m.group(1)}': {lines[j].strip() if j >= 0 else line.strip()}")
    return out


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    log_path, outdir, plan_path = argv[1:]
    with open(log_path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "console.log"), "w", encoding="utf-8") as f:
        f.write(text)
    kernel, files, errors, done, panic = parse_console(text)
    for name, data in files.items():
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)

    failed = False
    print(f"guest kernel: {kernel or 'UNKNOWN (no ==KERNEL== line: the guest /init never got that far)'}")
    if "kernel-package.txt" in files:
        print(f"guest kernel package: {files['kernel-package.txt'].decode('utf-8', 'replace').strip()}")
    for name in sorted(n for n in files if n.startswith("smoke.") and n.endswith(".rc")):
        mode = name.split(".")[1]
        rc = files[name].decode().strip()
        note = "" if rc == "0" else f"  FAILED: see {outdir}/smoke.{mode}.err, smoke.{mode}.debug.log"
        print(f"smoke  hooks={mode:<6} rc={rc}{note}")
        for why in load_failure(files.get(f"smoke.{mode}.debug.log", b"")):
            print(f"       {why}")
    for mode, prog in read_plan(plan_path):
        base = f"{prog}.{mode}"
        missing = [s for s in ("json", "gt", "rc") if f"{base}.{s}" not in files]
        if missing:
            failed = True
            rc = files.get(f"{base}.rc", b"?").decode().strip()
            err = files.get(f"{base}.err", b"").decode("utf-8", "replace").strip().splitlines()
            why = f" ({err[0][:150]})" if err else ""
            print(f"{prog:<14} {mode:<6} exit={rc:<4} MISSING "
                  f"{', '.join(base + '.' + s for s in missing)}{why}")
            continue
        rc = files[f"{base}.rc"].decode().strip()
        print(f"{prog:<14} {mode:<6} exit={rc:<4} {gt_status(files[base + '.gt'])}; "
              f"{summarize_events(files[base + '.json'])}")
    for e in errors:
        failed = True
        print(f"transfer error: {e}")
    if not done:
        failed = True
        print("guest did NOT finish (no ==DONE== marker): panic, hang or timeout", file=sys.stderr)
        for l in panic[:40]:
            print(f"  console: {l}", file=sys.stderr)
        tail = [l for l in text.splitlines() if l.strip()][-15:]
        print("  last console lines:", file=sys.stderr)
        for l in tail:
            print(f"    {l.strip()[:200]}", file=sys.stderr)
    elif panic:
        print(f"note: kernel trouble on the console ({len(panic)} lines), see {outdir}/console.log")
    print(f"{len(files)} files in {outdir}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
