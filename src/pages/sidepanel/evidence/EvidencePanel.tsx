import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import { requestPersistentStorage } from '../../../browser/evidence-db/quota';
import { CaptureControl } from '../../shared/CaptureControl';
import { CapturesList } from './CapturesList';
import { CasesPanel } from './CasesPanel';
import { ExportControl } from './ExportControl';
import { SelfCheck } from './SelfCheck';
import { useCases } from '../../shared/use-cases';
import { CaseLinks } from '../links/CaseLinks';
import '../../shared/evidence.css';

/** The side panel's evidence part: capture, cases, captures with notes and tags, export, check. */
export function EvidencePanel({ tabId }: { tabId?: number }) {
  const { cases, active, reload } = useCases();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [refresh, setRefresh] = useState(0);
  const [actor, setActor] = useState('officer');
  useEffect(() => {
    // Persistent storage can only be asked from a page; evidence must not be evicted.
    void requestPersistentStorage().catch(() => false);
    void sendToBackground('settings/get', {}).then((s) => setActor(s.officerName || 'officer'), () => undefined);
  }, []);
  useEffect(() => setSelected(new Set()), [active?.caseId]);
  return (
    <div class="evidence">
      <CaptureControl tabId={tabId} activeCaseTitle={active?.status === 'open' ? active.title : null} onCaptured={() => setRefresh((n) => n + 1)} />
      <CasesPanel cases={cases} active={active} reload={reload} />
      {active && (
        <>
          <CapturesList caseId={active.caseId} selected={selected} onSelect={setSelected} refresh={refresh} />
          <ExportControl caseId={active.caseId} selected={[...selected]} actor={actor} />
          <SelfCheck caseId={active.caseId} />
          <CaseLinks caseId={active.caseId} refresh={refresh} />
        </>
      )}
      <p><a href="/verify.html" target="_blank" rel="noopener" data-testid="verify-link">{t('evVerifyLink')}</a></p>
    </div>
  );
}
