import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import type { Settings } from '../../engine/settings/settings';
import { EvidenceOptions } from './EvidenceOptions';
import { TrainingLinks } from '../shared/TrainingLinks';
import { LexiconSettings } from './LexiconSettings';
import { RemovalOptions } from './RemovalOptions';
import { WatchlistSettings } from './WatchlistSettings';
import { RefitModel } from './RefitModel';
import '../shared/page';
import './options.css';

/** The officer and browsing settings: one form, one Save. */
function CoreSettings() {
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
    <form onSubmit={save} class="core-settings">
      <section class="section" aria-labelledby="officer-heading">
        <h2 id="officer-heading">{t('optOfficerTitle')}</h2>
        <p class="section-help">{t('optOfficerHelp')}</p>
        <label>
          {t('officerName')}
          <input
            type="text"
            name="officerName"
            autoComplete="name"
            value={settings.officerName}
            onInput={(e) => setSettings({ ...settings, officerName: e.currentTarget.value })}
          />
        </label>
        <label>
          {t('agency')}
          <input
            type="text"
            name="agency"
            autoComplete="organization"
            value={settings.agency}
            onInput={(e) => setSettings({ ...settings, agency: e.currentTarget.value })}
          />
        </label>
      </section>
      <section class="section" aria-labelledby="browsing-heading">
        <h2 id="browsing-heading">{t('optBrowsingTitle')}</h2>
        <p class="section-help">{t('optBrowsingHelp')}</p>
        <label class="check">
          <input
            type="checkbox"
            name="covertMode"
            aria-describedby="covert-help"
            checked={settings.covertMode}
            onChange={(e) => setSettings({ ...settings, covertMode: e.currentTarget.checked })}
          />
          <span>{t('covertMode')}</span>
        </label>
        <p class="field-help" id="covert-help">
          {t('covertModeHelp')}
        </p>
        <label>
          {t('phoneRegion')}
          <input
            type="text"
            name="phoneRegion"
            class="short"
            value={settings.phoneRegion}
            maxLength={2}
            size={3}
            autoComplete="off"
            aria-describedby="phone-region-help"
            onInput={(e) => setSettings({ ...settings, phoneRegion: e.currentTarget.value.toUpperCase() })}
          />
        </label>
        <p class="field-help" id="phone-region-help">
          {t('phoneRegionHelp')}
        </p>
        <div class="actions">
          <button type="submit" class="primary">
            {t('save')}
          </button>
          <p class="status" role="status" data-testid="status">
            {status}
          </p>
        </div>
      </section>
    </form>
  );
}

function OptionsPage() {
  return (
    <main class="options">
      <header class="page-head">
        <h1>{t('optionsTitle')}</h1>
        <p class="muted">{t('optionsIntro')}</p>
      </header>
      <CoreSettings />
      <EvidenceOptions />
      <RemovalOptions />
      <LexiconSettings />
      <WatchlistSettings />
      <RefitModel />
      <section class="section" aria-labelledby="training-heading">
        <h2 id="training-heading">{t('training')}</h2>
        <p class="section-help">{t('optTrainingHelp')}</p>
        <div class="actions">
          <TrainingLinks />
        </div>
      </section>
      <footer class="page-foot muted small">{t('dataCredit')}</footer>
    </main>
  );
}

document.title = t('optionsTitle');
render(<OptionsPage />, document.getElementById('app')!);
