import { useEffect, useState } from 'preact/hooks';
import type { OfferLabel } from '../../../engine/evidence/model';
import { onCaptureProgress } from '../../../messaging/capture-progress';
import type { ListingLabelView } from '../../../messaging/routes/evidence';
import { sendToBackground } from '../../../messaging/send';

/** The officer's labels of the tab's listings ("frameId:blockId" → label), and a way to set one. */
export function useListingLabels(tabId: number | undefined, revision: number) {
  const [labels, setLabels] = useState<Map<string, OfferLabel>>(new Map());
  const [notice, setNotice] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (tabId === undefined) return;
    let live = true;
    sendToBackground('evidence/listing-labels', { tabId })
      .then((list: ListingLabelView[]) => {
        if (live) setLabels(new Map(list.map((l) => [`${l.frameId}:${l.blockId}`, l.label])));
      })
      // The labels are shown again on the next change; the listings stay usable meanwhile.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [tabId, revision, tick]);
  useEffect(
    () =>
      onCaptureProgress((p) => {
        if (p.step === 'done') setTick((n) => n + 1);
      }),
    [],
  );
  const set = async (frameId: number, blockId: number, label: OfferLabel | null) => {
    if (tabId === undefined) return;
    const r = await sendToBackground('evidence/listing-label', { tabId, frameId, blockId, label });
    setNotice(r.captured ? String(r.captured.number) : '');
    setTick((n) => n + 1);
    return r;
  };
  return { labels, set, notice };
}
