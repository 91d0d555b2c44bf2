import { browser } from 'wxt/browser';
import { defineBackground } from '#imports';
import { INJECT_OVERLAY, parseMessage } from '../lib/messages';

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
});
