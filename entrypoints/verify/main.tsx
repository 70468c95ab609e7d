import { render } from 'preact';
import { t } from '../../platform/i18n';
import { VerifyPage } from '../../ui/evidence/VerifyPage';
import '../../ui/base.css';
import '../../ui/evidence.css';

document.title = t('evVerifyTitle');
render(<VerifyPage />, document.getElementById('app')!);
