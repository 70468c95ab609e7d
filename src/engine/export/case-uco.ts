/**
 * case.jsonld: the case in CASE/UCO 1.x JSON-LD. An Investigation holding, per capture, an
 * InvestigativeAction (instrument = Wildtrace, performer = the officer, object = the URL,
 * result = the artefact files and a ProvenanceRecord with the exhibit number). Files carry a
 * ContentDataFacet with SHA-256 Hash nodes. Node ids are name-based UUIDs, so re-exports match.
 */
import { captureNumber } from '../evidence/case-file-names';
import type { ExportContext } from './context';
import { indicatorRow } from './indicator-rows';
import { uuidV5, WILDTRACE_NAMESPACE } from './uuid';

export const UCO_CONTEXT = {
  kb: 'http://example.org/kb/',
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-identity': 'https://ontology.unifiedcyberontology.org/uco/identity/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-tool': 'https://ontology.unifiedcyberontology.org/uco/tool/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  'uco-vocabulary': 'https://ontology.unifiedcyberontology.org/uco/vocabulary/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type Node = Record<string, unknown>;
const ref = (id: string) => ({ '@id': id });
const dateTime = (v: string) => ({ '@type': 'xsd:dateTime', '@value': v });
const integer = (v: number) => ({ '@type': 'xsd:integer', '@value': String(v) });

/** Builds the CASE/UCO JSON-LD document of a case file. */
export async function buildCaseUco(ctx: ExportContext): Promise<{ '@context': typeof UCO_CONTEXT; '@graph': Node[] }> {
  const id = async (kind: string, name: string) =>
    `kb:${kind}-${await uuidV5(WILDTRACE_NAMESPACE, `${ctx.case.caseId}/${kind}/${name}`)}`;
  const graph: Node[] = [];
  const toolId = await id('tool', ctx.tool.version);
  const officerId = await id('person', ctx.case.officer);
  const agencyId = await id('organization', ctx.case.agency);
  graph.push(
    {
      '@id': toolId,
      '@type': 'uco-tool:Tool',
      'uco-core:name': ctx.tool.name,
      'uco-tool:version': ctx.tool.version,
      'uco-tool:toolType': 'Browser extension',
    },
    { '@id': officerId, '@type': 'uco-identity:Person', 'uco-core:name': ctx.case.officer },
    { '@id': agencyId, '@type': 'uco-identity:Organization', 'uco-core:name': ctx.case.agency },
  );
  const actions: string[] = [];
  const provenance: string[] = [];
  for (const { entry: c, indicators } of ctx.captures) {
    const m = c.record.metadata;
    const urlId = await id('url', `${c.captureId}/final`);
    graph.push({
      '@id': urlId,
      '@type': 'uco-observable:URL',
      'uco-core:hasFacet': [
        {
          '@id': await id('url-facet', c.captureId),
          '@type': 'uco-observable:URLFacet',
          'uco-observable:fullValue': m.finalUrl,
        },
      ],
    });
    const fileIds: string[] = [];
    for (const a of c.artefacts) {
      const fileId = await id('file', `${c.captureId}/${a.name}`);
      fileIds.push(fileId);
      graph.push({
        '@id': fileId,
        '@type': 'uco-observable:File',
        'uco-core:hasFacet': [
          {
            '@id': await id('file-facet', `${c.captureId}/${a.name}`),
            '@type': 'uco-observable:FileFacet',
            'uco-observable:fileName': a.path,
            'uco-observable:sizeInBytes': integer(a.size),
          },
          {
            '@id': await id('content-facet', `${c.captureId}/${a.name}`),
            '@type': 'uco-observable:ContentDataFacet',
            'uco-observable:mimeType': a.mediaType,
            'uco-observable:sizeInBytes': integer(a.size),
            'uco-observable:hash': [
              {
                '@id': await id('hash', `${c.captureId}/${a.name}`),
                '@type': 'uco-types:Hash',
                'uco-types:hashMethod': { '@type': 'uco-vocabulary:HashNameVocab', '@value': 'SHA256' },
                'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': a.sha256.toUpperCase() },
              },
            ],
          },
        ],
      });
    }
    const observed: string[] = [];
    for (const [i, raw] of indicators.entries()) {
      const ind = indicatorRow(raw);
      if (ind.type === 'email' && ind.value) {
        const eid = await id('email', `${c.captureId}/${i}`);
        graph.push({
          '@id': eid,
          '@type': 'uco-observable:EmailAddress',
          'uco-core:hasFacet': [
            {
              '@id': await id('email-facet', `${c.captureId}/${i}`),
              '@type': 'uco-observable:EmailAddressFacet',
              'uco-observable:addressValue': ind.value,
            },
          ],
        });
        observed.push(eid);
      }
    }
    const provId = await id('provenance', c.captureId);
    provenance.push(provId);
    graph.push({
      '@id': provId,
      '@type': 'case-investigation:ProvenanceRecord',
      'case-investigation:exhibitNumber': `${ctx.case.reference ?? ctx.case.caseId}/${captureNumber(c.sequence)}`,
      'uco-core:description': `Capture #${captureNumber(c.sequence)} record hash ${c.recordHash}`,
      'uco-core:object': fileIds.map(ref),
    });
    const actionId = await id('action', c.captureId);
    actions.push(actionId);
    graph.push({
      '@id': actionId,
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': 'web page capture',
      'uco-action:startTime': dateTime(m.capturedAt),
      'uco-action:endTime': dateTime(m.capturedAt),
      'uco-action:instrument': ref(toolId),
      'uco-action:performer': ref(officerId),
      'uco-action:object': [ref(urlId)],
      'uco-action:result': [...fileIds, ...observed, provId].map(ref),
    });
  }
  graph.unshift({
    '@id': await id('investigation', ctx.case.caseId),
    '@type': 'case-investigation:Investigation',
    'uco-core:name': ctx.case.title,
    ...(ctx.case.reference ? { 'case-investigation:focus': ctx.case.reference } : {}),
    'uco-core:object': [officerId, agencyId, ...actions, ...provenance].map(ref),
  });
  return { '@context': UCO_CONTEXT, '@graph': graph };
}
