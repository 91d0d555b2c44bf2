import { createRoot } from 'react-dom/client';
import { type Lang, translator } from '../../lib/i18n';
import { uiLanguage } from '../../lib/storage';
import { App } from './App';
import '../popup/popup.css';
import './options.css';

const lang: Lang = await uiLanguage();
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
document.title = translator(lang)('optionsTitle');
createRoot(document.getElementById('root')!).render(<App lang={lang} t={translator(lang)} />);
