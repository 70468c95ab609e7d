import type { HandlersOf } from '../../messaging/dispatch';
import type { LabelledTextIn, RiskModelView, RiskRoutes } from '../../messaging/routes/risk';
import { logAudit } from '../../engine/evidence/operations';
import { MODEL } from '../../engine/risk/model';
import { fitFromLabels, labelCounts } from '../../engine/risk/fit/from-labels';
import { analyzeLongText } from '../../engine/risk/windows';
import { backgroundStore } from '../evidence/evidence-store';
import { getMatcher } from '../detection/engine';
import { activeRiskModel, checkedModel, loadRiskModel, setRiskModel } from '../detection/risk-model';
import { installSigner, officerName, queueEvidenceWrite } from '../evidence/service';

/** At most this many labelled texts per refit, each at most this long (a page, not a dump). */
const MAX_TEXTS = 20_000;
const MAX_TEXT_CHARS = 1_000_000;

/** What the bundled verdict decides with: the model.json the scorer reads by default. */
const BUNDLED = { threshold: MODEL.threshold, operatingPoint: MODEL.operatingPoint };

function view(): RiskModelView {
  const a = activeRiskModel();
  if (!a) return { source: 'bundled', ...BUNDLED };
  const { model, ...rest } = a;
  return { source: 'refit', threshold: model.threshold, operatingPoint: model.operatingPoint, ...rest };
}

function checkedTexts(texts: unknown): LabelledTextIn[] {
  if (!Array.isArray(texts)) throw new Error('no labelled texts');
  if (texts.length > MAX_TEXTS) throw new Error(`more than ${MAX_TEXTS} labelled texts: refit on fewer case files`);
  return texts.map((t: Partial<LabelledTextIn>) => {
    if (typeof t?.text !== 'string' || typeof t.positive !== 'boolean' || typeof t.group !== 'string')
      throw new Error('a labelled text is malformed');
    return { text: t.text.slice(0, MAX_TEXT_CHARS), positive: t.positive, group: t.group };
  });
}

/** The model change, in the audit log: a verdict that changes must say from when and why. */
async function audit(details: Record<string, string | number | string[]>): Promise<void> {
  const [signer, actor] = [await installSigner(), await officerName()];
  await queueEvidenceWrite(() =>
    logAudit(backgroundStore(), signer, { action: 'settings-changed', actor, details: { riskModel: details } }),
  );
}

/** Handlers for the sale-offer model: refit on the officer's labels, apply, back to the bundled one. */
export const riskHandlers: HandlersOf<RiskRoutes> = {
  'risk/model': async () => {
    await loadRiskModel();
    return view();
  },
  'risk/refit': async ({ texts }) => {
    const labels = checkedTexts(texts);
    const { matcher } = await getMatcher();
    const scored = labels.map((l) => ({ label: { ...l, where: '' }, risk: analyzeLongText(l.text, matcher).risk }));
    const fitted = fitFromLabels(scored);
    const cv = fitted.crossValidation;
    return {
      model: fitted.model,
      ...labelCounts(labels),
      sites: new Set(labels.map((l) => l.group)).size,
      crossValidation: {
        prAuc: cv.prAuc,
        precision: cv.precision,
        recall: cv.recall,
        f1: cv.f1,
        threshold: cv.threshold,
      },
    };
  },
  'risk/model-apply': async ({ model, offers, notOffers, caseFiles }) => {
    const checked = checkedModel(model);
    const files = Array.isArray(caseFiles) ? caseFiles.filter((f) => typeof f === 'string').slice(0, 1000) : [];
    await setRiskModel({
      model: checked,
      appliedAt: new Date().toISOString(),
      offers: Number(offers) || 0,
      notOffers: Number(notOffers) || 0,
      caseFiles: files,
    });
    await audit({ source: 'refit', threshold: checked.threshold, offers, notOffers, caseFiles: files });
    return view();
  },
  'risk/model-reset': async () => {
    await setRiskModel(undefined);
    await audit({ source: 'bundled', threshold: BUNDLED.threshold });
    return view();
  },
};
