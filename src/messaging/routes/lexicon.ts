import type { AgencyUpdateResult } from '../../engine/lexicon/agency-update';
import type { LexiconVersion } from '../../engine/lexicon/types';
import type { Route, SenderRules } from '../route';

/** The lexicon in use, as the options page shows it. */
export interface LexiconInfo {
  source: 'bundled' | 'agency';
  version: LexiconVersion;
  contentHash: string;
  imports: AgencyUpdateResult['record'][];
}

/** The lexicon in use and agency updates of it. */
export interface LexiconRoutes {
  'lexicon/info': Route<Record<string, never>, LexiconInfo, 'extension-page'>;
  /** UI -> background: the agency lexicon was replaced or removed; load it for the next scans. */
  'lexicon/changed': Route<Record<string, never>, LexiconInfo, 'extension-page'>;
}

export const LEXICON_SENDERS: SenderRules<LexiconRoutes> = {
  'lexicon/info': 'extension-page',
  'lexicon/changed': 'extension-page',
};
