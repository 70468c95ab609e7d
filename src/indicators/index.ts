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
export { findCryptoAddresses, findEmails, findMessengers, findPaymentChannels, findPhones, findPrices, findShippingCarriers, findSocialProfiles };

export interface ExtractOptions {
  /** ISO 3166-1 region for numbers written without +CC (e.g. the site's country), e.g. "VN". */
  defaultRegion?: string;
  /** Only these types (default: all). */
  types?: readonly IndicatorType[];
}

/** Most specific first: on overlap, an earlier type in this list wins. */
const PRIORITY: readonly IndicatorType[] = ['crypto', 'email', 'messenger', 'social', 'price', 'phone', 'payment', 'shipping'];

/** Finds and normalises all indicators in `text`, with offsets into it. */
export function extractIndicators(text: string, options: ExtractOptions = {}): Indicator[] {
  const wanted = new Set(options.types ?? PRIORITY);
  const finders: Record<IndicatorType, () => Indicator[]> = {
    crypto: () => findCryptoAddresses(text),
    email: () => findEmails(text),
    messenger: () => findMessengers(text, options),
    social: () => findSocialProfiles(text),
    price: () => findPrices(text),
    phone: () => findPhones(text, options),
    payment: () => findPaymentChannels(text),
    shipping: () => findShippingCarriers(text),
  };
  const kept: Indicator[] = [];
  const claimed = new ClaimedSpans(text.length);
  for (const type of PRIORITY) {
    if (!wanted.has(type)) continue;
    for (const found of finders[type]()) {
      if (!claimed.tryClaim(found.start, found.end)) continue;
      kept.push(found);
    }
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
