/** What the generated files (tables, report, CASE/UCO, STIX) are built from. */
import type { ExportedAuditEntry } from '../evidence/chain';
import type { Hit } from '../matcher/hit';
import { countMentions } from '../matcher/mentions';
import type { CaseInfo } from '../evidence/model';
import type { PublicKeyInfo } from '../evidence/signing';
import type { ManifestCapture } from './manifest';
import type { RiskView } from './risk-view';

export interface ExportedCapture {
  entry: ManifestCapture;
  /** hits.json as stored (opaque JSON; read defensively with hitView). */
  hits: unknown[];
  /** indicators.json as stored (opaque JSON). */
  indicators: unknown[];
  /** The sale-offer risk from risk.json (absent, unreadable, unscored or scored). */
  risk: RiskView;
}

export interface ExportContext {
  case: CaseInfo;
  exportedAt: string;
  tool: { name: string; version: string };
  publicKey: PublicKeyInfo;
  captures: ExportedCapture[];
  /** The audit log as exported: when each capture was stored (to tell a clock set back, clock.ts). */
  audit?: readonly ExportedAuditEntry[];
  /** Hashes of the audit entries recording deletions of other cases (their details withheld). */
  deletionsElsewhere?: readonly string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The fields of a hit the export shows, each checked for its type (hits.json is not trusted). */
export interface HitView {
  kind: string;
  term: string;
  text: string;
  termKind?: string;
  lang?: string;
  taxonName?: string;
  taxonId?: number;
  rank?: string;
  listing?: string;
  annotation?: string;
  coveredBy?: string;
  refersTo?: string;
  tactics: string[];
  confidence?: number;
  start?: number;
  end?: number;
}

/** Reads one hit defensively. */
export function hitView(raw: unknown): HitView {
  const h = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof Hit, unknown>>;
  const t = (h.taxon && typeof h.taxon === 'object' ? h.taxon : {}) as Record<string, unknown>;
  return {
    kind: str(h.kind) ?? 'unknown',
    term: str(h.term) ?? '',
    text: str(h.text) ?? '',
    termKind: str(h.termKind),
    lang: str(h.lang),
    taxonName: str(t.name),
    taxonId: num(t.taxonId),
    rank: str(t.rank),
    listing: str(t.listing),
    annotation: str(t.annotation),
    coveredBy: str(t.coveredBy),
    refersTo: str(h.refersTo),
    tactics: Array.isArray(h.tactics) ? h.tactics.filter((x): x is string => typeof x === 'string') : [],
    confidence: num(h.confidence),
    start: num(h.start),
    end: num(h.end),
  };
}

/**
 * The wildlife mentions of a capture, counted as the extension's badge, popup and side panel count
 * them (countMentions: overlapping hits are one mention, cues are none), block by block: hits.json
 * holds each hit with the frame and block whose text its offsets point into.
 */
export function wildlifeMentions(raws: readonly unknown[]): number {
  const blocks = new Map<string, Pick<Hit, 'start' | 'end' | 'kind'>[]>();
  for (const raw of raws) {
    const h = hitView(raw);
    if (h.start === undefined || h.end === undefined) continue;
    const o = raw as Record<string, unknown>;
    const key = `${String(o.frameId ?? '')}/${String(o.blockId ?? '')}`;
    const list = blocks.get(key) ?? [];
    list.push({ start: h.start, end: h.end, kind: h.kind as Hit['kind'] });
    blocks.set(key, list);
  }
  let n = 0;
  for (const list of blocks.values()) n += countMentions(list);
  return n;
}

/** The chain sequence of a capture exported in this file (undefined for one left out). */
export function sequenceOf(ctx: ExportContext): (captureId: string) => number | undefined {
  const of = new Map(ctx.captures.map((x) => [x.entry.captureId, x.entry.sequence]));
  return (id) => of.get(id);
}
