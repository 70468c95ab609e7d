import { render } from 'preact';
import { t } from '../../browser/i18n';
import { TrendsPage } from './TrendsPage';
import '../shared/page';
import './trends.css';

document.title = t('trendsTitle');
render(
  <main class="trends">
    <header class="page-head">
      <h1>{t('trendsTitle')}</h1>
      <p class="muted">{t('trendsIntro')}</p>
    </header>
    <TrendsPage />
  </main>,
  document.getElementById('app')!,
);
