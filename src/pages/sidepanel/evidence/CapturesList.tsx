import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { sendToBackground } from '../../../messaging/send';
import { onCaptureProgress } from '../../../messaging/capture-progress';
import type { CaptureListItem } from '../../../messaging/routes/evidence';
import { OfferLabelButtons } from './OfferLabelButtons';

/** The captures of a case, newest first, with the officer's labels, notes, tags and a selection for export. */
export function CapturesList({
  caseId,
  selected,
  onSelect,
  refresh,
}: {
  caseId: string;
  selected: Set<string>;
  onSelect: (next: Set<string>) => void;
  refresh: number;
}) {
  const [items, setItems] = useState<CaptureListItem[]>([]);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  const load = async () => {
    try {
      setItems(await sendToBackground('evidence/captures', { caseId }));
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => void load(), [caseId, refresh, tick]);
  useEffect(
    () =>
      onCaptureProgress((p) => {
        if (p.step === 'done') setTick((n) => n + 1);
      }),
    [],
  );

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <section class="captures-section" aria-labelledby="captures-heading">
      <h3 id="captures-heading">{t('evCaptures', String(items.length))}</h3>
      {error && (
        <p class="toast error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 && <p class="muted">{t('evNoCaptures')}</p>}
      <ul class="captures plain-list" data-testid="captures">
        {items.map((c) => (
          <li key={c.captureId} class="card flat capture-item" data-testid="capture-item">
            <label class="check">
              <input type="checkbox" checked={selected.has(c.captureId)} onChange={() => toggle(c.captureId)} />
              <span>
                <strong>#{c.sequence + 1}</strong> {c.title || c.url}
              </span>
            </label>
            <p class="muted small wrap-anywhere">{c.url}</p>
            <p class="muted small">
              {c.capturedAt} · <code title={c.recordHash}>{c.recordHash.slice(0, 12)}</code> ·{' '}
              {t('evArtefactCount', String(c.artefacts.length))}
            </p>
            {c.tags.length > 0 && (
              <p class="tags">
                {c.tags.map((g) => (
                  <span key={g} class="pill info tag">
                    {g}
                  </span>
                ))}
              </p>
            )}
            <OfferLabelButtons
              value={c.label}
              name={t('labelCapture', String(c.sequence + 1))}
              onChange={async (label) => {
                await sendToBackground('evidence/label-set', { captureId: c.captureId, label });
                await load();
              }}
            />
            {c.listingLabels.length > 0 && (
              <details class="listing-labels" data-testid="capture-listing-labels">
                <summary class="small">
                  {t('labelListingsOfCapture')} ({c.listingLabels.length})
                </summary>
                <ul class="plain-list">
                  {c.listingLabels.map((l) => (
                    <li key={l.key}>
                      <p class="muted small wrap-anywhere listing-label-text">{l.text.slice(0, 160)}</p>
                      <OfferLabelButtons
                        value={l.label}
                        name={t('labelListingOf', l.text.slice(0, 40))}
                        onChange={async (label) => {
                          await sendToBackground('evidence/label-set', {
                            captureId: c.captureId,
                            listingKey: l.key,
                            label,
                          });
                          await load();
                        }}
                      />
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {c.notes.map((n) => (
              <p key={n.noteId} class="note">
                {n.text}{' '}
                <span class="muted small">
                  — {n.author}, {n.createdAt}
                </span>
              </p>
            ))}
            <AddNote captureId={c.captureId} onDone={load} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function AddNote({ captureId, onDone }: { captureId: string; onDone: () => Promise<void> }) {
  const [note, setNote] = useState('');
  const [tag, setTag] = useState('');
  const [error, setError] = useState('');
  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      setError('');
      await onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div class="add-note">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim()) {
            void run(async () => {
              await sendToBackground('evidence/note-add', { captureId, text: note });
              setNote('');
            });
          }
        }}
      >
        <label>
          {t('evAddNote')}
          <input type="text" name="note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) {
            void run(async () => {
              await sendToBackground('evidence/tag-set', { captureId, tag, action: 'add' });
              setTag('');
            });
          }
        }}
      >
        <label>
          {t('evAddTag')}
          <input type="text" name="tag" value={tag} onInput={(e) => setTag(e.currentTarget.value)} />
        </label>
      </form>
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
