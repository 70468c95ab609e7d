/** URL candidates in plain text, with or without a scheme ("t.me/x", "www.instagram.com/x"). */

export interface UrlSpan {
  start: number;
  end: number;
  /** Host in lower case, without "www." / "m." / "mobile.". */
  host: string;
  /** Path, query and fragment, as written. */
  rest: string;
}

const URL_PATTERN = /(?<![\p{L}\p{N}@.\/-])(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(\/[^\s<>"'()\[\]{}，。、]*)?/giu;
const SUBDOMAINS_DROPPED = /^(?:www|m|mobile|web|touch|mbasic)\./;

/** Finds host/path spans; trailing punctuation that usually ends a sentence is left out. */
export function findUrls(text: string): UrlSpan[] {
  const out: UrlSpan[] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    let rest = m[2] ?? '';
    const trimmed = rest.replace(/[.,;:!?…]+$/u, '');
    rest = trimmed;
    const end = m.index! + m[0].length - ((m[2] ?? '').length - rest.length);
    out.push({ start: m.index!, end, host: m[1].toLowerCase().replace(SUBDOMAINS_DROPPED, ''), rest });
  }
  return out;
}
