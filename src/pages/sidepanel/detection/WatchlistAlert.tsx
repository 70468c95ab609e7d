import { t } from '../../../browser/i18n';
import type { WatchHit } from '../../../engine/watchlist/match';

const TYPE_KEYS: Readonly<Record<string, string>> = {
  phone: 'watchTypePhone',
  email: 'watchTypeEmail',
  handle: 'watchTypeHandle',
  wallet: 'watchTypeWallet',
  domain: 'watchTypeDomain',
};

/** "On watchlist <name>": the watched indicators this page shows, grouped by list, at the top of the panel. */
export function WatchlistAlert({ hits }: { hits: readonly WatchHit[] | undefined }) {
  if (!hits?.length) return null;
  const lists = [...new Set(hits.map((h) => h.list))];
  return (
    <section class="card alert watchlist-alert" role="status" data-testid="watchlist-alert" aria-labelledby="watch-h">
      <h2 id="watch-h" class="watch-title">
        {t('watchOnList', lists.join(', '))}
      </h2>
      <ul class="plain-list">
        {hits.map((h) => (
          <li key={`${h.list}/${h.type}/${h.value}`}>
            <span class="muted">{t(TYPE_KEYS[h.type] ?? 'watchTypeHandle')}</span>{' '}
            <strong class="mono wrap-anywhere">{h.value}</strong>
            {h.platform ? <span class="muted"> ({h.platform})</span> : null}
            {lists.length > 1 ? <span class="muted small"> · {h.list}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
