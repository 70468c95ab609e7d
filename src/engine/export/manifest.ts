/**
 * The case-file manifest (manifest.json), schema "wildtrace-case-file" version 2 (version 1 is
 * still read by the verifier). Documented in docs/export-format.md; fields are only ever added
 * within a version. The names of the files it lists are in src/engine/evidence/case-file-names.ts.
 */
import { CASE_FILE_FORMAT_VERSION, CASE_FILES } from '../evidence/case-file-names';
import type { ExportedAuditEntry } from '../evidence/chain';
import type {
  CaptureRecord,
  CaseInfo,
  LabelRecord,
  NoteRecord,
  Signed,
  TagRecord,
  TimestampEvidence,
} from '../evidence/model';
import type { PublicKeyInfo } from '../evidence/signing';

export const MANIFEST_FORMAT = 'wildtrace-case-file';
export const MANIFEST_VERSION = CASE_FILE_FORMAT_VERSION;

export type FileRole =
  | 'artefact'
  | 'capture-metadata'
  | 'capture-notes'
  | 'capture-labels'
  | 'audit-log'
  | 'table'
  | 'report'
  | 'case-uco'
  | 'stix'
  | 'removal-notice';

/** One file of the archive (all files except manifest.json, manifest-signature.json, SHA256SUMS). */
export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
  mediaType: string;
  role: FileRole;
}

/** One artefact of a capture, with its place in the archive. */
export interface ManifestArtefact {
  name: string;
  path: string;
  sha256: string;
  size: number;
  mediaType: string;
}

/** One capture: its signed record, chain link, timestamp token, artefacts, notes, tags and labels. */
export interface ManifestCapture {
  captureId: string;
  /** The 0-based position in the case's chain, as in the signed record. */
  sequence: number;
  /** Format version 2: the capture's number as the officer, report, tables and folder show it (sequence + 1). */
  number?: number;
  folder: string;
  record: CaptureRecord;
  recordHash: string;
  previousRecordHash: string | null;
  signature: string;
  timestamp?: TimestampEvidence;
  artefacts: ManifestArtefact[];
  notes: Signed<NoteRecord>[];
  tags: Signed<TagRecord>[];
  /**
   * The officer's offer labels, every record in store order (changes and clears included), also in
   * the capture folder's labels.json. Added within version 2: absent in case files made before.
   */
  labels?: Signed<LabelRecord>[];
}

export interface CaseManifest {
  format: typeof MANIFEST_FORMAT;
  /** 2 when written by this build; case files of version 1 are still read by the verifier. */
  formatVersion: number;
  /** When this file was made (the only value that differs between two exports of the same case). */
  exportedAt: string;
  tool: { name: string; version: string };
  /** Lexicon versions used by the captures, sorted. */
  lexiconVersions: string[];
  case: CaseInfo;
  officer: string;
  agency: string;
  /** "full": every capture of the case; "partial": the listed ones (gaps in the chain expected). */
  selection: 'full' | 'partial';
  /** The case's chain when exported: its length and the hash of its last record. */
  chain: { length: number; headHash: string | null };
  publicKey: PublicKeyInfo;
  captures: ManifestCapture[];
  auditLog: {
    path: string;
    entries: number;
    redactedEntries: number;
    headHash: string | null;
    /**
     * Hashes of the (redacted) entries that record the deletion of another case; absent in files
     * written before deletions were redacted, whose tombstones are in full.
     */
    deletionsElsewhere?: string[];
  };
  files: ManifestFile[];
  /**
   * Present when `wildtrace rebuild` put the file together from capture bundles after the
   * session's key was gone: the captures, notes, tags and audit log keep the signatures of
   * `publicKey`; the manifest is signed with the rebuild's own one-off key named here.
   */
  rebuilt?: RebuiltFrom;
}

/** What a rebuilt case file was made from, and the key that signs its manifest. */
export interface RebuiltFrom {
  tool: { name: string; version: string };
  publicKey: PublicKeyInfo;
  /** The capture bundles used: file names (relative to the folder given) and SHA-256. */
  bundles: { file: string; sha256: string }[];
}

/** manifest-signature.json: the install key's signature over the SHA-256 of manifest.json. */
export interface ManifestSignature {
  path: typeof CASE_FILES.manifest;
  sha256: string;
  algorithm: 'ECDSA-P256-SHA256';
  publicKeyFingerprint: string;
  signature: string;
}

/** The audit log line format. */
export type AuditLine = ExportedAuditEntry;

/** Media types of generated files. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  [CASE_FILES.audit]: 'application/jsonl',
  [CASE_FILES.report]: 'text/html',
  [CASE_FILES.capturesCsv]: 'text/csv',
  [CASE_FILES.hitsCsv]: 'text/csv',
  [CASE_FILES.indicatorsCsv]: 'text/csv',
  [CASE_FILES.caseUco]: 'application/ld+json',
  [CASE_FILES.stix]: 'application/stix+json;version=2.1',
};
