/**
 * Mentions as an officer counts them: hits whose spans overlap are one mention ("#ivoryforsale"
 * and the "ivory" inside it; "p4ngolin scale" and "p4ngolin"). Sale and contact cues are not
 * mentions of wildlife. The badge, the popup and the side panel all count with this.
 */
import type { Hit } from './hit';

type Span = Pick<Hit, 'start' | 'end' | 'kind'>;

/** The number of wildlife mentions among the hits of one text (offsets into the same text). */
export function countMentions(hits: readonly Span[]): number {
  const spans = hits.filter((h) => h.kind !== 'cue').sort((a, b) => a.start - b.start || b.end - a.end);
  let count = 0;
  let reach = -1;
  for (const { start, end } of spans) {
    if (start >= reach) count++;
    reach = Math.max(reach, end);
  }
  return count;
}
