/**
 * Lexicon benchmark (issue 3): size of the compiled asset (raw and gzipped), the time to load it
 * ready for matching, and its memory. Goals: ready in <= 50 ms cold (issue 4; <= 100 ms in issue
 * 3) and <= 15 MB of heap.
 *
 * "Cold" is the first load in a fresh isolate, code not yet optimised. Node: this process.
 * Extension service worker: a fresh worker_threads isolate given the bytes as an ArrayBuffer, the
 * way the worker gets them from fetch(runtime.getURL(...)); it stands in for Chrome's worker
 * (same V8 engine, no file system), and does not include the packaged-file fetch itself.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { LEXICON_ASSET_PATH } from '../src/lexicon/node-load';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (b: number) => (b / 1e6).toFixed(2) + ' MB';

const bytes = readFileSync(LEXICON_ASSET_PATH);
const gz = gzipSync(bytes, { level: 9 }).length;

/** Loads the asset in a fresh isolate and reports timings and memory from inside it. */
function loadInWorker(): Promise<{ cold: number; warm: number; matcher: number; heap: number; external: number }> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { register } = await import('tsx/esm/api');
      register();
      const { loadLexicon } = await import(${JSON.stringify(new URL('../src/lexicon/load.ts', import.meta.url).href)});
      const { createMatcher } = await import(${JSON.stringify(new URL('../src/matcher/matcher.ts', import.meta.url).href)});
      const buf = workerData.buffer;
      globalThis.gc?.(); const m0 = process.memoryUsage();
      let t = performance.now(); const lex = loadLexicon(buf); const cold = performance.now() - t;
      lex.taxonRef(0); lex.entryText(0);
      globalThis.gc?.(); const m1 = process.memoryUsage();
      const times = []; for (let i = 0; i < 5; i++) { t = performance.now(); loadLexicon(buf); times.push(performance.now() - t); }
      t = performance.now(); createMatcher(lex); const matcher = performance.now() - t;
      parentPort.postMessage({ cold, warm: Math.min(...times), matcher, heap: m1.heapUsed - m0.heapUsed, external: m1.arrayBuffers - m0.arrayBuffers + buf.byteLength });
    })();
  `;
  const ab = new ArrayBuffer(bytes.length);
  new Uint8Array(ab).set(bytes);
  return new Promise((resolveP, reject) => {
    const w = new Worker(source, { eval: true, workerData: { buffer: ab }, transferList: [ab] });
    w.once('message', (m) => {
      resolveP(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

// Node, this process: the first load is cold.
gc();
const m0 = process.memoryUsage();
let t = performance.now();
const { loadLexicon } = await import('../src/lexicon/load');
const importMs = performance.now() - t;
t = performance.now();
const fileBytes = readFileSync(LEXICON_ASSET_PATH);
const readMs = performance.now() - t;
t = performance.now();
const lexicon = loadLexicon(fileBytes);
const coldMs = performance.now() - t;
lexicon.taxonRef(0);
lexicon.entryText(0);
gc();
const m1 = process.memoryUsage();
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  t = performance.now();
  loadLexicon(fileBytes);
  warm.push(performance.now() - t);
}
const { createMatcher } = await import('../src/matcher/matcher');
t = performance.now();
const exact = createMatcher(lexicon, { evasions: false });
const exactMs = performance.now() - t;
gc();
const m2a = process.memoryUsage();
t = performance.now();
const full = createMatcher(lexicon);
const fullMs = performance.now() - t;
gc();
const m2 = process.memoryUsage();
t = performance.now();
const lex = lexicon.toLexicon();
const fullLexMs = performance.now() - t;
void exact;
void full;

const sw = await loadInWorker();
const heapNode = m1.heapUsed - m0.heapUsed;
const extNode = m1.arrayBuffers - m0.arrayBuffers;

console.log(`Asset ${LEXICON_ASSET_PATH.split('/').slice(-3).join('/')}: ${mb(bytes.length)} raw, ${mb(gz)} gzipped; ${lexicon.version.counts.taxa} taxa, ${lexicon.entryKind.length} names and terms, ${lexicon.wordCount} distinct words`);
console.log('| Step | Node | Service worker stand-in (worker thread) | Goal |');
console.log('|---|---|---|---|');
console.log(`| Read file | ${readMs.toFixed(1)} ms | (bytes handed over) | |`);
console.log(`| Load, cold (first call) | ${coldMs.toFixed(1)} ms | ${sw.cold.toFixed(1)} ms | <= 50 ms |`);
console.log(`| Load, warm (best of 5) | ${Math.min(...warm).toFixed(1)} ms | ${sw.warm.toFixed(1)} ms | |`);
console.log(`| Matcher, exact names (createMatcher) | ${exactMs.toFixed(1)} ms | | |`);
console.log(`| Matcher with evasions (misspelling index) | ${fullMs.toFixed(1)} ms | ${sw.matcher.toFixed(1)} ms | once per worker start |`);
console.log(`| Memory after load: JS heap + typed arrays | ${mb(heapNode)} + ${mb(extNode)} | ${mb(sw.heap)} + ${mb(sw.external)} | <= 15 MB |`);
console.log(`| Extra memory of the evasion matcher | ${mb(m2.heapUsed - m2a.heapUsed)} + ${mb(m2.arrayBuffers - m2a.arrayBuffers)} | | |`);
console.log(`| Full lexicon for details (toLexicon, lazy) | ${fullLexMs.toFixed(0)} ms, ${lex.taxa.length} taxa | | only when asked |`);
console.log(`(module import ${importMs.toFixed(0)} ms; typed arrays are views on the asset bytes, counted once)`);
