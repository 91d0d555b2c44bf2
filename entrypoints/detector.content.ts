// Detection data only (no titles, links or examples): this script runs on every console page.
import BUILTIN_PROVIDERS from 'virtual:cloudexit/page-index';
import { browser } from 'wxt/browser';
import { defineContentScript } from '#imports';
import { detectPage } from '../engine/decide';
import { idsOnPage } from '../engine/followup';
import { CONSOLE_HOST_PATTERNS } from '../engine/hosts';
import { withLocatorCache } from '../engine/locate';
import { matchPagesByUrl } from '../engine/url';
import { RECOGNITION_CAP_MS } from '../engine/visit';
import { waitFor } from '../engine/watch';
import {
  INJECT_OVERLAY,
  PAGE_STATE,
  type PageState,
  parseMessage,
  USER_PAGE_MATCH,
  userPageMatched,
} from '../lib/messages';

/** Set by the overlay once injected; from then on it answers for this page with every rule. */
const OVERLAY_FLAG = '__cloudexitOverlayLoaded';
/** When this page visit began, for the overlay (both scripts share the extension's isolated world). */
const VISIT_STARTED_KEY = '__cloudexitVisitStartedAt';

/** Only a non-empty pack list is worth asking the background about (no wake-ups otherwise). */
async function hasUserPacks(): Promise<boolean> {
  const { userPacks } = await browser.storage.local.get('userPacks');
  return Array.isArray(userPacks) && userPacks.length > 0;
}

/**
 * Runs on every console page, so it stays tiny: URL check first, DOM detectors only when a known
 * page's URL matches, and the React overlay is injected (by the background) only then. Pages of
 * imported rule packs are matched by the background, which validates the packs.
 */
export default defineContentScript({
  matches: [...CONSOLE_HOST_PATTERNS],
  runAt: 'document_idle',
  main(ctx) {
    let visit: AbortController | null = null;
    let overlayRequested = false;

    const requestOverlay = async () => {
      if (overlayRequested || !ctx.isValid) return;
      overlayRequested = true;
      await browser.runtime.sendMessage({ type: INJECT_OVERLAY });
    };

    const check = async (href: string) => {
      visit?.abort();
      visit = new AbortController();
      (globalThis as Record<string, unknown>)[VISIT_STARTED_KEY] = Date.now();
      if (overlayRequested) return;
      if (matchPagesByUrl(BUILTIN_PROVIDERS, href).length === 0) {
        if (!(await hasUserPacks())) return;
        const answer: unknown = await browser.runtime.sendMessage({ type: USER_PAGE_MATCH, href });
        if (userPageMatched(answer)) await requestOverlay();
        return;
      }
      const { signal } = visit;
      await waitFor(() => withLocatorCache(() => detectPage(BUILTIN_PROVIDERS, href, document)), document, {
        signal,
        timeoutMs: RECOGNITION_CAP_MS,
      });
      // Recognised, or a URL CloudExit has a guide for whose page never showed the evidence it
      // knows (another language, a redesign): either way the overlay shows something — the card,
      // or a small "CloudExit has a guide for this page" pill. Never silence, never a wrong card.
      if (!signal.aborted) await requestOverlay();
    };

    browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      if (parseMessage(message)?.type !== PAGE_STATE || (globalThis as Record<string, unknown>)[OVERLAY_FLAG]) return;
      const match = detectPage(BUILTIN_PROVIDERS, location.href, document);
      const state: PageState | null = match
        ? {
            providerId: match.provider.id,
            pageId: match.page.id,
            ids: idsOnPage(document, match.page.idPattern),
          }
        : null;
      sendResponse(state);
      return true;
    });
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void check(newUrl.href));
    ctx.onInvalidated(() => visit?.abort());
    void check(location.href);
  },
});
