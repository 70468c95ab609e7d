/**
 * Captures started together (a patrol capturing tab after tab, the keyboard shortcut held down) are
 * all stored: the real capture pipeline, evidence service and Dexie store on fake-indexeddb, with
 * only the browser, the images and the page's answers faked.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const local = new Map<string, unknown>();
  const area = (store: Map<string, unknown>) => ({
    async get(key?: string | string[] | null) {
      if (key === null || key === undefined) return Object.fromEntries(store);
      const keys = Array.isArray(key) ? key : [key];
      return Object.fromEntries(keys.filter((k) => store.has(k)).map((k) => [k, store.get(k)]));
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) store.delete(k);
    },
  });
  const browser = {
    storage: { local: area(local), session: area(new Map()), onChanged: { addListener() {} } },
    tabs: {
      async get(tabId: number) {
        return { id: tabId, url: `https://shop.example/item/${tabId}`, active: true, windowId: 1 };
      },
      async update() {},
      // The content script's answer to "collect": a small page, after a moment of work in the tab.
      async sendMessage(tabId: number) {
        await new Promise((r) => setTimeout(r, (tabId * 7) % 13));
        return {
          url: `https://shop.example/item/${tabId}`,
          title: `Item ${tabId}`,
          html: `<html><body>Python regius, item ${tabId}</body></html>`,
          htmlMethod: 'test',
          text: `Python regius, item ${tabId}`,
          viewport: { width: 800, height: 600, devicePixelRatio: 1 },
          scroll: { x: 0, y: 0 },
          documentHeight: 600,
          hitRects: [],
          timings: {},
        };
      },
    },
    runtime: {
      async sendMessage() {},
      getManifest: () => ({ version: '0.0.0-test' }),
    },
    i18n: { getMessage: (key: string, subs?: string | string[]) => `${key} ${[subs ?? []].flat().join(' ')}` },
  };
  return { local, browser };
});
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
// Node 20 has no navigator; the capture records the user agent.
vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (test)' });
vi.mock('../../../src/background/capture/images', () => ({
  captureViewport: async () => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }),
  annotateScreenshot: async () => ({
    png: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1])], { type: 'image/png' }),
    image: { width: 800, height: 600 },
    scale: { x: 1, y: 1 },
    drawn: [],
    outside: [],
  }),
  boxesOf: () => [],
  captureFullPage: async () => {
    throw new Error('not in this test');
  },
}));
vi.mock('../../../src/background/capture/findings', () => ({
  findingsForTab: async () => ({ hits: [], indicators: [], method: 'test' }),
  indicatorsOf: async () => [],
}));
vi.mock('../../../src/background/links/capture-hooks', async () => {
  const { RISK_ARTEFACT } = await vi.importActual<typeof import('../../../src/background/links/risk-record')>(
    '../../../src/background/links/risk-record',
  );
  return {
    linkNewCapture: async () => undefined,
    riskArtefact: async () => ({ name: RISK_ARTEFACT, mediaType: 'application/json', body: new Blob(['{}']) }),
  };
});
vi.mock('../../../src/background/capture/environment', () => ({
  browserDescription: async () => 'Chromium (test)',
  osDescription: async () => 'Linux (test)',
  lexiconVersionOf: async () => 'test',
}));
vi.mock('../../../src/background/capture/mhtml', () => ({ canSaveMhtml: () => false, saveMhtml: async () => null }));
vi.mock('../../../src/browser/evidence-db/quota', () => ({ checkQuota: async () => undefined }));
vi.mock('../../../src/background/capture/requested-url', () => ({
  requestedUrlRecord: async (tabId: number) => ({ url: `https://shop.example/item/${tabId}`, method: 'observed' }),
}));

const { captureTab } = await import('../../../src/background/capture/capture-tab');
const { evidenceStore } = await import('../../../src/browser/evidence-db/dexie-store');
const { activeCaseId } = await import('../../../src/background/evidence/service');
const { checkStoredCase } = await import('../../../src/engine/evidence/self-check');
const { verifyAuditChain } = await import('../../../src/engine/evidence/chain');
const { importPublicKey } = await import('../../../src/engine/evidence/signing');
const { installSigner } = await import('../../../src/background/evidence/service');

describe('a burst of captures', () => {
  beforeEach(async () => {
    await evidenceStore().db.delete();
    await evidenceStore().db.open();
    fake.local.clear();
  });

  it('stores all 100 of 100 concurrent captures, in one intact chain', async () => {
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => captureTab({ tabId: i + 1 })));
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
    expect(failed).toEqual([]);

    const caseId = (await activeCaseId())!;
    const store = evidenceStore();
    expect(await store.listCases()).toHaveLength(1);
    const captures = await store.listCaptures(caseId);
    expect(captures).toHaveLength(100);
    expect(captures.map((c) => c.body.sequence)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(new Set(captures.map((c) => c.body.metadata.finalUrl)).size).toBe(100);
    expect(await checkStoredCase(store, caseId)).toEqual([]);
    const audit = await store.listAudit();
    expect(audit.filter((a) => a.body.action === 'capture')).toHaveLength(100);
    const key = (await installSigner()).info;
    expect(await verifyAuditChain(audit, await importPublicKey(key), key.fingerprint)).toEqual([]);
  });
});
