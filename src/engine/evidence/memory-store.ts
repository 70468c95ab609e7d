/**
 * An in-memory EvidenceStore for tests and the CLI. Transactions run one at a time on a copy of
 * the tables and replace them only when the body finishes, so a throwing body leaves nothing.
 */
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
} from './model';
import type { StoredSigningKey } from './signing';
import type { EvidenceReader, EvidenceStore, EvidenceTx } from './store';

interface Tables {
  keys: Map<string, StoredSigningKey>;
  cases: Map<string, CaseInfo>;
  captures: Map<string, StoredCapture>;
  artefacts: Map<string, StoredArtefact>;
  notes: Map<string, Signed<NoteRecord>>;
  tags: Map<string, Signed<TagRecord>>;
  labels: Map<string, Signed<LabelRecord>>;
  audit: AuditEntry[];
}

function copy(t: Tables): Tables {
  return {
    keys: new Map(t.keys),
    cases: new Map(t.cases),
    captures: new Map(t.captures),
    artefacts: new Map(t.artefacts),
    notes: new Map(t.notes),
    tags: new Map(t.tags),
    labels: new Map(t.labels),
    audit: [...t.audit],
  };
}

const byCreated =
  <T extends { body: { createdAt: string } }>(id: (x: T) => string) =>
  (a: T, b: T) =>
    a.body.createdAt < b.body.createdAt ? -1 : a.body.createdAt > b.body.createdAt ? 1 : id(a) < id(b) ? -1 : 1;

/** The rows of a table whose key (capture id, case id) is `key`. */
type RowsOf = <V>(table: Map<string, V>, keyOf: (v: V) => string, key: string) => V[];

const scanRows: RowsOf = (table, keyOf, key) => [...table.values()].filter((v) => keyOf(v) === key);

// Committed tables are replaced, not changed (a transaction works on a copy), so each can be
// grouped once by its key: reading every capture of a session store of a few thousand captures
// (Trends, self-check, export) then costs one pass, not one pass a capture. The groups hold row
// keys and rows are read live, so a row changed in place is seen as it is now (a table whose size
// changed is grouped again).
const groups = new WeakMap<Map<string, unknown>, { size: number; keys: Map<string, string[]> }>();
const groupedRows: RowsOf = <V>(table: Map<string, V>, keyOf: (v: V) => string, key: string): V[] => {
  let g = groups.get(table);
  if (!g || g.size !== table.size) {
    g = { size: table.size, keys: new Map() };
    for (const [rowKey, v] of table) {
      const list = g.keys.get(keyOf(v));
      if (list) list.push(rowKey);
      else g.keys.set(keyOf(v), [rowKey]);
    }
    groups.set(table, g);
  }
  const rows: V[] = [];
  for (const rowKey of g.keys.get(key) ?? []) {
    const v = table.get(rowKey);
    if (v !== undefined && keyOf(v) === key) rows.push(v);
  }
  return rows;
};

function reader(get: () => Tables, rowsOf: RowsOf = scanRows): EvidenceReader {
  const clone = <T>(v: T): T => structuredCloneKeepBodies(v);
  return {
    async getSigningKey(keyId) {
      return get().keys.get(keyId);
    },
    async getCase(caseId) {
      return clone(get().cases.get(caseId));
    },
    async listCases() {
      return [...get().cases.values()]
        .sort((a, b) => (a.createdAt + a.caseId < b.createdAt + b.caseId ? -1 : 1))
        .map(clone);
    },
    async getCapture(captureId) {
      return clone(get().captures.get(captureId));
    },
    async listCaptures(caseId) {
      return rowsOf(get().captures, (c) => c.body.caseId, caseId)
        .sort((a, b) => a.body.sequence - b.body.sequence)
        .map(clone);
    },
    async lastCapture(caseId) {
      let last: StoredCapture | undefined;
      for (const c of rowsOf(get().captures, (x) => x.body.caseId, caseId))
        if (!last || c.body.sequence > last.body.sequence) last = c;
      return clone(last);
    },
    async listArtefacts(captureId) {
      return rowsOf(get().artefacts, (a) => a.captureId, captureId)
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map(clone);
    },
    async listNotes(captureId) {
      return rowsOf(get().notes, (n) => n.body.captureId, captureId)
        .sort(byCreated((n) => n.body.noteId))
        .map(clone);
    },
    async listTags(captureId) {
      return rowsOf(get().tags, (n) => n.body.captureId, captureId)
        .sort(byCreated((n) => n.body.tagId))
        .map(clone);
    },
    async listLabels(captureId) {
      return rowsOf(get().labels, (n) => n.body.captureId, captureId)
        .sort(byCreated((n) => n.body.labelId))
        .map(clone);
    },
    async listAudit() {
      return get().audit.map(clone);
    },
    async lastAudit() {
      return clone(get().audit.at(-1));
    },
  };
}

// Rows are cloned so callers cannot change stored evidence by mutating what they read; artefact
// bodies (immutable bytes or Blobs) are shared rather than copied.
function structuredCloneKeepBodies<T>(v: T): T {
  if (v === undefined || v === null) return v;
  const row = v as unknown as StoredArtefact;
  if (
    typeof v === 'object' &&
    'body' in row &&
    (row.body instanceof Uint8Array || (typeof Blob !== 'undefined' && row.body instanceof Blob))
  ) {
    return { ...row } as unknown as T;
  }
  return structuredClone(v);
}

/** In-memory EvidenceStore. */
export class MemoryEvidenceStore implements EvidenceStore {
  private tables: Tables = {
    keys: new Map(),
    cases: new Map(),
    captures: new Map(),
    artefacts: new Map(),
    notes: new Map(),
    tags: new Map(),
    labels: new Map(),
    audit: [],
  };
  private queue: Promise<unknown> = Promise.resolve();
  private readonly r = reader(() => this.tables, groupedRows);

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

  /** Runs `body` atomically on a copy of the tables; commits only when it resolves. */
  transaction<T>(body: (tx: EvidenceTx) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const work = copy(this.tables);
      const tx = this.txOver(work);
      const result = await body(tx);
      this.tables = work;
      return result;
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private txOver(t: Tables): EvidenceTx {
    const addUnique = <V>(map: Map<string, V>, key: string, value: V, what: string) => {
      if (map.has(key)) throw new Error(`${what} ${key} already exists`);
      map.set(key, structuredCloneKeepBodies(value));
    };
    return {
      ...reader(() => t),
      async putSigningKey(key) {
        t.keys.set(key.keyId, key);
      },
      async putCase(info) {
        t.cases.set(info.caseId, structuredClone(info));
      },
      async addCapture(c) {
        addUnique(t.captures, c.body.captureId, c, 'capture');
      },
      async addArtefact(a) {
        addUnique(t.artefacts, `${a.captureId}/${a.name}`, a, 'artefact');
      },
      async setTimestamp(captureId: string, ts: TimestampEvidence) {
        const c = t.captures.get(captureId);
        if (!c) throw new Error(`capture ${captureId} does not exist`);
        t.captures.set(captureId, { ...c, timestamp: structuredClone(ts) });
      },
      async addNote(n) {
        addUnique(t.notes, n.body.noteId, n, 'note');
      },
      async addTag(g) {
        addUnique(t.tags, g.body.tagId, g, 'tag');
      },
      async addLabel(l) {
        addUnique(t.labels, l.body.labelId, l, 'label');
      },
      async addAudit(e) {
        if (e.body.sequence !== t.audit.length) throw new Error(`audit entry ${e.body.sequence} out of order`);
        t.audit.push(structuredClone(e));
      },
      async deleteCase(caseId) {
        t.cases.delete(caseId);
        const ids = new Set<string>();
        for (const [id, c] of t.captures)
          if (c.body.caseId === caseId) {
            ids.add(id);
            t.captures.delete(id);
          }
        for (const [k, a] of t.artefacts) if (ids.has(a.captureId)) t.artefacts.delete(k);
        for (const [k, n] of t.notes) if (n.body.caseId === caseId) t.notes.delete(k);
        for (const [k, g] of t.tags) if (g.body.caseId === caseId) t.tags.delete(k);
        for (const [k, l] of t.labels) if (l.body.caseId === caseId) t.labels.delete(k);
      },
    };
  }
}
