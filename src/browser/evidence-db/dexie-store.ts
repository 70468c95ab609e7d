/**
 * DexieEvidenceStore: the EvidenceStore of the extension, on IndexedDB through Dexie.
 *
 * Used by the background (captures, cases, notes, tags, labels) and by extension pages (export,
 * verification), which open the same database. A transaction of the engine is one IndexedDB
 * "rw" transaction over every table, so a capture (artefacts + record + audit entry) is stored
 * whole or not at all, even when the worker is killed in the middle: IndexedDB aborts an
 * uncommitted transaction when its context dies.
 *
 * Rows wrap the engine's objects with flat key fields (the engine's objects stay untouched, so
 * their hashes keep verifying). Unique indexes refuse a second record at the same chain
 * position, a belt-and-braces guard on top of the engine's optimistic check.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type {
  AuditEntry,
  CaseInfo,
  LabelRecord,
  NoteRecord,
  Signed,
  StoredArtefact,
  StoredCapture,
  TagRecord,
  TimestampEvidence,
} from '../../engine/evidence/model';
import type { StoredSigningKey } from '../../engine/evidence/signing';
import type { EvidenceReader, EvidenceStore, EvidenceTx } from '../../engine/evidence/store';

/** The database name (one per browser profile). */
export const EVIDENCE_DB_NAME = 'wildtrace-evidence';

interface CaptureRow {
  captureId: string;
  caseId: string;
  sequence: number;
  capture: StoredCapture;
}
interface NoteRow {
  noteId: string;
  captureId: string;
  caseId: string;
  createdAt: string;
  note: Signed<NoteRecord>;
}
interface TagRow {
  tagId: string;
  captureId: string;
  caseId: string;
  createdAt: string;
  tag: Signed<TagRecord>;
}
interface LabelRow {
  labelId: string;
  captureId: string;
  caseId: string;
  createdAt: string;
  label: Signed<LabelRecord>;
}
interface AuditRow {
  sequence: number;
  entry: AuditEntry;
}

/** The Dexie database with its versioned schema. */
export class EvidenceDatabase extends Dexie {
  keys!: Table<StoredSigningKey, string>;
  cases!: Table<CaseInfo, string>;
  captures!: Table<CaptureRow, string>;
  artefacts!: Table<StoredArtefact, [string, string]>;
  notes!: Table<NoteRow, string>;
  tags!: Table<TagRow, string>;
  labels!: Table<LabelRow, string>;
  audit!: Table<AuditRow, number>;

  constructor(name = EVIDENCE_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Each version only adds; existing rows are never rewritten in a way that changes signed bodies.
    this.version(1).stores({
      keys: 'keyId',
      cases: 'caseId, createdAt',
      captures: 'captureId, &[caseId+sequence]',
      artefacts: '[captureId+name], captureId',
      notes: 'noteId, captureId, caseId',
      tags: 'tagId, captureId, caseId',
      audit: 'sequence',
    });
    // Version 2: the officer's offer labels (a new table; nothing older moves).
    this.version(2).stores({ labels: 'labelId, captureId, caseId' });
  }
}

const ALL_TABLES = ['keys', 'cases', 'captures', 'artefacts', 'notes', 'tags', 'labels', 'audit'] as const;

/** Storage is full: said plainly; nothing of the failed write is kept, nothing older is lost. */
export class StorageFullError extends Error {
  constructor(cause?: unknown) {
    super(
      'The browser storage for evidence is full. ' +
        'Nothing was stored for this action, and everything stored before is kept. ' +
        'Export and delete closed cases, or free disk space, then try again.',
    );
    this.name = 'StorageFullError';
    this.cause = cause;
  }
}

/** True for the ways IndexedDB and Dexie say "quota exceeded". */
export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; depth++) {
    const name = (x as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    x = (x as { inner?: unknown; cause?: unknown }).inner ?? (x as { cause?: unknown }).cause;
  }
  return false;
}

const byCreated =
  <R extends { createdAt: string }>(id: (r: R) => string) =>
  (a: R, b: R) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;

type Tables = Pick<EvidenceDatabase, (typeof ALL_TABLES)[number]>;

function readerOver(t: () => Tables): EvidenceReader {
  return {
    getSigningKey: (keyId) => t().keys.get(keyId),
    getCase: (caseId) => t().cases.get(caseId),
    async listCases() {
      const all = await t().cases.toArray();
      return all.sort((a, b) =>
        a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.caseId < b.caseId ? -1 : 1,
      );
    },
    async getCapture(captureId) {
      return (await t().captures.get(captureId))?.capture;
    },
    async listCaptures(caseId) {
      const rows = await t()
        .captures.where('[caseId+sequence]')
        .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
        .toArray();
      return rows.map((r) => r.capture);
    },
    async lastCapture(caseId) {
      const row = await t()
        .captures.where('[caseId+sequence]')
        .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
        .last();
      return row?.capture;
    },
    async listArtefacts(captureId) {
      // The primary key [captureId+name] orders by name within a capture.
      return t()
        .artefacts.where('[captureId+name]')
        .between([captureId, Dexie.minKey], [captureId, Dexie.maxKey])
        .toArray();
    },
    async listNotes(captureId) {
      return (await t().notes.where('captureId').equals(captureId).toArray())
        .sort(byCreated((r) => r.noteId))
        .map((r) => r.note);
    },
    async listTags(captureId) {
      return (await t().tags.where('captureId').equals(captureId).toArray())
        .sort(byCreated((r) => r.tagId))
        .map((r) => r.tag);
    },
    async listLabels(captureId) {
      return (await t().labels.where('captureId').equals(captureId).toArray())
        .sort(byCreated((r) => r.labelId))
        .map((r) => r.label);
    },
    async listAudit() {
      return (await t().audit.orderBy('sequence').toArray()).map((r) => r.entry);
    },
    async lastAudit() {
      return (await t().audit.orderBy('sequence').last())?.entry;
    },
  };
}

function txOver(trans: Transaction): EvidenceTx {
  const t = () =>
    ({
      keys: trans.table('keys'),
      cases: trans.table('cases'),
      captures: trans.table('captures'),
      artefacts: trans.table('artefacts'),
      notes: trans.table('notes'),
      tags: trans.table('tags'),
      labels: trans.table('labels'),
      audit: trans.table('audit'),
    }) as unknown as Tables;
  return {
    ...readerOver(t),
    async putSigningKey(key) {
      await t().keys.put(key);
    },
    async putCase(info) {
      await t().cases.put(info);
    },
    async addCapture(c) {
      await t().captures.add({
        captureId: c.body.captureId,
        caseId: c.body.caseId,
        sequence: c.body.sequence,
        capture: c,
      });
    },
    async addArtefact(a) {
      await t().artefacts.add(a);
    },
    async setTimestamp(captureId: string, ts: TimestampEvidence) {
      const row = await t().captures.get(captureId);
      if (!row) throw new Error(`capture ${captureId} does not exist`);
      await t().captures.put({ ...row, capture: { ...row.capture, timestamp: ts } });
    },
    async addNote(n) {
      await t().notes.add({
        noteId: n.body.noteId,
        captureId: n.body.captureId,
        caseId: n.body.caseId,
        createdAt: n.body.createdAt,
        note: n,
      });
    },
    async addTag(g) {
      await t().tags.add({
        tagId: g.body.tagId,
        captureId: g.body.captureId,
        caseId: g.body.caseId,
        createdAt: g.body.createdAt,
        tag: g,
      });
    },
    async addLabel(l) {
      await t().labels.add({
        labelId: l.body.labelId,
        captureId: l.body.captureId,
        caseId: l.body.caseId,
        createdAt: l.body.createdAt,
        label: l,
      });
    },
    async addAudit(e) {
      const last = await t().audit.orderBy('sequence').last();
      const expected = last ? last.sequence + 1 : 0;
      if (e.body.sequence !== expected)
        throw new Error(`audit entry ${e.body.sequence} out of order (expected ${expected})`);
      await t().audit.add({ sequence: e.body.sequence, entry: e });
    },
    async deleteCase(caseId) {
      const tb = t();
      const ids = (await tb.captures
        .where('[caseId+sequence]')
        .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
        .primaryKeys()) as string[];
      for (const id of ids) await tb.artefacts.where('captureId').equals(id).delete();
      await tb.captures.bulkDelete(ids);
      await tb.notes.where('caseId').equals(caseId).delete();
      await tb.tags.where('caseId').equals(caseId).delete();
      await tb.labels.where('caseId').equals(caseId).delete();
      await tb.cases.delete(caseId);
    },
  };
}

/** EvidenceStore over IndexedDB. */
export class DexieEvidenceStore implements EvidenceStore {
  readonly db: EvidenceDatabase;
  private readonly r: EvidenceReader;

  constructor(db: EvidenceDatabase = new EvidenceDatabase()) {
    this.db = db;
    this.r = readerOver(() => this.db);
  }

  getSigningKey = (id: string) => this.r.getSigningKey(id);
  getCase = (id: string) => this.r.getCase(id);
  listCases = () => this.r.listCases();
  getCapture = (id: string) => this.r.getCapture(id);
  listCaptures = (id: string) => this.r.listCaptures(id);
  lastCapture = (id: string) => this.r.lastCapture(id);
  listArtefacts = (id: string) => this.r.listArtefacts(id);
  listNotes = (id: string) => this.r.listNotes(id);
  listTags = (id: string) => this.r.listTags(id);
  listLabels = (id: string) => this.r.listLabels(id);
  listAudit = () => this.r.listAudit();
  lastAudit = () => this.r.lastAudit();

  /**
   * Runs `body` in one IndexedDB read-write transaction over all tables (IndexedDB serialises
   * it with every other one, across the worker and pages). A quota failure becomes StorageFullError.
   */
  async transaction<T>(body: (tx: EvidenceTx) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction('rw', [...ALL_TABLES], (trans) => body(txOver(trans)));
    } catch (e) {
      if (isQuotaError(e)) throw new StorageFullError(e);
      throw e;
    }
  }

  /** Counts rows per table (diagnostics and tests). */
  async counts(): Promise<Record<(typeof ALL_TABLES)[number], number>> {
    const out = {} as Record<(typeof ALL_TABLES)[number], number>;
    for (const name of ALL_TABLES) out[name] = await this.db.table(name).count();
    return out;
  }
}

let shared: DexieEvidenceStore | undefined;
/** The store of this extension context (one Dexie connection per context). */
export function evidenceStore(): DexieEvidenceStore {
  shared ??= new DexieEvidenceStore();
  return shared;
}
