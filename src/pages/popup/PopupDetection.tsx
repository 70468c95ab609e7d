import { t } from '../../browser/i18n';
import { useTabDetection } from '../shared/use-tab-detection';

/** The popup's one-line view of live detection: mentions on the page and the sale-offer risk. */
export function PopupDetection({ tabId }: { tabId: number | undefined }) {
  const view = useTabDetection(tabId);
  if (!view) return null;
  const mentions = view.hits.filter((h) => h.kind !== 'cue').length;
  return (
    <dl class="summary" data-testid="popup-detection">
      <dt>{t('popupMentions')}</dt>
      <dd data-testid="popup-mentions">{mentions}</dd>
      <dt>{t('popupRisk')}</dt>
      <dd data-testid="popup-risk">{view.page.score} / 100</dd>
    </dl>
  );
}
