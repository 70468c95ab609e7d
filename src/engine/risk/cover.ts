/**
 * Legal-but-cover claims (issue 17 kind e): "legal mammoth ivory", "pre-ban", "antique with
 * certificate". They do not make an offer harmless: mammoth ivory is not CITES-listed and
 * antiques are exempt only with papers, which is why sellers of elephant ivory claim them. Beside a
 * wildlife subject such a claim adds points and a note that says so; it is shown, never dropped.
 */
import type { Cue } from './cues';
import { signalOf } from './signals';
import type { RiskSignal } from './types';
import type { RiskWeights } from './weights';

export const COVER_NOTE =
  'a legal or exempt source is claimed (mammoth ivory is not CITES-listed; pre-ban and antique items ' +
  'are exempt only with papers): a known cover for elephant ivory';

/** The first cover claim of `cues`, as one signal, when the text has a subject; else none. */
export function coverSignals(text: string, cues: readonly Cue[], hasSubject: boolean, w: RiskWeights): RiskSignal[] {
  if (!hasSubject) return [];
  for (const c of cues) {
    if (c.kind === 'cover')
      return [signalOf(text, 'cover', `claims a legal source: "${c.text}"`, c, w.cover, COVER_NOTE)];
  }
  return [];
}
