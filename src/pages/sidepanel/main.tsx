import browser from 'webextension-polyfill';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import { TabSummaryView } from '../shared/TabSummaryView';
import { TrainingLinks } from '../shared/TrainingLinks';
import { useTabSummary } from '../shared/use-tab-summary';
import { useTabDetection } from '../shared/use-tab-detection';
import { useCases } from '../shared/use-cases';
import { CaptureControl } from '../shared/CaptureControl';
import { Verdict } from '../shared/Verdict';
import { CaseSection } from './evidence/CaseSection';
import { FlaggedListings } from './detection/FlaggedListings';
import { PageIndicators } from './detection/PageIndicators';
import { AllMentions } from './detection/AllMentions';
import { SignalList } from './detection/SignalList';
import { SpeciesLookup } from './detection/SpeciesLookup';
import { TrainerSwitches } from './detection/TrainerSwitches';
import { WatchlistAlert } from './detection/WatchlistAlert';
import { useReveal } from './detection/use-reveal';
import { SeenBefore } from './links/SeenBefore';
import '../shared/page';
import './sidepanel.css';

/**
 * The side panel. First screen: the verdict, Capture, then the flagged listings; below them the
 * page-wide indicators and every mention; then the case (cases, captures, export, links) and the
 * tools (species lookup, trainer mode).
 */
function SidePanel() {
  const { tabId, summary } = useTabSummary();
  const view = useTabDetection(tabId);
  const cases = useCases();
  const [refresh, setRefresh] = useState(0);
  const { reveal, notice } = useReveal(tabId);
  const [covert, setCovert] = useState(true);
  useEffect(() => {
    sendToBackground('settings/get', {}).then(
      (s) => setCovert(s.covertMode),
      () => undefined,
    );
  }, []);
  const best = view?.page.best;
  return (
    <>
      <header class="panel-head">
        <h1 class="brand">{t('extName')}</h1>
        <nav aria-label={t('panelNav')}>
          <ul class="panel-nav plain-list">
            <li>
              <a href="#page">{t('panelNavPage')}</a>
            </li>
            <li>
              <a href="#case">{t('panelNavCase')}</a>
            </li>
            <li>
              <a href="#tools">{t('panelNavTools')}</a>
            </li>
          </ul>
        </nav>
      </header>
      <main class="panel">
        <section id="page" class="panel-section page-section" aria-labelledby="page-heading">
          <h2 id="page-heading" class="page-title" title={summary?.url}>
            {summary?.title || summary?.url || t('panelNavPage')}
          </h2>
          <WatchlistAlert hits={view?.watchlist} />
          <Verdict view={view} />
          {best && best.signals.length > 0 && (
            <details class="why" data-testid="why-score">
              <summary>{t('detectionWhyScore')}</summary>
              <SignalList block={best} />
            </details>
          )}
          <CaptureControl
            tabId={tabId}
            activeCase={cases.active}
            hint={t('captureRenameBelow')}
            onCaptured={() => {
              void cases.reload();
              setRefresh((n) => n + 1);
            }}
          />
          <SeenBefore tabId={tabId} />
          {view && (
            <>
              <FlaggedListings view={view} onReveal={reveal} tabId={tabId} />
              {covert && (
                <p class="note muted small" data-testid="covert-scroll-note">
                  {t('detectionCovertScrollNote')}
                </p>
              )}
              {notice && (
                <p class="toast warn" role="status">
                  {notice}
                </p>
              )}
              <PageIndicators view={view} />
              <AllMentions hits={view.hits} mentions={view.mentions} onReveal={reveal} />
            </>
          )}
          <details class="disclosure">
            <summary>{t('pageDetails')}</summary>
            <TabSummaryView summary={summary} />
          </details>
        </section>
        <CaseSection cases={cases} refresh={refresh} onChanged={() => setRefresh((n) => n + 1)} />
        <section id="tools" class="panel-section" aria-labelledby="tools-heading">
          <h2 id="tools-heading">{t('panelNavTools')}</h2>
          <SpeciesLookup />
          {tabId !== undefined && <TrainerSwitches tabId={tabId} />}
          <div class="actions">
            <TrainingLinks />
            <button
              type="button"
              data-testid="open-trends"
              onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/trends.html') })}
            >
              {t('trendsTitle')}
            </button>
          </div>
        </section>
      </main>
    </>
  );
}

document.title = t('sidePanelTitle');
render(<SidePanel />, document.getElementById('app')!);
