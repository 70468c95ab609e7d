/**
 * Cross-case report benchmark: `wildtrace report` over BENCH_CASE_FILES case files of
 * BENCH_CAPTURES_PER_CASE captures each (default 200 × 100 = 20,000 captures; 1,000 × 100 is set
 * by hand with the variables), made by the project's capture and export code (about 8 ms of CPU a
 * capture, on every core) with varied taxa, sites, terms and seller indicators. Sellers are mostly
 * one-off, as on a patrol: four captures in five carry a phone seen nowhere else and seven in ten a
 * handle seen nowhere else; the rest come from small pools shared across cases, so cross-posting
 * exists. Distinct seller indicators thus grow with the captures (about 1.5 per capture): the
 * report's memory is measured where it grows.
 *
 * Peers measured in the same run: verifying every file alone (the floor: the report verifies each
 * file first, so it cannot be faster), and the report over the first tenth of the files (how peak
 * memory grows with ten times the captures: aggregation keeps counters and one small record per
 * distinct value, never the captures). The case files are written by child processes, so the
 * measuring process starts clean.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import report from '../src/cli/report-command';
import { fileSource } from '../src/cli/file-source';
import { useNodeHashing } from '../src/cli/node-hashing';
import { verifyCaseFile } from '../src/engine/verify/verify-case';
import { prng } from '../tests/support/evidence-fixture';
import { intelCaseFile } from '../tests/support/intel-fixture';
import { captureAt } from './intel-data';

const FILES = Number(process.env.BENCH_CASE_FILES ?? 200);
const PER_CASE = Number(process.env.BENCH_CAPTURES_PER_CASE ?? 100);
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Writes case files number `from` to `to` - 1 into `dir`. */
async function generate(dir: string, from: number, to: number): Promise<void> {
  for (let f = from; f < to; f++) {
    const r = prng(f + 1);
    const captures = Array.from({ length: PER_CASE }, (_, i) => captureAt(r, f, i));
    writeFileSync(
      join(dir, `case-${String(f).padStart(4, '0')}.zip`),
      await intelCaseFile(`Case ${f}`, captures, f + 1),
    );
  }
}

/** Generates the case files in one child process per core. */
async function generateInChildren(dir: string): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const children = Math.min(availableParallelism(), FILES);
  const share = Math.ceil(FILES / children);
  await Promise.all(
    Array.from({ length: children }, (_, c) => {
      const range = [c * share, Math.min(FILES, (c + 1) * share)].map(String);
      const child = spawn(process.execPath, ['--import', 'tsx', self, '--generate', dir, ...range], {
        stdio: 'inherit',
      });
      return new Promise<void>((resolve, reject) =>
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('generating the case files failed')))),
      );
    }),
  );
}

/**
 * Memory above the baseline while `work` runs: peak RSS (sampled every 20 ms) and peak live JS
 * memory (heap and buffers right after a full collection, once a second: what the task holds,
 * without the garbage V8 has not collected yet; the collections cost about 1 % of the time).
 */
async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; rss: number; live: number; result: T }> {
  gc();
  const js = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = { rss: process.memoryUsage().rss, js: js() };
  const peak = { rss: 0, live: 0 };
  const rss = setInterval(() => (peak.rss = Math.max(peak.rss, process.memoryUsage().rss - base.rss)), 20);
  const live = setInterval(() => {
    gc();
    peak.live = Math.max(peak.live, js() - base.js);
  }, 1000);
  const t = performance.now();
  try {
    const result = await work();
    return { ms: performance.now() - t, ...peak, result };
  } finally {
    clearInterval(rss);
    clearInterval(live);
  }
}

async function verifyAll(paths: string[]): Promise<number> {
  let captures = 0;
  for (const p of paths) {
    const fh = await open(p, 'r');
    try {
      const rep = await verifyCaseFile(fileSource(fh, (await fh.stat()).size));
      if (!rep.ok) throw new Error(`${p} does not verify`);
      captures += rep.summary.captures;
    } finally {
      await fh.close();
    }
  }
  return captures;
}

/** Runs the report; returns how many distinct seller indicators it counted (rows of sellers.csv). */
async function runReport(inputDir: string, paths: string[] | undefined): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'wildtrace-bench-report-out-'));
  const log = console.log;
  console.log = () => undefined;
  try {
    const code = await report.run([...(paths ?? [inputDir]), '--out', out, '--quiet']);
    if (code !== 0) throw new Error(`wildtrace report exited ${code}`);
    return readFileSync(join(out, 'sellers.csv'), 'utf8').trim().split('\n').length - 1;
  } finally {
    console.log = log;
    rmSync(out, { recursive: true, force: true });
  }
}

async function main() {
  useNodeHashing(); // as bin/wildtrace does
  if (process.argv[2] === '--generate') {
    await generate(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
    return;
  }
  // BENCH_CASE_DIR keeps the case files for the next run (making 100,000 captures takes minutes).
  const kept = process.env.BENCH_CASE_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'wildtrace-bench-cases-'));
  mkdirSync(dir, { recursive: true });
  const tag = join(dir, `made-${FILES}x${PER_CASE}`);
  try {
    const t0 = performance.now();
    if (!existsSync(tag)) {
      for (const f of readdirSync(dir)) if (/^(case-\d+\.zip|made-\d+x\d+)$/.test(f)) rmSync(join(dir, f));
      await generateInChildren(dir);
      writeFileSync(tag, '');
    }
    const paths = readdirSync(dir)
      .filter((f) => f.endsWith('.zip'))
      .sort()
      .map((f) => join(dir, f));
    const bytes = paths.reduce((a, p) => a + statSync(p).size, 0);
    const captures = FILES * PER_CASE;
    console.log(
      `${FILES} case files × ${PER_CASE} captures = ${captures} captures, ${(bytes / MB).toFixed(0)} MB ` +
        `(made by the capture and export code${kept ? ', or kept from an earlier run,' : ''} in ` +
        `${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
    const verify = await measure(() => verifyAll(paths));
    if (verify.result !== captures) throw new Error(`verified ${verify.result} captures, expected ${captures}`);
    const tenth = paths.slice(0, Math.max(1, Math.floor(paths.length / 10)));
    const small = await measure(() => runReport(dir, tenth));
    const full = await measure(() => runReport(dir, undefined));
    const rows = [
      { name: `verify every file (floor)`, files: paths.length, ...verify },
      { name: `report, first tenth of the files`, files: tenth.length, ...small },
      { name: `report, all files`, files: paths.length, ...full },
    ];
    console.log(
      '\n| task | files | captures | time (s) | captures/s | peak RSS over base (MB) | peak live JS memory (MB) |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      const n = r.files * PER_CASE;
      console.log(
        `| ${r.name} | ${r.files} | ${n} | ${(r.ms / 1000).toFixed(1)} | ${Math.round(n / (r.ms / 1000))} | ` +
          `${(r.rss / MB).toFixed(0)} | ${(r.live / MB).toFixed(0)} |`,
      );
    }
    console.log(
      `\nreport time vs verify alone: ${(full.ms / verify.ms).toFixed(2)}×; ` +
        `peak live JS memory, all files vs a tenth: ${(full.live / Math.max(1, small.live)).toFixed(2)}× ` +
        `for ${(paths.length / tenth.length).toFixed(0)}× the captures ` +
        `(distinct seller indicators ${small.result} -> ${full.result}).`,
    );
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
