/** Notices for captures of a case, and the record that the officer sent one. */
import { sha256Hex } from '../../engine/bytes/sha256';
import { logAudit } from '../../engine/evidence/operations';
import { listingsOf, prepareNotices, sentListings } from '../../engine/removal/notices';
import { checksOf, noticeDraft } from '../../engine/removal/records';
import { mailtoLink } from '../../engine/removal/render';
import { NOTICE_LANGUAGES, PLATFORM_KINDS } from '../../engine/removal/model';
import { backgroundStore } from '../evidence/evidence-store';
import { loadSettings } from '../../browser/settings-store';
import { localDay } from '../../messaging/routes/evidence';
import type { PrepareRequest, PreparedNotice, RemovalRoutes } from '../../messaging/routes/removal';
import { installSigner, queueEvidenceWrite } from '../evidence/service';
import { loadRemovalSettings } from './settings';

function checkChoice(req: PrepareRequest): void {
  if (!PLATFORM_KINDS.includes(req.kind)) throw new Error(`unknown kind of platform "${req.kind}"`);
  if (!NOTICE_LANGUAGES.includes(req.language)) throw new Error(`no notice template in "${req.language}"`);
  if (!Array.isArray(req.captureIds) || req.captureIds.some((id) => typeof id !== 'string')) {
    throw new Error('captureIds must be a list of capture ids');
  }
}

/** The captures asked for; none = every capture of the case except the follow-ups of re-checks. */
async function chosenCaptures(req: PrepareRequest): Promise<string[]> {
  if (req.captureIds.length) return req.captureIds;
  const store = backgroundStore();
  const followUps = new Set(checksOf(await store.listAudit(), req.caseId).map((c) => c.followUpCaptureId));
  return (await store.listCaptures(req.caseId)).map((c) => c.body.captureId).filter((id) => !followUps.has(id));
}

export async function prepare(req: PrepareRequest, now = new Date()): Promise<PreparedNotice[]> {
  checkChoice(req);
  const store = backgroundStore();
  const info = await store.getCase(req.caseId);
  if (!info) throw new Error('that case does not exist');
  const [settings, removal] = [await loadSettings(), await loadRemovalSettings()];
  const letterhead = {
    agency: settings.agency || info.agency,
    officer: settings.officerName || info.officer,
    contact: removal.contact,
    reference: info.reference || info.title,
    date: localDay(now),
  };
  const listings = await listingsOf(store, req.caseId, await chosenCaptures(req));
  return prepareNotices(listings, {
    ...letterhead,
    kind: req.kind,
    language: req.language,
    legalBasis: removal.legalBasis,
    templates: removal.templates,
  }).map((n) => ({ ...n, mailto: mailtoLink('', n.subject, n.body), letterhead }));
}

type SentRequest = RemovalRoutes['removal/sent']['request'];

/** Records, signed in the audit log, that the officer sent this notice to this platform. */
export async function recordSent(req: SentRequest): Promise<{ auditHash: string; summary: string }> {
  checkChoice(req);
  if (typeof req.body !== 'string' || typeof req.subject !== 'string') throw new Error('the notice has no text');
  const store = backgroundStore();
  const listings = await sentListings(store, req.caseId, req.platform, req.captureIds);
  const [signer, settings] = [await installSigner(), await loadSettings()];
  const sentAt = new Date();
  const draft = noticeDraft({ ...req, listings }, settings.officerName || 'officer', await sha256Hex(req.body), sentAt);
  const entry = await queueEvidenceWrite(() => logAudit(store, signer, draft));
  return { auditHash: entry.hash, summary: String(entry.body.details.summary) };
}
