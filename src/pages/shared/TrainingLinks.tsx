import browser from 'webextension-polyfill';
import { t } from '../../browser/i18n';

const open = (path: '/training/index.html' | '/practice.html') =>
  void browser.tabs.create({ url: browser.runtime.getURL(path) });

/** Buttons that open the bundled training pages and practice mode in new tabs. */
export function TrainingLinks() {
  return (
    <>
      <button type="button" data-testid="open-training" onClick={() => open('/training/index.html')}>
        {t('training')}
      </button>
      <button type="button" data-testid="open-practice" onClick={() => open('/practice.html')}>
        {t('practice')}
      </button>
    </>
  );
}
