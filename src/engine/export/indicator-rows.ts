/**
 * Seller indicators in words for the report and indicators.csv: a phone as its E.164 number with
 * its label ("WhatsApp", "Phone"), a messenger or social handle with its platform, an e-mail, a
 * wallet, a payment channel or carrier by name, a price as amount and currency. Never as JSON.
 * indicators.json is untrusted (written by the extension of its day, or altered): every field is
 * read defensively, and anything unknown is still shown, as "field: value" words.
 */
import { nameOf } from '../indicators/brand-names';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** How the report groups indicators, in its order: who to contact, how to pay, how it ships, what it costs. */
export type IndicatorGroup = 'contact' | 'payment' | 'shipping' | 'price' | 'other';
export const INDICATOR_GROUPS: readonly IndicatorGroup[] = ['contact', 'payment', 'shipping', 'price', 'other'];
export const INDICATOR_GROUP_TITLES: Readonly<Record<IndicatorGroup, string>> = {
  contact: 'Contacts',
  payment: 'Payment and wallets',
  shipping: 'Shipping',
  price: 'Prices',
  other: 'Other details',
};

const GROUP_OF: Readonly<Record<string, IndicatorGroup>> = {
  phone: 'contact',
  messenger: 'contact',
  email: 'contact',
  social: 'contact',
  handle: 'contact',
  payment: 'payment',
  crypto: 'payment',
  shipping: 'shipping',
  price: 'price',
};

const TYPE_LABELS: Readonly<Record<string, string>> = {
  phone: 'Phone',
  messenger: 'Messenger',
  email: 'E-mail',
  social: 'Social profile',
  crypto: 'Wallet',
  payment: 'Payment',
  shipping: 'Shipping',
  price: 'Price',
  handle: 'Handle',
};

const CRYPTO_FORMATS: Readonly<Record<string, string>> = {
  p2pkh: 'legacy address (P2PKH)',
  p2sh: 'script address (P2SH)',
  p2wpkh: 'SegWit address (P2WPKH)',
  p2wsh: 'SegWit script address (P2WSH)',
  p2tr: 'Taproot address',
  segwit: 'SegWit address',
  account: 'account address',
};

/** One indicator as the report shows it. */
export interface IndicatorRow {
  type: string;
  group: IndicatorGroup;
  /** What it is: "Phone", "WhatsApp", "E-mail", "Bitcoin wallet", "Payment", "Price". */
  label: string;
  /** The comparable value: E.164 phone, handle, lower-case e-mail, channel or carrier name, "150 EUR". */
  value: string;
  /** The text as found on the page. */
  written: string;
  /** Anything else worth saying, in words ("country GB", "written as a link"); may be empty. */
  details: string;
  /** Same type and value: the same indicator (used to count repeats). */
  key: string;
}

const FORMS: Readonly<Record<string, string>> = {
  link: 'written as a link',
  handle: 'written as a @handle',
  'labelled-id': 'written after the platform name',
};

// One formatter for every row: making an Intl.NumberFormat costs tens of microseconds.
const AMOUNT = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const amount = (n: number) => AMOUNT.format(n);

/** Reads one stored indicator into words. */
export function indicatorRow(raw: unknown): IndicatorRow {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    const value = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? '');
    return {
      type: 'unknown',
      group: 'other',
      label: 'Unknown',
      value,
      written: value,
      details: '',
      key: `unknown:${value}`,
    };
  }
  const o = raw as Record<string, unknown>;
  const type = str(o.type) ?? str(o.kind) ?? 'unknown';
  const d = (o.details && typeof o.details === 'object' && !Array.isArray(o.details) ? o.details : {}) as Record<
    string,
    unknown
  >;
  const written = str(o.value) ?? str(o.text) ?? '';
  const normalized = str(o.normalized);
  const notes: string[] = [];
  let label = TYPE_LABELS[type] ?? nameOf(type);
  let value = normalized ?? written;
  switch (type) {
    case 'phone': {
      const country = str(d.country);
      if (d.e164 === false) notes.push('country unknown: digits as written, not E.164');
      if (country) notes.push(`country ${country}`);
      break;
    }
    case 'messenger': {
      const platform = str(d.platform) ?? str(o.platform);
      if (platform) label = nameOf(platform);
      value = str(d.handle) ?? value.replace(/^[a-z]+:/, '');
      const form = str(d.form);
      if (form) notes.push(FORMS[form] ?? form);
      break;
    }
    case 'social': {
      const platform = str(d.platform) ?? str(o.platform);
      if (platform) label = `${nameOf(platform)} profile`;
      value = str(d.handle) ?? value.replace(/^[a-z]+:/, '');
      const form = str(d.form);
      if (form) notes.push(FORMS[form] ?? form);
      break;
    }
    case 'email':
      value = (normalized ?? written).toLowerCase();
      break;
    case 'crypto': {
      const chain = str(d.chain);
      if (chain) label = `${nameOf(chain)} wallet`;
      const format = str(d.format);
      if (format) notes.push(CRYPTO_FORMATS[format] ?? format);
      if (d.checksum === 'verified') notes.push('checksum verified');
      else if (d.checksum === 'no-checksum') notes.push('no checksum to verify');
      if (d.network === 'testnet') notes.push('testnet');
      break;
    }
    case 'payment': {
      const channel = str(d.channel);
      if (channel) value = nameOf(channel);
      break;
    }
    case 'shipping': {
      const carrier = str(d.carrier);
      if (carrier) value = nameOf(carrier);
      break;
    }
    case 'price': {
      const n = num(d.amount);
      const currency = str(d.currency);
      if (n !== undefined && currency) value = `${amount(n)} ${currency}`;
      if (currency?.includes('/')) notes.push(`currency ambiguous (${currency})`);
      break;
    }
    default: {
      // Unknown type (a later extension, or an edited file): its other plain fields, in words.
      const known = new Set([
        'type',
        'kind',
        'value',
        'text',
        'normalized',
        'details',
        'start',
        'end',
        'frameId',
        'blockId',
        'platform',
      ]);
      const pairs = [...Object.entries(o).filter(([k]) => !known.has(k)), ...Object.entries(d)];
      for (const [k, v] of pairs) {
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') notes.push(`${k}: ${String(v)}`);
      }
      const platform = str(o.platform) ?? str(d.platform);
      if (platform) label = `${label} (${nameOf(platform)})`;
    }
  }
  return {
    type,
    group: GROUP_OF[type] ?? 'other',
    label,
    value,
    written,
    details: notes.join('; '),
    key: `${type}:${label}:${value}`,
  };
}

/** Indicators of one group, each once, with how many times it was found and how it was written. */
export interface IndicatorSummary {
  row: IndicatorRow;
  count: number;
  /** Distinct spellings on the page, in order of appearance. */
  written: string[];
}

/**
 * The indicators of a capture grouped (contacts first) and de-duplicated: live detection reports
 * an indicator once per block it appears in, the report lists it once with a count.
 */
export function groupIndicators(raws: readonly unknown[]): { group: IndicatorGroup; items: IndicatorSummary[] }[] {
  const byKey = new Map<string, IndicatorSummary>();
  for (const raw of raws) {
    const row = indicatorRow(raw);
    const seen = byKey.get(row.key);
    if (!seen) byKey.set(row.key, { row, count: 1, written: row.written ? [row.written] : [] });
    else {
      seen.count++;
      if (row.written && !seen.written.includes(row.written)) seen.written.push(row.written);
    }
  }
  return INDICATOR_GROUPS.map((group) => ({
    group,
    items: [...byKey.values()].filter((s) => s.row.group === group),
  })).filter((g) => g.items.length > 0);
}
