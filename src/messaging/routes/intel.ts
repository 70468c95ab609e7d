import type { CaseInfo } from '../../engine/evidence/model';
import type { CaptureFactsWire } from '../../engine/intel/facts-wire';
import type { StoreAlertResult } from '../../engine/intel/store-alert';
import type { AlertRequest } from '../../engine/intel/trends-filter';
import type { Route, SenderRules } from '../route';

/**
 * The Trends page's data and its "Export cyber-alert", answered by the background from its
 * evidence store, so they work wherever it keeps evidence (IndexedDB, or the session store of
 * permanent private browsing that only the background holds).
 */
export interface IntelRoutes {
  /** Every case and the facts of its captures (no artefact bytes). */
  'intel/trends': Route<Record<string, never>, { cases: CaseInfo[]; facts: CaptureFactsWire[] }, 'extension-page'>;
  /**
   * Builds the cyber-alert ZIP of the chosen cases and day range (UTC, inclusive; '' = open)
   * and saves it in the downloads folder; resolves once the file is complete, with its name as
   * saved.
   */
  'intel/alert-export': Route<AlertRequest, StoreAlertResult, 'extension-page'>;
}

export const INTEL_SENDERS: SenderRules<IntelRoutes> = {
  'intel/trends': 'extension-page',
  'intel/alert-export': 'extension-page',
};
