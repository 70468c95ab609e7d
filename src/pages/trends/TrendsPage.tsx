import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { IntelAggregator, type IntelSummary } from '../../engine/intel/aggregator';
import type { CaptureFacts } from '../../engine/intel/capture-facts';
import { barLayout, columnLayout } from '../../engine/intel/chart-layout';
import { appendixTone } from '../../engine/intel/cyber-alert-html';
import type { ChannelGroup, TermGroup } from '../../engine/intel/capture-facts';
import { tacticLabel } from '../shared/detection-labels';
import { sendToBackground } from '../../messaging/send';
import { filterFacts, type DayRange } from '../../engine/intel/trends-filter';
import { ChartView } from './ChartView';
import { loadLocalTrends, type LocalTrends } from './load-facts';

const TERM_GROUPS: Readonly<Record<TermGroup, string>> = {
  keyword: 'trendsGroupKeyword',
  'code-word': 'trendsGroupCodeWord',
  hashtag: 'trendsGroupHashtag',
};
const CHANNEL_GROUPS: Readonly<Record<ChannelGroup, string>> = {
  payment: 'trendsGroupPayment',
  shipping: 'trendsGroupShipping',
  messenger: 'trendsGroupMessenger',
};

/** Bars per chart and rows per table on the page (the exported CSV tables hold every row). */
const TOP = 15;

type Filter = DayRange & {
  /** Case ids left out (all cases are in by default). */
  without: ReadonlySet<string>;
};

function summarize(facts: readonly CaptureFacts[]): IntelSummary {
  const agg = new IntelAggregator();
  for (const f of facts) agg.add(f);
  return agg.summary();
}

function Table({ head, rows, numeric }: { head: string[]; rows: (string | number)[][]; numeric: number[] }) {
  if (!rows.length) return <p class="muted">{t('trendsNone')}</p>;
  return (
    <table class="table">
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" class={numeric.includes(i) ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j} class={numeric.includes(j) ? 'num' : undefined}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Results({ s }: { s: IntelSummary }) {
  const weekly = s.weeks.length <= 60;
  const series = weekly ? s.weeks : s.months;
  return (
    <>
      <p class="trends-summary" data-testid="trends-summary">
        {t('trendsSummary', [
          String(s.captures),
          String(s.cases),
          String(s.sites.length),
          String(s.crossPosted.length),
        ])}
      </p>
      <section class="section" aria-labelledby="taxa-h">
        <h2 id="taxa-h">{t('trendsTaxa')}</h2>
        <ChartView
          layout={barLayout(
            s.taxa.slice(0, TOP).map((x) => ({ label: x.name, value: x.captures, tone: appendixTone(x.listing) })),
            t('trendsTaxa'),
          )}
        />
      </section>
      <section class="section" aria-labelledby="sites-h">
        <h2 id="sites-h">{t('trendsSites')}</h2>
        <ChartView
          layout={barLayout(
            s.sites.slice(0, TOP).map((x) => ({ label: x.site, value: x.captures })),
            t('trendsSites'),
          )}
        />
      </section>
      <section class="section" aria-labelledby="time-h">
        <h2 id="time-h">{weekly ? t('trendsWeeks') : t('trendsMonths')}</h2>
        <ChartView
          layout={columnLayout(
            series.map((p) => ({ label: p.period, value: p.captures })),
            weekly ? t('trendsWeeks') : t('trendsMonths'),
          )}
        />
      </section>
      <section class="section" aria-labelledby="tactics-h">
        <h2 id="tactics-h">{t('trendsTactics')}</h2>
        <ChartView
          layout={barLayout(
            s.tactics.slice(0, TOP).map((x) => ({ label: tacticLabel(x.tactic), value: x.hits })),
            t('trendsTactics'),
          )}
        />
      </section>
      <section class="section" aria-labelledby="terms-h">
        <h2 id="terms-h">{t('trendsTerms')}</h2>
        <Table
          head={[t('trendsKind'), t('trendsTerm'), t('trendsCaptures')]}
          rows={s.terms.slice(0, TOP).map((x) => [t(TERM_GROUPS[x.group]), x.term, x.captures])}
          numeric={[2]}
        />
      </section>
      <section class="section" aria-labelledby="channels-h">
        <h2 id="channels-h">{t('trendsChannels')}</h2>
        <Table
          head={[t('trendsKind'), t('trendsName'), t('trendsCaptures')]}
          rows={s.channels.slice(0, TOP).map((x) => [t(CHANNEL_GROUPS[x.group]), x.name, x.captures])}
          numeric={[2]}
        />
      </section>
      <section class="section" aria-labelledby="cross-h">
        <h2 id="cross-h">{t('trendsCrossPosted')}</h2>
        <Table
          head={[t('trendsIndicator'), t('trendsSitesCol'), t('trendsCases'), t('trendsCaptures')]}
          rows={s.crossPosted
            .slice(0, TOP)
            .map((x) => [
              `${x.label} ${x.value}`,
              x.sites.join(', '),
              x.cases.map((c) => c.caseTitle).join(', '),
              x.captures,
            ])}
          numeric={[3]}
        />
      </section>
    </>
  );
}

/** Trends over the cases in this browser, with the cyber-alert's counts and charts. */
export function TrendsPage() {
  const [data, setData] = useState<LocalTrends>();
  const [error, setError] = useState('');
  const [filter, setFilter] = useState<Filter>({ from: '', to: '', without: new Set() });
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadLocalTrends().then(setData, (e: Error) => setError(e.message));
  }, []);
  const kept = useMemo(() => (data ? filterFacts(data.facts, filter) : []), [data, filter]);
  const summary = useMemo(() => summarize(kept), [kept]);

  if (error) return <p class="status warn">{t('trendsLoadFailed', error)}</p>;
  if (!data) return <p class="status">{t('loading')}</p>;

  const toggle = (caseId: string, on: boolean) => {
    const without = new Set(filter.without);
    if (on) without.delete(caseId);
    else without.add(caseId);
    setFilter({ ...filter, without });
  };

  const exportAlert = async () => {
    setBusy(true);
    setStatus(t('trendsExporting'));
    try {
      const caseIds = data.cases.filter((c) => !filter.without.has(c.caseId)).map((c) => c.caseId);
      const saved = await sendToBackground('intel/alert-export', { caseIds, from: filter.from, to: filter.to });
      setStatus(t('trendsExported', saved.fileName));
    } catch (e) {
      setStatus(t('trendsExportFailed', (e as Error).message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form class="section trends-filters" aria-labelledby="filters-h" onSubmit={(e) => e.preventDefault()}>
        <h2 id="filters-h">{t('trendsFilters')}</h2>
        <div class="row">
          <label>
            {t('trendsFrom')}
            <input
              type="date"
              name="from"
              value={filter.from}
              onInput={(e) => setFilter({ ...filter, from: e.currentTarget.value })}
            />
          </label>
          <label>
            {t('trendsTo')}
            <input
              type="date"
              name="to"
              value={filter.to}
              onInput={(e) => setFilter({ ...filter, to: e.currentTarget.value })}
            />
          </label>
        </div>
        <fieldset>
          <legend>{t('trendsCases')}</legend>
          {data.cases.length === 0 && <p class="muted">{t('trendsNoCases')}</p>}
          {data.cases.map((c) => (
            <label key={c.caseId} class="check">
              <input
                type="checkbox"
                checked={!filter.without.has(c.caseId)}
                onChange={(e) => toggle(c.caseId, e.currentTarget.checked)}
              />
              <span>{c.reference ? `${c.reference}: ${c.title}` : c.title}</span>
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="button" class="primary" disabled={busy || kept.length === 0} onClick={() => void exportAlert()}>
            {t('trendsExport')}
          </button>
          <p class="status" role="status" data-testid="trends-status">
            {status}
          </p>
        </div>
      </form>
      <Results s={summary} />
    </>
  );
}
