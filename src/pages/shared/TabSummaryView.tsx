import type { TabSummary } from '../../engine/text/page-summary';
import { t } from '../../browser/i18n';

/** The content script's report for a tab: title, address, words and characters. */
export function TabSummaryView({ summary }: { summary: TabSummary | null | undefined }) {
  if (summary === undefined) return <p class="muted">{t('loading')}</p>;
  if (summary === null)
    return (
      <p class="muted" data-testid="no-summary">
        {t('noSummary')}
      </p>
    );
  return (
    <dl class="facts" data-testid="tab-summary">
      <dt>{t('pageTitle')}</dt>
      <dd>{summary.title || '—'}</dd>
      <dt>{t('pageUrl')}</dt>
      <dd class="url wrap-anywhere">{summary.url}</dd>
      <dt>{t('wordCount')}</dt>
      <dd data-testid="word-count">{summary.wordCount.toLocaleString()}</dd>
      <dt>{t('textLength')}</dt>
      <dd>{summary.textLength.toLocaleString()}</dd>
      <dt>{t('frames')}</dt>
      <dd>{summary.frames}</dd>
    </dl>
  );
}
