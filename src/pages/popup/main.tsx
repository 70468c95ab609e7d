import browser from 'webextension-polyfill';
import { render } from 'preact';
import { t } from '../../browser/i18n';
import { TabSummaryView } from '../shared/TabSummaryView';
import { useTabSummary } from '../shared/use-tab-summary';
import { EvidencePopupSection } from './EvidencePopupSection';
import { PopupDetection } from './PopupDetection';
import { TrainingLinks } from '../shared/TrainingLinks';
import '../shared/base.css';

/** Opens the side panel (Chrome) or sidebar (Firefox); must run inside the click's gesture. */
function openSidePanel(tabId: number | undefined) {
  const chromePanel = (globalThis as { chrome?: typeof chrome }).chrome?.sidePanel;
  if (chromePanel && tabId !== undefined) return chromePanel.open({ tabId });
  return (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
}

function Popup() {
  const { tabId, summary } = useTabSummary();
  return (
    <main>
      <h1>{t('extName')}</h1>
      <TabSummaryView summary={summary} />
      <PopupDetection tabId={tabId} />
      <EvidencePopupSection tabId={tabId} />
      <div class="actions">
        <button type="button" data-testid="open-side-panel" onClick={() => void openSidePanel(tabId)}>
          {t('openSidePanel')}
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('options')}
        </button>
        <TrainingLinks />
      </div>
    </main>
  );
}

document.title = t('extName');
render(<Popup />, document.getElementById('app')!);
