import type { RemovalSettings } from '../../engine/removal/settings';
import type {
  CheckOutcome,
  NoticeChannel,
  NoticeLanguage,
  NoticeTemplate,
  PlatformKind,
} from '../../engine/removal/model';
import type { Route, SenderRules } from '../route';

/** A notice ready to send, as the side panel and the letter page show it. */
export interface PreparedNotice {
  platform: string;
  kind: PlatformKind;
  language: NoticeLanguage;
  subject: string;
  body: string;
  captureIds: string[];
  urls: string[];
  /** The e-mail draft (no address: the officer picks the platform's). */
  mailto: string;
  /** Agency, officer, contact and date for a letter's heading. */
  letterhead: { agency: string; officer: string; contact: string; reference: string; date: string };
}

/** One row of the removals table. */
export interface RemovalRowView {
  noticeHash: string;
  captureId: string;
  captureNumber: number | null;
  url: string;
  platform: string;
  channel: string;
  notifiedAt: string;
  /** "notified <platform> on <date> via <channel>". */
  notified: string;
  outcome: CheckOutcome | null;
  reason: string | null;
  lastCheckedAt: string | null;
  followUpNumber: number | null;
  timeToRemovalMs: number | null;
  /** True when a re-check is due (reminder days passed without the listing found removed). */
  due: boolean;
}

/** What a re-check found. */
export interface RecheckResult {
  outcome: CheckOutcome;
  reason: string;
  httpStatus: number | null;
  followUpCaptureId: string;
  followUpNumber: number;
  timeToRemovalMs: number | null;
}

export interface PrepareRequest {
  caseId: string;
  /** The captures to name; empty = every capture of the case except the follow-ups of re-checks. */
  captureIds: string[];
  kind: PlatformKind;
  language: NoticeLanguage;
}

/** Removal requests to platforms and checks that listings came down. Extension pages only. */
export interface RemovalRoutes {
  'removal/settings-get': Route<Record<string, never>, RemovalSettings, 'extension-page'>;
  /** A template set to null goes back to the default. */
  'removal/settings-set': Route<
    Partial<Omit<RemovalSettings, 'templates'>> & {
      templates?: Partial<Record<PlatformKind, Partial<Record<NoticeLanguage, NoticeTemplate | null>>>>;
    },
    RemovalSettings,
    'extension-page'
  >;
  /** The notices (one per platform) for captures of a case, filled from the agency's templates. */
  'removal/prepare': Route<PrepareRequest, PreparedNotice[], 'extension-page'>;
  /** The officer sent a notice: recorded, signed, in the audit log with its text. */
  'removal/sent': Route<
    PrepareRequest & { platform: string; channel: NoticeChannel; subject: string; body: string },
    { auditHash: string; summary: string },
    'extension-page'
  >;
  /** The removals table of a case. */
  'removal/list': Route<{ caseId: string }, { rows: RemovalRowView[]; reminderDays: number }, 'extension-page'>;
  /** Opens the listing in a background tab, captures it again and records the outcome. */
  'removal/recheck': Route<{ caseId: string; noticeHash: string; captureId: string }, RecheckResult, 'extension-page'>;
}

export const REMOVAL_SENDERS: SenderRules<RemovalRoutes> = {
  'removal/settings-get': 'extension-page',
  'removal/settings-set': 'extension-page',
  'removal/prepare': 'extension-page',
  'removal/sent': 'extension-page',
  'removal/list': 'extension-page',
  'removal/recheck': 'extension-page',
};
