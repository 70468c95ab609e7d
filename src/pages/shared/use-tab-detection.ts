import browser from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../../messaging/send';
import type { TabDetection } from '../../messaging/routes/detection';

/** The tab's detection results, refreshed when the background writes them and every few seconds. */
export function useTabDetection(tabId: number | undefined, pollMs = 1500): TabDetection | null | undefined {
  const [view, setView] = useState<TabDetection | null | undefined>(undefined);
  useEffect(() => {
    if (tabId === undefined) return;
    let stop = false;
    let revision = -1;
    const refresh = async () => {
      try {
        const next = await sendToBackground('detection/tab', { tabId });
        if (stop) return;
        if (!next) setView(null);
        else if (next.revision !== revision) {
          revision = next.revision;
          setView(next);
        }
      } catch {
        // The worker is restarting; the next tick asks again.
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), pollMs);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && `detect:${tabId}` in changes) void refresh();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      stop = true;
      clearInterval(timer);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId, pollMs]);
  return view;
}
