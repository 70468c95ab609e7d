/**
 * Case files whose officer labelled pages and listings "offer" / "not an offer", built with the
 * project's own capture, label and export code: the input of the refit from case files.
 */
import { listingSubject } from '../../src/engine/evidence/labels';
import { MemoryEvidenceStore } from '../../src/engine/evidence/memory-store';
import type { OfferLabel } from '../../src/engine/evidence/model';
import { appendCapture, createCase, ensureSigningKey, setLabel } from '../../src/engine/evidence/operations';
import { fixedOptions, sampleMetadata } from './evidence-fixture';
import { exportToBytes } from './export-helpers';

/** One labelled capture: its page text, and the label of the page or of one listing in it. */
export interface LabelledPage {
  url: string;
  text: string;
  label: OfferLabel;
  /** Label this listing of the page instead of the whole page. */
  listing?: string;
}

const enc = (s: string) => new TextEncoder().encode(s);

/** Exports a case whose captures carry the given labels, as ZIP bytes. */
export async function labelledCaseFile(title: string, pages: readonly LabelledPage[]): Promise<Uint8Array> {
  const opts = fixedOptions();
  const store = new MemoryEvidenceStore();
  const signer = await ensureSigningKey(store, 'Jane Doe', opts);
  const info = await createCase(store, signer, { title, officer: 'Jane Doe', agency: 'Border Force' }, opts);
  for (const [i, p] of pages.entries()) {
    const c = await appendCapture(
      store,
      signer,
      {
        caseId: info.caseId,
        metadata: sampleMetadata(info, i, p.url),
        artefacts: [{ name: 'text.txt', body: enc(p.text) }],
      },
      opts,
    );
    const subject = p.listing ? await listingSubject(p.listing) : ({ kind: 'page' } as const);
    await setLabel(store, signer, { captureId: c.body.captureId, subject, label: p.label, author: 'Jane Doe' }, opts);
  }
  return (await exportToBytes({ store, signer, info, opts })).zip;
}

const ANIMALS = ['ivory bangle', 'ball python', 'rhino horn cup', 'pangolin scales', 'tortoise', 'parrot chicks'];

/** Offers to sell: a listed animal or product, a price, a contact, shipping. */
export function offerText(i: number): string {
  const a = ANIMALS[i % ANIMALS.length];
  return (
    `${a} for sale, genuine, ${100 + 17 * i} USD. ` +
    `WhatsApp +44 7700 900${String(100 + i).slice(-3)} to order, payment PayPal, shipping worldwide.`
  );
}

/** Not offers: news and care notes about the same animals, no price, no contact. */
export function notOfferText(i: number): string {
  const a = ANIMALS[i % ANIMALS.length];
  return (
    `Officials reported that a ${a} seized last year at the port was returned to the sanctuary. ` +
    `Researchers say the population keeps falling, according to a report published on Monday (story ${i}).`
  );
}

/** `n` offers and `n` not-offers spread over `sites` sites, every third one a listing label. */
export function labelledPages(n: number, sites = 4, from = 0): LabelledPage[] {
  const out: LabelledPage[] = [];
  for (let i = from; i < from + n; i++) {
    const url = (k: number) => `https://market-${k % sites}.example/item/${i}`;
    const offer = offerText(i);
    out.push(
      i % 3 === 0
        ? { url: url(i), text: `Menu Home Login ${offer} Footer`, label: 'offer', listing: offer }
        : { url: url(i), text: offer, label: 'offer' },
    );
    out.push({ url: url(i + 1), text: notOfferText(i), label: 'not-offer' });
  }
  return out;
}
