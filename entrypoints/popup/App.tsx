import { useEffect, useMemo, useState } from 'react';
import { type Browser, browser } from 'wxt/browser';
import { StorageNotice } from '../../components/options/StorageNotice';
import { ChecklistView } from '../../components/popup/ChecklistView';
import { GuidePicker } from '../../components/popup/GuidePicker';
import { LinkList } from '../../components/popup/LinkList';
import { PageOutlineView } from '../../components/popup/PageOutlineView';
import { RegionSweep } from '../../components/popup/RegionSweep';
import { StepList } from '../../components/popup/StepList';
import { Toggle } from '../../components/popup/Toggle';
import { rankGuidesForPage } from '../../engine/decide';
import { CONSOLE_HOST_PATTERNS } from '../../engine/hosts';
import { downloadText } from '../../lib/download';
import type { Lang, Translate } from '../../lib/i18n';
import { isPageState, PAGE_STATE, type PageState } from '../../lib/messages';
import { isConsoleUrl, outlineFileName, requestPageOutline } from '../../lib/page-outline';
import {
  checklistEntries,
  GENERAL_GUIDE_ID,
  openLinks,
  pickerGroups,
  siteOfHost,
  stepEntries,
  stillBilling,
} from '../../lib/popup-model';
import { regionSweep, sweepView } from '../../lib/region-sweep';
import { loadRules, type RuleSet } from '../../lib/rules';
import { grantedSites } from '../../lib/sites';
import {
  type Checklist,
  checklist,
  dismissDroppedEntries,
  type Preferences,
  type Progress,
  preferences,
  progress,
  type StorageProblem,
  setChecklistItem,
  setPageHidden,
  storageProblems,
} from '../../lib/storage';
import { type ConsoleTab, Followup } from './Followup';

type TabState =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'detected'; page: PageState; host: string; tab: ConsoleTab };

type BrowserTab = Browser.tabs.Tab;

/**
 * Which console tab the popup describes: the active tab, or `?tab=<tabId>` when the popup page is
 * opened in a tab of its own (deep links and tests), where the active tab would be the popup
 * itself. `?tabId=` is the older spelling of the same parameter and still works.
 */
async function findTargetTab(): Promise<BrowserTab | undefined> {
  const params = new URLSearchParams(location.search);
  const requested = Number(params.get('tab') ?? params.get('tabId'));
  return Number.isInteger(requested) && requested > 0
    ? await browser.tabs.get(requested).catch(() => undefined)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
}

async function readTargetTab(tab: BrowserTab | undefined): Promise<TabState> {
  if (tab?.id === undefined) return { status: 'none' };
  try {
    const answer: unknown = await browser.tabs.sendMessage(tab.id, { type: PAGE_STATE });
    if (!isPageState(answer)) return { status: 'none' };
    const url = tab.url ?? '';
    return {
      status: 'detected',
      page: answer,
      host: url ? new URL(url).host : '',
      tab: { id: tab.id, windowId: tab.windowId ?? -1, url, active: tab.active ?? false, ids: answer.ids },
    };
  } catch {
    return { status: 'none' }; // no CloudExit script in that tab: not a console page we know
  }
}

/** `popup.html?provider=<id>&guide=<id>` opens the popup on that guide (reminders, options, tests). */
function deepLink(): { providerId: string; guideId: string } | null {
  const params = new URLSearchParams(location.search);
  const providerId = params.get('provider');
  const guideId = params.get('guide');
  return providerId && guideId ? { providerId, guideId } : null;
}

export function App({ lang, t }: { lang: Lang; t: Translate }) {
  const [rules, setRules] = useState<RuleSet | null>(null);
  const [tab, setTab] = useState<TabState>({ status: 'loading' });
  const [steps, setSteps] = useState<Progress>({});
  const [ticks, setTicks] = useState<Checklist>({});
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [problems, setProblems] = useState<StorageProblem[]>([]);
  const [visits, setVisits] = useState<Awaited<ReturnType<typeof regionSweep.read>>['value']>([]);
  const [choice, setChoice] = useState<{ providerId: string; guideId: string } | null>(deepLink());
  /** Any console tab, recognised or not, can hand over its outline. */
  const [outlineTab, setOutlineTab] = useState<{ id: number; url: string } | null>(null);

  useEffect(() => {
    void loadRules().then(setRules);
    void findTargetTab().then((target) => {
      void grantedSites()
        .catch(() => [])
        .then((sites) => {
          if (target?.id !== undefined && isConsoleUrl(target.url, [...CONSOLE_HOST_PATTERNS, ...sites])) {
            setOutlineTab({ id: target.id, url: target.url ?? '' });
          }
        });
      return readTargetTab(target).then(setTab);
    });
    void progress.read().then(({ value }) => setSteps(value));
    void checklist.read().then(({ value }) => setTicks(value));
    void preferences.read().then(({ value }) => setPrefs(value));
    void storageProblems().then(setProblems);
    void regionSweep.read().then(({ value }) => setVisits(value));
    const unwatch = [
      progress.watch(setSteps),
      checklist.watch(setTicks),
      preferences.watch(setPrefs),
      regionSweep.watch(setVisits),
    ];
    return () => {
      for (const stop of unwatch) stop();
    };
  }, []);

  const detected = tab.status === 'detected' ? tab : null;
  const provider = rules?.providers.find((p) => p.id === (choice?.providerId ?? detected?.page.providerId));
  const page = detected && provider?.pages.find((p) => p.id === detected.page.pageId);
  // The same ranking the card uses (engine/decide.ts); on a console tab the card's own choice,
  // which also saw the page's evidence, comes first.
  const guidesHere = useMemo(() => {
    if (!rules || !provider) return [];
    const choices = { byPage: prefs?.guideForPage, byProvider: prefs?.preferredGuides };
    if (page) return rankGuidesForPage(rules.guides, { provider, page }, { choices });
    return rules.guides.filter((guide) => guide.provider === provider.id);
  }, [rules, provider, page, prefs]);

  const guide =
    rules?.guides.find((g) => g.id === choice?.guideId) ??
    guidesHere.find((g) => g.id === detected?.page.guideId) ??
    guidesHere.find((g) => g.id === prefs?.preferredGuides[provider?.id ?? '']) ??
    guidesHere[0];

  const choose = (providerId: string, guideId: string) => {
    setChoice({ providerId, guideId });
    if (!prefs) return;
    // Chosen on a console page: the card there follows the same choice (it outranks page evidence).
    const onThisPage = page && guidesHere.some((g) => g.id === guideId);
    void preferences.write({
      ...prefs,
      preferredGuides: { ...prefs.preferredGuides, [providerId]: guideId },
      guideForPage: onThisPage ? { ...prefs.guideForPage, [page.id]: guideId } : prefs.guideForPage,
    });
  };

  const sweep = provider ? sweepView(provider, visits, detected ? siteOfHost(detected.host) : null, lang) : null;

  if (!rules || tab.status === 'loading') return <main className="popup">{t('popupDetecting')}</main>;

  return (
    <main className="popup">
      <header>
        <h1>{t('popupTitle')}</h1>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {t('popupOptions')}
        </a>
      </header>
      <StorageNotice
        problems={problems}
        t={t}
        onDismiss={async () => {
          await dismissDroppedEntries();
          setProblems(await storageProblems());
        }}
      />
      {!detected && !guide && <p data-cloudexit="popup-no-detection">{t('popupNotConsole')}</p>}
      {provider && guide ? (
        <section
          data-cloudexit="popup-guide"
          data-provider-id={provider.id}
          data-page-id={page?.id}
          data-guide-id={guide.id}
          data-cloudexit-origin={rules.userGuideIds.has(guide.id) ? 'user-pack' : undefined}
        >
          <p className="breadcrumb" data-cloudexit="popup-detected">
            {[provider.name[lang], page?.title[lang], guide.title[lang]].filter(Boolean).join(' · ')}
            {rules.userGuideIds.has(guide.id) && <span className="badge">{t('popupUserPack')}</span>}
          </p>
          {guidesHere.length > 1 && (
            <label className="select">
              {t('popupChooseGuide')}
              <select value={guide.id} onChange={(event) => choose(provider.id, event.currentTarget.value)}>
                {guidesHere.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.title[lang]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {page && prefs && (
            <Toggle
              label={t('popupHintsOnPage')}
              action="hints-on-page"
              checked={!prefs.hiddenPages.includes(page.id)}
              onChange={(on) => {
                const others = prefs.hiddenPages.filter((id) => id !== page.id);
                setPrefs({ ...prefs, hiddenPages: on ? others : [...others, page.id] }); // shown at once
                void setPageHidden(page.id, !on);
              }}
            />
          )}
          <p className="summary">{guide.summary[lang]}</p>
          <StepList steps={stepEntries(guide, steps, lang)} t={t} />
          {!guide.steps.some((s) => s.pages.length > 0) && <p className="note">{t('popupNoOnPage')}</p>}
          <ChecklistView
            entries={checklistEntries(
              guide,
              rules.guides.find((g) => g.id === GENERAL_GUIDE_ID),
              ticks,
              lang,
              sweep ? { 'region-sweep': sweep.complete } : {},
            )}
            onToggle={(id, checked) => {
              // Show the tick at once; storage confirms it through the watcher a moment later.
              const current = new Set(ticks[guide.id]?.checked ?? []);
              if (checked) current.add(id);
              else current.delete(id);
              setTicks({ ...ticks, [guide.id]: { checked: [...current] } });
              void setChecklistItem(guide.id, id, checked);
            }}
            t={t}
          />
          {sweep && <RegionSweep groups={sweep.groups} onOpen={(url) => void browser.tabs.create({ url })} t={t} />}
          <Followup guide={guide} provider={provider} tab={detected?.tab ?? null} lang={lang} t={t} />
          <LinkList
            heading={t('popupOpenPages')}
            links={openLinks(guide, provider, detected ? siteOfHost(detected.host) : null, lang, t)}
            onOpen={(url) => void browser.tabs.create({ url })}
          />
          {stillBilling(provider, rules.guides, lang).length > 0 && (
            <section className="billing" data-cloudexit="still-billing">
              <h2>{t('popupStillBilling')}</h2>
              <ul>
                {stillBilling(provider, rules.guides, lang).map((title) => (
                  <li key={title}>{title}</li>
                ))}
              </ul>
            </section>
          )}
          <button type="button" className="link" onClick={() => setChoice({ providerId: '', guideId: '' })}>
            {t('popupAllGuides')}
          </button>
        </section>
      ) : (
        <GuidePicker groups={pickerGroups(rules, lang)} onPick={choose} t={t} />
      )}
      {outlineTab && (
        <PageOutlineView
          load={() => requestPageOutline(outlineTab.id)}
          copy={(json) => navigator.clipboard.writeText(json)}
          save={(json) => downloadText(outlineFileName(outlineTab.url), json)}
          t={t}
        />
      )}
      <footer>{t('popupPrivacy')}</footer>
    </main>
  );
}
