/**
 * The hits and indicators of a page at capture time.
 *
 * Hits come from live detection's per-tab results in the background (src/content (page) and
 * src/background/detection (worker)), read at the moment of the capture; the method string records
 * their revision and time. Indicators come from the same results; when live detection has nothing
 * for the tab yet (the page was never scanned), they are extracted from the captured visible text
 * itself.
 */
import { extractIndicators } from '../../engine/indicators';
import type { WatchHit } from '../../engine/watchlist/match';
import { tabDetection } from '../detection/tab-results';
import { regionForPage } from '../detection/home-region';

/** What the capture stores about the page's findings. */
export interface PageFindings {
  hits: unknown[];
  indicators: unknown[];
  methods: Record<string, string>;
}

/** Hits known for a tab now, with how they were obtained. */
export async function findingsForTab(
  tabId: number,
): Promise<{ hits: unknown[]; indicators: unknown[] | undefined; watchlist?: WatchHit[]; method: string }> {
  const found = await tabDetection(tabId).catch(() => null);
  if (!found)
    return { hits: [], indicators: undefined, watchlist: [], method: 'live detection had no results for this tab' };
  return {
    hits: found.hits,
    watchlist: found.watchlist ?? [],
    // Flattened so each entry reads as an indicator ({ type, value, ... }) with where it was seen.
    indicators: found.indicators.map((v) => ({ ...v.indicator, frameId: v.frameId, blockId: v.blockId })),
    method: `live detection results, revision ${found.revision}, updated ${found.updatedAt}, ${found.frames} frames`,
  };
}

/**
 * Indicators in the captured text (when live detection has none for the tab), with phone numbers
 * read in the page's region as live detection reads them (see regionForPage).
 */
export async function indicatorsOf(text: string, url: string): Promise<unknown[]> {
  return extractIndicators(text, { defaultRegion: await regionForPage(url) });
}

/** The texts a hit covers, for the boxes of the annotated screenshot. */
export function hitTextsOf(hits: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const h of hits) {
    const text = (h as { text?: unknown })?.text;
    if (typeof text === 'string' && text.trim()) out.push(text);
  }
  return out;
}
