/**
 * Every extension page imports this first: the design system (the same two files are embedded in
 * the exported report.html) and the document's language, for screen readers and hyphenation.
 * The page's own small stylesheet comes after it.
 */
import browser from 'webextension-polyfill';
import '../../design/tokens.css';
import '../../design/components.css';

document.documentElement.lang = browser.i18n.getUILanguage();
