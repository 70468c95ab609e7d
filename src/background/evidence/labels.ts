/**
 * The officer's offer labels, from the side panel: on a capture (its page or a listing it holds),
 * and on a flagged listing of the open tab. A listing label is stored with the newest capture of
 * the page in the active case whose text holds the listing; when there is none, the page is
 * captured first, so a label always sits beside the evidence it judges.
 */
import { bodyBytes, fromUtf8 } from '../../engine/bytes/bytes';
import { ARTEFACTS } from '../../engine/evidence/case-file-names';
import { latestLabels, listingSubject } from '../../engine/evidence/labels';
import type { LabelRecord, LabelSubject, OfferLabel, Signed, StoredCapture } from '../../engine/evidence/model';
import { setLabel } from '../../engine/evidence/operations';
import type { EvidenceStore } from '../../engine/evidence/store';

/** What a label write needs from the background. */
export interface LabelDeps {
  store: EvidenceStore;
  signer: Parameters<typeof setLabel>[1];
  author: string;
  /** Runs an evidence write in the background's one queue. */
  queue: <T>(write: () => Promise<T>) => Promise<T>;
}

/** Sets, changes or clears the label of a capture's page, or of a listing it already has a label for. */
export async function labelCapture(
  deps: LabelDeps,
  req: { captureId: string; listingKey?: string; label: OfferLabel | null },
): Promise<Signed<LabelRecord>> {
  let subject: LabelSubject = { kind: 'page' };
  if (req.listingKey !== undefined) {
    const known = latestLabels(await deps.store.listLabels(req.captureId)).get(`listing:${req.listingKey}`);
    if (!known) throw new Error('that listing has no label on this capture');
    subject = known.body.subject;
  }
  return deps.queue(() =>
    setLabel(deps.store, deps.signer, { captureId: req.captureId, subject, label: req.label, author: deps.author }),
  );
}

/** The visible text of a capture (text.txt), spaces collapsed as listing labels keep them. */
async function captureText(store: EvidenceStore, captureId: string): Promise<string> {
  const a = (await store.listArtefacts(captureId)).find((x) => x.name === ARTEFACTS.text);
  return a ? fromUtf8(await bodyBytes(a.body)).replace(/\s+/g, ' ') : '';
}

/**
 * The newest capture of `url` in the case that already has a label of this listing or whose text
 * holds it, if any (the live text of a block and the captured text can differ in spacing and
 * attributes, so the listing's own label is looked at first).
 */
export async function captureHolding(
  store: EvidenceStore,
  caseId: string,
  url: string,
  subject: Extract<LabelSubject, { kind: 'listing' }>,
): Promise<StoredCapture | undefined> {
  const captures = (await store.listCaptures(caseId)).filter((c) => c.body.metadata.finalUrl === url).reverse();
  for (const c of captures) {
    if (latestLabels(await store.listLabels(c.body.captureId)).has(`listing:${subject.key}`)) return c;
    if ((await captureText(store, c.body.captureId)).includes(subject.text)) return c;
  }
  return undefined;
}

/** The labels in force of the listings captured from `url` in the case, by listing key. */
export async function listingLabelsOfPage(
  store: EvidenceStore,
  caseId: string,
  url: string,
): Promise<Map<string, OfferLabel>> {
  const out = new Map<string, OfferLabel>();
  // Oldest first, so a later capture's label of the same listing wins.
  for (const c of await store.listCaptures(caseId)) {
    if (c.body.metadata.finalUrl !== url) continue;
    for (const [, l] of latestLabels(await store.listLabels(c.body.captureId))) {
      if (l.body.subject.kind !== 'listing') continue;
      if (l.body.label) out.set(l.body.subject.key, l.body.label);
      else out.delete(l.body.subject.key);
    }
  }
  return out;
}

/**
 * Labels a listing of the open tab: with the newest capture that holds it, else with a capture
 * taken now (`capture`, the officer's click being the request).
 */
export async function labelListing(
  deps: LabelDeps & { capture: () => Promise<{ captureId: string; sequence: number }>; caseId: string | undefined },
  listing: { url: string; text: string; label: OfferLabel | null },
): Promise<{ record: Signed<LabelRecord>; captured?: { captureId: string; sequence: number } }> {
  const subject = await listingSubject(listing.text);
  if (subject.kind !== 'listing') throw new Error('not a listing');
  const held = deps.caseId ? await captureHolding(deps.store, deps.caseId, listing.url, subject) : undefined;
  if (!held && listing.label === null) throw new Error('there is no label to clear');
  const captured = held ? undefined : await deps.capture();
  const captureId = held?.body.captureId ?? captured!.captureId;
  const record = await deps.queue(() =>
    setLabel(deps.store, deps.signer, { captureId, subject, label: listing.label, author: deps.author }),
  );
  return captured ? { record, captured: { captureId, sequence: captured.sequence } } : { record };
}
