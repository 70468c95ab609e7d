/**
 * Link keys: the comparable strings under which an indicator is indexed. Two captures are linked
 * when they share a key. A WhatsApp number is also a phone number, so it gets both keys.
 */
import { IDENTIFYING_TYPES, type Indicator } from '../indicators/types';

/** Keys for one indicator; empty for context indicators (price, payment, shipping) unless asked. */
export function linkKeys(indicator: Indicator, options: { allTypes?: boolean } = {}): string[] {
  if (!options.allTypes && !IDENTIFYING_TYPES.includes(indicator.type)) return [];
  const keys = [`${indicator.type}:${indicator.normalized}`];
  if (indicator.type === 'messenger' && /^\+\d{7,15}$/.test(indicator.details.handle))
    keys.push(`phone:${indicator.details.handle}`);
  return keys;
}

/** Splits a key back into its type and value, e.g. "phone:+12025550143". */
export function parseKey(key: string): { type: string; value: string } {
  const at = key.indexOf(':');
  return { type: key.slice(0, at), value: key.slice(at + 1) };
}
