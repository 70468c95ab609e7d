/** Checks shared by the lexicon tests (not a test file itself). */
import { expect } from 'vitest';
import { coveredByOf, groupSingular, hitAnnotation } from '../../src/engine/lexicon/compile';
import type { CompiledLexicon } from '../../src/engine/lexicon/compiled';
import { EK_TERM } from '../../src/engine/lexicon/format';
import type { Lexicon } from '../../src/engine/lexicon/types';

/** Every spelling a lexicon gives its entries: names of a taxon row, or a term. */
function spellingsOf(lex: Lexicon): { byTaxon: Set<string>[]; terms: string[] } {
  const byTaxon = lex.taxa.map(
    (t) =>
      new Set([
        t.name,
        ...t.synonyms,
        ...t.commonNames.flatMap((c) => [c.name, groupSingular(t, c) ?? c.name]),
        ...t.excludes,
      ]),
  );
  const row = new Map(lex.taxa.map((t, i) => [t.taxonId, i] as const));
  for (const n of lex.extraNames) byTaxon[row.get(n.taxonId)!]?.add(n.name);
  return { byTaxon, terms: lex.terms.map((t) => t.term) };
}

/** Checks every entry's spelling and every taxon reference against the source lexicon. */
export function expectFaithful(compiled: CompiledLexicon, lex: Lexicon): void {
  const { byTaxon, terms } = spellingsOf(lex);
  const wrong: string[] = [];
  for (let e = 0; e < compiled.entryKind.length; e++) {
    const text = compiled.entryText(e);
    const ok =
      compiled.entryKind[e] >= EK_TERM ? terms[compiled.entryRef[e]] === text : byTaxon[compiled.entryRef[e]].has(text);
    if (!ok) wrong.push(`${e}: ${text}`);
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  lex.taxa.forEach((t, i) => {
    const ref = compiled.taxonRef(i);
    expect(ref).toEqual({
      taxonId: t.taxonId,
      name: t.name,
      rank: t.rank,
      listing: t.listing,
      ...(hitAnnotation(t) ? { annotation: hitAnnotation(t) } : {}),
      ...(coveredByOf(t.annotation) ? { coveredBy: coveredByOf(t.annotation) } : {}),
    });
    expect(compiled.taxonKingdom(i)).toBe(t.kingdom);
  });
}
