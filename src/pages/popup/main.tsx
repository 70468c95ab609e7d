import browser from 'webextension-polyfill';
import { render } from 'preact';
import { t } from '../../browser/i18n';
import { useTabSummary } from '../shared/use-tab-summary';
import { useTabDetection } from '../shared/use-tab-detection';
import { useCases } from '../shared/use-cases';
import { CaptureControl } from '../shared/CaptureControl';
import { Verdict } from '../shared/Verdict';
import { MentionList } from '../shared/MentionList';
import { distinctMentions } from '../shared/findings-view';
import '../shared/page';
import './popup.css';

/** Opens the side panel (Chrome) or sidebar (Firefox); must run inside the click's gesture. */
function openSidePanel(tabId: number | undefined) {
  const chromePanel = (globalThis as { chrome?: typeof chrome }).chrome?.sidePanel;
  if (chromePanel && tabId !== undefined) return chromePanel.open({ tabId });
  return (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
}

const MENTIONS_SHOWN = 5;

/** The toolbar popup: the page verdict, its wildlife mentions, Capture, and the way to the side panel. */
function Popup() {
  const { tabId, summary } = useTabSummary();
  const view = useTabDetection(tabId);
  const { active, reload } = useCases();
  const mentions = view ? distinctMentions(view.hits) : [];
  const host = summary?.url ? hostOf(summary.url) : '';
  return (
    <main class="popup">
      <header class="popup-head">
        <h1 class="brand">{t('extName')}</h1>
        {host && (
          <p class="host muted small" title={summary?.url}>
            {host}
          </p>
        )}
      </header>
      <Verdict view={view} />
      {view && (
        <section class="popup-mentions" aria-labelledby="mentions-heading" data-testid="popup-detection">
          <h2 id="mentions-heading" class="subhead">
            {t('mentionsTitle', String(view.mentions))}
          </h2>
          {mentions.length > 0 ? (
            <MentionList mentions={mentions} limit={MENTIONS_SHOWN} />
          ) : (
            <p class="muted small">{t('mentionsNone')}</p>
          )}
        </section>
      )}
      <CaptureControl
        tabId={tabId}
        activeCase={active}
        onCaptured={() => void reload()}
        hint={t('captureRenameInPanel')}
      />
      <button type="button" class="block" data-testid="open-side-panel" onClick={() => void openSidePanel(tabId)}>
        {t('openSidePanel')}
      </button>
    </main>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

document.title = t('extName');
render(<Popup />, document.getElementById('app')!);
