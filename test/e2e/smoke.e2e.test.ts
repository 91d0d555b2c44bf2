// Smoke test of the e2e harness: the BUILT extension (.output/chrome-mv3) in real headless Chromium, replica
// console pages served over local HTTPS at the real console hostnames. Run `npx wxt build` first.
// CLOUDEXIT_EXTENSION_DIR overrides the extension folder (e.g. to try another build).
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_ROUTES } from './routes.mjs';
import { type ChromiumWithExtension, launchChromiumWithExtension } from './support/chromium.mjs';
import { DEFAULT_FIXTURES_DIR, type ReplicaServer, startReplicaServer } from './support/replica-server.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EXTENSION_DIR = process.env.CLOUDEXIT_EXTENSION_DIR ?? path.join(REPO, '.output/chrome-mv3');
const FAILURE_DIR = path.join(REPO, 'test-results/e2e');

const ALIYUN_RENEW_KEY = 'billing-cost.console.aliyun.com/renew/manual';

let server: ReplicaServer | undefined;
let chromium: ChromiumWithExtension | undefined;

function replica(): ReplicaServer {
  if (!server) throw new Error('the replica server did not start (see the beforeAll error)');
  return server;
}

function browser(): ChromiumWithExtension {
  if (!chromium) throw new Error('Chromium did not start (see the beforeAll error)');
  return chromium;
}

/** A fresh tab, closed after the test, with a screenshot in test-results/e2e/ if the test fails. */
async function openTab(testName: string): Promise<Page> {
  const page = await browser().context.newPage();
  // One hook, so the screenshot is taken before the tab closes (separate onTestFailed/onTestFinished hooks race).
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') {
      mkdirSync(FAILURE_DIR, { recursive: true });
      const file = path.join(FAILURE_DIR, `${testName.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`screenshot of the failing page: ${file}`);
    }
    await page.close();
  });
  return page;
}

function fixturePath(key: string): string {
  const fixture = DEFAULT_ROUTES[key];
  if (!fixture) throw new Error(`DEFAULT_ROUTES has no ${key}`);
  return path.join(DEFAULT_FIXTURES_DIR, fixture);
}

function titleOf(html: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1];
  if (title === undefined) throw new Error('fixture has no <title>');
  return title.trim();
}

describe('e2e harness smoke', () => {
  beforeAll(async () => {
    server = await startReplicaServer({ routes: DEFAULT_ROUTES });
    chromium = await launchChromiumWithExtension({ extensionDir: EXTENSION_DIR, port: server.port });
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('runs the extension service worker with a chrome-extension:// id', async () => {
    const { extensionId, serviceWorker } = browser();
    expect(extensionId).toMatch(/^[a-p]{32}$/);
    expect(serviceWorker.url()).toMatch(new RegExp(`^chrome-extension://${extensionId}/`));
    // Evaluating inside the worker proves it is alive, not just registered.
    const runtimeId = await serviceWorker.evaluate(
      () => (globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id,
    );
    expect(runtimeId).toBe(extensionId);
  });

  it('serves the Aliyun renewal replica at its real hostname', async () => {
    const fixtureHtml = readFileSync(fixturePath(ALIYUN_RENEW_KEY), 'utf8');
    const page = await openTab('aliyun-renew-manual');
    replica().clearRequests();

    const response = await page.goto(`https://${ALIYUN_RENEW_KEY}?from=smoke#hash`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`https://${ALIYUN_RENEW_KEY}?from=smoke#hash`);
    // The bytes are the fixture's, and the replica server recorded the request under the real hostname.
    expect(await response?.text()).toBe(fixtureHtml);
    expect(await page.title()).toBe(titleOf(fixtureHtml));
    expect(replica().requests).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        host: 'billing-cost.console.aliyun.com',
        path: '/renew/manual?from=smoke',
        route: ALIYUN_RENEW_KEY,
        status: 200,
      }),
    );
  });

  it('gives the extension host access to the replica page (manifest patterns match the real hostname)', async () => {
    const page = await openTab('host-access');
    await page.goto(`https://${ALIYUN_RENEW_KEY}`);
    const titleSeenByExtension = await browser().serviceWorker.evaluate(async (pattern) => {
      type Chrome = {
        tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> };
        scripting: {
          executeScript(o: { target: { tabId: number }; func: () => string }): Promise<Array<{ result?: string }>>;
        };
      };
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      const [tab] = await chrome.tabs.query({ url: pattern });
      if (tab?.id === undefined) throw new Error(`no tab matches ${pattern}`);
      const [injection] = await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        func: () => document.title,
      });
      return injection?.result;
    }, 'https://billing-cost.console.aliyun.com/*');
    expect(titleSeenByExtension).toBe(await page.title());
  });

  it('answers an unknown console URL with the replica 404 page naming the key', async () => {
    const page = await openTab('unknown-url');
    const response = await page.goto('https://ecs.console.aliyun.com/no/such/page?q=1');
    expect(response?.status()).toBe(404);
    expect(await page.locator('[data-replica-key]').textContent()).toBe('ecs.console.aliyun.com/no/such/page');
    expect(replica().requests).toContainEqual(
      expect.objectContaining({ key: 'ecs.console.aliyun.com/no/such/page', route: null, status: 404 }),
    );
  });

  it('serves inline HTML added at runtime on a path-prefix route', async () => {
    replica().serveHtml('ecs.console.aliyun.com/*', '<!doctype html><title>inline replica</title><p>ok</p>');
    try {
      const page = await openTab('inline-prefix');
      const response = await page.goto('https://ecs.console.aliyun.com/instance/detail?id=i-1');
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('inline replica');
    } finally {
      replica().unroute('ecs.console.aliyun.com/*');
    }
  });

  it('logged no uncaught error from any extension script while the pages above loaded', () => {
    // A background that throws at top level still "starts", so the earlier tests alone would not catch it.
    expect(browser().extensionErrors()).toEqual([]);
  });
});
