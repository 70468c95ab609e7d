/** The kind of site and the language of a removal notice: chosen alike in the options and the side panel. */
import { t } from '../../browser/i18n';
import { NOTICE_LANGUAGES, PLATFORM_KINDS, type NoticeLanguage, type PlatformKind } from '../../engine/removal/model';
import { kindLabel, languageLabel } from './removal-labels';

export function NoticeKindFields(props: {
  kind: PlatformKind;
  language: NoticeLanguage;
  onKind: (kind: PlatformKind) => void;
  onLanguage: (language: NoticeLanguage) => void;
}) {
  return (
    <div class="row">
      <label>
        {t('rmKind')}
        <select
          value={props.kind}
          onChange={(e) => props.onKind(e.currentTarget.value as PlatformKind)}
          data-testid="rm-kind"
        >
          {PLATFORM_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('rmLanguage')}
        <select
          value={props.language}
          onChange={(e) => props.onLanguage(e.currentTarget.value as NoticeLanguage)}
          data-testid="rm-language"
        >
          {NOTICE_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {languageLabel(l)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
