import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import { onCaptureProgress } from '../../../messaging/capture-progress';
import type { SeenBeforeView } from '../../../messaging/routes/links';
import { CaptureDetails } from './CaptureDetails';
import { indicatorTypeLabel } from '../../shared/indicator-labels';

/**
 * "Seen before": the current page's identifying indicators (from live detection) that other
 * stored captures share, each with links to those captures. Captures of this very page are only
 * counted (the background leaves them out). Silent when nothing is shared.
 */
export function SeenBefore({ tabId, pollMs = 2500 }: { tabId?: number; pollMs?: number }) {
  const [view, setView] = useState<SeenBeforeView | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (tabId === undefined) return;
    let stop = false;
    let last = '';
    const refresh = async () => {
      try {
        const next = await sendToBackground('links/seen-before', { tabId });
        const text = JSON.stringify(next);
        // Only re-render on change, so an open details box stays open.
        if (!stop && text !== last) {
          last = text;
          setView(next);
        }
        if (!stop) setError('');
      } catch (e) {
        if (!stop) setError((e as Error).message);
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), pollMs);
    const off = onCaptureProgress((p) => {
      if (p.step === 'done') void refresh();
    });
    return () => ((stop = true), clearInterval(timer), off());
  }, [tabId, pollMs]);

  if (error)
    return (
      <p class="toast error" role="alert">
        {error}
      </p>
    );
  if (!view || view.items.length === 0) return null;
  return (
    <section class="seen-before card alert" aria-labelledby="seen-before-heading" data-testid="seen-before">
      <h2 id="seen-before-heading">{t('lkSeenBefore')}</h2>
      <p class="muted small">{t('lkSeenBeforeIntro', [String(view.items.length), String(view.checked)])}</p>
      <ul class="seen-items plain-list">
        {view.items.map((item) => (
          <li key={item.key} data-testid="seen-item" data-key={item.key}>
            <p class="seen-indicator">
              <span class="pill">{indicatorTypeLabel(item.type)}</span> <strong>{item.shown}</strong>
              {item.shown !== item.value && <span class="muted small"> ({item.value})</span>}{' '}
              <span class="muted small">{t('lkInCaptures', String(item.captures.length))}</span>
            </p>
            <ul class="linked-list plain-list">
              {item.captures.map((c) => (
                <li key={c.captureId}>
                  <CaptureDetails capture={c} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {!!view.samePageCaptures && (
        <p class="muted small" data-testid="seen-same-page">
          {t('lkSamePageCaptures', String(view.samePageCaptures))}
        </p>
      )}
    </section>
  );
}
