/**
 * Builds small but complete evidence cases in a MemoryEvidenceStore, reproducibly (fixed clock,
 * counter ids, seeded bytes). Used by the evidence, export and verify tests and the benchmark.
 */
import type { Hit } from '../../src/engine/matcher/hit';
import { MemoryEvidenceStore } from '../../src/engine/evidence/memory-store';
import { listingSubject } from '../../src/engine/evidence/labels';
import type { CaptureMetadata, CaseInfo, LabelSubject, OfferLabel } from '../../src/engine/evidence/model';
import {
  addNote,
  addTag,
  appendCapture,
  createCase,
  ensureSigningKey,
  setLabel,
  type ArtefactInput,
  type EngineOptions,
} from '../../src/engine/evidence/operations';
import type { Signer } from '../../src/engine/evidence/signing';

/** A seeded PRNG (mulberry32): same seed, same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic clock and ids. */
export function fixedOptions(start = Date.UTC(2025, 2, 1, 9, 0, 0, 123)): EngineOptions & { tick(): void } {
  let t = start;
  let n = 0;
  return {
    now: () => new Date((t += 1000)),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    tick() {
      t += 60_000;
    },
  };
}

/** Pseudo-random bytes (incompressible like a PNG) from a seed. */
export function noiseBytes(size: number, seed: number): Uint8Array {
  const r = prng(seed);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 4) {
    const v = (r() * 4294967296) >>> 0;
    out[i] = v;
    out[i + 1] = v >>> 8;
    out[i + 2] = v >>> 16;
    out[i + 3] = v >>> 24;
  }
  return out;
}

/** Text-like bytes (compressible like MHTML) of roughly `size` bytes. */
export function textBytes(size: number, seed: number): Uint8Array {
  const r = prng(seed);
  const words = [
    'python',
    'regius',
    'ball',
    'for',
    'sale',
    'DM',
    'price',
    '=3D',
    '<div class=3D"offer">',
    'shipping',
    'ivory',
    'bangle',
    '\r\n',
  ];
  let s = '';
  while (s.length < size) s += words[Math.floor(r() * words.length)] + ' ';
  return new TextEncoder().encode(s.slice(0, size));
}

export function sampleMetadata(info: CaseInfo, i: number, url: string): CaptureMetadata {
  return {
    requestedUrl: url,
    finalUrl: url,
    title: `Offer ${i} <b>"Royal python"</b> & co`,
    capturedAt: new Date(Date.UTC(2025, 2, 1, 10, i % 60, 0, 5)).toISOString(),
    localOffset: '+01:00',
    clockSource: 'system clock',
    browser: 'Chrome 126.0.6478.126',
    os: 'Linux x86_64',
    extensionVersion: '0.1.0',
    lexiconVersion: 'cites-2025-02',
    officer: info.officer,
    agency: info.agency,
    caseId: info.caseId,
    caseTitle: info.title,
    onlineIdentity: 'buyer_anna',
    viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
  };
}

export function sampleHits(i: number): Hit[] {
  return [
    {
      start: 6,
      end: 18,
      text: 'Python regius',
      term: 'Python regius',
      kind: 'species',
      lang: 'la',
      tactics: [],
      editDistance: 0,
      confidence: 0.97,
      taxon: { taxonId: 4000 + i, name: 'Python regius', rank: 'SPECIES', listing: 'II', coveredBy: 'Pythonidae spp.' },
    },
    {
      start: 30,
      end: 34,
      text: '=cmd|',
      term: 'ivory',
      kind: 'trade-term',
      termKind: 'product',
      tactics: ['code-word'],
      editDistance: 1,
      confidence: 0.6,
    },
  ];
}

export interface SampleCase {
  store: MemoryEvidenceStore;
  signer: Signer;
  info: CaseInfo;
  opts: ReturnType<typeof fixedOptions>;
}

export interface SampleOptions {
  captures?: number;
  pngSize?: number;
  mhtmlSize?: number;
  /** Adds notes and tags to every other capture. */
  annotate?: boolean;
  /** A second case whose audit entries get redacted in exports. */
  otherCase?: boolean;
  /**
   * Officer's labels: the first capture's page "offer", changed to "not-offer" and back to "offer";
   * the second capture's page "not-offer" and one listing "offer"; a third capture's label set and cleared.
   */
  labels?: boolean;
}

/** The listing text the sample labels name. */
export const SAMPLE_LISTING = 'Baby ball python regius, 80 EUR, shipping EU, WhatsApp +44 7700 900123';

/** A case with `captures` captures, each with the usual artefacts. */
export async function buildSampleCase(o: SampleOptions = {}): Promise<SampleCase> {
  const opts = fixedOptions();
  const store = new MemoryEvidenceStore();
  const signer = await ensureSigningKey(store, 'Officer Jane Doe', opts);
  const info = await createCase(
    store,
    signer,
    { title: 'Op. Scales <2025>', reference: 'EXH-17', officer: 'Jane Doe', agency: 'Border Force' },
    opts,
  );
  const other = o.otherCase
    ? await createCase(store, signer, { title: 'Secret other case', officer: 'Jane Doe', agency: 'Border Force' }, opts)
    : undefined;
  const n = o.captures ?? 3;
  for (let i = 0; i < n; i++) {
    const url = `https://market.example/item/${i}?q=<script>alert(1)</script>`;
    const artefacts: ArtefactInput[] = [
      { name: 'screenshot.png', body: noiseBytes(o.pngSize ?? 200, i * 7 + 1) },
      { name: 'screenshot-annotated.png', body: noiseBytes(o.pngSize ?? 200, i * 7 + 2) },
      { name: 'page.mhtml', body: textBytes(o.mhtmlSize ?? 300, i * 7 + 3) },
      {
        name: 'page.html',
        body: new TextEncoder().encode(`<html><body><script>alert(${i})</script>Python regius for sale</body></html>`),
      },
      {
        name: 'text.txt',
        body: new TextEncoder().encode(
          `Ball Python regius for sale, =HYPERLINK("x") DM +44 7700 900${String(i).padStart(3, '0')}`,
        ),
      },
      { name: 'hits.json', body: new TextEncoder().encode(JSON.stringify(sampleHits(i))) },
      {
        name: 'indicators.json',
        body: new TextEncoder().encode(
          JSON.stringify([
            { type: 'phone', value: `+447700900${String(i).padStart(3, '0')}` },
            { type: 'handle', value: '@snake_seller', platform: 'telegram' },
          ]),
        ),
      },
    ];
    const c = await appendCapture(
      store,
      signer,
      { caseId: info.caseId, metadata: sampleMetadata(info, i, url), artefacts },
      opts,
    );
    if (o.annotate && i % 2 === 0) {
      await addNote(
        store,
        signer,
        { captureId: c.body.captureId, text: `Seller asks for <b>cash</b> #${i}`, author: 'Jane Doe' },
        opts,
      );
      await addTag(store, signer, { captureId: c.body.captureId, tag: 'priority', author: 'Jane Doe' }, opts);
    }
    if (o.labels && i < 3) await labelSample(store, signer, c.body.captureId, i, opts);
    if (other && i === 0) {
      await appendCapture(
        store,
        signer,
        {
          caseId: other.caseId,
          metadata: sampleMetadata(other, 99, 'https://other.example/'),
          artefacts: [{ name: 'text.txt', body: new TextEncoder().encode('other') }],
        },
        opts,
      );
    }
  }
  return { store, signer, info: (await store.getCase(info.caseId))!, opts };
}

async function labelSample(
  store: MemoryEvidenceStore,
  signer: Signer,
  captureId: string,
  i: number,
  opts: EngineOptions,
) {
  const author = 'Jane Doe';
  const page = { kind: 'page' } as const;
  const set = (subject: LabelSubject, label: OfferLabel | null) =>
    setLabel(store, signer, { captureId, subject, label, author }, opts);
  if (i === 0) {
    await set(page, 'offer');
    await set(page, 'not-offer');
    await set(page, 'offer');
  } else if (i === 1) {
    await set(page, 'not-offer');
    await set(await listingSubject(SAMPLE_LISTING), 'offer');
  } else {
    await set(page, 'offer');
    await set(page, null);
  }
}
