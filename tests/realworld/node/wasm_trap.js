// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// The Node.js workload of tests/realworld/run_realworld.py. V8 bounds-checks WebAssembly memory
// with guard regions: an out-of-bounds load faults (SIGSEGV), and V8's trap handler moves rip to
// the trap's landing pad in the JIT code, which throws a WebAssembly.RuntimeError. Run with
// --expose-gc and --cpu-prof (the sampling profiler interrupts every thread with SIGPROF):
//
//   - faults: out-of-bounds wasm loads, caught as RuntimeError, on the main thread and in
//     worker threads;
//   - stack overflow: unbounded recursion in wasm and in JS on the main thread and in the
//     workers (V8 checks its stack limit: RangeError, caught);
//   - GC: garbage and gc() calls; timers: a 1 ms setInterval; preemption: the profiler's
//     SIGPROF samples.
//
// Usage: node --expose-gc --cpu-prof --cpu-prof-dir=DIR wasm_trap.js [SECONDS] (default 3).
// Prints "node: ..." with the counts, exits 0 when each is what it must be.
'use strict';
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');

// (module (memory 1)
//   (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
//   (func (export "rec") (param i32) (result i32) (call 1 (local.get 0))))
const WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,          // type 0: (i32) -> i32
  0x03, 0x03, 0x02, 0x00, 0x00,                            // two functions of type 0
  0x05, 0x03, 0x01, 0x00, 0x01,                            // memory: 1 page
  0x07, 0x0e, 0x02,                                        // exports
  0x04, 0x6c, 0x6f, 0x61, 0x64, 0x00, 0x00,                // "load" func 0
  0x03, 0x72, 0x65, 0x63, 0x00, 0x01,                      // "rec" func 1
  0x0a, 0x10, 0x02,                                        // code
  0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b,          // i32.load (local.get 0)
  0x06, 0x00, 0x20, 0x00, 0x10, 0x01, 0x0b,                // call 1 (local.get 0)
]);

function jsRecurse(n) {
  return jsRecurse(n + 1) + 1;
}

// Runs the traps and overflows for `ms`; returns the counts.
function work(ms) {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(WASM));
  const { load, rec } = inst.exports;
  const c = { traps: 0, wasmOverflows: 0, jsOverflows: 0, loads: 0, garbage: 0 };
  const end = Date.now() + ms;
  let keep = [];
  while (Date.now() < end) {
    const t = Date.now();
    while (Date.now() - t < 5); // paced (busy, for SIGPROF): 2,000 traps a second a thread
    for (let i = 0; i < 10; i++) {
      try {
        load(65536 + 4096 * i); // past the one page: in the guard region
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) c.traps++;
        else throw e;
      }
      c.loads += load(i * 4) === 0 ? 1 : 0;
    }
    try {
      rec(0);
    } catch (e) {
      if (e instanceof RangeError) c.wasmOverflows++;
      else throw e;
    }
    try {
      jsRecurse(0);
    } catch (e) {
      if (e instanceof RangeError) c.jsOverflows++;
      else throw e;
    }
    for (let i = 0; i < 1000; i++) keep.push({ i, s: 'x'.repeat(i & 63) });
    c.garbage += keep.length;
    if (keep.length > 20000) keep = [];
  }
  return c;
}

if (!isMainThread) {
  parentPort.postMessage(work(workerData.ms));
} else {
  const seconds = Number(process.argv[2] || 3);
  const ms = seconds * 1000;
  let ticks = 0;
  const timer = setInterval(() => { ticks++; }, 1);
  const workers = [0, 1].map(() => new Promise((resolve, reject) => {
    const w = new Worker(__filename, { workerData: { ms } });
    w.once('message', resolve);
    w.once('error', reject);
  }));
  let gcs = 0;
  const gcTimer = setInterval(() => { global.gc(); gcs++; }, 20);
  // The main thread's share, in slices so the timers run in between.
  const main = { traps: 0, wasmOverflows: 0, jsOverflows: 0, loads: 0, garbage: 0 };
  const end = Date.now() + ms;
  const slice = () => {
    const c = work(50);
    for (const k of Object.keys(main)) main[k] += c[k];
    if (Date.now() < end) return setTimeout(slice, 2);
    Promise.all(workers).then((ws) => {
      clearInterval(timer);
      clearInterval(gcTimer);
      const sum = (k) => ws.reduce((a, w) => a + w[k], 0);
      console.log(`node: wasm traps caught ${main.traps} main + ${sum('traps')} workers, ` +
        `wasm stack overflows ${main.wasmOverflows} main + ${sum('wasmOverflows')} workers, ` +
        `JS stack overflows ${main.jsOverflows} main + ${sum('jsOverflows')} workers, ` +
        `gc() ${gcs}, timer ticks ${ticks}, text remapped ${textRemapped()}`);
      const ok = main.traps > 0 && sum('traps') > 0 && main.wasmOverflows > 0 &&
        sum('wasmOverflows') > 0 && main.jsOverflows > 0 && gcs > 0 && ticks > 0;
      process.exitCode = ok ? 0 : 1;
    }, (e) => { console.error(e); process.exitCode = 1; });
  };
  slice();
}

// --use-largepages=on copies node's own code onto anonymous pages at the addresses of its text
// (the 2 MiB-aligned part): an anonymous r-xp mapping inside the span of node's r-xp mappings.
function textRemapped() {
  const fs = require('fs');
  const exe = fs.realpathSync('/proc/self/exe');
  const ranges = fs.readFileSync('/proc/self/maps', 'utf8').split('\n')
    .filter((l) => / r-xp /.test(l))
    .map((l) => {
      const [lo, hi] = l.split(' ')[0].split('-').map((x) => BigInt('0x' + x));
      return { lo, hi, exe: l.endsWith(exe), anon: / 00:00 0\s*$/.test(l) };
    });
  const text = ranges.filter((r) => r.exe);
  if (!text.length) return 'no';
  const lo = text.reduce((a, r) => (r.lo < a ? r.lo : a), text[0].lo);
  const hi = text.reduce((a, r) => (r.hi > a ? r.hi : a), text[0].hi);
  return ranges.some((r) => r.anon && r.lo >= lo && r.hi <= hi) ? 'yes' : 'no';
}
