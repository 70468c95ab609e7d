import type { Indicator } from '../indicators/types';
import type { Hit } from '../matcher/hit';
import { mergeTargets, type Target } from './practice';

/**
 * Turns Wildtrace's findings on a practice text into the things a trainee should find: every
 * shown hit and every seller indicator, overlapping ones merged into one target.
 */
export function practiceTargets(text: string, hits: readonly Hit[], indicators: readonly Indicator[]): Target[] {
  const targets: Target[] = [
    ...hits.map((h) => ({ start: h.start, end: h.end, text: text.slice(h.start, h.end), label: hitLabel(h) })),
    ...indicators.map((i) => ({ start: i.start, end: i.end, text: text.slice(i.start, i.end), label: i.type })),
  ];
  return mergeTargets(targets);
}

function hitLabel(h: Hit): string {
  const parts: string[] = [h.kind];
  if (h.taxon) parts.push(`${h.taxon.name} (${h.taxon.listing})`);
  else if (h.termKind) parts.push(h.termKind);
  if (h.tactics.length) parts.push(h.tactics.join(', '));
  return parts.join(' · ');
}
