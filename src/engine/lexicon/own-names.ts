/**
 * The project's own common names (src/engine/lexicon/sources/wildtrace-names.tsv): names the sources
 * lack for species that are traded under them, in Brazilian Portuguese, Indonesian, Vietnamese and
 * the German pet trade (Species+ gives English, Spanish and French names only), and the shark and
 * ray names officers meet. Each row names its taxon by scientific name and is joined like the SAPI
 * names: onto the accepted name or a checklist synonym (after the listing amendments, so a family
 * they added can be named), keeping that name so a newer checklist can re-join it.
 */
import { scientificNameIndex } from './extra-names';
import { parseCsv, toBytes, type ImportInput } from './input';
import { normalizeLang } from './languages';
import { LexiconImportError, type ExtraName, type Taxon } from './types';

/** Source name the joined names carry. */
export const OWN_NAMES_SOURCE = 'wildtrace-names.tsv';

/** Parses the file and joins its rows onto `taxa`; `unjoined` lists the scientific names not in the checklist. */
export function joinOwnNames(input: ImportInput, taxa: Taxon[]): { names: ExtraName[]; unjoined: string[] } {
  const what = `Names file "${OWN_NAMES_SOURCE}"`;
  const table = parseCsv(toBytes(input, what), {
    what,
    delimiter: '\t',
    required: ['name', 'lang', 'scientific_name'],
  });
  const col = (n: string) => table.col.get(n)!;
  const index = scientificNameIndex(taxa);
  const names: ExtraName[] = [];
  const unjoined: string[] = [];
  table.rows.forEach((r, i) => {
    const name = r[col('name')].trim();
    const scientific = r[col('scientific_name')].trim();
    const lang = normalizeLang(r[col('lang')].trim());
    if (!name || !scientific || !lang)
      throw new LexiconImportError('bad-row', `${what}: row ${i + 2} needs a name, a language and a scientific name`);
    const taxonId = index.get(scientific.toLowerCase());
    if (taxonId === undefined) unjoined.push(scientific);
    else names.push({ taxonId, name, kind: 'common', lang, source: OWN_NAMES_SOURCE, taxonName: scientific });
  });
  return { names, unjoined };
}
