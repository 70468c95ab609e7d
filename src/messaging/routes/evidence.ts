import type { CaseInfo, OfferLabel } from '../../engine/evidence/model';
import type { Problem } from '../../engine/evidence/problems';
import type { PublicKeyInfo } from '../../engine/evidence/signing';
import type { KeyCheck } from '../../engine/verify/verify-case';
import type { Route, SenderRules } from '../route';

/** The result of a capture, as shown to the officer. */
export interface CaptureResultView {
  captureId: string;
  caseId: string;
  /** The title of the case the capture went into. */
  caseTitle: string;
  /** True when no open case was active and the capture made today's default case for it. */
  caseCreated?: boolean;
  sequence: number;
  recordHash: string;
  shortHash: string;
  artefacts: string[];
  /** The TSA's time when a trusted timestamp was obtained. */
  timestampGenTime?: string;
  durationMs: number;
  /** Milliseconds per capture step. */
  timings: Record<string, number>;
  warnings: string[];
  /** Parts of the capture that could not be made as asked (e.g. boxes that fell outside the screenshot). */
  errors?: string[];
  /**
   * Where the browser keeps no evidence on disk (Tor Browser): the capture bundle written at once,
   * relative to the downloads folder, or why it could not be written.
   */
  bundleFile?: string;
  bundleError?: string;
}

/** One capture in a list: what the side panel shows. */
export interface CaptureListItem {
  captureId: string;
  sequence: number;
  recordHash: string;
  url: string;
  title: string;
  capturedAt: string;
  artefacts: { name: string; size: number; sha256: string }[];
  notes: { noteId: string; text: string; author: string; createdAt: string }[];
  /** Tags in force (adds minus removes). */
  tags: string[];
  /** The officer's label of the page in force, or null. */
  label: OfferLabel | null;
  /** The officer's labels in force of listings of this capture. */
  listingLabels: { key: string; text: string; label: OfferLabel }[];
}

/** A listing of a tab with the officer's label in force from the active case's captures of the page. */
export interface ListingLabelView {
  frameId: number;
  blockId: number;
  label: OfferLabel;
}

/** What the officer is told after deleting a case. */
export interface CaseDeletionResult {
  caseId: string;
  title: string;
  captureCount: number;
  /** The tombstone: its audit sequence and hash. */
  auditSequence: number;
  auditHash: string;
  /** The active case after the deletion (null when the deleted case was the active one). */
  activeCaseId: string | null;
}

/**
 * The officer's local date as YYYY-MM-DD: the day in the default case's title ("Unfiled – 2026-12-07",
 * string evDefaultCaseTitle), so the pages can name the case before the background creates it.
 */
export function localDay(at: Date): string {
  return [at.getFullYear(), at.getMonth() + 1, at.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}

/** What the verify page found in a case file, for this browser's audit log. */
export interface VerificationFinding {
  fileName: string;
  ok: boolean;
  problems: number;
  /** The fingerprint of the key the file was signed with, as the file states it. */
  publicKeyFingerprint: string | null;
  keyCheck: KeyCheck['status'] | null;
  /** The case id the file states; the entry names the case only when this browser holds it. */
  caseId?: string;
}

/** Evidence options kept beside the core settings. */
export interface EvidenceSettingsView {
  onlineIdentity: string;
  fullPage: boolean;
  /** RFC 3161 TSA URL; '' = none. Requests are made only with covert mode off. */
  tsaUrl: string;
}

/** Cases, captures, notes, tags, the officer's labels and the signing key. */
export interface EvidenceRoutes {
  /**
   * UI -> background: capture a tab into the given case, else the active open case, else today's
   * default case ("Unfiled – date", created on demand). Never from a content script.
   */
  'evidence/capture': Route<
    { tabId: number; caseId?: string; fullPage?: boolean },
    CaptureResultView,
    'extension-page'
  >;
  'evidence/cases': Route<Record<string, never>, { cases: CaseInfo[]; activeCaseId: string | null }, 'extension-page'>;
  'evidence/case-create': Route<{ title: string; reference?: string }, CaseInfo, 'extension-page'>;
  'evidence/case-update': Route<
    { caseId: string; title?: string; reference?: string; status?: 'open' | 'closed' },
    CaseInfo,
    'extension-page'
  >;
  'evidence/case-select': Route<{ caseId: string | null }, { activeCaseId: string | null }, 'extension-page'>;
  /** Deletes a case and its evidence; the reason (required) goes into the signed tombstone. */
  'evidence/case/delete': Route<{ caseId: string; reason: string }, CaseDeletionResult, 'extension-page'>;
  'evidence/captures': Route<{ caseId: string }, CaptureListItem[], 'extension-page'>;
  'evidence/note-add': Route<{ captureId: string; text: string }, { noteId: string }, 'extension-page'>;
  'evidence/tag-set': Route<
    { captureId: string; tag: string; action: 'add' | 'remove' },
    { tagId: string },
    'extension-page'
  >;
  /**
   * Sets, changes or clears (null) the officer's label of a capture's page, or of a listing the
   * capture already has a label for (listingKey). A new signed record; the capture never changes.
   */
  'evidence/label-set': Route<
    { captureId: string; listingKey?: string; label: OfferLabel | null },
    { labelId: string },
    'extension-page'
  >;
  /**
   * Labels a flagged listing of a tab. Stored with the newest capture of the page in the active
   * case that holds the listing; without one the page is captured first (`captured` says so).
   */
  'evidence/listing-label': Route<
    { tabId: number; frameId: number; blockId: number; label: OfferLabel | null },
    { labelId: string; captureId: string; captured?: { captureId: string; number: number } },
    'extension-page'
  >;
  /** The officer's labels in force of the tab's listings, from the active case's captures of the page. */
  'evidence/listing-labels': Route<{ tabId: number }, ListingLabelView[], 'extension-page'>;
  'evidence/public-key': Route<Record<string, never>, PublicKeyInfo, 'extension-page'>;
  'evidence/settings-get': Route<Record<string, never>, EvidenceSettingsView, 'extension-page'>;
  'evidence/settings-set': Route<Partial<EvidenceSettingsView>, EvidenceSettingsView, 'extension-page'>;
  /** Re-checks everything stored for a case; problems are reported, never repaired. */
  'evidence/self-check': Route<{ caseId: string }, Problem[], 'extension-page'>;
  /** Where evidence is kept in this browser session, and whether private windows are allowed. */
  'evidence/storage': Route<Record<string, never>, EvidenceStorageView, 'extension-page'>;
  /**
   * Exports a case from the background. Only for the session store ('session' mode), which
   * lives in the background's memory: pages export from IndexedDB themselves.
   */
  'evidence/export': Route<{ caseId: string; captureIds?: string[] }, BackgroundExportResult, 'extension-page'>;
  /** Records a case file verified on the verify page in the audit log (either storage mode). */
  'evidence/verification-log': Route<VerificationFinding, { auditSequence: number }, 'extension-page'>;
}

/** Where evidence is kept in this browser session. */
export interface EvidenceStorageView {
  /**
   * 'indexeddb': in the browser profile. 'session': in memory for this browser session (the
   * browser refuses IndexedDB writes: permanent private browsing, Tor Browser), each capture also
   * written at once to disk as a capture bundle under `bundleRoot` in the downloads folder.
   */
  mode: 'indexeddb' | 'session';
  bundleRoot: string;
  /** False when the officer has not allowed the extension in private windows. */
  privateWindowsAllowed: boolean;
}

/** What a background export saved. */
export interface BackgroundExportResult {
  fileName: string;
  captureCount: number;
  bytesWritten: number;
  manifestSha256: string;
  problems: Problem[];
}

export const EVIDENCE_SENDERS: SenderRules<EvidenceRoutes> = {
  'evidence/capture': 'extension-page',
  'evidence/cases': 'extension-page',
  'evidence/case-create': 'extension-page',
  'evidence/case-update': 'extension-page',
  'evidence/case-select': 'extension-page',
  'evidence/case/delete': 'extension-page',
  'evidence/captures': 'extension-page',
  'evidence/note-add': 'extension-page',
  'evidence/tag-set': 'extension-page',
  'evidence/label-set': 'extension-page',
  'evidence/listing-label': 'extension-page',
  'evidence/listing-labels': 'extension-page',
  'evidence/public-key': 'extension-page',
  'evidence/settings-get': 'extension-page',
  'evidence/settings-set': 'extension-page',
  'evidence/self-check': 'extension-page',
  'evidence/storage': 'extension-page',
  'evidence/export': 'extension-page',
  'evidence/verification-log': 'extension-page',
};
