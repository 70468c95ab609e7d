/**
 * Removal requests and their follow-up: what a notice to a platform holds, and the two audit
 * entries that record the officer's acts ("removal-notice": the notice was sent; "removal-check":
 * the listing was looked at again). Both are signed, hash-chained audit entries, so a case file
 * carries them and `wildtrace verify` checks them like every other entry.
 */

/** The kinds of site a notice is written for; each has its own template. */
export type PlatformKind = 'marketplace' | 'social' | 'classifieds';
export const PLATFORM_KINDS: readonly PlatformKind[] = ['marketplace', 'social', 'classifieds'];

/** The languages a notice can be written in. */
export type NoticeLanguage = 'en' | 'es' | 'fr';
export const NOTICE_LANGUAGES: readonly NoticeLanguage[] = ['en', 'es', 'fr'];

/** How the officer sent a notice. */
export type NoticeChannel = 'report-form' | 'email' | 'letter';
export const NOTICE_CHANNELS: readonly NoticeChannel[] = ['report-form', 'email', 'letter'];

/** What a re-check found. */
export type CheckOutcome = 'removed' | 'still-online' | 'changed' | 'inconclusive';

/** A notice template: placeholders in braces, e.g. {platform} (see templates.ts). */
export interface NoticeTemplate {
  subject: string;
  body: string;
}

/** A listed taxon as a notice names it. */
export interface NoticeTaxon {
  name: string;
  /** CITES listing, e.g. "I", "II", "I/II". */
  appendix: string;
}

/** One captured listing, as a notice describes it. */
export interface NoticeListing {
  captureId: string;
  /** The capture number the officer sees (#1 first). */
  captureNumber: number;
  url: string;
  /** UTC ISO 8601. */
  capturedAt: string;
  /** SHA-256 of the signed capture record, which fixes the hash of every artefact. */
  recordHash: string;
  /** SHA-256 of the screenshot as captured, when the capture has one. */
  screenshotSha256?: string;
  taxa: NoticeTaxon[];
  /** Why the listing looked like a sale offer, in the words of the verdict. */
  reasons: string[];
}

/** Everything a template is filled with. */
export interface NoticeInput {
  platform: string;
  kind: PlatformKind;
  language: NoticeLanguage;
  agency: string;
  officer: string;
  contact: string;
  reference: string;
  legalBasis: string;
  /** The date written in the notice, YYYY-MM-DD. */
  date: string;
  listings: NoticeListing[];
}

/** A filled notice. */
export interface Notice {
  platform: string;
  kind: PlatformKind;
  language: NoticeLanguage;
  subject: string;
  body: string;
  captureIds: string[];
  urls: string[];
}

/** The audit actions of this feature. */
export const REMOVAL_NOTICE = 'removal-notice' as const;
export const REMOVAL_CHECK = 'removal-check' as const;
