/**
 * Case files for the intelligence report, built by the project's own capture and export code
 * (appendCapture, exportCase) with hits and indicators chosen so the aggregates are known.
 */
import type { Indicator } from '../../src/engine/indicators/types';
import type { Hit, Tactic } from '../../src/engine/matcher/hit';
import type { CaseInfo } from '../../src/engine/evidence/model';
import { MemoryEvidenceStore } from '../../src/engine/evidence/memory-store';
import type { Signer } from '../../src/engine/evidence/signing';
import type { EvidenceStore } from '../../src/engine/evidence/store';
import { appendCapture, createCase, ensureSigningKey, type EngineOptions } from '../../src/engine/evidence/operations';
import { exportCase } from '../../src/engine/export/case-export';
import { fixedOptions, sampleMetadata } from './evidence-fixture';
import { EXPORTED_AT, memorySink, TOOL } from './export-helpers';

let offset = 0;
const at = () => (offset += 20);
/** Where a hit of this text sits: each hit after the one before. */
const placed = (text: string) => {
  const start = at();
  return { start, end: start + text.length, text, term: text };
};

export function species(name: string, listing: string, tactics: Tactic[] = []): Hit {
  return {
    ...placed(name),
    kind: 'species',
    lang: 'la',
    tactics,
    editDistance: tactics.includes('misspelling') ? 1 : 0,
    confidence: 0.9,
    taxon: { taxonId: name.length, name, rank: 'SPECIES', listing },
  };
}

export function term(text: string, termKind: 'product' | 'code', tactics: Tactic[] = []): Hit {
  return {
    ...placed(text),
    kind: 'trade-term',
    termKind,
    tactics,
    editDistance: 0,
    confidence: 0.8,
  };
}

export function hashtag(text: string): Hit {
  return {
    ...placed(text),
    kind: 'hashtag',
    tactics: [],
    editDistance: 0,
    confidence: 0.7,
  };
}

const span = (value: string) => {
  const start = at();
  return { value, start, end: start + value.length };
};

export const ind = {
  phone: (e164: string): Indicator => ({
    type: 'phone',
    ...span(e164),
    normalized: e164,
    details: { e164: true, country: 'GB' },
  }),
  messenger: (platform: 'telegram' | 'whatsapp', handle: string): Indicator => ({
    type: 'messenger',
    ...span(`${platform}: ${handle}`),
    normalized: `${platform}:${handle.toLowerCase()}`,
    details: { platform, handle, form: 'labelled-id' },
  }),
  email: (address: string): Indicator => ({
    type: 'email',
    ...span(address),
    normalized: address.toLowerCase(),
    details: { domain: address.split('@')[1] },
  }),
  wallet: (address: string): Indicator => ({
    type: 'crypto',
    ...span(address),
    normalized: address,
    details: { chain: 'bitcoin', format: 'p2wpkh', checksum: 'verified', network: 'mainnet' },
  }),
  payment: (channel: string): Indicator => ({
    type: 'payment',
    ...span(channel),
    normalized: channel,
    details: { channel },
  }),
  shipping: (carrier: string): Indicator => ({
    type: 'shipping',
    ...span(carrier),
    normalized: carrier,
    details: { carrier },
  }),
  price: (amount: number, currency: string): Indicator => ({
    type: 'price',
    ...span(`${amount} ${currency}`),
    normalized: `${amount} ${currency}`,
    details: { amount, currency },
  }),
};

export interface FixtureCapture {
  url: string;
  capturedAt: string;
  hits: Hit[];
  indicators: Indicator[];
}

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** A fixed clock and ids unique per seed: two seeds are two cases in the report. */
export function intelOptions(seed: number): EngineOptions {
  const base = fixedOptions(Date.UTC(2025, 0, 1) + seed * 3_600_000);
  return { ...base, newId: () => `${String(seed).padStart(8, '0')}${base.newId!().slice(8)}` };
}

/** Adds one case of these captures to a store, signed by `signer`. */
export async function addIntelCase(
  store: EvidenceStore,
  signer: Signer,
  title: string,
  captures: readonly FixtureCapture[],
  seed = 1,
  opts = intelOptions(seed),
): Promise<CaseInfo> {
  const info = await createCase(
    store,
    signer,
    { title, reference: `REF-${seed}`, officer: 'Jane Doe', agency: 'Border Force' },
    opts,
  );
  for (const [i, c] of captures.entries()) {
    const metadata = { ...sampleMetadata(info, i, c.url), capturedAt: c.capturedAt };
    await appendCapture(
      store,
      signer,
      {
        caseId: info.caseId,
        metadata,
        artefacts: [
          { name: 'text.txt', body: new TextEncoder().encode(`capture ${i} of ${title}`) },
          { name: 'hits.json', body: json(c.hits) },
          { name: 'indicators.json', body: json(c.indicators) },
        ],
      },
      opts,
    );
  }
  return info;
}

/** Exports one case of these captures as a case file (ZIP bytes). */
export async function intelCaseFile(title: string, captures: readonly FixtureCapture[], seed = 1): Promise<Uint8Array> {
  const opts = intelOptions(seed);
  const store = new MemoryEvidenceStore();
  const signer = await ensureSigningKey(store, 'Officer', opts);
  const info = await addIntelCase(store, signer, title, captures, seed, opts);
  const sink = memorySink();
  await exportCase(store, signer, info.caseId, sink, { tool: TOOL, exportedAt: EXPORTED_AT });
  return sink.bytes();
}
