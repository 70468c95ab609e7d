/**
 * A case file already handed over must verify with every later verifier. tests/fixtures/case-files
 * holds files exported by earlier builds (see its README): v1.zip, format version 1, with capture
 * folders named by the 0-based chain sequence ("captures/0000-…"). Version 2 numbers captures from
 * 1 ("captures/001-…") and records each capture's number; the verifier reads both, each by its rules.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import verifyCommand from '../../../src/cli/verify-command';
import { CASE_FILES } from '../../../src/engine/evidence/case-file-names';
import type { CaseManifest } from '../../../src/engine/export/manifest';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase, type SampleCase } from '../../support/evidence-fixture';
import { deleteCase } from '../../../src/engine/evidence/operations';
import { canonicalJson } from '../../../src/engine/evidence/canonical-json';
import { sha256Hex } from '../../../src/engine/bytes/sha256';
import type { AuditEntry } from '../../../src/engine/evidence/model';
import { exportToBytes, resignedZip, text, unzip } from '../../support/export-helpers';

const V1_PATH = fileURLToPath(new URL('../../fixtures/case-files/v1.zip', import.meta.url));
const V1_FINGERPRINT = '61e9352904f86ed7b719d745b44fe39ba44a581dc7d4844c3f7fab656f10eeb4';
const v1 = new Uint8Array(readFileSync(V1_PATH));

describe('a version-1 case file exported by an earlier build', () => {
  it('still verifies, signed by the key the README names', async () => {
    const r = await verifyCaseFile(bytesSource(v1), { expectedFingerprint: V1_FINGERPRINT });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.summary).toMatchObject({
      formatVersion: 1,
      captures: 3,
      files: 37,
      auditEntries: 11,
      selection: 'full',
      publicKeyFingerprint: V1_FINGERPRINT,
    });
    const m = JSON.parse(text(unzip(v1)[CASE_FILES.manifest])) as CaseManifest;
    expect(m.captures.map((c) => c.folder.slice(0, 13))).toEqual(['captures/0000', 'captures/0001', 'captures/0002']);
    expect(m.captures.every((c) => c.number === undefined)).toBe(true);
  });

  it('is still found tampered when a byte changes', async () => {
    const bytes = v1.slice();
    // Inside the first screenshot's 200 bytes, just after its name in the local header.
    const at = Buffer.from(bytes).indexOf('screenshot.png') + 100;
    bytes[at] ^= 0xff;
    const r = await verifyCaseFile(bytesSource(bytes));
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toContain('file-damaged');
  });

  it('is reported by the CLI as intact, format version 1 from an earlier release', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    try {
      expect(await verifyCommand.run([V1_PATH, '--expect-fingerprint', V1_FINGERPRINT])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(out).toContain('Format:    version 1, written by an earlier release');
    expect(out.at(-1)).toBe(
      `RESULT: INTACT - every check passed, signed by the expected key ${V1_FINGERPRINT.match(/.{4}/g)!.join(' ')}`,
    );
  });
});

describe('format version 2 is checked by its own rules', () => {
  let sc: SampleCase;
  let files: Record<string, Uint8Array>;

  beforeAll(async () => {
    sc = await buildSampleCase({ captures: 3, annotate: true });
    files = unzip((await exportToBytes(sc)).zip);
  });

  const withManifest = (edit: (m: CaseManifest) => void) => resignedZip(files, sc.signer, edit);

  const codes = async (zip: Uint8Array) => (await verifyCaseFile(bytesSource(zip))).problems.map((p) => p.code);

  it('the unedited file verifies', async () => {
    expect(await codes(await withManifest(() => undefined))).toEqual([]);
  });

  it('a capture number that is not its sequence + 1 is an error', async () => {
    const zip = await withManifest((m) => {
      m.captures[1].number = 7;
    });
    const r = await verifyCaseFile(bytesSource(zip));
    expect(r.problems.map((p) => [p.code, p.where.split(' (')[0], p.expected, p.found])).toContainEqual([
      'capture-number',
      'capture #2',
      '2',
      '7',
    ]);
  });

  it('a version-2 manifest without capture numbers is malformed', async () => {
    const zip = await withManifest((m) => {
      delete m.captures[0].number;
    });
    expect(await codes(zip)).toContain('manifest-malformed');
  });

  it('folders are checked against the version the manifest declares', async () => {
    // Declared version 1 with version-2 folders: every folder is wrong for version 1.
    const zip = await withManifest((m) => {
      m.formatVersion = 1;
    });
    expect((await codes(zip)).filter((c) => c === 'capture-folder')).toHaveLength(3);
  });

  it('an unknown version is refused with the versions it knows', async () => {
    const r = await verifyCaseFile(
      bytesSource(
        await withManifest((m) => {
          m.formatVersion = 3;
        }),
      ),
    );
    expect(r.problems.map((p) => p.message)).toContain('manifest.formatVersion 3 is not supported (1, 2)');
  });
});

describe('deletions of other cases', () => {
  let sc: SampleCase;
  let files: Record<string, Uint8Array>;
  let tombstone: AuditEntry;

  beforeAll(async () => {
    sc = await buildSampleCase({ captures: 1, otherCase: true });
    const other = (await sc.store.listCases()).find((c) => c.caseId !== sc.info.caseId)!;
    tombstone = await deleteCase(sc.store, sc.signer, other.caseId, { actor: 'Jane Doe', reason: 'wrong seller' });
    files = unzip((await exportToBytes(sc)).zip);
  });

  const report = async (zip: Uint8Array) => verifyCaseFile(bytesSource(zip));

  it('a listed deletion that is no withheld entry of the log is an error', async () => {
    const zip = await resignedZip(files, sc.signer, (m) => {
      m.auditLog.deletionsElsewhere = ['ab'.repeat(32)];
    });
    expect((await report(zip)).problems).toEqual([
      expect.objectContaining({ code: 'audit-deletion-missing', expected: 'ab'.repeat(32) }),
    ]);
  });

  it('a list of deletions that is not of hashes makes the manifest malformed', async () => {
    const zip = await resignedZip(files, sc.signer, (m) => {
      (m.auditLog as { deletionsElsewhere: unknown }).deletionsElsewhere = ['title of a case'];
    });
    expect((await report(zip)).problems.map((p) => p.code)).toContain('manifest-malformed');
  });

  it('files written before deletions were withheld, with the tombstone in full, still verify', async () => {
    const zip = await resignedZip(files, sc.signer, async (m, f) => {
      delete m.auditLog.deletionsElsewhere;
      const lines = text(f[CASE_FILES.audit]).trimEnd().split('\n');
      const i = lines.findIndex((l) => (JSON.parse(l) as { hash: string }).hash === tombstone.hash);
      lines[i] = canonicalJson(tombstone);
      const audit = new TextEncoder().encode(lines.join('\n') + '\n');
      f[CASE_FILES.audit] = audit;
      m.auditLog.redactedEntries--;
      const listed = m.files.find((x) => x.path === CASE_FILES.audit)!;
      Object.assign(listed, { sha256: await sha256Hex(audit), size: audit.length });
    });
    const r = await report(zip);
    expect(r.problems).toEqual([]);
    expect(r.summary.deletionsElsewhere).toBe(1);
  });
});
