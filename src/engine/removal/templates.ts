/**
 * The default notice templates: one per kind of site (marketplace, social network, classifieds)
 * and language. An agency replaces any of them in the options; the placeholders are the same.
 */
import type { NoticeLanguage, NoticeTemplate, PlatformKind } from './model';
import defaults from './default-templates.json';

/** The placeholders a template may use, each filled by render.ts. */
export const PLACEHOLDERS = [
  'platform',
  'reference',
  'agency',
  'officer',
  'contact',
  'legal_basis',
  'date',
  'count',
  'listings',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The defaults, kept as data: each paragraph is one line, as report forms and e-mail clients wrap it. */
export const DEFAULT_TEMPLATES: Readonly<Record<PlatformKind, Record<NoticeLanguage, NoticeTemplate>>> = defaults;

/** Problems with a template an agency wrote (unknown or unclosed placeholders, no listings). */
export function templateProblems(t: NoticeTemplate): string[] {
  const out: string[] = [];
  for (const [field, text] of [
    ['subject', t.subject],
    ['body', t.body],
  ] as const) {
    if (typeof text !== 'string' || !text.trim()) {
      out.push(`the ${field} is empty`);
      continue;
    }
    for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(m[1]))
        out.push(`{${m[1]}} in the ${field} is not a placeholder`);
    }
    if (field === 'subject' && text.includes('{listings}')) out.push('{listings} belongs in the body');
  }
  if (typeof t.body === 'string' && !t.body.includes('{listings}')) out.push('the body must contain {listings}');
  return out;
}
