import { t } from '../../browser/i18n';
import type { EvidenceStorageView } from '../../messaging/routes/evidence';

/**
 * Said beside Capture when the browser keeps no evidence on disk (permanent private browsing,
 * Tor Browser): what happens to captures and where they are. Nothing is said otherwise.
 */
export function StorageNotice({ storage }: { storage: EvidenceStorageView | undefined }) {
  if (storage?.mode !== 'session') return null;
  return (
    <p class="toast warn small" role="note" data-testid="storage-notice">
      {t('evSessionStorage', storage.bundleRoot)}
    </p>
  );
}
