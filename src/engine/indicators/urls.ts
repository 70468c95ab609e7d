/** URL candidates in plain text, with or without a scheme ("t.me/x", "www.instagram.com/x"). */
import { matchAtStarts, sticky } from './anchored';

export interface UrlSpan {
  start: number;
  end: number;
  /** Host in lower case, without "www." / "m." / "mobile.". */
  host: string;
  /** Path, query and fragment, as written. */
  rest: string;
}

const URL_PATTERN =
  /(?<![\p{L}\p{N}@.\/-])(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(\/[^\s<>"'()\[\]{}，。、]*)?/giu;
const URL_AT = sticky(URL_PATTERN);
/** Every URL has a label character, a dot and a letter: "e.c" in "example.com". */
const LABEL_CHAR = /[a-z0-9-]/iu;
const LETTER = /[a-z]/iu;
const HOST_CHAR = /[a-z0-9.-]/iu;
const SUBDOMAINS_DROPPED = /^(?:www|m|mobile|web|touch|mbasic)\./;
/** Longest scheme before a host: "https://". */
const SCHEME = 8;

/**
 * Where a URL can start: from 8 characters (a scheme) before the run of host characters that
 * holds a trigger, up to the trigger itself.
 */
function urlStarts(text: string): number[] {
  const out: number[] = [];
  let next = 0;
  for (let dot = text.indexOf('.', 1); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    if (dot + 1 >= text.length || !LABEL_CHAR.test(text[dot - 1]) || !LETTER.test(text[dot + 1])) continue;
    const at = dot - 1;
    let run = at;
    while (run > next && HOST_CHAR.test(text[run - 1])) run--;
    for (let p = Math.max(next, run - SCHEME); p <= at; p++) out.push(p);
    next = at + 1;
  }
  return out;
}

// Messenger links and social profiles both read the URLs of the same text, one after the other.
let memo: { text: string; urls: UrlSpan[] } | undefined;

/** Finds host/path spans; trailing punctuation that usually ends a sentence is left out. */
export function findUrls(text: string): UrlSpan[] {
  if (memo?.text === text) return memo.urls;
  const out: UrlSpan[] = [];
  for (const m of matchAtStarts(URL_AT, text, urlStarts(text))) {
    let rest = m[2] ?? '';
    const trimmed = rest.replace(/[.,;:!?…]+$/u, '');
    rest = trimmed;
    const end = m.index + m[0].length - ((m[2] ?? '').length - rest.length);
    out.push({ start: m.index, end, host: m[1].toLowerCase().replace(SUBDOMAINS_DROPPED, ''), rest });
  }
  memo = { text, urls: out };
  return out;
}
