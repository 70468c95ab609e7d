import { t } from '../../../browser/i18n';
import type { ContextContribution } from '../../../engine/risk/types';
import type { BlockRiskView } from '../../../messaging/routes/detection';

const CONTEXT_LABEL: Record<ContextContribution['feature'], string> = {
  base: 'signalBase',
  both: 'signalBoth',
  article: 'signalArticle',
  prose: 'signalProse',
};

/** A share of the log-odds (or, in results kept from before the model, points), signed. */
const signed = (n: number, digits: number) =>
  n > 0 ? `+${n.toFixed(digits)}` : n < 0 ? `−${(-n).toFixed(digits)}` : '0';

/**
 * The reasons behind a block's verdict: the model's probability of an offer, then each signal with
 * its share of the log-odds (what the fitted model made of it), then the text's own features and
 * the starting point. Results kept from before the model show the rules' points instead.
 */
export function SignalList({ block }: { block: BlockRiskView }) {
  const model = block.probability !== undefined;
  return (
    <div class="signal-list">
      {model && (
        <p class="muted" data-testid="signals-probability">
          {t('signalsProbability', String(Math.round(block.probability! * 100)))}. {t('signalsShare')}
        </p>
      )}
      <ul class="signals plain-list" data-testid="signals">
        {block.signals.map((s, i) => (
          <li key={i} data-kind={s.kind}>
            <span class="weight">{model ? signed(s.logOdds ?? 0, 1) : signed(Math.round(s.weight), 0)}</span>
            <span>
              {s.label}
              {s.note ? <span class="muted"> ({s.note})</span> : null}
            </span>
          </li>
        ))}
        {(block.context ?? []).map((c) => (
          <li key={c.feature} class="muted" data-kind={`context-${c.feature}`}>
            <span class="weight">{signed(c.logOdds, 1)}</span>
            <span>{t(CONTEXT_LABEL[c.feature])}</span>
          </li>
        ))}
        {block.note && <li class="muted">{block.note}</li>}
      </ul>
    </div>
  );
}
