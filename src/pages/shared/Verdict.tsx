import { t } from '../../browser/i18n';
import { strictestAppendix } from '../../engine/matcher/paint-kind';
import type { TabDetection } from '../../messaging/routes/detection';
import { distinctMentions, reasonsOf, riskLevel, type RiskLevel } from './findings-view';
import { reasonLabel } from './indicator-labels';
import './findings.css';

const LABEL: Record<RiskLevel, string> = { high: 'verdictOffer', mid: 'verdictPossible', low: 'verdictNoOffer' };

/** The one line under the score: what made it, in a few words ("Appendix I species, price, contact details"). */
export function verdictReason(view: TabDetection): string {
  const best = view.page.best;
  const reasons = reasonsOf(best, 3);
  if (reasons.length === 0) {
    return distinctMentions(view.hits).length ? t('verdictReasonMentionsOnly') : t('verdictReasonNothing');
  }
  const inBest = view.hits.filter((h) => best && h.frameId === best.frameId && h.blockId === best.blockId);
  const strictest = Math.min(...inBest.map((h) => strictestAppendix(h.taxon?.listing) || 9));
  const appendix = strictest < 9 ? 'I'.repeat(strictest) : undefined;
  const text = reasons.map((r) => reasonLabel(r, appendix)).join(', ');
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * The page verdict: the sale-offer score out of 100, what it means, and why in one line.
 * `view` undefined while loading, null when the page reported nothing (yet).
 */
export function Verdict({ view }: { view: TabDetection | null | undefined }) {
  if (view === undefined)
    return (
      <p class="verdict card muted" data-testid="verdict">
        {t('loading')}
      </p>
    );
  if (view === null) {
    return (
      <p class="verdict card muted" data-testid="verdict" data-level="none">
        {t('detectionNoResults')}
      </p>
    );
  }
  const level = riskLevel(view.page.score, view.page.saleOffer, view.page.threshold);
  const reason = verdictReason(view);
  return (
    <div class={`verdict card level-${level}`} data-testid="verdict" data-level={level}>
      <p class="verdict-score">
        <span class="visually-hidden">{t('verdictScoreName')} </span>
        <span class={`score ${level}`} data-testid="page-score">
          {view.page.score}
        </span>
        <span class="of">/100</span>
      </p>
      <div class="verdict-text">
        <p class="verdict-label" data-testid="verdict-label">
          {t(LABEL[level])}
        </p>
        <p class="verdict-reason" data-testid="verdict-reason">
          {reason}
        </p>
      </div>
    </div>
  );
}
