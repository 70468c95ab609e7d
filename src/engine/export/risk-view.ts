/**
 * The sale-offer risk of a capture as the export shows it, read defensively from its risk.json
 * artefact (format "wildtrace/risk" v1, built by src/background/links/risk-record.ts). The file is
 * not trusted: every field is type-checked, and a missing, unreadable or unscored file becomes a
 * state the report and tables state plainly instead of failing the export.
 */

/** One signal of the explanation: why points were added or removed, and where. */
export interface RiskSignalView {
  kind: string;
  label: string;
  text: string;
  weight: number;
  start?: number;
  end?: number;
  note?: string;
}

/** One scored block of the page (a post, a card, a classified). */
export interface RiskBlockView {
  score: number;
  saleOffer: boolean;
  snippet: string;
  frameId?: number;
  blockId?: number;
  signalCount: number;
}

export type RiskView =
  /** The capture has no risk.json (captures made before risk scoring existed). */
  | { state: 'absent' }
  /** risk.json exists but is not valid JSON or not a risk record. */
  | { state: 'unreadable'; reason: string }
  /** risk.json says the page could not be scored (the reason is in `method`). */
  | { state: 'unscored'; method: string }
  | {
      state: 'scored';
      method: string;
      score: number;
      saleOffer: boolean;
      threshold?: number;
      note?: string;
      signals: RiskSignalView[];
      /** Blocks as stored (riskiest first). */
      blocks: RiskBlockView[];
    };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function signalsOf(v: unknown): RiskSignalView[] {
  if (!Array.isArray(v)) return [];
  const out: RiskSignalView[] = [];
  for (const raw of v) {
    const s = obj(raw);
    const weight = num(s?.weight);
    if (!s || weight === undefined) continue; // a signal without a weight explains nothing
    out.push({
      kind: str(s.kind) ?? 'unknown',
      label: str(s.label) ?? '',
      text: str(s.text) ?? '',
      weight,
      ...(num(s.start) !== undefined ? { start: num(s.start) } : {}),
      ...(num(s.end) !== undefined ? { end: num(s.end) } : {}),
      ...(str(s.note) ? { note: str(s.note) } : {}),
    });
  }
  return out;
}

function blocksOf(v: unknown): RiskBlockView[] {
  if (!Array.isArray(v)) return [];
  const out: RiskBlockView[] = [];
  for (const raw of v) {
    const b = obj(raw);
    const score = num(b?.score);
    if (!b || score === undefined || typeof b.saleOffer !== 'boolean') continue;
    out.push({
      score,
      saleOffer: b.saleOffer,
      snippet: str(b.snippet) ?? '',
      signalCount: Array.isArray(b.signals) ? b.signals.length : 0,
      ...(num(b.frameId) !== undefined ? { frameId: num(b.frameId) } : {}),
      ...(num(b.blockId) !== undefined ? { blockId: num(b.blockId) } : {}),
    });
  }
  return out;
}

/**
 * Reads a parsed risk.json. `undefined` = the capture has no such file. Returns "unreadable"
 * (with the reason) for anything that is not a wildtrace/risk record with a usable page score.
 */
export function riskView(raw: unknown): RiskView {
  if (raw === undefined) return { state: 'absent' };
  const r = obj(raw);
  if (!r || r.format !== 'wildtrace/risk') return { state: 'unreadable', reason: 'not a wildtrace/risk record' };
  const method = str(r.method) ?? '';
  if (r.page === null) return { state: 'unscored', method: method || 'not scored' };
  const page = obj(r.page);
  const score = num(page?.score);
  if (!page || score === undefined || typeof page.saleOffer !== 'boolean') {
    return { state: 'unreadable', reason: 'the page score or verdict is missing or not a number/boolean' };
  }
  return {
    state: 'scored',
    method,
    score,
    saleOffer: page.saleOffer,
    ...(num(page.threshold) !== undefined ? { threshold: num(page.threshold) } : {}),
    ...(str(page.note) ? { note: str(page.note) } : {}),
    signals: signalsOf(page.signals),
    blocks: blocksOf(r.blocks),
  };
}

/** Parses risk.json bytes (UTF-8 text) into a view; never throws. */
export function riskViewFromText(text: string): RiskView {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { state: 'unreadable', reason: `not valid JSON (${(e as Error).message})` };
  }
  return riskView(value);
}

/** The CSV cells risk_score and sale_offer (true/false): empty when there is no usable score. */
export function riskCells(v: RiskView): [number | '', boolean | ''] {
  return v.state === 'scored' ? [v.score, v.saleOffer] : ['', ''];
}
