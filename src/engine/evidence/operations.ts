/**
 * The evidence operations: capture, notes, tags, labels, case life cycle, timestamps and audited events.
 * Each one hashes and signs first, then writes everything (rows + its audit entry) in ONE store
 * transaction, retrying when another operation moved a chain head in between.
 */
import type { JsonValue } from './canonical-json';
import { canonicalJson } from './canonical-json';
import type {
  ArtefactDigest,
  AuditAction,
  AuditEntry,
  AuditEntryBody,
  CaptureMetadata,
  CaseInfo,
  LabelRecord,
  LabelSubject,
  NoteRecord,
  OfferLabel,
  Signed,
  StoredCapture,
  TagRecord,
  TimestampEvidence,
} from './model';
import { isOfferLabel, latestLabels, subjectKey } from './labels';
import { buildCaptureRecord, KNOWN_ARTEFACTS, artefactNameProblem } from './record';
import { seal } from './seal';
import { hashBody } from '../bytes/sha256';
import { generateSigningKey, type Signer, signerFor } from './signing';
import type { EvidenceStore, EvidenceTx } from './store';
import type { Body } from '../bytes/bytes';

/** Injection points (clock, ids) so tests are reproducible. */
export interface EngineOptions {
  now?: () => Date;
  newId?: () => string;
  /** How often to retry when a chain head moved under us (default 8). */
  maxRetries?: number;
}

/** Thrown inside a transaction when a chain head changed since it was read. */
export class ChainConflictError extends Error {
  constructor() {
    super('chain head moved during the operation');
  }
}

const nowOf = (o?: EngineOptions) => (o?.now ?? (() => new Date()))();
const idOf = (o?: EngineOptions) => (o?.newId ?? (() => globalThis.crypto.randomUUID()))();

/** What an audit entry says, before it is chained and signed. */
export interface AuditDraft {
  action: AuditAction;
  actor: string;
  caseId?: string;
  subjectId?: string;
  details?: { [key: string]: JsonValue };
}

async function sealAudit(
  head: AuditEntry | undefined,
  draft: AuditDraft,
  signer: Signer,
  at: Date,
): Promise<AuditEntry> {
  const body: AuditEntryBody = {
    type: 'wildtrace/audit-entry',
    version: 1,
    sequence: head ? head.body.sequence + 1 : 0,
    previousHash: head ? head.hash : null,
    action: draft.action,
    at: at.toISOString(),
    actor: draft.actor,
    ...(draft.caseId !== undefined ? { caseId: draft.caseId } : {}),
    ...(draft.subjectId !== undefined ? { subjectId: draft.subjectId } : {}),
    details: draft.details ?? {},
    signerFingerprint: signer.info.fingerprint,
  };
  canonicalJson(body); // refuse non-JSON details before anything is signed
  return seal(body, signer);
}

/**
 * The optimistic write loop: `prepare` reads heads, hashes and signs, and returns the writes;
 * the transaction re-reads the audit head and lets `writes` re-check its own heads.
 */
async function commitAudited<T>(
  store: EvidenceStore,
  signer: Signer,
  opts: EngineOptions | undefined,
  prepare: (at: Date) => Promise<{ draft: AuditDraft; writes: (tx: EvidenceTx) => Promise<T> }>,
): Promise<{ result: T; audit: AuditEntry }> {
  const retries = opts?.maxRetries ?? 8;
  for (let attempt = 0; ; attempt++) {
    const at = nowOf(opts);
    const head = await store.lastAudit();
    const { draft, writes } = await prepare(at);
    const audit = await sealAudit(head, draft, signer, at);
    try {
      return await store.transaction(async (tx) => {
        if ((await tx.lastAudit())?.hash !== head?.hash) throw new ChainConflictError();
        const result = await writes(tx);
        await tx.addAudit(audit);
        return { result, audit };
      });
    } catch (e) {
      if (!(e instanceof ChainConflictError) || attempt >= retries) throw e;
    }
  }
}

/** Appends an audit entry on its own (settings changed, export, verification…). */
export async function logAudit(
  store: EvidenceStore,
  signer: Signer,
  draft: AuditDraft,
  opts?: EngineOptions,
): Promise<AuditEntry> {
  return (await commitAudited(store, signer, opts, async () => ({ draft, writes: async () => undefined }))).audit;
}

/**
 * Returns the signer of this install, creating the key pair (and the "install" audit entry)
 * the first time.
 */
export async function ensureSigningKey(store: EvidenceStore, actor = 'system', opts?: EngineOptions): Promise<Signer> {
  const existing = await store.getSigningKey('install');
  if (existing) return signerFor(existing);
  const key = await generateSigningKey(nowOf(opts));
  const signer = signerFor(key);
  try {
    await commitAudited(store, signer, opts, async () => ({
      draft: {
        action: 'install',
        actor,
        details: { publicKeyFingerprint: key.info.fingerprint, publicKeySpki: key.info.spki },
      },
      writes: async (tx) => {
        if (await tx.getSigningKey('install')) throw new Error('signing key created concurrently');
        await tx.putSigningKey(key);
      },
    }));
  } catch (e) {
    const raced = await store.getSigningKey('install');
    if (raced) return signerFor(raced);
    throw e;
  }
  return signer;
}

/** What creating a case needs. */
export interface NewCase {
  title: string;
  reference?: string;
  officer: string;
  agency: string;
}

/** Creates an open case (audited). */
export async function createCase(
  store: EvidenceStore,
  signer: Signer,
  input: NewCase,
  opts?: EngineOptions,
): Promise<CaseInfo> {
  const title = input.title.trim();
  if (!title) throw new Error('a case needs a title');
  const caseId = idOf(opts);
  const { result } = await commitAudited(store, signer, opts, async (at) => {
    const info: CaseInfo = {
      caseId,
      title,
      officer: input.officer,
      agency: input.agency,
      createdAt: at.toISOString(),
      status: 'open',
      ...(input.reference ? { reference: input.reference } : {}),
    };
    return {
      draft: {
        action: 'case-created',
        actor: input.officer,
        caseId,
        details: { title, reference: input.reference ?? null },
      },
      writes: async (tx) => {
        if (await tx.getCase(caseId)) throw new Error(`case ${caseId} already exists`);
        await tx.putCase(info);
        return info;
      },
    };
  });
  return result;
}

/** Renames, re-references or closes/reopens a case (audited with the old and new values). */
export async function updateCase(
  store: EvidenceStore,
  signer: Signer,
  caseId: string,
  patch: { title?: string; reference?: string; status?: 'open' | 'closed' },
  actor: string,
  opts?: EngineOptions,
): Promise<CaseInfo> {
  const { result } = await commitAudited(store, signer, opts, async () => {
    const before = await store.getCase(caseId);
    if (!before) throw new Error(`case ${caseId} does not exist`);
    const after: CaseInfo = { ...before, ...patch };
    if (!after.title.trim()) throw new Error('a case needs a title');
    const changes: { [k: string]: JsonValue } = {};
    for (const k of ['title', 'reference', 'status'] as const) {
      if (patch[k] !== undefined && patch[k] !== before[k])
        changes[k] = { from: before[k] ?? null, to: patch[k] ?? null };
    }
    return {
      draft: { action: 'case-updated', actor, caseId, details: { changes } },
      writes: async (tx) => {
        const now = await tx.getCase(caseId);
        if (canonicalJson(now) !== canonicalJson(before)) throw new ChainConflictError();
        await tx.putCase(after);
        return after;
      },
    };
  });
  return result;
}

/** One artefact as the capture code hands it over. */
export interface ArtefactInput {
  name: string;
  /** Defaults to the known type for the name (KNOWN_ARTEFACTS), else application/octet-stream. */
  mediaType?: string;
  body: Body;
  /** The hash computed at collection, if any: checked against the bytes. */
  sha256?: string;
}

/** What appendCapture needs. */
export interface CaptureInput {
  caseId: string;
  metadata: CaptureMetadata;
  artefacts: ArtefactInput[];
  captureId?: string;
}

/**
 * Hashes the artefacts, builds, chains and signs the capture record, and stores artefacts,
 * record and its audit entry in one transaction. Throws (storing nothing) on invalid input, a
 * closed or unknown case, or an artefact whose bytes do not match the hash given with it.
 */
export async function appendCapture(
  store: EvidenceStore,
  signer: Signer,
  input: CaptureInput,
  opts?: EngineOptions,
): Promise<StoredCapture> {
  const captureId = input.captureId ?? idOf(opts);
  const digests: ArtefactDigest[] = [];
  for (const a of input.artefacts) {
    const bad = artefactNameProblem(a.name);
    if (bad) throw new Error(`invalid capture: ${bad}`);
    const { sha256, size } = await hashBody(a.body);
    if (a.sha256 !== undefined && a.sha256 !== sha256) {
      throw new Error(
        `artefact "${a.name}" changed since it was collected: hash ${a.sha256} expected, ${sha256} found`,
      );
    }
    digests.push({
      name: a.name,
      mediaType: a.mediaType ?? KNOWN_ARTEFACTS[a.name] ?? 'application/octet-stream',
      size,
      sha256,
    });
  }
  const { result } = await commitAudited(store, signer, opts, async () => {
    const info = await store.getCase(input.caseId);
    if (!info) throw new Error(`case ${input.caseId} does not exist`);
    if (info.status !== 'open') throw new Error(`case "${info.title}" is closed: reopen it to capture`);
    const head = await store.lastCapture(input.caseId);
    const body = buildCaptureRecord({
      captureId,
      caseId: input.caseId,
      sequence: head ? head.body.sequence + 1 : 0,
      previousRecordHash: head ? head.hash : null,
      metadata: input.metadata,
      artefacts: digests,
      signerFingerprint: signer.info.fingerprint,
    });
    const sealed: StoredCapture = await seal(body, signer);
    return {
      draft: {
        action: 'capture',
        actor: input.metadata.officer,
        caseId: input.caseId,
        subjectId: captureId,
        details: { recordHash: sealed.hash, sequence: body.sequence, url: body.metadata.finalUrl },
      },
      writes: async (tx) => {
        if ((await tx.lastCapture(input.caseId))?.hash !== head?.hash) throw new ChainConflictError();
        const c = await tx.getCase(input.caseId);
        if (!c || c.status !== 'open') throw new Error(`case ${input.caseId} is not open`);
        for (const a of input.artefacts) {
          const d = digests.find((x) => x.name === a.name)!;
          await tx.addArtefact({ ...d, captureId, body: a.body });
        }
        await tx.addCapture(sealed);
        return sealed;
      },
    };
  });
  return result;
}

/** Adds a signed note to a capture (the capture itself never changes). */
export async function addNote(
  store: EvidenceStore,
  signer: Signer,
  input: { captureId: string; text: string; author: string },
  opts?: EngineOptions,
): Promise<Signed<NoteRecord>> {
  if (!input.text.trim()) throw new Error('a note needs text');
  const noteId = idOf(opts);
  const { result } = await commitAudited(store, signer, opts, async (at) => {
    const capture = await store.getCapture(input.captureId);
    if (!capture) throw new Error(`capture ${input.captureId} does not exist`);
    const note = await seal<NoteRecord>(
      {
        type: 'wildtrace/note',
        version: 1,
        noteId,
        captureId: input.captureId,
        caseId: capture.body.caseId,
        text: input.text,
        author: input.author,
        createdAt: at.toISOString(),
        signerFingerprint: signer.info.fingerprint,
      },
      signer,
    );
    return {
      draft: {
        action: 'note',
        actor: input.author,
        caseId: capture.body.caseId,
        subjectId: noteId,
        details: { captureId: input.captureId, noteHash: note.hash },
      },
      writes: async (tx) => {
        if (!(await tx.getCapture(input.captureId))) throw new Error(`capture ${input.captureId} was deleted`);
        await tx.addNote(note);
        return note;
      },
    };
  });
  return result;
}

/** Adds or removes a tag on a capture, as a signed record. */
export async function addTag(
  store: EvidenceStore,
  signer: Signer,
  input: { captureId: string; tag: string; author: string; action?: 'add' | 'remove' },
  opts?: EngineOptions,
): Promise<Signed<TagRecord>> {
  const tag = input.tag.trim();
  if (!tag) throw new Error('a tag cannot be empty');
  const tagId = idOf(opts);
  const { result } = await commitAudited(store, signer, opts, async (at) => {
    const capture = await store.getCapture(input.captureId);
    if (!capture) throw new Error(`capture ${input.captureId} does not exist`);
    const rec = await seal<TagRecord>(
      {
        type: 'wildtrace/tag',
        version: 1,
        tagId,
        captureId: input.captureId,
        caseId: capture.body.caseId,
        tag,
        action: input.action ?? 'add',
        author: input.author,
        createdAt: at.toISOString(),
        signerFingerprint: signer.info.fingerprint,
      },
      signer,
    );
    return {
      draft: {
        action: 'tag',
        actor: input.author,
        caseId: capture.body.caseId,
        subjectId: tagId,
        details: { captureId: input.captureId, tag, tagAction: rec.body.action, tagHash: rec.hash },
      },
      writes: async (tx) => {
        if (!(await tx.getCapture(input.captureId))) throw new Error(`capture ${input.captureId} was deleted`);
        await tx.addTag(rec);
        return rec;
      },
    };
  });
  return result;
}

/**
 * Sets, changes or clears (label null) the officer's offer label on a capture or one of its
 * listings, as a signed record that names the record it replaces. The capture never changes.
 * Setting the label already in force writes nothing and returns that record.
 */
export async function setLabel(
  store: EvidenceStore,
  signer: Signer,
  input: { captureId: string; subject: LabelSubject; label: OfferLabel | null; author: string },
  opts?: EngineOptions,
): Promise<Signed<LabelRecord>> {
  if (input.label !== null && !isOfferLabel(input.label)) throw new Error(`unknown label "${String(input.label)}"`);
  const key = subjectKey(input.subject);
  const inForce = async (r: { listLabels(id: string): Promise<Signed<LabelRecord>[]> }) =>
    latestLabels(await r.listLabels(input.captureId)).get(key);
  const current = await inForce(store);
  if ((current?.body.label ?? null) === input.label) {
    if (current) return current;
    throw new Error('there is no label to clear');
  }
  const labelId = idOf(opts);
  const { result } = await commitAudited(store, signer, opts, async (at) => {
    const capture = await store.getCapture(input.captureId);
    if (!capture) throw new Error(`capture ${input.captureId} does not exist`);
    const previous = await inForce(store);
    const rec = await seal<LabelRecord>(
      {
        type: 'wildtrace/label',
        version: 1,
        labelId,
        captureId: input.captureId,
        caseId: capture.body.caseId,
        subject: input.subject,
        label: input.label,
        supersedes: previous?.hash ?? null,
        author: input.author,
        createdAt: at.toISOString(),
        signerFingerprint: signer.info.fingerprint,
      },
      signer,
    );
    return {
      draft: {
        action: 'label',
        actor: input.author,
        caseId: capture.body.caseId,
        subjectId: labelId,
        details: { captureId: input.captureId, subject: key, label: input.label, labelHash: rec.hash },
      },
      writes: async (tx) => {
        if (!(await tx.getCapture(input.captureId))) throw new Error(`capture ${input.captureId} was deleted`);
        if ((await inForce(tx))?.hash !== previous?.hash) throw new ChainConflictError();
        await tx.addLabel(rec);
        return rec;
      },
    };
  });
  return result;
}

/** Stores an RFC 3161 token with a capture (validated by the caller, see timestamp.ts). */
export async function attachTimestamp(
  store: EvidenceStore,
  signer: Signer,
  captureId: string,
  ts: TimestampEvidence,
  actor: string,
  opts?: EngineOptions,
): Promise<void> {
  await commitAudited(store, signer, opts, async () => {
    const capture = await store.getCapture(captureId);
    if (!capture) throw new Error(`capture ${captureId} does not exist`);
    if (ts.hash !== capture.hash) throw new Error(`timestamp covers ${ts.hash}, not the record hash ${capture.hash}`);
    return {
      draft: {
        action: 'timestamp',
        actor,
        caseId: capture.body.caseId,
        subjectId: captureId,
        details: { tsaUrl: ts.tsaUrl, genTime: ts.genTime, recordHash: ts.hash },
      },
      writes: async (tx) => tx.setTimestamp(captureId, ts),
    };
  });
}

/**
 * Deletes a case and its evidence, leaving a signed tombstone in the audit log: what was
 * deleted (title, reference, capture count, the chain head hash), by whom and why.
 */
export async function deleteCase(
  store: EvidenceStore,
  signer: Signer,
  caseId: string,
  input: { actor: string; reason: string },
  opts?: EngineOptions,
): Promise<AuditEntry> {
  if (!input.reason.trim()) throw new Error('say why the case is deleted');
  const { audit } = await commitAudited(store, signer, opts, async () => {
    const info = await store.getCase(caseId);
    if (!info) throw new Error(`case ${caseId} does not exist`);
    const head = await store.lastCapture(caseId);
    return {
      draft: {
        action: 'deletion',
        actor: input.actor,
        caseId,
        subjectId: caseId,
        details: {
          what: 'case',
          title: info.title,
          reference: info.reference ?? null,
          reason: input.reason,
          captureCount: head ? head.body.sequence + 1 : 0,
          chainHeadHash: head?.hash ?? null,
        },
      },
      writes: async (tx) => {
        if ((await tx.lastCapture(caseId))?.hash !== head?.hash) throw new ChainConflictError();
        await tx.deleteCase(caseId);
      },
    };
  });
  return audit;
}
