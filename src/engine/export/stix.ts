/**
 * stix-bundle.json: STIX 2.1. Per capture an observed-data SDO (first/last_observed = capture
 * time, number_observed = 1) referring to url, domain-name, file (with SHA-256 hashes) and
 * email-addr SCOs; notes as note SDOs; the agency as an identity. SCO ids follow STIX 2.1 §2.9
 * (UUIDv5 over the id-contributing properties); SDO ids are name-based too (re-exports match).
 * Artefacts are `file` SCOs, since `artifact` needs its bytes or an absolute URL.
 */
import { canonicalJson } from '../evidence/canonical-json';
import type { ExportContext } from './context';
import { indicatorRow } from './indicator-rows';
import { STIX_SCO_NAMESPACE, uuidV5, WILDTRACE_NAMESPACE } from './uuid';

type StixObject = Record<string, unknown> & { type: string; id: string };

/** Deterministic SCO id from its id-contributing properties. */
export async function scoId(type: string, contributing: Record<string, unknown>): Promise<string> {
  return `${type}--${await uuidV5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

/** STIX timestamps: RFC 3339 UTC with millisecond precision. */
function stixTime(iso: string): string {
  return new Date(iso).toISOString();
}

function hostOf(url: string): string | undefined {
  try {
    const h = new URL(url).hostname;
    return h && !/^\[|^\d+\.\d+\.\d+\.\d+$/.test(h) ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the STIX 2.1 bundle of a case file. */
export async function buildStixBundle(
  ctx: ExportContext,
): Promise<{ type: 'bundle'; id: string; objects: StixObject[] }> {
  const sdo = async (type: string, name: string) =>
    `${type}--${await uuidV5(WILDTRACE_NAMESPACE, `${ctx.case.caseId}/stix/${type}/${name}`)}`;
  const created = stixTime(ctx.case.createdAt);
  const identity: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: await sdo('identity', ctx.case.agency),
    created,
    modified: created,
    name: ctx.case.agency || 'unknown agency',
    identity_class: 'organization',
  };
  const objects: StixObject[] = [identity];
  const seen = new Set<string>([identity.id]);
  const addSco = (o: StixObject) => {
    if (!seen.has(o.id)) {
      seen.add(o.id);
      objects.push(o);
    }
    return o.id;
  };
  for (const { entry: c, indicators } of ctx.captures) {
    const m = c.record.metadata;
    const t = stixTime(m.capturedAt);
    const refs: string[] = [];
    refs.push(
      addSco({ type: 'url', spec_version: '2.1', id: await scoId('url', { value: m.finalUrl }), value: m.finalUrl }),
    );
    const host = hostOf(m.finalUrl);
    if (host)
      refs.push(
        addSco({
          type: 'domain-name',
          spec_version: '2.1',
          id: await scoId('domain-name', { value: host }),
          value: host,
        }),
      );
    for (const a of c.artefacts) {
      const hashes = { 'SHA-256': a.sha256 };
      refs.push(
        addSco({
          type: 'file',
          spec_version: '2.1',
          id: await scoId('file', { hashes, name: a.path }),
          hashes,
          name: a.path,
          size: a.size,
          mime_type: a.mediaType,
        }),
      );
    }
    for (const raw of indicators) {
      const ind = indicatorRow(raw);
      if (ind.type === 'email' && /^[^@\s]+@[^@\s]+$/.test(ind.value)) {
        refs.push(
          addSco({
            type: 'email-addr',
            spec_version: '2.1',
            id: await scoId('email-addr', { value: ind.value }),
            value: ind.value,
          }),
        );
      }
    }
    const observedId = await sdo('observed-data', c.captureId);
    objects.push({
      type: 'observed-data',
      spec_version: '2.1',
      id: observedId,
      created: t,
      modified: t,
      created_by_ref: identity.id,
      first_observed: t,
      last_observed: t,
      number_observed: 1,
      object_refs: [...new Set(refs)],
      external_references: [
        { source_name: 'wildtrace', external_id: c.captureId, description: `record hash ${c.recordHash}` },
      ],
    });
    for (const n of c.notes) {
      const nt = stixTime(n.body.createdAt);
      objects.push({
        type: 'note',
        spec_version: '2.1',
        id: await sdo('note', n.body.noteId),
        created: nt,
        modified: nt,
        created_by_ref: identity.id,
        content: n.body.text,
        authors: [n.body.author],
        object_refs: [observedId],
      });
    }
  }
  const hashes = ctx.captures.map((c) => c.entry.recordHash).join(',');
  return {
    type: 'bundle',
    id: `bundle--${await uuidV5(WILDTRACE_NAMESPACE, `${ctx.case.caseId}/stix/bundle/${hashes}`)}`,
    objects,
  };
}
