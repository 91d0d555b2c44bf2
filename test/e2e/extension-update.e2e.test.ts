/**
 * An extension update (or reload) under an open console page: the old content script stays in the
 * page, but its UI must remove itself. Its own file, because reloading ends the service worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/e2e';
import { readGuard, readOverlay, waitForCard } from './support/overlay';

const URL = 'https://billing-cost.console.aliyun.com/renew/manual';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ 'billing-cost.console.aliyun.com/renew/manual': 'aliyun/renew-manual.zh.new.html' });
});
afterAll(async () => e2e?.close());

describe('extension update mid-page', () => {
  it('removes the card and rings within seconds, and leaves the page alone', async () => {
    const page = await e2e.openPage(URL);
    await waitForCard(page, 'open-auto-renew-tab');
    const requestsBefore = e2e.extensionNetworkRequests();
    await e2e.browser.serviceWorker
      .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload())
      .catch(() => undefined); // the worker goes away while answering
    await expect.poll(async () => (await readOverlay(page)).hostCount, { timeout: 8000 }).toBe(0);
    const guard = await readGuard(page);
    expect(guard.untrustedEvents).toEqual([]);
    expect(guard.foreignMutations).toEqual([]);
    expect(e2e.extensionNetworkRequests()).toEqual(requestsBefore);
    expect(requestsBefore).toEqual([]);
    await page.close();
  });
});
