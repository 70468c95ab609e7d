import type { BlockRiskView } from '../../../messaging/routes/detection';

/** The signals behind a block's score, each with the points it added or removed. */
export function SignalList({ block }: { block: BlockRiskView }) {
  return (
    <ul class="signals plain-list" data-testid="signals">
      {block.signals.map((s, i) => (
        <li key={i}>
          <span class="weight">{s.weight > 0 ? `+${Math.round(s.weight)}` : Math.round(s.weight)}</span>
          <span>
            {s.label}
            {s.note ? <span class="muted"> ({s.note})</span> : null}
          </span>
        </li>
      ))}
      {block.note && <li class="muted">{block.note}</li>}
    </ul>
  );
}
