/**
 * Text helpers for checklist fields: synonyms with authors, comma lists of common names,
 * annotation HTML, and the names an annotation says are excluded.
 */

// Rank markers inside scientific names ("Galanthus nivalis var. redoutei").
const RANK_MARKERS = new Set(['var.', 'subsp.', 'ssp.', 'f.', 'forma', 'fo.', 'cv.', 'nothosubsp.', 'nothovar.']);
// Lower-case words that start an author rather than continue a name ("de Candolle", "ex", "van").
const AUTHOR_PARTICLES = new Set([
  'de',
  'da',
  'di',
  'do',
  'du',
  'van',
  'von',
  'der',
  'den',
  'del',
  'della',
  'la',
  'le',
  'ex',
  'et',
  'in',
  'and',
  'f',
  'non',
  'sensu',
  'auct.',
  'nom.',
  'emend.',
]);
const GENUS_WORD = /^(?:×\s?)?[A-Z][a-zà-ÿ-]+$/;
const EPITHET_WORD = /^(?:×)?[a-zà-ÿ][a-zà-ÿ-]*$/;

/**
 * True when a comma-separated piece starts a new name ("Python schneideri Merrem") rather than
 * continuing an author list.
 */
function startsName(piece: string, genusRank: boolean): boolean {
  const words = piece.trim().split(/\s+/);
  if (!GENUS_WORD.test(words[0] ?? '')) return false;
  if (words.length === 1) return genusRank;
  const second = words[1] === '×' ? (words[2] ?? '') : words[1];
  if (EPITHET_WORD.test(second) && !AUTHOR_PARTICLES.has(second)) return true;
  // A genus-rank synonym followed by its author ("Frigidorchis Z.J.Liu & S.C.Chen").
  return genusRank && !/^\d/.test(second) && !words[0].endsWith('.');
}

/**
 * The scientific name at the start of "Name Author, Year" with the author dropped:
 * "Boa reticulata Schneider, 1801" gives "Boa reticulata".
 */
export function stripAuthor(withAuthor: string): string {
  const words = withAuthor.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const out = [words[0]];
  let i = 1;
  if (words[1] === '×') out.push(words[i++]);
  let epithets = 0;
  while (i < words.length) {
    const w = words[i];
    if (RANK_MARKERS.has(w) && i + 1 < words.length && EPITHET_WORD.test(words[i + 1])) {
      out.push(w, words[i + 1]);
      i += 2;
      epithets++;
      continue;
    }
    if (epithets < 3 && EPITHET_WORD.test(w) && !AUTHOR_PARTICLES.has(w)) {
      out.push(w);
      i++;
      epithets++;
      continue;
    }
    break;
  }
  return out.join(' ');
}

/**
 * Splits SynonymsWithAuthors into bare names. The list is comma-separated and the authors hold
 * commas too ("Boa reticulata Schneider, 1801, Python schneideri Merrem, 1820"), so a piece only
 * starts a new synonym when it looks like a name.
 */
export function splitSynonyms(field: string, genusRank = false): string[] {
  const pieces = field.split(',');
  const names: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current === '' || startsName(piece, genusRank)) {
      if (current) names.push(current);
      current = piece.trim();
    } else {
      current += ',' + piece;
    }
  }
  if (current) names.push(current);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const bare = stripAuthor(n);
    if (bare && !seen.has(bare)) {
      seen.add(bare);
      out.push(bare);
    }
  }
  return out;
}

/** Splits a comma-separated list of common names, trimming and dropping duplicates. */
export function splitCommonNames(field: string): string[] {
  const out: string[] = [];
  for (const raw of field.split(',')) {
    const n = raw.replace(/\s+/g, ' ').trim();
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/** Annotation HTML to plain text; drops empty "Appendix II: " lines. */
export function cleanAnnotation(html: string): string {
  const text = html
    .replace(/<p>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&amp;/g, '&');
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/\s+/g, ' ')
        .replace(/:(?=\S)/, ': ')
        .trim(),
    )
    .filter((line) => line !== '' && !/^Appendix [IV]+:$/.test(line))
    .join('\n');
}

/**
 * Names that a higher taxon's annotation says are not included: italic names and "X spp." in
 * sentences that say excludes / except / not included ("Also excludes <i>Aloe vera</i>, also
 * referenced as <i>Aloe barbadensis</i>, which is not included"). Abbreviated genera are expanded.
 */
export function parseExclusions(html: string): string[] {
  const out: string[] = [];
  const sentences = html.replace(/\u00a0/g, ' ').split(/\.\s+(?=[A-Z<])(?!<i>[A-Z]\.)/);
  for (const sentence of sentences) {
    if (!/exclud|except|not included/i.test(sentence)) continue;
    let lastGenus = '';
    for (const m of sentence.matchAll(/<i>(.*?)<\/i>|\b([A-Z][a-z]+) spp\./g)) {
      if (m[2]) {
        out.push(m[2]);
        continue;
      }
      for (let part of m[1].split(/,|\band\b/)) {
        part = part.trim();
        if (!part) continue;
        const abbrev = /^([A-Z])\.\s*(.+)$/.exec(part);
        if (abbrev && lastGenus.startsWith(abbrev[1])) part = `${lastGenus} ${abbrev[2]}`;
        const genus = part.split(/\s+/)[0];
        if (/^[A-Z][a-z]+$/.test(genus)) lastGenus = genus;
        if (/^[A-Z][a-z]+(\s[a-z-]+){0,2}$/.test(part) && !out.includes(part)) out.push(part);
      }
    }
  }
  return out;
}
