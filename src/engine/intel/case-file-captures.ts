/**
 * Reads the captures of a case file that the verifier has accepted, one at a time, as the facts
 * the intelligence report counts (capture-facts.ts). Only manifest.json, manifest-signature.json
 * and each capture's hits.json and indicators.json are read. Each is hashed again and compared
 * with what the verified manifest (and its signature file) says, so bytes changed on disk after
 * verification are refused rather than counted.
 */
import { concatBytes, fromUtf8 } from '../bytes/bytes';
import { Sha256 } from '../bytes/sha256';
import { ARTEFACTS, CASE_FILES } from '../evidence/case-file-names';
import type { CaseInfo } from '../evidence/model';
import type { CaseManifest, ManifestSignature } from '../export/manifest';
import { openZip, type RandomAccessSource, readEntry, type ZipEntry } from '../verify/zip-reader';
import { captureFacts, type CaptureFacts } from './capture-facts';

/** hits.json and indicators.json larger than this are not parsed (the verifier's limit for JSON it reads). */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export class CaseFileChanged extends Error {
  constructor(path: string) {
    super(`${path} differs from the verified manifest: the file changed after verification`);
    this.name = 'CaseFileChanged';
  }
}

async function readText(source: RandomAccessSource, entry: ZipEntry): Promise<{ text: string; sha256: string }> {
  if (entry.size > MAX_JSON_BYTES) throw new Error(`${entry.name} is larger than ${MAX_JSON_BYTES} bytes`);
  const h = new Sha256();
  const parts: Uint8Array[] = [];
  for await (const chunk of readEntry(source, entry)) {
    h.update(chunk);
    parts.push(chunk);
  }
  return { text: fromUtf8(concatBytes(parts)), sha256: h.hex() };
}

function jsonArray(text: string): unknown[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

/** One capture as read: the facts the report counts, and its stored hits and indicators (for flat tables). */
export interface CaptureData {
  facts: CaptureFacts;
  hits: unknown[];
  indicators: unknown[];
}

/** A verified case file opened for reading: its case and its captures. */
export interface OpenedCaseFile {
  case: CaseInfo;
  captureCount: number;
  captures(): AsyncGenerator<CaptureData>;
}

/**
 * Opens a case file already verified (verifyCaseFile said ok). `fingerprint` is the key the
 * verifier checked: the manifest read now must carry it.
 */
export async function openVerifiedCaseFile(source: RandomAccessSource, fingerprint: string): Promise<OpenedCaseFile> {
  const entries = new Map((await openZip(source)).map((e) => [e.name, e]));
  const entry = (path: string) => {
    const e = entries.get(path);
    if (!e) throw new CaseFileChanged(path);
    return e;
  };
  const manifestFile = await readText(source, entry(CASE_FILES.manifest));
  const signature = JSON.parse((await readText(source, entry(CASE_FILES.manifestSignature))).text) as ManifestSignature;
  if (signature.sha256 !== manifestFile.sha256) throw new CaseFileChanged(CASE_FILES.manifest);
  const manifest = JSON.parse(manifestFile.text) as CaseManifest;
  if (manifest.publicKey?.fingerprint !== fingerprint) throw new CaseFileChanged(CASE_FILES.manifest);

  async function artefact(c: CaseManifest['captures'][number], name: string): Promise<unknown[]> {
    const a = c.artefacts.find((x) => x.name === name);
    if (!a) return [];
    const { text, sha256 } = await readText(source, entry(a.path));
    if (sha256 !== a.sha256) throw new CaseFileChanged(a.path);
    return jsonArray(text);
  }

  return {
    case: manifest.case,
    captureCount: manifest.captures.length,
    async *captures() {
      for (const c of manifest.captures) {
        const hits = await artefact(c, ARTEFACTS.hits);
        const indicators = await artefact(c, ARTEFACTS.indicators);
        const record = { captureId: c.captureId, sequence: c.sequence, metadata: c.record.metadata };
        yield { facts: captureFacts(manifest.case, record, hits, indicators), hits, indicators };
      }
    },
  };
}
