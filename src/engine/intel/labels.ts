/** Words for the codes the intelligence report counts (the same words in the report, tables and Trends page). */
import type { ChannelGroup, TermGroup } from './capture-facts';

export const TACTIC_LABELS: Readonly<Record<string, string>> = {
  misspelling: 'Misspelt names',
  'abbreviated-genus': 'Genus abbreviated',
  leetspeak: 'Digits for letters',
  'split-letters': 'Letters split apart',
  homoglyph: 'Look-alike letters of another script',
  accents: 'Accents changed',
  hashtag: 'Names inside hashtags',
  'code-word': 'Code words',
};

export const TERM_GROUP_LABELS: Readonly<Record<TermGroup, string>> = {
  keyword: 'Keywords (trade terms)',
  'code-word': 'Code words',
  hashtag: 'Hashtags',
};

export const CHANNEL_GROUP_LABELS: Readonly<Record<ChannelGroup, string>> = {
  payment: 'Payment channels',
  shipping: 'Shipping companies',
  messenger: 'Messengers',
};

export const tacticLabel = (t: string) => TACTIC_LABELS[t] ?? t;
