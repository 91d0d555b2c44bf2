/**
 * Extension UI strings come from `_locales` only. The content script needs them in the
 * *console's* language, which may differ from the browser's (browser.i18n follows the browser),
 * so the same messages.json files are bundled and looked up here.
 */
import en from '../public/_locales/en/messages.json';
import zh from '../public/_locales/zh_CN/messages.json';

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof en;
export type Translate = (key: MessageKey, ...substitutions: (string | number)[]) => string;

const CATALOGS: Record<Lang, Record<string, { message: string }>> = { en, zh };

export function translator(lang: Lang): Translate {
  const catalog = CATALOGS[lang];
  return (key, ...substitutions) =>
    (catalog[key]?.message ?? en[key].message).replace(/\$(\d)/g, (_, n: string) =>
      String(substitutions[Number(n) - 1] ?? ''),
    );
}

/** A moment in the user's own time zone and language (popup rows, notifications). */
export function localStamp(ms: number, lang: Lang): string {
  return new Date(ms).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
}

export function langFromTag(tag: string | null | undefined): Lang | null {
  const value = (tag ?? '').toLowerCase();
  if (value.startsWith('zh')) return 'zh';
  if (value.startsWith('en')) return 'en';
  return null;
}

/** The console's own language when the page declares it, else the browser's, else English. */
export function pageLanguage(doc: Document, browserLanguage: string | undefined): Lang {
  return langFromTag(doc.documentElement.lang) ?? langFromTag(browserLanguage) ?? 'en';
}
