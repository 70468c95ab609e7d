/**
 * Fills a notice template: the listing block is written in the notice's language (URL, capture
 * time, the SHA-256 of the signed capture record and of the screenshot, taxa with their CITES
 * appendix, the verdict's reasons), everything else is put in as given. Plain text only: the
 * output is pasted into report forms, e-mails and a printed letter.
 */
import type { NoticeInput, NoticeLanguage, NoticeListing, NoticeTemplate } from './model';
import type { Placeholder } from './templates';

const LABELS: Record<
  NoticeLanguage,
  {
    captured: string;
    record: string;
    screenshot: string;
    taxa: string;
    appendix: string;
    reasons: string;
    none: string;
  }
> = {
  en: {
    captured: 'Captured',
    record: 'Evidence SHA-256 (signed capture record)',
    screenshot: 'Screenshot SHA-256',
    taxa: 'CITES-listed taxa',
    appendix: 'Appendix',
    reasons: 'Why it is a sale offer',
    none: 'none recorded',
  },
  es: {
    captured: 'Capturado',
    record: 'SHA-256 de la prueba (registro de captura firmado)',
    screenshot: 'SHA-256 de la captura de pantalla',
    taxa: 'Taxones incluidos en la CITES',
    appendix: 'Apéndice',
    reasons: 'Por qué es una oferta de venta',
    none: 'no consta',
  },
  fr: {
    captured: 'Capturée',
    record: 'SHA-256 de la preuve (enregistrement de capture signé)',
    screenshot: 'SHA-256 de la capture d’écran',
    taxa: 'Taxons inscrits à la CITES',
    appendix: 'Annexe',
    reasons: 'Pourquoi c’est une offre de vente',
    none: 'non relevé',
  },
};

/** "2026-12-07 03:40:27 UTC" from an ISO time (as captured, to the second). */
export function utcLine(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** The numbered listing block of a notice. */
export function listingBlock(listings: readonly NoticeListing[], language: NoticeLanguage): string {
  const l = LABELS[language];
  // French puts a space before a colon.
  const colon = language === 'fr' ? ' :' : ':';
  return listings
    .map((x, i) => {
      const taxa = x.taxa.length ? x.taxa.map((t) => `${t.name} (${l.appendix} ${t.appendix})`).join('; ') : l.none;
      const lines = [
        `${i + 1}. ${x.url}`,
        `   ${l.captured}${colon} ${utcLine(x.capturedAt)}`,
        `   ${l.record}${colon} ${x.recordHash}`,
        ...(x.screenshotSha256 ? [`   ${l.screenshot}${colon} ${x.screenshotSha256}`] : []),
        `   ${l.taxa}${colon} ${taxa}`,
        `   ${l.reasons}${colon} ${x.reasons.length ? x.reasons.join('; ') : l.none}`,
      ];
      return lines.join('\n');
    })
    .join('\n\n');
}

/** Fills `template` with `input`. A placeholder whose value is empty is written as "—". */
export function renderNotice(template: NoticeTemplate, input: NoticeInput): { subject: string; body: string } {
  const values: Record<Placeholder, string> = {
    platform: input.platform,
    reference: input.reference,
    agency: input.agency,
    officer: input.officer,
    contact: input.contact,
    legal_basis: input.legalBasis,
    date: input.date,
    count: String(input.listings.length),
    listings: listingBlock(input.listings, input.language),
  };
  const fill = (text: string, oneLine: boolean) =>
    text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
      if (!Object.hasOwn(values, name)) return whole;
      const v = values[name as Placeholder].trim() || '—';
      return oneLine ? v.replace(/\s+/g, ' ') : v;
    });
  return { subject: fill(template.subject, true), body: fill(template.body, false) };
}

/**
 * A `mailto:` link with the notice as a draft (RFC 6068: the address part may be empty, subject
 * and body percent-encoded, line breaks as CRLF).
 */
export function mailtoLink(to: string, subject: string, body: string): string {
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return `mailto:${encodeURIComponent(to.trim()).replace(/%40/g, '@')}?subject=${enc(subject)}&body=${enc(body)}`;
}
