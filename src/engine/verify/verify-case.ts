/**
 * verifyCaseFile: checks a Wildtrace case file (ZIP) independently of the extension.
 *
 * Every format version in SUPPORTED_FORMAT_VERSIONS is read: version 1 (capture folders by the
 * 0-based chain sequence, "captures/0000-…") and version 2 (by the capture number, "captures/001-…").
 *
 * 1. The archive is opened defensively (zip-reader.ts): unsafe or malformed archives are refused.
 * 2. Every entry is decompressed as a stream (CRC, declared size) and its SHA-256 recomputed.
 * 3. manifest.json: its signature (manifest-signature.json) with the public key it carries, and
 *    that key against the fingerprint the user expects or the agency's known keys (KeyCheck).
 * 4. Files: missing, extra or renamed files; every hash and size against the manifest and
 *    against SHA256SUMS (and SHA256SUMS must list every file).
 * 5. Captures: record hashes recomputed from the records, signatures, the chain (order,
 *    links, gaps, the chain head), artefacts against the signed record, sidecars, notes, tags,
 *    the officer's labels (and the chain of changes between them), and RFC 3161 tokens (over
 *    the record hash, signed by the TSA certificate in the token).
 * 6. The audit log: hashes, signatures, links, an audit entry for every capture and every label,
 *    and every label the log records for an exported capture present in the file.
 * Every finding names the file or record and gives expected and found values.
 */
import { fromBase64, fromUtf8, concatBytes } from '../bytes/bytes';
import { CAPTURE_SIDECARS, CASE_FILES, captureFolder, captureNumber } from '../evidence/case-file-names';
import { canonicalJson } from '../evidence/canonical-json';
import {
  captureLabel,
  type ExportedAuditEntry,
  isRedacted,
  verifyAuditChain,
  verifyCaptureChain,
} from '../evidence/chain';
import type { StoredCapture } from '../evidence/model';
import { clockWarnings } from '../evidence/clock';
import { error, type Problem, warning } from '../evidence/problems';
import { isOfferLabel, subjectKey } from '../evidence/labels';
import { checkSealed } from '../evidence/seal';
import { Sha256 } from '../bytes/sha256';
import { importPublicKey, type PublicKeyInfo, verifyHashSignature } from '../evidence/signing';
import { verifyTimestampToken } from '../evidence/timestamp';
import type { CaseManifest, ManifestSignature } from '../export/manifest';
import { sidecarOf } from '../export/case-export';
import { auditLineIssues, isObj, manifestShapeIssues } from './shape';
import { verifyRemovals } from '../removal/verify-removals';
import type { KnownKey } from './known-keys';
import {
  DEFAULT_LIMITS,
  openZip,
  type RandomAccessSource,
  readEntry,
  ZipEntryError,
  type ZipLimits,
  ZipRefusal,
} from './zip-reader';

export interface VerifyOptions {
  limits?: Partial<ZipLimits>;
  /** The signing-key fingerprint the case file must carry (obtained out of band). */
  expectedFingerprint?: string;
  /** An agency's known keys (known-keys.ts): the key that signed the file must be one of them. */
  knownKeys?: readonly KnownKey[];
  /** SHA-256 fingerprints of TSA certificates to trust; when set, other TSAs are errors. */
  trustedTsaCertificates?: readonly string[];
  onProgress?: (entriesDone: number, entriesTotal: number) => void;
  signal?: AbortSignal;
}

/**
 * Whose key signed the case file, and what it was checked against. A case file can be re-signed
 * wholesale with another key and still hold together, so "intact" says only "intact as signed"
 * until the key is checked: against the fingerprint the officer gives (expected / unexpected) or
 * an agency's known keys (known / not-known); with neither, it is unchecked.
 */
export interface KeyCheck {
  fingerprint: string;
  status: 'expected' | 'unexpected' | 'known' | 'not-known' | 'unchecked';
  /** The key's holder, from the known keys. */
  name?: string;
}

export interface VerificationReport {
  /** True when there is no error-level problem. */
  ok: boolean;
  /** The signing key and how it was checked; absent when the manifest could not be read. */
  key?: KeyCheck;
  /** Set when the archive was refused as a whole (unsafe or malformed). */
  refused?: { code: string; message: string };
  problems: Problem[];
  summary: {
    caseId?: string;
    caseTitle?: string;
    /** The case file's format version (manifest `formatVersion`). */
    formatVersion?: number;
    exportedAt?: string;
    selection?: string;
    captures: number;
    files: number;
    publicKeyFingerprint?: string;
    /**
     * Set for a file `wildtrace rebuild` put together from capture bundles: the fingerprint of the
     * one-off key that signs its manifest (the records keep the key of `publicKeyFingerprint`).
     */
    rebuiltWithKey?: string;
    timestamps: { total: number; valid: number; tsaCertificates: string[] };
    auditEntries: number;
    /** Audit entries recording the deletion of another case (details withheld in newer files). */
    deletionsElsewhere: number;
  };
}

// Small JSON files the verifier parses (others are only hashed).
const MAX_JSON = 64 * 1024 * 1024;
const isParsed = (name: string) =>
  name === CASE_FILES.manifest ||
  name === CASE_FILES.manifestSignature ||
  name === CASE_FILES.sums ||
  name === CASE_FILES.audit ||
  name.endsWith(`/${CAPTURE_SIDECARS.metadata}`) ||
  name.endsWith(`/${CAPTURE_SIDECARS.notes}`) ||
  name.endsWith(`/${CAPTURE_SIDECARS.labels}`);

/** Verifies a case file. Never throws for bad input: everything wrong is in the report. */
export async function verifyCaseFile(
  source: RandomAccessSource,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const report: VerificationReport = {
    ok: false,
    problems: [],
    summary: {
      captures: 0,
      files: 0,
      timestamps: { total: 0, valid: 0, tsaCertificates: [] },
      auditEntries: 0,
      deletionsElsewhere: 0,
    },
  };
  try {
    await verifyInto(source, options, report);
  } catch (e) {
    if (e instanceof ZipRefusal) {
      report.refused = { code: e.code, message: e.message };
      report.problems.push(error(`refused-${e.code}`, 'archive', `archive refused: ${e.message}`));
    } else if ((e as Error)?.name === 'AbortError') {
      throw e;
    } else {
      const message = `verification stopped: ${(e as Error)?.message ?? String(e)}`;
      report.problems.push(error('verifier-error', 'archive', message));
    }
  }
  report.ok = !report.problems.some((p) => p.severity === 'error');
  return report;
}

interface Actual {
  sha256: string;
  size: number;
  text?: string;
}

async function verifyInto(
  source: RandomAccessSource,
  options: VerifyOptions,
  report: VerificationReport,
): Promise<void> {
  const problems = report.problems;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const entries = await openZip(source, limits);
  const actual = new Map<string, Actual>();
  let total = 0;
  for (const [i, e] of entries.entries()) {
    if (options.signal?.aborted) throw Object.assign(new Error('verification cancelled'), { name: 'AbortError' });
    if (e.isDirectory) continue;
    const h = new Sha256();
    const keep = isParsed(e.name) && e.size <= MAX_JSON;
    const kept: Uint8Array[] = [];
    try {
      for await (const chunk of readEntry(source, e)) {
        h.update(chunk);
        total += chunk.length;
        if (total > limits.maxTotalBytes) {
          throw new ZipRefusal('total-too-large', `archive expands beyond ${limits.maxTotalBytes} bytes`);
        }
        if (keep) kept.push(chunk);
      }
    } catch (err) {
      if (err instanceof ZipEntryError) {
        problems.push(error('file-damaged', e.name, `file is damaged: ${err.message}`));
        continue;
      }
      throw err;
    }
    const a: Actual = { sha256: h.hex(), size: e.size };
    if (keep) {
      try {
        a.text = fromUtf8(concatBytes(kept));
      } catch {
        problems.push(error('not-utf8', e.name, 'file is not valid UTF-8'));
      }
    }
    actual.set(e.name, a);
    options.onProgress?.(i + 1, entries.length);
  }
  report.summary.files = actual.size;

  // ---- manifest and its signature ----
  const manifestFile = actual.get(CASE_FILES.manifest);
  if (!manifestFile) {
    const message = 'the case file has no manifest: nothing can be checked against it';
    problems.push(error('manifest-missing', CASE_FILES.manifest, message));
    checkSums(actual, undefined, problems);
    return;
  }
  const manifestJson = parseJson(manifestFile, CASE_FILES.manifest, problems);
  const shape = manifestShapeIssues(manifestJson);
  if (shape.length) {
    for (const s of shape.slice(0, 50)) problems.push(error('manifest-malformed', CASE_FILES.manifest, s));
    checkSums(actual, undefined, problems);
    return;
  }
  const m = manifestJson as CaseManifest;
  Object.assign(report.summary, {
    caseId: m.case.caseId,
    caseTitle: typeof m.case.title === 'string' ? m.case.title : undefined,
    formatVersion: m.formatVersion,
    exportedAt: m.exportedAt,
    selection: m.selection,
    captures: m.captures.length,
    publicKeyFingerprint: m.publicKey.fingerprint,
    ...(m.rebuilt !== undefined ? { rebuiltWithKey: String(m.rebuilt?.publicKey?.fingerprint) } : {}),
  });
  const keyWhere = `${CASE_FILES.manifest} publicKey`;
  let publicKey: CryptoKey | undefined;
  try {
    publicKey = await importPublicKey(m.publicKey as PublicKeyInfo);
  } catch (e) {
    problems.push(error('public-key-invalid', keyWhere, `public key unusable: ${(e as Error).message}`));
  }
  report.key = checkKey(m.publicKey.fingerprint, options, problems, keyWhere);
  await checkManifestSignature(actual, manifestFile, m, await manifestKey(m, publicKey, problems), problems);

  // ---- files: manifest vs archive vs SHA256SUMS ----
  checkFiles(actual, m, problems);
  checkSums(actual, m, problems);

  if (!publicKey) return;
  // ---- captures ----
  const fp = m.publicKey.fingerprint;
  const caseId = m.case.caseId;
  const sealed: StoredCapture[] = m.captures.map((c) => ({
    body: c.record,
    hash: c.recordHash,
    signature: c.signature,
  }));
  const partial = m.selection === 'partial';
  problems.push(...(await verifyCaptureChain(sealed, publicKey, { caseId, fingerprint: fp, partial })));
  const last = m.captures.at(-1);
  const where = CASE_FILES.manifest;
  if (m.selection === 'full') {
    if (m.captures.length !== m.chain.length) {
      const message = 'number of captures differs from the chain length';
      problems.push(error('chain-length', where, message, m.chain.length, m.captures.length));
    }
    if ((last?.recordHash ?? null) !== m.chain.headHash) {
      const message = 'last capture is not the head of the chain (captures dropped at the end?)';
      problems.push(error('chain-head', where, message, m.chain.headHash, last?.recordHash ?? null));
    }
  } else if (last && last.sequence === m.chain.length - 1 && last.recordHash !== m.chain.headHash) {
    const message = 'last capture is not the head of the chain';
    problems.push(error('chain-head', where, message, m.chain.headHash, last.recordHash));
  }
  for (const c of m.captures) await checkCapture(c, m, actual, publicKey, options, report);

  // ---- audit log, and the capture clock against it ----
  const audit = await checkAudit(actual, m, publicKey, report);
  problems.push(...clockWarnings(sealed, audit));
  problems.push(
    ...(await verifyRemovals({
      audit,
      caseId,
      partial,
      captures: new Map(m.captures.map((c) => [c.captureId, c.recordHash])),
      fileSha256: (path) => actual.get(path)?.sha256,
    })),
  );
}

function checkKey(fingerprint: string, options: VerifyOptions, problems: Problem[], where: string): KeyCheck {
  const known = options.knownKeys?.find((k) => k.fingerprint === fingerprint);
  const named = known?.name ? { name: known.name } : {};
  const expected = options.expectedFingerprint;
  if (expected) {
    if (expected.replace(/[\s:]/g, '').toLowerCase() === fingerprint) {
      return { fingerprint, status: 'expected', ...named };
    }
    const message = 'the case file is signed with another key than expected';
    problems.push(error('public-key-unexpected', where, message, expected, fingerprint));
    return { fingerprint, status: 'unexpected', ...named };
  }
  if (options.knownKeys) {
    if (known) return { fingerprint, status: 'known', ...named };
    const message = 'the case file is signed with a key that is not among the known keys';
    const among = `one of ${options.knownKeys.length} known keys`;
    problems.push(error('public-key-not-known', where, message, among, fingerprint));
    return { fingerprint, status: 'not-known' };
  }
  return { fingerprint, status: 'unchecked' };
}

function parseJson(file: Actual, where: string, problems: Problem[]): unknown {
  if (file.text === undefined) {
    problems.push(error('json-unreadable', where, 'file could not be read as text'));
    return undefined;
  }
  try {
    return JSON.parse(file.text);
  } catch (e) {
    problems.push(error('json-malformed', where, `not valid JSON: ${(e as Error).message}`));
    return undefined;
  }
}

/**
 * The key the manifest signature must verify with: the case's key, or for a rebuilt file the
 * rebuild's one-off key (only the manifest; every record is still checked with the case's key).
 */
async function manifestKey(
  m: CaseManifest,
  caseKey: CryptoKey | undefined,
  problems: Problem[],
): Promise<{ key: CryptoKey | undefined; fingerprint: string }> {
  if (m.rebuilt === undefined) return { key: caseKey, fingerprint: m.publicKey.fingerprint };
  const where = `${CASE_FILES.manifest} rebuilt.publicKey`;
  const message =
    "rebuilt from capture bundles: captures, notes, tags and audit log carry the case key's signatures; " +
    'the manifest, report and tables were made by the rebuild and are signed only by its one-off key';
  problems.push(warning('rebuilt', CASE_FILES.manifest, message));
  const info = isObj(m.rebuilt) && isObj(m.rebuilt.publicKey) ? m.rebuilt.publicKey : undefined;
  try {
    if (!info) throw new Error('missing');
    return { key: await importPublicKey(info), fingerprint: info.fingerprint };
  } catch (e) {
    problems.push(error('public-key-invalid', where, `rebuild key unusable: ${(e as Error).message}`));
    return { key: undefined, fingerprint: String(info?.fingerprint) };
  }
}

async function checkManifestSignature(
  actual: Map<string, Actual>,
  manifestFile: Actual,
  m: CaseManifest,
  { key, fingerprint }: { key: CryptoKey | undefined; fingerprint: string },
  problems: Problem[],
) {
  const where = CASE_FILES.manifestSignature;
  const file = actual.get(where);
  if (!file) {
    const message = 'manifest signature is missing: the manifest cannot be authenticated';
    problems.push(error('manifest-signature-missing', where, message));
    return;
  }
  const sig = parseJson(file, where, problems) as ManifestSignature | undefined;
  if (!isObj(sig) || typeof sig.signature !== 'string' || typeof sig.sha256 !== 'string') {
    const message = 'manifest signature has no sha256/signature';
    if (sig !== undefined) problems.push(error('manifest-signature-malformed', where, message));
    return;
  }
  if (sig.sha256 !== manifestFile.sha256) {
    const message = `signed manifest hash differs from ${CASE_FILES.manifest}`;
    problems.push(error('manifest-signature-hash', where, message, sig.sha256, manifestFile.sha256));
  }
  if (sig.publicKeyFingerprint !== fingerprint) {
    const message = 'signature names another key than the manifest';
    problems.push(error('manifest-signature-key', where, message, fingerprint, sig.publicKeyFingerprint));
  }
  if (key && !(await verifyHashSignature(key, manifestFile.sha256, sig.signature))) {
    const message = 'manifest signature does not verify with the public key in the manifest';
    problems.push(error('manifest-signature-invalid', where, message));
  }
}

const FIXED = new Set<string>([CASE_FILES.manifest, CASE_FILES.manifestSignature, CASE_FILES.sums]);

function checkFiles(actual: Map<string, Actual>, m: CaseManifest, problems: Problem[]) {
  const listed = new Map<string, { sha256: string; size: number }>();
  for (const f of m.files) {
    if (listed.has(f.path)) {
      problems.push(error('manifest-duplicate-file', CASE_FILES.manifest, `file ${f.path} listed twice`));
    }
    listed.set(f.path, f);
  }
  const missing = [...listed.keys()].filter((p) => !actual.has(p));
  const extra = [...actual.keys()].filter((p) => !listed.has(p) && !FIXED.has(p));
  for (const p of missing) {
    const want = listed.get(p)!;
    const renamed = extra.find((x) => actual.get(x)!.sha256 === want.sha256);
    if (renamed) {
      problems.push(error('file-renamed', p, `file is missing; its content appears as ${renamed}`, p, renamed));
    } else problems.push(error('file-missing', p, 'file listed in the manifest is missing from the archive'));
  }
  for (const p of extra) problems.push(error('file-unlisted', p, 'file in the archive is not listed in the manifest'));
  for (const [path, f] of listed) {
    const a = actual.get(path);
    if (!a) continue;
    if (a.sha256 !== f.sha256) {
      problems.push(error('file-hash-mismatch', path, 'SHA-256 differs from the manifest', f.sha256, a.sha256));
    }
    if (a.size !== f.size) {
      problems.push(error('file-size-mismatch', path, 'size differs from the manifest', f.size, a.size));
    }
  }
}

function checkSums(actual: Map<string, Actual>, m: CaseManifest | undefined, problems: Problem[]) {
  const file = actual.get(CASE_FILES.sums);
  if (!file || file.text === undefined) {
    problems.push(error('sums-missing', CASE_FILES.sums, `${CASE_FILES.sums} is missing or unreadable`));
    return;
  }
  const seen = new Set<string>();
  const lines = file.text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const where = `${CASE_FILES.sums} line ${i + 1}`;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) {
      problems.push(error('sums-malformed', where, 'line is not "<sha256>  <path>"', undefined, line));
      return;
    }
    const [, hash, path] = match;
    if (seen.has(path)) problems.push(error('sums-duplicate', where, `${path} listed twice`));
    seen.add(path);
    const a = actual.get(path);
    if (!a) problems.push(error('sums-file-missing', where, `${path} is listed but not in the archive`));
    else if (a.sha256 !== hash) {
      problems.push(error('sums-hash-mismatch', path, `SHA-256 differs from ${CASE_FILES.sums}`, hash, a.sha256));
    }
  });
  for (const p of actual.keys()) {
    if (p !== CASE_FILES.sums && !seen.has(p)) {
      problems.push(error('sums-file-unlisted', p, `file is not listed in ${CASE_FILES.sums}`));
    }
  }
  void m;
}

async function checkCapture(
  c: CaseManifest['captures'][number],
  m: CaseManifest,
  actual: Map<string, Actual>,
  key: CryptoKey,
  options: VerifyOptions,
  report: VerificationReport,
) {
  const problems = report.problems;
  const where = captureLabel({ body: c });
  const r = c.record;
  if (r.captureId !== c.captureId || r.sequence !== c.sequence || r.previousRecordHash !== c.previousRecordHash) {
    problems.push(
      error(
        'capture-entry-mismatch',
        where,
        'manifest entry (id, sequence, previous hash) differs from its signed record',
        `${r.captureId} #${r.sequence} prev ${r.previousRecordHash}`,
        `${c.captureId} #${c.sequence} prev ${c.previousRecordHash}`,
      ),
    );
  }
  // Folder names follow the format version the file declares (and signs, in the manifest).
  const folder = captureFolder(c.sequence, c.captureId, m.formatVersion);
  if (c.folder !== folder) {
    problems.push(error('capture-folder', where, 'folder name does not follow the capture', folder, c.folder));
  }
  if (c.number !== undefined && c.number !== captureNumber(c.sequence)) {
    const message = 'capture number is not its chain sequence + 1';
    problems.push(error('capture-number', where, message, captureNumber(c.sequence), c.number));
  }
  // Artefacts: the manifest's list must be the signed record's list, and the files must match it.
  const signed = new Map((Array.isArray(r.artefacts) ? r.artefacts : []).map((a) => [a.name, a]));
  for (const a of c.artefacts) {
    const s = signed.get(a.name);
    if (!s) {
      problems.push(error('artefact-unsigned', `${where} ${a.name}`, 'artefact is not in the signed record'));
      continue;
    }
    signed.delete(a.name);
    const inFolder = `${c.folder}/${a.name}`;
    if (a.path !== inFolder) {
      const message = 'artefact path is not in the capture folder';
      problems.push(error('artefact-path', `${where} ${a.name}`, message, inFolder, a.path));
    }
    if (a.sha256 !== s.sha256 || a.size !== s.size || a.mediaType !== s.mediaType) {
      problems.push(
        error(
          'artefact-record-mismatch',
          `${where} ${a.name}`,
          'manifest entry differs from the signed record',
          `${s.sha256} ${s.size} ${s.mediaType}`,
          `${a.sha256} ${a.size} ${a.mediaType}`,
        ),
      );
    }
    const file = actual.get(a.path);
    if (file && (file.sha256 !== s.sha256 || file.size !== s.size)) {
      const message = 'file differs from the hash fixed in the signed capture record';
      problems.push(error('artefact-hash-mismatch', a.path, message, s.sha256, file.sha256));
    }
  }
  for (const name of signed.keys()) {
    const message = 'artefact of the signed record is not in the case file';
    problems.push(error('artefact-missing', `${where} ${name}`, message));
  }
  // Sidecars must say what the manifest says.
  checkSidecar(actual, `${c.folder}/${CAPTURE_SIDECARS.metadata}`, sidecarOf(c), problems);
  checkSidecar(actual, `${c.folder}/${CAPTURE_SIDECARS.notes}`, { notes: c.notes, tags: c.tags }, problems);
  for (const n of c.notes) {
    const w = `${where} note ${String(n.body?.noteId)}`;
    problems.push(...(await checkSealed(n, key, w)));
    if (n.body?.captureId !== c.captureId || n.body?.caseId !== m.case.caseId) {
      const message = 'note belongs to another capture or case';
      problems.push(error('note-misplaced', w, message, c.captureId, n.body?.captureId));
    }
  }
  for (const t of c.tags) {
    const w = `${where} tag ${String(t.body?.tagId)}`;
    problems.push(...(await checkSealed(t, key, w)));
    if (t.body?.captureId !== c.captureId || t.body?.caseId !== m.case.caseId) {
      const message = 'tag belongs to another capture or case';
      problems.push(error('tag-misplaced', w, message, c.captureId, t.body?.captureId));
    }
  }
  await checkLabels(c, m, actual, key, problems);
  if (c.timestamp) {
    report.summary.timestamps.total++;
    const w = `${where} timestamp`;
    if (c.timestamp.hash !== c.recordHash) {
      const message = 'token is declared over another hash than the record';
      problems.push(error('timestamp-hash', w, message, c.recordHash, c.timestamp.hash));
    }
    let token: Uint8Array | undefined;
    try {
      token = fromBase64(c.timestamp.token);
    } catch {
      problems.push(error('timestamp-malformed', w, 'token is not base64'));
    }
    if (token) {
      const trust = { trustedCertSha256: options.trustedTsaCertificates };
      const check = await verifyTimestampToken(token, c.recordHash, trust);
      for (const e of check.errors) problems.push(error('timestamp-invalid', w, e));
      if (check.ok) {
        report.summary.timestamps.valid++;
        const cert = check.tsaCertificate!;
        const label = `${cert.subject} (SHA-256 ${cert.sha256})`;
        const known = report.summary.timestamps.tsaCertificates;
        if (!known.includes(label)) known.push(label);
        if (check.genTime !== new Date(c.timestamp.genTime).toISOString()) {
          const message = 'genTime in the manifest differs from the token';
          problems.push(error('timestamp-gentime', w, message, check.genTime, c.timestamp.genTime));
        }
        const captured = Date.parse(r.metadata?.capturedAt ?? '');
        if (Number.isFinite(captured) && Date.parse(check.genTime!) < captured - 5 * 60_000) {
          const message =
            'the TSA time is more than 5 minutes before the recorded capture time (collector clock ahead?)';
          problems.push(warning('timestamp-before-capture', w, message, r.metadata.capturedAt, check.genTime));
        }
      }
    }
  }
}

/**
 * The officer's labels of a capture: each sealed by the case's key, about this capture, with a
 * known label, and replacing only a label of the same subject that is in the file; labels.json
 * says exactly what the manifest says. Case files made before labels existed have neither.
 */
async function checkLabels(
  c: CaseManifest['captures'][number],
  m: CaseManifest,
  actual: Map<string, Actual>,
  key: CryptoKey,
  problems: Problem[],
) {
  const where = captureLabel({ body: c });
  const path = `${c.folder}/${CAPTURE_SIDECARS.labels}`;
  if (c.labels === undefined) {
    if (actual.has(path)) problems.push(error('labels-unexpected', path, 'labels file of a capture without labels'));
    return;
  }
  if (!m.files.some((f) => f.path === path)) {
    problems.push(error('labels-file-unlisted', path, 'the capture has labels but its labels file is not listed'));
  }
  checkSidecar(actual, path, { labels: c.labels }, problems);
  const seen = new Map<string, string>();
  for (const l of c.labels) {
    const w = `${where} label ${String(l.body?.labelId)}`;
    problems.push(...(await checkSealed(l, key, w)));
    const b = l.body;
    if (b?.captureId !== c.captureId || b?.caseId !== m.case.caseId) {
      const message = 'label belongs to another capture or case';
      problems.push(error('label-misplaced', w, message, c.captureId, b?.captureId));
    }
    if (b?.signerFingerprint !== m.publicKey.fingerprint) {
      problems.push(
        error('label-signer', w, 'label names another signing key', m.publicKey.fingerprint, b?.signerFingerprint),
      );
    }
    if (b?.type !== 'wildtrace/label' || (b.label !== null && !isOfferLabel(b.label))) {
      problems.push(error('label-malformed', w, 'not an offer label record', 'offer, not-offer or null', b?.label));
      continue;
    }
    const subject = isObj(b.subject) ? subjectKey(b.subject) : 'unknown';
    if (b.supersedes !== null && seen.get(b.supersedes) !== subject) {
      const message = 'label replaces a label of this subject that is not in the case file (records dropped?)';
      problems.push(error('label-chain', w, message, b.supersedes, null));
    }
    seen.set(l.hash, subject);
  }
}

/** Each label has its audit entry, and each label the log records for an exported capture is in the file. */
function checkLabelAudit(entries: ExportedAuditEntry[], m: CaseManifest, problems: Problem[]) {
  const logged = new Map<string, string>();
  for (const e of entries) {
    if (isRedacted(e) || e.body.action !== 'label' || e.body.caseId !== m.case.caseId) continue;
    const { labelHash, captureId } = e.body.details ?? {};
    if (typeof labelHash === 'string' && typeof captureId === 'string') logged.set(labelHash, captureId);
  }
  const exported = new Set(m.captures.map((c) => c.captureId));
  const inFile = new Set<string>();
  for (const c of m.captures) {
    for (const l of c.labels ?? []) {
      inFile.add(l.hash);
      if (logged.has(l.hash)) continue;
      const where = `${captureLabel({ body: c })} label ${String(l.body?.labelId)}`;
      problems.push(error('audit-label-missing', where, 'no audit entry records this label', l.hash));
    }
  }
  for (const [hash, captureId] of logged) {
    if (!exported.has(captureId) || inFile.has(hash)) continue;
    const message = 'the audit log records a label of this capture that the case file lacks';
    problems.push(error('label-missing', `capture ${captureId}`, message, hash));
  }
}

function checkSidecar(actual: Map<string, Actual>, path: string, expected: unknown, problems: Problem[]) {
  const file = actual.get(path);
  if (!file) return; // reported as missing by checkFiles
  const value = parseJson(file, path, problems);
  if (value === undefined) return;
  try {
    if (canonicalJson(value) !== canonicalJson(expected)) {
      problems.push(error('sidecar-mismatch', path, 'content differs from the manifest entry of the capture'));
    }
  } catch (e) {
    problems.push(error('sidecar-mismatch', path, `content cannot be compared: ${(e as Error).message}`));
  }
}

/** Checks the audit log; returns its entries (none when it cannot be read). */
async function checkAudit(
  actual: Map<string, Actual>,
  m: CaseManifest,
  key: CryptoKey,
  report: VerificationReport,
): Promise<ExportedAuditEntry[]> {
  const problems = report.problems;
  const path = m.auditLog.path;
  const file = actual.get(path);
  if (!file || file.text === undefined) return []; // missing file already reported
  const lines = file.text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries: ExportedAuditEntry[] = [];
  for (const [i, line] of lines.entries()) {
    const where = `${path} line ${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      problems.push(error('audit-malformed', where, `not valid JSON: ${(e as Error).message}`));
      return [];
    }
    const issues = auditLineIssues(v, where);
    if (issues.length) {
      for (const s of issues) problems.push(error('audit-malformed', where, s));
      return [];
    }
    entries.push(v as ExportedAuditEntry);
  }
  report.summary.auditEntries = entries.length;
  if (entries.length !== m.auditLog.entries) {
    const message = 'number of entries differs from the manifest';
    problems.push(error('audit-length', path, message, m.auditLog.entries, entries.length));
  }
  const head = entries.at(-1)?.hash ?? null;
  if (head !== (m.auditLog.headHash ?? null)) {
    problems.push(error('audit-head', path, 'last entry differs from the manifest', m.auditLog.headHash, head));
  }
  problems.push(...(await verifyAuditChain(entries, key, m.publicKey.fingerprint, path)));
  const logged = new Set<string>();
  const redacted = new Set<string>();
  let fullTombstones = 0;
  for (const e of entries) {
    if (isRedacted(e)) {
      redacted.add(e.hash);
      continue;
    }
    const b = e.body;
    if (b.action === 'capture' && b.caseId === m.case.caseId && typeof b.details?.recordHash === 'string') {
      logged.add(b.details.recordHash);
    }
    // Files written before deletions were redacted carry other cases' tombstones in full.
    if (b.caseId !== undefined && b.caseId !== m.case.caseId) {
      if (b.action === 'deletion') fullTombstones++;
      else problems.push(error('audit-foreign', `${path} seq ${b.sequence}`, 'entry of another case exported in full'));
    }
  }
  const deletions = m.auditLog.deletionsElsewhere ?? [];
  for (const hash of deletions) {
    if (redacted.has(hash)) continue;
    const message = 'the manifest lists a deletion that is not a withheld entry of the audit log';
    problems.push(error('audit-deletion-missing', path, message, hash));
  }
  report.summary.deletionsElsewhere = fullTombstones + deletions.length;
  // A rebuilt manifest is not signed by the case's key: the signed audit log then says which
  // captures the case had, and each must be in the file.
  if (m.rebuilt !== undefined) {
    const held = new Set(m.captures.map((c) => c.recordHash));
    for (const hash of logged) {
      if (held.has(hash)) continue;
      const message = 'the audit log records a capture this rebuilt file does not hold';
      problems.push(error('rebuilt-capture-missing', path, message, hash, null));
    }
  }
  for (const c of m.captures) {
    if (logged.has(c.recordHash)) continue;
    const where = captureLabel({ body: c });
    problems.push(error('audit-capture-missing', where, 'no audit entry records this capture', c.recordHash));
  }
  checkLabelAudit(entries, m, problems);
  return entries;
}
