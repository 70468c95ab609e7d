/** The words the removal views use for kinds, languages, channels and outcomes. */
import { t } from '../../browser/i18n';
import type { CheckOutcome, NoticeChannel, NoticeLanguage, PlatformKind } from '../../engine/removal/model';

export const kindLabel = (k: PlatformKind): string =>
  ({ marketplace: t('rmKindMarketplace'), social: t('rmKindSocial'), classifieds: t('rmKindClassifieds') })[k];

export const languageLabel = (l: NoticeLanguage): string =>
  ({ en: t('rmLangEn'), es: t('rmLangEs'), fr: t('rmLangFr') })[l];

export const channelLabel = (c: NoticeChannel): string =>
  ({ 'report-form': t('rmChannelForm'), email: t('rmChannelEmail'), letter: t('rmChannelLetter') })[c];

export const outcomeLabel = (o: CheckOutcome): string =>
  ({
    removed: t('rmOutcomeRemoved'),
    'still-online': t('rmOutcomeStillOnline'),
    changed: t('rmOutcomeChanged'),
    inconclusive: t('rmOutcomeInconclusive'),
  })[o];

/** The pill colour of an outcome. */
export const outcomeTone = (o: CheckOutcome | null): string =>
  o === 'removed' ? 'ok' : o === 'still-online' ? 'danger' : o === null ? 'info' : 'warn';
