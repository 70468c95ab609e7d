/**
 * Trends page benchmark: what the background and the page do for BENCH_TRENDS_CASES cases of
 * BENCH_TRENDS_PER_CASE captures each (default 20 × 150 = 3,000 captures, "a few thousand"), in a
 * MemoryEvidenceStore (the session store) filled by the project's capture code.
 *
 * Peers in the same run: reading the facts alone (storeCaptureFacts, what the page used to do
 * itself over IndexedDB: the floor of `intel/trends`); the self-check of every case, each alone
 * (checkStoredCase, which verifies the install's audit log each time) and all at once
 * (checkStoredCases, the audit log once: the floor of "Export cyber-alert", which re-checks each
 * case before counting it).
 * Figures: time of each step (the median of 5 runs for the quick ones), the reply's size as JSON
 * (Chromium's message channel) per capture.
 */
import { MemoryEvidenceStore } from '../src/engine/evidence/memory-store';
import { ensureSigningKey } from '../src/engine/evidence/operations';
import { checkStoredCase, checkStoredCases } from '../src/engine/evidence/self-check';
import type { ExportSink } from '../src/engine/export/zip-writer';
import { IntelAggregator } from '../src/engine/intel/aggregator';
import type { CaptureFacts } from '../src/engine/intel/capture-facts';
import { factsFromWire } from '../src/engine/intel/facts-wire';
import { storeCaptureFacts, storeTrends } from '../src/engine/intel/store-facts';
import { writeStoreAlert } from '../src/engine/intel/store-alert';
import { filterFacts } from '../src/engine/intel/trends-filter';
import { prng } from '../tests/support/evidence-fixture';
import { addIntelCase, intelOptions } from '../tests/support/intel-fixture';
import { captureAt } from './intel-data';

const CASES = Number(process.env.BENCH_TRENDS_CASES ?? 20);
const PER_CASE = Number(process.env.BENCH_TRENDS_PER_CASE ?? 150);
const KB = 1024;

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await work();
  return { ms: performance.now() - t, result };
}

/** The median of `runs` timed runs (the machine is shared: one run can land on a busy moment). */
async function median<T>(work: () => Promise<T> | T, runs = 5): Promise<{ ms: number; result: T }> {
  const all: { ms: number; result: T }[] = [];
  for (let i = 0; i < runs; i++) all.push(await timed(work));
  return all.sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)];
}

/** Counts the bytes of the ZIP without keeping them. */
function countingSink(): ExportSink & { bytes: number } {
  const s = {
    bytes: 0,
    aborted: false,
    write(c: Uint8Array) {
      s.bytes += c.length;
    },
    close() {},
    abort() {
      s.aborted = true;
    },
  };
  return s;
}

async function main() {
  const t0 = performance.now();
  const store = new MemoryEvidenceStore();
  const signer = await ensureSigningKey(store, 'Officer', intelOptions(0));
  for (let c = 0; c < CASES; c++) {
    const r = prng(c + 1);
    const captures = Array.from({ length: PER_CASE }, (_, i) => captureAt(r, c, i));
    await addIntelCase(store, signer, `Case ${c}`, captures, c + 1);
  }
  const total = CASES * PER_CASE;
  console.log(
    `${CASES} cases × ${PER_CASE} captures = ${total} captures in the session store ` +
      `(made by the capture code in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  const caseIds = (await store.listCases()).map((c) => c.caseId);

  const floor = await median(async () => {
    const out: CaptureFacts[] = [];
    for await (const f of storeCaptureFacts(store, caseIds)) out.push(f);
    return out;
  });
  const reply = await median(() => storeTrends(store));
  const wire = await median(() => JSON.stringify(reply.result));
  const page = await median(() => (JSON.parse(wire.result) as typeof reply.result).facts.map(factsFromWire));
  if (page.result.length !== total) throw new Error(`the page got ${page.result.length} facts, expected ${total}`);
  const summarize = await median(() => {
    const agg = new IntelAggregator();
    for (const f of filterFacts(page.result, { from: '', to: '', without: new Set([caseIds[0]]) })) agg.add(f);
    return agg.summary();
  });
  const eachAlone = await timed(async () => {
    for (const id of caseIds) if ((await checkStoredCase(store, id)).length) throw new Error(`case ${id} fails`);
  });
  const checks = await timed(async () => {
    for await (const [id, problems] of checkStoredCases(store, caseIds))
      if (problems.length) throw new Error(`case ${id} fails`);
  });
  const sink = countingSink();
  const alert = await timed(() =>
    writeStoreAlert(
      store,
      sink,
      { caseIds, from: '', to: '' },
      {
        generatedAt: new Date().toISOString(),
        tool: { name: 'bench', version: '0' },
        scope: 'bench',
        producer: 'bench',
      },
    ),
  );
  if (alert.result.captures !== total) throw new Error(`the alert counted ${alert.result.captures} captures`);

  const bytes = wire.result.length;
  console.log('\n| step | where | time (ms) | captures/s |');
  console.log('|---|---|---:|---:|');
  const row = (name: string, where: string, ms: number) =>
    console.log(`| ${name} | ${where} | ${ms.toFixed(0)} | ${Math.round(total / (ms / 1000))} |`);
  row('read the facts alone (floor)', 'background', floor.ms);
  row('`intel/trends` reply (facts as JSON-safe lists)', 'background', reply.ms);
  row('to JSON and back, facts rebuilt', 'channel + page', wire.ms + page.ms);
  row('filter (one case out) and count', 'page', summarize.ms);
  row('self-check, each case alone (audit log each time)', 'background', eachAlone.ms);
  row('self-check of all cases (audit log once: floor of the export)', 'background', checks.ms);
  row('"Export cyber-alert" (self-check, facts, ZIP)', 'background', alert.ms);
  console.log(
    `\nreply: ${(bytes / KB).toFixed(0)} KB as JSON, ${(bytes / total).toFixed(0)} bytes a capture; ` +
      `intel/trends vs reading the facts alone: ${(reply.ms / floor.ms).toFixed(2)}×; ` +
      `export vs its self-check alone: ${(alert.ms / checks.ms).toFixed(2)}×; ` +
      `cyber-alert ZIP ${(sink.bytes / KB).toFixed(0)} KB.`,
  );
}

await main();
