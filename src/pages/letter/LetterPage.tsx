import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import type { NoticeLanguage, PlatformKind } from '../../engine/removal/model';
import type { PreparedNotice } from '../../messaging/routes/removal';

/**
 * A removal request as a printable letter: the agency's heading, the platform, the date and
 * reference, the subject and the notice text, on A4 when printed. The notice is prepared again
 * from the case (the same captures, kind and language as in the side panel), never passed in
 * the address, so a link cannot put words in the agency's mouth.
 */
export function LetterPage({ query }: { query: URLSearchParams }) {
  const [notice, setNotice] = useState<PreparedNotice>();
  const [error, setError] = useState('');
  useEffect(() => {
    const platform = query.get('platform') ?? '';
    sendToBackground('removal/prepare', {
      caseId: query.get('case') ?? '',
      captureIds: (query.get('captures') ?? '').split(',').filter(Boolean),
      kind: (query.get('kind') ?? 'marketplace') as PlatformKind,
      language: (query.get('lang') ?? 'en') as NoticeLanguage,
    }).then(
      (notices) => {
        const n = notices.find((x) => x.platform === platform);
        if (n) {
          setNotice(n);
          document.documentElement.lang = n.language;
        } else setError(platform);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  if (error) {
    return (
      <main class="letter">
        <p class="status error" role="alert">
          {t('rmLetterMissing', error)}
        </p>
      </main>
    );
  }
  if (!notice) return <main class="letter" aria-busy="true" />;
  const h = notice.letterhead;
  return (
    <main class="letter" data-testid="letter">
      <p class="no-print actions">
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('rmPrint')}
        </button>
      </p>
      <header class="letterhead">
        <p class="agency">{h.agency || '—'}</p>
        <p>{h.officer}</p>
        {h.contact && <p>{h.contact}</p>}
      </header>
      <p class="date">{h.date}</p>
      <p>{t('rmLetterTo', notice.platform)}</p>
      <p>{t('rmLetterRef', h.reference)}</p>
      <h1 class="subject">{notice.subject}</h1>
      <div class="letter-body" data-testid="letter-body">
        {notice.body}
      </div>
    </main>
  );
}
