import { render } from 'preact';
import { t } from '../../platform/i18n';
import { PracticePage } from '../../ui/training/PracticePage';
import '../../ui/base.css';
import '../../ui/training/practice.css';

document.title = t('practiceTitle');
render(<PracticePage />, document.getElementById('app')!);
