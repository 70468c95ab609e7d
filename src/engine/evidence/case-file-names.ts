/**
 * The names of the files and folders of a case file (docs/export-format.md), each written once:
 * the capture pipeline stores artefacts under them, the export lays the archive out with them, and
 * the export and the verifier find files by them. They are the format: a case file already handed
 * over is read by these names, so none may change (tests/engine/evidence/case-file-names.test.ts
 * pins each one) without a new format version that the verifier reads beside the old ones, as
 * version 2 did for the capture folders. Here in the evidence layer because captures, export and
 * verifier all build on it.
 */

/** Artefacts of a capture: stored when captured, hashed into its signed record, exported as they are. */
export const ARTEFACTS = {
  /** The visible viewport as captured. */
  screenshot: 'screenshot.png',
  /** A copy of the screenshot with boxes around the hits (the original stays untouched). */
  screenshotAnnotated: 'screenshot-annotated.png',
  /** The whole page, when a full-page capture was asked for. */
  screenshotFull: 'screenshot-full.png',
  /** The page archive (Chromium pageCapture), when the browser has it. */
  mhtml: 'page.mhtml',
  /** The self-contained HTML page archive (styles and images inlined), in every browser. */
  archiveHtml: 'page-archive.html',
  /** The serialised DOM. */
  html: 'page.html',
  /** The visible text. */
  text: 'text.txt',
  hits: 'hits.json',
  indicators: 'indicators.json',
  /** The sale-offer risk at capture time (format "wildtrace/risk"). */
  risk: 'risk.json',
} as const;

/** Files the export writes into each capture folder beside the artefacts. */
export const CAPTURE_SIDECARS = {
  /** The signed capture record with its hash, signature and timestamp token. */
  metadata: 'metadata.json',
  /** The capture's signed notes and tags. */
  notes: 'notes.json',
  /** The officer's signed offer labels of the capture and its listings (format version 2 on, when labelled). */
  labels: 'labels.json',
} as const;

/** Names no artefact may take: the sidecars, and tags.json, which the format keeps for the export. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  CAPTURE_SIDECARS.metadata,
  CAPTURE_SIDECARS.notes,
  CAPTURE_SIDECARS.labels,
  'tags.json',
]);

/** Files at the top of the archive, beside the captures folder. */
export const CASE_FILES = {
  manifest: 'manifest.json',
  manifestSignature: 'manifest-signature.json',
  sums: 'SHA256SUMS',
  audit: 'audit-log.jsonl',
  report: 'report.html',
  capturesCsv: 'captures.csv',
  hitsCsv: 'hits.csv',
  indicatorsCsv: 'indicators.csv',
  caseUco: 'case.jsonld',
  stix: 'stix-bundle.json',
} as const;

/**
 * The version of the case-file format this build writes (manifest `formatVersion`). Version 2
 * numbers captures from 1 everywhere, folders included; version 1 named folders by the 0-based
 * chain sequence. The verifier reads every version in SUPPORTED_FORMAT_VERSIONS: a case file
 * handed over years ago must still verify.
 */
export const CASE_FILE_FORMAT_VERSION = 2;
export const SUPPORTED_FORMAT_VERSIONS: readonly number[] = [1, 2];

/**
 * The number of a capture as the officer, the report, the tables and the folders show it: #1 for
 * the first capture of a case. The signed record keeps the 0-based chain `sequence`.
 */
export function captureNumber(sequence: number): number {
  return sequence + 1;
}

/**
 * Folder of a capture, then the first 8 letters and digits of its id:
 * version 2 (current): "captures/007-1a2b3c4d", the capture number (#7) in at least 3 digits;
 * version 1: "captures/0006-1a2b3c4d", the 0-based chain sequence in 4 digits.
 */
export function captureFolder(sequence: number, captureId: string, formatVersion = CASE_FILE_FORMAT_VERSION): string {
  const id =
    captureId
      .replace(/[^a-zA-Z0-9]/g, '')
      .slice(0, 8)
      .toLowerCase() || 'capture';
  const n = formatVersion === 1 ? String(sequence).padStart(4, '0') : String(captureNumber(sequence)).padStart(3, '0');
  return `captures/${n}-${id}`;
}
