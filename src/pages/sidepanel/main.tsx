import { render } from 'preact';
import { t } from '../../browser/i18n';
import { TabSummaryView } from '../shared/TabSummaryView';
import { useTabSummary } from '../shared/use-tab-summary';
import { EvidencePanel } from './evidence/EvidencePanel';
import { DetectionSection } from './detection/DetectionSection';
import { SeenBefore } from './links/SeenBefore';
import '../shared/base.css';

function SidePanel() {
  const { tabId, summary } = useTabSummary();
  return (
    <main>
      <h1>{t('sidePanelTitle')}</h1>
      <TabSummaryView summary={summary} />
      <SeenBefore tabId={tabId} />
      <DetectionSection tabId={tabId} />
      <EvidencePanel tabId={tabId} />
    </main>
  );
}

document.title = t('sidePanelTitle');
render(<SidePanel />, document.getElementById('app')!);
