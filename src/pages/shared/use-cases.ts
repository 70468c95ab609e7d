import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../../messaging/send';
import type { CaseInfo } from '../../engine/evidence/model';

/** The cases and the active one, with a reload function. */
export function useCases() {
  const [cases, setCases] = useState<CaseInfo[]>([]);
  const [activeCaseId, setActive] = useState<string | null>(null);
  const [error, setError] = useState('');
  const reload = useCallback(async () => {
    try {
      const r = await sendToBackground('evidence/cases', {});
      setCases(r.cases);
      setActive(r.activeCaseId);
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void reload(), [reload]);
  const active = cases.find((c) => c.caseId === activeCaseId) ?? null;
  return { cases, active, activeCaseId, reload, error };
}
