/**
 * The listing amendments adopted since the bundled checklist (sources/listing-amendments.tsv, see
 * sources/README.md): CoP18, CoP19 and CoP20 inclusions, transfers, deletions and annotation
 * changes, applied on top of a checklist export. An export already contains every amendment in
 * force on its date, so only the rows that entered into force after that date are applied: the
 * bundled 2017 export gets all of them, a newer export imported by an agency gets none (or only
 * the later ones). Pure: the Node build and the options page (agency imports) both call it.
 */
import type { ChecklistImport } from './checklist-import';
import { parseCsv, toBytes, type ImportInput } from './input';
import { LexiconImportError, type CommonName, type Taxon } from './types';

/** Source name the amended taxa and the version record carry. */
export const AMENDMENTS_SOURCE = 'listing-amendments.tsv';

/**
 * What a row does: include a taxon in an Appendix, transfer it to another, delete it, change its
 * annotation; `member` names a species covered by a higher taxon that another row included (the
 * export has no row for it), `not-covered` a taxon the adopted listing leaves out.
 */
export const AMENDMENT_CHANGES = ['inclusion', 'transfer', 'deletion', 'annotation', 'member', 'not-covered'] as const;
export type AmendmentChange = (typeof AMENDMENT_CHANGES)[number];

const RANKS = new Set(['ORDER', 'FAMILY', 'SUBFAMILY', 'GENUS', 'SPECIES', 'SUBSPECIES', 'VARIETY']);
const HIGHER = new Set(['ORDER', 'FAMILY', 'SUBFAMILY', 'GENUS']);
const APPENDICES = new Set(['I', 'II', 'NC']);

/** One row of the amendments file. */
export interface ListingAmendment {
  /** The meeting that adopted it: "CoP18", "CoP19", "CoP20". */
  cop: string;
  /** "Prop. 42", or "" when the number could not be confirmed. */
  proposal: string;
  /** The taxon as listed, without "spp." ("Carcharhinidae", "Isurus oxyrinchus"). */
  taxon: string;
  rank: string;
  change: AmendmentChange;
  /** The Appendix the taxon is in afterwards ("NC" for not-covered; for a deletion, the one it left). */
  appendix: string;
  /** A population the row is limited to ("African populations"), or "". */
  population: string;
  /** Annotation text, starting with its symbol when it has one ("#17 Logs, sawn wood…"), or "". */
  annotation: string;
  /** Date of entry into force, YYYY-MM-DD. */
  inForce: string;
  /** For members: the listing that covers them ("Carcharhinidae spp."). */
  coveredBy: string;
  /** Species+ TaxonId of a taxon the row creates, when known (else the build gives one). */
  taxonId: number | null;
  /** Kingdom, phylum, class, order, family, genus of a taxon the row creates. */
  classification: string[];
  /** Common names of a taxon the row creates or extends. */
  names: CommonName[];
  source: string;
  note: string;
}

/** What the amendments did to a lexicon: its version record shows it. */
export interface AmendmentRecord {
  /** The file the rows came from. */
  file: string;
  /** The latest date of entry into force among the rows applied: "Appendices as amended to". */
  asAmendedTo: string;
  /** Rows applied, by meeting, with their dates of entry into force. */
  meetings: { meeting: string; rows: number; inForce: string[] }[];
}

const COLUMNS = [
  'cop',
  'proposal',
  'taxon',
  'rank',
  'change',
  'appendix',
  'population',
  'annotation',
  'in_force',
  'covered_by',
  'taxon_id',
  'classification',
  'names_en',
  'names_es',
  'names_fr',
  'source',
  'note',
];

/** Parses the amendments file; throws LexiconImportError naming the row of any bad value. */
export function parseListingAmendments(input: ImportInput): ListingAmendment[] {
  const what = `Amendments file "${AMENDMENTS_SOURCE}"`;
  const table = parseCsv(toBytes(input, what), { what, delimiter: '\t', required: COLUMNS });
  const col = (n: string) => table.col.get(n)!;
  return table.rows.map((r, i) => {
    const get = (n: string) => r[col(n)].trim();
    const bad = (why: string) => new LexiconImportError('bad-row', `${what}: row ${i + 2} ${why}`);
    const change = get('change') as AmendmentChange;
    if (!AMENDMENT_CHANGES.includes(change)) throw bad(`has the unknown change "${change}"`);
    const rank = get('rank');
    if (!RANKS.has(rank)) throw bad(`has the unknown rank "${rank}"`);
    const appendix = get('appendix');
    if (!APPENDICES.has(appendix)) throw bad(`has the unknown appendix "${appendix}"`);
    const inForce = get('in_force');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(inForce)) throw bad(`has no date of entry into force (YYYY-MM-DD)`);
    const taxon = get('taxon');
    if (!/^[A-Z][a-z]+(?: [a-z-]+){0,2}$/.test(taxon)) throw bad(`has no valid taxon name ("${taxon}")`);
    if (!get('source')) throw bad('names no source');
    const id = get('taxon_id');
    if (id && !/^\d+$/.test(id)) throw bad(`has the invalid taxon_id "${id}"`);
    const classification = get('classification') ? get('classification').split('|') : [];
    if (classification.length !== 0 && classification.length !== 6) throw bad('needs 6 classification levels');
    if (change === 'member' && !/ spp\.$/.test(get('covered_by'))) throw bad('is a member without covered_by');
    const names: CommonName[] = [];
    for (const lang of ['en', 'es', 'fr']) {
      for (const name of get(`names_${lang}`).split(';')) if (name.trim()) names.push({ name: name.trim(), lang });
    }
    return {
      cop: get('cop'),
      proposal: get('proposal'),
      taxon,
      rank,
      change,
      appendix,
      population: get('population'),
      annotation: get('annotation'),
      inForce,
      coveredBy: get('covered_by'),
      taxonId: id ? Number(id) : null,
      classification,
      names,
      source: get('source'),
      note: get('note'),
    };
  });
}

/** TaxonIds given to created taxa that Species+ ids are not known for: above every Species+ id. */
const SYNTHETIC_BASE = 90_000_000;

/** A stable id for a name (FNV-1a), so a rebuild or a re-application gives the same one. */
function syntheticId(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return SYNTHETIC_BASE + (h % 9_000_000);
}

/** "CoP19 (Prop. 37), in force 2023-11-25". */
const origin = (a: ListingAmendment) => `${a.cop}${a.proposal ? ` (${a.proposal})` : ''}, in force ${a.inForce}`;

/** Splits "#17 Logs, sawn wood…" into its symbol and text. */
function splitSymbol(annotation: string): { symbol: string; text: string } {
  const m = /^(#\d+)\s*(.*)$/.exec(annotation);
  return m ? { symbol: m[1], text: m[2] } : { symbol: '', text: annotation };
}

/** The line a row adds to the annotation of the taxon it lists. */
function listingLine(a: ListingAmendment, from: string): string {
  const { text } = splitSymbol(a.annotation);
  const who = a.population ? `${a.population}: ` : '';
  const what =
    a.change === 'member'
      ? `Included in ${a.coveredBy} (${origin(a)}).`
      : a.change === 'transfer'
        ? `Transferred${from ? ` from Appendix ${from}` : ''} at ${origin(a)}.`
        : `Included at ${origin(a)}.`;
  return `Appendix ${a.appendix}: ${who}${what}${text ? ` ${text}` : ''}`;
}

/** The parts of a listing ("I/II/NC") without one of them. */
const listingParts = (listing: string) => listing.split('/').filter(Boolean);

function newTaxon(a: ListingAmendment, used: Set<number>): Taxon {
  if (a.classification.length !== 6) {
    throw new LexiconImportError(
      'bad-row',
      `${AMENDMENTS_SOURCE}: "${a.taxon}" is not in the checklist and has no classification`,
    );
  }
  const [kingdom, phylum, klass, order, family, genus] = a.classification;
  let taxonId = a.taxonId ?? syntheticId(a.taxon);
  if (used.has(taxonId)) {
    if (a.taxonId !== null)
      throw new LexiconImportError('bad-row', `${AMENDMENTS_SOURCE}: TaxonId ${taxonId} is taken`);
    while (used.has(taxonId)) taxonId++;
  }
  used.add(taxonId);
  return {
    taxonId,
    name: a.taxon,
    rank: a.rank,
    kingdom,
    phylum,
    class: klass,
    order,
    family: a.rank === 'FAMILY' ? a.taxon : family,
    genus: a.rank === 'GENUS' ? a.taxon : HIGHER.has(a.rank) ? '' : genus,
    author: '',
    listing: '',
    annotationSymbol: '',
    annotation: '',
    citesAccepted: true,
    synonyms: [],
    commonNames: [],
    excludes: [],
  };
}

/** Whether `t` falls under the higher taxon `higher` (by its genus, family or order field). */
function under(t: Taxon, higher: Taxon): boolean {
  if (t === higher || HIGHER.has(t.rank)) return false;
  if (higher.rank === 'GENUS') return t.genus === higher.name;
  if (higher.rank === 'FAMILY') return t.family === higher.name;
  if (higher.rank === 'ORDER') return t.order === higher.name;
  return false;
}

/**
 * Applies to a checklist import the rows that entered into force after its date (all rows when
 * `after` is given as ""), in order of entry into force. Returns a new import (the input is not
 * changed) and the record of what was applied (undefined when nothing was). Throws when a row
 * names a taxon it cannot place.
 */
export function applyListingAmendments(
  checklist: ChecklistImport,
  rows: readonly ListingAmendment[],
  after = checklist.date,
): { checklist: ChecklistImport; record: AmendmentRecord | undefined } {
  const due = rows
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => !after || a.inForce > after)
    .sort((x, y) => (x.a.inForce < y.a.inForce ? -1 : x.a.inForce > y.a.inForce ? 1 : x.i - y.i))
    .map(({ a }) => a);
  if (due.length === 0) return { checklist, record: undefined };
  const taxa = checklist.taxa.map((t) => ({ ...t }));
  const byName = new Map(taxa.map((t) => [t.name, t] as const));
  const used = new Set(taxa.map((t) => t.taxonId));
  const find = (a: ListingAmendment) => byName.get(a.taxon);
  const place = (a: ListingAmendment) => {
    let t = find(a);
    if (!t) {
      t = newTaxon(a, used);
      taxa.push(t);
      byName.set(t.name, t);
    }
    for (const c of a.names) {
      if (!t.commonNames.some((n) => n.lang === c.lang && n.name.toLowerCase() === c.name.toLowerCase())) {
        t.commonNames = [...t.commonNames, c];
      }
    }
    return t;
  };
  const setAnnotation = (t: Taxon, a: ListingAmendment, line: string, replace: boolean) => {
    const { symbol } = splitSymbol(a.annotation);
    if (symbol) t.annotationSymbol = symbol;
    t.annotation = replace || !t.annotation ? line : `${t.annotation}\n${line}`;
  };

  for (const a of due) {
    switch (a.change) {
      case 'inclusion':
      case 'transfer':
      case 'member': {
        const existing = find(a);
        if (a.change === 'member' && existing && existing.listing && existing.listing !== 'NC') break;
        const t = place(a);
        const from = existing?.listing ?? '';
        const fromAppendix = listingParts(from).filter((p) => p !== 'NC' && p !== a.appendix)[0] ?? '';
        if (a.population && existing?.listing) {
          // One population moves: the listing keeps its other parts ("I/II" for the vicuña).
          const parts = new Set([...listingParts(existing.listing), a.appendix]);
          t.listing = ['I', 'II', 'III', 'NC'].filter((p) => parts.has(p)).join('/');
          setAnnotation(t, a, listingLine(a, fromAppendix), false);
        } else {
          t.listing = a.appendix;
          setAnnotation(t, a, listingLine(a, fromAppendix), true);
        }
        if (!HIGHER.has(t.rank) && !a.population && a.change === 'transfer') {
          // A species moves with its subspecies and varieties.
          for (const s of taxa) {
            if (s === t || !s.name.startsWith(`${t.name} `) || s.listing === a.appendix) continue;
            s.listing = a.appendix;
            setAnnotation(s, a, `Appendix ${a.appendix}: Transferred with ${t.name} at ${origin(a)}.`, true);
          }
        }
        if (HIGHER.has(t.rank)) {
          for (const s of taxa) {
            if (!under(s, t)) continue;
            // A transfer moves every species under the taxon; an inclusion raises only those below it.
            const raise = a.change === 'transfer' || !s.listing || s.listing === 'III' || s.listing === 'NC';
            if (!raise || s.listing === a.appendix) continue;
            const before = listingParts(s.listing).filter((p) => p !== 'NC' && p !== a.appendix)[0] ?? '';
            s.listing = a.appendix;
            const fromText = before ? ` from Appendix ${before}` : '';
            const who = a.population ? `${a.population}: ` : '';
            const line =
              a.change === 'transfer'
                ? `Appendix ${a.appendix}: Transferred${fromText} with ${t.name} spp. at ${origin(a)}.`
                : `Appendix ${a.appendix}: ${who}Included in ${t.name} spp. (${origin(a)}).`;
            setAnnotation(s, a, line, true);
          }
        }
        break;
      }
      case 'deletion': {
        const t = find(a);
        if (!t)
          throw new LexiconImportError(
            'bad-row',
            `${AMENDMENTS_SOURCE}: cannot delete "${a.taxon}": not in the checklist`,
          );
        t.listing = 'NC';
        setAnnotation(t, a, `Deleted from Appendix ${a.appendix} at ${origin(a)}.`, true);
        // A species listed only through the deleted subspecies is no longer covered at all.
        if (a.rank === 'SUBSPECIES') {
          const species = byName.get(a.taxon.split(' ').slice(0, 2).join(' '));
          const listedChild = taxa.some(
            (s) => s !== t && s.name.startsWith(`${species?.name} `) && s.listing && s.listing !== 'NC',
          );
          if (species && listingParts(species.listing).includes('NC') && !listedChild) {
            species.listing = 'NC';
            setAnnotation(species, a, `${a.taxon} deleted from Appendix ${a.appendix} at ${origin(a)}.`, true);
          }
        }
        break;
      }
      case 'annotation': {
        const t = find(a);
        if (!t)
          throw new LexiconImportError(
            'bad-row',
            `${AMENDMENTS_SOURCE}: cannot annotate "${a.taxon}": not in the checklist`,
          );
        const { symbol, text } = splitSymbol(a.annotation);
        const line = `${origin(a)}: ${symbol ? `${symbol} ` : ''}${text}`;
        // A numbered annotation changes for every taxon that carries it; another, for the taxon and its species.
        const targets = symbol
          ? taxa.filter((s) => s.annotationSymbol === symbol)
          : taxa.filter((s) => s === t || under(s, t));
        for (const s of targets) s.annotation = s.annotation ? `${s.annotation}\n${line}` : line;
        break;
      }
      case 'not-covered': {
        const t = place(a);
        t.listing = 'NC';
        setAnnotation(t, a, a.annotation, true);
        break;
      }
    }
  }
  taxa.sort((x, y) => x.taxonId - y.taxonId);
  const meetings = new Map<string, { meeting: string; rows: number; inForce: string[] }>();
  for (const a of due) {
    const m = meetings.get(a.cop) ?? { meeting: a.cop, rows: 0, inForce: [] };
    m.rows++;
    if (!m.inForce.includes(a.inForce)) m.inForce.push(a.inForce);
    meetings.set(a.cop, m);
  }
  for (const m of meetings.values()) m.inForce.sort();
  const record: AmendmentRecord = {
    file: AMENDMENTS_SOURCE,
    asAmendedTo: due.reduce((d, a) => (a.inForce > d ? a.inForce : d), ''),
    meetings: [...meetings.values()].sort((x, y) => (x.meeting < y.meeting ? -1 : 1)),
  };
  return { checklist: { ...checklist, taxa }, record };
}
