/**
 * The officer's offer labels as the tables and the report show them: the label in force for the
 * whole page and for each labelled listing, in plain words.
 */
import { labelsInForce } from '../evidence/labels';
import type { LabelRecord, OfferLabel, Signed } from '../evidence/model';
import type { ManifestCapture } from './manifest';

/** The words the case file uses for a label. */
export const LABEL_WORDS: Readonly<Record<OfferLabel, string>> = {
  offer: 'offer',
  'not-offer': 'not an offer',
};

export interface LabelsOfCapture {
  /** The page's label in force, if any. */
  page?: Signed<LabelRecord>;
  /** The listings' labels in force, by listing key. */
  listings: Signed<LabelRecord>[];
  /** Every label record, changes and clears included. */
  recordCount: number;
}

/** The labels in force of a capture (none for a case file made before labels existed). */
export function labelsOf(entry: Pick<ManifestCapture, 'labels'>): LabelsOfCapture {
  const all = entry.labels ?? [];
  const inForce = labelsInForce(all);
  return {
    page: inForce.find((l) => l.body.subject.kind === 'page'),
    listings: inForce.filter((l) => l.body.subject.kind === 'listing'),
    recordCount: all.length,
  };
}

/** "offer", "not an offer", or '' when unlabelled. */
export function labelWord(l: Signed<LabelRecord> | undefined): string {
  return l?.body.label ? LABEL_WORDS[l.body.label] : '';
}

/** The captures.csv cells: the page's label, then the listings' labels counted ("offer 2; not an offer 1"). */
export function labelCells(entry: Pick<ManifestCapture, 'labels'>): [string, string] {
  const { page, listings } = labelsOf(entry);
  const counts = (['offer', 'not-offer'] as const)
    .map((k) => [LABEL_WORDS[k], listings.filter((l) => l.body.label === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([w, n]) => `${w} ${n}`);
  return [labelWord(page), counts.join('; ')];
}
