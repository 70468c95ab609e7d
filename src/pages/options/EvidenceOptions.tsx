import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import { requestPersistentStorage } from '../../browser/evidence-db/quota';
import { formatFingerprint, type PublicKeyInfo } from '../../engine/evidence/signing';
import type { EvidenceSettingsView } from '../../messaging/routes/evidence';

/** Evidence options: the signing key's fingerprint (with Copy), the online identity, the full-page image, the TSA. */
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
    <section class="section evidence-options" aria-labelledby="evidence-options-heading">
      <h2 id="evidence-options-heading">{t('evOptionsTitle')}</h2>
      <p class="section-help">{t('evOptionsHelp')}</p>
      <Fingerprint fingerprint={key?.fingerprint} />
      {settings && (
        <>
          <label>
            {t('evOptionsIdentity')}
            <input
              type="text"
              name="onlineIdentity"
              value={settings.onlineIdentity}
              onInput={(e) => setSettings({ ...settings, onlineIdentity: e.currentTarget.value })}
            />
          </label>
          <label class="check">
            <input
              type="checkbox"
              name="fullPage"
              aria-describedby="full-page-help"
              checked={settings.fullPage}
              onChange={(e) => setSettings({ ...settings, fullPage: e.currentTarget.checked })}
            />
            <span>{t('evOptionsFullPage')}</span>
          </label>
          <p class="field-help" id="full-page-help">
            {t('evOptionsFullPageHelp')}
          </p>
          <label>
            {t('evOptionsTsa')}
            <input
              type="url"
              name="tsaUrl"
              aria-describedby="tsa-help"
              value={settings.tsaUrl}
              placeholder="http://127.0.0.1:3180/tsa"
              onInput={(e) => setSettings({ ...settings, tsaUrl: e.currentTarget.value })}
            />
          </label>
          <p class="field-help" id="tsa-help">
            {t('evOptionsTsaHelp')}
          </p>
          <div class="actions">
            <button type="button" class="primary" data-testid="evidence-save" onClick={() => void save()}>
              {t('evOptionsSave')}
            </button>
            <p class="status" role="status" data-testid="evidence-status">
              {status}
            </p>
          </div>
        </>
      )}
      {persisted !== undefined && (
        <p class="muted small">{persisted ? t('evOptionsPersisted') : t('evOptionsNotPersisted')}</p>
      )}
      <p>
        <a href="/verify.html" target="_blank" rel="noopener">
          {t('evVerifyLink')}
        </a>
      </p>
    </section>
  );
}

/** The signing key's fingerprint, in groups of four, with a button that copies it. */
function Fingerprint({ fingerprint }: { fingerprint?: string }) {
  const [copied, setCopied] = useState<{ text: string; ok: boolean }>();
  const code = useRef<HTMLElement>(null);
  const text = fingerprint ? formatFingerprint(fingerprint) : '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied({ text: t('fingerprintCopied'), ok: true });
    } catch {
      // No clipboard (a policy, or the page lost focus): select it for Ctrl+C instead.
      const range = document.createRange();
      if (code.current) range.selectNodeContents(code.current);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      setCopied({ text: t('fingerprintCopyFailed'), ok: false });
    }
  };
  return (
    <div class="fingerprint" role="group" aria-labelledby="fingerprint-label">
      <p id="fingerprint-label" class="fingerprint-label">
        {t('evOptionsFingerprint')}
      </p>
      <div class="fingerprint-box">
        <code ref={code} data-testid="key-fingerprint">
          {text || '…'}
        </code>
        <button
          type="button"
          class="compact"
          data-testid="copy-fingerprint"
          disabled={!text}
          onClick={() => void copy()}
        >
          {t('copy')}
        </button>
      </div>
      <p class="field-help fingerprint-help">{t('evOptionsFingerprintHelp')}</p>
      <p class={`status small ${copied?.ok ? 'ok' : 'warn'}`} role="status" data-testid="copy-status">
        {copied?.text}
      </p>
    </div>
  );
}
