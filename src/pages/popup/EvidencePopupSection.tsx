import { CaptureControl } from '../shared/CaptureControl';
import { useCases } from '../shared/use-cases';
import '../shared/evidence.css';

/** The popup's evidence part: capture into the active case. */
export function EvidencePopupSection({ tabId }: { tabId?: number }) {
  const { active } = useCases();
  return <CaptureControl tabId={tabId} activeCaseTitle={active?.status === 'open' ? active.title : null} />;
}
