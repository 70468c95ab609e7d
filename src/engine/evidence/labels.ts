/**
 * The officer's offer labels: which subject a label record is about, and which label is in force.
 * A label is never edited: a change or a clear is a new signed record naming the one it replaces,
 * so the history stays provable and the latest record of each subject wins.
 */
import { sha256Hex } from '../bytes/sha256';
import type { LabelRecord, LabelSubject, OfferLabel, Signed } from './model';

export const OFFER_LABELS: readonly OfferLabel[] = ['offer', 'not-offer'];

/** A listing's text is kept in its label up to this many characters (a listing, not a page). */
export const MAX_LISTING_TEXT = 8000;

/** The text of a listing as a label keeps it: spaces collapsed, trimmed, capped. */
export function listingText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_LISTING_TEXT);
}

/** A listing subject: its key is the SHA-256 of its kept text, so the same listing gets the same key. */
export async function listingSubject(text: string): Promise<LabelSubject> {
  const kept = listingText(text);
  if (!kept) throw new Error('a listing label needs the listing text');
  return { kind: 'listing', key: await sha256Hex(kept), text: kept };
}

/** One string per subject: "page", or "listing:<sha256>". */
export function subjectKey(subject: LabelSubject): string {
  return subject.kind === 'listing' ? `listing:${subject.key}` : 'page';
}

export function isOfferLabel(v: unknown): v is OfferLabel {
  return v === 'offer' || v === 'not-offer';
}

/**
 * The record in force for each subject: the one no other record supersedes (so a clock set back
 * cannot revive an old label); when several qualify, the last in the order given (the store lists
 * labels by createdAt then labelId). A record whose label is null cleared its subject and is
 * still returned: callers that want only set labels filter on `label`.
 */
export function latestLabels(records: readonly Signed<LabelRecord>[]): Map<string, Signed<LabelRecord>> {
  const superseded = new Set(records.map((r) => r.body.supersedes).filter((h) => h !== null));
  const latest = new Map<string, Signed<LabelRecord>>();
  for (const r of records) if (!superseded.has(r.hash)) latest.set(subjectKey(r.body.subject), r);
  return latest;
}

/** The labels in force (cleared subjects left out), page first then listings by key. */
export function labelsInForce(records: readonly Signed<LabelRecord>[]): Signed<LabelRecord>[] {
  return [...latestLabels(records).entries()]
    .filter(([, r]) => r.body.label !== null)
    .sort(([a], [b]) => (a === 'page' ? -1 : b === 'page' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}
