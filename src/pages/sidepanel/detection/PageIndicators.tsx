import { t } from '../../../browser/i18n';
import type { TabDetection } from '../../../messaging/routes/detection';
import { pageIndicatorGroups } from '../../shared/findings-view';
import { indicatorGroupLabel } from '../../shared/indicator-labels';
import { IndicatorRows } from './FlaggedListings';

/** Every contact, payment, wallet and shipping detail on the page, once each, contacts first. */
export function PageIndicators({ view }: { view: TabDetection }) {
  const groups = pageIndicatorGroups(view);
  if (groups.length === 0) return null;
  return (
    <section class="page-indicators" aria-labelledby="page-indicators-heading" data-testid="page-indicators">
      <h2 id="page-indicators-heading">{t('pageIndicatorsTitle')}</h2>
      {groups.map((g) => (
        <div key={g.group} class="indicator-group" data-group={g.group}>
          <h3 class="group-title">{indicatorGroupLabel(g.group)}</h3>
          <IndicatorRows items={g.items} label={indicatorGroupLabel(g.group)} />
        </div>
      ))}
    </section>
  );
}
