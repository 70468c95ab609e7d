import { describe, expect, it } from 'vitest';
import { ARTEFACTS, CASE_FILES } from '../../../src/engine/evidence/case-file-names';
import { appendCapture } from '../../../src/engine/evidence/operations';
import { verifyCaseFile } from '../../../src/engine/verify/verify-case';
import { bytesSource } from '../../../src/engine/verify/zip-reader';
import { buildSampleCase, sampleMetadata } from '../../support/evidence-fixture';
import { exportToBytes, text, unzip } from '../../support/export-helpers';
import { RISK_ARTEFACT, riskFromScore } from '../../../src/background/links/risk-record';

// risk.json is not one of src/engine/evidence's KNOWN_ARTEFACTS: it must still be stored, hashed,
// exported in its capture folder and listed in the signed manifest like every artefact.
describe('risk.json in a case file', () => {
  it('is exported with its capture, byte for byte, and the case file verifies', async () => {
    const sc = await buildSampleCase({ captures: 1 });
    const risk = riskFromScore({
      score: 82,
      saleOffer: true,
      threshold: 50,
      hasSubject: true,
      hasCommerce: true,
      signals: [{ kind: 'contact', label: 'phone number', text: '+44 7700 900123', start: 10, end: 25, weight: 14 }],
    });
    const body = new TextEncoder().encode(JSON.stringify(risk));
    // The capture pipeline stores the record under RISK_ARTEFACT.
    expect(RISK_ARTEFACT).toBe(ARTEFACTS.risk);
    const c = await appendCapture(
      sc.store,
      sc.signer,
      {
        caseId: sc.info.caseId,
        metadata: sampleMetadata(sc.info, 1, 'https://market.example/item/1'),
        artefacts: [
          { name: ARTEFACTS.text, body: new TextEncoder().encode('for sale') },
          { name: RISK_ARTEFACT, mediaType: 'application/json', body },
        ],
      },
      sc.opts,
    );
    const { zip } = await exportToBytes(sc);
    const files = unzip(zip);
    const path = Object.keys(files).find((p) => p.endsWith(`/${ARTEFACTS.risk}`));
    expect(path).toBeDefined();
    expect(JSON.parse(text(files[path!]))).toEqual(risk);
    type Manifest = { captures: { captureId: string; artefacts: { name: string; mediaType: string }[] }[] };
    const manifest = JSON.parse(text(files[CASE_FILES.manifest])) as Manifest;
    const entry = manifest.captures.find((x) => x.captureId === c.body.captureId)!;
    expect(entry.artefacts.find((a) => a.name === ARTEFACTS.risk)?.mediaType).toBe('application/json');
    const report = await verifyCaseFile(bytesSource(zip));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
