/**
 * Reads a partner's watchlist file: a STIX 2.1 bundle (indicators with patterns, or the
 * observables themselves) or a CSV with a `type` and a `value` column (and optionally
 * `platform` or `label`, as `wildtrace report` writes in sellers.csv). All or nothing: any entry
 * that cannot be read fails the whole file with its line or object, so a list is never half
 * imported.
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { normalizeEntry, type WatchEntry, WatchlistError, watchType, entryKey } from './entries';
import { checkEntryCount, checkFileSize } from './limits';

/** How many bad entries an error quotes. */
const QUOTED = 5;

/** The bad entries of a file: the first few quoted, the rest only counted (a file may be all bad). */
class Problems {
  private quoted: string[] = [];
  private count = 0;

  add(problem: string): void {
    if (this.count++ < QUOTED) this.quoted.push(problem);
  }

  /** Throws the file's error when any entry was bad. */
  check(what: string): void {
    if (!this.count) return;
    const more = this.count > QUOTED ? `; and ${(this.count - QUOTED).toLocaleString('en')} more` : '';
    throw new WatchlistError(`${what}: ${this.quoted.join('; ')}${more}. Nothing was imported.`);
  }
}

function unique(entries: WatchEntry[]): WatchEntry[] {
  const seen = new Map<string, WatchEntry>();
  for (const e of entries) if (!seen.has(entryKey(e))) seen.set(entryKey(e), e);
  checkEntryCount(seen.size);
  return [...seen.values()];
}

function parseCsv(text: string): WatchEntry[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    throw new WatchlistError(`not a readable CSV file (${(e as Error).message}). Nothing was imported.`);
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const typeAt = header.indexOf('type');
  const valueAt = header.indexOf('value');
  const platformAt = header.includes('platform') ? header.indexOf('platform') : header.indexOf('label');
  if (typeAt < 0 || valueAt < 0)
    throw new WatchlistError('the CSV needs a header row with a "type" and a "value" column. Nothing was imported.');
  const entries: WatchEntry[] = [];
  const problems = new Problems();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    // A spreadsheet's formula guard (a leading ') is not part of the value.
    const cell = (at: number) => (row[at] ?? '').replace(/^'(?=[=+\-@])/, '');
    const type = watchType(cell(typeAt));
    if (!type) {
      problems.add(`line ${line}: unknown type "${cell(typeAt)}" (phone, email, handle, wallet, domain)`);
      return;
    }
    try {
      entries.push(normalizeEntry(type, cell(valueAt), platformAt >= 0 ? cell(platformAt) : undefined));
    } catch (e) {
      problems.add(`line ${line}: ${(e as Error).message}`);
    }
  });
  problems.check('some lines cannot be read');
  return entries;
}

/** `'…'` string literals of a STIX pattern comparison, unescaped. */
const COMPARISON = /([a-z0-9-]+):([a-z0-9_.]+)\s*=\s*'((?:\\.|[^'\\])*)'/g;
const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

/** The entries a STIX pattern names (one per observation in brackets). */
function patternEntries(pattern: string): { type: string; value: string; platform?: string }[] {
  const out: { type: string; value: string; platform?: string }[] = [];
  for (const observation of pattern.match(/\[[^\]]*\]/g) ?? []) {
    const props = new Map<string, string>();
    for (const m of observation.matchAll(COMPARISON)) props.set(`${m[1]}:${m[2]}`, unescape(m[3]));
    const accountType = props.get('user-account:account_type');
    const login = props.get('user-account:account_login') ?? props.get('user-account:user_id');
    if (login !== undefined) {
      const isPhone = accountType === 'phone' || accountType === 'phone-number';
      const isWallet = accountType?.endsWith('wallet');
      out.push({ type: isPhone ? 'phone' : isWallet ? 'wallet' : 'handle', value: login, platform: accountType });
    }
    const email = props.get('email-addr:value');
    if (email !== undefined) out.push({ type: 'email', value: email });
    const domain = props.get('domain-name:value');
    if (domain !== undefined) out.push({ type: 'domain', value: domain });
    const url = props.get('url:value');
    if (url !== undefined) out.push({ type: 'domain', value: url });
  }
  return out;
}

function parseStix(text: string): WatchEntry[] {
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch (e) {
    throw new WatchlistError(`not valid JSON (${(e as Error).message}). Nothing was imported.`);
  }
  const objects = (bundle as { objects?: unknown })?.objects;
  if ((bundle as { type?: unknown })?.type !== 'bundle' || !Array.isArray(objects))
    throw new WatchlistError('not a STIX 2.1 bundle (no "type": "bundle" with "objects"). Nothing was imported.');
  const entries: WatchEntry[] = [];
  const problems = new Problems();
  objects.forEach((raw, i) => {
    const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const where = `object ${i + 1} (${typeof o.id === 'string' ? o.id : String(o.type)})`;
    const candidates: { type: string; value: string; platform?: string }[] = [];
    const own = o.x_wildtrace_indicator as Record<string, unknown> | undefined;
    if (o.type === 'indicator' && own && typeof own.type === 'string' && typeof own.value === 'string') {
      candidates.push({
        type: own.type,
        value: own.value,
        platform: typeof own.label === 'string' ? own.label : undefined,
      });
    } else if (o.type === 'indicator' && typeof o.pattern === 'string') {
      if (o.pattern_type !== undefined && o.pattern_type !== 'stix') return;
      candidates.push(...patternEntries(o.pattern));
    } else if (o.type === 'email-addr' && typeof o.value === 'string')
      candidates.push({ type: 'email', value: o.value });
    else if (o.type === 'domain-name' && typeof o.value === 'string')
      candidates.push({ type: 'domain', value: o.value });
    else if (o.type === 'user-account' && typeof o.account_login === 'string') {
      const t = o.account_type === 'phone' ? 'phone' : 'handle';
      candidates.push({
        type: t,
        value: o.account_login,
        platform: typeof o.account_type === 'string' ? o.account_type : undefined,
      });
    }
    for (const c of candidates) {
      const type = watchType(c.type);
      if (!type) {
        problems.add(`${where}: unknown indicator type "${c.type}"`);
        continue;
      }
      try {
        entries.push(normalizeEntry(type, c.value, type === 'handle' || type === 'wallet' ? c.platform : undefined));
      } catch (e) {
        problems.add(`${where}: ${(e as Error).message}`);
      }
    }
  });
  problems.check('some objects cannot be read');
  return entries;
}

/** Reads a watchlist file (STIX 2.1 JSON or CSV); throws WatchlistError with the reason. */
export function parseWatchlistFile(bytes: Uint8Array): WatchEntry[] {
  if (bytes.length === 0) throw new WatchlistError('the file is empty. Nothing was imported.');
  checkFileSize(bytes.length);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new WatchlistError('the file is not UTF-8 text. Nothing was imported.');
  }
  const entries = /^\uFEFF?\s*\{/.test(text) ? parseStix(text) : parseCsv(text);
  if (!entries.length)
    throw new WatchlistError('the file holds no phone, handle, wallet, e-mail or domain. Nothing was imported.');
  return unique(entries);
}
