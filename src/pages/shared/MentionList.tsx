import { t } from '../../browser/i18n';
import type { Mention } from './findings-view';
import { appendixClass } from './findings-view';
import { appendixLabel, kindLabel } from './detection-labels';
import './findings.css';

/** Distinct wildlife mentions as a list of names with their appendix pill and how often they occur. */
export function MentionList({ mentions, limit = Infinity }: { mentions: Mention[]; limit?: number }) {
  const shown = mentions.slice(0, limit);
  return (
    <ul class="mentions plain-list" data-testid="mentions">
      {shown.map((m) => (
        <li key={m.key} class="mention" data-testid="mention">
          <span class={m.kind === 'species' || m.listing ? 'taxon' : 'term'}>{m.name}</span>{' '}
          {m.listing ? (
            <span class={`pill ${appendixClass(m.listing)}`}>{appendixLabel(m.listing)}</span>
          ) : (
            <span class="pill">{kindLabel(m.kind)}</span>
          )}
          {m.count > 1 && <span class="count muted"> ×{m.count}</span>}
        </li>
      ))}
      {mentions.length > shown.length && (
        <li class="muted small">{t('detectionMore', String(mentions.length - shown.length))}</li>
      )}
    </ul>
  );
}
