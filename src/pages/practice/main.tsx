import { render } from 'preact';
import { t } from '../../browser/i18n';
import { PracticePage } from './PracticePage';
import '../shared/page';
import './practice.css';

document.title = t('practiceTitle');
render(<PracticePage />, document.getElementById('app')!);
