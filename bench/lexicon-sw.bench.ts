/**
 * The compiled lexicon in the extension's real service worker (issue 3): the time from a cold
 * worker to complete hits, in Debian's Chromium with the built extension. Needs `npx wxt build`.
 *
 * 1. Difference method, the extension as shipped. Each round stops the worker, then times a
 *    message that needs no lexicon ("settings/get") and, on another freshly started worker, one
 *    that matches a sentence ("training/analyze": fetch and inflate lexicon.wtlx, load it, build
 *    the matcher with its evasion index, match, score); the difference is the lexicon and
 *    matcher's own cost. The reply is checked: every expected mention must come back with its
 *    taxon or trade term, so "ready" means complete hits, not a loaded file.
 * 2. Breakdown, inside the same kind of freshly started worker: the engine's code (src/lexicon,
 *    src/matcher, bundled here) is put into the worker and times each step on its first, cold run.
 */
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_BUILD, REPO, launchWithExtension } from '../tests/e2e/harness';

const ROUNDS = Number(process.env.WILDTRACE_SW_ROUNDS ?? 7);
const SAMPLE = 'Selling Python regius hatchlings, a Reticulated Python skin, a Hvid ørefasan and an ivory bangle, PM me.';
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
    if (!hit || !hit.taxon?.name || !hit.taxon.listing || !hit.term) throw new Error(`${where}: incomplete or missing hit for "${want}": ${JSON.stringify(hit)}`);
  }
}

// The probe: the engine's own modules, timed step by step inside the worker.
const work = mkdtempSync(join(tmpdir(), 'wildtrace-lexicon-sw-'));
const probeFile = join(work, 'probe.js');
await build({
  stdin: {
    contents: `import { inflateResponse } from './src/lexicon/asset'; import { loadLexicon } from './src/lexicon/load'; import { createMatcher } from './src/matcher/matcher';
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
try {
  const plain: number[] = [];
  const ready: number[] = [];
  const steps = { fetch: [] as number[], load: [] as number[], firstHits: [] as number[], ready: [] as number[], evasions: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    await ext.stopServiceWorker();
    let t = performance.now();
    await ext.sendAsExtension('settings/get', {});
    plain.push(performance.now() - t);

    await ext.stopServiceWorker();
    t = performance.now();
    const reply = await ext.sendAsExtension('training/analyze', { text: SAMPLE });
    ready.push(performance.now() - t);
    if (!reply.ok) throw new Error(reply.error);
    checkHits(reply.value.hits as Hitlike[], 'training/analyze');

    // A fresh worker (started by a message that needs no lexicon), then the probe's cold run.
    await ext.stopServiceWorker();
    await ext.sendAsExtension('settings/get', {});
    const worker = await ext.currentWorker();
    await worker.evaluate(probe);
    const r = (await worker.evaluate(`globalThis.__wtLexiconProbe(${JSON.stringify(SAMPLE)})`)) as Record<keyof typeof steps, number> & { hits: Hitlike[] };
    checkHits(r.hits, 'probe');
    for (const k of Object.keys(steps) as (keyof typeof steps)[]) steps[k].push(r[k]);
  }
  const p = median(plain);
  const l = median(ready);
  const hot = readFileSync(join(CHROME_BUILD, 'lexicon/lexicon.wtlx')).length;
  console.log(`Lexicon in the extension's service worker (Chromium, ${ROUNDS} cold starts, median and all runs; lexicon.wtlx ${(hot / 1e6).toFixed(2)} MB)`);
  console.log(`  cold worker, answer without the lexicon ("settings/get")         ${fmt(plain)}`);
  console.log(`  cold worker, complete hits for a sentence ("training/analyze")  ${fmt(ready)}`);
  console.log(`  lexicon and matcher's own cost (difference)                     ${(l - p).toFixed(0).padStart(5)} ms   goal <= 100 ms (issue 3)`);
  console.log('  Inside a freshly started worker, first (cold) run of each step:');
  console.log(`    fetch lexicon.wtlx and inflate it (DecompressionStream)       ${fmt(steps.fetch)}`);
  console.log(`    loadLexicon                                                   ${fmt(steps.load)}`);
  console.log(`    exact-name matcher and first complete hits                    ${fmt(steps.firstHits)}`);
  console.log(`    lexicon ready: file to complete hits                          ${fmt(steps.ready)}   goal <= 100 ms`);
  console.log(`    evasion index (createMatcher default, the matcher's own)      ${fmt(steps.evasions)}`);
} finally {
  await ext.close();
  rmSync(work, { recursive: true, force: true });
}
