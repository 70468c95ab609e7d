import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import type { TrainerState } from '../../../messaging/routes/detection';

/** Trainer mode for the tab and its site: paints the hits in the page (visible to the site). */
export function TrainerSwitches({ tabId }: { tabId: number }) {
  const [state, setState] = useState<TrainerState>();
  useEffect(() => {
    void sendToBackground('detection/trainer/get', { tabId })
      .then(setState)
      .catch(() => undefined);
  }, [tabId]);
  const set = async (scope: 'tab' | 'site', on: boolean) =>
    setState(await sendToBackground('detection/trainer/set', { tabId, scope, on }));
  if (!state) return null;
  return (
    <fieldset class="trainer" data-testid="trainer">
      <legend>{t('trainerTitle')}</legend>
      <p class="muted small">{t('trainerExplain')}</p>
      <label class="check">
        <input
          type="checkbox"
          name="trainerTab"
          checked={state.tab}
          onChange={(e) => void set('tab', e.currentTarget.checked)}
        />
        <span>{t('trainerThisTab')}</span>
      </label>
      {state.origin && (
        <label class="check">
          <input
            type="checkbox"
            name="trainerSite"
            checked={state.site}
            onChange={(e) => void set('site', e.currentTarget.checked)}
          />
          <span>{t('trainerThisSite', [state.origin])}</span>
        </label>
      )}
    </fieldset>
  );
}
