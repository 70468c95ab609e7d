/**
 * Listing labels from the side panel: stored with the newest capture of the page that holds the
 * listing, else with a capture taken for it; changed and cleared from the captures list.
 */
import { describe, expect, it, vi } from 'vitest';
import { labelCapture, labelListing, listingLabelsOfPage } from '../../../src/background/evidence/labels';
import { listingSubject } from '../../../src/engine/evidence/labels';
import { buildSampleCase } from '../../support/evidence-fixture';

const URL0 = 'https://market.example/item/0?q=<script>alert(1)</script>';

async function setup() {
  const sc = await buildSampleCase({ captures: 2 });
  const [c0] = await sc.store.listCaptures(sc.info.caseId);
  const queued = { count: 0 };
  const queue = <T>(w: () => Promise<T>): Promise<T> => {
    queued.count++;
    return w();
  };
  const capture = vi.fn(async () => ({ captureId: c0.body.captureId, sequence: 0 }));
  const deps = { store: sc.store, signer: sc.signer, author: 'Jane Doe', queue, capture, caseId: sc.info.caseId };
  return { sc, c0, deps, queued };
}

describe('labelling a listing of the open tab', () => {
  it('goes to the capture whose text holds the listing, through the write queue', async () => {
    const { c0, deps, queued } = await setup();
    // text.txt of capture #1 holds this sentence.
    const r = await labelListing(deps, { url: URL0, text: 'Ball  Python regius\nfor sale', label: 'offer' });
    expect(r.record.body.captureId).toBe(c0.body.captureId);
    expect(r.captured).toBeUndefined();
    expect(deps.capture).not.toHaveBeenCalled();
    expect(queued.count).toBe(1);
    expect(r.record.body.subject).toEqual(await listingSubject('Ball Python regius for sale'));
  });

  it('captures the page first when no capture holds it, and finds that capture next time', async () => {
    const { c0, deps } = await setup();
    const listing = { url: URL0, text: 'Ivory bangle, 300 USD, DM me', label: 'offer' as const };
    const first = await labelListing(deps, listing);
    expect(first.captured).toEqual({ captureId: c0.body.captureId, sequence: 0 });
    const second = await labelListing(deps, { ...listing, label: 'not-offer' });
    expect(deps.capture).toHaveBeenCalledTimes(1);
    expect(second.record.body.supersedes).toBe(first.record.hash);
    const labels = await listingLabelsOfPage(deps.store, deps.caseId, URL0);
    expect([...labels.values()]).toEqual(['not-offer']);
  });

  it('refuses to clear a listing nobody labelled, without capturing', async () => {
    const { deps } = await setup();
    await expect(labelListing(deps, { url: URL0, text: 'Some listing', label: null })).rejects.toThrow(
      /no label to clear/,
    );
    expect(deps.capture).not.toHaveBeenCalled();
  });

  it('changes and clears a listing label from the captures list by its key', async () => {
    const { c0, deps } = await setup();
    const first = await labelListing(deps, { url: URL0, text: 'Ball Python regius for sale', label: 'offer' });
    const key = first.record.body.subject.kind === 'listing' ? first.record.body.subject.key : '';
    const cleared = await labelCapture(deps, { captureId: c0.body.captureId, listingKey: key, label: null });
    expect(cleared.body.subject).toEqual(first.record.body.subject);
    expect((await listingLabelsOfPage(deps.store, deps.caseId, URL0)).size).toBe(0);
    await expect(
      labelCapture(deps, { captureId: c0.body.captureId, listingKey: 'f'.repeat(64), label: 'offer' }),
    ).rejects.toThrow(/no label on this capture/);
    const page = await labelCapture(deps, { captureId: c0.body.captureId, label: 'not-offer' });
    expect(page.body.subject).toEqual({ kind: 'page' });
  });
});
