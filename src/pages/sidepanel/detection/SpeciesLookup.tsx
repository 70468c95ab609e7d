import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../browser/i18n';
import { activeLexiconDetails } from '../../../browser/lexicon/active-lexicon';
import type { Lexicon } from '../../../engine/lexicon/types';
import { buildSpeciesIndex, commonNamesByLang, type SpeciesIndex, type SpeciesMatch } from './species-index';
import { appendixLabel } from '../../shared/detection-labels';
import { appendixClass } from '../../shared/findings-view';

let loading: Promise<{ lexicon: Lexicon; index: SpeciesIndex }> | undefined;

/** Loads the lexicon and builds the index once per page, on first use (it takes a moment). */
function speciesIndex() {
  loading ??= (async () => {
    const lexicon = await activeLexiconDetails();
    return { lexicon, index: buildSpeciesIndex(lexicon) };
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Typo-tolerant lookup of any CITES taxon, showing its record. */
export function SpeciesLookup() {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const [results, setResults] = useState<SpeciesMatch[]>([]);
  const [lexicon, setLexicon] = useState<Lexicon>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    clearTimeout(timer.current);
    if (query.trim().length < 2) {
      setResults([]);
      return;
    }
    timer.current = setTimeout(async () => {
      try {
        if (state !== 'ready') setState('loading');
        const { lexicon: lex, index } = await speciesIndex();
        setLexicon(lex);
        setResults(index.search(query, 8));
        setState('ready');
      } catch {
        setState('error');
      }
    }, 200);
  }, [query]);
  return (
    <section class="lookup" aria-labelledby="lookup-title">
      <h3 id="lookup-title">{t('lookupTitle')}</h3>
      <label>
        {t('lookupLabel')}
        <input
          type="search"
          name="species-lookup"
          value={query}
          placeholder={t('lookupPlaceholder')}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          onFocus={() => void speciesIndex()}
          data-testid="lookup-input"
        />
      </label>
      {state === 'loading' && (
        <p class="muted" role="status">
          {t('lookupLoading')}
        </p>
      )}
      {state === 'error' && (
        <p class="toast error" role="alert">
          {t('lookupError')}
        </p>
      )}
      {state === 'ready' && query.trim().length >= 2 && results.length === 0 && <p class="muted">{t('lookupNone')}</p>}
      <ul class="records plain-list" data-testid="lookup-results">
        {results.map((r) => (
          <SpeciesRecord key={r.taxon.taxonId} match={r} lexicon={lexicon} />
        ))}
      </ul>
    </section>
  );
}

function SpeciesRecord({ match, lexicon }: { match: SpeciesMatch; lexicon?: Lexicon }) {
  const { taxon } = match;
  const extra = lexicon?.extraNames.filter((x) => x.taxonId === taxon.taxonId) ?? [];
  const synonyms = [...new Set([...taxon.synonyms, ...extra.filter((x) => x.kind === 'synonym').map((x) => x.name)])];
  const commons = commonNamesByLang(
    taxon,
    extra.filter((x) => x.kind === 'common'),
  );
  return (
    <li class="record" data-testid="lookup-record">
      <details open={false}>
        <summary>
          <em class="taxon">{taxon.name}</em>
          {taxon.listing && <span class={`pill ${appendixClass(taxon.listing)}`}>{appendixLabel(taxon.listing)}</span>}
          {match.matchedName !== taxon.name && <span class="muted"> ({match.matchedName})</span>}
        </summary>
        <dl class="facts small">
          <dt>{t('lookupRank')}</dt>
          <dd>
            {taxon.rank.toLowerCase()} · {[taxon.class, taxon.order, taxon.family].filter(Boolean).join(' › ')}
          </dd>
          <dt>{t('lookupListing')}</dt>
          <dd data-testid="lookup-listing">{taxon.listing || '—'}</dd>
          <dt>{t('lookupAnnotation')}</dt>
          <dd>{[taxon.annotationSymbol, taxon.annotation].filter(Boolean).join(' ') || '—'}</dd>
          <dt>{t('lookupSynonyms')}</dt>
          <dd>{synonyms.join(', ') || '—'}</dd>
          <dt>{t('lookupCommonNames')}</dt>
          <dd>
            {commons.length === 0 ? (
              '—'
            ) : (
              <ul class="langs plain-list">
                {commons.map(([lang, names]) => (
                  <li key={lang}>
                    <span class="pill">{lang}</span> {names.join(', ')}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </details>
    </li>
  );
}
