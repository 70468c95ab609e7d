/**
 * Phone numbers, through libphonenumber-js: international numbers (+CC...) anywhere, national
 * numbers when a default region is given, and, as a fallback, digit runs right after a phone label
 * ("tel", "call", "WhatsApp", "SĐT", "HP", "电话"...) that libphonenumber cannot place; those keep
 * their digits and are marked `e164: false`.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { PhoneIndicator } from './types';

/** Options shared by the phone and messenger extractors. */
export interface PhoneOptions {
  /** Region assumed for numbers written without +CC (the site's or officer's country), e.g. "VN". */
  defaultRegion?: string;
}

/** A labelled number: the label, an optional colon, then 7..15 digits with usual separators. */
const LABELLED = new RegExp(
  String.raw`(?:(?<![\p{L}\p{N}])(?:tel|telp|phone|mobile|mob|cell|call|sms|hp|no\.?\s*hp|wa|whats\s?app|sđt|sdt|điện thoại|llamar|teléfono|telefono|tél|portable|móvil|movil|kontak)(?![\p{L}\p{N}])|电话|手机|電話|手機)` +
    String.raw`\s*[:：.\-]?\s*(\+?\d[\d\s().\-]{5,20}\d)`,
  'giu',
);

/** Parses one number; null when libphonenumber cannot make sense of it. */
export function parsePhone(raw: string, defaultRegion?: string): { e164: string; country?: string } | null {
  const parsed = parsePhoneNumberFromString(raw, defaultRegion as CountryCode | undefined);
  if (!parsed || !parsed.isPossible()) return null;
  return { e164: parsed.number, country: parsed.country };
}

/** Finds phone numbers in `text`. */
export function findPhones(text: string, options: PhoneOptions = {}): PhoneIndicator[] {
  const region = options.defaultRegion?.toUpperCase() as CountryCode | undefined;
  const out: PhoneIndicator[] = [];
  for (const found of findPhoneNumbersInText(text, region ? { defaultCountry: region } : undefined)) {
    out.push({
      type: 'phone',
      value: text.slice(found.startsAt, found.endsAt),
      normalized: found.number.number,
      start: found.startsAt,
      end: found.endsAt,
      details: { country: found.number.country, e164: true },
    });
  }
  for (const m of text.matchAll(LABELLED)) {
    const raw = m[1];
    const start = m.index! + m[0].length - raw.length;
    const end = start + raw.length;
    if (out.some((p) => p.start < end && start < p.end)) continue;
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
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
