/**
 * The agency's removal settings: contact, legal-basis line, reminder delay and its own notice
 * templates (overrides of the defaults, one kind and language at a time). Set in the options.
 */
import { NOTICE_LANGUAGES, PLATFORM_KINDS, type NoticeTemplate } from './model';
import type { TemplateOverrides } from './notices';
import { templateProblems } from './templates';

export interface RemovalSettings {
  /** Where platforms answer: an e-mail address or a phone number, written into every notice. */
  contact: string;
  /** The legal-basis line every notice carries. */
  legalBasis: string;
  /** Days after a notice (or the last check) before a re-check is due; 0 = no reminder. */
  reminderDays: number;
  templates: TemplateOverrides;
}

export const DEFAULT_REMOVAL_SETTINGS: Readonly<RemovalSettings> = Object.freeze({
  contact: '',
  legalBasis: '',
  reminderDays: 7,
  templates: {},
});

const MAX_LINE = 500;
const MAX_TEMPLATE = 20_000;

/**
 * Keeps known keys with the right types. A template with problems (unknown placeholder, no
 * {listings}) is refused with every problem named, so an agency never saves a broken notice.
 * `null` in place of a template restores the default.
 */
export function mergeRemovalSettings(base: RemovalSettings, update: unknown): RemovalSettings {
  const next: RemovalSettings = { ...base, templates: structuredClone(base.templates) };
  if (typeof update !== 'object' || update === null) return next;
  const u = update as Record<string, unknown>;
  if (typeof u.contact === 'string') next.contact = u.contact.trim().slice(0, MAX_LINE);
  if (typeof u.legalBasis === 'string') next.legalBasis = u.legalBasis.trim().slice(0, MAX_LINE * 4);
  if (typeof u.reminderDays === 'number' && Number.isInteger(u.reminderDays)) {
    next.reminderDays = Math.min(365, Math.max(0, u.reminderDays));
  }
  if (typeof u.templates === 'object' && u.templates !== null) {
    const t = u.templates as Record<string, Record<string, unknown> | undefined>;
    for (const kind of PLATFORM_KINDS) {
      for (const lang of NOTICE_LANGUAGES) {
        if (!t[kind] || !Object.hasOwn(t[kind], lang)) continue;
        const v = t[kind][lang];
        if (v === null) {
          delete next.templates[kind]?.[lang];
          continue;
        }
        const tpl = v as NoticeTemplate;
        const problems = typeof v === 'object' ? templateProblems(tpl) : ['not a template'];
        if (!problems.length && tpl.subject.length + tpl.body.length > MAX_TEMPLATE) {
          problems.push(`longer than ${MAX_TEMPLATE} characters`);
        }
        if (problems.length) throw new Error(`${kind} template (${lang}): ${problems.join('; ')}`);
        next.templates[kind] = { ...next.templates[kind], [lang]: { subject: tpl.subject, body: tpl.body } };
      }
    }
  }
  return next;
}
