import { useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';

/** Scrolls the tab to a piece of a block's text (covert mode: the one act the page can notice). */
export type Reveal = (frameId: number, blockId: number, start: number, end: number) => void;

/** A reveal function for the tab, and the notice to show when the text is gone from the page. */
export function useReveal(tabId: number | undefined): { reveal: Reveal; notice: string } {
  const [notice, setNotice] = useState('');
  const reveal: Reveal = (frameId, blockId, start, end) => {
    if (tabId === undefined) return;
    sendToBackground('detection/reveal', { tabId, frameId, blockId, start, end }).then(
      ({ shown }) => setNotice(shown ? '' : t('detectionRevealGone')),
      () => setNotice(t('detectionRevealGone')),
    );
  };
  return { reveal, notice };
}
