import { localizeDocument } from '../../browser/i18n';
import '../shared/page';
import './welcome.css';

localizeDocument(document);
document.title = document.querySelector('h1')?.textContent ?? document.title;
