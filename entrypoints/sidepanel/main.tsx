import { render } from 'preact';
import { t } from '../../platform/i18n';
import { TabSummaryView } from '../../ui/TabSummaryView';
import { useTabSummary } from '../../ui/use-tab-summary';
import { EvidencePanel } from '../../ui/evidence/EvidencePanel';
import { DetectionSection } from '../../ui/detection/DetectionSection';
import { SeenBefore } from '../../ui/links/SeenBefore';
import '../../ui/base.css';

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
