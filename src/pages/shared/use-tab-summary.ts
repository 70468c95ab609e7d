import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../../messaging/send';
import type { TabSummary } from '../../engine/text/page-summary';
import { activeTabId } from './active-tab';

/** The active tab's id and summary, refreshed while the page stays open. */
export function useTabSummary(refreshMs = 1000): { tabId?: number; summary: TabSummary | null | undefined } {
  const [tabId, setTabId] = useState<number>();
  const [summary, setSummary] = useState<TabSummary | null | undefined>(undefined);
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      const id = await activeTabId();
      if (stop) return;
      setTabId(id);
      setSummary(id === undefined ? null : await sendToBackground('tab/summary', { tabId: id }));
    };
    void tick();
    const timer = setInterval(() => void tick(), refreshMs);
    return () => ((stop = true), clearInterval(timer));
  }, [refreshMs]);
  return { tabId, summary };
}
