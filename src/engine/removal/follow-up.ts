/**
 * Reading a listing again after a notice: did it come down? The outcome comes from what the
 * officer's browser saw, in this order:
 * 1. HTTP 404, 410 or 451: removed.
 * 2. Another 4xx or 5xx status: inconclusive (the site failed or refused; look again later).
 * 3. The platform's "removed" wording in the page text (en/es/fr): removed.
 * 4. The visible text hashes as it did when captured: still online.
 * 5. Otherwise: changed (still online, but not as captured; the follow-up capture shows how).
 */
import type { CheckOutcome } from './model';

/** Statuses that say the listing is gone. */
const GONE_STATUSES = new Set([404, 410, 451]);

/**
 * What platforms show in place of a removed listing, folded to lower case without accents. A
 * generic phrase ("not found") counts only in a short page: a live listing may contain it.
 */
export const REMOVED_WORDING: readonly string[] = [
  // en
  'this listing has been removed',
  'this listing is no longer available',
  'this listing was removed',
  'this item is no longer available',
  'this ad has been removed',
  'this ad is no longer available',
  'this ad has expired',
  'this post has been removed',
  'this content is no longer available',
  "this content isn't available",
  'this content is not available',
  'this page is no longer available',
  "sorry, this page isn't available",
  'page not found',
  // es
  'este anuncio ha sido eliminado',
  'este anuncio ya no esta disponible',
  'este anuncio ha caducado',
  'este articulo ya no esta disponible',
  'esta publicacion ha sido eliminada',
  'esta publicacion ya no esta disponible',
  'este contenido no esta disponible',
  'esta pagina no esta disponible',
  'pagina no encontrada',
  // fr
  'cette annonce a ete supprimee',
  'cette annonce n’est plus disponible',
  "cette annonce n'est plus disponible",
  'cette annonce a expire',
  'cet article n’est plus disponible',
  "cet article n'est plus disponible",
  'cette publication a ete supprimee',
  'ce contenu n’est plus disponible',
  "ce contenu n'est plus disponible",
  'cette page n’est plus disponible',
  "cette page n'est plus disponible",
  'page introuvable',
];

/** Lower case, accents removed, white space collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** Phrases a live listing could contain too (a "page not found" link): trusted only in a short page. */
const GENERIC = new Set(['page not found', 'pagina no encontrada', 'page introuvable']);
const SHORT_PAGE = 2000;

/** The first removed wording in the text, or undefined. */
export function removedWordingIn(text: string): string | undefined {
  const folded = foldText(text);
  return REMOVED_WORDING.find((w) => folded.includes(w) && (!GENERIC.has(w) || folded.length <= SHORT_PAGE));
}

export interface FollowUpReading {
  /** HTTP status of the listing's page, when the browser reported one. */
  httpStatus: number | null;
  /** The visible text of the page now. */
  text: string;
  /** SHA-256 of that text (text.txt of the follow-up capture). */
  textSha256: string;
  /** SHA-256 of text.txt of the original capture. */
  originalTextSha256: string | null;
  /** The listing's address and where the browser ended up, when known (a redirect is named). */
  url?: string;
  finalUrl?: string;
}

/**
 * "redirected to https://…" when the page ended up at another address than the listing's (not
 * counting the fragment): platforms often send a removed listing to a search or category page,
 * but a login wall does the same, so it is said, not judged.
 */
function redirectNote(r: FollowUpReading): string {
  if (!r.url || !r.finalUrl) return '';
  const strip = (u: string) => u.replace(/#.*$/, '');
  return strip(r.url) === strip(r.finalUrl) ? '' : `; redirected to ${r.finalUrl}`;
}

export interface FollowUpVerdict {
  outcome: CheckOutcome;
  /** Why, in words, e.g. "HTTP 410", "the page says \"page not found\"", "text unchanged". */
  reason: string;
  removedWording: string | null;
}

export function judgeFollowUp(r: FollowUpReading): FollowUpVerdict {
  const s = r.httpStatus;
  if (s !== null && GONE_STATUSES.has(s)) return { outcome: 'removed', reason: `HTTP ${s}`, removedWording: null };
  if (s !== null && s >= 400) return { outcome: 'inconclusive', reason: `HTTP ${s}`, removedWording: null };
  const wording = removedWordingIn(r.text);
  if (wording) return { outcome: 'removed', reason: `the page says "${wording}"`, removedWording: wording };
  if (r.originalTextSha256 !== null && r.textSha256 === r.originalTextSha256) {
    return { outcome: 'still-online', reason: 'text unchanged (same SHA-256)', removedWording: null };
  }
  return { outcome: 'changed', reason: `text changed (other SHA-256)${redirectNote(r)}`, removedWording: null };
}
