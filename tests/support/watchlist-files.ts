/**
 * Watchlist files of any size, in the formats partners send: a CSV with type, value and platform
 * columns, and a STIX 2.1 bundle written by the project's own writer (`wildtrace report`'s
 * alertStixBundle), from generated indicators (reserved phone ranges, `.example` domains), so
 * tests and benchmarks can exercise the limits without hand-written blobs.
 */
import { alertStixBundle } from '../../src/engine/intel/alert-stix';
import type { IntelSummary, SellerRow } from '../../src/engine/intel/aggregator';

/** One generated indicator as a CSV row: type, value, platform. */
export type CsvRow = [type: string, value: string, platform: string];

/** Watchlists compare wallets in lower case: the generated ones differ in more than case. */
const DIGITS = '0123456789abcdefghijkmnopqrstuvwxyz';

/** A 34-character wallet-like address, distinct for each `i`. */
function wallet(i: number): string {
  let s = '';
  for (let n = i + 1; s.length < 8; n = Math.floor(n / DIGITS.length)) s = DIGITS[n % DIGITS.length] + s;
  return `1WtWatch${'x'.repeat(18)}${s}`;
}

/**
 * The `i`-th generated indicator (mixed types, all distinct): UK drama-range style mobiles
 * (+44 7700 9xxxxx), Telegram handles, wallets, e-mails and domains.
 */
export function generatedRow(i: number): CsvRow {
  switch (i % 5) {
    case 0:
      return ['phone', `+44 7700 9${String(Math.floor(i / 5) % 100_000).padStart(5, '0')}`, ''];
    case 1:
      return ['handle', `@seller_${i}`, 'Telegram'];
    case 2:
      return ['wallet', wallet(i), 'Bitcoin wallet'];
    case 3:
      return ['email', `dealer${i}@trade.example`, ''];
    default:
      return ['domain', `shop-${i}.example`, ''];
  }
}

/** `count` generated rows, then `extra` (e.g. the indicator a test page shows). */
export function generatedRows(count: number, extra: CsvRow[] = []): CsvRow[] {
  return [...Array.from({ length: count }, (_, i) => generatedRow(i)), ...extra];
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A CSV watchlist (CRLF lines, header first). */
export function watchlistCsv(rows: readonly CsvRow[]): string {
  return ['type,value,platform', ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

/** The seller row `wildtrace report` would aggregate for one indicator (domains have none). */
function sellerRow([type, value, platform]: CsvRow, i: number): SellerRow | undefined {
  if (type === 'domain') return undefined;
  const label = type === 'phone' ? 'Phone' : type === 'email' ? 'E-mail' : platform;
  return {
    key: `${type}:${value}`,
    type: type as SellerRow['type'],
    label,
    value,
    captures: 1 + (i % 3),
    sites: ['market.example', 'forum.example'].slice(0, 1 + (i % 2)),
    cases: [{ caseId: `case-${i % 7}`, caseTitle: `Case ${i % 7}` }],
    refs: [],
    firstSeen: '2026-03-01T10:00:00.000Z',
    lastSeen: '2026-04-01T10:00:00.000Z',
  };
}

/** A STIX 2.1 bundle of the rows' phones, handles, wallets and e-mails, as `wildtrace report` writes it. */
export async function watchlistStix(rows: readonly CsvRow[]): Promise<string> {
  const sellers = rows.map(sellerRow).filter((r): r is SellerRow => r !== undefined);
  // The writer reads only the sellers and their count from a report's summary.
  const summary = { sellers, sellerCount: sellers.length } as unknown as IntelSummary;
  let text = '';
  for await (const chunk of alertStixBundle(summary, { generatedAt: '2026-04-02T00:00:00Z', producer: 'Partner' }))
    text += chunk;
  return text;
}
