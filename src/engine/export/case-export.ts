/**
 * exportCase: writes a whole case (or selected captures) as one ZIP case file to a sink, as a
 * stream: artefact bytes flow from the store (Blobs) through the hasher and compressor to the
 * sink chunk by chunk, so a case of hundreds of MB is never held in memory, let alone twice.
 * Only small JSON (hits, indicators, records) is kept to build the tables and the report.
 *
 * The same case exported twice gives identical bytes except the export time (manifest
 * `exportedAt`, the report header, every ZIP entry's time, and the lines of SHA256SUMS / the ZIP
 * directory that hash those files): fixed file order, sorted JSON keys, name-based ids.
 */
import { fromUtf8, readChunks, utf8, concatBytes } from '../bytes/bytes';
import { ARTEFACTS, CAPTURE_SIDECARS, CASE_FILES, captureFolder, captureNumber } from '../evidence/case-file-names';
import { canonicalJson, stableJson } from '../evidence/canonical-json';
import type { ExportedAuditEntry } from '../evidence/chain';
import { captureLabel } from '../evidence/chain';
import type { AuditEntry, StoredArtefact } from '../evidence/model';
import { error, type Problem, warning } from '../evidence/problems';
import { sha256Hex } from '../bytes/sha256';
import type { Signer } from '../evidence/signing';
import type { EvidenceReader } from '../evidence/store';
import { buildCaseUco } from './case-uco';
import type { ExportContext, ExportedCapture } from './context';
import {
  type CaseManifest,
  type ManifestCapture,
  type ManifestFile,
  type ManifestSignature,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  MEDIA_TYPES,
  type RebuiltFrom,
  type FileRole,
} from './manifest';
import { reportHtml } from './report-html';
import { type RiskView, riskViewFromText } from './risk-view';
import { buildStixBundle } from './stix';
import { capturesCsv, hitsCsv, indicatorsCsv } from './tables';
import { type ExportSink, ZipStreamWriter } from './zip-writer';
import { removalsCsv } from './removals';
import { sequenceOf } from './context';
import { noticePath, REMOVALS_CSV } from '../removal/paths';
import { noticesOf } from '../removal/records';

export interface ExportProgress {
  phase: 'captures' | 'documents' | 'finishing' | 'done';
  /** Artefact bytes read so far and in total (the bulk of the work). */
  bytesDone: number;
  bytesTotal: number;
  capturesDone: number;
  capturesTotal: number;
}

export interface ExportOptions {
  tool: { name: string; version: string };
  /** The export time written into the manifest and report (default: now). */
  exportedAt?: Date;
  /** Export only these captures (in chain order whatever the order given). */
  captureIds?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  /**
   * Rebuilding from capture bundles (src/engine/rebuild/rebuild.ts): `signer` then only names the
   * key of the records (it signs nothing), and this one-off signer signs the manifest.
   */
  rebuilt?: { signer: Signer; from: Omit<RebuiltFrom, 'publicKey'>; deletionsElsewhere: string[] };
}

export interface ExportResult {
  bytesWritten: number;
  fileCount: number;
  captureCount: number;
  manifestSha256: string;
  /**
   * Integrity problems met while reading the store (an artefact missing or not matching its
   * recorded hash). They are exported as they are, so verification of the file shows them too.
   */
  problems: Problem[];
}

// Already-compressed media are stored; deflating them costs time and gains nothing.
const STORED_TYPES = /^(image\/(png|jpeg|gif|webp|avif)|video\/|audio\/|application\/(zip|gzip|x-7z-compressed|pdf))/;
const MAX_PARSED_JSON = 32 * 1024 * 1024;

/** Suggested file name of a case file: "wildtrace-<case>-<UTC time>.zip". */
export function caseFileName(title: string, exportedAt: Date): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'case';
  return `wildtrace-${slug}-${exportedAt.toISOString().replace(/[-:.]/g, '').slice(0, 15)}Z.zip`;
}

/** Exports a case as a ZIP case file into `sink`. See docs/export-format.md. */
export async function exportCase(
  store: EvidenceReader,
  signer: Signer,
  caseId: string,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportResult> {
  const info = await store.getCase(caseId);
  if (!info) throw new Error(`case ${caseId} does not exist`);
  const all = await store.listCaptures(caseId);
  let selected = all;
  if (options.captureIds) {
    const wanted = new Set(options.captureIds);
    selected = all.filter((c) => wanted.has(c.body.captureId));
    const missing = [...wanted].filter((id) => !all.some((c) => c.body.captureId === id));
    if (missing.length) throw new Error(`captures not in case "${info.title}": ${missing.join(', ')}`);
    if (selected.length === 0) throw new Error('no capture selected');
  }
  const exportedDate = options.exportedAt ?? new Date();
  const exportedAt = exportedDate.toISOString();
  const artefactsOf = new Map<string, StoredArtefact[]>();
  let bytesTotal = 0;
  for (const c of selected) {
    const list = await store.listArtefacts(c.body.captureId);
    artefactsOf.set(c.body.captureId, list);
    for (const a of list) bytesTotal += a.size;
  }
  const progress: ExportProgress = {
    phase: 'captures',
    bytesDone: 0,
    bytesTotal,
    capturesDone: 0,
    capturesTotal: selected.length,
  };
  const report = () => options.onProgress?.({ ...progress });
  // Every entry is dated with the export time (in UTC: DOS times carry no zone).
  const zip = new ZipStreamWriter(sink, options.signal, exportedDate);
  const files: ManifestFile[] = [];
  const problems: Problem[] = [];

  const add = async (
    path: string,
    role: FileRole,
    mediaType: string,
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    onBytes?: (n: number) => void,
  ) => {
    const w = await zip.addFile(path, source, !STORED_TYPES.test(mediaType), onBytes);
    files.push({ path, sha256: w.sha256, size: w.size, mediaType, role });
    return w;
  };
  const addText = (path: string, role: FileRole, mediaType: string, text: string | string[]) =>
    add(path, role, mediaType, (Array.isArray(text) ? text : [text]).map(utf8));

  try {
    report();
    const exported: ExportedCapture[] = [];
    for (const c of selected) {
      const where = captureLabel(c);
      const folder = captureFolder(c.body.sequence, c.body.captureId);
      const stored = new Map((artefactsOf.get(c.body.captureId) ?? []).map((a) => [a.name, a]));
      const parsed: Record<string, unknown[]> = { [ARTEFACTS.hits]: [], [ARTEFACTS.indicators]: [] };
      let risk: RiskView = { state: 'absent' };
      for (const d of c.body.artefacts) {
        const a = stored.get(d.name);
        const path = `${folder}/${d.name}`;
        if (!a) {
          const message = 'artefact is missing from the store; the case file will lack it';
          problems.push(error('artefact-missing', `${where} ${d.name}`, message));
          continue;
        }
        const isRisk = d.name === ARTEFACTS.risk;
        const keep = (d.name in parsed || isRisk) && a.size <= MAX_PARSED_JSON;
        const kept: Uint8Array[] = [];
        const source = keep ? tee(readChunks(a.body), kept) : readChunks(a.body);
        const w = await add(path, 'artefact', d.mediaType, source, (n) => {
          progress.bytesDone += n;
          report();
        });
        if (w.sha256 !== d.sha256 || w.size !== d.size) {
          const message = 'stored bytes do not match the signed record';
          problems.push(error('artefact-hash-mismatch', `${where} ${d.name}`, message, d.sha256, w.sha256));
        }
        if (keep && isRisk) risk = riskViewFromText(fromUtf8(concatBytes(kept)));
        else if (keep) parsed[d.name] = parseJsonArray(kept, `${where} ${d.name}`, problems);
        else if (isRisk) risk = { state: 'unreadable', reason: `larger than ${MAX_PARSED_JSON} bytes` };
        if (isRisk && risk.state === 'unreadable') {
          // Not an integrity problem (the bytes match their hash): the file is exported as it is.
          const message = `${risk.reason}; the report and ${CASE_FILES.capturesCsv} show no score for this capture`;
          problems.push(warning('risk-unreadable', `${where} ${d.name}`, message));
        }
      }
      const entry: ManifestCapture = {
        captureId: c.body.captureId,
        sequence: c.body.sequence,
        number: captureNumber(c.body.sequence),
        folder,
        record: c.body,
        recordHash: c.hash,
        previousRecordHash: c.body.previousRecordHash,
        signature: c.signature,
        ...(c.timestamp ? { timestamp: c.timestamp } : {}),
        artefacts: c.body.artefacts.map((d) => ({ ...d, path: `${folder}/${d.name}` })),
        notes: await store.listNotes(c.body.captureId),
        tags: await store.listTags(c.body.captureId),
      };
      // Only labelled captures carry labels, so a case nobody labelled exports as it always did.
      const labels = await store.listLabels(c.body.captureId);
      if (labels.length) entry.labels = labels;
      const sidecar = stableJson(sidecarOf(entry));
      await addText(`${folder}/${CAPTURE_SIDECARS.metadata}`, 'capture-metadata', 'application/json', sidecar);
      const notes = stableJson({ notes: entry.notes, tags: entry.tags });
      await addText(`${folder}/${CAPTURE_SIDECARS.notes}`, 'capture-notes', 'application/json', notes);
      if (entry.labels) {
        const labelsJson = stableJson({ labels: entry.labels });
        await addText(`${folder}/${CAPTURE_SIDECARS.labels}`, 'capture-labels', 'application/json', labelsJson);
      }
      exported.push({ entry, hits: parsed[ARTEFACTS.hits], indicators: parsed[ARTEFACTS.indicators], risk });
      progress.capturesDone++;
      report();
    }

    progress.phase = 'documents';
    report();
    const fullAudit = await store.listAudit();
    const audit = exportedAuditLog(fullAudit, caseId);
    // A rebuilt log's entries of other cases are already redacted: the bundles' manifests say which.
    const deletions = options.rebuilt?.deletionsElsewhere ?? deletionsElsewhere(fullAudit, caseId);
    const auditLines = audit.map((e) => `${canonicalJson(e)}\n`);
    await addText(CASE_FILES.audit, 'audit-log', MEDIA_TYPES[CASE_FILES.audit], auditLines);
    const ctx: ExportContext = {
      case: info,
      exportedAt,
      tool: options.tool,
      publicKey: signer.info,
      captures: exported,
      audit,
      deletionsElsewhere: deletions,
    };
    await addText(CASE_FILES.capturesCsv, 'table', MEDIA_TYPES[CASE_FILES.capturesCsv], capturesCsv(ctx));
    await addText(CASE_FILES.hitsCsv, 'table', MEDIA_TYPES[CASE_FILES.hitsCsv], hitsCsv(ctx));
    await addText(CASE_FILES.indicatorsCsv, 'table', MEDIA_TYPES[CASE_FILES.indicatorsCsv], indicatorsCsv(ctx));
    // Removal requests (when the case has any): each notice as sent, and what became of the listings.
    const notices = noticesOf(audit, caseId);
    for (const [i, n] of notices.entries()) await addText(noticePath(n, i), 'removal-notice', 'text/plain', n.text);
    if (notices.length) await addText(REMOVALS_CSV, 'table', 'text/csv', removalsCsv(audit, caseId, sequenceOf(ctx)));
    await addText(CASE_FILES.caseUco, 'case-uco', MEDIA_TYPES[CASE_FILES.caseUco], stableJson(await buildCaseUco(ctx)));
    await addText(CASE_FILES.stix, 'stix', MEDIA_TYPES[CASE_FILES.stix], stableJson(await buildStixBundle(ctx)));
    await addText(CASE_FILES.report, 'report', MEDIA_TYPES[CASE_FILES.report], reportHtml(ctx));

    progress.phase = 'finishing';
    report();
    const head = all.at(-1);
    const manifest: CaseManifest = {
      format: MANIFEST_FORMAT,
      formatVersion: MANIFEST_VERSION,
      exportedAt,
      tool: options.tool,
      lexiconVersions: [...new Set(selected.map((c) => c.body.metadata.lexiconVersion))].sort(),
      case: info,
      officer: info.officer,
      agency: info.agency,
      selection: selected.length === all.length ? 'full' : 'partial',
      chain: { length: head ? head.body.sequence + 1 : 0, headHash: head?.hash ?? null },
      publicKey: signer.info,
      captures: exported.map((e) => e.entry),
      auditLog: {
        path: CASE_FILES.audit,
        entries: audit.length,
        redactedEntries: audit.filter((e) => 'redacted' in e).length,
        headHash: audit.at(-1)?.hash ?? null,
        deletionsElsewhere: deletions,
      },
      files: [...files],
      ...(options.rebuilt ? { rebuilt: { ...options.rebuilt.from, publicKey: options.rebuilt.signer.info } } : {}),
    };
    const manifestSigner = options.rebuilt?.signer ?? signer;
    const manifestText = stableJson(manifest);
    const manifestSha = await sha256Hex(manifestText);
    await addText(CASE_FILES.manifest, 'report', 'application/json', manifestText);
    const sig: ManifestSignature = {
      path: CASE_FILES.manifest,
      sha256: manifestSha,
      algorithm: 'ECDSA-P256-SHA256',
      publicKeyFingerprint: manifestSigner.info.fingerprint,
      signature: await manifestSigner.sign(manifestSha),
    };
    await addText(CASE_FILES.manifestSignature, 'report', 'application/json', stableJson(sig));
    const sums = files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
    await zip.addFile(CASE_FILES.sums, [utf8(sums)], true);
    const bytesWritten = await zip.finish();
    progress.phase = 'done';
    report();
    return {
      bytesWritten,
      fileCount: files.length + 1,
      captureCount: selected.length,
      manifestSha256: manifestSha,
      problems,
    };
  } catch (e) {
    await zip.abort(e).catch(() => undefined);
    throw e;
  }
}

/** The metadata.json sidecar of a capture: the signed record with its hash, signature, token. */
export function sidecarOf(e: ManifestCapture): object {
  return {
    captureId: e.captureId,
    sequence: e.sequence,
    record: e.record,
    recordHash: e.recordHash,
    signature: e.signature,
    // Format version 2 on: the capture's number (#1 first); version 1 sidecars have none.
    ...(e.number !== undefined ? { number: e.number } : {}),
    ...(e.timestamp ? { timestamp: e.timestamp } : {}),
  };
}

/**
 * The audit log as exported for one case: entries about this case and install-wide entries in
 * full; entries about other cases reduced to hash and signature, so the chain still verifies
 * without disclosing other investigations. That includes the tombstones of deleted cases: their
 * title, reference, reason and officer belong to another investigation. A deletion is still never
 * silent: the manifest lists the tombstones' hashes (`deletionsElsewhere`), the report and the
 * verifier count them, and whoever holds the install's full audit log can match a hash to its entry.
 */
export function exportedAuditLog(entries: readonly ExportedAuditEntry[], caseId: string): ExportedAuditEntry[] {
  // Entries already redacted (a log read back from a case file, when rebuilding) stay so.
  return entries.map((e) =>
    'redacted' in e
      ? e
      : e.body.caseId === undefined || e.body.caseId === caseId
        ? e
        : { redacted: true, hash: e.hash, signature: e.signature },
  );
}

/** The hashes of the audit entries that record the deletion of another case, in log order. */
export function deletionsElsewhere(entries: readonly AuditEntry[], caseId: string): string[] {
  return entries.filter((e) => e.body.action === 'deletion' && e.body.caseId !== caseId).map((e) => e.hash);
}

async function* tee(source: AsyncIterable<Uint8Array>, keep: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    keep.push(chunk.slice());
    yield chunk;
  }
}

function parseJsonArray(chunks: Uint8Array[], where: string, problems: Problem[]): unknown[] {
  try {
    const value: unknown = JSON.parse(fromUtf8(concatBytes(chunks)));
    if (Array.isArray(value)) return value;
    problems.push(error('artefact-not-list', where, 'expected a JSON array; left out of the tables and report'));
  } catch (e) {
    const message = `not valid JSON (${(e as Error).message}); left out of the tables and report`;
    problems.push(error('artefact-bad-json', where, message));
  }
  return [];
}
