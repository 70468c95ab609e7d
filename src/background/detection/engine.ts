/**
 * The matching engine inside the background worker: the compiled lexicon is fetched and loaded
 * once per worker life (~9 MB, shared by every tab), and each block of page text is matched,
 * searched for seller indicators and scored there, so a tab only carries its text collector.
 */
import type { CompiledLexicon } from '../../engine/lexicon/compiled';
import { loadLexicon } from '../../engine/lexicon/load';
import { createMatcher, type Matcher } from '../../engine/matcher/matcher';
import { activeLexicon } from '../../browser/lexicon/active-lexicon';

let engine: Promise<{ lexicon: CompiledLexicon; matcher: Matcher }> | undefined;

/** The worker's matcher, loaded on first use; a failed load is retried on the next call. */
export function getMatcher(): Promise<{ lexicon: CompiledLexicon; matcher: Matcher }> {
  engine ??= (async () => {
    // The agency's lexicon when one was imported in the options, else the bundled one.
    const lexicon = loadLexicon((await activeLexicon()).bytes);
    return { lexicon, matcher: createMatcher(lexicon) };
  })();
  engine.catch(() => (engine = undefined));
  return engine;
}

/** Drops the loaded matcher so the next scan loads the lexicon in use again (after an import). */
export function forgetMatcher(): void {
  engine = undefined;
}
