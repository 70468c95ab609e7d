/**
 * Discussion of the trade (news, advocacy, enforcement, zoos and museums) subtracts: such a text
 * names the animal and even the words of a sale ("ban on sale of ivory") without offering anything.
 */
import type { Hit } from '../matcher/hit';
import { hashtagDiscussion, type Cue } from './cues';
import { capped, dedupeByTerm, overlaps, signalOf, withWeight } from './signals';
import type { RiskSignal } from './types';
import type { RiskWeights } from './weights';

/**
 * The discussion signals, each distinct word counted once, together at most the discussion cap.
 * Hashtags that discuss the trade (#ivoryban) count too: they are added to `cues` as discussion cues.
 */
export function discussionSignals(text: string, usable: readonly Hit[], cues: Cue[], w: RiskWeights): RiskSignal[] {
  for (const hit of usable) {
    const stem = hit.kind === 'hashtag' ? hashtagDiscussion(hit.text) : null;
    if (!stem) continue;
    let known = false;
    for (const c of cues) if (c.kind === 'discussion' && overlaps(c, hit)) known = true;
    if (known) continue;
    const term = `#…${stem}`;
    cues.push({ kind: 'discussion', start: hit.start, end: hit.end, text: hit.text, term, negated: false });
  }
  const made: RiskSignal[] = [];
  for (const c of cues) {
    if (c.kind !== 'discussion') continue;
    made.push(signalOf(text, 'discussion', `discussion word "${c.text}"`, c, w.discussion));
  }
  const counted = capped(dedupeByTerm(made), w.caps.discussion);
  const out: RiskSignal[] = [];
  for (const s of counted) out.push(withWeight(s, -s.weight, s.note));
  return out;
}
