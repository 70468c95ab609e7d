import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import type { HitKind } from '../../../engine/matcher/hit';
import type { BlockRiskView, HitView, TabDetection, TrainerState } from '../../../messaging/routes/detection';
import { groupHits, type HitFilter } from './group-hits';
import { SpeciesLookup } from './SpeciesLookup';
import { appendixLabel, kindLabel, tacticLabel } from '../../shared/detection-labels';
import { useTabDetection } from '../../shared/use-tab-detection';
import './detection.css';

/** Live detection in the side panel: risk, indicators, hits by taxon, trainer switches, lookup. */
export function DetectionSection({ tabId }: { tabId: number | undefined }) {
  const view = useTabDetectionView(tabId);
  const [covert, setCovert] = useState(true);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    void sendToBackground('settings/get', {}).then((s) => setCovert(s.covertMode)).catch(() => undefined);
  }, []);
  const reveal = async (frameId: number, blockId: number, start: number, end: number) => {
    if (tabId === undefined) return;
    try {
      const { shown } = await sendToBackground('detection/reveal', { tabId, frameId, blockId, start, end });
      setNotice(shown ? '' : t('detectionRevealGone'));
    } catch {
      setNotice(t('detectionRevealGone'));
    }
  };
  return (
    <section class="detection" aria-labelledby="detection-title" data-testid="detection">
      <h2 id="detection-title">{t('detectionTitle')}</h2>
      {view === undefined ? <p class="muted">{t('loading')}</p> : view === null ? (
        <p class="muted" data-testid="detection-empty">{t('detectionNoResults')}</p>
      ) : (
        <>
          <RiskView view={view} onReveal={reveal} />
          <IndicatorList view={view} />
          {covert && <p class="note" data-testid="covert-scroll-note">{t('detectionCovertScrollNote')}</p>}
          {notice && <p class="note" role="status">{notice}</p>}
          <HitList hits={view.hits} onReveal={reveal} />
        </>
      )}
      {tabId !== undefined && <TrainerSwitches tabId={tabId} />}
      <SpeciesLookup />
    </section>
  );
}

function useTabDetectionView(tabId: number | undefined) {
  return useTabDetection(tabId);
}

type Reveal = (frameId: number, blockId: number, start: number, end: number) => void;

function RiskView({ view, onReveal }: { view: TabDetection; onReveal: Reveal }) {
  const best = view.page.best;
  return (
    <div class="risk" data-testid="risk">
      <p>
        <span class={`score${view.page.saleOffer ? ' offer' : ''}`} data-testid="page-score">{view.page.score}</span>
        <span> / 100 </span>
        <strong>{view.page.saleOffer ? t('detectionSaleOffer') : t('detectionNoSaleOffer')}</strong>
      </p>
      {best && best.signals.length > 0 && (
        <details>
          <summary>{t('detectionWhyScore')}</summary>
          <SignalList block={best} />
        </details>
      )}
      {view.blocks.length > 0 && (
        <details>
          <summary>{t('detectionBlockScores', [String(view.blocks.length)])}</summary>
          <ol class="blocks" data-testid="block-scores">
            {view.blocks.slice(0, 50).map((b) => (
              <li key={`${b.frameId}:${b.blockId}`}>
                <button type="button" class="link" onClick={() => onReveal(b.frameId, b.blockId, 0, Math.max(1, Math.min(40, b.snippet.length)))}>
                  <span class={`score small${b.saleOffer ? ' offer' : ''}`}>{b.score}</span> {b.snippet}
                </button>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

function SignalList({ block }: { block: BlockRiskView }) {
  return (
    <ul class="signals" data-testid="signals">
      {block.signals.map((s, i) => (
        <li key={i}>
          <span class="weight">{s.weight > 0 ? `+${Math.round(s.weight)}` : Math.round(s.weight)}</span> {s.label}
          {s.note ? <span class="muted"> ({s.note})</span> : null}
        </li>
      ))}
      {block.note && <li class="muted">{block.note}</li>}
    </ul>
  );
}

function IndicatorList({ view }: { view: TabDetection }) {
  if (view.indicators.length === 0) return null;
  const seen = new Set<string>();
  const unique = view.indicators.filter(({ indicator }) => {
    const key = `${indicator.type}:${indicator.normalized}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return (
    <details class="indicators" open>
      <summary>{t('detectionIndicators', [String(unique.length)])}</summary>
      <ul data-testid="indicators">
        {unique.map(({ indicator }) => (
          <li key={`${indicator.type}:${indicator.normalized}`}>
            <span class="tag">{indicator.type}</span> {indicator.value}
            {indicator.normalized !== indicator.value && <span class="muted"> → {indicator.normalized}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

const KINDS: HitKind[] = ['species', 'trade-term', 'hashtag', 'cue'];

function HitList({ hits, onReveal }: { hits: HitView[]; onReveal: Reveal }) {
  const [filter, setFilter] = useState<HitFilter>({ kind: '', appendix: '' });
  const groups = useMemo(() => groupHits(hits, filter), [hits, filter]);
  return (
    <div class="hits">
      <div class="filters">
        <label>
          {t('detectionFilterKind')}
          <select value={filter.kind} onChange={(e) => setFilter({ ...filter, kind: (e.currentTarget as HTMLSelectElement).value as HitFilter['kind'] })} data-testid="filter-kind">
            <option value="">{t('detectionFilterAny')}</option>
            {KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          </select>
        </label>
        <label>
          {t('detectionFilterAppendix')}
          <select value={filter.appendix} onChange={(e) => setFilter({ ...filter, appendix: (e.currentTarget as HTMLSelectElement).value as HitFilter['appendix'] })} data-testid="filter-appendix">
            <option value="">{t('detectionFilterAny')}</option>
            <option value="1">{appendixLabel('I')}</option>
            <option value="2">{appendixLabel('II')}</option>
            <option value="3">{appendixLabel('III')}</option>
            <option value="none">{t('detectionNotListed')}</option>
          </select>
        </label>
      </div>
      <p class="muted" data-testid="hit-count">{t('detectionHitCount', [String(hits.filter((h) => h.kind !== 'cue').length), String(groups.length)])}</p>
      <ul class="groups" data-testid="hit-groups">
        {groups.map((g) => (
          <li key={g.key} class="group" data-testid="hit-group" data-name={g.name}>
            <div class="group-head">
              <span class="name">{g.name}</span>
              {g.listing && <span class={`badge app-${g.listing.replace(/\W+/g, '-')}`}>{appendixLabel(g.listing)}</span>}
              <span class="tag">{kindLabel(g.kind)}</span>
              <span class="count">×{g.hits.length}</span>
              {g.tactics.map((tactic) => <span class="tag tactic" key={tactic}>{tacticLabel(tactic)}</span>)}
            </div>
            {g.annotation && <p class="annotation muted">{g.annotation}</p>}
            <ul class="mentions">
              {g.hits.slice(0, 20).map((h) => (
                <li key={`${h.frameId}:${h.blockId}:${h.start}`}>
                  <button type="button" class="link snippet" data-testid="hit" onClick={() => onReveal(h.frameId, h.blockId, h.start, h.end)}>
                    …{h.before.slice(-40)}<mark>{h.text}</mark>{h.after.slice(0, 40)}…
                  </button>
                </li>
              ))}
              {g.hits.length > 20 && <li class="muted">{t('detectionMore', [String(g.hits.length - 20)])}</li>}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TrainerSwitches({ tabId }: { tabId: number }) {
  const [state, setState] = useState<TrainerState>();
  useEffect(() => {
    void sendToBackground('detection/trainer/get', { tabId }).then(setState).catch(() => undefined);
  }, [tabId]);
  const set = async (scope: 'tab' | 'site', on: boolean) => setState(await sendToBackground('detection/trainer/set', { tabId, scope, on }));
  if (!state) return null;
  return (
    <fieldset class="trainer">
      <legend>{t('trainerTitle')}</legend>
      <p class="muted">{t('trainerExplain')}</p>
      <label>
        <input type="checkbox" name="trainerTab" checked={state.tab} onChange={(e) => void set('tab', (e.currentTarget as HTMLInputElement).checked)} />
        {t('trainerThisTab')}
      </label>
      {state.origin && (
        <label>
          <input type="checkbox" name="trainerSite" checked={state.site} onChange={(e) => void set('site', (e.currentTarget as HTMLInputElement).checked)} />
          {t('trainerThisSite', [state.origin])}
        </label>
      )}
    </fieldset>
  );
}

