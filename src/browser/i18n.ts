import browser from 'webextension-polyfill';

/** Looks up a UI string in `_locales`; falls back to the key so a missing string is visible. */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Fills `data-i18n` elements of a static page and sets the document language. */
export function localizeDocument(doc: Document): void {
  doc.documentElement.lang = browser.i18n.getUILanguage();
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n!);
  }
}
