/**
 * The hits and indicators of a page at capture time.
 *
 * Hits: the live-detection module keeps per-tab results in the background; until it exposes
 * them (platform/detection), a capture stores an empty hits list and says so in
 * metadata.methods.hits. Indicators (phones, e-mails, messenger handles, payment, shipping,
 * prices) are extracted from the captured visible text itself, so they match the evidence.
 */
import { extractIndicators, type Indicator } from '../../src/indicators';

/** What the capture stores about the page's findings. */
export interface PageFindings {
  hits: unknown[];
  /** Texts to box on the annotated screenshot. */
  hitTexts: string[];
  indicators: Indicator[];
  methods: Record<string, string>;
}

/** Hits known for a tab (none until live detection provides them). */
export async function hitsForTab(_tabId: number): Promise<{ hits: unknown[]; method: string }> {
  return { hits: [], method: 'none: live detection results are not available to capture yet' };
}

/** Indicators in the captured text. */
export function indicatorsOf(text: string): Indicator[] {
  return extractIndicators(text);
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
