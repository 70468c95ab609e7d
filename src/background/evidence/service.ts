/**
 * The background's evidence service: the install's signer, the active case, and the evidence
 * settings (online identity, full-page option) kept beside the core settings.
 */
import browser from 'webextension-polyfill';
import { ensureSigningKey } from '../../engine/evidence/operations';
import type { Signer } from '../../engine/evidence/signing';
import { loadSettings } from '../../browser/settings-store';
import { backgroundStore } from './evidence-store';
import { tsaUrlProblem } from './tsa-origins';

/** Who the audit log names for what the officer does: the name in the options, or "officer". */
export async function officerName(): Promise<string> {
  return (await loadSettings()).officerName || 'officer';
}

let signer: Promise<Signer> | undefined;
/** The install's signer (the key pair is created, and the install audited, on first use). */
export function installSigner(actor = 'system'): Promise<Signer> {
  signer ??= ensureSigningKey(backgroundStore(), actor);
  signer.catch(() => (signer = undefined));
  return signer;
}

let queue: Promise<unknown> = Promise.resolve();
/**
 * Runs the evidence writes of the background one at a time. Each write reads the chain heads,
 * signs, and commits only if they did not move meanwhile (src/engine/evidence/operations.ts), so
 * writes started together made each other retry, and a burst of captures ran out of retries and
 * lost captures. In this queue every write finds the heads it read still in place. A queued write
 * must not wait for another queued write (installSigner is not queued). Extension pages that log
 * an audit entry themselves (export, verification) still rely on the engine's retries.
 */
export function queueEvidenceWrite<T>(write: () => Promise<T>): Promise<T> {
  const run = queue.then(write);
  queue = run.catch(() => undefined);
  return run;
}

const ACTIVE_CASE = 'evidence/activeCaseId';
const SETTINGS = 'evidence/settings';

/** The case new captures go into, if one is selected. */
export async function activeCaseId(): Promise<string | undefined> {
  const v = (await browser.storage.local.get(ACTIVE_CASE))[ACTIVE_CASE];
  return typeof v === 'string' ? v : undefined;
}

export async function setActiveCaseId(caseId: string | undefined): Promise<void> {
  if (caseId === undefined) await browser.storage.local.remove(ACTIVE_CASE);
  else await browser.storage.local.set({ [ACTIVE_CASE]: caseId });
}

/** Evidence options the officer sets. */
export interface EvidenceSettings {
  /** The online (virtual) identity used for browsing, recorded with each capture. */
  onlineIdentity: string;
  /** Also take a full-page image (scrolls the page: observable by it). Off by default. */
  fullPage: boolean;
  /** RFC 3161 TSA URL; '' = no trusted timestamps (default). Used only with covert mode off. */
  tsaUrl: string;
}

export const DEFAULT_EVIDENCE_SETTINGS: Readonly<EvidenceSettings> = Object.freeze({
  onlineIdentity: '',
  fullPage: false,
  tsaUrl: '',
});

/** Keeps only known keys with the right types. */
export function mergeEvidenceSettings(base: EvidenceSettings, update: unknown): EvidenceSettings {
  const next = { ...base };
  if (typeof update !== 'object' || update === null) return next;
  const u = update as Record<string, unknown>;
  if (typeof u.onlineIdentity === 'string') next.onlineIdentity = u.onlineIdentity.trim().slice(0, 200);
  if (typeof u.fullPage === 'boolean') next.fullPage = u.fullPage;
  if (typeof u.tsaUrl === 'string') {
    const url = u.tsaUrl.trim();
    const problem = tsaUrlProblem(url);
    if (problem) throw new Error(problem);
    next.tsaUrl = url;
  }
  return next;
}

export async function loadEvidenceSettings(): Promise<EvidenceSettings> {
  try {
    return mergeEvidenceSettings(
      { ...DEFAULT_EVIDENCE_SETTINGS },
      (await browser.storage.local.get(SETTINGS))[SETTINGS],
    );
  } catch {
    // A stored TSA URL no longer allowed (the list changed): keep the rest, no timestamps.
    const stored = (await browser.storage.local.get(SETTINGS))[SETTINGS] as Record<string, unknown> | undefined;
    return mergeEvidenceSettings({ ...DEFAULT_EVIDENCE_SETTINGS }, { ...stored, tsaUrl: '' });
  }
}

export async function saveEvidenceSettings(update: Partial<EvidenceSettings>): Promise<EvidenceSettings> {
  const next = mergeEvidenceSettings(await loadEvidenceSettings(), update);
  await browser.storage.local.set({ [SETTINGS]: next });
  return next;
}
