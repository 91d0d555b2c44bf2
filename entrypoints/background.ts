import { browser } from 'wxt/browser';
import { defineBackground } from '#imports';
import { INJECT_OVERLAY, parseMessage, USER_PAGE_MATCH } from '../lib/messages';
import { loadRules, userPagesMatching } from '../lib/rules';
import { syncSiteScripts } from '../lib/sites';

/** The overlay bundle, registered for runtime injection only (see entrypoints/overlay.content). */
const OVERLAY_SCRIPT = '/content-scripts/overlay.js';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const parsed = parseMessage(message);
    // Only our own content scripts, in a tab, may ask for the overlay.
    if (!parsed || sender.id !== browser.runtime.id || sender.tab?.id === undefined) {
      sendResponse({ ok: false, error: 'unexpected message' });
      return false;
    }
    if (parsed.type === USER_PAGE_MATCH) {
      void loadRules().then((rules) => sendResponse({ match: userPagesMatching(rules, parsed.href).length > 0 }));
      return true;
    }
    if (parsed.type !== INJECT_OVERLAY) return false;
    browser.scripting
      .executeScript({
        target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] },
        files: [OVERLAY_SCRIPT],
      })
      .then(
        () => sendResponse({ ok: true }),
        (error: unknown) => sendResponse({ ok: false, error: String(error) }),
      );
    return true;
  });

  // Self-hosted sites the user granted (or revoked) get (or lose) the detector script.
  const sync = () => void syncSiteScripts().catch((error: unknown) => console.error('CloudExit: site scripts', error));
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  browser.runtime.onInstalled.addListener(sync);
});
