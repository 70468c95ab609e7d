import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The UI languages; every string must exist in each. */
export const LANGUAGES = ['en', 'es', 'fr'] as const;

type Entry = Record<(typeof LANGUAGES)[number], string>;

/**
 * Reads the per-feature string tables in `locales/*.json` ({ key: { en, es, fr } }), so each
 * feature keeps its strings beside the others' without editing one shared file. Throws on a
 * key defined twice or a missing language.
 */
export function readStringTables(dir = resolve('locales')): Map<string, Entry> {
  const all = new Map<string, Entry>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const table = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Entry>;
    for (const [key, entry] of Object.entries(table)) {
      if (all.has(key)) throw new Error(`locales/${file}: "${key}" is already defined in another table`);
      for (const lang of LANGUAGES) {
        if (typeof entry[lang] !== 'string' || !entry[lang])
          throw new Error(`locales/${file}: "${key}" has no ${lang} text`);
      }
      all.set(key, entry);
    }
  }
  return all;
}

/**
 * Builds `_locales/<lang>/messages.json` for the extension. `$1`..`$9` in a string become
 * named placeholders, as the i18n API wants.
 */
export function buildMessages(tables = readStringTables()): { relativeDest: string; contents: string }[] {
  return LANGUAGES.map((lang) => {
    const messages: Record<string, { message: string; placeholders?: Record<string, { content: string }> }> = {};
    for (const [key, entry] of tables) {
      const text = entry[lang];
      const slots = [...new Set(text.match(/\$[1-9]/g) ?? [])];
      messages[key] = slots.length
        ? {
            message: text.replace(/\$([1-9])/g, '$$P$1$$'),
            placeholders: Object.fromEntries(slots.map((s) => [`p${s.slice(1)}`, { content: s }])),
          }
        : { message: text };
    }
    return { relativeDest: `_locales/${lang}/messages.json`, contents: JSON.stringify(messages, null, 2) + '\n' };
  });
}
