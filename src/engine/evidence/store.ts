/**
 * The storage interface of the evidence engine. The extension implements it with Dexie
 * (IndexedDB); tests and the CLI use MemoryEvidenceStore.
 *
 * Contract for implementations:
 * - `transaction(body)` runs `body` atomically: either every write it made is kept, or (when it
 *   throws, or the browser dies) none is. It must serialise with other transactions.
 * - The engine only calls store methods inside `body` (no WebCrypto, no fetch): everything is
 *   hashed and signed BEFORE the transaction, because an IndexedDB transaction commits itself as
 *   soon as it waits on anything that is not IndexedDB. Chain heads read before hashing are read
 *   again inside the transaction; if they changed, the engine retries (optimistic concurrency).
 * - `add*` methods must refuse an existing key (throw), never overwrite.
 * - List methods return rows in the stated order. Bodies are returned by reference (Blobs).
 */
import type {
  AuditEntry,
  CaseInfo,
  Signed,
  StoredArtefact,
  StoredCapture,
  LabelRecord,
  NoteRecord,
  TagRecord,
  TimestampEvidence,
} from './model';
import type { StoredSigningKey } from './signing';

/** Reads. */
export interface EvidenceReader {
  getSigningKey(keyId: string): Promise<StoredSigningKey | undefined>;
  getCase(caseId: string): Promise<CaseInfo | undefined>;
  /** All cases, by createdAt then caseId. */
  listCases(): Promise<CaseInfo[]>;
  getCapture(captureId: string): Promise<StoredCapture | undefined>;
  /** The captures of a case by ascending sequence. */
  listCaptures(caseId: string): Promise<StoredCapture[]>;
  /** The capture with the highest sequence in the case (the chain head). */
  lastCapture(caseId: string): Promise<StoredCapture | undefined>;
  /** The artefacts of a capture, by name. */
  listArtefacts(captureId: string): Promise<StoredArtefact[]>;
  /** Notes of a capture by createdAt then noteId. */
  listNotes(captureId: string): Promise<Signed<NoteRecord>[]>;
  /** Tags of a capture by createdAt then tagId. */
  listTags(captureId: string): Promise<Signed<TagRecord>[]>;
  /** Labels of a capture by createdAt then labelId. */
  listLabels(captureId: string): Promise<Signed<LabelRecord>[]>;
  /** The whole audit log by ascending sequence. */
  listAudit(): Promise<AuditEntry[]>;
  /** The audit entry with the highest sequence. */
  lastAudit(): Promise<AuditEntry | undefined>;
}

/** Writes (only inside a transaction). */
export interface EvidenceWriter {
  putSigningKey(key: StoredSigningKey): Promise<void>;
  /** Creates or updates a case row (cases are mutable; changes are audited by the engine). */
  putCase(info: CaseInfo): Promise<void>;
  addCapture(capture: StoredCapture): Promise<void>;
  addArtefact(artefact: StoredArtefact): Promise<void>;
  /** Sets the timestamp token of a capture (outside its signed body). */
  setTimestamp(captureId: string, timestamp: TimestampEvidence): Promise<void>;
  addNote(note: Signed<NoteRecord>): Promise<void>;
  addTag(tag: Signed<TagRecord>): Promise<void>;
  addLabel(label: Signed<LabelRecord>): Promise<void>;
  addAudit(entry: AuditEntry): Promise<void>;
  /** Removes a case with its captures, artefacts, notes, tags and labels (the audit log stays). */
  deleteCase(caseId: string): Promise<void>;
}

/** What a transaction body sees. */
export interface EvidenceTx extends EvidenceReader, EvidenceWriter {}

/** An evidence store: reads outside transactions, writes through `transaction`. */
export interface EvidenceStore extends EvidenceReader {
  transaction<T>(body: (tx: EvidenceTx) => Promise<T>): Promise<T>;
}
