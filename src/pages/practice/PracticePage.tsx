import browser from 'webextension-polyfill';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from '../../browser/i18n';
import { sendToBackground } from '../../messaging/send';
import { scorePractice, splitWords, type PracticeResult, type Target, type Word } from '../../engine/training/practice';
import { practiceTargets } from '../../engine/training/targets';
import { practiceBlocks } from './practice-text';

interface TrainingPageEntry {
  page: string;
  role: string;
  lang: string;
}

const RESULTS_KEY = 'practiceResults';
const KEPT_RESULTS = 50;

/** The training pages a trainee can practise on (offers and traps, not the index or guide). */
async function practicePages(): Promise<TrainingPageEntry[]> {
  const res = await fetch(browser.runtime.getURL('/training/expected.json' as const));
  const data = (await res.json()) as { pages: TrainingPageEntry[] };
  return data.pages.filter((p) => p.role !== 'index' && p.role !== 'guide');
}

/** Loads a bundled training page and returns its text, blocks separated by blank lines. */
async function loadPracticeText(page: string): Promise<string> {
  const res = await fetch(browser.runtime.getURL(`/training/${page}` as '/training/index.html'));
  if (!res.ok) throw new Error(t('practiceLoadFailed', page));
  // Parsed inert: DOMParser documents run no scripts and load nothing.
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  return practiceBlocks(doc).join('\n\n');
}

/** Keeps the result in the browser only (storage.local), newest first. */
async function keepResult(page: string, r: PracticeResult): Promise<void> {
  const stored = (await browser.storage.local.get(RESULTS_KEY))[RESULTS_KEY];
  const list = Array.isArray(stored) ? stored : [];
  const entry = {
    page,
    at: new Date().toISOString(),
    score: r.score,
    found: r.found.length,
    missed: r.missed.length,
    wrong: r.wrong.length,
  };
  await browser.storage.local.set({ [RESULTS_KEY]: [entry, ...list].slice(0, KEPT_RESULTS) });
}

function wordState(word: Word, marked: boolean, result: PracticeResult | undefined): string {
  if (!result) return marked ? 'marked' : '';
  const inside = (ts: Target[]) => ts.some((x) => word.start < x.end && x.start < word.end);
  if (marked) return inside(result.found) ? 'found' : 'wrong';
  return inside(result.missed) ? 'missed' : '';
}

/** Practice mode: mark the suspicious words of a training page, then compare with Wildtrace. */
export function PracticePage() {
  const [pages, setPages] = useState<TrainingPageEntry[]>([]);
  const [page, setPage] = useState(new URLSearchParams(location.search).get('page') ?? '');
  const [text, setText] = useState('');
  const [marked, setMarked] = useState<Set<number>>(new Set());
  const [result, setResult] = useState<PracticeResult>();
  const [error, setError] = useState('');
  const words = useMemo(() => splitWords(text), [text]);

  useEffect(() => {
    practicePages().then(
      (list) => {
        setPages(list);
        if (!page && list[0]) setPage(list[0].page);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    if (!page) return;
    setMarked(new Set());
    setResult(undefined);
    loadPracticeText(page).then(setText, (e: Error) => setError(e.message));
  }, [page]);

  const toggle = (index: number) => {
    if (result) return;
    const next = new Set(marked);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setMarked(next);
  };
  const reveal = async () => {
    try {
      const analysis = await sendToBackground('training/analyze', { text });
      const r = scorePractice(words, marked, practiceTargets(text, analysis.hits, analysis.indicators));
      setResult(r);
      await keepResult(page, r);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  // The text with every word a toggle button; the gaps between words stay plain text.
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  for (const w of words) {
    if (w.start > at) parts.push(text.slice(at, w.start));
    const state = wordState(w, marked.has(w.index), result);
    parts.push(
      <button
        type="button"
        class={`word ${state}`}
        aria-pressed={marked.has(w.index)}
        data-word={w.index}
        onClick={() => toggle(w.index)}
      >
        {w.text}
      </button>,
    );
    at = w.end;
  }
  parts.push(text.slice(at));

  return (
    <main class="practice">
      <h1>{t('practiceTitle')}</h1>
      <p class="muted">{t('practiceIntro')}</p>
      <label>
        {t('practicePage')}{' '}
        <select value={page} onChange={(e) => setPage(e.currentTarget.value)} data-testid="practice-page">
          {pages.map((p) => (
            <option key={p.page} value={p.page}>{`${p.page} (${p.lang})`}</option>
          ))}
        </select>
      </label>
      {error && (
        <p class="toast error" role="alert">
          {error}
        </p>
      )}
      <div class="practice-text" data-testid="practice-text">
        {parts}
      </div>
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() => void reveal()}
          disabled={!!result || !text}
          data-testid="reveal"
        >
          {t('practiceReveal')}
        </button>
        <button type="button" onClick={() => (setMarked(new Set()), setResult(undefined))}>
          {t('practiceAgain')}
        </button>
      </div>
      {result && (
        <section aria-live="polite" data-testid="practice-result">
          <h2>{t('practiceScore', String(result.score))}</h2>
          <p>
            <span class="found">{t('practiceFound', String(result.found.length))}</span>
            {' · '}
            <span class="missed">{t('practiceMissed', String(result.missed.length))}</span>
            {' · '}
            <span class="wrong">{t('practiceWrong', String(result.wrong.length))}</span>
          </p>
          {result.missed.length > 0 && (
            <>
              <h3>{t('practiceMissedList')}</h3>
              <ul>
                {result.missed.map((m) => (
                  <li>
                    <q>{m.text}</q> — {m.label}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </main>
  );
}
