import browser from 'webextension-polyfill';
import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../../messaging/send';
import type { TabDetection } from '../../messaging/routes/detection';
import { onDetectionChange } from '../../messaging/detection-changes';

/**
 * The tab's detection results: asked again the moment the background announces a change (when it
 * sets the badge), when it writes them, and every few seconds (a worker restart sends nothing).
 */
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
    const unsubscribe = onDetectionChange((change) => {
      if (change.tabId === tabId && change.revision !== revision) void refresh();
    });
    return () => {
      stop = true;
      clearInterval(timer);
      browser.storage.onChanged.removeListener(onChanged);
      unsubscribe();
    };
  }, [tabId, pollMs]);
  return view;
}
