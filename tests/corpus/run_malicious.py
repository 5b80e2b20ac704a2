#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Malicious corpus: sigreturn attacks that really work, and must be detected and stopped.

    python3 tests/corpus/run_malicious.py --sigscope build/sigscope [--progs DIR] [--matrix]
    python3 tests/corpus/run_malicious.py --check-dir OUTDIR [--plan PLAN] [--require-run]   (6.1 guest)

Programs: tests/corpus/malicious/NAME.c, built here with `cc -O1 -g` into --progs
(build/corpus/malicious). Each one, when its attack succeeds, creates the file $MARKER (content
"pwned") from the hijacked context and exits 0; exits 3 when the attack did not happen for a reason
other than being killed, 77 when this kernel cannot run it (tests/corpus/malicious/mal.h).

Per program, three runs:
  a. untraced: the marker appears (the attack is real); exit 77 skips the program
  b. `sigscope -q -o json -w OUT -- PROG` (detect only): the marker appears AND OUT holds, for the
     program's pid, the expected finding events (docs/events.md "Findings") at their severities
     (at least one of them >= 3, high), and none of the findings the program must not raise
  c. `sigscope -q -o json -w OUT --enforce -- PROG`: no marker, sigscope exits 137 (the command
     died by SIGKILL), and OUT holds a sigscope_enforcement event for the pid
srop_toctou races: a rewrite can also land before the tracer's read at the syscall entry, which
is no TOCTOU (sigscope sees a tampered_context at entry, low, and --enforce=high lets it through).
Such runs are reported and retried (--toctou-tries); the checks pass on the first run in which a
real TOCTOU happened.

Prints `ok   NAME`, `FAIL NAME: reason` or `skip NAME: reason` per program, and finally exactly
`malicious: N passed, M failed`. --matrix also prints a Markdown table program x finding (the
severity seen in run b) with whether enforcement held (run c). Exit status 0, 1 when a check
failed, 2 when not root or sigscope / a program is missing. Python 3 standard library only.

Run modes (PROGS[...]["run"]), for the scope and pre-existing-thread classes of issue 8:
  command  (default) `sigscope ... -- PROG`, as above
  attach   the program starts first and waits (mal.h's go protocol: it prints "NAME: ready" and
           waits for SIGUSR2); then `sigscope -o json -w OUT -p PID [--enforce]` (no -q: its
           start-up line "sigscope: tracing" says it is attached), then the go. The program's
           threads are older than sigscope. An entry with "scope" attaches with those options
           instead of -p PID
  scoped   `sigscope -o json -w OUT SCOPE... [--enforce]` starts first (SCOPE: the entry's
           "scope" options, e.g. -c NAME, --container ID, --cgroup PATH), then the program
           (started inside a cgroup when the entry says "cgroup"), then the go if it waits
In both, sigscope is stopped with SIGINT once the program has exited, and the status checked is
the program's own (128 + N when signal N killed it; a program whose attacker is a child exits
as the child did, and prints "NAME: attacker pid N": that pid's events are checked). Untraced
runs make the same go handshake (and cgroup placement) without sigscope.
The cgroup entries (host only) make a cgroup v2 "sigscope-test.slice/docker-<64 hex>.scope"
under the cgroup2 mount (a container id as src/proc/proc_ctx.c parses it), removed afterwards.
An entry with "out_of_scope" runs an attack that sigscope was told not to watch: untraced and
enforce runs only, and the enforce run must leave it alone (marker written, exit 0, no
sigscope_enforcement event for its pid).

--check-dir reads the files of a tests/kernels/run.sh run made with tests/corpus/malicious/plan.txt
(plan lines "MODE PROG": MODE none, a hook mode, or HOOKS+enforce, optionally prefixed with
`attach-` for the attach mode: attach-none, attach-full+enforce...; files OUTDIR/PROG.MODE.{rc,
json,err,marker}) and applies the same checks to them.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import harness  # noqa: E402
from harness import args_of, read_plan, read_text, shell_status  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SRC = os.path.join(HERE, "malicious")
FINDINGS = ["forged_frame", "wrong_call_site", "tampered_context", "stack_pivot", "toctou",
            "abi_switch", "preexisting_unmatched"]
SEVERITIES = ["info", "low", "medium", "high", "critical"]
HIGH = 3
EXIT_NOTHING, EXIT_SKIP = 3, 77
MARKER_TEXT = b"pwned"

# expect: finding -> minimum severity in run b; forbid: findings that would be false positives.
# (The ia32 program cannot run on a kernel without ia32 emulation: it skips there, and is proven
# on the 6.1 guest, see tests/corpus/malicious/plan.txt.)
PROGS = {
    # Its gadget is `mov $15,%eax; syscall; ret`: byte for byte a sigreturn stub, which is all
    # wrong_call_site checks (srop_restorer_gadget enters through a bare `syscall; ret`).
    "srop_gadget": {
        "expect": {"forged_frame": 4},
        "forbid": ["stack_pivot", "preexisting_unmatched"],
        "what": "fake frame entered through a `syscall; ret` gadget",
    },
    # Sibling threads pinned to its CPU flood the hooks (signals and null syscalls) so that the
    # kernel skips the judging program (recursion_misses, 7.0+: docs/kernels.md) while the main
    # thread returns through a forged frame. The flood's own sigreturns are genuine: a skipped
    # entry must never make one of them a false TOCTOU or forged finding.
    "srop_skip_flood": {
        "expect": {"forged_frame": 4},
        "forbid": ["toctou", "stack_pivot", "preexisting_unmatched", "tampered_context"],
        "what": "forged frame returned through while sibling threads on its CPU flood the hooks",
    },
    # Issue 15: a forged return whose registers mimic a syscall(-1) return (rax -ENOSYS, rcx =
    # rip after a syscall instruction, r11 = rflags), made under the same flood: an exit whose
    # entry was skipped used to take it for a plain syscall's and leave it unjudged.
    "srop_plain_mimic": {
        "expect": {"forged_frame": 4},
        "forbid": ["toctou", "stack_pivot", "preexisting_unmatched", "tampered_context"],
        "what": "forged frame mimicking a syscall(-1) return, under a same-CPU flood",
    },
    "srop_libc_restorer": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "fake frame entered through glibc's __restore_rt",
    },
    "srop_replay": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "copy of a genuine frame replayed after its handler returned",
    },
    "srop_tamper_pivot": {
        "expect": {"stack_pivot": 3, "tampered_context": 1},
        "forbid": ["forged_frame", "wrong_call_site"],
        "what": "handler moves rip to injected anon code and rsp to the heap",
    },
    "srop_toctou": {
        "expect": {"toctou": 3},
        "forbid": ["forged_frame", "wrong_call_site"],
        "what": "racing thread rewrites rip between the tracer's read and the kernel's copy",
        "race": True,
    },
    # Enters through `mov $173,%eax; int $0x80`, the vDSO's own stub sequence: no wrong_call_site.
    "srop_ia32_from64": {
        "expect": {"abi_switch": 3, "forged_frame": 4},
        "forbid": ["stack_pivot"],
        "what": "64-bit process forges an ia32 frame, rt_sigreturn via int $0x80",
        "ia32": True,
    },
    # Issue 8, class 1: frame substitution inside a genuine handler.
    "srop_subst_heap": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "preexisting_unmatched"],
        "what": "handler returns through a copy of its frame on the heap (rsp = saved rsp)",
    },
    "srop_subst_below": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler returns through a copy of its frame lower on its own stack",
    },
    "srop_subst_altstack": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "preexisting_unmatched"],
        "what": "handler returns through a copy of its frame elsewhere on its sigaltstack",
    },
    # Class 2: an abandoned delivery must not vouch for another frame.
    "srop_stale_longjmp": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler left by siglongjmp, then a forged frame near it via __restore_rt",
    },
    # Red team round 30: a skip of a call, jump, return, push or pop is no skip.
    "srop_skip_call": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "a call whose push faulted at a guard page skipped: its result register stays",
    },
    # Class 1: a frame forged at the exact address of an abandoned delivery is judged as that
    # delivery's return, every changed register explained.
    "srop_abandoned_exact": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "handler left by siglongjmp, its frame written back later with rip changed",
    },
    # Class 3: context redirects (genuine frames).
    "srop_redirect_libc": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler redirects code interrupted in main to libc's execve(/bin/sh)",
        # The process execs right after its sigreturn: sigscope may find it gone and say
        # "unknown" (docs/events.md "Symbols"), never another name.
        # The 6.1 guests run stripped copies: there the handler is module and offset alone.
        "symbols": {"tampered_context": {
            "rip": r"!execve\+0x0$",
            "handler": r"^srop_redirect_libc(!handler\+0x0|\+0x[0-9a-f]+)$"}},
        "symbols_may_be_gone": True,
    },
    # Issue 16 item 9: the same redirect into system(), which keeps the process alive, so that
    # the evidence must name every address.
    "srop_redirect_system": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler redirects code interrupted in main to libc's system()",
        "symbols": {"tampered_context": {
            "rip": r"^libc\.so\.6!system\+0x0$",
            "saved_rip": r"^srop_redirect_system!redirect_site_tgkill\+0x7$",
            "handler": r"^srop_redirect_system!handler\+0x0$",
            "call_site": r"^libc\.so\.6[!+]"}},
        # Killed at its sigreturn, 200 ms after the delivery: named from the mappings read then.
        "symbols_when_killed": True,
    },
    "srop_redirect_libc_from_libc": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler redirects code interrupted in libc to execve in the same mapping",
    },
    # Issue 16, classes 1 and 2: every change to a judged register must be explained.
    "srop_redirect_plt": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a call injected as Go does (rsp - 8, old rip pushed) into execve's PLT entry",
    },
    "srop_redirect_anon": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler without a JIT profile sends rip into anonymous code it mapped",
    },
    "srop_rsp_only": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler moves rsp alone: the interrupted ret pops the attacker's address",
    },
    # Red team (A1, A3, A4, A6, A9): registers beyond rip/rsp/rbp, code that cannot be read, a
    # borrowed JIT handler, and faults made by the trap flag.
    "srop_reg_fnptr": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler rewrites rbx alone: the interrupted `call *%rbx` calls the attacker",
    },
    # Red team rounds 14, 17, 18: the FP area (issue 16's xsave gap).
    "srop_fp_xmm": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler rewrites xmm0 alone in the frame's FP area: a call through it",
    },
    "srop_fp_pointer": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler points uc_mcontext.fpstate at a heap copy with xmm0 changed",
    },
    "srop_fp_toctou": {
        "expect": {"toctou": 3},
        "forbid": ["forged_frame", "wrong_call_site"],
        "what": "racing thread rewrites xmm0 in the FP area between the tracer's and the kernel's read",
        "race": True,
    },
    "srop_fp_uffd_stall": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "xmm0 rewritten while the kernel sleeps on the frame's userfaultfd page",
    },
    "srop_fp_uffd_mxcsr": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "MXCSR rounding rewritten while the kernel sleeps on the frame's uffd page",
    },
    "srop_fp_attach": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot"],
        "what": "xmm0 rewritten in a frame live at a -p attach (excused by the snapshot)",
        "run": "attach", "go": True,
    },
    "srop_fp_mxcsr_round": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler moves MXCSR's rounding: an index rounds up into the attacker's entry",
    },
    "srop_fp_unmask_skip": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler unmasks an MXCSR exception: a real fault, then an explained skip",
    },
    "srop_fp_mask_any": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a SIGUSR1 frame masks an SSE exception the program relies on to trap",
    },
    "srop_syscall_rcx": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "rcx rewritten after an interrupted syscall; the stub re-issues it through rcx",
    },
    "srop_fp_nested_unmask": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a SIGFPE frame displaced by a nested delivery unmasks an MXCSR exception",
    },
    "srop_skip_fetch_fault": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "an instruction-fetch fault on a branch, then the branch skipped as if it faulted",
    },
    "srop_skip_repaired": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a load's page made readable by the handler, then the load skipped as if emulated",
    },
    "srop_skip_xom": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "the same, the page left PROT_EXEC (readable on x86) after its repair",
    },
    "srop_tracer_cover": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "a SIGUSR1 frame redirected in a process a signal-forwarding supervisor traces",
    },
    "srop_tracer_signalled": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "the same, with signals the handler sends itself stopping it for the supervisor",
    },
    "srop_rseq_poison": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "stack_pivot", "preexisting_unmatched"],
        "what": "a later rseq fix-up at the delivery's (rip, rsp) taken for the kernel's own",
    },
    "srop_fp_intdiv_mask": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "an integer division's SIGFPE frame masks an SSE exception the program traps on",
    },
    "srop_fp_daz_sticky": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a division's SIGFPE frame sets DAZ and FTZ on a sticky underflow flag",
    },
    "srop_fp_daz_unmasked": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a division's SIGFPE frame sets DAZ on an underflow flag unmasked since",
    },
    "srop_fp_x87_delayed_skip": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a delayed x87 exception's rip skipped: an unrelated instruction deleted",
    },
    "srop_clonevm_replay": {
        "expect": {"forged_frame": 4},
        "forbid": ["preexisting_unmatched"],
        "what": "a CLONE_VM child replays the frame its parent already returned through",
    },
    "srop_tf_clear_async": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "eflags.TF cleared in a SIGUSR1 frame: a single-step monitor switched off",
    },
    "srop_fp_nested": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "xmm0 rewritten in the outer frame after a nested delivery came and went",
    },
    "srop_sysargs_before_syscall": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "fault handler one instruction before a syscall makes it execve(/bin/sh)",
    },
    "srop_sysargs_unread_code": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "syscall registers rewritten at a syscall whose code page was just dropped",
    },
    "srop_jit_handler_borrow": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a ret in a mapped libjvm as handler; a nested handler sends its rip to anon code",
    },
    "srop_dispatch_borrow": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a ret in a mapped /usr/bin/sbcl as handler; a nested handler dispatches its frame",
    },
    "srop_trapflag_skip": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "trap flag set by a handler, then the single-step trap skips a check's jne",
    },
    # Red team round 2: fault signals the process queued itself (si_code > 0, delivered outside
    # a syscall) taken for synchronous faults that explain an instruction skip.
    "srop_fault_skipwalk": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "self-queued SIGSEGVs, chained through sigreturns, walk rip over a check's jne",
    },
    "srop_fault_sibling": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "SIGSEGV queued to the process lands on a spinning thread's jmp, which is skipped",
    },
    # A fault signal the kernel sends for another reason: a child's exit signal, si_code
    # CLD_EXITED (1, SEGV_MAPERR's value).
    "srop_fault_childexit": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "a child's exit signal SIGSEGV lands on a spinning thread's jmp, which is skipped",
    },
    # The emulated syscall (a SIGSYS handler's rax) only for a SIGSYS the kernel raised.
    "srop_sigsys_queued": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "self-queued SIGSYS SYS_SECCOMP at a syscall's exit; its handler's rax is called",
    },
    # Class 6: run with --hooks enter and light too (Makefile `corpus`), where only failing
    # closed stops it.
    "srop_unreadable_frame": {
        "expect_by_hooks": {"full": {"tampered_context": 3}, "enter": {"toctou": 3},
                            "light": {"toctou": 3}},
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "genuine frame tampered, then its tail unmapped so BPF cannot read it at entry",
    },
    # Red team round 10: the registers of an abandoned delivery restored through a genuine frame
    # that sigscope could not read at entry (or that a sibling rewrote between the two reads):
    # the exit took its own pending entry for a stale one and judged a clean return.
    "srop_stale_exit": {
        "expect_by_hooks": {"full": {"tampered_context": 3}, "enter": {"toctou": 3},
                            "light": {"toctou": 3}},
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "an abandoned delivery's context restored through an unreadable genuine frame",
    },
    # Red team round 3: a SIGSEGV the kernel forces when it cannot write a frame (SI_KERNEL, at
    # any rip) taken for a fault of the instruction at rip; its "skip" runs mal_pwned.
    "srop_framefail_skip": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "instruction skip after the SIGSEGV forced by a frame the kernel could not write",
    },
    # Issue 15: the same frame under srop_skip_flood's flood, so that the kernel (7.0+) skips
    # the raw sys_exit or fexit that judges it in mode full: the exit guard (a kretprobe) must.
    "srop_unread_skip": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "tampered frame unreadable at entry, returned while siblings flood its CPU",
    },
    # The exit now judges it (the rsp it restores is a pivot, the unread frame a toctou, low).
    "srop_unread_plain_exit": {
        "expect": {"tampered_context": 3, "stack_pivot": 3, "toctou": 1},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "frame unreadable at entry, restored context dressed as a plain syscall(-1) return",
    },
    "srop_restart_rewrite": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "handler turns the restart of an interrupted read() into execve(/bin/sh)",
    },
    # Red team round 4: a redirect whose lookups a sibling's mm lock contention defeats, run
    # without --policy (the defaults of no policy must fail closed too).
    "srop_redirect_contended": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "handler redirects rip while a sibling keeps the mm lock write-held",
    },
    # Red team round 4: only uc_stack edited; the next SA_ONSTACK frame's siginfo lands on a
    # function pointer.
    "srop_ucstack_aim": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "uc_stack aimed so the next SA_ONSTACK frame's si_value overwrites a callback",
    },
    # Class 5: a registered restorer that is not a sigreturn stub.
    "srop_restorer_gadget": {
        "expect": {"forged_frame": 4, "wrong_call_site": 3},
        "forbid": ["stack_pivot", "preexisting_unmatched"],
        "what": "fake frame via a `syscall; ret` gadget registered as SA_RESTORER",
    },
    # Class 8: the pivot check under mmap lock contention.
    "srop_pivot_contended": {
        "expect": {"stack_pivot": 3},
        "forbid": ["forged_frame", "wrong_call_site", "preexisting_unmatched"],
        "what": "handler pivots rsp to the adjacent mapping while 3 threads hammer mprotect",
    },
    # Class 9: x32 rt_sigreturn (skips where the kernel has no x32: plan-x32.txt proves it).
    "srop_x32": {
        "expect": {"forged_frame": 4},
        "forbid": ["preexisting_unmatched"],
        "what": "fake x32 frame, rt_sigreturn as 513|0x40000000 from a 64-bit process",
    },
    # Issue 8, class 4: threads older than sigscope (attach mode, `sigscope -p PID`).
    "srop_preexisting": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot"],
        "what": "ordinary SROP (__restore_rt) in a process that predates sigscope",
        "run": "attach", "go": True,
    },
    # Red team round 31, D: a dead older thread's frame record, found under its reused tid.
    "srop_tid_reuse": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site"],
        "what": "a dead thread's attach-time frame returned through by a child given its tid",
        "run": "attach", "go": True,
    },
    # Red team round 32, idea 1: a profile read from one file registered under another's.
    "srop_profile_launder": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site"],
        "what": "a launderer maps the victim's file over its own code: SBCL's profile for it",
        "run": "attach", "go": True,
    },
    "srop_preexisting_altstack": {
        "expect": {"forged_frame": 4, "stack_pivot": 3},
        "forbid": ["wrong_call_site"],
        "what": "predating process: forged uc_stack installs the pivot target as sigaltstack",
        "run": "attach", "go": True,
    },
    "srop_preexisting_unread": {
        "expect": {"forged_frame": 4},
        "forbid": [],
        "what": "predating thread whose attach-time window holds more frame look-alikes than "
                "the snapshot reads: a frame forged where a live one could have been",
        "run": "attach", "go": True,
    },
    "srop_preexisting_predicted": {
        "expect": {"tampered_context": 3},
        "forbid": ["wrong_call_site", "forged_frame"],
        "what": "predating thread: a frame forged at the exact address a live one could have "
                "had, over a frame the attach-time snapshot recorded",
        "run": "attach", "go": True,
    },
    # Red team round 10: a frame forged above the snapshot's window kept the geometric excuse.
    "srop_preexisting_abovewindow": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "preexisting_unmatched"],
        "what": "predating thread: a frame forged where a genuine one was, above the window the "
                "attach-time snapshot read",
        "run": "attach", "go": True,
    },
    # Red team round 10: the uc_stack of a frame live at attach edited after it (registers kept).
    "srop_preexisting_ucstack": {
        "expect": {"tampered_context": 3},
        "forbid": ["wrong_call_site", "forged_frame"],
        "what": "predating thread parked in a handler at attach: only the frame's uc_stack "
                "edited, aiming the next SA_ONSTACK frame at a callback",
        "run": "attach", "go": True,
    },
    "srop_preexisting_alttop": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "preexisting_unmatched"],
        "what": "predating thread, not on its altstack at attach: a frame forged at the "
                "altstack's top (red team round 5)",
        "run": "attach", "go": True,
    },
    # Red team round 17: forged frames that keep coming while sigscope attaches.
    "srop_attach_spoofed_fault": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site", "stack_pivot"],
        "what": "a fault the process queued itself during the attach, then its 'skip' (round 26)",
        "run": "attach", "go": True,
    },
    "srop_attach_window": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "preexisting_unmatched"],
        "what": "predating thread loops on forged frames where get_sigframe() would put them, "
                "across the attach (red team round 17)",
        "run": "attach", "go": True,
    },
    # Red team round 7: a deliberate trap (ud2) cancelled by an instruction skip.
    "srop_skip_lock_trap": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site"],
        "what": "a `lock nop` guard (#UD) skipped by its SIGILL handler (red team round 28)",
    },
    "srop_skip_trap": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site"],
        "what": "a CFI-style ud2 guard skipped by its SIGILL handler: the guarded call is taken",
    },
    # Red team round 14: a forged sigreturn parked in the kernel (userfaultfd) across the attach.
    "srop_park_inflight": {
        "expect": {"forged_frame": 4},
        "forbid": [],
        "what": "a forged rt_sigreturn entered before the attach, its frame held on a "
                "userfaultfd page and supplied after it",
        "run": "attach", "go": True,
    },
    # Red team round 15: 32-bit tasks, whose segment registers have bases.
    "srop_ss_tls_m32": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame"],
        "what": "ia32: only ss changed, to the TLS selector: every stack access moves by the "
                "thread pointer, onto a copy whose return address was replaced",
    },
    "srop_ds_tls_m32": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame"],
        "what": "ia32: only ds changed, to the TLS selector: a function pointer is loaded from "
                "the thread pointer's offset",
    },
    # Red team round 16: ia32 data segments the entry could not read, or raced.
    "srop_ds_unread_m32": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame"],
        "what": "ia32: ds moved to the TLS selector in a frame whose page is dropped before "
                "the sigreturn, so nothing reads it at entry",
    },
    # Red team round 14: a skip whose length depends on the CPU's vendor.
    "srop_skip_rel16": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site"],
        "what": "a 66-prefixed call skipped by its Intel length: on AMD the CPU resumes inside "
                "the next instruction's immediate, on a jmp *%rbx",
    },
    # Red team round 6: Go's call injection forged from a C handler after a SIGUSR2.
    "srop_go_sigpanic_async": {
        "expect": {"tampered_context": 3},
        "forbid": ["forged_frame", "wrong_call_site"],
        "what": "Go: a C handler's SIGUSR2 frame pushes a call to runtime.sigpanic0, which runs "
                "a planted defer",
    },
    # Issue 8, class 7: scope escapes.
    "scope_fork": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot"],
        "what": "under -p PID, a child forked after the attach does the SROP",
        "run": "attach", "go": True,
    },
    # Red team round 10: sigscope ended with the command, and the worker it left ran untraced.
    "scope_orphan": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot"],
        "what": "the command forks a worker and exits; the orphaned worker does the SROP",
        # The parent's status is its own (0): it exits before the attack (the run still ends
        # only once the worker is gone: it holds the stderr pipe).
        "orphan": True,
    },
    "scope_prefork": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "under -p PID, a worker forked BEFORE the attach does the SROP (red team round 5)",
        "run": "attach", "go": True,
    },
    "scope_rename": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "under -c scope_rename, prctl(PR_SET_NAME) then SROP",
        "run": "scoped", "scope": ["-c", "scope_rename"], "go": True,
    },
    # Issue 16, class 5: scope is per process, whatever one thread's comm or uid.
    "scope_thread_comm": {
        "prog": "scope_thread",
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot"],
        "what": "attached with -c scope_thread: a thread renamed before the attach does the SROP",
        "run": "attach", "scope": ["-c", "scope_thread"], "go": True,
    },
    "scope_thread_uid": {
        "prog": "scope_thread",
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot"],
        "what": "attached with -u 0: a thread on real uid 65534 does the SROP",
        "run": "attach", "scope": ["-u", "0"], "go": True,
    },
    "scope_exec": {
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot"],
        "what": "under -p PID, exec of srop_libc_restorer (same pid, new comm)",
        "run": "attach", "go": True, "needs": ["srop_libc_restorer"],
    },
    "scope_exec_comm": {
        "prog": "scope_exec",
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "under -c scope_exec, exec of srop_libc_restorer (comm changes)",
        "run": "scoped", "scope": ["-c", "scope_exec"], "go": True,
        "needs": ["srop_libc_restorer"],
    },
    "scope_container": {
        "prog": "srop_libc_restorer",
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "--container ID: SROP inside that container's cgroup",
        "run": "scoped", "scope": ["--container", "{container}"], "cgroup": "scope",
    },
    # Red team round 31: nested 40 levels below the container (and the --cgroup target), in a
    # subtree a delegated user may create; a walk up from the task stopped at 32.
    "scope_container_deep": {
        "prog": "srop_libc_restorer",
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "--container ID: SROP 40 cgroup levels below that container's scope",
        "run": "scoped", "scope": ["--container", "{container}"], "cgroup": "deep",
    },
    "scope_cgroup_deep": {
        "prog": "srop_libc_restorer",
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "--cgroup PARENT (the .slice): SROP 41 levels below it",
        "run": "scoped", "scope": ["--cgroup", "{slice}"], "cgroup": "deep",
    },
    "scope_container_outside": {
        "prog": "srop_libc_restorer",
        "expect": {}, "forbid": [],
        "what": "--enforce --container ID: SROP outside any container is left alone",
        "run": "scoped", "scope": ["--container", "{container}"], "out_of_scope": True,
    },
    "scope_cgroup_subtree": {
        "prog": "srop_libc_restorer",
        "expect": {"forged_frame": 4},
        "forbid": ["wrong_call_site", "stack_pivot", "preexisting_unmatched"],
        "what": "--cgroup PARENT (the .slice): SROP in the child .scope cgroup",
        "run": "scoped", "scope": ["--cgroup", "{slice}"], "cgroup": "scope",
    },
}
DEEP_LEVELS = 40  # cgroup levels below the container's scope for the *_deep cases
PID_RE = re.compile(r"^(\S+): pid (\d+)$", re.M)
ATTACKER_RE = re.compile(r"^(\S+): attacker pid (\d+)$", re.M)
READY_TIMEOUT = 30     # seconds for a program to say "ready", and for sigscope to attach
TIMEOUT_PROG = 90      # srop_toctou: up to 20 s of racing + calibration
TIMEOUT_TRACED = 150


class Result:
    """One run: exit status, stderr, marker content, events of the program's pid."""

    def __init__(self, rc, err, marker, events=None, pid=None, note=""):
        self.rc, self.err, self.marker, self.events, self.pid = rc, err, marker, events, pid
        self.note = note
        self.who = "sigscope"  # whose exit status rc is: sigscope's, or the program's

    def findings(self):
        """{finding: max severity} from the finding events of the program's pid."""
        out = {}
        for e in self.events or []:
            name = e.get("eventName", "")
            if not name.startswith("sigreturn_"):
                continue
            sev = ((e.get("metadata") or {}).get("Properties") or {}).get("Severity")
            if isinstance(sev, int):
                f = name[len("sigreturn_"):]
                out[f] = max(out.get(f, -1), sev)
        return out

    def enforcements(self):
        return [e for e in self.events or [] if e.get("eventName") == "sigscope_enforcement"]

    def last_err_line(self):
        lines = [l for l in self.err.splitlines() if l.strip()]
        return lines[-1] if lines else ""


def skip_reason(name, r):
    line = r.last_err_line()
    for prefix in (name + ": ", "skip: "):
        if line.startswith(prefix):
            line = line[len(prefix):]
    return line or "the program cannot run here"


def sev_name(s):
    return SEVERITIES[s] if isinstance(s, int) and 0 <= s < len(SEVERITIES) else str(s)


def rc_text(rc):
    if rc is None:
        return "timed out"
    if rc < 0:
        return f"killed by signal {-rc}"
    if rc > 128:
        return f"exit {rc} (signal {rc - 128})"
    return f"exit {rc}"


def read_events(path, pid):
    """Events of this pid (processId or hostProcessId) from a JSON-lines file."""
    events = []
    try:
        f = open(path, "rb")
    except OSError:
        return None
    with f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if pid is None or pid in (e.get("processId"), e.get("hostProcessId")):
                events.append(e)
    return events


def binary(name):
    """The program an entry runs (entries may share one)."""
    return PROGS[name].get("prog", name) if name in PROGS else name


def prog_pid(err, name):
    """The pid whose events are checked: the attacker's when the program names one."""
    for m in ATTACKER_RE.finditer(err):
        if m.group(1) == name:
            return int(m.group(2))
    for m in PID_RE.finditer(err):
        if m.group(1) == name:
            return int(m.group(2))
    return None


def read_marker(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------
# Building and running


def build(progs_dir, names):
    os.makedirs(progs_dir, exist_ok=True)
    hdr = [os.path.join(SRC, "mal.h"), os.path.join(SRC, "mal32.h")]
    for name in names:
        out = os.path.join(progs_dir, name)
        if os.path.isdir(os.path.join(SRC, "go", name)):
            build_go(os.path.join(SRC, "go", name), out)
            continue
        src = os.path.join(SRC, name + ".c")
        harness.build_prog(src, out, deps=hdr)


def build_go(src, out):
    """A Go attack (tests/corpus/malicious/go/NAME, cgo), built with Debian's golang-go; when
    there is no go, the program is a script that skips (exit 77), as a missing ABI does."""
    srcs = [os.path.join(src, f) for f in os.listdir(src)]
    if os.path.exists(out) and all(os.path.getmtime(out) >= os.path.getmtime(f) for f in srcs):
        return
    if not shutil.which("go"):
        with open(out, "w") as f:
            f.write("#!/bin/sh\necho \"$(basename \"$0\"): no go toolchain (golang-go)\"\n"
                    "exit 77\n")
        os.chmod(out, 0o755)
        return
    cache = os.path.join(os.path.dirname(out), "go-cache")
    env = dict(os.environ, GOCACHE=os.path.join(cache, "build"),
               GOPATH=os.path.join(cache, "path"), GOFLAGS="-mod=mod", GO111MODULE="on",
               CGO_ENABLED="1")
    r = subprocess.run(["go", "build", "-o", out, "."], cwd=src, env=env, capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit("run_malicious: go build %s failed: %s" % (src, r.stderr[-500:]))


def wait_text(path, text, timeout, procs=()):
    """True once the file at path contains text; False on timeout or when a proc has exited."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if text in read_text(path):
            return True
        if any(p.poll() is not None for p in procs):
            return text in read_text(path)
        time.sleep(0.05)
    return False


class TestCgroups:
    """A cgroup v2 slice with a container-like scope in it, made on first use, removed at exit."""

    def __init__(self):
        self.root = self.slice = self.scope = None
        self.container = os.urandom(32).hex()
        self.error = None

    @staticmethod
    def cgroup2_mount():
        """/sys/fs/cgroup when it is cgroup2 (unified), else the first cgroup2 mount (hybrid)."""
        mounts = []
        with open("/proc/self/mounts") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[2] == "cgroup2":
                    mounts.append(parts[1])
        if "/sys/fs/cgroup" in mounts:
            return "/sys/fs/cgroup"
        return mounts[0] if mounts else None

    def ensure(self):
        if self.scope or self.error:
            return self.error
        self.root = self.cgroup2_mount()
        if not self.root:
            self.error = "no cgroup2 file system is mounted"
            return self.error
        self.slice = os.path.join(self.root, "sigscope-test.slice")
        scope = os.path.join(self.slice, "docker-%s.scope" % self.container)
        try:
            os.makedirs(scope)
        except OSError as e:
            self.error = f"cannot create {scope}: {e}"
            return self.error
        self.scope = scope
        # DEEP_LEVELS below the scope: a process nested in a subtree it may create (round 31)
        self.deep = os.path.join(scope, *["d%d" % i for i in range(DEEP_LEVELS)])
        try:
            os.makedirs(self.deep)
        except OSError as e:
            self.error = f"cannot create {self.deep}: {e}"
            return self.error
        return None

    def placement(self, where):
        """preexec_fn that moves the child into the cgroup `where` (scope) before its exec."""
        path = {"scope": self.scope, "slice": self.slice, "deep": self.deep}[where]

        def join():
            with open(os.path.join(path, "cgroup.procs"), "w") as f:
                f.write("0")
        return join

    def args(self):
        return {"container": self.container[:12], "slice": self.slice, "scope": self.scope}

    def cleanup(self):
        deep = []
        if self.scope:
            deep = [os.path.join(self.scope, *["d%d" % i for i in range(n)])
                    for n in range(DEEP_LEVELS, 0, -1)]
        for d in deep + [self.scope, self.slice]:
            if not d:
                continue
            for _ in range(50):  # the last process may still be leaving it
                try:
                    os.rmdir(d)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.1)


def run_one(cmd, name, marker, env_extra, timeout, json_path=None):
    env = dict(os.environ)
    env.update(env_extra)
    env["MARKER"] = marker
    if os.path.exists(marker):
        os.unlink(marker)
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=env, timeout=timeout)
        rc, err = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        rc, err = None, (e.stderr or b"").decode("utf-8", "replace")
    pid = prog_pid(err, binary(name))
    events = None
    if json_path is not None:
        events = read_events(json_path, pid) if pid is not None else []
    return Result(rc, err, read_marker(marker), events, pid)


def stop(p, sig=signal.SIGINT, timeout=20):
    """Stops a process this script started (by its own pid), killing it if it will not go."""
    if p is None:
        return None
    if p.poll() is None:
        try:
            p.send_signal(sig)
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
    return p.wait()


class Runner:
    def __init__(self, sigscope, progs_dir, tmp, toctou_tries, hooks=None):
        self.sigscope, self.progs_dir, self.tmp = sigscope, progs_dir, tmp
        self.hooks = hooks
        self.toctou_tries = toctou_tries
        self.seq = 0
        self.cgroups = TestCgroups()

    def run(self, name, kind):
        """kind: untraced, detect or enforce."""
        if PROGS[name].get("run", "command") != "command":
            return self.staged(name, kind)
        if kind == "untraced":
            return self.untraced(name)
        return self.traced(name, kind == "enforce")

    def staged(self, name, kind):
        """The attach and scoped modes (see the top of this file)."""
        spec = PROGS[name]
        prog = binary(name)
        marker, out = self._paths(name, kind)
        prog_err, sig_err = out[:-5] + ".err", out[:-5] + ".sigscope.err"
        env = dict(os.environ, MARKER=marker)
        if os.path.exists(marker):
            os.unlink(marker)
        pre = None
        fmt = {}
        if spec.get("cgroup") or any("{" in a for a in spec.get("scope", [])):
            err = self.cgroups.ensure()
            if err:
                return Result(None, "", None, [], None, note=f"cgroup set-up: {err}")
            fmt = self.cgroups.args()
            if spec.get("cgroup"):
                pre = self.cgroups.placement(spec["cgroup"])
        sig_cmd = [self.sigscope, "-o", "json", "-w", out]
        if self.hooks:
            sig_cmd += ["--hooks", self.hooks]
        if kind == "enforce":
            sig_cmd.append("--enforce")
        sig = p = None
        note = ""
        rc = None

        def start_sigscope(scope):
            with open(sig_err, "wb") as f:
                s = subprocess.Popen(sig_cmd + scope, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=f)
            if not wait_text(sig_err, "sigscope: tracing", READY_TIMEOUT, [s]):
                return s, ("sigscope did not attach: "
                           + (read_text(sig_err).strip().splitlines() or ["no output"])[-1])
            return s, ""

        try:
            if kind != "untraced" and spec["run"] == "scoped":
                sig, note = start_sigscope([a.format(**fmt) for a in spec.get("scope", [])])
                if note:
                    return Result(None, "", None, [], None, note=note)
            with open(prog_err, "wb") as f:
                p = subprocess.Popen([os.path.join(self.progs_dir, prog)],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=f, env=env, preexec_fn=pre)
            if spec.get("go"):
                if not wait_text(prog_err, f"{prog}: ready", READY_TIMEOUT, [p]):
                    note = "the program never said it was ready"
                    return Result(shell_status(stop(p, signal.SIGKILL)), read_text(prog_err),
                                  None, [], None, note=note)
            if kind != "untraced" and spec["run"] == "attach":
                sig, note = start_sigscope(spec.get("scope") or ["-p", str(p.pid)])
                if note:
                    stop(p, signal.SIGKILL)
                    return Result(None, read_text(prog_err), None, [], None, note=note)
            if spec.get("go"):
                os.kill(p.pid, signal.SIGUSR2)
            try:
                rc = shell_status(p.wait(timeout=TIMEOUT_TRACED))
            except subprocess.TimeoutExpired:
                stop(p, signal.SIGKILL)
                rc = None
        finally:
            stop(p, signal.SIGKILL)
            stop(sig)
        err = read_text(prog_err)
        pid = prog_pid(err, prog)
        events = None
        if kind != "untraced":
            events = read_events(out, pid) if pid is not None else []
        r = Result(rc, err, read_marker(marker), events, pid, note)
        r.who = "the program"
        return r

    def _paths(self, name, kind):
        self.seq += 1
        base = os.path.join(self.tmp, f"{name}.{kind}.{self.seq}")
        return base + ".marker", base + ".json"

    def untraced(self, name):
        marker, _ = self._paths(name, "untraced")
        return run_one([os.path.join(self.progs_dir, name)], name, marker, {}, TIMEOUT_PROG)

    def traced(self, name, enforce):
        marker, out = self._paths(name, "enforce" if enforce else "detect")
        cmd = [self.sigscope, "-q", "-o", "json", "-w", out]
        if self.hooks:
            cmd += ["--hooks", self.hooks]
        if enforce:
            cmd.append("--enforce")
        cmd += ["--", os.path.join(self.progs_dir, name)]
        return run_one(cmd, name, marker, {}, TIMEOUT_TRACED, json_path=out)


# ---------------------------------------------------------------------------------------------
# Checks: each returns None when the run passes, else the reason.


def check_untraced(name, r):
    if r.note:
        return f"untraced run: {r.note}"
    if r.rc == EXIT_SKIP:
        return None
    if r.rc == 0 and r.marker == MARKER_TEXT:
        return None
    if r.rc == -9 or r.rc == 137:
        return (f"untraced run was killed by SIGKILL (another sigscope --enforce on this "
                f"machine?): {r.last_err_line()}")
    if r.rc == EXIT_NOTHING:
        return f"the attack did not happen untraced: {r.last_err_line()}"
    return f"untraced run: {rc_text(r.rc)}, marker {'present' if r.marker else 'absent'}: " \
           f"{r.last_err_line()}"


def race_lost_before_read(name, r):
    """srop_toctou won, but its write landed before the tracer's read: no TOCTOU happened."""
    if not PROGS[name].get("race") or r.marker != MARKER_TEXT:
        return False
    got = r.findings()
    # Seen at the entry already: the frame read there had the moved rip (tampered_context).
    return "toctou" not in got and "tampered_context" in got


# The --hooks mode of this run (None: sigscope's default, full).
HOOKS = None


def expected(name):
    """The findings a program must raise in this run's hooks mode."""
    spec = PROGS[name]
    return spec.get("expect_by_hooks", {}).get(HOOKS or "full", spec["expect"])


def check_detect(name, r):
    spec = PROGS[name]
    if r.note:
        return f"detect run: {r.note}"
    if r.pid is None:
        return f"detect run: the program never started ({rc_text(r.rc)}): {r.last_err_line()}"
    if r.events is None:
        return "detect run: no JSON output"
    if r.rc != 0 or r.marker != MARKER_TEXT:
        return (f"detect run: the attack must succeed when not enforcing, but {rc_text(r.rc)}, "
                f"marker {'present' if r.marker else 'absent'}: {r.last_err_line()}")
    got = r.findings()
    problems = []
    for f, min_sev in expected(name).items():
        if f not in got:
            problems.append(f"no sigreturn_{f}")
        elif got[f] < min_sev:
            problems.append(f"sigreturn_{f} severity {sev_name(got[f])}, expected at least "
                            f"{sev_name(min_sev)}")
    if not any(got.get(f, -1) >= HIGH for f in expected(name)):
        problems.append("no expected finding of severity >= high")
    for f in spec["forbid"]:
        if f in got:
            problems.append(f"unexpected sigreturn_{f} ({sev_name(got[f])})")
    problems += check_symbols(name, r)
    if problems:
        return "detect run: " + "; ".join(problems) + describe_sigreturns(r)
    return None


def check_symbols(name, r):
    """The finding's symbols arg names its addresses as the program knows them (issue 16 item
    9): each role's text matches the spec's pattern (a process gone before sigscope read its
    maps may say unknown@0x... where the spec allows it, nothing else)."""
    spec = PROGS[name]
    problems = []
    for f, roles in (spec.get("symbols") or {}).items():
        events = [e for e in r.events or [] if e.get("eventName") == "sigreturn_" + f]
        for e in events:
            syms = next((a.get("value") for a in e.get("args") or []
                         if a.get("name") == "symbols"), None)
            if not isinstance(syms, dict):
                problems.append(f"sigreturn_{f}: no symbols arg")
                continue
            for role, pattern in roles.items():
                text = (syms.get(role) or {}).get("text", "")
                if re.search(pattern, text):
                    continue
                if spec.get("symbols_may_be_gone") and text.startswith("unknown@0x"):
                    continue
                problems.append(f"sigreturn_{f}: symbols.{role} is {text!r}, expected "
                                f"/{pattern}/")
    return problems


def check_enforce(name, r):
    if PROGS[name].get("out_of_scope"):
        return check_out_of_scope(name, r)
    if r.note:
        return f"enforce run: {r.note}"
    if r.pid is None:
        return f"enforce run: the program never started ({rc_text(r.rc)}): {r.last_err_line()}"
    problems = []
    if r.marker is not None:
        problems.append("the marker was written (the attack ran)")
    if r.rc != 137 and not PROGS[name].get("orphan"):
        problems.append(f"{r.who} {rc_text(r.rc)}, expected 137 (command killed by SIGKILL)")
    enf = r.enforcements()
    if not enf:
        problems.append("no sigscope_enforcement event")
    else:
        a = args_of(enf[-1])
        if a.get("signal") != "SIGKILL":
            problems.append(f"sigscope_enforcement signal {a.get('signal')}")
        why = [f for f in a.get("findings") or [] if f in expected(name)]
        if not why:
            problems.append(f"sigscope_enforcement for {a.get('findings')}, none of the expected "
                            f"{sorted(expected(name))}")
    if PROGS[name].get("symbols_when_killed"):
        problems += check_symbols(name, r)
    if problems:
        return "enforce run: " + "; ".join(problems) + describe_sigreturns(r)
    return None


def check_out_of_scope(name, r):
    """--enforce with a scope that excludes the program: it must be left alone."""
    if r.note:
        return f"enforce run (out of scope): {r.note}"
    if r.pid is None:
        return f"enforce run (out of scope): the program never started ({rc_text(r.rc)})"
    problems = []
    if r.rc != 0 or r.marker != MARKER_TEXT:
        problems.append(f"the program outside the scope was stopped: {rc_text(r.rc)}, marker "
                        f"{'present' if r.marker else 'absent'}")
    if r.enforcements():
        problems.append(f"{len(r.enforcements())} sigscope_enforcement event(s) for its pid")
    if problems:
        return "enforce run (out of scope): " + "; ".join(problems) + describe_sigreturns(r)
    return None


def describe_sigreturns(r, limit=2):
    """The last sigreturns' verdicts, for a failure message."""
    srs = [e for e in r.events or [] if e.get("eventName") == "rt_sigreturn"]
    if not srs:
        return " [no rt_sigreturn event for the pid]"
    parts = []
    for e in srs[-limit:]:
        a = args_of(e)
        v = a.get("verdict") or {}
        pairing = a.get("pairing") or {}
        parts.append(f"rt_sigreturn abi {a.get('abi')} pairing {pairing.get('status')} "
                     f"mismatch {a.get('mismatch')} verdict findings {v.get('findings')} "
                     f"maxSeverity {v.get('maxSeverity')} enforced {v.get('enforced')}")
    return " [" + "; ".join(parts) + f"; {len(srs)} rt_sigreturn in all]"


# ---------------------------------------------------------------------------------------------


class Outcome:
    def __init__(self, name):
        self.name = name
        self.status = "ok"   # ok, FAIL, skip
        self.reason = ""
        self.untraced = None
        self.detect = None
        self.enforce = None
        self.notes = []

    def fail(self, reason):
        if self.status != "FAIL":
            self.status, self.reason = "FAIL", reason
        else:
            self.reason += "; " + reason


def traced_until_race(runner, name, enforce, tries):
    """Run traced up to `tries` times while a race is won before the tracer's read."""
    early = 0
    for _ in range(tries):
        r = runner.run(name, "enforce" if enforce else "detect")
        if not race_lost_before_read(name, r):
            break
        early += 1
    return r, early


def test_program(runner, name):
    o = Outcome(name)
    spec = PROGS[name]
    if spec.get("race") and runner.hooks not in (None, "full"):
        o.status, o.reason = "skip", f"only hooks full sees a TOCTOU (--hooks {runner.hooks})"
        return o
    if spec.get("ia32") and runner.hooks == "light":
        o.status, o.reason = "skip", "the light hook never sees int $0x80 sigreturns"
        return o
    if name.endswith("_m32") and not harness.runs_32bit():
        o.status, o.reason = "skip", "this kernel does not run 32-bit programs"
        return o
    r = runner.run(name, "untraced")
    o.untraced = r
    if r.rc == EXIT_SKIP:
        o.status, o.reason = "skip", skip_reason(name, r)
        return o
    why = check_untraced(name, r)
    if why:
        o.fail(why)
        return o
    tries = runner.toctou_tries if spec.get("race") else 1
    if spec.get("out_of_scope"):
        o.enforce, _ = traced_until_race(runner, name, True, 1)
        why = check_enforce(name, o.enforce)
        if why:
            o.fail(why)
        return o
    # b. detect, c. enforce; a race won before the tracer's read is no TOCTOU: run again
    o.detect, early = traced_until_race(runner, name, False, tries)
    if early:
        o.notes.append(f"detect: {early} of {early + 1 if early < tries else early} runs won "
                       f"before the tracer's read (tampered_context, no TOCTOU)")
    why = check_detect(name, o.detect)
    if why:
        o.fail(why)
    o.enforce, early = traced_until_race(runner, name, True, tries)
    if early:
        o.notes.append(f"enforce: {early} of {early + 1 if early < tries else early} runs won "
                       f"before the tracer's read (not a TOCTOU; low severity, so "
                       f"--enforce=high let the marker through)")
    why = check_enforce(name, o.enforce)
    if why:
        o.fail(why)
    return o


def enforcement_cell(o):
    e = o.enforce
    if e is None:
        return "not run"
    if check_enforce(o.name, e) is None:
        if PROGS[o.name].get("out_of_scope"):
            return "left alone (out of scope: marker, no kill)"
        return "held (SIGKILL, no marker)"
    return (f"FAILED ({rc_text(e.rc)}, marker {'present' if e.marker else 'absent'}, "
            f"{len(e.enforcements())} enforcement events)")


def matrix(outcomes, where=None):
    cols = FINDINGS
    head = "| program | untraced | " + " | ".join(cols) + " | enforcement |"
    lines = [head, "|" + "---|" * (len(cols) + 3)]
    for o in outcomes:
        spec = PROGS[o.name]
        if o.status == "skip":
            lines.append(f"| {o.name} | skip: {o.reason} | " + " | ".join("" for _ in cols) +
                         " | not run |")
            continue
        u = o.untraced
        if u is None:
            untr = "not run"
        elif u.rc == 0 and u.marker == MARKER_TEXT:
            untr = "marker"
        else:
            untr = f"no marker ({rc_text(u.rc)})"
        got = o.detect.findings() if o.detect else {}
        cells = []
        if o.detect is None:
            lines.append(f"| {o.name} | {untr} | " + " | ".join("not run" for _ in cols) +
                         f" | {enforcement_cell(o)} |")
            continue
        for f in cols:
            s = got.get(f)
            cell = sev_name(s) if s is not None else ""
            if f in spec["expect"]:
                ok = s is not None and s >= spec["expect"][f]
                cell = f"**{cell}**" if ok else f"MISSING{' (' + cell + ')' if cell else ''}"
            elif f in spec["forbid"] and s is not None:
                cell = f"UNEXPECTED {cell}"
            cells.append(cell)
        lines.append(f"| {o.name} | {untr} | " + " | ".join(cells) + f" | {enforcement_cell(o)} |")
    lines.append("")
    lines.append((f"{where}: " if where else "") +
                 "Cells: the highest severity of each finding in the detect run (hooks full); "
                 "**bold**: expected and present; MISSING: expected, absent or too low; "
                 "UNEXPECTED: a finding this attack must not raise. Enforcement: `--enforce` "
                 "(high): the command died by SIGKILL and the marker was never written.")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# --check-dir: runs made in the 6.1 guest


def plan_hooks(mode):
    """The hook mode of a plan MODE ([attach-]HOOKS[+enforce]); "none" for untraced runs."""
    m = mode[len("attach-"):] if mode.startswith("attach-") else mode
    return m.split("+", 1)[0]


def load_dir_result(outdir, prog, mode):
    b = os.path.join(outdir, f"{prog}.{mode}")
    try:
        with open(b + ".rc") as f:
            rc = int(f.read().strip())
    except (OSError, ValueError):
        return None
    try:
        with open(b + ".err", encoding="utf-8", errors="replace") as f:
            err = f.read()
    except OSError:
        err = ""
    pid = prog_pid(err, binary(prog))
    hooks = plan_hooks(mode)
    events = None
    if hooks != "none":
        events = read_events(b + ".json", pid) if pid is not None else []
    r = Result(rc, err, read_marker(b + ".marker"), events, pid)
    if mode.startswith("attach-"):
        r.who = "the program"
    return r


def check_dir(outdir, plan_path, want_matrix=False, require_run=False):
    passed = failed = 0
    outcomes = {}
    for mode, prog in read_plan(plan_path):
        label = f"{prog} {mode}"
        if prog not in PROGS:
            print(f"FAIL {label}: not a program of the malicious corpus")
            failed += 1
            continue
        r = load_dir_result(outdir, prog, mode)
        if r is None:
            print(f"FAIL {label}: no {prog}.{mode}.rc in {outdir}")
            failed += 1
            continue
        o = outcomes.setdefault(prog, Outcome(prog))
        hooks = plan_hooks(mode)
        global HOOKS
        HOOKS = hooks if hooks != "none" else None
        run = PROGS[prog].get("run", "command")
        if run not in ("command", "attach") or (run == "attach") != mode.startswith("attach-"):
            print(f"FAIL {label}: {prog} runs in mode {run} (scoped ones are host only); "
                  f"the plan line says {mode}")
            failed += 1
            continue
        if r.rc == EXIT_SKIP:
            if require_run:
                why = f"skipped, but this plan's kernel must run it: {skip_reason(prog, r)}"
                print(f"FAIL {label}: {why}")
                o.fail(why)
                failed += 1
                continue
            print(f"skip {label}: {skip_reason(prog, r)}")
            if hooks == "none":
                o.status, o.reason, o.untraced = "skip", skip_reason(prog, r), r
            continue
        if hooks == "none":
            why = check_untraced(prog, r)
            o.untraced = r
        elif mode.endswith("+enforce"):
            why = check_enforce(prog, r)
            if hooks == "full":
                o.enforce = r
        elif hooks == "light" and PROGS[prog].get("ia32"):
            why = None  # the light hook never sees int $0x80 sigreturns, by design
        else:
            why = check_detect(prog, r)
            if why and hooks != "full" and PROGS[prog].get("race"):
                why = None  # only hooks full can see a TOCTOU
            if hooks == "full":
                o.detect = r
        if why:
            print(f"FAIL {label}: {why}")
            o.fail(why)
            failed += 1
        else:
            extra = ""
            if r.events is not None and hooks != "none":
                got = r.findings()
                extra = ", ".join(f"{f} {sev_name(s)}" for f, s in sorted(got.items()))
                extra = f"  ({extra})"
            print(f"ok   {label}{extra}")
            passed += 1
    if want_matrix:
        print()
        print(matrix([o for o in outcomes.values()], where=f"guest run {outdir}"))
        print()
    print(f"malicious: {passed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sigscope", default=os.path.join(ROOT, "build", "sigscope"))
    ap.add_argument("--progs", default=os.path.join(ROOT, "build", "corpus", "malicious"),
                    help="where the programs are built (default build/corpus/malicious)")
    ap.add_argument("--no-build", action="store_true", help="use the programs already in --progs")
    ap.add_argument("--only", help="comma-separated program names")
    ap.add_argument("--matrix", action="store_true",
                    help="also print a Markdown table program x finding, with enforcement")
    ap.add_argument("--toctou-tries", type=int, default=5,
                    help="srop_toctou runs per mode before giving up on a real TOCTOU (default 5)")
    ap.add_argument("--hooks", choices=["full", "enter", "light"],
                    help="pass --hooks MODE to sigscope (default: sigscope's default, full)")
    ap.add_argument("--check-dir", metavar="OUTDIR",
                    help="check the files of a 6.1 guest run instead of running anything")
    ap.add_argument("--plan", default=os.path.join(SRC, "plan.txt"),
                    help="the plan of the --check-dir run "
                    "(default tests/corpus/malicious/plan.txt)")
    ap.add_argument("--require-run", action="store_true",
                    help="with --check-dir: a program that skipped (exit 77) fails, for plans "
                    "whose kernel was chosen to run it (plan-x32.txt)")
    a = ap.parse_args()
    global HOOKS
    HOOKS = a.hooks

    if a.check_dir:
        return check_dir(a.check_dir, a.plan, a.matrix, a.require_run)

    names = list(PROGS)
    if a.only:
        names = [n for n in a.only.split(",") if n]
        bad = [n for n in names if n not in PROGS]
        if bad:
            print(f"unknown program(s): {', '.join(bad)}", file=sys.stderr)
            return 2
    if os.geteuid() != 0:
        print("run_malicious.py: must run as root (sigscope loads BPF programs)", file=sys.stderr)
        return 2
    if not os.access(a.sigscope, os.X_OK):
        print(f"run_malicious.py: no sigscope at {a.sigscope} (make build/sigscope)",
              file=sys.stderr)
        return 2
    a.sigscope = os.path.abspath(a.sigscope)
    bins = sorted({binary(n) for n in names} |
                  {x for n in names for x in PROGS[n].get("needs", [])})
    if not a.no_build:
        try:
            build(a.progs, bins)
        except RuntimeError as e:
            print(f"run_malicious.py: {e}", file=sys.stderr)
            return 2
    for n in bins:
        if not os.access(os.path.join(a.progs, n), os.X_OK):
            print(f"run_malicious.py: missing program {os.path.join(a.progs, n)}", file=sys.stderr)
            return 2

    tmp = tempfile.mkdtemp(prefix="sigscope-malicious-")
    outcomes = []
    runner = Runner(a.sigscope, a.progs, tmp, max(1, a.toctou_tries), a.hooks)
    try:
        for n in names:
            o = test_program(runner, n)
            outcomes.append(o)
            if o.status == "ok" and PROGS[n].get("out_of_scope"):
                print(f"ok   {n}  (out of scope: not killed, marker written)", flush=True)
            elif o.status == "ok":
                got = o.detect.findings() if o.detect else {}
                found = ", ".join(f"{f} {sev_name(s)}" for f, s in sorted(got.items()))
                print(f"ok   {n}  ({found}; enforced)", flush=True)
            elif o.status == "skip":
                print(f"skip {n}: {o.reason}", flush=True)
            else:
                print(f"FAIL {n}: {o.reason}", flush=True)
            for note in o.notes:
                print(f"     {n}: {note}", flush=True)
    finally:
        runner.cgroups.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
    if a.matrix:
        print()
        print(matrix(outcomes))
        print()
    passed = sum(1 for o in outcomes if o.status == "ok")
    failed = sum(1 for o in outcomes if o.status == "FAIL")
    print(f"malicious: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
