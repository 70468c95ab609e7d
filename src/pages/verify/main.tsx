import { render } from 'preact';
import { t } from '../../browser/i18n';
import { VerifyPage } from './VerifyPage';
import '../shared/page';
import './verify.css';

document.title = t('evVerifyTitle');
render(<VerifyPage />, document.getElementById('app')!);
