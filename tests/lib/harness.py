"""What every sigscope test runner shares (tests/e2e/run_e2e.py and run_cli.py, the corpora,
tests/reliability/run_reliability.py, tests/conformance/run.py): named checks and their report,
child processes started in their own session and killed by group on the way out, reading files,
exit statuses, building the C test programs.

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
    import harness
"""

import os
import shutil
import signal
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The flags the C test programs (e2e, corpora) are built with.
PROG_CFLAGS = ["-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror", "-pthread"]

STARTED = []  # every Popen made through popen(): killed (by process group) on the way out


class CheckError(Exception):
    """Raised inside a check to fail it with one message."""


class Check:
    """One named check: collects failures; the reporter shows the first (and how many more)."""

    def __init__(self, name):
        self.name = name
        self.errors = []

    def check(self, cond, msg):
        if not cond:
            self.errors.append(msg)
        return cond

    def run(self, fn, *args):
        """fn(self, *args); a CheckError or a malformed event fails the check, not the run."""
        try:
            fn(self, *args)
        except CheckError as e:
            self.errors.append(str(e))
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as e:
            self.errors.append("malformed event: %s: %s" % (type(e).__name__, e))


class Reporter:
    """"ok NAME" / "FAIL NAME: first error (+N more)" / "skip NAME: why", and the counts."""

    def __init__(self, verbose=False):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def ok(self, name):
        self.passed += 1
        print("ok   %s" % name, flush=True)

    def fail(self, name, errors):
        self.failed += 1
        more = " (+%d more)" % (len(errors) - 1) if len(errors) > 1 else ""
        print("FAIL %s: %s%s" % (name, errors[0], more), flush=True)
        if self.verbose:
            for e in errors[1:]:
                print("       %s" % e, flush=True)

    def skip(self, name, why):
        print("skip %s: %s" % (name, why), flush=True)

    def report(self, c):
        if c.errors:
            self.fail(c.name, c.errors)
        else:
            self.ok(c.name)

    group = report

    def finish(self, label, workdir, keep=False, what="run files"):
        """The closing lines: where the files are (kept on failure or on request), the counts.
        Returns the exit status."""
        if keep or self.failed:
            print("%s: %s in %s" % (label, what, workdir))
        else:
            shutil.rmtree(workdir, ignore_errors=True)
        print("%s: %d passed, %d failed" % (label, self.passed, self.failed))
        return 1 if self.failed else 0


def child_setup():
    # The harness may run with SIGINT ignored (a background job of a non-interactive shell):
    # an ignored signal stays ignored across exec, so give every child the default actions.
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGPIPE):
        signal.signal(s, signal.SIG_DFL)


def popen(cmd, **kw):
    """A child in its own session (so it and its descendants can be killed as a group)."""
    kw.setdefault("stdin", subprocess.DEVNULL)
    p = subprocess.Popen(cmd, preexec_fn=child_setup, start_new_session=True, **kw)
    STARTED.append(p)
    return p


def kill_started():
    """Kills what is left of the processes popen() started, by their own process groups."""
    for p in STARTED:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass


def read_text(path, missing=""):
    """A file's text (invalid UTF-8 replaced); missing when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return missing


def args_of(e):
    """An event's args as {name: value} (entries that are not objects are left out); an event
    without an args array fails the check that reads it."""
    a = e.get("args")
    if not isinstance(a, list):
        raise CheckError("event without an args array: %s" % e.get("eventName"))
    return {x.get("name"): x.get("value") for x in a if isinstance(x, dict)}


def read_plan(path):
    """A guest plan's ("MODE", "PROG") lines; '#' starts a comment (plan directives included)."""
    plan = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split("#", 1)[0].split()
            if len(parts) >= 2:
                plan.append((parts[0], parts[1]))
    return plan


def stderr_lines(text):
    return [ln for ln in text.split("\n") if ln != ""]


def shell_status(rc):
    """A Popen returncode as a shell reports it: 128 + N for a death by signal N."""
    return 128 - rc if rc is not None and rc < 0 else rc


def build_prog(src, out, deps=(), check=True):
    """cc PROG_CFLAGS src -o out, unless out is newer than src and deps. Returns the compiler's
    CompletedProcess (None when out was up to date); raises on failure when check. A program
    whose name ends in _m32 is a 32-bit one (-m32, no PIE: its code uses absolute addresses)."""
    if os.path.exists(out):
        newest = max(os.path.getmtime(p) for p in [src] + list(deps))
        if os.path.getmtime(out) >= newest:
            return None
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    m32 = ["-m32", "-fno-pie", "-no-pie"] if os.path.basename(out).endswith("_m32") else []
    p = subprocess.run(["cc"] + PROG_CFLAGS + m32 + [src, "-o", out], capture_output=True,
                       text=True)
    if check and p.returncode != 0:
        raise RuntimeError("cannot build %s:\n%s" % (os.path.basename(out), p.stderr))
    return p


_RUNS_32BIT = None


def runs_32bit():
    """Does this kernel run 32-bit programs? Some machines have IA32 emulation built in and turned
    off (exec says ENOEXEC): their _m32 programs skip, as an ABI the kernel lacks does."""
    global _RUNS_32BIT
    if _RUNS_32BIT is None:
        d = tempfile.mkdtemp(prefix="m32probe.")
        try:
            src, out = os.path.join(d, "p.c"), os.path.join(d, "p_m32")
            with open(src, "w") as f:
                f.write("int main(void) { return 0; }\n")
            built = subprocess.run(["cc", "-m32", src, "-o", out], capture_output=True)
            try:
                _RUNS_32BIT = built.returncode == 0 and subprocess.call([out]) == 0
            except OSError:
                _RUNS_32BIT = False
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return _RUNS_32BIT


def arg_parser(doc):
    """The runners' command line: --sigscope and --progs default to this tree's build/."""
    import argparse

    ap = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    ap.add_argument("--sigscope", default=os.path.join(ROOT, "build", "sigscope"))
    ap.add_argument("--progs", default=os.path.join(ROOT, "build", "e2e"))
    return ap
