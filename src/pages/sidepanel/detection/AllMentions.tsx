import { useMemo, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import type { HitKind } from '../../../engine/matcher/hit';
import type { HitView } from '../../../messaging/routes/detection';
import { groupHits, type HitFilter } from './group-hits';
import { appendixLabel, kindLabel, tacticLabel } from '../../shared/detection-labels';
import { appendixClass } from '../../shared/findings-view';
import { Snippet } from './FlaggedListings';
import type { Reveal } from './use-reveal';

const KINDS: HitKind[] = ['species', 'trade-term', 'hashtag', 'cue'];
const PER_GROUP = 20;

/**
 * Every mention on the page by taxon, with filters; collapsed, since the listings come first.
 * `mentions` is the tab view's count, the one the badge shows.
 */
export function AllMentions({ hits, mentions, onReveal }: { hits: HitView[]; mentions: number; onReveal: Reveal }) {
  const [filter, setFilter] = useState<HitFilter>({ kind: '', appendix: '' });
  const groups = useMemo(() => groupHits(hits, filter), [hits, filter]);
  return (
    <details class="disclosure all-mentions" data-testid="all-mentions">
      <summary>{t('allMentionsTitle', String(mentions))}</summary>
      <div class="filters row">
        <label>
          {t('detectionFilterKind')}
          <select
            value={filter.kind}
            data-testid="filter-kind"
            onChange={(e) => setFilter({ ...filter, kind: e.currentTarget.value as HitFilter['kind'] })}
          >
            <option value="">{t('detectionFilterAny')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('detectionFilterAppendix')}
          <select
            value={filter.appendix}
            data-testid="filter-appendix"
            onChange={(e) => setFilter({ ...filter, appendix: e.currentTarget.value as HitFilter['appendix'] })}
          >
            <option value="">{t('detectionFilterAny')}</option>
            <option value="1">{appendixLabel('I')}</option>
            <option value="2">{appendixLabel('II')}</option>
            <option value="3">{appendixLabel('III')}</option>
            <option value="none">{t('detectionNotListed')}</option>
          </select>
        </label>
      </div>
      <ul class="groups plain-list" data-testid="hit-groups">
        {groups.map((g) => (
          <li key={g.key} class="group" data-testid="hit-group" data-name={g.name}>
            <div class="group-head">
              <span class={g.listing ? 'taxon' : 'term'}>{g.name}</span>
              {g.listing && <span class={`pill ${appendixClass(g.listing)}`}>{appendixLabel(g.listing)}</span>}
              <span class="pill">{kindLabel(g.kind)}</span>
              <span class="count muted">×{g.hits.length}</span>
              {g.tactics.map((tactic) => (
                <span class="pill warn" key={tactic}>
                  {tacticLabel(tactic)}
                </span>
              ))}
            </div>
            {g.annotation && <p class="annotation muted small">{g.annotation}</p>}
            <ul class="snippets plain-list">
              {g.hits.slice(0, PER_GROUP).map((h) => (
                <li key={`${h.frameId}:${h.blockId}:${h.start}`}>
                  <Snippet hit={h} onReveal={onReveal} context={40} />
                </li>
              ))}
              {g.hits.length > PER_GROUP && (
                <li class="muted small">{t('detectionMore', [String(g.hits.length - PER_GROUP)])}</li>
              )}
            </ul>
          </li>
        ))}
      </ul>
    </details>
  );
}
