// The landing page: links to the two pages, in the remembered language.
import { applyStaticTexts, lang, onLangChange, setLang, t } from './lib/i18n';
import './styles/base.css';

const update = () => {
  applyStaticTexts();
  document.title = t('indexTitle');
};
onLangChange(update);
update();
document.getElementById('lang')?.addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
