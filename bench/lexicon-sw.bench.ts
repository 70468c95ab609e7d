/**
 * The compiled lexicon in the extension's real service worker (issue 3): the time from a cold
 * worker to complete hits, in Debian's Chromium with the built extension. Needs `npx wxt build`.
 *
 * 1. The extension as shipped. Each round stops the worker, then times a message that needs no
 *    lexicon ("settings/get") and, on another freshly started worker, one that needs the matcher
 *    ("lexicon/info": the lexicon fetched, inflated and loaded, the matcher and its evasion index
 *    built), then a sentence's hits ("training/analyze"), checked: every expected mention must come
 *    back with its taxon or trade term. The worker starts loading the lexicon as soon as it starts
 *    (installDetection) and then warms the matcher up, so the first message's answer can wait
 *    behind that work: the difference of the two cold answers is the lexicon and matcher's cost
 *    as a user sees it, not the lexicon's alone.
 * 2. The lexicon's own steps, cold: the engine's code (src/engine/lexicon, src/engine/matcher, bundled here, so
 *    none of it has run yet) is put into a worker once the worker's own start-up work is over, and
 *    times each step on its first run: fetch and inflate lexicon.wtlx, load, exact-name matcher and
 *    first complete hits, evasion index.
 */
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_BUILD, REPO, launchWithExtension } from '../tests/support/extension-harness';

const ROUNDS = Number(process.env.WILDTRACE_SW_ROUNDS ?? 7);
/** Time for the worker's own start-up work (lexicon load and warm-up turns) to end before the probe. */
const SETTLE_MS = 3000;
const SAMPLE =
  'Selling Python regius hatchlings, a Reticulated Python skin, a Hvid ørefasan and an ivory bangle, PM me.';
const EXPECTED = ['Python regius', 'Reticulated Python', 'Hvid ørefasan', 'ivory'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `${median(xs).toFixed(0).padStart(5)} ms  (${xs.map((x) => x.toFixed(0)).join(' ')})`;

if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) {
  console.log('lexicon-sw.bench: no extension build in .output/chrome-mv3 — run `npx wxt build` first. Skipped.');
  process.exit(0);
}

interface Hitlike {
  text: string;
  term?: string;
  taxon?: { name: string; listing: string };
}
function checkHits(hits: Hitlike[], where: string): void {
  for (const want of EXPECTED) {
    const hit = hits.find((h) => h.text === want);
    if (!hit || !hit.taxon?.name || !hit.taxon.listing || !hit.term)
      throw new Error(`${where}: incomplete or missing hit for "${want}": ${JSON.stringify(hit)}`);
  }
}

// The probe: the engine's own modules, timed step by step inside the worker.
const work = mkdtempSync(join(tmpdir(), 'wildtrace-lexicon-sw-'));
const probeFile = join(work, 'probe.js');
await build({
  stdin: {
    contents:
      `import { inflateResponse } from './src/engine/lexicon/asset'; ` +
      `import { loadLexicon } from './src/engine/lexicon/load'; ` +
      `import { createMatcher } from './src/engine/matcher/matcher';
      globalThis.__wtLexiconProbe = async (sample) => {
        const t0 = performance.now();
        const response = await fetch('/lexicon/lexicon.wtlx');
        const bytes = await inflateResponse(response);
        const t1 = performance.now();
        const lexicon = loadLexicon(bytes);
        const t2 = performance.now();
        const hits = createMatcher(lexicon, { evasions: false }).match(sample);
        const t3 = performance.now();
        createMatcher(lexicon);
        const t4 = performance.now();
        return { hits, fetch: t1 - t0, load: t2 - t1, firstHits: t3 - t2, evasions: t4 - t3, ready: t3 - t0 };
      };`,
    resolveDir: REPO,
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  outfile: probeFile,
  logLevel: 'error',
});
const probe = readFileSync(probeFile, 'utf8');

const ext = await launchWithExtension([]);
/** Sends as an extension page; right after a stop the worker may not take messages yet, so it tries again. */
async function send<K extends 'settings/get' | 'lexicon/info' | 'training/analyze'>(
  type: K,
  payload: Parameters<typeof ext.sendAsExtension<K>>[1],
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ext.sendAsExtension(type, payload);
    } catch (err) {
      if (attempt >= 5 || !/Receiving end does not exist/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
try {
  const plain: number[] = [];
  const ready: number[] = [];
  const steps = {
    fetch: [] as number[],
    load: [] as number[],
    firstHits: [] as number[],
    ready: [] as number[],
    evasions: [] as number[],
  };
  for (let i = 0; i < ROUNDS; i++) {
    await ext.stopServiceWorker();
    let t = performance.now();
    await send('settings/get', {});
    plain.push(performance.now() - t);

    await ext.stopServiceWorker();
    t = performance.now();
    const info = await send('lexicon/info', {});
    ready.push(performance.now() - t);
    if (!info.ok) throw new Error(info.error);
    const reply = await send('training/analyze', { text: SAMPLE });
    if (!reply.ok) throw new Error(reply.error);
    checkHits(reply.value.hits as Hitlike[], 'training/analyze');

    // The probe, in a worker whose start-up work (lexicon load, warm-up) is over.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const worker = await ext.currentWorker();
    await worker.evaluate(probe);
    const r = (await worker.evaluate(`globalThis.__wtLexiconProbe(${JSON.stringify(SAMPLE)})`)) as Record<
      keyof typeof steps,
      number
    > & { hits: Hitlike[] };
    checkHits(r.hits, 'probe');
    for (const k of Object.keys(steps) as (keyof typeof steps)[]) steps[k].push(r[k]);
  }
  const p = median(plain);
  const l = median(ready);
  const hot = readFileSync(join(CHROME_BUILD, 'lexicon/lexicon.wtlx')).length;
  console.log(
    `Lexicon in the extension's service worker (Chromium, ${ROUNDS} cold starts, median and all runs; ` +
      `lexicon.wtlx ${(hot / 1e6).toFixed(2)} MB)`,
  );
  console.log(`  cold worker, answer that needs no lexicon ("settings/get")        ${fmt(plain)}`);
  console.log(`  cold worker, lexicon and matcher ready ("lexicon/info")          ${fmt(ready)}`);
  console.log(
    `  difference (lexicon + matcher with evasion index, as seen)       ${(l - p).toFixed(0).padStart(5)} ms`,
  );
  console.log("  The lexicon's own steps, engine code run for the first time in the worker (cold):");
  console.log(`    fetch lexicon.wtlx and inflate it (DecompressionStream)       ${fmt(steps.fetch)}`);
  console.log(`    loadLexicon                                                   ${fmt(steps.load)}`);
  console.log(`    exact-name matcher and first complete hits                    ${fmt(steps.firstHits)}`);
  console.log(
    `    lexicon ready: file to complete hits                          ${fmt(steps.ready)}   goal <= 100 ms (issue 3)`,
  );
  console.log(`    evasion index (createMatcher default, the matcher's own)      ${fmt(steps.evasions)}`);
} finally {
  await ext.close();
  rmSync(work, { recursive: true, force: true });
}
