# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Checks one run of tests/reliability/progs/vma_forest under sigscope: the lockless VMA walk
(src/bpf/vma.bpf.h) against the program's own ground truth. Used by
tests/reliability/run_reliability.py (this machine) and tests/kernels/matrix.py (each guest).

    problems, figures = check_run(events_path, gt_path, stderr_text, contended)

Plain run (SIGSCOPE_VMA_WALK_CHECK=1): every lookup was cross-checked by the walk and none
disagreed. Contended run: at least MIN_CONTENDED sigreturns met a busy mm lock, the walk answered
every lookup that did, none is undecided. Both: every restored rip's verdict.ripClass is the
class the program says that address has, and the events' rips are the ground truth's, one
sigreturn per line (matched by rip: the rings do not keep the order). Standard library.
"""

import json
import re

# How many lookups must meet a busy lock for a contended run to prove anything. Contention is
# luck (the hammers hold the lock a fraction of the time): a TCG guest under load met it on 21 of
# 64 sigreturns, where "half" failed the run. fb25d11, before the walk, left every one of them
# undecided, so 8 still tells the two apart. The guests (one CPU) do not require it: with one
# CPU the lock is busy only when a hammer is preempted inside mprotect, which a lazily preempted
# kernel (6.18's) may never do in a run (0 of 64, then 44 of 64, on the same kernel). The host's
# two CPUs contend every lookup (840 of 840) and are the proof; a guest that did contend is checked
# the same way (every busy lookup walked, none undecided).
MIN_CONTENDED = 8


def summary_count(stderr, label):
    """N of the summary's "; LABEL N" item, 0 when absent."""
    m = re.search(r"; %s (\d+)" % re.escape(label), stderr)
    return int(m.group(1)) if m else 0


def verdicts(events_path):
    """(restored rip, verdict) of every rt_sigreturn event (the program's helpers make none).
    Not in the order they happened: a record with a finding may take the alert ring, read
    before the ordinary one, or the ordinary one once its account is over the alert budget."""
    out = []
    with open(events_path, "rb") as f:
        for line in f:
            e = json.loads(line)
            if e.get("eventName") == "rt_sigreturn":
                a = {x.get("name"): x.get("value") for x in e.get("args") or []
                     if isinstance(x, dict)}
                out.append(((a.get("uc_mcontext") or {}).get("rip"), a.get("verdict") or {}))
    return out


def check_run(events_path, gt_path, stderr, contended, require_contention=True):
    problems, figures = [], {}
    try:
        with open(gt_path) as f:
            truth = [(int(ln.split()[3], 16), ln.split()[5]) for ln in f
                     if ln.startswith("sigreturn ")]
        pairs = verdicts(events_path)
    except (OSError, ValueError, IndexError) as e:
        return ["unreadable run files: %s" % e], figures
    want = [c for _, c in truth]
    got = [v for _, v in pairs]
    class_of = dict(truth)  # an address has one class
    if not want or len(got) != len(want):
        problems.append("%d sigreturns in the ground truth, %d events" % (len(want), len(got)))
    if sorted(r for r, _ in truth) != sorted(r for r, _ in pairs):
        problems.append("the events' restored rips are not the ground truth's")
    wrong = [("%#x" % (r or 0), class_of.get(r), v.get("ripClass")) for r, v in pairs
             if v.get("ripClass") != class_of.get(r)]
    if wrong:
        problems.append("%d of %d rips classified wrongly, first (rip, truth, verdict): %s" % (
            len(wrong), len(want), wrong[:3]))
    if not contended:
        checked = summary_count(stderr, "lookups cross-checked by the walk")
        disagreed = summary_count(stderr, "... where the walk disagreed")
        figures["lookups cross-checked"] = checked
        if checked < len(want):
            problems.append("only %d lookups cross-checked for %d sigreturns" % (
                checked, len(want)))
        if disagreed:
            problems.append("the walk disagreed with bpf_find_vma %d times" % disagreed)
        return problems, figures
    busy = summary_count(stderr, "address lookups that met a busy mm lock")
    walked = summary_count(stderr, "... answered by walking the VMA tree without it")
    met = sum(1 for g in got if g.get("contended"))
    figures["lookups that met a busy lock, answered by the walk"] = "%d, %d" % (busy, walked)
    if met < MIN_CONTENDED and not require_contention:
        figures["contention"] = "too little to prove anything (%d of %d)" % (met, len(got))
    elif met < MIN_CONTENDED:
        problems.append("only %d of %d sigreturns met a busy lock (%d needed): the run proves "
                        "nothing" % (met, len(got), MIN_CONTENDED))
    if walked != busy:
        problems.append("%d lookups met a busy lock, the walk answered %d" % (busy, walked))
    undecided = sum(1 for g in got if g.get("explanation") == "undecided")
    if undecided:
        problems.append("%d redirects undecided" % undecided)
    return problems, figures
