/** Building capture records: validation of metadata and artefacts, and the pure record builder. */
import type { CaptureMetadata, CaptureRecord } from './model';
import { isSha256Hex } from '../bytes/sha256';
import { ARTEFACTS, RESERVED_NAMES } from './case-file-names';

/**
 * Media types of the artefacts a capture usually has (others are allowed). Not risk.json: its
 * writer gives its media type.
 */
export const KNOWN_ARTEFACTS: Readonly<Record<string, string>> = {
  [ARTEFACTS.screenshot]: 'image/png',
  [ARTEFACTS.screenshotAnnotated]: 'image/png',
  [ARTEFACTS.screenshotFull]: 'image/png',
  [ARTEFACTS.mhtml]: 'multipart/related',
  [ARTEFACTS.archiveHtml]: 'text/html',
  [ARTEFACTS.html]: 'text/html',
  [ARTEFACTS.text]: 'text/plain',
  [ARTEFACTS.hits]: 'application/json',
  [ARTEFACTS.indicators]: 'application/json',
};

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;
// IANA names ("Europe/Paris", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+5"): letters,
// digits and _ + - in up to four parts. Shown in the report, so nothing else is let in.
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+-]{0,40}(\/[A-Za-z0-9_+-]{1,40}){0,3}$/;

/** Problems with an artefact file name (empty when it is fine). */
export function artefactNameProblem(name: string): string | undefined {
  if (!SAFE_NAME.test(name) || name.includes('..')) {
    return `artefact name "${name}" must be lower-case letters, digits, ".", "_", "-"`;
  }
  if (RESERVED_NAMES.has(name)) return `artefact name "${name}" is reserved for the export`;
  return undefined;
}

/**
 * Checks capture metadata, returning every problem as text (empty when valid). Strings are
 * required (possibly empty where the browser cannot know, e.g. requestedUrl), times are exact.
 */
export function validateMetadata(m: CaptureMetadata): string[] {
  const out: string[] = [];
  if (typeof m !== 'object' || m === null) return ['metadata is not an object'];
  const strings: (keyof CaptureMetadata)[] = [
    'requestedUrl',
    'finalUrl',
    'title',
    'capturedAt',
    'localOffset',
    'clockSource',
    'browser',
    'os',
    'extensionVersion',
    'lexiconVersion',
    'officer',
    'agency',
    'caseId',
    'caseTitle',
  ];
  for (const k of strings) if (typeof m[k] !== 'string') out.push(`metadata.${k} must be a string`);
  if (typeof m.capturedAt === 'string' && (!ISO_MS.test(m.capturedAt) || Number.isNaN(Date.parse(m.capturedAt)))) {
    out.push(`metadata.capturedAt "${m.capturedAt}" must be UTC ISO 8601 with milliseconds (YYYY-MM-DDTHH:mm:ss.sssZ)`);
  }
  if (typeof m.localOffset === 'string' && !OFFSET.test(m.localOffset)) {
    out.push(`metadata.localOffset "${m.localOffset}" must look like +01:00`);
  }
  if (m.timeZone !== undefined && (typeof m.timeZone !== 'string' || !TIME_ZONE.test(m.timeZone))) {
    out.push(`metadata.timeZone ${JSON.stringify(m.timeZone)} must be an IANA time zone name such as Europe/Paris`);
  }
  if (typeof m.finalUrl === 'string' && m.finalUrl === '') out.push('metadata.finalUrl is empty');
  if (m.onlineIdentity !== undefined && typeof m.onlineIdentity !== 'string') {
    out.push('metadata.onlineIdentity must be a string');
  }
  const v = m.viewport;
  if (!v || typeof v !== 'object') out.push('metadata.viewport is missing');
  else {
    for (const k of ['width', 'height', 'devicePixelRatio'] as const) {
      if (typeof v[k] !== 'number' || !Number.isFinite(v[k]) || v[k] <= 0) {
        out.push(`metadata.viewport.${k} must be a positive number`);
      }
    }
  }
  return out;
}

/**
 * The IANA time zone of the machine ("Europe/Paris"), or undefined when the runtime cannot tell
 * (the capture then records the offset alone).
 */
export function localTimeZone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return typeof zone === 'string' && TIME_ZONE.test(zone) ? zone : undefined;
  } catch {
    return undefined;
  }
}

/** The UTC offset of a date in the local time zone, "+01:00" (what capture metadata records). */
export function localOffsetOf(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** What buildCaptureRecord needs: the record without its fixed type and version. */
export type CaptureRecordInput = Omit<CaptureRecord, 'type' | 'version'>;

/**
 * Builds the record body of a capture (pure: no I/O, no clock). Validates everything and
 * throws one error listing all problems, so a bad capture is refused before anything is stored.
 */
export function buildCaptureRecord(input: CaptureRecordInput): CaptureRecord {
  const problems = validateMetadata(input.metadata);
  if (input.metadata?.caseId !== input.caseId) {
    problems.push('metadata.caseId differs from the case the capture is stored in');
  }
  if (!Number.isInteger(input.sequence) || input.sequence < 0) problems.push('sequence must be an integer ≥ 0');
  if (input.sequence === 0 ? input.previousRecordHash !== null : !isSha256Hex(input.previousRecordHash)) {
    problems.push('previousRecordHash must be null for the first record and a SHA-256 hex otherwise');
  }
  if (!isSha256Hex(input.signerFingerprint)) problems.push('signerFingerprint must be a SHA-256 hex');
  if (!input.captureId) problems.push('captureId is empty');
  if (input.artefacts.length === 0) problems.push('a capture needs at least one artefact');
  const seen = new Set<string>();
  for (const a of input.artefacts) {
    const bad = artefactNameProblem(a.name);
    if (bad) problems.push(bad);
    if (seen.has(a.name)) problems.push(`artefact "${a.name}" appears twice`);
    seen.add(a.name);
    if (!isSha256Hex(a.sha256)) problems.push(`artefact "${a.name}" has no valid SHA-256`);
    if (!Number.isSafeInteger(a.size) || a.size < 0) problems.push(`artefact "${a.name}" has an invalid size`);
    if (typeof a.mediaType !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(a.mediaType)) {
      problems.push(`artefact "${a.name}" has an invalid media type`);
    }
  }
  if (problems.length) throw new Error(`invalid capture: ${problems.join('; ')}`);
  const artefacts = input.artefacts
    .map((a) => ({ name: a.name, mediaType: a.mediaType, size: a.size, sha256: a.sha256 }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    type: 'wildtrace/capture-record',
    version: 1,
    captureId: input.captureId,
    caseId: input.caseId,
    sequence: input.sequence,
    previousRecordHash: input.previousRecordHash,
    metadata: structuredClone(input.metadata),
    artefacts,
    signerFingerprint: input.signerFingerprint,
  };
}
