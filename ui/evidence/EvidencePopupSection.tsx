import { CaptureControl } from './CaptureControl';
import { useCases } from './use-cases';
import '../evidence.css';

/** The popup's evidence part: capture into the active case. */
export function EvidencePopupSection({ tabId }: { tabId?: number }) {
  const { active } = useCases();
  return <CaptureControl tabId={tabId} activeCaseTitle={active?.status === 'open' ? active.title : null} />;
}
