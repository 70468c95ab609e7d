import { useEffect, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { CaseFileRefused, labelledTextsOf, type LabelledText } from '../../engine/risk/fit/case-files';
import { checkEnoughLabels, labelCounts, MIN_LABELS_EACH } from '../../engine/risk/fit/from-labels';
import { blobSource } from '../../engine/verify/zip-reader';
import { sendToBackground } from '../../messaging/send';
import type { RefitView, RiskModelView } from '../../messaging/routes/risk';

/** One case file read: its name and how many labels of each kind it gave. */
interface FileRead {
  name: string;
  offers: number;
  notOffers: number;
}

const fixed = (n: number) => n.toFixed(2);

/**
 * Refit the sale-offer verdict on the officer's own labels: the case files chosen are verified
 * and read here (a file that does not verify is refused, nothing is fitted), the labelled texts
 * are scored and fitted in the background (where the lexicon is), the figures are shown, and the
 * refit model is used only when the officer confirms. "Back to the bundled model" undoes it.
 */
export function RefitModel() {
  const [current, setCurrent] = useState<RiskModelView>();
  const [reads, setReads] = useState<FileRead[]>([]);
  const [result, setResult] = useState<RefitView>();
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  useEffect(() => {
    sendToBackground('risk/model', {}).then(setCurrent, (e: Error) => setError(e.message));
  }, []);

  const refit = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length) return;
    setResult(undefined);
    setReads([]);
    setError('');
    setStatus('');
    const texts: LabelledText[] = [];
    const done: FileRead[] = [];
    try {
      for (const [i, f] of files.entries()) {
        setBusy(t('refitChecking', [f.name, String(i + 1), String(files.length)]));
        const got = await labelledTextsOf(blobSource(f), f.name);
        texts.push(...got.texts);
        done.push({ name: f.name, ...labelCounts(got.texts) });
        setReads([...done]);
      }
      const { offers, notOffers } = labelCounts(texts);
      if (!texts.length) throw new Error(t('refitNoLabels'));
      if (offers < MIN_LABELS_EACH || notOffers < MIN_LABELS_EACH)
        throw new Error(t('refitTooFew', [String(MIN_LABELS_EACH), String(offers), String(notOffers)]));
      if (new Set(texts.map((x) => x.group)).size < 2) throw new Error(t('refitOneSite'));
      checkEnoughLabels(texts);
      setBusy(t('refitFitting', String(texts.length)));
      const wire = texts.map(({ text, positive, group }) => ({ text, positive, group }));
      setResult(await sendToBackground('risk/refit', { texts: wire }));
    } catch (e) {
      setError(e instanceof CaseFileRefused ? t('refitRefused', (e as Error).message) : (e as Error).message);
    } finally {
      setBusy('');
    }
  };

  const apply = async () => {
    if (!result) return;
    try {
      const caseFiles = reads.map((r) => r.name);
      setCurrent(
        await sendToBackground('risk/model-apply', {
          model: result.model,
          offers: result.offers,
          notOffers: result.notOffers,
          caseFiles,
        }),
      );
      setResult(undefined);
      setStatus(t('refitApplied'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const reset = async () => {
    try {
      setCurrent(await sendToBackground('risk/model-reset', {}));
      setStatus(t('refitResetDone'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section class="section" aria-labelledby="refit-heading" data-testid="refit">
      <h2 id="refit-heading">{t('refitTitle')}</h2>
      <p class="section-help">{t('refitHelp', String(MIN_LABELS_EACH))}</p>
      {current && (
        <dl class="facts" data-testid="refit-current">
          <dt>{t('refitInUse')}</dt>
          <dd data-testid="refit-source">
            {current.source === 'refit'
              ? t('refitInUseRefit', [
                  String(current.offers ?? 0),
                  String(current.notOffers ?? 0),
                  (current.appliedAt ?? '').slice(0, 16).replace('T', ' '),
                ])
              : t('refitInUseBundled')}
          </dd>
          <dt>{t('refitThreshold')}</dt>
          <dd>{current.threshold}</dd>
        </dl>
      )}
      <label>
        {t('refitChoose')}
        <input
          type="file"
          accept=".zip,application/zip"
          multiple
          disabled={!!busy}
          data-testid="refit-files"
          onChange={(e) => void refit(e.currentTarget)}
        />
      </label>
      {reads.length > 0 && (
        <ul class="plain-list small" data-testid="refit-files-read">
          {reads.map((r) => (
            <li key={r.name}>{t('refitFileRead', [r.name, String(r.offers), String(r.notOffers)])}</li>
          ))}
        </ul>
      )}
      {busy && (
        <p class="status" role="status">
          {busy}
        </p>
      )}
      {error && (
        <p class="status error" role="alert" data-testid="refit-error">
          {error}
        </p>
      )}
      {result && (
        <div class="card" data-testid="refit-result">
          <h3>{t('refitResultTitle')}</h3>
          <dl class="facts">
            <dt>{t('refitLabels')}</dt>
            <dd data-testid="refit-labels">
              {t('refitLabelsValue', [String(result.offers), String(result.notOffers), String(result.sites)])}
            </dd>
            <dt>{t('refitCv')}</dt>
            <dd data-testid="refit-cv">
              {t('refitCvValue', [
                fixed(result.crossValidation.precision),
                fixed(result.crossValidation.recall),
                fixed(result.crossValidation.f1),
                fixed(result.crossValidation.prAuc),
              ])}
            </dd>
            <dt>{t('refitOperatingPoint')}</dt>
            <dd data-testid="refit-threshold">
              {t('refitOperatingPointValue', [String(result.model.threshold), String(result.model.baseRate * 100)])}
            </dd>
          </dl>
          <p class="small muted">{result.model.operatingPoint}</p>
          <div class="actions">
            <button type="button" class="primary" data-testid="refit-apply" onClick={() => void apply()}>
              {t('refitApply')}
            </button>
            <button type="button" onClick={() => setResult(undefined)}>
              {t('refitDiscard')}
            </button>
          </div>
        </div>
      )}
      {current?.source === 'refit' && (
        <button type="button" data-testid="refit-reset" onClick={() => void reset()}>
          {t('refitReset')}
        </button>
      )}
      <p class="status" role="status" data-testid="refit-status">
        {status}
      </p>
    </section>
  );
}
