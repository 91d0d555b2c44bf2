import '../../components/overlay.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createShadowRootUi, defineContentScript } from '#imports';
import { idsOnPage } from '../../engine/followup';
import { CONSOLE_HOST_PATTERNS } from '../../engine/hosts';
import { pageLanguage, translator } from '../../lib/i18n';
import { MARK_CANCELLED, PAGE_RULES, PAGE_STATE, type PageState, parseMessage } from '../../lib/messages';
import { PageSession } from '../../lib/page-session';
import { regionRecorder } from '../../lib/region-sweep';
import type { PageRules } from '../../lib/rules';
import {
  cancellations,
  knownEvents,
  markStep,
  preferences,
  progress,
  setGuideForPage,
  setPageHidden,
  settings,
} from '../../lib/storage';
import { OverlayApp } from './OverlayApp';

const UI_TAG = 'cloudexit-ui';
const LOADED_FLAG = '__cloudexitOverlayLoaded';

/**
 * The React overlay. Injected by the background only after the tiny detector script has
 * recognised a guide page, so console pages without a guide never load React.
 */
export default defineContentScript({
  matches: [...CONSOLE_HOST_PATTERNS],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const scope = globalThis as Record<string, unknown>;
    if (scope[LOADED_FLAG]) return;
    scope[LOADED_FLAG] = true;
    // The card speaks the console's language (its <html lang>), else the browser's — unless the
    // user chose a language in the options, which wins everywhere.
    const { language } = (await settings.read()).value;
    const lang = language === 'auto' ? pageLanguage(document, browser.i18n.getUILanguage()) : language;
    // Only this console's rules, from the background (which validated the packs): no rule data of
    // other providers and no pack validation in the page.
    const answer = (await browser.runtime.sendMessage({ type: PAGE_RULES, href: location.href })) as
      | { ok: boolean; result?: PageRules }
      | undefined;
    if (!answer?.ok || !answer.result) return;
    const rules = answer.result;
    const followup = { known: (await knownEvents.read()).value, marked: (await cancellations.read()).value };
    const session = new PageSession({
      doc: document,
      providers: rules.providers,
      guides: rules.guides,
      loadProgress: async () => (await progress.read()).value,
      loadPreferences: async () => (await preferences.read()).value,
      markStep,
      setPageHidden,
      setGuideForPage,
      isOwnNode: (node) => node instanceof Element && node.closest(UI_TAG) !== null,
      onPageEvaluated: regionRecorder(),
    });
    const ui = await createShadowRootUi(ctx, {
      name: UI_TAG,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      mode: 'open',
      onMount(container, _shadow, host) {
        const root = createRoot(container);
        root.render(
          <OverlayApp
            host={host}
            session={session}
            env={{
              lang,
              t: translator(lang),
              extensionVersion: browser.runtime.getManifest().version,
              browserName: navigator.userAgent,
              copyText: (text) => navigator.clipboard.writeText(text),
              followup,
              userGuideIds: new Set(rules.userGuideIds),
              routeWords: new Set(rules.routeWords),
              markCancelled: async (input) => {
                const answer = (await browser.runtime.sendMessage({ type: MARK_CANCELLED, ...input })) as {
                  ok: boolean;
                  result?: { hasScreenshot: boolean };
                  error?: string;
                };
                if (!answer?.ok || !answer.result) throw new Error(answer?.error ?? 'no answer');
                followup.marked = (await cancellations.read()).value;
                return answer.result;
              },
            }}
          />,
        );
        return root;
      },
      onRemove(root) {
        root?.unmount();
      },
    });
    ui.mount();
    ctx.onInvalidated(() => {
      session.stop();
      scope[LOADED_FLAG] = false;
    });
    // After an extension update the old script lives on in the page: a tick that only asks
    // ctx.isValid (WXT checks it on every ctx timer) removes the stale UI within two seconds.
    ctx.setInterval(() => undefined, 2000);
    // The popup changes progress and preferences too (validated before they reach the session).
    ctx.onInvalidated(progress.watch((value) => session.update({ progress: value })));
    ctx.onInvalidated(preferences.watch((value) => session.update({ preferences: value })));
    // With every rule (packs included), the overlay now answers the popup for this page.
    browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      if (parseMessage(message)?.type !== PAGE_STATE) return;
      const decision = session.getSnapshot().decision;
      const match = decision?.match;
      sendResponse(
        match
          ? ({
              providerId: match.provider.id,
              pageId: match.page.id,
              ids: idsOnPage(document, match.page.idPattern),
              guideId: decision.active?.guide.id ?? decision.guides[0]?.id,
            } satisfies PageState)
          : null,
      );
      return true;
    });
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void session.start(newUrl.href));
    // The detector has been watching this visit already: its clock goes on, not a new one.
    const startedAt = scope.__cloudexitVisitStartedAt;
    await session.start(location.href, typeof startedAt === 'number' ? startedAt : undefined);
  },
});
