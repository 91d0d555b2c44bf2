import { browser } from 'wxt/browser';
import { defineContentScript } from '#imports';
import { detectPage } from '../engine/decide';
import { CONSOLE_HOST_PATTERNS } from '../engine/hosts';
import { matchPagesByUrl } from '../engine/url';
import { waitFor } from '../engine/watch';
import { INJECT_OVERLAY, PAGE_STATE, type PageState, parseMessage } from '../lib/messages';
import { BUILTIN_PROVIDERS } from '../rules/providers';

/** How long a recognised URL may take to render the page its detectors look for (SPA consoles). */
const DETECT_TIMEOUT_MS = 10_000;

/**
 * Runs on every console page, so it stays tiny: URL check first, DOM detectors only when a known
 * page's URL matches, and the React overlay is injected (by the background) only then.
 */
export default defineContentScript({
  matches: [...CONSOLE_HOST_PATTERNS],
  runAt: 'document_idle',
  main(ctx) {
    let visit: AbortController | null = null;
    let overlayRequested = false;

    const check = async (href: string) => {
      visit?.abort();
      visit = new AbortController();
      if (overlayRequested || matchPagesByUrl(BUILTIN_PROVIDERS, href).length === 0) return;
      const found = await waitFor(() => detectPage(BUILTIN_PROVIDERS, href, document), document, {
        signal: visit.signal,
        timeoutMs: DETECT_TIMEOUT_MS,
      });
      if (!found || overlayRequested || !ctx.isValid) return;
      overlayRequested = true;
      await browser.runtime.sendMessage({ type: INJECT_OVERLAY });
    };

    browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
      if (parseMessage(message)?.type !== PAGE_STATE) return;
      const match = detectPage(BUILTIN_PROVIDERS, location.href, document);
      const state: PageState | null = match ? { providerId: match.provider.id, pageId: match.page.id } : null;
      sendResponse(state);
      return true;
    });
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void check(newUrl.href));
    ctx.onInvalidated(() => visit?.abort());
    void check(location.href);
  },
});
