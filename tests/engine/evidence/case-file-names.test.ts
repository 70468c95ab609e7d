/**
 * The names of a case file's files and folders are its format (docs/export-format.md). The code
 * and the other tests use the constants; this is where the names are written out, so renaming a
 * constant fails here, and each name must be one the document gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ARTEFACTS,
  CAPTURE_SIDECARS,
  CASE_FILE_FORMAT_VERSION,
  CASE_FILES,
  RESERVED_NAMES,
  SUPPORTED_FORMAT_VERSIONS,
  captureFolder,
  captureNumber,
} from '../../../src/engine/evidence/case-file-names';

const FORMAT_DOC = readFileSync(new URL('../../../docs/export-format.md', import.meta.url), 'utf8');

describe('case-file names', () => {
  it('are the names of the format', () => {
    expect(ARTEFACTS).toEqual({
      screenshot: 'screenshot.png',
      screenshotAnnotated: 'screenshot-annotated.png',
      screenshotFull: 'screenshot-full.png',
      mhtml: 'page.mhtml',
      archiveHtml: 'page-archive.html',
      html: 'page.html',
      text: 'text.txt',
      hits: 'hits.json',
      indicators: 'indicators.json',
      risk: 'risk.json',
    });
    expect(CAPTURE_SIDECARS).toEqual({ metadata: 'metadata.json', notes: 'notes.json', labels: 'labels.json' });
    expect([...RESERVED_NAMES]).toEqual(['metadata.json', 'notes.json', 'labels.json', 'tags.json']);
    expect(CASE_FILES).toEqual({
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
    });
  });

  it('numbers captures from 1, as the officer sees them (#1 is chain sequence 0)', () => {
    expect(captureNumber(0)).toBe(1);
    expect(captureNumber(41)).toBe(42);
  });

  it('names a capture folder by its 3-digit number and the first 8 letters and digits of its id (version 2)', () => {
    expect(CASE_FILE_FORMAT_VERSION).toBe(2);
    expect(captureFolder(0, '1A2B-3C4D-5E6F')).toBe('captures/001-1a2b3c4d');
    expect(captureFolder(6, '1A2B-3C4D-5E6F')).toBe('captures/007-1a2b3c4d');
    expect(captureFolder(999, 'abc')).toBe('captures/1000-abc');
    expect(captureFolder(12345, '--')).toBe('captures/12346-capture');
    expect(captureFolder(0, 'x', 2)).toBe(captureFolder(0, 'x'));
  });

  it('still knows the folders of version 1 files: the 4-digit 0-based sequence', () => {
    expect(SUPPORTED_FORMAT_VERSIONS).toEqual([1, 2]);
    expect(captureFolder(7, '1A2B-3C4D-5E6F', 1)).toBe('captures/0007-1a2b3c4d');
    expect(captureFolder(12345, '--', 1)).toBe('captures/12345-capture');
  });

  it('each name is in docs/export-format.md', () => {
    // The optional full-page image is the one artefact the document's layout does not list.
    const artefacts = Object.values(ARTEFACTS).filter((n) => n !== ARTEFACTS.screenshotFull);
    const names = [
      ...artefacts,
      ...RESERVED_NAMES,
      ...Object.values(CASE_FILES),
      'captures/001-1a2b3c4d/',
      'captures/0000-1a2b3c4d/',
    ];
    for (const name of names) expect(FORMAT_DOC, name).toContain(name);
  });
});
