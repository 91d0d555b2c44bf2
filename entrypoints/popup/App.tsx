import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { GuideList, type GuideRow } from '../../components/GuideList';
import type { Lang, Translate } from '../../lib/i18n';
import { isPageState, PAGE_STATE, type PageState } from '../../lib/messages';
import { type Progress, progressItem, readProgress } from '../../lib/storage';
import { BUILTIN_GUIDES } from '../../rules/guides';
import { BUILTIN_PROVIDERS } from '../../rules/providers';

type TabState = { status: 'loading' } | { status: 'none' } | { status: 'detected'; page: PageState };

/**
 * Which console tab the popup describes: the active tab, or `?tabId=` when the popup page is opened
 * in a tab of its own (deep links and tests), where the active tab would be the popup itself.
 */
async function targetTabId(): Promise<number | undefined> {
  const requested = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(requested) && requested > 0) return requested;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Asks the tab's detector script what it recognised; any failure means "not a console page". */
async function readTargetTab(): Promise<TabState> {
  const tabId = await targetTabId();
  if (tabId === undefined) return { status: 'none' };
  try {
    const answer: unknown = await browser.tabs.sendMessage(tabId, { type: PAGE_STATE });
    return isPageState(answer) ? { status: 'detected', page: answer } : { status: 'none' };
  } catch {
    return { status: 'none' };
  }
}

export function App({ lang, t }: { lang: Lang; t: Translate }) {
  const [tab, setTab] = useState<TabState>({ status: 'loading' });
  const [progress, setProgress] = useState<Progress>({});

  useEffect(() => {
    void readTargetTab().then(setTab);
    void readProgress().then(({ value }) => setProgress(value));
    return progressItem.watch(() => void readProgress().then(({ value }) => setProgress(value)));
  }, []);

  const detected = tab.status === 'detected' ? tab.page : null;
  const provider = detected && BUILTIN_PROVIDERS.find((p) => p.id === detected.providerId);
  const page = detected && provider?.pages.find((p) => p.id === detected.pageId);
  const rows: GuideRow[] = BUILTIN_GUIDES.filter(
    (guide) => page && guide.provider === provider?.id && guide.steps.some((step) => step.pages.includes(page.id)),
  ).map((guide) => {
    const done = new Set(progress[guide.id]?.done ?? []);
    return {
      id: guide.id,
      title: guide.title[lang],
      steps: guide.steps.map((step) => ({ id: step.id, title: step.title[lang], done: done.has(step.id) })),
    };
  });

  return (
    <main className="popup">
      <h1>{t('popupTitle')}</h1>
      {tab.status === 'loading' && <p>{t('popupDetecting')}</p>}
      {tab.status === 'none' && <p data-cloudexit="popup-no-detection">{t('popupNotConsole')}</p>}
      {provider && page && (
        <section data-cloudexit="popup-detected" data-provider-id={provider.id} data-page-id={page.id}>
          <dl className="facts">
            <dt>{t('popupProvider')}</dt>
            <dd>{provider.name[lang]}</dd>
            <dt>{t('popupPage')}</dt>
            <dd>{page.title[lang]}</dd>
          </dl>
          <h2>{t('popupGuides')}</h2>
          <GuideList rows={rows} t={t} />
        </section>
      )}
      <footer>{t('popupPrivacy')}</footer>
    </main>
  );
}
