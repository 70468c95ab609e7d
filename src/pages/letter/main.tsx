import { render } from 'preact';
import { t } from '../../browser/i18n';
import { LetterPage } from './LetterPage';
import '../shared/page';
import './letter.css';

document.title = t('rmLetterTitle');
render(<LetterPage query={new URLSearchParams(location.search)} />, document.getElementById('app')!);
