import { t } from '../../browser/i18n';
import type { HitKind, Tactic } from '../../engine/matcher/hit';

/** "Appendix I" etc.; listings such as "I/II" are shown as they are. */
export function appendixLabel(listing: string): string {
  return t('detectionAppendix', [listing]);
}

export function kindLabel(kind: HitKind): string {
  switch (kind) {
    case 'species':
      return t('detectionKindSpecies');
    case 'trade-term':
      return t('detectionKindTerm');
    case 'hashtag':
      return t('detectionKindHashtag');
    case 'cue':
      return t('detectionKindCue');
  }
}

export function tacticLabel(tactic: Tactic | string): string {
  switch (tactic) {
    case 'misspelling':
      return t('tagMisspelling');
    case 'abbreviated-genus':
      return t('tagAbbreviatedGenus');
    case 'leetspeak':
      return t('tagLeetspeak');
    case 'split-letters':
      return t('tagSplitLetters');
    case 'homoglyph':
      return t('tagHomoglyph');
    case 'accents':
      return t('tagAccents');
    case 'hashtag':
      return t('tagHashtag');
    case 'code-word':
      return t('tagCodeWord');
    default:
      return tactic;
  }
}
