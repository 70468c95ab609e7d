/**
 * Rebuilds case files from capture bundles. Where the browser keeps no evidence after it closes
 * (Tor Browser), each capture was saved at once as a bundle: a case file holding that capture
 * alone (src/background/evidence/capture-bundle.ts). After the browser is gone, so is the key
 * that signed them; the rebuild gathers the bundles of each case, checks each one in full, and
 * writes one case file per case in which every capture, note, tag and audit entry keeps its
 * original signature. Only the new manifest is signed, with a one-off key named in it
 * (`rebuilt`), and the verifier holds such a file to the signed audit log: every capture the log
 * records must be in the file.
 */
import { sha256Hex } from '../bytes/sha256';
import { concatBytes, fromUtf8 } from '../bytes/bytes';
import { CASE_FILES } from '../evidence/case-file-names';
import type { ExportedAuditEntry } from '../evidence/chain';
import type { AuditEntry, CaseInfo, StoredArtefact, StoredCapture } from '../evidence/model';
import { generateSigningKey, signerFor, type PublicKeyInfo, type Signer } from '../evidence/signing';
import type { EvidenceReader } from '../evidence/store';
import { verifyCaseFile } from '../verify/verify-case';
import { bytesSource, openZip, readEntry, type ZipEntry } from '../verify/zip-reader';
import { exportCase, type ExportResult } from '../export/case-export';
import type { CaseManifest, ManifestCapture } from '../export/manifest';
import type { ExportSink } from '../export/zip-writer';

/** One bundle file as read from disk. */
export interface BundleFile {
  /** Its name relative to the folder given (recorded in the rebuilt manifest). */
  file: string;
  bytes: Uint8Array;
}

/** The bundles of one case, checked and merged. */
export interface BundleGroup {
  info: CaseInfo;
  publicKey: PublicKeyInfo;
  captures: Map<number, { capture: StoredCapture; manifest: ManifestCapture; artefacts: StoredArtefact[] }>;
  /** The longest audit log among the bundles (each later bundle's log extends the earlier ones). */
  audit: ExportedAuditEntry[];
  /** The deletions of other cases that log holds, as its bundle's manifest lists them. */
  deletionsElsewhere: string[];
  bundles: { file: string; sha256: string }[];
  /** Capture numbers (from 1) missing between the first and the last bundle. */
  missing: number[];
}

export interface BundleReading {
  groups: BundleGroup[];
  /** Bundles left out, and why. */
  refused: { file: string; reason: string }[];
}

async function entryBytes(bytes: Uint8Array, entry: ZipEntry): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of readEntry(bytesSource(bytes), entry)) chunks.push(c);
  return concatBytes(chunks);
}

/** Reads, verifies and groups capture bundles by case. A bundle that does not verify is refused. */
export async function readBundles(files: readonly BundleFile[]): Promise<BundleReading> {
  const groups = new Map<string, BundleGroup>();
  const refused: BundleReading['refused'] = [];
  for (const { file, bytes } of files) {
    const report = await verifyCaseFile(bytesSource(bytes));
    if (!report.ok) {
      const first = report.problems.find((p) => p.severity === 'error');
      refused.push({ file, reason: `does not verify: ${first ? `${first.where}: ${first.message}` : 'unknown'}` });
      continue;
    }
    const entries = new Map((await openZip(bytesSource(bytes))).map((e) => [e.name, e]));
    const text = async (name: string) => fromUtf8(await entryBytes(bytes, entries.get(name)!));
    const m = JSON.parse(await text(CASE_FILES.manifest)) as CaseManifest;
    if (m.rebuilt) {
      refused.push({ file, reason: 'is a rebuilt case file, not a capture bundle' });
      continue;
    }
    let group = groups.get(m.case.caseId);
    if (group && group.publicKey.fingerprint !== m.publicKey.fingerprint) {
      refused.push({ file, reason: 'is signed with another key than the other bundles of its case' });
      continue;
    }
    group ??= {
      info: m.case,
      publicKey: m.publicKey,
      captures: new Map(),
      audit: [],
      deletionsElsewhere: [],
      bundles: [],
      missing: [],
    };
    groups.set(m.case.caseId, group);
    group.bundles.push({ file, sha256: await sha256Hex(bytes) });
    for (const c of m.captures) {
      if (group.captures.has(c.sequence)) continue; // the same capture in two bundles: one suffices
      const artefacts: StoredArtefact[] = [];
      for (const a of c.artefacts) {
        const body = await entryBytes(bytes, entries.get(a.path)!);
        artefacts.push({
          captureId: c.captureId,
          name: a.name,
          mediaType: a.mediaType,
          size: a.size,
          sha256: a.sha256,
          body,
        });
      }
      const capture: StoredCapture = {
        body: c.record,
        hash: c.recordHash,
        signature: c.signature,
        ...(c.timestamp ? { timestamp: c.timestamp } : {}),
      };
      group.captures.set(c.sequence, {
        capture,
        manifest: c,
        artefacts: artefacts.sort((x, y) => (x.name < y.name ? -1 : 1)),
      });
    }
    const auditText = await text(m.auditLog.path);
    const audit = auditText
      .split('\n')
      .filter((l) => l)
      .map((l) => JSON.parse(l) as ExportedAuditEntry);
    if (audit.length > group.audit.length) {
      group.audit = audit;
      group.deletionsElsewhere = m.auditLog.deletionsElsewhere ?? [];
      group.info = m.case; // the latest bundle knows the latest title
    }
  }
  for (const g of groups.values()) {
    const last = Math.max(...g.captures.keys());
    for (let s = 0; s <= last; s++) if (!g.captures.has(s)) g.missing.push(s + 1);
  }
  return { groups: [...groups.values()], refused };
}

/** The merged bundles of a case as an EvidenceReader, for the exporter. */
function groupReader(g: BundleGroup): EvidenceReader {
  const ordered = [...g.captures.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  const byId = new Map(ordered.map((v) => [v.capture.body.captureId, v]));
  // The exporter passes entries already redacted through as they are (exportedAuditLog).
  const audit = g.audit as AuditEntry[];
  return {
    getSigningKey: async () => undefined,
    getCase: async (caseId) => (caseId === g.info.caseId ? g.info : undefined),
    listCases: async () => [g.info],
    getCapture: async (id) => byId.get(id)?.capture,
    listCaptures: async (caseId) => (caseId === g.info.caseId ? ordered.map((v) => v.capture) : []),
    lastCapture: async (caseId) => (caseId === g.info.caseId ? ordered.at(-1)?.capture : undefined),
    listArtefacts: async (id) => byId.get(id)?.artefacts ?? [],
    listNotes: async (id) => byId.get(id)?.manifest.notes ?? [],
    listTags: async (id) => byId.get(id)?.manifest.tags ?? [],
    listLabels: async (id) => byId.get(id)?.manifest.labels ?? [],
    listAudit: async () => audit,
    lastAudit: async () => audit.at(-1),
  };
}

/**
 * Writes the case file of a group of bundles. Refuses a group with missing captures: the file
 * would not verify, and the officer must first find the missing bundles.
 */
export async function writeRebuiltCase(
  g: BundleGroup,
  sink: ExportSink,
  tool: { name: string; version: string },
  exportedAt = new Date(),
): Promise<ExportResult> {
  if (g.missing.length) throw new Error(`captures ${g.missing.map((n) => `#${n}`).join(', ')} have no bundle`);
  const oneOff: Signer = signerFor(await generateSigningKey(exportedAt, 'rebuild'));
  const recordsKey: Signer = {
    info: g.publicKey,
    sign: async () => {
      throw new Error('the bundles were signed by a key that is gone: nothing is signed with it');
    },
  };
  return exportCase(groupReader(g), recordsKey, g.info.caseId, sink, {
    tool,
    exportedAt,
    rebuilt: { signer: oneOff, from: { tool, bundles: g.bundles }, deletionsElsewhere: g.deletionsElsewhere },
  });
}
