import { render } from 'preact';
import { t } from '../../browser/i18n';
import { PracticePage } from './PracticePage';
import '../shared/base.css';
import './practice.css';

document.title = t('practiceTitle');
render(<PracticePage />, document.getElementById('app')!);
