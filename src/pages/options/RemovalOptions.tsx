import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import { type NoticeLanguage, type NoticeTemplate, type PlatformKind } from '../../engine/removal/model';
import { DEFAULT_TEMPLATES } from '../../engine/removal/templates';
import type { RemovalSettings } from '../../engine/removal/settings';
import { NoticeKindFields } from '../shared/NoticeKindFields';

/**
 * Removal-request options: the contact and legal-basis line every notice carries, the re-check
 * reminder, and the agency's own template for each kind of site and language.
 */
export function RemovalOptions() {
  const [settings, setSettings] = useState<RemovalSettings>();
  const [kind, setKind] = useState<PlatformKind>('marketplace');
  const [lang, setLang] = useState<NoticeLanguage>('en');
  const [draft, setDraft] = useState<NoticeTemplate>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    sendToBackground('removal/settings-get', {}).then(setSettings, (e: Error) => setError(e.message));
  }, []);
  const custom = settings?.templates[kind]?.[lang];
  useEffect(() => setDraft(custom ?? DEFAULT_TEMPLATES[kind][lang]), [settings, kind, lang]);
  if (!settings || !draft) return null;

  const save = async (templates?: RemovalSettings['templates'] | Record<string, Record<string, null>>) => {
    setStatus('');
    setError('');
    try {
      setSettings(
        await sendToBackground('removal/settings-set', {
          contact: settings.contact,
          legalBasis: settings.legalBasis,
          reminderDays: settings.reminderDays,
          ...(templates ? { templates } : {}),
        }),
      );
      setStatus(t('rmSaved'));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const unchanged =
    draft.subject === DEFAULT_TEMPLATES[kind][lang].subject && draft.body === DEFAULT_TEMPLATES[kind][lang].body;
  return (
    <section class="section removal-options" aria-labelledby="removal-options-heading">
      <h2 id="removal-options-heading">{t('rmOptionsHeading')}</h2>
      <p class="section-help">{t('rmOptionsHelp')}</p>
      <label>
        {t('rmContact')}
        <input
          type="text"
          name="removalContact"
          value={settings.contact}
          onInput={(e) => setSettings({ ...settings, contact: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('rmLegalBasis')}
        <textarea
          name="legalBasis"
          rows={2}
          value={settings.legalBasis}
          onInput={(e) => setSettings({ ...settings, legalBasis: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('rmReminderDays')}
        <input
          type="number"
          name="reminderDays"
          min={0}
          max={365}
          value={settings.reminderDays}
          onInput={(e) => setSettings({ ...settings, reminderDays: Number(e.currentTarget.value) || 0 })}
        />
      </label>
      <fieldset>
        <legend>{t('rmTemplate')}</legend>
        <NoticeKindFields kind={kind} language={lang} onKind={setKind} onLanguage={setLang} />
        <p class="field-help">{custom ? t('rmTemplateCustom') : t('rmTemplateDefault')}</p>
        <label>
          {t('rmSubject')}
          <input
            type="text"
            name="templateSubject"
            value={draft.subject}
            onInput={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
          />
        </label>
        <label>
          {t('rmTemplateBody')}
          <textarea
            name="templateBody"
            rows={14}
            value={draft.body}
            onInput={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
          />
        </label>
        {custom && (
          <p class="actions">
            <button type="button" onClick={() => void save({ [kind]: { [lang]: null } })}>
              {t('rmRestoreDefault')}
            </button>
          </p>
        )}
      </fieldset>
      <p class="actions">
        <button
          type="button"
          class="primary"
          onClick={() => void save(unchanged && !custom ? undefined : { [kind]: { [lang]: draft } })}
        >
          {t('rmSave')}
        </button>
      </p>
      {status && (
        <p class="status ok" role="status">
          {status}
        </p>
      )}
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
