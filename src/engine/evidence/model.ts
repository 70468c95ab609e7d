/**
 * The evidence data model: cases, capture records, artefacts, notes, tags, labels and audit entries.
 * Everything that must stay provable is a signed, hashed body (`Signed<T>`); the body never
 * changes after it is written. Field names are only ever added, never renamed (the record
 * hash of old records depends on them).
 */
import type { JsonValue } from './canonical-json';
import type { ImageGeometry } from './image-geometry';

/** A body sealed at creation: hash = SHA-256 hex of its canonical JSON, signature over the hash. */
export interface Signed<T> {
  body: T;
  hash: string;
  /** ECDSA P-256 signature (base64 P1363) over the UTF-8 text of `hash`. */
  signature: string;
}

/** Browser window metrics at capture time. */
export interface ViewportInfo {
  width: number;
  height: number;
  devicePixelRatio: number;
}

/** What the officer and the browser know about one capture, at the moment it is taken. */
export interface CaptureMetadata {
  /** The URL the tab was asked to load (before redirects), when known. */
  requestedUrl: string;
  /** The URL of the page that was captured. */
  finalUrl: string;
  title: string;
  /** Capture time, UTC ISO 8601 with milliseconds: "2025-03-01T12:00:00.000Z". */
  capturedAt: string;
  /** The collector's local UTC offset at capture time, "+01:00". */
  localOffset: string;
  /**
   * The collector's IANA time zone at capture time, e.g. "Europe/Paris" (added after the first
   * release: older records have none, the report then shows the local time by `localOffset` alone).
   */
  timeZone?: string;
  /** Where the time came from, e.g. "system clock". */
  clockSource: string;
  /** Browser name and version, e.g. "Chrome 126.0.6478.126". */
  browser: string;
  /** Operating system, e.g. "Linux x86_64". */
  os: string;
  userAgent?: string;
  extensionVersion: string;
  lexiconVersion: string;
  officer: string;
  agency: string;
  caseId: string;
  caseTitle: string;
  /** The online (virtual) identity used for browsing, as typed by the officer. */
  onlineIdentity?: string;
  viewport: ViewportInfo;
  /**
   * The images' measured sizes and the scale the boxes were drawn at (added with fingerprint-
   * resistant browsers in mind: older records have none, and their scale was the viewport's ratio).
   */
  imageGeometry?: ImageGeometry;
  /** How each image was taken, e.g. { screenshot: "captureVisibleTab" }. */
  methods?: Record<string, string>;
  /** Watched indicators the page showed when captured: list name, type, value (and platform). */
  watchlists?: { list: string; type: string; value: string; platform?: string }[];
}

/** The hash, size and type of one artefact, as fixed in the capture record. */
export interface ArtefactDigest {
  /** File name inside the capture folder, e.g. "screenshot.png". */
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** The body of a capture record: what is hashed, chained and signed. */
export interface CaptureRecord {
  type: 'wildtrace/capture-record';
  version: 1;
  captureId: string;
  caseId: string;
  /** Position in the case's chain, from 0. */
  sequence: number;
  /** Hash of the case's previous capture record; null for the first. */
  previousRecordHash: string | null;
  metadata: CaptureMetadata;
  /** Sorted by name. */
  artefacts: ArtefactDigest[];
  /** Fingerprint of the key that signs this record (binds record and key). */
  signerFingerprint: string;
}

/** An RFC 3161 token obtained over a record hash (kept beside the record, which it cannot change). */
export interface TimestampEvidence {
  tsaUrl: string;
  /** DER TimeStampToken (CMS ContentInfo), base64. */
  token: string;
  /** The TSA's genTime, ISO 8601. */
  genTime: string;
  /** The hash the token covers (= the record hash). */
  hash: string;
}

/** A capture as the store keeps it. */
export interface StoredCapture extends Signed<CaptureRecord> {
  timestamp?: TimestampEvidence;
}

/** Artefact bytes with their digest; `body` is a Blob in IndexedDB. */
export interface StoredArtefact extends ArtefactDigest {
  captureId: string;
  body: Blob | Uint8Array;
}

/** A note on a capture: a separate record, the capture never changes. */
export interface NoteRecord {
  type: 'wildtrace/note';
  version: 1;
  noteId: string;
  captureId: string;
  caseId: string;
  text: string;
  author: string;
  createdAt: string;
  signerFingerprint: string;
}

/** A tag added to (or removed from) a capture. */
export interface TagRecord {
  type: 'wildtrace/tag';
  version: 1;
  tagId: string;
  captureId: string;
  caseId: string;
  tag: string;
  action: 'add' | 'remove';
  author: string;
  createdAt: string;
  signerFingerprint: string;
}

/** The officer's judgement of a capture or of one listing in it. */
export type OfferLabel = 'offer' | 'not-offer';

/**
 * What a label is about: the whole captured page, or one listing (block of text) of it. A listing
 * is named by the SHA-256 of its text and carries that text, so a case file alone is enough to
 * refit the verdict on it.
 */
export type LabelSubject = { kind: 'page' } | { kind: 'listing'; key: string; text: string };

/**
 * The officer's label on a capture or one of its listings: a separate signed record, the capture
 * never changes. Changing or clearing a label writes a new record that names the one it replaces
 * (`supersedes`); the latest record of a subject is the one in force.
 */
export interface LabelRecord {
  type: 'wildtrace/label';
  version: 1;
  labelId: string;
  captureId: string;
  caseId: string;
  subject: LabelSubject;
  /** null clears an earlier label. */
  label: OfferLabel | null;
  /** Hash of the label record of the same subject this one replaces; null for the first. */
  supersedes: string | null;
  author: string;
  createdAt: string;
  signerFingerprint: string;
}

/**
 * What an audit entry records. "deletion" entries are the tombstones of deleted cases;
 * "removal-notice" and "removal-check" are removal requests sent and listings checked again
 * (src/engine/removal/records.ts).
 */
export type AuditAction =
  | 'install'
  | 'settings-changed'
  | 'case-created'
  | 'case-updated'
  | 'capture'
  | 'timestamp'
  | 'note'
  | 'tag'
  | 'label'
  | 'export'
  | 'verification'
  | 'deletion'
  | 'removal-notice'
  | 'removal-check';

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'install',
  'settings-changed',
  'case-created',
  'case-updated',
  'capture',
  'timestamp',
  'note',
  'tag',
  'label',
  'export',
  'verification',
  'deletion',
  'removal-notice',
  'removal-check',
];

/** One entry of the install-wide, hash-chained audit log. */
export interface AuditEntryBody {
  type: 'wildtrace/audit-entry';
  version: 1;
  sequence: number;
  previousHash: string | null;
  action: AuditAction;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  actor: string;
  /** The case the entry is about; absent for install-wide entries (install, settings). */
  caseId?: string;
  /** The capture, note, tag or label id the entry is about. */
  subjectId?: string;
  details: { [key: string]: JsonValue };
  signerFingerprint: string;
}

export type AuditEntry = Signed<AuditEntryBody>;

/** A case (mutable: renames and closing are logged in the audit log). */
export interface CaseInfo {
  caseId: string;
  title: string;
  /** Agency reference, e.g. an exhibit or file number. */
  reference?: string;
  officer: string;
  agency: string;
  createdAt: string;
  status: 'open' | 'closed';
}
