/**
 * Preparing removal notices from captures: each capture becomes a listing (URL, time, hashes,
 * taxa, reasons, read from its signed record and stored artefacts), the listings are grouped by
 * platform, and each group is written with the template of the chosen kind and language.
 */
import { concatBytes, fromUtf8, readChunks } from '../bytes/bytes';
import { ARTEFACTS, captureNumber } from '../evidence/case-file-names';
import type { StoredArtefact, StoredCapture } from '../evidence/model';
import type { EvidenceReader } from '../evidence/store';
import { reasonsOfRisk, taxaOfHits } from './listing-facts';
import type { Notice, NoticeInput, NoticeLanguage, NoticeListing, NoticeTemplate, PlatformKind } from './model';
import { byPlatform, platformOf } from './platform';
import { renderNotice } from './render';
import { DEFAULT_TEMPLATES } from './templates';

/** Artefacts read for a notice are small JSON; a larger one is not read (the notice says "none recorded"). */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

async function jsonOf(a: StoredArtefact | undefined): Promise<unknown> {
  if (!a || a.size > MAX_JSON_BYTES) return undefined;
  const parts: Uint8Array[] = [];
  for await (const c of readChunks(a.body)) parts.push(c.slice());
  try {
    return JSON.parse(fromUtf8(concatBytes(parts)));
  } catch {
    return undefined;
  }
}

/** The listing a capture is, as a notice describes it. */
export async function listingOf(store: EvidenceReader, c: StoredCapture): Promise<NoticeListing> {
  const artefacts = new Map((await store.listArtefacts(c.body.captureId)).map((a) => [a.name, a]));
  const hits = await jsonOf(artefacts.get(ARTEFACTS.hits));
  const risk = (await jsonOf(artefacts.get(ARTEFACTS.risk))) as
    { page?: { signals?: unknown } | null; format?: unknown } | undefined;
  const signals = Array.isArray(risk?.page?.signals) ? risk.page.signals : [];
  const screenshot = c.body.artefacts.find((a) => a.name === ARTEFACTS.screenshot);
  return {
    captureId: c.body.captureId,
    captureNumber: captureNumber(c.body.sequence),
    url: c.body.metadata.finalUrl,
    capturedAt: c.body.metadata.capturedAt,
    recordHash: c.hash,
    ...(screenshot ? { screenshotSha256: screenshot.sha256 } : {}),
    taxa: taxaOfHits(Array.isArray(hits) ? hits : []),
    reasons: reasonsOfRisk({
      state: risk?.format === 'wildtrace/risk' && risk.page ? 'scored' : 'absent',
      signals: signals.flatMap((s) => {
        const o = s as { kind?: unknown; label?: unknown; text?: unknown; weight?: unknown } | null;
        return o && typeof o.weight === 'number'
          ? [{ kind: String(o.kind ?? ''), label: String(o.label ?? ''), text: String(o.text ?? ''), weight: o.weight }]
          : [];
      }),
    }),
  };
}

/** The listings of the chosen captures of a case, in chain order. Throws for a capture not in the case. */
export async function listingsOf(
  store: EvidenceReader,
  caseId: string,
  captureIds: readonly string[],
): Promise<NoticeListing[]> {
  const all = await store.listCaptures(caseId);
  const wanted = new Set(captureIds);
  const missing = [...wanted].filter((id) => !all.some((c) => c.body.captureId === id));
  if (missing.length) throw new Error(`captures not in this case: ${missing.join(', ')}`);
  const chosen = all.filter((c) => wanted.has(c.body.captureId));
  if (!chosen.length) throw new Error('choose at least one capture');
  return Promise.all(chosen.map((c) => listingOf(store, c)));
}

/** Agency templates override the defaults one kind and language at a time. */
export type TemplateOverrides = Partial<Record<PlatformKind, Partial<Record<NoticeLanguage, NoticeTemplate>>>>;

export function templateFor(
  overrides: TemplateOverrides,
  kind: PlatformKind,
  language: NoticeLanguage,
): NoticeTemplate {
  return overrides[kind]?.[language] ?? DEFAULT_TEMPLATES[kind][language];
}

/** What every notice of a request shares. */
export type NoticeContext = Omit<NoticeInput, 'platform' | 'listings'> & { templates: TemplateOverrides };

/** One notice per platform, platforms in the order of their first capture. */
export function prepareNotices(listings: readonly NoticeListing[], ctx: NoticeContext): Notice[] {
  const template = templateFor(ctx.templates, ctx.kind, ctx.language);
  return [...byPlatform(listings, (l) => l.url)].map(([platform, group]) => {
    const { subject, body } = renderNotice(template, { ...ctx, platform, listings: group });
    return {
      platform,
      kind: ctx.kind,
      language: ctx.language,
      subject,
      body,
      captureIds: group.map((l) => l.captureId),
      urls: group.map((l) => l.url),
    };
  });
}

/**
 * The listings a sent notice names, from the store: each capture must be in the case and on the
 * notice's platform, so a record can never name a capture the notice was not about.
 */
export async function sentListings(
  store: EvidenceReader,
  caseId: string,
  platform: string,
  captureIds: readonly string[],
): Promise<{ captureId: string; recordHash: string; url: string }[]> {
  if (!Array.isArray(captureIds) || captureIds.length === 0) throw new Error('a notice names at least one capture');
  const captures = await store.listCaptures(caseId);
  return [...new Set(captureIds)].map((id) => {
    const c = captures.find((x) => x.body.captureId === id);
    if (!c) throw new Error(`capture ${id} is not in this case`);
    if (platformOf(c.body.metadata.finalUrl) !== platform) {
      throw new Error(`capture #${captureNumber(c.body.sequence)} is not on ${platform}`);
    }
    return { captureId: id, recordHash: c.hash, url: c.body.metadata.finalUrl };
  });
}
