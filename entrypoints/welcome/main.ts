import { localizeDocument } from '../../platform/i18n';
import '../../ui/base.css';

localizeDocument(document);
document.title = document.querySelector('h1')?.textContent ?? document.title;
