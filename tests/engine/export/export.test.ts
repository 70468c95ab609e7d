import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, CAPTURE_SIDECARS, CASE_FILES, captureFolder } from '../../../src/engine/evidence/case-file-names';
import { csvCell, csvTable } from '../../../src/engine/export/csv';
import { caseFileName, exportCase } from '../../../src/engine/export/case-export';
import type { CaseManifest } from '../../../src/engine/export/manifest';
import { escapeHtml } from '../../../src/engine/export/report-html';
import { scoId } from '../../../src/engine/export/stix';
import { UCO_CONTEXT } from '../../../src/engine/export/case-uco';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase, type SampleCase } from '../../support/evidence-fixture';
import { EXPORTED_AT, exportToBytes, memorySink, text, TOOL, unzip } from '../../support/export-helpers';

/** The DOS date and time of every entry of a ZIP's central directory. */
function zipEntryTimes(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = [];
  for (let p = 0; p + 46 <= zip.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    out.push({
      year: 1980 + (date >> 9),
      month: (date >> 5) & 15,
      day: date & 31,
      hour: time >> 11,
      minute: (time >> 5) & 63,
      second: (time & 31) * 2,
    });
    p += 45 + view.getUint16(p + 28, true);
  }
  return out;
}

let sc: SampleCase;
let zip: Uint8Array;
let files: Record<string, Uint8Array>;
let manifest: CaseManifest;

beforeAll(async () => {
  sc = await buildSampleCase({ captures: 3, annotate: true, otherCase: true });
  ({ zip } = await exportToBytes(sc));
  files = unzip(zip);
  manifest = JSON.parse(text(files[CASE_FILES.manifest]));
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['-2+3', "'-2+3"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-1-1', "'-1-1"],
    ['+44 (0)20 7946', "'+44 (0)20 7946"],
    // Shapes that start with + or - but hold no formula are written as they are.
    ['+00:00', '+00:00'],
    ['-05:30', '-05:30'],
    ['+447700900121', '+447700900121'],
    ['+44 7700 900121', '+44 7700 900121'],
    ['-12.5', '-12.5'],
    ['@snake_seller', '@snake_seller'],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', '"\'\tcmd"'],
    [' padded', '" padded"'],
    [-5, '-5'],
    [null, ''],
  ])('csvCell(%j)', (v, expected) => {
    expect(csvCell(v as string)).toBe(expected);
  });
  it('round-trips through a CSV parser', () => {
    const t = csvTable(
      ['a', 'b'],
      [
        ['x,"y"', 'line\r\nnext'],
        ['=1+1', 2],
      ],
    );
    expect(parseCsv(t, { bom: true })).toEqual([
      ['a', 'b'],
      ['x,"y"', 'line\r\nnext'],
      ["'=1+1", '2'],
    ]);
  });
});

describe('case file contents', () => {
  it('has the documented files in a fixed order', () => {
    const names = Object.keys(files);
    const folders = manifest.captures.map((c) => c.folder);
    expect(folders).toEqual([0, 1, 2].map((i) => captureFolder(i, manifest.captures[i].captureId)));
    // Artefacts by name, then the sidecars.
    expect(names.slice(0, 9)).toEqual(
      [
        ARTEFACTS.hits,
        ARTEFACTS.indicators,
        ARTEFACTS.html,
        ARTEFACTS.mhtml,
        ARTEFACTS.screenshotAnnotated,
        ARTEFACTS.screenshot,
        ARTEFACTS.text,
        CAPTURE_SIDECARS.metadata,
        CAPTURE_SIDECARS.notes,
      ].map((n) => `${folders[0]}/${n}`),
    );
    expect(names.slice(-10)).toEqual([
      CASE_FILES.audit,
      CASE_FILES.capturesCsv,
      CASE_FILES.hitsCsv,
      CASE_FILES.indicatorsCsv,
      CASE_FILES.caseUco,
      CASE_FILES.stix,
      CASE_FILES.report,
      CASE_FILES.manifest,
      CASE_FILES.manifestSignature,
      CASE_FILES.sums,
    ]);
  });

  it('SHA256SUMS lists every other file with its real hash', () => {
    const lines = text(files[CASE_FILES.sums]).trim().split('\n');
    expect(lines).toHaveLength(Object.keys(files).length - 1);
    for (const line of lines) {
      const [hash, path] = line.split('  ');
      expect(createHash('sha256').update(files[path]).digest('hex')).toBe(hash);
    }
  });

  it('passes `sha256sum -c` after unzipping (when sha256sum exists)', () => {
    if (spawnSync('sha256sum', ['--version']).status !== 0) {
      console.warn('sha256sum not installed: check skipped');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'wt-export-'));
    try {
      for (const [name, bytes] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), bytes);
      }
      const r = spawnSync('sha256sum', ['-c', '--strict', CASE_FILES.sums], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the manifest carries case, officer, key, records, chain links and artefacts', () => {
    expect(manifest).toMatchObject({
      format: 'wildtrace-case-file',
      formatVersion: 2,
      exportedAt: EXPORTED_AT.toISOString(),
      tool: TOOL,
      officer: 'Jane Doe',
      agency: 'Border Force',
      selection: 'full',
      lexiconVersions: ['cites-2025-02'],
      chain: { length: 3 },
    });
    expect(manifest.publicKey.fingerprint).toBe(sc.signer.info.fingerprint);
    expect(manifest.captures[1].previousRecordHash).toBe(manifest.captures[0].recordHash);
    const screenshot = manifest.captures[0].artefacts.find((a) => a.name === ARTEFACTS.screenshot);
    const path = `${manifest.captures[0].folder}/${ARTEFACTS.screenshot}`;
    expect(screenshot).toMatchObject({ mediaType: 'image/png', size: 200, path });
    expect(manifest.captures[0].notes[0].body.text).toContain('cash');
  });

  it('numbers captures #1…n in the manifest and the folders (format version 2)', () => {
    expect(manifest.captures.map((c) => [c.sequence, c.number])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(manifest.captures.map((c) => c.folder.replace(/-.*/, ''))).toEqual([
      'captures/001',
      'captures/002',
      'captures/003',
    ]);
    const sidecar = JSON.parse(text(files[`${manifest.captures[1].folder}/${CAPTURE_SIDECARS.metadata}`]));
    expect(sidecar).toMatchObject({ sequence: 1, number: 2 });
  });

  it('dates every ZIP entry with the export time in UTC, not 1980', () => {
    const times = zipEntryTimes(zip);
    expect(times.length).toBe(Object.keys(files).length);
    // 2025-04-02 08:30:00 UTC, as DOS date and time fields (2-second resolution).
    for (const t of times) expect(t).toEqual({ year: 2025, month: 4, day: 2, hour: 8, minute: 30, second: 0 });
  });

  it('the audit log withholds other cases but keeps their hashes and signatures', () => {
    const lines = text(files[CASE_FILES.audit])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.redacted === true)).toBe(true);
    expect(text(files[CASE_FILES.audit])).not.toContain('Secret other case');
    expect(lines.filter((l) => l.body?.action === 'capture')).toHaveLength(3);
  });

  it('CSV tables parse, escape and defuse formulas', () => {
    const table = (name: string) =>
      parseCsv(text(files[name]), { bom: true, columns: true }) as Record<string, string>[];
    const hits = table(CASE_FILES.hitsCsv);
    expect(hits).toHaveLength(6);
    expect(hits[0]).toMatchObject({
      capture_number: '1',
      kind: 'species',
      taxon_name: 'Python regius',
      listing: 'II',
      covered_by: 'Pythonidae spp.',
      marked_as: 'Appendix II species',
    });
    expect(hits.map((h) => h.capture_number)).toEqual(['1', '1', '2', '2', '3', '3']);
    expect(hits.find((h) => h.kind === 'trade-term')?.text).toBe("'=cmd|");
    const caps = table(CASE_FILES.capturesCsv);
    expect(caps.map((c) => c.record_hash)).toEqual(manifest.captures.map((c) => c.recordHash));
    expect(caps[0].title).toBe('Offer 0 <b>"Royal python"</b> & co');
    expect(caps[0].tags).toBe('priority');
    expect(caps.map((c) => c.capture_number)).toEqual(['1', '2', '3']);
    expect(caps[0].folder).toBe(manifest.captures[0].folder);
    // Times: UTC and the officer's local time as full ISO 8601; the offset as it is, no apostrophe.
    expect(caps[0]).toMatchObject({
      captured_at_utc: '2025-03-01T10:00:00.005Z',
      captured_at_local: '2025-03-01T11:00:00.005+01:00',
      local_offset: '+01:00',
      time_zone: '',
    });
    const inds = table(CASE_FILES.indicatorsCsv);
    expect(inds[0]).toEqual({
      capture_number: '1',
      capture_id: manifest.captures[0].captureId,
      group: 'Contacts',
      type: 'phone',
      label: 'Phone',
      value: '+447700900000',
      as_written: '+447700900000',
      details: '',
    });
    // An indicator of a type this version does not know is still shown, in words.
    expect(inds[1]).toMatchObject({ type: 'handle', label: 'Handle (Telegram)', value: '@snake_seller' });
    expect(text(files[CASE_FILES.indicatorsCsv])).not.toMatch(/[{}]/);
  });

  it('the report is self-contained: strict CSP, no scripts, page strings escaped', () => {
    const html = text(files[CASE_FILES.report]);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Offer 0 &lt;b&gt;&quot;Royal python&quot;&lt;/b&gt; &amp; co');
    expect(html).toContain(`<img src="${manifest.captures[0].folder}/${ARTEFACTS.screenshotAnnotated}"`);
    expect(html).toContain('<i>Python regius</i>');
    // The only links jump within the report: nothing that would reach a seller's site.
    const hrefs = [...html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)].map((m) => m[1]);
    expect(hrefs).toEqual(['#capture-1', '#capture-2', '#capture-3']);
    expect(html.match(/<a\s/gi)).toHaveLength(3);
    expect(escapeHtml(`<"'&>`)).toBe('&lt;&quot;&#39;&amp;&gt;');
  });

  it('case.jsonld has the CASE/UCO structure', () => {
    const doc = JSON.parse(text(files[CASE_FILES.caseUco]));
    expect(doc['@context']).toEqual(UCO_CONTEXT);
    const graph: Record<string, unknown>[] = doc['@graph'];
    const ids = new Set(graph.map((n) => n['@id']));
    expect(ids.size).toBe(graph.length);
    const prefixes = new Set(Object.keys(UCO_CONTEXT));
    const refs: string[] = [];
    const walk = (v: unknown, top: boolean) => {
      if (Array.isArray(v)) v.forEach((x) => walk(x, false));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        for (const [k, x] of Object.entries(o)) {
          if (k.includes(':')) expect(prefixes.has(k.split(':')[0])).toBe(true);
          if (k === '@type') expect(prefixes.has(String(x).split(':')[0])).toBe(true);
          if (k === '@id' && !top && Object.keys(o).length === 1) refs.push(String(x));
          if (k === 'uco-types:hashValue') expect((x as { '@value': string })['@value']).toMatch(/^[0-9A-F]{64}$/);
          if ((x as { '@type'?: string })?.['@type'] === 'xsd:dateTime') {
            expect(Number.isNaN(Date.parse((x as { '@value': string })['@value']))).toBe(false);
          }
          walk(x, false);
        }
      }
    };
    graph.forEach((n) => {
      expect(n['@id']).toMatch(/^kb:[a-z-]+-[0-9a-f-]{36}$/);
      expect(n['@type']).toBeTruthy();
      walk(n, true);
    });
    for (const r of refs) expect(ids.has(r)).toBe(true);
    const actions = graph.filter((n) => n['@type'] === 'case-investigation:InvestigativeAction');
    expect(actions).toHaveLength(3);
    const actionKeys = ['instrument', 'performer', 'object', 'result', 'startTime'].map((k) => `uco-action:${k}`);
    for (const a of actions) for (const k of actionKeys) expect(a[k]).toBeDefined();
    const provenance = graph.filter((n) => n['@type'] === 'case-investigation:ProvenanceRecord');
    expect(provenance.map((n) => n['case-investigation:exhibitNumber'])).toEqual(['EXH-17/1', 'EXH-17/2', 'EXH-17/3']);
  });

  it('stix-bundle.json has the STIX 2.1 structure', async () => {
    const b = JSON.parse(text(files[CASE_FILES.stix]));
    expect(b.type).toBe('bundle');
    expect(b.id).toMatch(/^bundle--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.spec_version).toBeUndefined();
    const byId = new Map<string, Record<string, unknown>>(b.objects.map((o: Record<string, unknown>) => [o.id, o]));
    expect(byId.size).toBe(b.objects.length);
    const ts = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
    for (const o of b.objects as Record<string, unknown>[]) {
      expect(o.spec_version).toBe('2.1');
      expect(String(o.id)).toMatch(
        new RegExp(`^${o.type}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`),
      );
      if (['observed-data', 'identity', 'note'].includes(String(o.type))) {
        expect(o.created).toMatch(ts);
        expect(o.modified).toMatch(ts);
      }
      if (o.type === 'observed-data') {
        expect(o.first_observed).toMatch(ts);
        expect(o.last_observed).toMatch(ts);
        expect(o.number_observed).toBeGreaterThanOrEqual(1);
        expect((o.object_refs as string[]).length).toBeGreaterThan(0);
      }
      for (const r of (o.object_refs as string[] | undefined) ?? []) expect(byId.has(r)).toBe(true);
      if (o.created_by_ref) expect(byId.get(String(o.created_by_ref))?.type).toBe('identity');
      if (o.type === 'url') expect(o.id).toBe(await scoId('url', { value: o.value }));
      if (o.type === 'file') expect(Object.keys(o.hashes as object)).toEqual(['SHA-256']);
    }
    expect(b.objects.filter((o: { type: string }) => o.type === 'observed-data')).toHaveLength(3);
    expect(b.objects.filter((o: { type: string }) => o.type === 'note')).toHaveLength(2);
  });

  it('verifies clean', async () => {
    const r = await verifyCaseFile(bytesSource(zip));
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.summary).toMatchObject({ captures: 3, caseTitle: 'Op. Scales <2025>', selection: 'full' });
  });
});

describe('export behaviour', () => {
  it('is deterministic: same case twice, same files; only the export time and its signature differ', async () => {
    const differing = (other: Record<string, Uint8Array>) =>
      Object.keys(files).filter((k) => Buffer.compare(Buffer.from(files[k]), Buffer.from(other[k])) !== 0);
    const again = unzip((await exportToBytes(sc)).zip);
    // ECDSA signatures are randomised: the manifest signature (and its line in SHA256SUMS) differ.
    expect(differing(again)).toEqual([CASE_FILES.manifestSignature, CASE_FILES.sums]);
    const later = unzip((await exportToBytes(sc, { exportedAt: new Date(EXPORTED_AT.getTime() + 3_600_000) })).zip);
    expect(differing(later)).toEqual([
      CASE_FILES.report,
      CASE_FILES.manifest,
      CASE_FILES.manifestSignature,
      CASE_FILES.sums,
    ]);
  });

  it('streams: small chunks to the sink, monotonic progress, closes the sink', async () => {
    const big = await buildSampleCase({ captures: 2, pngSize: 400_000, mhtmlSize: 600_000 });
    const sink = memorySink();
    const seen: number[] = [];
    let total = 0;
    const res = await exportCase(big.store, big.signer, big.info.caseId, sink, {
      tool: TOOL,
      exportedAt: EXPORTED_AT,
      onProgress: (p) => {
        seen.push(p.bytesDone);
        total = p.bytesTotal;
      },
    });
    expect(sink.closed).toBe(true);
    expect(Math.max(...sink.chunks.map((c) => c.length))).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(total).toBeGreaterThan(2 * (2 * 400_000 + 600_000));
    expect(seen.at(-1)).toBe(total);
    expect(res.bytesWritten).toBe(sink.bytes().length);
    expect((await verifyCaseFile(bytesSource(sink.bytes()))).ok).toBe(true);
  });

  it('can be cancelled through an AbortSignal; the sink is told to discard', async () => {
    const big = await buildSampleCase({ captures: 3, pngSize: 300_000 });
    const sink = memorySink();
    const ac = new AbortController();
    await expect(
      exportCase(big.store, big.signer, big.info.caseId, sink, {
        tool: TOOL,
        signal: ac.signal,
        onProgress: (p) => {
          if (p.bytesDone > 500_000) ac.abort();
        },
      }),
    ).rejects.toThrow(/abort/i);
    expect(sink.aborted).toBeDefined();
    expect(sink.closed).toBe(false);
  });

  it('exports a selection as a partial case file that verifies', async () => {
    const ids = (await sc.store.listCaptures(sc.info.caseId)).map((c) => c.body.captureId);
    const { zip: part } = await exportToBytes(sc, { captureIds: [ids[2], ids[0]] });
    const m = JSON.parse(text(unzip(part)[CASE_FILES.manifest])) as CaseManifest;
    expect(m.selection).toBe('partial');
    expect(m.captures.map((c) => c.sequence)).toEqual([0, 2]);
    const r = await verifyCaseFile(bytesSource(part));
    expect(r.problems).toEqual([]);
    await expect(exportToBytes(sc, { captureIds: ['nope'] })).rejects.toThrow(/not in case/);
  });

  it('reports (does not hide) a stored artefact that no longer matches its record', async () => {
    const bad = await buildSampleCase({ captures: 1 });
    const [c] = await bad.store.listCaptures(bad.info.caseId);
    const tables = (bad.store as unknown as { tables: { artefacts: Map<string, { body: Uint8Array }> } }).tables;
    const stored = tables.artefacts.get(`${c.body.captureId}/${ARTEFACTS.html}`)!;
    stored.body = new TextEncoder().encode('<html>edited</html>');
    const { zip: z, result } = await exportToBytes(bad);
    expect(result.problems.map((p) => p.code)).toEqual(['artefact-hash-mismatch']);
    const r = await verifyCaseFile(bytesSource(z));
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toContain('artefact-hash-mismatch');
  });

  it('suggests a safe file name', () => {
    expect(caseFileName('Op. Scales <2025>/../x', EXPORTED_AT)).toBe('wildtrace-Op-Scales-2025-x-20250402T083000Z.zip');
  });
});
