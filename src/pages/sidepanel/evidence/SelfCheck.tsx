import { useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import { formatProblem, type Problem } from '../../../engine/evidence/problems';

/** Re-checks the stored case (hashes, chain, signatures, audit log) and shows every problem. */
export function SelfCheck({ caseId }: { caseId: string }) {
  const [problems, setProblems] = useState<Problem[]>();
  const [error, setError] = useState('');
  const check = async () => {
    setError('');
    try {
      setProblems(await sendToBackground('evidence/self-check', { caseId }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  // Warnings (a clock set back) leave the evidence intact: they are told, not alarmed.
  const errors = problems?.filter((p) => p.severity === 'error').length ?? 0;
  return (
    <section class="self-check" aria-labelledby="check-heading">
      <h3 id="check-heading">{t('evSelfCheck')}</h3>
      <button type="button" data-testid="self-check" onClick={() => void check()}>
        {t('evSelfCheckRun')}
      </button>
      {problems && problems.length === 0 && (
        <p class="toast ok" data-testid="self-check-result">
          {t('evSelfCheckOk')}
        </p>
      )}
      {problems && errors > 0 && (
        <div class="toast error" role="alert" data-testid="self-check-result">
          <p class="status error">{t('evSelfCheckProblems', String(problems.length))}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{formatProblem(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {problems && problems.length > 0 && errors === 0 && (
        <div class="toast warn" data-testid="self-check-result">
          <p class="status">{t('evSelfCheckWarnings', String(problems.length))}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{formatProblem(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
