/**
 * Singulars of plural English group names. Species+ names genera, families and orders in the
 * plural ("Crocodiles", "Pythons", "Rhinoceroses", "Sea turtles"), while listings name the animal
 * in the singular ("Crocodile skin wallet", "sea turtle shell"): the matcher only turns a page's
 * plural into the lexicon's singular, so each such name also gets its singular form.
 */

/** Last words whose final "s" is not a plural ending ("Ibis", "Platypus", "Albatross"). */
const NOT_PLURAL = /(?:ss|us|is|os)$/i;

/**
 * The singular of an English common name whose last word is a regular plural, or null.
 * "Crocodiles" → "Crocodile", "Sea turtles" → "Sea turtle", "Peccaries" → "Peccary",
 * "Rhinoceroses" → "Rhinoceros", "Sawfishes" → "Sawfish"; irregular or doubtful plurals
 * ("Wolves", "Buffaloes", "Cacti") are left alone.
 */
export function singularOf(name: string): string | null {
  const m = /^(.*?)(\p{L}+)$/u.exec(name);
  if (!m) return null;
  const [, head, last] = m;
  if (last.length < 4 || !/s$/i.test(last) || NOT_PLURAL.test(last)) return null;
  let stem: string;
  if (/ies$/i.test(last)) stem = last.slice(0, -3) + (last.endsWith('IES') ? 'Y' : 'y');
  // "-es" after a sibilant: "Sawfishes", "Finches", "Foxes", and after a singular that itself
  // ends in s ("Rhinoceroses", "Lorises", "Albatrosses"), but "Tortoises" is "Tortoise" + "s".
  else if (
    /(?:xes|ches|shes)$/i.test(last) ||
    (/ses$/i.test(last) && NOT_PLURAL.test(last.slice(0, -2)) && !/[aeiou]ises$/i.test(last))
  ) {
    stem = last.slice(0, -2);
  } else if (/(?:oes|ves)$/i.test(last)) return null;
  else stem = last.slice(0, -1);
  return stem.length >= 3 ? head + stem : null;
}
