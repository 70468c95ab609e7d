/**
 * Joins the extra names of ../shared/data/names/ onto checklist taxa, as its SOURCE.md says:
 * - SAPI 2013 common names: RecId points at the 2013 taxa file; full names are built by walking
 *   ParentRecID up to the genus, then joined on the scientific name (or a checklist synonym).
 *   Only rows whose Designation contains CITES are kept.
 * - SAPI 2026 synonyms: AcceptedID is the checklist TaxonId; the full name is the parent's name
 *   (ParentID, a checklist TaxonId) plus the epithet. Rows whose parent is not in the checklist
 *   cannot be spelt out and are skipped.
 */
import { decodeEntities } from '../text/html-entities';
import { parseCsv, toBytes, type ImportInput } from './input';
import { normalizeLang } from './languages';
import type { ExtraName, Taxon } from './types';

export const SAPI_2013_SOURCE = 'sapi-2013-common-names';
export const SAPI_2026_SOURCE = 'sapi-2026-synonyms';

/** Result of a join: the names taken and how many source rows could not be joined. */
export interface JoinResult {
  names: ExtraName[];
  unjoined: number;
}

/** Lower-cased scientific name (accepted or checklist synonym) to TaxonId. */
export function scientificNameIndex(taxa: Taxon[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const t of taxa) index.set(t.name.toLowerCase(), t.taxonId);
  for (const t of taxa)
    for (const s of t.synonyms) if (!index.has(s.toLowerCase())) index.set(s.toLowerCase(), t.taxonId);
  return index;
}

interface OldTaxon {
  name: string;
  rank: string;
  parentKey: string;
  designation: string;
}

const capitalize = (s: string) => (s === s.toUpperCase() ? s.charAt(0) + s.slice(1).toLowerCase() : s);

/** Joins one kingdom's 2013 common names through its 2013 taxa file. */
export function joinSapi2013CommonNames(commonNamesCsv: ImportInput, taxaCsv: ImportInput, taxa: Taxon[]): JoinResult {
  const taxaTable = parseCsv(toBytes(taxaCsv, 'SAPI 2013 taxa file'), {
    what: 'SAPI 2013 taxa file',
    required: ['Scientific name', 'Rank', 'RecID', 'ParentRank', 'ParentRecID'],
  });
  const t = (n: string) => taxaTable.col.get(n)!;
  // RecIDs repeat across ranks, so the key is rank + id.
  const old = new Map<string, OldTaxon>();
  for (const r of taxaTable.rows) {
    old.set(`${r[t('Rank')].toLowerCase()}:${r[t('RecID')]}`, {
      name: r[t('Scientific name')].trim(),
      rank: r[t('Rank')].toLowerCase(),
      parentKey: `${r[t('ParentRank')].toLowerCase()}:${r[t('ParentRecID')]}`,
      designation: r[t('Designation')] ?? '',
    });
  }
  const fullName = (key: string): string => {
    const parts: string[] = [];
    let node = old.get(key);
    for (let guard = 0; node && guard < 4; guard++) {
      parts.unshift(
        node.rank === 'variety'
          ? `var. ${node.name}`
          : node.rank === 'genus' || !['species', 'subspecies', 'variety'].includes(node.rank)
            ? capitalize(node.name)
            : node.name,
      );
      if (!['species', 'subspecies', 'variety'].includes(node.rank)) break;
      node = old.get(node.parentKey);
    }
    return parts.join(' ');
  };
  const index = scientificNameIndex(taxa);
  const known = new Set<string>();
  for (const tx of taxa) for (const c of tx.commonNames) known.add(`${tx.taxonId}|${c.name.toLowerCase()}`);
  const table = parseCsv(toBytes(commonNamesCsv, 'SAPI 2013 common names file'), {
    what: 'SAPI 2013 common names file',
    required: ['ComName', 'LangShort', 'RecId', 'Rank', 'Designation'],
  });
  const c = (n: string) => table.col.get(n)!;
  const names: ExtraName[] = [];
  let unjoined = 0;
  for (const r of table.rows) {
    if (!/CITES/.test(r[c('Designation')])) continue;
    // Some Polish and Russian names were exported HTML-escaped ("S&#281;p", "Sow&oacute;wka").
    const name = decodeEntities(r[c('ComName')]).replace(/\s+/g, ' ').trim();
    const lang = normalizeLang(r[c('LangShort')]);
    if (!name || !lang) continue;
    const sci = fullName(`${r[c('Rank')].toLowerCase()}:${r[c('RecId')]}`);
    const taxonId = index.get(sci.toLowerCase());
    if (taxonId === undefined) {
      unjoined++;
      continue;
    }
    const key = `${taxonId}|${name.toLowerCase()}`;
    if (known.has(key)) continue;
    known.add(key);
    names.push({ taxonId, name, kind: 'common', lang, source: SAPI_2013_SOURCE });
  }
  return { names, unjoined };
}

/** Joins one kingdom's 2026 synonyms onto their accepted checklist taxa. */
export function joinSapi2026Synonyms(synonymsCsv: ImportInput, taxa: Taxon[]): JoinResult {
  const table = parseCsv(toBytes(synonymsCsv, 'SAPI 2026 synonyms file'), {
    what: 'SAPI 2026 synonyms file',
    required: ['Scientific name', 'Rank', 'ParentRank', 'ParentID', 'AcceptedID'],
  });
  const c = (n: string) => table.col.get(n)!;
  const byId = new Map(taxa.map((t) => [t.taxonId, t] as const));
  const index = scientificNameIndex(taxa);
  const names: ExtraName[] = [];
  const seen = new Set<string>();
  let unjoined = 0;
  for (const r of table.rows) {
    const accepted = byId.get(Number(r[c('AcceptedID')]));
    const parent = byId.get(Number(r[c('ParentID')]));
    const epithet = r[c('Scientific name')].replace(/\s+/g, ' ').trim();
    if (!accepted || !parent || !epithet) {
      unjoined++;
      continue;
    }
    const name = `${parent.name} ${epithet}`;
    const lower = name.toLowerCase();
    // Already the accepted name or a known synonym of some taxon: nothing new.
    if (index.has(lower) || seen.has(lower)) continue;
    seen.add(lower);
    names.push({ taxonId: accepted.taxonId, name, kind: 'synonym', lang: '', source: SAPI_2026_SOURCE });
  }
  return { names, unjoined };
}
