import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import type { Settings } from '../../engine/settings/settings';
import { EvidenceOptions } from './EvidenceOptions';
import { TrainingLinks } from '../shared/TrainingLinks';
import { LexiconSettings } from './LexiconSettings';
import '../shared/base.css';

function Options() {
  const [settings, setSettings] = useState<Settings>();
  const [status, setStatus] = useState('');
  useEffect(() => {
    sendToBackground('settings/get', {}).then(setSettings, (e: Error) => setStatus(e.message));
  }, []);
  if (!settings) return <p class="status">{status || t('loading')}</p>;

  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const saved = await sendToBackground('settings/set', settings);
      setSettings(saved);
      // The background keeps only a region the phone parser knows.
      const asked = settings.phoneRegion.trim().toUpperCase();
      setStatus(asked && asked !== saved.phoneRegion ? t('phoneRegionUnknown', asked) : t('saved'));
    } catch (err) {
      setStatus(t('saveFailed', (err as Error).message));
    }
  };
  return (
    <>
    <form onSubmit={save}>
      <h1>{t('optionsTitle')}</h1>
      <label>
        {t('officerName')}
        <input type="text" name="officerName" value={settings.officerName}
          onInput={(e) => setSettings({ ...settings, officerName: e.currentTarget.value })} />
      </label>
      <label>
        {t('agency')}
        <input type="text" name="agency" value={settings.agency}
          onInput={(e) => setSettings({ ...settings, agency: e.currentTarget.value })} />
      </label>
      <label>
        <input type="checkbox" name="covertMode" checked={settings.covertMode}
          onChange={(e) => setSettings({ ...settings, covertMode: e.currentTarget.checked })} />{' '}
        {t('covertMode')}
      </label>
      <p class="muted">{t('covertModeHelp')}</p>
      <label>
        {t('phoneRegion')}
        <input type="text" name="phoneRegion" value={settings.phoneRegion} maxLength={2} size={3} autoComplete="off"
          aria-describedby="phone-region-help"
          onInput={(e) => setSettings({ ...settings, phoneRegion: e.currentTarget.value.toUpperCase() })} />
      </label>
      <p class="muted" id="phone-region-help">{t('phoneRegionHelp')}</p>
      <button type="submit">{t('save')}</button>
      <p class="status" role="status" data-testid="status">{status}</p>
    </form>
    <LexiconSettings />
    <section>
      <h2>{t('training')}</h2>
      <div class="actions"><TrainingLinks /></div>
    </section>
    </>
  );
}

document.title = t('optionsTitle');
render(<><Options /><EvidenceOptions /></>, document.getElementById('app')!);
