/**
 * report.html is for prosecutors (issue #16, item 5): readable tables (phones in E.164 with their
 * label, never JSON), one numbering (#1…n), times in UTC and in the officer's time zone, a colour
 * legend for the annotated screenshots, each annotation once, a print stylesheet, "how to verify"
 * in plain words, the design system embedded, and an accessible structure.
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTEFACTS, CASE_FILES } from '../../../src/engine/evidence/case-file-names';
import type { CaptureMetadata } from '../../../src/engine/evidence/model';
import { appendCapture, addNote } from '../../../src/engine/evidence/operations';
import { BOX_COLOURS_BY_KIND, BOX_COLOURS_METHOD } from '../../../src/engine/export/annotation-style';
import type { CaseManifest } from '../../../src/engine/export/manifest';
import { DESIGN_CSS } from '../../../src/engine/export/design-css';
import { annotationText, cssString } from '../../../src/engine/export/report-html';
import { extractIndicators } from '../../../src/engine/indicators';
import type { Hit } from '../../../src/engine/matcher/hit';
import { buildSampleCase, noiseBytes, sampleMetadata } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';

// jsdom ships no type declarations; the export itself runs in plain Node, so the DOM is only for reading.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: Window } };
const enc = (s: string) => new TextEncoder().encode(s);
const PAGE =
  'Ball python for sale. WhatsApp +44 7700 900 121, mail Seller@Example.com, IG: @snake.shop, PayPal, ' +
  'DHL, $1,200. bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq. Again: WhatsApp +44 7700 900 121.';
const taxon = {
  taxonId: 5467,
  name: 'Python regius',
  rank: 'SPECIES',
  listing: 'II',
  annotation: 'Appendix II: Included in Pythonidae spp.',
  coveredBy: 'Pythonidae spp.',
};
const HITS: Hit[] = [
  {
    start: 0,
    end: 11,
    text: 'Ball python',
    term: 'Ball Python',
    kind: 'species',
    tactics: [],
    editDistance: 0,
    confidence: 0.9,
    taxon,
  },
  {
    start: 12,
    end: 20,
    text: 'for sale',
    term: 'for sale',
    kind: 'cue',
    termKind: 'sale-cue',
    tactics: [],
    editDistance: 0,
    confidence: 0.6,
  },
  {
    start: 40,
    end: 45,
    text: '1vory',
    term: 'ivory',
    kind: 'trade-term',
    termKind: 'product',
    tactics: ['leetspeak'],
    editDistance: 0,
    confidence: 0.8,
  },
  {
    start: 50,
    end: 58,
    text: 'cow bone',
    term: 'cow bone',
    kind: 'trade-term',
    termKind: 'code',
    refersTo: 'ivory',
    tactics: ['code-word'],
    editDistance: 0,
    confidence: 0.7,
  },
  {
    start: 60,
    end: 74,
    text: '#ivoryforsale',
    term: 'ivory',
    kind: 'hashtag',
    tactics: ['hashtag'],
    editDistance: 0,
    confidence: 0.8,
  },
];

let html: string;
let doc: Document;
let manifest: CaseManifest;
let csv: string;

beforeAll(async () => {
  const sc = await buildSampleCase({ captures: 1 });
  const metadata: CaptureMetadata = {
    ...sampleMetadata(sc.info, 1, 'https://market.example/item/9'),
    capturedAt: '2025-07-01T22:30:00.250Z',
    localOffset: '+02:00',
    timeZone: 'Europe/Paris',
    methods: {
      annotated: 'copy of screenshot.png with 4 boxes around 4 of 5 hits',
      [BOX_COLOURS_METHOD]: BOX_COLOURS_BY_KIND,
    },
  };
  const c = await appendCapture(
    sc.store,
    sc.signer,
    {
      caseId: sc.info.caseId,
      metadata,
      artefacts: [
        { name: ARTEFACTS.screenshot, body: noiseBytes(100, 1) },
        { name: ARTEFACTS.screenshotAnnotated, body: noiseBytes(100, 2) },
        { name: ARTEFACTS.text, body: enc(PAGE) },
        { name: ARTEFACTS.hits, body: enc(JSON.stringify(HITS)) },
        { name: ARTEFACTS.indicators, body: enc(JSON.stringify(extractIndicators(PAGE))) },
      ],
    },
    sc.opts,
  );
  await addNote(
    sc.store,
    sc.signer,
    { captureId: c.body.captureId, text: 'Asked for <b>cash</b>', author: 'Jane Doe' },
    sc.opts,
  );
  const files = unzip((await exportToBytes(sc)).zip);
  html = text(files[CASE_FILES.report]);
  csv = text(files[CASE_FILES.indicatorsCsv]);
  manifest = JSON.parse(text(files[CASE_FILES.manifest]));
  doc = new JSDOM(html).window.document;
});

const capture = (n: number) => doc.getElementById(`capture-${n}`)!;
const rowsOf = (table: Element) =>
  [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent!.trim()));

describe('readable tables', () => {
  it('shows indicators in words, grouped, contacts first: phones in E.164 with their label, never JSON', () => {
    const section = capture(2);
    const groups = [...section.querySelectorAll('h4')].map((h) => h.textContent);
    expect(groups).toEqual(['Contacts', 'Payment and wallets', 'Shipping', 'Prices']);
    const tables = [...section.querySelectorAll('table.indicators')];
    expect(rowsOf(tables[0])).toEqual([
      // The WhatsApp number appears twice on the page: one row, found twice.
      ['WhatsApp', '+447700900121', '“+44 7700 900 121”', 'written after the platform name', '2'],
      ['E-mail', 'seller@example.com', '“Seller@Example.com”', '—', '1'],
      ['Instagram profile', 'snake.shop', '“@snake.shop”', 'written after the platform name', '1'],
    ]);
    expect(rowsOf(tables[1])).toEqual([
      ['Payment', 'PayPal', '“PayPal”', '—', '1'],
      [
        'Bitcoin wallet',
        'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
        '“bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq”',
        'SegWit address (P2WPKH); checksum verified',
        '1',
      ],
    ]);
    expect(rowsOf(tables[2])).toEqual([['Shipping', 'DHL', '“DHL”', '—', '1']]);
    expect(rowsOf(tables[3])).toEqual([['Price', '1,200 USD', '“$1,200”', '—', '1']]);
    // A phone number is never broken over lines.
    expect(tables[0].querySelector('strong')!.className).toContain('nowrap');
    for (const t of tables) expect(t.textContent).not.toMatch(/[{}"]|normalized|blockId/);
    expect(csv).toContain('Contacts,messenger,WhatsApp,+447700900121,+44 7700 900 121,written after the platform name');
  });

  it('lists each species once with its appendix, and its annotation once', () => {
    expect(annotationText(taxon)).toBe('Appendix II: Included in Pythonidae spp.');
    expect(annotationText({ annotation: '#4', coveredBy: 'Cactaceae spp.' })).toBe('#4; Included in Cactaceae spp.');
    expect(annotationText({ coveredBy: 'Cactaceae spp.' })).toBe('Included in Cactaceae spp.');
    const species = rowsOf(capture(2).querySelectorAll('table')[1]);
    expect(species).toEqual([
      [
        'Python regius (species)',
        'II',
        'Appendix II: Included in Pythonidae spp.',
        'Ball python',
        '1',
        'Appendix II species',
      ],
    ]);
    expect(capture(2).textContent!.match(/Included in Pythonidae spp\./gi)).toHaveLength(1);
  });

  it('names trade terms, code words, hashtags and cues by kind, with the disguise in words and box colour', () => {
    const terms = rowsOf(capture(2).querySelectorAll('table')[2]);
    expect(terms).toEqual([
      ['Sale cue', '“for sale”', 'for sale', '—', '1', 'Sale or contact cue'],
      ['Product word', '“1vory”', 'ivory', 'digits for letters', '1', 'Misspelling or other disguise'],
      ['Code word', '“cow bone”', 'cow bone (refers to ivory)', 'code word', '1', 'Code word'],
      ['Hashtag', '“#ivoryforsale”', 'ivory', 'inside a hashtag', '1', 'Hashtag'],
    ]);
  });

  it('counts wildlife mentions as the extension does, in the capture and the contents table', () => {
    expect(capture(2).querySelector('.mentions')!.textContent).toMatch(
      /^4 wildlife mentions \(counted as the extension/,
    );
    const contents = rowsOf(doc.querySelector('table.contents')!);
    expect(contents.map((r) => r[0])).toEqual(['#1', '#2']);
    expect(contents[1][4]).toBe('4');
  });

  it('prints each note once, escaped', () => {
    expect(html.match(/Asked for &lt;b&gt;cash&lt;\/b&gt;/g)).toHaveLength(1);
  });
});

describe("one numbering and the officer's time", () => {
  it('numbers captures #1…n in headings, contents, folders and alt text; never "Capture 0"', () => {
    const headings = [...doc.querySelectorAll('section.capture > h2')].map((h) => h.textContent);
    expect(headings).toEqual([
      'Capture #1: Offer 0 <b>"Royal python"</b> & co',
      'Capture #2: Offer 1 <b>"Royal python"</b> & co',
    ]);
    expect(manifest.captures.map((c) => c.folder.split('/')[1].slice(0, 4))).toEqual(['001-', '002-']);
    expect(capture(2).textContent).toContain(`${manifest.captures[1].folder}/`);
    expect(capture(2).querySelector('img')!.getAttribute('alt')).toMatch(/^Annotated screenshot of capture #2, /);
    expect(html).not.toMatch(/Capture 0|capture #0/i);
  });

  it("gives capture times in UTC and in the officer's time zone (the local date may differ)", () => {
    expect(capture(2).querySelector('.capture-when')!.textContent).toBe(
      'Captured 2025-07-01 22:30:00.250 UTC · 2025-07-02 00:30:00.250 Europe/Paris (UTC+02:00) (officer’s local time)',
    );
    // A capture from before time zones were recorded: its offset alone.
    expect(capture(1).querySelector('.capture-when')!.textContent).toContain('2025-03-01 11:00:00.005 (UTC+01:00)');
  });
});

describe('annotated screenshots', () => {
  it('shows the colour legend of the kinds found, and says which screenshots have one colour only', () => {
    const legend = [...capture(2).querySelectorAll('figcaption .legend li')].map((li) => li.textContent);
    expect(legend).toEqual([
      'Appendix II species (1)',
      'Misspelling or other disguise (1)',
      'Code word (1)',
      'Hashtag (1)',
      'Sale or contact cue (1)',
    ]);
    expect(capture(2).querySelector('figcaption')!.textContent).toContain('with 4 boxes around 4 of 5 hits');
    // The sample capture's metadata does not say its boxes are coloured by kind (an earlier version).
    expect(capture(1).querySelector('figcaption')!.textContent).toContain(
      'drawn by an earlier version, all in one colour',
    );
    // Every kind has its swatch colours in the style sheet.
    expect(html).toMatch(/\.k-app1\{background:#ff8a80;border-color:#c62828\}/);
  });
});

describe('print and verification', () => {
  it('has a print style sheet: A4 pages, the case reference at the top, page numbers, a capture per page group', () => {
    expect(html).toMatch(/@page\{size:A4;/);
    expect(html).toContain('@top-left{content:"Case EXH-17: Op. Scales \\3c 2025\\3e "');
    expect(html).toContain('@bottom-right{content:"Page " counter(page) " of " counter(pages)');
    const print = html.slice(html.indexOf('@media print{'), html.indexOf('</style>'));
    expect(print).toContain('.capture{break-before:page');
    expect(html).toContain('thead{display:table-header-group}');
  });

  it('escapes any text for a CSS string, so a case title cannot end the style sheet', () => {
    expect(cssString('Op. "X" </style><script>\\\n')).toBe(
      '"Op. \\22 X\\22  \\3c /style\\3e \\3c script\\3e \\5c \\a "',
    );
    expect(cssString('Été 象')).toBe('"\\c9 t\\e9  \\8c61 "');
  });

  it('says how to verify in plain words: the command, the verify page, the key fingerprint to compare', () => {
    const section = doc.getElementById('verify')!;
    const fp = manifest.publicKey.fingerprint;
    expect(section.querySelector('pre')!.textContent).toBe(
      `npx wildtrace verify CASEFILE.zip --expect-fingerprint ${fp}`,
    );
    expect(section.textContent).toContain(fp.match(/.{4}/g)!.join(' '));
    expect(section.textContent).toContain('Verify a case file');
    expect(section.textContent).toContain('Signature valid: nothing in this case file was altered.');
    expect(section.textContent).toContain('sha256sum -c SHA256SUMS');
  });

  it('embeds the design system and nothing from outside (no scripts, no external URLs)', () => {
    expect(html).toContain(DESIGN_CSS);
    expect(DESIGN_CSS).toContain('--wt-text-base');
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
  });
});

describe('accessibility of the structure', () => {
  it('has one h1 and headings that never skip a level', () => {
    const levels = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
  });

  it('gives every table header cells with a scope, and every image an alt text', () => {
    for (const table of doc.querySelectorAll('table')) {
      const headers = table.querySelectorAll('th');
      expect(headers.length).toBeGreaterThan(0);
      for (const th of headers) expect(['col', 'row']).toContain(th.getAttribute('scope'));
    }
    for (const img of doc.querySelectorAll('img')) expect(img.getAttribute('alt')!.length).toBeGreaterThan(20);
    expect(doc.documentElement.lang).toBe('en');
    expect(doc.querySelector('main')).not.toBeNull();
  });
});
