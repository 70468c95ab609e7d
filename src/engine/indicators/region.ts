/**
 * The region a page's phone numbers are read in when written without a country code: the page's
 * country-code domain ("shop.vn" → VN, "ebay.co.uk" → GB), else the officer's home region from the
 * settings. libphonenumber places a national number ("0912 345 678") only with a region.
 */
import { isSupportedCountry } from 'libphonenumber-js';

/** Country-code domains that sites use as generic names (.io, .co, .tv, .me ...): no region. */
const GENERIC_CC = new Set([
  'io',
  'co',
  'tv',
  'me',
  'ai',
  'ly',
  'fm',
  'gg',
  'to',
  'cc',
  'ws',
  'am',
  'la',
  'so',
  'sh',
  'ac',
  'nu',
  'tk',
  'ml',
  'ga',
  'cf',
  'gq',
  'vc',
  'im',
  'is',
  'st',
  'gl',
  'md',
  'fo',
  'xyz',
]);

/** A two-letter region code libphonenumber knows, upper-cased; undefined otherwise. */
export function normalizeRegion(code: unknown): string | undefined {
  if (typeof code !== 'string' || !/^[A-Za-z]{2}$/.test(code.trim())) return undefined;
  const region = code.trim().toUpperCase();
  return isSupportedCountry(region) ? region : undefined;
}

/** The region of a URL's country-code top-level domain, or undefined (generic or unknown domain, bad URL). */
export function regionOfUrl(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  if (tld.length !== 2 || GENERIC_CC.has(tld)) return undefined;
  return normalizeRegion(tld === 'uk' ? 'GB' : tld);
}

/** Region for the numbers of the page at `url`: its country domain, else `home` (the officer's). */
export function phoneRegionFor(url: string, home?: string): string | undefined {
  return regionOfUrl(url) ?? normalizeRegion(home);
}
