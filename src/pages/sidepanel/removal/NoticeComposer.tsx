import { useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import {
  NOTICE_CHANNELS,
  NOTICE_LANGUAGES,
  type NoticeChannel,
  type NoticeLanguage,
  type PlatformKind,
} from '../../../engine/removal/model';
import type { PreparedNotice } from '../../../messaging/routes/removal';
import { NoticeKindFields } from '../../shared/NoticeKindFields';
import { channelLabel } from '../../shared/removal-labels';

/** Prepares one notice per platform from captures of the case; the officer sends it and records it. */
export function NoticeComposer({
  caseId,
  captureIds,
  onRecorded,
}: {
  caseId: string;
  /** The captures to name; empty = every capture of the case but the follow-ups of re-checks. */
  captureIds: string[];
  onRecorded: () => void;
}) {
  const [kind, setKind] = useState<PlatformKind>('marketplace');
  const [language, setLanguage] = useState<NoticeLanguage>(
    (NOTICE_LANGUAGES as readonly string[]).includes(navigator.language.slice(0, 2))
      ? (navigator.language.slice(0, 2) as NoticeLanguage)
      : 'en',
  );
  const [notices, setNotices] = useState<PreparedNotice[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const prepare = async () => {
    setBusy(true);
    setError('');
    try {
      setNotices(await sendToBackground('removal/prepare', { caseId, captureIds, kind, language }));
    } catch (e) {
      setNotices([]);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="removal-composer stack">
      <NoticeKindFields kind={kind} language={language} onKind={setKind} onLanguage={setLanguage} />
      <p class="actions">
        <button type="button" onClick={() => void prepare()} disabled={busy} data-testid="rm-prepare">
          {t('rmPrepare')}
        </button>
      </p>
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
      {notices.map((n) => (
        <NoticeCard key={`${n.platform}/${n.captureIds.join()}`} caseId={caseId} notice={n} onRecorded={onRecorded} />
      ))}
    </div>
  );
}

function NoticeCard({
  caseId,
  notice: n,
  onRecorded,
}: {
  caseId: string;
  notice: PreparedNotice;
  onRecorded: () => void;
}) {
  const [channel, setChannel] = useState<NoticeChannel>('report-form');
  const [status, setStatus] = useState('');
  // One record per sending: a second click (or a burst) must not log the notice twice.
  const [recording, setRecording] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState('');
  const letter = `/letter.html?${new URLSearchParams({
    case: caseId,
    captures: n.captureIds.join(','),
    kind: n.kind,
    lang: n.language,
    platform: n.platform,
  })}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(n.body);
      setStatus(t('rmCopied'));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const sent = async () => {
    if (recording !== 'idle') return;
    setRecording('busy');
    setError('');
    try {
      const r = await sendToBackground('removal/sent', {
        caseId,
        captureIds: n.captureIds,
        kind: n.kind,
        language: n.language,
        platform: n.platform,
        channel,
        subject: n.subject,
        body: n.body,
      });
      setStatus(t('rmRecorded', r.summary));
      setRecording('done');
      onRecorded();
    } catch (e) {
      setRecording('idle');
      setError((e as Error).message);
    }
  };
  return (
    <article class="card flat notice-card stack" data-testid="rm-notice">
      <h4>{t('rmNoticeFor', n.platform)}</h4>
      <p class="small">
        <strong>{t('rmSubject')}:</strong> <span data-testid="rm-subject">{n.subject}</span>
      </p>
      <label>
        {t('rmNoticeText')}
        <textarea readOnly rows={10} value={n.body} class="notice-text mono small" data-testid="rm-body" />
      </label>
      <p class="actions">
        <button type="button" class="compact" onClick={() => void copy()}>
          {t('rmCopy')}
        </button>
        <a class="button compact" href={n.mailto} data-testid="rm-mailto">
          {t('rmEmail')}
        </a>
        <a class="button compact" href={letter} target="_blank" rel="noopener" data-testid="rm-letter">
          {t('rmLetter')}
        </a>
      </p>
      <div class="row">
        <label>
          {t('rmChannel')}
          <select
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value as NoticeChannel)}
            data-testid="rm-channel"
          >
            {NOTICE_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="primary"
          onClick={() => void sent()}
          disabled={recording !== 'idle'}
          data-testid="rm-sent"
        >
          {t('rmISentIt')}
        </button>
      </div>
      {status && (
        <p class="status ok" role="status" data-testid="rm-status">
          {status}
        </p>
      )}
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
