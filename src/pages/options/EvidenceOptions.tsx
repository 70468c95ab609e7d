import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import { requestPersistentStorage } from '../../browser/evidence-db/quota';
import { formatFingerprint, type PublicKeyInfo } from '../../engine/evidence/signing';
import type { EvidenceSettingsView } from '../../messaging/routes/evidence';
import '../shared/evidence.css';

/** Evidence options: the signing key's fingerprint, the online identity, the full-page image. */
export function EvidenceOptions() {
  const [key, setKey] = useState<PublicKeyInfo>();
  const [settings, setSettings] = useState<EvidenceSettingsView>();
  const [persisted, setPersisted] = useState<boolean>();
  const [status, setStatus] = useState('');
  useEffect(() => {
    sendToBackground('evidence/public-key', {}).then(setKey, (e: Error) => setStatus(e.message));
    sendToBackground('evidence/settings-get', {}).then(setSettings, (e: Error) => setStatus(e.message));
    void requestPersistentStorage().then(setPersisted, () => setPersisted(false));
  }, []);
  // A section with its own Save button (type=button): the options page's main form keeps the
  // only submit button.
  const save = async () => {
    if (!settings) return;
    try {
      setSettings(await sendToBackground('evidence/settings-set', settings));
      setStatus(t('evOptionsSaved'));
    } catch (err) {
      setStatus((err as Error).message);
    }
  };
  return (
    <section class="evidence" aria-labelledby="evidence-options-heading">
      <h2 id="evidence-options-heading">{t('evOptionsTitle')}</h2>
      <p>
        {t('evOptionsFingerprint')}<br />
        <code data-testid="key-fingerprint">{key ? formatFingerprint(key.fingerprint) : '…'}</code>
      </p>
      <p class="muted">{t('evOptionsFingerprintHelp')}</p>
      {settings && (
        <>
          <label>
            {t('evOptionsIdentity')}
            <input type="text" name="onlineIdentity" value={settings.onlineIdentity}
              onInput={(e) => setSettings({ ...settings, onlineIdentity: e.currentTarget.value })} />
          </label>
          <label>
            <input type="checkbox" name="fullPage" checked={settings.fullPage}
              onChange={(e) => setSettings({ ...settings, fullPage: e.currentTarget.checked })} />{' '}
            {t('evOptionsFullPage')}
          </label>
          <p class="muted">{t('evOptionsFullPageHelp')}</p>
          <label>
            {t('evOptionsTsa')}
            <input type="url" name="tsaUrl" value={settings.tsaUrl} placeholder="http://127.0.0.1:3180/tsa"
              onInput={(e) => setSettings({ ...settings, tsaUrl: e.currentTarget.value })} />
          </label>
          <p class="muted">{t('evOptionsTsaHelp')}</p>
          <button type="button" data-testid="evidence-save" onClick={() => void save()}>{t('evOptionsSave')}</button>
        </>
      )}
      <p class="muted">{persisted === undefined ? '' : persisted ? t('evOptionsPersisted') : t('evOptionsNotPersisted')}</p>
      <p class="status" role="status" data-testid="evidence-status">{status}</p>
      <p><a href="/verify.html" target="_blank" rel="noopener">{t('evVerifyLink')}</a></p>
    </section>
  );
}
