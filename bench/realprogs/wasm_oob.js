// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
//
// bench/run.sh's Node.js workload: a fixed number of out-of-bounds WebAssembly loads, each a
// SIGSEGV that V8's trap handler turns into a caught WebAssembly.RuntimeError, between in-bounds
// work. The work is fixed, not the time: the run time is the measured quantity.
//
// Usage: node wasm_oob.js [TRAPS]   (default 200000)
// Prints: wasm traps=N elapsed_ns=E start_ns=S cpu_us=U sum=X (bench/bench_common.h's fields)
'use strict';
const startNs = BigInt(Date.now()) * 1000000n;

// (module (memory 1)
//   (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
const WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,          // type 0: (i32) -> i32
  0x03, 0x02, 0x01, 0x00,                                  // one function of type 0
  0x05, 0x03, 0x01, 0x00, 0x01,                            // memory: 1 page
  0x07, 0x08, 0x01, 0x04, 0x6c, 0x6f, 0x61, 0x64, 0x00, 0x00, // export "load" func 0
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b, // i32.load (local.get 0)
]);

const n = process.argv[2] === undefined ? 200000 : Number(process.argv[2]);
if (!Number.isInteger(n) || n < 1) {
  process.stderr.write('usage: node wasm_oob.js [TRAPS]\n');
  process.exit(2);
}
const { load } = new WebAssembly.Instance(new WebAssembly.Module(WASM)).exports;
const t0 = process.hrtime.bigint();
let traps = 0;
let sum = 0;
for (let i = 0; i < n; i++) {
  for (let j = 0; j < 64; j++) sum = (sum + load((j * 4) & 0xfff) + j) | 0;
  try {
    load(65536 + 4096 * (i & 7)); // past the one page: in the guard region
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    traps++;
  }
}
const t1 = process.hrtime.bigint();
const cpu = process.cpuUsage(); // the whole process, as bench_common.h
if (traps !== n) {
  process.stderr.write(`wasm: ${traps} of ${n} loads trapped\n`);
  process.exit(1);
}
process.stdout.write(`wasm traps=${traps} elapsed_ns=${t1 - t0} start_ns=${startNs} ` +
  `cpu_us=${cpu.user + cpu.system} sum=${sum}\n`);
