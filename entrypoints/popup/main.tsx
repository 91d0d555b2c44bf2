import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { langFromTag, translator } from '../../lib/i18n';
import { App } from './App';
import './popup.css';

const lang = langFromTag(browser.i18n.getUILanguage()) ?? 'en';
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
createRoot(document.getElementById('root')!).render(<App lang={lang} t={translator(lang)} />);
