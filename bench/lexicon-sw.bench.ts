/**
 * The compiled lexicon in the extension's real service worker (issue 3): the time from a cold
 * worker to a lexicon loaded and ready for matching, in Debian's Chromium with the built extension.
 * Each round stops the worker, then times a message that needs the lexicon ("lexicon/info": fetch
 * of the packaged asset, loadLexicon, createMatcher) against one that does not ("settings/get"),
 * each on a freshly started worker, so the difference is the lexicon's own cost.
 * Needs `npm run build` first.
 */
import { launchWithExtension } from '../tests/e2e/harness';

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ext = await launchWithExtension([]);
try {
  const plain: number[] = [];
  const withLexicon: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await ext.stopServiceWorker();
    let t = performance.now();
    await ext.sendAsExtension('settings/get', {});
    plain.push(performance.now() - t);
    await ext.stopServiceWorker();
    t = performance.now();
    const reply = await ext.sendAsExtension('lexicon/info', {});
    withLexicon.push(performance.now() - t);
    if (!reply.ok) throw new Error(reply.error);
  }
  const p = median(plain);
  const l = median(withLexicon);
  console.log(`Lexicon in the extension's service worker (Chromium, median of ${ROUNDS} cold starts)`);
  console.log(`  cold worker, answer without the lexicon   ${p.toFixed(0).padStart(6)} ms`);
  console.log(`  cold worker, lexicon loaded and matcher ready ${l.toFixed(0).padStart(6)} ms`);
  console.log(`  lexicon's own cost (difference)          ${(l - p).toFixed(0).padStart(6)} ms   goal <= 100 ms (issue 3)`);
} finally {
  await ext.close();
}
