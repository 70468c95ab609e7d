import { t } from '../../../browser/i18n';
import type { Indicator } from '../../../engine/indicators/types';
import type { HitView, TabDetection } from '../../../messaging/routes/detection';
import { flaggedListings, type Listing } from '../../shared/findings-view';
import { indicatorKindLabel } from '../../shared/indicator-labels';
import { MentionList } from '../../shared/MentionList';
import type { OfferLabel } from '../../../engine/evidence/model';
import { OfferLabelButtons } from '../evidence/OfferLabelButtons';
import { SignalList } from './SignalList';
import { useListingLabels } from './use-listing-labels';
import type { Reveal } from './use-reveal';

/** Cards shown before "more listings": the first screen stays short on a long results page. */
const SHOWN = 6;
/** Evidence snippets per card. */
const SNIPPETS = 3;

/** How a card labels its listing (the officer's own "offer" / "not an offer"). */
interface Labelling {
  labelOf: (l: Listing) => OfferLabel | null;
  setLabel: (l: Listing, label: OfferLabel | null) => Promise<void>;
}

/**
 * The listings that mention wildlife, riskiest first, each with its species, evidence, indicators
 * and the officer's label.
 */
export function FlaggedListings({ view, onReveal, tabId }: { view: TabDetection; onReveal: Reveal; tabId?: number }) {
  const listings = flaggedListings(view);
  const { labels, set, notice } = useListingLabels(tabId, view.revision);
  const labelling: Labelling = {
    labelOf: (l) => labels.get(`${l.frameId}:${l.blockId}`) ?? null,
    setLabel: async (l, label) => void (await set(l.frameId, l.blockId, label)),
  };
  const first = listings.slice(0, SHOWN);
  const rest = listings.slice(SHOWN);
  return (
    <section class="listings" aria-labelledby="listings-heading" data-testid="listings">
      <h2 id="listings-heading">{t('listingsTitle', String(listings.length))}</h2>
      {listings.length === 0 && <p class="muted">{t('listingsNone')}</p>}
      {notice && (
        <p class="toast info small" role="status" data-testid="label-captured">
          {t('labelCapturedFirst', notice)}
        </p>
      )}
      <ol class="plain-list listing-list">
        {first.map((l) => (
          <ListingCard key={`${l.frameId}:${l.blockId}`} listing={l} onReveal={onReveal} labelling={labelling} />
        ))}
      </ol>
      {rest.length > 0 && (
        <details class="disclosure">
          <summary>{t('listingsMore', String(rest.length))}</summary>
          <ol class="plain-list listing-list">
            {rest.map((l) => (
              <ListingCard key={`${l.frameId}:${l.blockId}`} listing={l} onReveal={onReveal} labelling={labelling} />
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function ListingCard({
  listing: l,
  onReveal,
  labelling,
}: {
  listing: Listing;
  onReveal: Reveal;
  labelling: Labelling;
}) {
  return (
    <li class={`card listing level-${l.level}`} data-testid="listing" data-score={l.score}>
      <div class="card-head">
        <span class={`score-chip ${l.level}`}>
          <span class="visually-hidden">{t('verdictScoreName')} </span>
          {l.score}
        </span>
        {l.saleOffer && <span class="pill danger">{t('verdictOffer')}</span>}
        <span class="listing-snippet muted small" title={l.snippet}>
          {l.snippet}
        </span>
      </div>
      <MentionList mentions={l.mentions} />
      <ul class="snippets plain-list" aria-label={t('listingEvidence')}>
        {l.evidence.slice(0, SNIPPETS).map((h) => (
          <li key={`${h.start}`}>
            <Snippet hit={h} onReveal={onReveal} />
          </li>
        ))}
        {l.evidence.length > SNIPPETS && (
          <li class="muted small">{t('detectionMore', String(l.evidence.length - SNIPPETS))}</li>
        )}
      </ul>
      {l.indicators.length > 0 && <IndicatorRows items={l.indicators} label={t('listingIndicators')} />}
      {l.block.signals.length > 0 && (
        <details class="why">
          <summary>{t('detectionWhyScore')}</summary>
          <SignalList block={l.block} />
        </details>
      )}
      <OfferLabelButtons
        value={labelling.labelOf(l)}
        onChange={(label) => labelling.setLabel(l, label)}
        name={t('labelThisListing')}
      />
    </li>
  );
}

/** "…text before [hit] text after…" as a button that shows the hit in the page. */
export function Snippet({ hit: h, onReveal, context = 32 }: { hit: HitView; onReveal: Reveal; context?: number }) {
  return (
    <button
      type="button"
      class="link snippet"
      data-testid="hit"
      onClick={() => onReveal(h.frameId, h.blockId, h.start, h.end)}
    >
      …{h.before.slice(-context)}
      <mark>{h.text}</mark>
      {h.after.slice(0, context)}…
    </button>
  );
}

/** Indicators as rows: what it is (WhatsApp, Payment, Price) and the value as the page writes it. */
export function IndicatorRows({ items, label }: { items: Indicator[]; label: string }) {
  return (
    <dl class="indicator-rows" aria-label={label}>
      {items.map((i) => (
        <div key={`${i.type}:${i.normalized}`} class={`indicator-row type-${i.type}`} data-testid="indicator">
          <dt>{indicatorKindLabel(i)}</dt>
          <dd>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}
