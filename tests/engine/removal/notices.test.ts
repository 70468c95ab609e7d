import { describe, expect, it } from 'vitest';
import { NOTICE_LANGUAGES, PLATFORM_KINDS } from '../../../src/engine/removal/model';
import { listingOf, listingsOf, prepareNotices, sentListings } from '../../../src/engine/removal/notices';
import { appendCapture } from '../../../src/engine/evidence/operations';
import { mailtoLink } from '../../../src/engine/removal/render';
import { DEFAULT_TEMPLATES, templateProblems } from '../../../src/engine/removal/templates';
import { platformOf } from '../../../src/engine/removal/platform';
import { buildSampleCase, sampleMetadata } from '../../support/evidence-fixture';

const CONTEXT = {
  agency: 'Border Force',
  officer: 'Jane Doe',
  contact: 'wildlife-crime@agency.example',
  reference: 'EXH-17',
  legalBasis: 'Regulation (EC) No 338/97, Art. 8',
  date: '2025-03-02',
  templates: {},
};

const WORDS = {
  en: { appendix: 'Appendix II', captured: 'Captured: 2025-03-01 10:00:00 UTC', legal: 'Legal basis:' },
  es: { appendix: 'Apéndice II', captured: 'Capturado: 2025-03-01 10:00:00 UTC', legal: 'Base jurídica:' },
  fr: { appendix: 'Annexe II', captured: 'Capturée : 2025-03-01 10:00:00 UTC', legal: 'Base juridique :' },
} as const;

describe('removal notices', async () => {
  const sc = await buildSampleCase({ captures: 2 });
  const captures = await sc.store.listCaptures(sc.info.caseId);
  const listings = await listingsOf(
    sc.store,
    sc.info.caseId,
    captures.map((c) => c.body.captureId),
  );

  it('every default template is valid', () => {
    for (const kind of PLATFORM_KINDS)
      for (const lang of NOTICE_LANGUAGES) expect(templateProblems(DEFAULT_TEMPLATES[kind][lang])).toEqual([]);
  });

  it.each(PLATFORM_KINDS.flatMap((kind) => NOTICE_LANGUAGES.map((lang) => [kind, lang] as const)))(
    '%s template in %s holds every fact of the listings',
    (kind, language) => {
      const [notice] = prepareNotices(listings, { ...CONTEXT, kind, language });
      expect(notice.platform).toBe('market.example');
      expect(notice.captureIds).toEqual(captures.map((c) => c.body.captureId));
      expect(notice.subject).toContain('EXH-17');
      expect(notice.subject).toContain('market.example');
      expect(notice.subject).not.toMatch(/[{}\n]/);
      const body = notice.body;
      expect(body).not.toMatch(/\{[a-z_]+\}/);
      for (const c of captures) {
        expect(body).toContain(c.body.metadata.finalUrl);
        expect(body).toContain(c.hash);
        expect(body).toContain(c.body.artefacts.find((a) => a.name === 'screenshot.png')!.sha256);
      }
      expect(body).toContain(WORDS[language].captured.replace('10:00:00', '10:00:00'));
      expect(body).toContain(`Python regius (${WORDS[language].appendix})`);
      expect(body).toContain(`${WORDS[language].legal} Regulation (EC) No 338/97, Art. 8`);
      expect(body).toContain('wildlife-crime@agency.example');
      expect(body).toContain('Border Force');
      expect(body).toContain('Jane Doe');
      expect(body).toContain('2025-03-02');
      expect(body).toMatch(/^1\. https:\/\/market\.example\/item\/0/m);
      expect(body).toMatch(/^2\. https:\/\/market\.example\/item\/1/m);
    },
  );

  it('gives the reasons of the verdict, strongest first, and "none recorded" without a verdict', async () => {
    const risk = {
      format: 'wildtrace/risk',
      method: 'live',
      page: {
        score: 81,
        saleOffer: true,
        signals: [
          { kind: 'price', label: 'price', text: '120 EUR', weight: 1.2 },
          { kind: 'sale-cue', label: 'sale cue', text: 'for sale', weight: 2 },
          { kind: 'discussion', label: 'discussion cue', text: 'article', weight: -1 },
        ],
      },
      blocks: [],
    };
    const c = await appendCapture(
      sc.store,
      sc.signer,
      {
        caseId: sc.info.caseId,
        metadata: sampleMetadata(sc.info, 5, 'https://market.example/item/5'),
        artefacts: [
          { name: 'text.txt', body: new TextEncoder().encode('Ball python for sale 120 EUR') },
          { name: 'risk.json', mediaType: 'application/json', body: new TextEncoder().encode(JSON.stringify(risk)) },
        ],
      },
      sc.opts,
    );
    const listing = await listingOf(sc.store, c);
    expect(listing.reasons).toEqual(['sale cue "for sale"', 'price "120 EUR"']);
    expect(listing.taxa).toEqual([]);
    const [n] = prepareNotices([listing], { ...CONTEXT, kind: 'classifieds', language: 'en' });
    expect(n.body).toContain('Why it is a sale offer: sale cue "for sale"; price "120 EUR"');
    expect(n.body).toContain('CITES-listed taxa: none recorded');
    expect(listings[0].reasons).toEqual([]); // the sample captures have no risk.json
  });

  it('writes one notice per platform', () => {
    const two = [listings[0], { ...listings[1], url: 'https://www.social.example/p/9' }];
    const notices = prepareNotices(two, { ...CONTEXT, kind: 'social', language: 'en' });
    expect(notices.map((n) => n.platform)).toEqual(['market.example', 'social.example']);
    expect(notices[1].body).toContain('https://www.social.example/p/9');
    expect(notices[1].body).not.toContain('market.example/item/0');
  });

  it('uses an agency template and says which placeholders are wrong', () => {
    const templates = {
      marketplace: { en: { subject: 'Ref {reference}', body: 'Dear {platform}\n{listings}\n{legal_basis}' } },
    };
    const [n] = prepareNotices(listings.slice(0, 1), { ...CONTEXT, templates, kind: 'marketplace', language: 'en' });
    expect(n.subject).toBe('Ref EXH-17');
    expect(n.body.startsWith('Dear market.example\n1. https://market.example/item/0')).toBe(true);
    expect(templateProblems({ subject: '{listings}', body: 'Hello {name}' })).toEqual([
      '{listings} belongs in the body',
      '{name} in the body is not a placeholder',
      'the body must contain {listings}',
    ]);
  });

  it('refuses captures of another case', async () => {
    await expect(listingsOf(sc.store, sc.info.caseId, ['nope'])).rejects.toThrow('captures not in this case: nope');
  });

  it('makes a mailto draft with CRLF line breaks', () => {
    const link = mailtoLink('abuse@market.example', 'Ref A&B', 'line 1\nline 2 ü');
    expect(link).toBe('mailto:abuse@market.example?subject=Ref%20A%26B&body=line%201%0D%0Aline%202%20%C3%BC');
    expect(mailtoLink('', 'S', 'B')).toBe('mailto:?subject=S&body=B');
  });

  it('names the platform by its site', () => {
    expect(platformOf('https://www.Market.example/x')).toBe('market.example');
    expect(platformOf('https://m.facebook.example/x')).toBe('facebook.example');
    expect(platformOf('not a url')).toBe('not a url');
  });

  it("records only captures of the case on the notice's platform", async () => {
    const ids = captures.map((c) => c.body.captureId);
    expect(await sentListings(sc.store, sc.info.caseId, 'market.example', [ids[0], ids[0]])).toEqual([
      { captureId: ids[0], recordHash: captures[0].hash, url: captures[0].body.metadata.finalUrl },
    ]);
    await expect(sentListings(sc.store, sc.info.caseId, 'other.example', ids)).rejects.toThrow(
      'capture #1 is not on other.example',
    );
    await expect(sentListings(sc.store, sc.info.caseId, 'market.example', ['x'])).rejects.toThrow(
      'capture x is not in this case',
    );
    await expect(sentListings(sc.store, sc.info.caseId, 'market.example', [])).rejects.toThrow(
      'a notice names at least one capture',
    );
  });
});
