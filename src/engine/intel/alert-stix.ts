/**
 * indicators.stix.json: the seller indicators of a cyber-alert as a STIX 2.1 bundle for partner
 * agencies: one `indicator` SDO per phone, handle, wallet or e-mail, with a STIX pattern and the
 * exact value in `x_wildtrace_indicator` (read back by Wildtrace watchlists). STIX 2.1 has no
 * phone or wallet object, so those (and messenger handles) are `user-account` patterns with the
 * account type ("phone", "telegram", "bitcoin-wallet"). Ids are name-based as in the case export
 * (stix.ts), so the same indicator gets the same id in every report.
 */
import type { IntelSummary, SellerRow } from './aggregator';
import { uuidV5, WILDTRACE_NAMESPACE } from '../export/uuid';

/** A STIX pattern string literal: backslash and quote escaped. */
const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The user-account type a seller indicator is filed under. */
export function accountType(r: Pick<SellerRow, 'type' | 'label'>): string {
  if (r.type === 'phone') return 'phone';
  return r.label
    .toLowerCase()
    .replace(/ profile$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The STIX pattern matching one seller indicator. */
export function stixPattern(r: Pick<SellerRow, 'type' | 'label' | 'value'>): string {
  if (r.type === 'email') return `[email-addr:value = ${lit(r.value)}]`;
  return `[user-account:account_type = ${lit(accountType(r))} AND user-account:account_login = ${lit(r.value)}]`;
}

const stixTime = (iso: string) => {
  const t = Date.parse(iso);
  return new Date(Number.isFinite(t) ? t : 0).toISOString();
};

/** The bundle, as JSON text written one object per line (large reports stream to disk). */
export async function* alertStixBundle(
  s: IntelSummary,
  o: { generatedAt: string; producer: string },
): AsyncGenerator<string> {
  const created = stixTime(o.generatedAt);
  const identityId = `identity--${await uuidV5(WILDTRACE_NAMESPACE, `cyber-alert/identity/${o.producer}`)}`;
  const bundleId = `bundle--${await uuidV5(WILDTRACE_NAMESPACE, `cyber-alert/bundle/${created}/${s.sellerCount}`)}`;
  yield `{"type":"bundle","id":${JSON.stringify(bundleId)},"objects":[\n`;
  yield JSON.stringify({
    type: 'identity',
    spec_version: '2.1',
    id: identityId,
    created,
    modified: created,
    name: o.producer,
    identity_class: 'organization',
  });
  for (const r of s.sellers) {
    const id = `indicator--${await uuidV5(WILDTRACE_NAMESPACE, `cyber-alert/indicator/${r.key}`)}`;
    const cross = r.sites.length > 1 || r.cases.length > 1;
    yield (
      ',\n' +
      JSON.stringify({
        type: 'indicator',
        spec_version: '2.1',
        id,
        created,
        modified: created,
        created_by_ref: identityId,
        name: `${r.label} ${r.value}`,
        description:
          `Seller indicator seen in ${r.captures} capture(s) on ${r.sites.length} site(s) ` +
          `(${r.sites.join(', ')}) in ${r.cases.length} case(s) of online wildlife trade.`,
        indicator_types: ['attribution'],
        pattern: stixPattern(r),
        pattern_type: 'stix',
        valid_from: stixTime(r.firstSeen || o.generatedAt),
        labels: cross ? ['wildlife-trade', 'cross-posted'] : ['wildlife-trade'],
        x_wildtrace_indicator: { type: r.type, label: r.label, value: r.value },
      })
    );
  }
  yield '\n]}\n';
}
