import { render } from 'preact';
import { t } from '../../browser/i18n';
import { VerifyPage } from './VerifyPage';
import '../shared/base.css';
import '../shared/evidence.css';

document.title = t('evVerifyTitle');
render(<VerifyPage />, document.getElementById('app')!);
