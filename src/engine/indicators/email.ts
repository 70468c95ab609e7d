/**
 * E-mail addresses, including the common "name [at] example [dot] com" disguise (bracketed forms only). Normalised to
 * lower case (the local part is case-insensitive at every mail provider a seller would use).
 */
import { around, matchAtStarts, positionsOf, sticky } from './anchored';
import { ClaimedSpans } from './spans';
import type { EmailIndicator } from './types';

const PLAIN =
  /(?<![\p{L}\p{N}._%+-])([A-Za-z0-9._%+-]{1,64})@((?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24})(?![\p{L}\p{N}])/gu;
// Disguised: "at" and "dot" must be bracketed and the TLD a known one, so that ordinary prose
// ("meet at home dot com") is never read as an address.
const AT = String.raw`\s*[\[({<]\s*at\s*[\])}>]\s*`;
const DOT = String.raw`\s*[\[({<]\s*dot\s*[\])}>]\s*`;
const KNOWN_TLD = String.raw`(com|net|org|mail|edu|info|co|cn|vn|id|fr|es|de|uk|ru)`;
const DISGUISED = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])([A-Za-z0-9._%+-]{2,64})${AT}([A-Za-z0-9-]{2,63})${DOT}${KNOWN_TLD}(?![\p{L}\p{N}])`,
  'gu',
);
const PLAIN_AT = sticky(PLAIN);
/** Longest local part: a plain address starts at most this far before its "@". */
const LOCAL_MAX = 64;
/** Cheap test for the bracketed "at" every disguised address has. */
const BRACKETED_AT = /[\[({<]\s*at\s*[\])}>]/u;

/** Finds e-mail addresses in `text`. */
export function findEmails(text: string): EmailIndicator[] {
  const out: EmailIndicator[] = [];
  const claimed = new ClaimedSpans(text.length);
  // Plain addresses are tried only just before each "@"; disguised ones only when a bracketed
  // "at" is there at all (both give what a scan of every position would).
  for (const m of matchAtStarts(PLAIN_AT, text, around(positionsOf(text, '@'), LOCAL_MAX))) {
    const domain = m[2].toLowerCase();
    claimed.claim(m.index!, m.index! + m[0].length);
    out.push({
      type: 'email',
      value: m[0],
      normalized: `${m[1].toLowerCase()}@${domain}`,
      start: m.index!,
      end: m.index! + m[0].length,
      details: { domain },
    });
  }
  if (!BRACKETED_AT.test(text)) return out;
  for (const m of text.matchAll(DISGUISED)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!claimed.tryClaim(start, end)) continue;
    const domain = `${m[2]}.${m[3]}`.toLowerCase();
    out.push({
      type: 'email',
      value: m[0],
      normalized: `${m[1].toLowerCase()}@${domain}`,
      start,
      end,
      details: { domain },
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
