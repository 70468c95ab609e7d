import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import { requestPersistentStorage } from '../../../browser/evidence-db/quota';
import type { useCases } from '../../shared/use-cases';
import { CapturesList } from './CapturesList';
import { CasesPanel } from './CasesPanel';
import { ExportControl } from './ExportControl';
import { SelfCheck } from './SelfCheck';
import { CaseLinks } from '../links/CaseLinks';
import { RemovalsSection } from '../removal/RemovalsSection';

/** The side panel's case part: cases, the active case's captures with notes and tags, export, check, links. */
export function CaseSection({
  cases: { cases, active, reload },
  refresh,
  onChanged,
}: {
  cases: ReturnType<typeof useCases>;
  /** Grows when a capture was taken here. */
  refresh: number;
  onChanged: () => void;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [actor, setActor] = useState('officer');
  useEffect(() => {
    // Persistent storage can only be asked from a page; evidence must not be evicted.
    void requestPersistentStorage().catch(() => false);
    void sendToBackground('settings/get', {}).then(
      (s) => setActor(s.officerName || 'officer'),
      () => undefined,
    );
  }, []);
  useEffect(() => setSelected(new Set()), [active?.caseId]);
  return (
    <section id="case" class="panel-section evidence" aria-labelledby="case-heading">
      <h2 id="case-heading">{t('panelNavCase')}</h2>
      <p class="section-help">{t('caseHelp')}</p>
      <CasesPanel
        cases={cases}
        active={active}
        reload={async () => {
          await reload();
          onChanged();
        }}
      />
      {active && (
        <>
          <CapturesList caseId={active.caseId} selected={selected} onSelect={setSelected} refresh={refresh} />
          <ExportControl caseId={active.caseId} selected={[...selected]} actor={actor} />
          <RemovalsSection caseId={active.caseId} selected={[...selected]} refresh={refresh} onCaptured={onChanged} />
          <SelfCheck caseId={active.caseId} />
          <CaseLinks caseId={active.caseId} refresh={refresh} />
        </>
      )}
      <p>
        <a href="/verify.html" target="_blank" rel="noopener" data-testid="verify-link">
          {t('evVerifyLink')}
        </a>
      </p>
    </section>
  );
}
