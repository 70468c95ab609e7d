import { localizeDocument, t } from '../../browser/i18n';
import { appendicesDate, isStale, lastChecklistImport } from '../../engine/lexicon/freshness';
import { sendToBackground } from '../../messaging/send';
import '../shared/page';
import './welcome.css';

localizeDocument(document);
document.title = document.querySelector('h1')?.textContent ?? document.title;
// The extension's APIs work here: the card for windows without them goes.
document.getElementById('welcome-no-api')?.remove();

// Not allowed in private windows: say how, for officers who patrol in them (Tor Browser).
void sendToBackground('evidence/storage', {}).then(
  ({ privateWindowsAllowed }) => {
    const card = document.querySelector<HTMLElement>('[data-testid=welcome-private]');
    if (card && !privateWindowsAllowed) card.hidden = false;
  },
  () => undefined,
);

// CITES data more than a year old: say so before the steps, and point to the checklist import.
void sendToBackground('lexicon/info', {}).then(
  ({ version, imports }) => {
    const undated = lastChecklistImport(imports);
    if (!isStale(version, new Date(), undated)) return;
    const notice = document.querySelector<HTMLElement>('[data-testid=welcome-stale]');
    const text = document.getElementById('welcome-stale-text');
    if (!notice || !text) return;
    text.textContent = t('welcomeStale', appendicesDate(version, undated) || t('lexiconDateUnknown'));
    notice.hidden = false;
  },
  () => undefined, // No answer (the worker restarting): the page stays as it is.
);
