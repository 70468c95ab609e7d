/**
 * The bundled training pages, opened inside the extension in real Chromium: each page's required
 * hits (assets/training/expected.json) reach the side panel's data, and each page gets its
 * expected sale-offer verdict. Known gaps (`gap`, `saleOfferGap`) are skipped here and tracked as
 * expected failures by tests/engine/training/matcher.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HitView, TabDetection } from '../../src/messaging/routes/detection';
import {
  eventually,
  launchWithExtension,
  REPO,
  type ExtensionSession,
  closeGuarded,
  detected,
} from '../support/extension-harness';

interface ExpectedHit {
  text: string;
  kind: string;
  taxon?: string | string[];
  tactics?: string[];
  optional?: boolean;
  gap?: string;
  dynamic?: boolean;
}
interface ExpectedPage {
  page: string;
  saleOffer: boolean | null;
  saleOfferGap?: string;
  hits: ExpectedHit[];
}

const expected = JSON.parse(readFileSync(join(REPO, 'assets/training/expected.json'), 'utf8')) as {
  pages: ExpectedPage[];
};
const pages = expected.pages.filter((p) => p.saleOffer !== null);

let ext: ExtensionSession;
beforeAll(async () => {
  ext = await launchWithExtension([]);
});
afterAll(() => closeGuarded(ext));

/** Opens a training page and waits until its detection results stop changing. */
async function detect(page: string): Promise<TabDetection> {
  const tab = await ext.openExtensionPage(`training/${page}`);
  const url = tab.url();
  const worker = await ext.currentWorker();
  const tabId = await eventually(
    () => worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url),
    10_000,
    'the tab',
  );
  let last = -1;
  const result = await detected(
    ext,
    tabId,
    async (det) => {
      if (det.hits.length === 0) return undefined;
      if (det.revision !== last) {
        last = det.revision;
        await new Promise((r) => setTimeout(r, 400));
        return undefined;
      }
      return det;
    },
    `results for ${page}`,
  );
  await tab.close();
  return result;
}

function found(want: ExpectedHit, hits: HitView[]): boolean {
  const taxa = want.taxon === undefined ? undefined : [want.taxon].flat();
  const text = want.text.toLowerCase();
  return hits.some((h) => {
    const got = h.text.toLowerCase();
    return (
      (got.includes(text) || text.includes(got)) &&
      h.kind === want.kind &&
      (!taxa || taxa.includes(h.taxon?.name ?? '')) &&
      (want.tactics ?? []).every((t) => (h.tactics as string[]).includes(t))
    );
  });
}

describe('training pages in the extension', () => {
  it.each(pages.map((p) => [p.page, p] as const))('%s', async (_name, page) => {
    const det = await detect(page.page);
    const required = page.hits.filter((h) => !h.optional && !h.gap && !h.dynamic);
    const missing = required.filter((h) => !found(h, det.hits)).map((h) => `${h.kind} "${h.text}"`);
    expect(missing).toEqual([]);
    if (!page.saleOfferGap) expect(det.page.saleOffer).toBe(page.saleOffer);
  });
});
