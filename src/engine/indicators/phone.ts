/**
 * Phone numbers, through libphonenumber-js: international numbers (+CC...) anywhere, national
 * numbers when a default region is given, and, as a fallback, digit runs right after a phone label
 * ("tel", "call", "WhatsApp", "SĐT", "HP", "电话"...) that libphonenumber cannot place; those keep
 * their digits and are marked `e164: false`.
 */
import { ClaimedSpans } from './spans';
import {
  findPhoneNumbersInText,
  parsePhoneNumberFromString,
  type CountryCode,
  type NumberFound,
} from 'libphonenumber-js';
import { PhraseMatcher } from './phrases';
import type { PhoneIndicator } from './types';

/** Options shared by the phone and messenger extractors. */
export interface PhoneOptions {
  /** Region assumed for numbers written without +CC (the site's or officer's country), e.g. "VN". */
  defaultRegion?: string;
}

/** Phone labels, found as words (CJK ones as substrings); the number must follow right after. */
const LABELS = new PhraseMatcher(
  [
    'tel',
    'telp',
    'phone',
    'mobile',
    'mob',
    'cell',
    'call',
    'sms',
    'hp',
    'no hp',
    'wa',
    'whatsapp',
    'whats app',
    'sđt',
    'sdt',
    'điện thoại',
    'llamar',
    'teléfono',
    'telefono',
    'tél',
    'portable',
    'móvil',
    'movil',
    'kontak',
    '电话',
    '手机',
    '電話',
    '手機',
  ].map((phrase) => ({ phrase, value: phrase })),
);
/**
 * The number right after a label, across at most two short joining words ("Call/text (202)...",
 * "WhatsApp me at ...", "llamar al ...").
 */
const LABELLED_NUMBER = /\s*[:：.\-/]?\s*(?:\p{L}{1,6}[\s:：.\-/]+){0,2}?(\+?\(?\d[\d\s().\-]{5,20}\d)/uy;
/** Digit runs that could be a phone number; libphonenumber only looks at windows around them. */
const CANDIDATE = /\+?\(?\d[\d\s().\-\/]{5,}\d/g;

/**
 * libphonenumber's answers per window text (and region): the same numbers recur across a page's
 * listings and across rescans of a changed block. Bounded: cleared when full.
 */
const FOUND_CACHE = new Map<string, readonly NumberFound[]>();
const FOUND_CACHE_MAX = 4096;

/**
 * What libphonenumber finds in a short window. Without a region it only reads numbers written
 * with a plus sign ("+" or the full-width "＋"), so a window without one is answered at once.
 */
function numbersIn(window: string, region: CountryCode | undefined): readonly NumberFound[] {
  if (!region && !window.includes('+') && !window.includes('＋')) return [];
  const key = `${region ?? ''}\u0000${window}`;
  let found = FOUND_CACHE.get(key);
  if (!found) {
    found = findPhoneNumbersInText(window, region ? { defaultCountry: region } : undefined);
    if (FOUND_CACHE.size >= FOUND_CACHE_MAX) FOUND_CACHE.clear();
    FOUND_CACHE.set(key, found);
  }
  return found;
}

type Parsed = Readonly<{ e164: string; country?: string }> | null;

/**
 * libphonenumber's reading per number as written (and region): a seller's number recurs in every
 * one of their listings on a page, and a cold parse costs up to a millisecond. Bounded: cleared when full.
 */
const PARSED_CACHE = new Map<string, Parsed>();
const PARSED_CACHE_MAX = 4096;

/** Parses one number; null when libphonenumber cannot make sense of it. */
export function parsePhone(raw: string, defaultRegion?: string): Parsed {
  const key = `${defaultRegion ?? ''}\u0000${raw}`;
  let parsed = PARSED_CACHE.get(key);
  if (parsed === undefined) {
    const found = parsePhoneNumberFromString(raw, defaultRegion as CountryCode | undefined);
    parsed = found && found.isPossible() ? { e164: found.number, country: found.country } : null;
    if (PARSED_CACHE.size >= PARSED_CACHE_MAX) PARSED_CACHE.clear();
    PARSED_CACHE.set(key, parsed);
  }
  return parsed;
}

/** Finds phone numbers in `text`. */
export function findPhones(text: string, options: PhoneOptions = {}): PhoneIndicator[] {
  const region = options.defaultRegion?.toUpperCase() as CountryCode | undefined;
  const out: PhoneIndicator[] = [];
  const claimed = new ClaimedSpans(text.length);
  // libphonenumber scans slowly; give it only short windows around digit runs (with room for
  // the "+" or brackets before and an extension after).
  for (const c of text.matchAll(CANDIDATE)) {
    const from = Math.max(0, c.index! - 2);
    const window = text.slice(from, c.index! + c[0].length + 2);
    for (const found of numbersIn(window, region)) {
      const start = from + found.startsAt;
      const end = from + found.endsAt;
      if (!claimed.tryClaim(start, end)) continue;
      out.push({
        type: 'phone',
        value: text.slice(start, end),
        normalized: found.number.number,
        start,
        end,
        details: { country: found.number.country, e164: true },
      });
    }
  }
  for (const label of LABELS.find(text)) {
    LABELLED_NUMBER.lastIndex = label.end;
    const m = LABELLED_NUMBER.exec(text);
    if (!m) continue;
    const raw = m[1];
    const start = m.index + m[0].length - raw.length;
    const end = start + raw.length;
    if (!claimed.isFree(start, end)) continue;
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    claimed.claim(start, end);
    const parsed = parsePhone(raw, region);
    out.push({
      type: 'phone',
      value: raw,
      normalized: parsed ? parsed.e164 : digits,
      start,
      end,
      details: parsed ? { country: parsed.country, e164: true } : { e164: false },
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
