/**
 * One agency update of the lexicon in use, from start to finish: read the current compiled
 * lexicon, apply a newer checklist or a keyword list, compile, and load the result back as a
 * check. Either the new asset bytes come out whole, or an error does and nothing changes.
 */
import { duplicateTerms, parseAgencyTerms, withAgencyTerms, withNewChecklist } from './agency-import';
import { compileLexicon } from './compile';
import { loadLexicon } from './load';
import type { ProgressCallback } from './types';

/** What the officer asked to import. */
export type AgencyUpdate =
  | { kind: 'checklist'; fileName: string; bytes: Uint8Array }
  | { kind: 'keywords'; listName: string; bytes: Uint8Array };

/** Terms of a keyword list left out because the lexicon or the list already had them. */
export interface DuplicateReport {
  count: number;
  /** The first few, as written in the list. */
  examples: string[];
}

/** The result: the asset bytes to store, and a line describing the import. */
export interface AgencyUpdateResult {
  asset: Uint8Array;
  record: {
    kind: AgencyUpdate['kind'];
    name: string;
    at: string;
    taxa: number;
    terms: number;
    duplicates?: DuplicateReport;
  };
}

/** Applies an update to the current asset bytes and returns the new compiled asset. */
export async function applyAgencyUpdate(
  current: Uint8Array,
  update: AgencyUpdate,
  onProgress?: ProgressCallback,
): Promise<AgencyUpdateResult> {
  // A keyword list is checked before the current lexicon is inflated, so bad input fails fast.
  const terms =
    update.kind === 'keywords' ? parseAgencyTerms(update.bytes, { listName: update.listName, onProgress }) : [];
  onProgress?.({ phase: 'read', done: 0 });
  const lexicon = loadLexicon(current).toLexicon();
  const duplicates = update.kind === 'keywords' ? duplicateTerms(lexicon, terms, update.listName) : [];
  const next =
    update.kind === 'checklist'
      ? withNewChecklist(lexicon, update.bytes, { fileName: update.fileName, onProgress })
      : withAgencyTerms(lexicon, terms, update.listName);
  onProgress?.({ phase: 'compile', done: 0 });
  const asset = await compileLexicon(next);
  // The asset must load before it may replace the one in use.
  const check = loadLexicon(asset);
  onProgress?.({ phase: 'compile', done: 1 });
  return {
    asset,
    record: {
      kind: update.kind,
      name: update.kind === 'checklist' ? update.fileName : update.listName,
      at: new Date().toISOString(),
      taxa: check.version.counts.taxa,
      terms: next.terms.length,
      ...(duplicates.length
        ? { duplicates: { count: duplicates.length, examples: duplicates.slice(0, 5).map((t) => t.term) } }
        : {}),
    },
  };
}
