/**
 * The facts of one capture that the cross-case intelligence report counts: taxa, trade terms,
 * code words, hashtags, evasion tactics, payment, shipping and messenger channels, the seller's
 * identifying indicators and prices. Built from the stored hits.json and indicators.json (opaque,
 * untrusted JSON, read through the export's defensive readers), so the command line (case files)
 * and the extension (its own store) count the same way.
 */
import type { CaseInfo, CaptureMetadata } from '../evidence/model';
import { hitView } from '../export/context';
import { indicatorRow } from '../export/indicator-rows';
import { siteOf } from '../links/graph';

/** What a seller can be recognised by across sites and cases. */
export type SellerKeyType = 'phone' | 'email' | 'handle' | 'wallet';

export interface SellerIndicator {
  /** "phone:+447700900001", "handle:telegram:snake_seller", "wallet:bc1…", "email:a@b.example". */
  key: string;
  type: SellerKeyType;
  /** What it is in words: "Phone", "Telegram", "Instagram profile", "Bitcoin wallet", "E-mail". */
  label: string;
  value: string;
}

export type TermGroup = 'keyword' | 'code-word' | 'hashtag';
export type ChannelGroup = 'payment' | 'shipping' | 'messenger';

export interface CaptureFacts {
  caseId: string;
  caseTitle: string;
  caseReference?: string;
  captureId: string;
  /** The capture's number in its case (#1…n). */
  number: number;
  capturedAt: string;
  url: string;
  title: string;
  /** Host without "www.", or "(no site)". */
  site: string;
  /** Listed taxa mentioned: name → appendix and mentions on this capture. */
  taxa: Map<string, { listing: string; mentions: number }>;
  /** Trade terms, code words and hashtags: "group\u0000term" → occurrences. */
  terms: Map<string, number>;
  /** Evasion tactic → hits that used it. */
  tactics: Map<string, number>;
  /** "group\u0000name": payment channels, shipping companies and messengers named, once each. */
  channels: Set<string>;
  sellers: SellerIndicator[];
  prices: { amount: number; currency: string }[];
}

const NO_SITE = '(no site)';

/** The seller key of one stored indicator, or undefined for context indicators (prices, channels). */
export function sellerIndicator(raw: unknown): SellerIndicator | undefined {
  const row = indicatorRow(raw);
  const value = row.value.trim();
  if (!value) return undefined;
  switch (row.type) {
    case 'phone':
      return { key: `phone:${value}`, type: 'phone', label: 'Phone', value };
    case 'email':
      return { key: `email:${value.toLowerCase()}`, type: 'email', label: 'E-mail', value: value.toLowerCase() };
    case 'crypto':
      return { key: `wallet:${value}`, type: 'wallet', label: row.label, value };
    case 'messenger':
    case 'social':
    case 'handle': {
      // A WhatsApp or Viber "handle" that is a phone number is that phone: one seller key.
      if (/^\+\d{7,15}$/.test(value)) return { key: `phone:${value}`, type: 'phone', label: 'Phone', value };
      const handle = value.replace(/^@/, '');
      return {
        key: `handle:${row.label.toLowerCase()}:${handle.toLowerCase()}`,
        type: 'handle',
        label: row.label,
        value: handle,
      };
    }
    default:
      return undefined;
  }
}

function termOf(raw: unknown): [TermGroup, string] | undefined {
  const h = hitView(raw);
  if (h.kind === 'hashtag') return ['hashtag', (h.text || h.term).toLowerCase()];
  if (h.kind !== 'trade-term') return undefined;
  const code = h.termKind === 'code' || h.tactics.includes('code-word');
  return [code ? 'code-word' : 'keyword', h.term || h.text];
}

const bump = <K>(m: Map<K, number>, k: K, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/** Reads the facts of one capture from its stored record, hits and indicators. */
export function captureFacts(
  info: Pick<CaseInfo, 'caseId' | 'title' | 'reference'>,
  capture: { captureId: string; sequence: number; metadata: CaptureMetadata },
  hits: readonly unknown[],
  indicators: readonly unknown[],
): CaptureFacts {
  const m = capture.metadata;
  const url = typeof m.finalUrl === 'string' ? m.finalUrl : '';
  const facts: CaptureFacts = {
    caseId: info.caseId,
    caseTitle: info.title,
    caseReference: info.reference,
    captureId: capture.captureId,
    number: capture.sequence + 1,
    capturedAt: typeof m.capturedAt === 'string' ? m.capturedAt : '',
    url,
    title: typeof m.title === 'string' ? m.title : '',
    site: siteOf(url) ?? NO_SITE,
    taxa: new Map(),
    terms: new Map(),
    tactics: new Map(),
    channels: new Set(),
    sellers: [],
    prices: [],
  };
  for (const raw of hits) {
    const h = hitView(raw);
    if (h.taxonName) {
      const t = facts.taxa.get(h.taxonName) ?? { listing: h.listing ?? '?', mentions: 0 };
      t.mentions++;
      facts.taxa.set(h.taxonName, t);
    }
    const term = termOf(raw);
    if (term && term[1]) bump(facts.terms, `${term[0]}\u0000${term[1]}`);
    for (const tactic of new Set(h.tactics)) bump(facts.tactics, tactic);
  }
  const sellerKeys = new Set<string>();
  for (const raw of indicators) {
    const row = indicatorRow(raw);
    const d = ((raw as { details?: unknown })?.details ?? {}) as Record<string, unknown>;
    if (row.type === 'payment' || row.type === 'shipping') facts.channels.add(`${row.type}\u0000${row.value}`);
    if (row.type === 'messenger') facts.channels.add(`messenger\u0000${row.label}`);
    if (
      row.type === 'price' &&
      typeof d.amount === 'number' &&
      Number.isFinite(d.amount) &&
      typeof d.currency === 'string'
    )
      facts.prices.push({ amount: d.amount, currency: d.currency });
    const seller = sellerIndicator(raw);
    if (seller && !sellerKeys.has(seller.key)) {
      sellerKeys.add(seller.key);
      facts.sellers.push(seller);
    }
  }
  return facts;
}
