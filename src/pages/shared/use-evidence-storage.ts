import { useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../../messaging/send';
import type { EvidenceStorageView } from '../../messaging/routes/evidence';

/** Where the background keeps evidence this session (undefined until it answers). */
export function useEvidenceStorage(): EvidenceStorageView | undefined {
  const [storage, setStorage] = useState<EvidenceStorageView>();
  useEffect(() => {
    sendToBackground('evidence/storage', {}).then(setStorage, () => undefined);
  }, []);
  return storage;
}
