/**
 * The Trends page's routes, answered by the real background handlers over the real evidence
 * store in both storage modes: IndexedDB (Dexie on fake-indexeddb), and the session store the
 * background chooses when its write probe finds IndexedDB refusing writes (Tor Browser). Only
 * the browser's APIs and the probe's answer are faked; saved files are read back from their Blob
 * or data: URL.
 */
import 'fake-indexeddb/auto';
import { resolveObjectURL } from 'node:buffer';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EvidenceStore } from '../../../src/engine/evidence/store';
import { fromBase64 } from '../../../src/engine/bytes/bytes';
import { factsFromWire } from '../../../src/engine/intel/facts-wire';
import { storeCaptureFacts } from '../../../src/engine/intel/store-facts';
import { appendCapture } from '../../../src/engine/evidence/operations';
import { sampleMetadata } from '../../support/evidence-fixture';
import { unzip } from '../../support/export-helpers';
import { addIntelCase, hashtag, ind, species, term, type FixtureCapture } from '../../support/intel-fixture';

const fake = vi.hoisted(() => {
  const local = new Map<string, unknown>();
  const saved: { requested: string; filename: string; url: string; bytes: Uint8Array }[] = [];
  const messages: Record<string, string> = { trendsScope: "$1 case(s) in the officer's browser" };
  const browser = {
    storage: {
      local: {
        async get(key: string) {
          return local.has(key) ? { [key]: structuredClone(local.get(key)) } : {};
        },
        async set(items: Record<string, unknown>) {
          for (const [k, v] of Object.entries(items)) local.set(k, structuredClone(v));
        },
      },
    },
    runtime: { getManifest: () => ({ version: '9.9.9' }) },
    i18n: {
      getMessage: (key: string, subs?: string | string[]) =>
        (messages[key] ?? key).replace(/\$(\d)/g, (_, n) => [subs ?? []].flat()[Number(n) - 1] ?? ''),
    },
    downloads: {
      async download(o: { url: string; filename: string }) {
        const bytes = o.url.startsWith('data:')
          ? (fake.fromBase64!(o.url.slice(o.url.indexOf(',') + 1)) as Uint8Array)
          : new Uint8Array(await fake.resolve!(o.url)!.arrayBuffer());
        // conflictAction 'uniquify', as Firefox names the copy.
        const taken = saved.filter((f) => f.requested === o.filename).length;
        const filename = taken ? o.filename.replace(/\.zip$/, `(${taken}).zip`) : o.filename;
        saved.push({ requested: o.filename, filename, url: o.url, bytes });
        return saved.length;
      },
      async search({ id }: { id: number }) {
        return [{ id, state: 'complete', filename: `/home/officer/Downloads/${saved[id - 1].filename}` }];
      },
      onChanged: { addListener() {}, removeListener() {} },
    },
  };
  return {
    local,
    saved,
    browser,
    writable: true,
    fromBase64: undefined as ((s: string) => Uint8Array) | undefined,
    resolve: undefined as ((url: string) => Blob | undefined) | undefined,
  };
});
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
vi.mock('../../../src/browser/evidence-db/writable', async (original) => ({
  ...(await original<typeof import('../../../src/browser/evidence-db/writable')>()),
  indexedDbWritable: async () => fake.writable,
}));
fake.fromBase64 = fromBase64;
fake.resolve = (url) => resolveObjectURL(url) as Blob | undefined;

const PYTHON = 'Python regius';
const ELEPHANT = 'Loxodonta africana';
const PHONE = '+447700900001';

const ALPHA: FixtureCapture[] = [
  {
    url: 'https://shop.example/item/1',
    capturedAt: '2025-03-03T10:00:00.000Z',
    hits: [species(PYTHON, 'II'), species(PYTHON, 'II', ['misspelling']), hashtag('#ballpython')],
    indicators: [ind.phone(PHONE), ind.payment('paypal'), ind.shipping('dhl'), ind.price(150, 'EUR')],
  },
  {
    url: 'https://www.facebook.com/groups/9',
    capturedAt: '2025-03-10T10:00:00.000Z',
    hits: [species(ELEPHANT, 'I'), term('white gold', 'code', ['code-word']), term('ivory', 'product')],
    indicators: [ind.messenger('telegram', 'ivory_king'), ind.price(900, 'USD')],
  },
];
const BETA: FixtureCapture[] = [
  {
    url: 'https://market.example/a',
    capturedAt: '2025-04-02T08:00:00.000Z',
    hits: [species(PYTHON, 'II')],
    indicators: [ind.messenger('whatsapp', PHONE), ind.price(200, 'EUR')],
  },
];
const GAMMA: FixtureCapture[] = [
  {
    url: 'https://other.example/x',
    capturedAt: '2025-04-05T08:00:00.000Z',
    hits: [species(ELEPHANT, 'I')],
    indicators: [ind.messenger('telegram', 'ivory_king')],
  },
];

type Handlers = typeof import('../../../src/background/handlers/intel').intelHandlers;
const PAGE = { kind: 'extension-page' as const };

/** The background modules afresh, with the store of this mode filled with three cases. */
async function background(mode: 'session' | 'indexeddb') {
  // Fresh modules: the background chooses its store once.
  vi.resetModules();
  fake.writable = mode === 'indexeddb';
  const { intelHandlers } = await import('../../../src/background/handlers/intel');
  const { backgroundStore, evidenceStorageMode } = await import('../../../src/background/evidence/evidence-store');
  const { installSigner, queueEvidenceWrite } = await import('../../../src/background/evidence/service');
  expect(await evidenceStorageMode()).toBe(mode);
  const store = backgroundStore();
  const signer = await installSigner();
  const alpha = await addIntelCase(store, signer, 'Op Alpha', ALPHA, 1);
  const beta = await addIntelCase(store, signer, 'Op Beta', BETA, 2);
  const gamma = await addIntelCase(store, signer, 'Op Gamma', GAMMA, 3);
  return { handlers: intelHandlers as Handlers, store, signer, queue: queueEvidenceWrite, alpha, beta, gamma };
}

/** The one row of cyber-alert.html's summary table with this heading. */
const summaryRow = (html: string, heading: string) =>
  new RegExp(`<tr><th scope="row">${heading}</th><td>([^<]*)</td></tr>`).exec(html)?.[1];

async function exportAlert(h: Handlers, request: { caseIds: string[]; from: string; to: string }) {
  const before = fake.saved.length;
  const result = await h['intel/alert-export'](request, PAGE);
  expect(fake.saved).toHaveLength(before + 1);
  const file = fake.saved.at(-1)!;
  const files = unzip(file.bytes);
  const text = (name: string) => new TextDecoder().decode(files[name]);
  return { result, file, html: text('cyber-alert.html'), text, names: Object.keys(files) };
}

describe.each(['session', 'indexeddb'] as const)('the Trends routes, %s store', (mode) => {
  let bg: Awaited<ReturnType<typeof background>>;
  beforeAll(async () => {
    bg = await background(mode);
  });

  it('lists every case and the facts of all its captures, as JSON survives the message channel', async () => {
    const reply = await bg.handlers['intel/trends']({}, PAGE);
    // Chromium sends messages as JSON: what arrives is what the page reads.
    const sent = JSON.parse(JSON.stringify(reply)) as typeof reply;
    expect(sent.cases.map((c) => c.title)).toEqual(['Op Alpha', 'Op Beta', 'Op Gamma']);
    expect(sent.facts).toHaveLength(4);
    const facts = sent.facts.map(factsFromWire);
    const direct: unknown[] = [];
    for await (const f of storeCaptureFacts(
      bg.store as EvidenceStore,
      sent.cases.map((c) => c.caseId),
    ))
      direct.push(f);
    expect(facts).toEqual(direct);
    const first = facts[0];
    expect(first.taxa.get(PYTHON)).toEqual({ listing: 'II', mentions: 2 });
    expect(first.tactics.get('misspelling')).toBe(1);
    expect([...first.channels].sort()).toEqual(['payment\u0000PayPal', 'shipping\u0000DHL']);
    expect(first.sellers.map((s) => s.key)).toEqual([`phone:${PHONE}`]);
    // Only the small facts travel: no artefact bytes.
    expect(JSON.stringify(sent)).not.toContain('capture 0 of Op Alpha');
  });

  it('exports the cyber-alert of all cases: the files of `wildtrace report`, counted as the page counts', async () => {
    const all = [bg.alpha, bg.beta, bg.gamma].map((c) => c.caseId);
    const { result, file, html, text, names } = await exportAlert(bg.handlers, { caseIds: all, from: '', to: '' });
    expect(result).toMatchObject({ captures: 4, cases: 3, failed: [] });
    expect(file.requested).toMatch(/^cyber-alert-\d{4}-\d\d-\d\d\.zip$/);
    // The officer is told the name the browser saved it under.
    expect(result.fileName).toBe(file.filename);
    expect(result.bytesWritten).toBe(file.bytes.length);
    expect(names).toEqual(
      expect.arrayContaining(['cyber-alert.html', 'indicators.stix.json', 'taxa.csv', 'case-files.csv']),
    );
    expect(html).not.toMatch(/<script/i);
    expect(summaryRow(html, 'Captures counted')).toBe('4');
    // The WhatsApp number of Op Beta is Op Alpha's phone; the Telegram handle is in Alpha and Gamma.
    expect(summaryRow(html, 'Cross-posted seller indicators')).toBe('2');
    expect(html).toContain('3 case(s) in the officer&#39;s browser');
    expect(text('case-files.csv')).toMatch(/Op Alpha,included,.*\r\n.*Op Beta,included.*\r\n.*Op Gamma,included/s);
    const stix = JSON.parse(text('indicators.stix.json')) as { objects: { labels?: string[] }[] };
    expect(stix.objects.filter((o) => o.labels?.includes('cross-posted'))).toHaveLength(2);
  });

  it('keeps to the chosen cases and days', async () => {
    const auditBefore = (await bg.store.listAudit()).length;
    const { result, html } = await exportAlert(bg.handlers, {
      caseIds: [bg.alpha.caseId, bg.beta.caseId],
      from: '2025-03-05',
      to: '2025-04-02',
    });
    // The audit log says which cases went into which alert, one signed entry per case counted.
    const logged = (await bg.store.listAudit()).slice(auditBefore).map((e) => e.body);
    expect(logged.map((e) => [e.action, e.caseId, e.details.what, e.details.fileName, e.details.captures])).toEqual([
      ['export', bg.alpha.caseId, 'cyber-alert', result.fileName, 1],
      ['export', bg.beta.caseId, 'cyber-alert', result.fileName, 1],
    ]);
    expect(logged[0].details).toMatchObject({ from: '2025-03-05', to: '2025-04-02', casesInAlert: 2 });
    // Alpha's capture of 3 March is before the range; Gamma is not chosen.
    expect(result).toMatchObject({ captures: 2, cases: 2, failed: [] });
    expect(result.fileName).toBe(fake.saved.at(-1)!.filename);
    expect(summaryRow(html, 'Captures counted')).toBe('2');
    expect(summaryRow(html, 'Cross-posted seller indicators')).toBe('0');
    expect(html).toContain('2 case(s) in the officer&#39;s browser (2025-03-05 – 2025-04-02)');
  });

  it('leaves out a case whose stored evidence fails the self-check, and says so', async () => {
    const [capture] = await bg.store.listCaptures(bg.gamma.caseId);
    const hits = (await bg.store.listArtefacts(capture.body.captureId)).find((a) => a.name === 'hits.json')!;
    const altered = hits.body instanceof Uint8Array ? hits.body : new Uint8Array(await hits.body.arrayBuffer());
    altered[2] ^= 1; // the session store hands out its own bytes: this alters them in place
    if (mode === 'indexeddb') {
      const { evidenceStore } = await import('../../../src/browser/evidence-db/dexie-store');
      await evidenceStore().db.artefacts.update([hits.captureId, hits.name], { body: altered });
    }
    const all = [bg.alpha, bg.beta, bg.gamma].map((c) => c.caseId);
    const { result, html, text } = await exportAlert(bg.handlers, { caseIds: all, from: '', to: '' });
    expect(result).toMatchObject({ captures: 3, cases: 2, failed: ['Op Gamma'] });
    expect(summaryRow(html, 'Captures counted')).toBe('3');
    expect(text('case-files.csv')).toMatch(/Op Gamma,failed/);
  });

  it('refuses a request it cannot serve, in words, and saves nothing', async () => {
    const before = fake.saved.length;
    const exportOf = (req: unknown) => bg.handlers['intel/alert-export'](req as never, PAGE);
    await expect(exportOf({ caseIds: [], from: '', to: '' })).rejects.toThrow('say which cases');
    await expect(exportOf({ caseIds: [bg.alpha.caseId], from: 'last week', to: '' })).rejects.toThrow(
      'the first day must be YYYY-MM-DD',
    );
    await expect(exportOf({ caseIds: ['no-such-case'], from: '', to: '' })).rejects.toThrow(
      'a chosen case no longer exists',
    );
    expect(fake.saved).toHaveLength(before);
  });

  it("saves it as a data: URL in Chromium's service worker, which has no Blob URLs", async () => {
    const createObjectURL = URL.createObjectURL;
    Reflect.deleteProperty(URL, 'createObjectURL');
    try {
      const { result, file, html } = await exportAlert(bg.handlers, { caseIds: [bg.beta.caseId], from: '', to: '' });
      expect(file.url).toMatch(/^data:application\/zip;base64,/);
      expect(result).toMatchObject({ captures: 1, cases: 1 });
      expect(summaryRow(html, 'Captures counted')).toBe('1');
    } finally {
      URL.createObjectURL = createObjectURL;
    }
  });

  it('counts a capture stored during an export in the next alert, not unchecked in this one', async () => {
    const exporting = exportAlert(bg.handlers, { caseIds: [bg.beta.caseId], from: '', to: '' });
    // The capture pipeline stores through the same write queue, while the export runs.
    const stored = bg.queue(() =>
      appendCapture(bg.store, bg.signer, {
        caseId: bg.beta.caseId,
        metadata: {
          ...sampleMetadata(bg.beta, 9, 'https://market.example/late'),
          capturedAt: '2025-04-09T10:00:00.000Z',
        },
        artefacts: [
          { name: 'hits.json', body: new TextEncoder().encode(JSON.stringify([species(PYTHON, 'II')])) },
          { name: 'indicators.json', body: new TextEncoder().encode('[]') },
        ],
      }),
    );
    expect((await exporting).result).toMatchObject({ captures: 1, cases: 1 });
    await stored;
    const next = await exportAlert(bg.handlers, { caseIds: [bg.beta.caseId], from: '', to: '' });
    expect(next.result).toMatchObject({ captures: 2, cases: 1, failed: [] });
  });
});
