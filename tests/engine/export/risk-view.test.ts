import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ARTEFACTS, CASE_FILES } from '../../../src/engine/evidence/case-file-names';
import { appendCapture } from '../../../src/engine/evidence/operations';
import { riskView, riskViewFromText } from '../../../src/engine/export/risk-view';
import { REPORT_MAX_BLOCKS, riskSection } from '../../../src/engine/export/report-html';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { riskFromScore, riskUnscored } from '../../../src/background/links/risk-record';
import { buildSampleCase, sampleMetadata } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';

const enc = (s: string) => new TextEncoder().encode(s);

const scored = riskFromScore({
  score: 82,
  saleOffer: true,
  threshold: 50,
  hasSubject: true,
  hasCommerce: true,
  note: 'capped <b>here</b>',
  signals: [
    {
      kind: 'taxon',
      label: 'Appendix II taxon "Python regius"',
      text: 'Python regius',
      start: 0,
      end: 13,
      weight: 30,
    },
    { kind: 'contact', label: 'phone number', text: '<script>alert(1)</script>', start: 20, end: 45, weight: 14 },
    {
      kind: 'imitation',
      label: 'imitation "resin"',
      text: 'resin',
      start: 50,
      end: 55,
      weight: -12.5,
      note: 'only once',
    },
  ],
});
const low = riskFromScore({
  score: 12,
  saleOffer: false,
  threshold: 50,
  hasSubject: false,
  hasCommerce: true,
  signals: [],
});

/** risk.json bodies and what the export must make of them. */
const CASES: { name: string; body?: string; csv: [string, string]; report: RegExp[]; warning: boolean }[] = [
  {
    name: 'a scored sale offer',
    body: JSON.stringify(scored),
    csv: ['82', 'true'],
    warning: false,
    report: [
      /<strong>82<\/strong>/,
      /threshold 50/,
      /Looks like an offer to sell/,
      /Appendix II taxon &quot;Python regius&quot;/,
      /<td class="num">\+30<\/td>/,
      /<td class="num">-12\.5<\/td>/,
      /&lt;script&gt;alert\(1\)&lt;\/script&gt;/,
      /capped &lt;b&gt;here&lt;\/b&gt;/,
    ],
  },
  {
    name: 'a scored page below the threshold',
    body: JSON.stringify(low),
    csv: ['12', 'false'],
    warning: false,
    report: [/<strong>12<\/strong>/, /Below the sale-offer threshold/, /No signals\./],
  },
  {
    name: 'an unscored page',
    body: JSON.stringify(riskUnscored('lexicon failed to load')),
    csv: ['', ''],
    warning: false,
    report: [/The page was not scored: not scored: lexicon failed to load/],
  },
  {
    name: 'no risk.json',
    body: undefined,
    csv: ['', ''],
    warning: false,
    report: [/No risk record \(risk\.json\) was stored with this capture/],
  },
  {
    name: 'malformed JSON',
    body: '{"format":"wildtrace/risk", <script>',
    csv: ['', ''],
    warning: true,
    report: [/risk\.json could not be read: not valid JSON/],
  },
  {
    name: 'JSON that is not a risk record',
    body: '[1,2,3]',
    csv: ['', ''],
    warning: true,
    report: [/risk\.json could not be read: not a wildtrace\/risk record/],
  },
  {
    name: 'a risk record with a text score',
    body: JSON.stringify({ ...scored, page: { ...scored.page, score: '82' } }),
    csv: ['', ''],
    warning: true,
    report: [/risk\.json could not be read: the page score/],
  },
];

async function exportWithRisk(body: string | undefined) {
  const sc = await buildSampleCase({ captures: 1 });
  const artefacts: { name: string; body: Uint8Array }[] = [
    { name: ARTEFACTS.text, body: enc('Python regius for sale') },
  ];
  if (body !== undefined) artefacts.push({ name: ARTEFACTS.risk, body: enc(body) });
  const c = await appendCapture(
    sc.store,
    sc.signer,
    {
      caseId: sc.info.caseId,
      metadata: sampleMetadata(sc.info, 1, 'https://market.example/item/risk'),
      artefacts: artefacts.map((a) => (a.name === ARTEFACTS.risk ? { ...a, mediaType: 'application/json' } : a)),
    },
    sc.opts,
  );
  const { zip, result } = await exportToBytes(sc);
  return { sc, zip, result, files: unzip(zip), captureId: c.body.captureId };
}

describe('sale-offer risk in a case file', () => {
  it.each(CASES)('$name: captures.csv, report.html and the export result say what is known', async (c) => {
    const { body, csv, report, warning } = c;
    const { zip, result, files, captureId } = await exportWithRisk(body);
    const rows = parse(text(files[CASE_FILES.capturesCsv]), { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]).slice(-4)).toEqual([
      'risk_score',
      'sale_offer',
      'officer_label',
      'officer_listing_labels',
    ]);
    const row = rows.find((r) => r.capture_id === captureId)!;
    expect([row.risk_score, row.sale_offer]).toEqual(csv);
    // The sample case's earlier capture has no risk.json: empty cells, never a made-up score.
    for (const other of rows.filter((r) => r.capture_id !== captureId)) {
      expect([other.risk_score, other.sale_offer]).toEqual(['', '']);
    }

    const html = text(files[CASE_FILES.report]);
    // The capture made here is the last one: the second of the case, #2.
    const section = html.slice(html.lastIndexOf('<section class="capture"'));
    expect(section).toContain('Capture #2:');
    for (const re of report) expect(section).toMatch(re);
    expect(html).not.toMatch(/<script/i);

    const warnings = result.problems.filter((p) => p.code === 'risk-unreadable');
    expect(warnings.length).toBe(warning ? 1 : 0);
    if (warning) {
      expect(warnings[0]).toMatchObject({ severity: 'warning', where: expect.stringContaining(ARTEFACTS.risk) });
    }
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The risk file travels as stored, and the case file verifies whatever it contains.
    if (body !== undefined) {
      expect(text(Object.entries(files).find(([p]) => p.endsWith(`/${ARTEFACTS.risk}`))![1])).toBe(body);
    }
    const verified = await verifyCaseFile(bytesSource(zip));
    expect(verified.problems).toEqual([]);
  });

  it('gives identical tables and report when the same case is exported twice', async () => {
    const { sc } = await exportWithRisk(JSON.stringify(scored));
    const a = unzip((await exportToBytes(sc)).zip);
    const b = unzip((await exportToBytes(sc)).zip);
    for (const name of [CASE_FILES.capturesCsv, CASE_FILES.report]) expect(text(a[name])).toBe(text(b[name]));
  });
});

describe('riskView reads risk.json defensively', () => {
  it.each([
    ['no file', undefined, 'absent'],
    ['null', null, 'unreadable'],
    ['another format', { format: 'other', page: null }, 'unreadable'],
    ['unscored', { format: 'wildtrace/risk', method: 'not scored: x', page: null, blocks: [] }, 'unscored'],
    ['missing verdict', { format: 'wildtrace/risk', page: { score: 3, signals: [] } }, 'unreadable'],
    ['scored', scored, 'scored'],
  ] as const)('%s -> %s', (_name, raw, state) => {
    expect(riskView(raw).state).toBe(state);
  });

  it('drops signals without a numeric weight and keeps the rest', () => {
    const signals = [...scored.page!.signals, { kind: 'x', label: 'no weight' }, 'junk'];
    const v = riskView({ ...scored, page: { ...scored.page, signals } });
    expect(v.state === 'scored' && v.signals.map((s) => s.weight)).toEqual([30, 14, -12.5]);
  });

  it('lists at most REPORT_MAX_BLOCKS blocks in the report and says where the rest are', () => {
    const blocks = Array.from({ length: REPORT_MAX_BLOCKS + 3 }, (_, i) => ({
      frameId: 0,
      blockId: i,
      score: 90 - i,
      saleOffer: i < 5,
      snippet: `block <${i}>`,
      signals: [],
    }));
    const html = riskSection(riskViewFromText(JSON.stringify({ ...scored, blocks })));
    expect(html.match(/<td class="muted snippet">block &lt;\d+&gt;<\/td>/g)).toHaveLength(REPORT_MAX_BLOCKS);
    expect(html).toContain(
      `Scored blocks of the page (${REPORT_MAX_BLOCKS + 3}, riskiest first; the first ${REPORT_MAX_BLOCKS} shown, ` +
        'all are in risk.json)',
    );
  });
});
