import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import { onCaptureProgress } from '../../../messaging/capture-progress';
import type { CaseLinksView } from '../../../messaging/routes/links';
import { CaptureDetails } from './CaptureDetails';
import { CaseGraph } from './CaseGraph';
import { indicatorTypeLabel } from '../../shared/indicator-labels';
import { parseKey } from '../../../engine/links/keys';

/** The case view's links: captures sharing indicators with others, and the case graph. */
export function CaseLinks({ caseId, refresh = 0 }: { caseId: string; refresh?: number }) {
  const [view, setView] = useState<CaseLinksView | null>(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let stop = false;
    sendToBackground('links/case', { caseId }).then(
      (v) => {
        if (stop) return;
        setView(v);
        setError('');
      },
      (e: Error) => {
        if (!stop) setError(e.message);
      },
    );
    return () => void (stop = true);
  }, [caseId, refresh, tick]);
  useEffect(
    () =>
      onCaptureProgress((p) => {
        if (p.step === 'done') setTick((n) => n + 1);
      }),
    [],
  );

  const keyLabel = (key: string) => {
    const { type, value } = parseKey(key);
    return `${indicatorTypeLabel(type)} ${value}`;
  };
  return (
    <section class="case-links" aria-labelledby="case-links-heading" data-testid="case-links">
      <h3 id="case-links-heading">{t('lkCaseLinks')}</h3>
      {error && (
        <p class="toast error" role="alert">
          {error}
        </p>
      )}
      {view && view.captures.length === 0 && <p class="muted">{t('lkNoLinks')}</p>}
      {view && view.captures.length > 0 && (
        <ul class="captures plain-list" data-testid="linked-captures">
          {view.captures.map((c) => (
            <li key={c.capture.captureId}>
              <strong>#{c.capture.sequence + 1}</strong> {c.capture.title || c.capture.url}
              <ul class="linked-list plain-list">
                {c.linked.map((l) => (
                  <li key={l.captureId}>
                    <CaptureDetails capture={l} />
                    <div class="small">{t('lkShares', l.keys.map(keyLabel).join(', '))}</div>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {view && <CaseGraph graph={view.graph} />}
      <RebuildIndex onDone={() => setTick((n) => n + 1)} />
    </section>
  );
}

/** Rebuilds the index from every stored capture (it also heals itself; this is the manual way). */
function RebuildIndex({ onDone }: { onDone: () => void }) {
  const [status, setStatus] = useState('');
  const [failed, setFailed] = useState(false);
  const run = async () => {
    try {
      const r = await sendToBackground('links/rebuild', {});
      setStatus(t('lkRebuilt', [String(r.captures), String(r.keys)]));
      setFailed(false);
      onDone();
    } catch (e) {
      setStatus((e as Error).message);
      setFailed(true);
    }
  };
  return (
    <p>
      <button type="button" onClick={() => void run()}>
        {t('lkRebuild')}
      </button>{' '}
      {status && (
        <span class={`status ${failed ? 'error' : 'ok'}`} role="status">
          {status}
        </span>
      )}
    </p>
  );
}
