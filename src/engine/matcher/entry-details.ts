/**
 * What every hit of a lexicon entry carries (its spelling, language, taxon or trade term), decoded
 * once per matcher and kept: pages repeat the same names, and rebuilding an entry's spelling from
 * its words cost more than the rest of a lookup.
 */
import type { CompiledLexicon } from '../lexicon/compiled';
import { EK_TERM } from '../lexicon/format';
import type { TaxonRef } from './hit';

/** The fixed fields of an entry's hits. */
export interface EntryDetails {
  /** The entry's canonical spelling. */
  term: string;
  /** The term has only ASCII characters. */
  ascii: boolean;
  lang: string | undefined;
  taxon?: TaxonRef;
  refersTo?: string;
}

export class EntryDetailsCache {
  private readonly lexicon: CompiledLexicon;
  private readonly byEntry = new Map<number, EntryDetails>();

  constructor(lexicon: CompiledLexicon) {
    this.lexicon = lexicon;
  }

  /** The details of entry `entry`, decoded on first use. */
  of(entry: number): EntryDetails {
    let details = this.byEntry.get(entry);
    if (!details) {
      const lexicon = this.lexicon;
      const term = lexicon.entryText(entry);
      const lang = lexicon.langs[lexicon.entryLang[entry]] || undefined;
      details = { term, ascii: isAsciiRange(term, 0, term.length), lang };
      if (lexicon.entryKind[entry] < EK_TERM) details.taxon = lexicon.taxonRef(lexicon.entryRef[entry]);
      else {
        const termInfo = lexicon.termInfo(lexicon.entryRef[entry]);
        if (termInfo.refersTo) details.refersTo = termInfo.refersTo;
        if (termInfo.taxon) details.taxon = termInfo.taxon;
      }
      this.byEntry.set(entry, details);
    }
    return details;
  }
}

/** True when text[start, end) has only ASCII characters (read in the text itself, not in a slice of it). */
export function isAsciiRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
