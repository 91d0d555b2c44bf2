import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { type Lang, langFromTag, translator } from '../../lib/i18n';
import { settings } from '../../lib/storage';
import { App } from './App';
import '../popup/popup.css';
import './options.css';

const { value } = await settings.read();
const lang: Lang = value.language === 'auto' ? (langFromTag(browser.i18n.getUILanguage()) ?? 'en') : value.language;
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
document.title = translator(lang)('optionsTitle');
createRoot(document.getElementById('root')!).render(<App lang={lang} t={translator(lang)} />);
