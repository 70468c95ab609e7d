/**
 * `extractIndicators`: every seller indicator in a text, sorted by position. When two indicators
 * overlap, the more specific one wins (a wallet or a messenger link over the digits inside it).
 */
import { ClaimedSpans } from './spans';
import { findPaymentChannels, findShippingCarriers } from './channels';
import { findCryptoAddresses } from './crypto';
import { findEmails } from './email';
import { findMessengers } from './messenger';
import { findPhones } from './phone';
import { findPrices } from './price';
import { findSocialProfiles } from './social';
import type { Indicator, IndicatorType } from './types';

export * from './types';
export {
  findCryptoAddresses,
  findEmails,
  findMessengers,
  findPaymentChannels,
  findPhones,
  findPrices,
  findShippingCarriers,
  findSocialProfiles,
};

export interface ExtractOptions {
  /** ISO 3166-1 region for numbers written without +CC (e.g. the site's country), e.g. "VN". */
  defaultRegion?: string;
  /** Only these types (default: all). */
  types?: readonly IndicatorType[];
}

/** Most specific first: on overlap, an earlier type in this list wins. */
const PRIORITY: readonly IndicatorType[] = [
  'crypto',
  'email',
  'messenger',
  'social',
  'price',
  'phone',
  'payment',
  'shipping',
];

/** The indicators of one type in `text` (a switch, not a table of closures made per call). */
function findOfType(type: IndicatorType, text: string, options: ExtractOptions): Indicator[] {
  switch (type) {
    case 'crypto':
      return findCryptoAddresses(text);
    case 'email':
      return findEmails(text);
    case 'messenger':
      return findMessengers(text, options);
    case 'social':
      return findSocialProfiles(text);
    case 'price':
      return findPrices(text);
    case 'phone':
      return findPhones(text, options);
    case 'payment':
      return findPaymentChannels(text);
    case 'shipping':
      return findShippingCarriers(text);
  }
}

/** Finds and normalises all indicators in `text`, with offsets into it. */
export function extractIndicators(text: string, options: ExtractOptions = {}): Indicator[] {
  const kept: Indicator[] = [];
  const claimed = new ClaimedSpans(text.length);
  for (const type of PRIORITY) {
    if (options.types && !options.types.includes(type)) continue;
    for (const found of findOfType(type, text, options)) {
      if (!claimed.tryClaim(found.start, found.end)) continue;
      kept.push(found);
    }
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
