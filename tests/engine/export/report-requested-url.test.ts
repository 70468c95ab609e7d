/**
 * The report's "Address requested" row: the URL when the extension saw the navigation start;
 * for a page loaded before the extension watched the tab, that it was not observed and why
 * (from the record's methods), never an empty field; older records without a reason keep "—".
 */
import { describe, expect, it } from 'vitest';
import { appendCapture } from '../../../src/engine/evidence/operations';
import { REQUESTED_URL_NOT_OBSERVED, REQUESTED_URL_OBSERVED } from '../../../src/engine/evidence/requested-url-method';
import { buildSampleCase, sampleMetadata } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';

const URL_ = 'https://market.example/item/1';

async function requestedRows(records: { requestedUrl: string; method?: string }[]): Promise<string[]> {
  const sc = await buildSampleCase({ captures: 0 });
  for (const [i, r] of records.entries()) {
    const base = sampleMetadata(sc.info, i, URL_);
    await appendCapture(
      sc.store,
      sc.signer,
      {
        caseId: sc.info.caseId,
        metadata: { ...base, requestedUrl: r.requestedUrl, methods: r.method ? { requestedUrl: r.method } : {} },
        artefacts: [{ name: 'text.txt', body: new TextEncoder().encode('Python regius for sale') }],
      },
      sc.opts,
    );
  }
  const html = text(unzip((await exportToBytes(sc)).zip)['report.html']);
  return [...html.matchAll(/<th[^>]*>Address requested<\/th>\s*<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
}

describe('report: the requested address', () => {
  it('gives the URL, says "not observed" with the reason, or "—" for records that give none', async () => {
    const rows = await requestedRows([
      { requestedUrl: URL_, method: REQUESTED_URL_OBSERVED },
      { requestedUrl: '', method: REQUESTED_URL_NOT_OBSERVED },
      { requestedUrl: '' },
    ]);
    expect(rows).toEqual([
      `<span class="mono wrap-anywhere">${URL_}</span>`,
      'Not observed (the page was loaded before Wildtrace started watching the tab; ' +
        'the final URL is the address the tab showed at capture time)',
      '—',
    ]);
  });
});
