import { useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import type { OfferLabel } from '../../../engine/evidence/model';

/**
 * The officer's own label, "Offer" / "Not an offer", as two toggle buttons: pressing the other one
 * changes the label, pressing the pressed one clears it. Each press is one signed, audited record;
 * the buttons are disabled while it is written, so a burst of clicks writes one at a time.
 */
export function OfferLabelButtons({
  value,
  onChange,
  name,
}: {
  value: OfferLabel | null;
  /** Writes the label (null clears it); a rejection is shown under the buttons. */
  onChange: (next: OfferLabel | null) => Promise<void>;
  /** What is labelled, for screen readers ("this listing", "capture #3"). */
  name: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const press = async (label: OfferLabel) => {
    if (busy) return;
    setBusy(true);
    try {
      await onChange(value === label ? null : label);
      setError('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const button = (label: OfferLabel, text: string) => (
    <button
      type="button"
      class={`compact label-${label}`}
      aria-pressed={value === label}
      disabled={busy}
      data-testid={`label-${label}`}
      onClick={() => void press(label)}
    >
      {text}
    </button>
  );
  return (
    <div class="offer-label" data-testid="offer-label" data-label={value ?? ''}>
      <div class="offer-label-buttons" role="group" aria-label={t('labelGroup', name)}>
        <span class="muted small">{t('labelYours')}</span>
        {button('offer', t('labelOffer'))}
        {button('not-offer', t('labelNotOffer'))}
      </div>
      {error && (
        <p class="status error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
