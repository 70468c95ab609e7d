/**
 * Prices with their currency: "$250", "US$ 1,200.50", "250 USD", "1.500 €", "Rp 2.000.000",
 * "Rp2jt", "2 triệu", "500.000đ", "¥300", "300元", "3万元", "£7,600". A bare number is never a
 * price: the currency (or a currency-specific multiplier such as "triệu" or "juta") must be there.
 */
import { around, digitRunStarts, matchAtStarts, sticky } from './anchored';
import { ClaimedSpans } from './spans';
import type { PriceIndicator } from './types';

const PREFIX_SYMBOLS: Record<string, string> = {
  US$: 'USD',
  $: 'USD',
  A$: 'AUD',
  AU$: 'AUD',
  C$: 'CAD',
  CA$: 'CAD',
  HK$: 'HKD',
  S$: 'SGD',
  NT$: 'TWD',
  R$: 'BRL',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY/JPY',
  '￥': 'CNY/JPY',
  '₫': 'VND',
  '₹': 'INR',
  '₱': 'PHP',
  '฿': 'THB',
  '₩': 'KRW',
  Rp: 'IDR',
  'Rp.': 'IDR',
  RM: 'MYR',
};
const CODES = [
  'USD',
  'EUR',
  'GBP',
  'CNY',
  'RMB',
  'JPY',
  'VND',
  'IDR',
  'THB',
  'MYR',
  'PHP',
  'INR',
  'HKD',
  'SGD',
  'AUD',
  'CAD',
  'CHF',
  'ZAR',
  'KES',
  'NGN',
  'TWD',
  'KRW',
  'BRL',
  'MXN',
];
const SUFFIX_WORDS: Record<string, string> = {
  '€': 'EUR',
  '₫': 'VND',
  đ: 'VND',
  vnđ: 'VND',
  đồng: 'VND',
  dong: 'VND',
  元: 'CNY',
  块: 'CNY',
  塊: 'CNY',
  円: 'JPY',
  dollars: 'USD',
  dollar: 'USD',
  euros: 'EUR',
  euro: 'EUR',
  pounds: 'GBP',
  yuan: 'CNY',
  rupiah: 'IDR',
  baht: 'THB',
  ringgit: 'MYR',
  rupees: 'INR',
};
/** Multipliers that also tell the currency (Vietnamese, Indonesian slang). */
const CURRENCY_MULTIPLIERS: Record<string, { factor: number; currency: string }> = {
  triệu: { factor: 1e6, currency: 'VND' },
  tr: { factor: 1e6, currency: 'VND' },
  củ: { factor: 1e6, currency: 'VND' },
  nghìn: { factor: 1e3, currency: 'VND' },
  ngàn: { factor: 1e3, currency: 'VND' },
  juta: { factor: 1e6, currency: 'IDR' },
  jt: { factor: 1e6, currency: 'IDR' },
  ribu: { factor: 1e3, currency: 'IDR' },
  rb: { factor: 1e3, currency: 'IDR' },
};
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  万: 1e4,
  萬: 1e4,
  千: 1e3,
  ...Object.fromEntries(Object.entries(CURRENCY_MULTIPLIERS).map(([w, m]) => [w, m.factor])),
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (words: string[]) =>
  words
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

// Bounded repetitions (at most 10^21, 15 digits): on a text of nothing but digit groups an
// unbounded amount ran to the end of the text from every group, which made pages of numbers quadratic.
const NUM = String.raw`\d{1,3}(?:[.,  ]\d{3}){1,6}(?:[.,]\d{1,2})?|\d{1,15}(?:[.,]\d{1,2})?`;
// A Latin multiplier must end its word ("2k", not "2kg"); CJK ones are followed by 元 and the like.
const MULT = String.raw`(?:\s?(?<mult>${alt(Object.keys(MULTIPLIERS))})(?![\p{Script=Latin}]))?`;
const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;

const PREFIX = new RegExp(
  String.raw`(?:(?<sym>${alt(Object.keys(PREFIX_SYMBOLS).filter((s) => !/^[A-Z]/i.test(s)))})|${B}(?<code>${alt([...CODES, ...Object.keys(PREFIX_SYMBOLS).filter((s) => /^[A-Z]/i.test(s))])}))\s?(?<num>${NUM})${MULT}(?![\p{N}])`,
  'gu',
);
const SUFFIX = new RegExp(
  String.raw`${B}(?<num>${NUM})${MULT}\s?(?:(?<sym>€|₫|元|块|塊|円)|(?<word>${alt([...CODES, ...Object.keys(SUFFIX_WORDS).filter((w) => /^\p{Script=Latin}/u.test(w))])})${E})`,
  'giu',
);
const MULTIPLIER_ONLY = new RegExp(
  String.raw`${B}(?<num>${NUM})\s?(?<mult>${alt(Object.keys(CURRENCY_MULTIPLIERS))})${E}`,
  'gu',
);
const PREFIX_AT = sticky(PREFIX);
const SUFFIX_AT = sticky(SUFFIX);
const MULTIPLIER_ONLY_AT = sticky(MULTIPLIER_ONLY);
/** Longest symbol or code before the amount, with its space: "US$ ", "Rp. ". */
const PREFIX_MAX = 4;
/** "元", "块" or "円" right after a yen/yuan amount. */
const YUAN_OR_YEN = /\s?([元块円])/uy;

/**
 * Cheap tests that rule out most digit runs before any pattern is tried there (a page's blocks
 * hold listing numbers, dates and counts far more often than prices). Both are necessary
 * conditions read off the same tables as the patterns, so no price is ever ruled out.
 */
/** The last character of every symbol or code written before an amount ("$", "€", "p" of "Rp", "D" of "USD"). */
const PREFIX_ENDS = new Set([...Object.keys(PREFIX_SYMBOLS), ...CODES].map((s) => s[s.length - 1]));
const SPACE = /\s/;
/** Every multiplier, symbol, code or word written after an amount. */
const AFTER_AMOUNT = [
  ...Object.keys(MULTIPLIERS),
  ...Object.keys(SUFFIX_WORDS),
  ...CODES,
  '€',
  '₫',
  '元',
  '块',
  '塊',
  '円',
];
/** The first character of every multiplier, symbol, code or word written after an amount (case-folded as SUFFIX is). */
const SUFFIX_FIRSTS = new RegExp(`[${[...new Set(AFTER_AMOUNT.map((w) => w[0]))].map(escape).join('')}]`, 'iu');

/** Whether a prefix price can end right before the digit run at `run`: a symbol or code, then at most one space. */
function mayFollowPrefix(text: string, run: number): boolean {
  if (run < 1) return false;
  const before = text[run - 1];
  if (PREFIX_ENDS.has(before)) return true;
  return run >= 2 && SPACE.test(before) && PREFIX_ENDS.has(text[run - 2]);
}

/** No amount with its spaces is longer than this (see NUM): the suffix test reads no further. */
const AMOUNT_MAX = 32;

/**
 * Whether a suffix (or multiplier) price can start at the digit run at `run`: past the amount's
 * digits, separators and spaces, the next character must be able to start a multiplier, symbol or
 * word. It reads at most AMOUNT_MAX characters, so a page of numbers stays linear.
 */
function mayPrecedeSuffix(text: string, run: number): boolean {
  let i = run;
  const end = Math.min(text.length, run + AMOUNT_MAX);
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 46 || c === 44 || c === 32) continue;
    if (c < 128 ? c >= 9 && c <= 13 : SPACE.test(text[i])) continue;
    break;
  }
  return i < end && SUFFIX_FIRSTS.test(text[i]);
}

/**
 * Reads "1.500", "1,500.50", "2.000.000", "12,5": a separator followed by exactly three digits is a
 * thousands separator, unless it is the last of two different separators.
 */
export function parseAmount(raw: string, currency = ''): number {
  const s = raw.replace(/[  ]/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalAt = -1;
  if (lastDot >= 0 && lastComma >= 0) decimalAt = Math.max(lastDot, lastComma);
  else if (lastDot >= 0 || lastComma >= 0) {
    const at = Math.max(lastDot, lastComma);
    const sep = s[at];
    const several = s.indexOf(sep) !== at;
    const noDecimals = currency === 'IDR' || currency === 'VND';
    if (!several && !noDecimals && s.length - at - 1 !== 3) decimalAt = at;
  }
  const intPart = (decimalAt >= 0 ? s.slice(0, decimalAt) : s).replace(/[.,]/g, '');
  const fracPart = decimalAt >= 0 ? s.slice(decimalAt + 1) : '';
  return Number(fracPart ? `${intPart}.${fracPart}` : intPart);
}

function currencyOf(groups: Record<string, string | undefined>): string {
  if (groups.sym) return PREFIX_SYMBOLS[groups.sym] ?? SUFFIX_WORDS[groups.sym] ?? groups.sym;
  const written = groups.code ?? groups.word ?? '';
  if (PREFIX_SYMBOLS[written]) return PREFIX_SYMBOLS[written];
  const code = written.toLowerCase();
  if (code === 'rmb') return 'CNY';
  return SUFFIX_WORDS[code] ?? code.toUpperCase();
}

/** Finds prices with a currency in `text`. */
export function findPrices(text: string): PriceIndicator[] {
  const out: PriceIndicator[] = [];
  const claimed = new ClaimedSpans(text.length);
  const add = (start: number, end: number, currency: string, num: string, mult?: string) => {
    if (!claimed.isFree(start, end)) return;
    const amount = Math.round(parseAmount(num, currency) * (mult ? (MULTIPLIERS[mult] ?? 1) : 1) * 100) / 100;
    if (!Number.isFinite(amount) || amount <= 0) return;
    claimed.claim(start, end);
    out.push({
      type: 'price',
      value: text.slice(start, end),
      normalized: `${amount} ${currency}`,
      start,
      end,
      details: { amount, currency },
    });
  };
  // Every amount starts a run of digits: the patterns are tried only there (and, for a prefix,
  // just before), which gives what a scan of every position would; runs that cannot carry a
  // currency on the side a pattern reads are left out.
  const runs = digitRunStarts(text);
  if (runs.length === 0) return out;
  const prefixed = runs.filter((r) => mayFollowPrefix(text, r));
  const suffixed = runs.filter((r) => mayPrecedeSuffix(text, r));
  const scans: [RegExp, readonly number[]][] = [
    [PREFIX_AT, around(prefixed, PREFIX_MAX)],
    [SUFFIX_AT, suffixed],
  ];
  for (const [re, starts] of scans) {
    for (const m of matchAtStarts(re, text, starts)) {
      const g = m.groups!;
      let currency = currencyOf(g);
      let end = m.index! + m[0].length;
      // In "¥300元" or "¥ 300 円" the character after the amount settles yuan vs yen.
      if (currency === 'CNY/JPY') {
        YUAN_OR_YEN.lastIndex = end;
        const after = YUAN_OR_YEN.exec(text);
        if (after) {
          currency = after[1] === '円' ? 'JPY' : 'CNY';
          end += after[0].length;
        }
      }
      add(m.index!, end, currency, g.num!, g.mult);
    }
  }
  for (const m of matchAtStarts(MULTIPLIER_ONLY_AT, text, suffixed)) {
    const g = m.groups!;
    add(m.index!, m.index! + m[0].length, CURRENCY_MULTIPLIERS[g.mult!].currency, g.num!, g.mult);
  }
  return out.sort((a, b) => a.start - b.start);
}
