import { useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import type { CaseInfo } from '../../../engine/evidence/model';
import { DeleteCase } from './DeleteCase';

/** Cases: select the active one, rename it, close and reopen, delete (with a reason), create a new one. */
export function CasesPanel({
  cases,
  active,
  reload,
}: {
  cases: CaseInfo[];
  active: CaseInfo | null;
  reload: () => Promise<void>;
}) {
  const [title, setTitle] = useState('');
  const [reference, setReference] = useState('');
  const [rename, setRename] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const run = async (f: () => Promise<unknown>) => {
    setError('');
    setStatus('');
    try {
      await f();
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div class="cases">
      <label>
        {t('evActiveCase')}
        <select
          data-testid="case-select"
          value={active?.caseId ?? ''}
          onChange={(e) =>
            void run(() => sendToBackground('evidence/case-select', { caseId: e.currentTarget.value || null }))
          }
        >
          <option value="">{t('evNoCase')}</option>
          {cases.map((c) => (
            <option key={c.caseId} value={c.caseId}>
              {c.status === 'closed' ? t('evClosedCase', c.title) : c.title}
            </option>
          ))}
        </select>
      </label>
      {active && (
        <>
          <form
            class="inline-form"
            data-testid="case-rename"
            onSubmit={(e) => {
              e.preventDefault();
              if (rename.trim()) {
                void run(async () => {
                  await sendToBackground('evidence/case-update', { caseId: active.caseId, title: rename });
                  setRename('');
                });
              }
            }}
          >
            <label>
              {t('caseRename')}
              <input
                type="text"
                name="renameCase"
                value={rename}
                placeholder={active.title}
                onInput={(e) => setRename(e.currentTarget.value)}
              />
            </label>
            <button type="submit">{t('evRename')}</button>
          </form>
          <div class="actions case-actions">
            <button
              type="button"
              data-testid="case-close"
              onClick={() =>
                void run(() =>
                  sendToBackground('evidence/case-update', {
                    caseId: active.caseId,
                    status: active.status === 'open' ? 'closed' : 'open',
                  }),
                )
              }
            >
              {active.status === 'open' ? t('evCloseCase') : t('evReopenCase')}
            </button>
            <DeleteCase
              info={active}
              onDeleted={async (r) => {
                await reload();
                setStatus(
                  t('evCaseDeleted', [
                    r.title,
                    String(r.captureCount),
                    String(r.auditSequence),
                    r.auditHash.slice(0, 12),
                  ]),
                );
              }}
            />
          </div>
        </>
      )}
      {status && (
        <p class="toast ok" role="status" data-testid="case-status">
          {status}
        </p>
      )}
      <details class="disclosure new-case" open={cases.length === 0 || undefined}>
        <summary>{t('caseNew')}</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await sendToBackground('evidence/case-create', {
                title,
                ...(reference.trim() ? { reference: reference.trim() } : {}),
              });
              setTitle('');
              setReference('');
            });
          }}
        >
          <label>
            {t('evNewCaseTitle')}
            <input
              type="text"
              name="caseTitle"
              required
              value={title}
              onInput={(e) => setTitle(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('evNewCaseReference')}
            <input
              type="text"
              name="caseReference"
              value={reference}
              onInput={(e) => setReference(e.currentTarget.value)}
            />
          </label>
          <button type="submit" data-testid="case-create">
            {t('evCreateCase')}
          </button>
        </form>
      </details>
      {error && (
        <p class="toast error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
