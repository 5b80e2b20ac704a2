#!/usr/bin/env python3
"""Refuse a BPF object with a loop the 6.1 verifier refuses.

6.1's check_cfg() accepts a bounded loop only when its back edge is a jump: a cycle closed by a
fall-through edge is "back-edge from insn N to N+1" and the whole object fails to load
(EINVAL). clang emits such a loop for a plain `for` it did not unroll, and 6.2 and later accept
it, so only an old kernel shows it. This walks each section's instructions in check_cfg()'s
order (a conditional jump's fall-through first, then its target) and reports any fall-through
edge to an instruction still on the walk. Usage: bpf_cfg_check.py OBJ [OBJDUMP]
"""
import re
import subprocess
import sys


def edges_of(insns):
    idx = sorted(insns)
    nxt = dict(zip(idx, idx[1:]))
    edges = {}
    for a in idx:
        text, out = insns[a], []
        m = re.search(r"goto ([+-]?\d+)", text)
        if m:
            if text.startswith("if") and a in nxt:
                out.append((nxt[a], "fallthrough"))
            out.append((a + 1 + int(m.group(1)), "jump"))
        elif not text.startswith("exit") and a in nxt:
            out.append((nxt[a], "fallthrough"))
        edges[a] = out
    return idx, edges


def fallthrough_back_edges(insns):
    idx, edges = edges_of(insns)
    state, bad = {}, []
    for start in idx:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(edges[start]))]
        while stack:
            v, it = stack[-1]
            for w, kind in it:
                if w not in edges:
                    continue
                if state.get(w) == 1:
                    if kind == "fallthrough":
                        bad.append((v, w))
                elif w not in state:
                    state[w] = 1
                    stack.append((w, iter(edges[w])))
                    break
            else:
                state[v] = 2
                stack.pop()
    return bad


def main():
    obj = sys.argv[1]
    objdump = sys.argv[2] if len(sys.argv) > 2 else "llvm-objdump"
    text = subprocess.run([objdump, "-d", "--no-show-raw-insn", obj], capture_output=True,
                          text=True, check=True).stdout
    failed = 0
    for sec in text.split("\nDisassembly of section ")[1:]:
        name = sec.split(":")[0]
        insns = {int(m.group(1)): m.group(2)
                 for m in re.finditer(r"^\s*(\d+):\t(.*)$", sec, re.M)}
        for v, w in fallthrough_back_edges(insns):
            print("%s: section %s: loop closed by a fall-through edge, insn %d to %d: the 6.1 "
                  "verifier refuses it (unroll it, or use bpf_loop)" % (obj, name, v, w),
                  file=sys.stderr)
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
