/**
 * Hostile input from issue 16, in real Chromium with the built extension: rule packs whose URL
 * patterns are exponential in a backtracking engine (the page is measured by a heartbeat, the
 * worker by a round trip), a page defined only in a user pack, and a page that removes our host.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setPath, validPack } from '../unit/support/packs';
import { type E2E, startE2E } from './support/e2e';
import { readOverlay, waitForCard } from './support/overlay';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const RENEWAL = readFileSync(join(FIXTURES, 'aliyun/renew-manual.zh.new.html'), 'utf8');
const RENEWAL_HOST = 'billing-cost.console.aliyun.com';
const PACK_HOST = 'rdsnext.console.aliyun.com';

/** Records the longest gap between 50 ms ticks: a frozen main thread shows as a long gap. */
const HEARTBEAT = `<script>
  window.__longestGap = 0;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    window.__longestGap = Math.max(window.__longestGap, now - last);
    last = now;
  }, 50);
</script>`;
const withHeartbeat = (html: string) => html.replace('<head>', `<head>${HEARTBEAT}`);
const RDS_PAGE = withHeartbeat(
  '<!doctype html><html lang="zh-CN"><head><title>RDS 实例列表</title></head><body><main><h1>RDS</h1><button type="button">释放</button></main></body></html>',
);

/** A user pack whose one page has `path` on `host` (the shape of tests/unit/support/packs). */
function packWith(host: string, path: string, title = 'RDS') {
  const pack = setPath(
    setPath(validPack(), ['providers', 0, 'pages', 0, 'urls', 0], { hosts: [host], path }),
    ['providers', 0, 'pages', 0, 'detect'],
    { type: 'title', includes: [title] },
  );
  return { userPacks: [{ id: 'hostile', importedAt: 1, pack }] };
}

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());
beforeEach(async () => e2e.setStorage({}));

/** Milliseconds the service worker takes to answer; a stalled worker never does (capped at 10 s). */
async function workerRoundTrip(): Promise<number> {
  const started = Date.now();
  await Promise.race([
    e2e.browser.serviceWorker.evaluate(() => 1),
    new Promise((resolve) => setTimeout(resolve, 10_000)),
  ]);
  return Date.now() - started;
}

const longestGap = (page: Page) => page.evaluate(() => (window as unknown as { __longestGap: number }).__longestGap);

describe('URL patterns from packs cannot freeze anything', () => {
  it('^(.|.|.|.|.)*!$ in a pack: the console page with a card keeps its heartbeat', async () => {
    await e2e.setStorage(packWith(RENEWAL_HOST, '^(.|.|.|.|.)*!$'));
    e2e.server.serveHtml(`${RENEWAL_HOST}/renew/manual`, withHeartbeat(RENEWAL));
    const page = await e2e.openPage(`https://${RENEWAL_HOST}/renew/manual`);
    try {
      await waitForCard(page, 'open-auto-renew-tab');
      // An SPA route change makes the overlay match every pattern again, on a longer path.
      await page.evaluate(() => history.pushState(null, '', '/renew/manual?from=aaaaaaaaaaaaaaaaaaaaaa'));
      await page.waitForTimeout(1500);
      expect(await longestGap(page)).toBeLessThan(1000);
      expect(await workerRoundTrip()).toBeLessThan(2000);
    } finally {
      await page.close();
    }
  });

  it('^/(a+)+$ in a pack and a visit to /aaa…a!: the worker still answers at once', async () => {
    await e2e.setStorage(packWith(PACK_HOST, '^/(a+)+$'));
    const path = `/${'a'.repeat(34)}!`;
    e2e.server.serveHtml(`${PACK_HOST}${path}`, RDS_PAGE);
    const page = await e2e.openPage(`https://${PACK_HOST}${path}`);
    try {
      await page.waitForTimeout(1500); // the detector has asked the background by now
      expect(await workerRoundTrip()).toBeLessThan(2000);
      expect(await longestGap(page)).toBeLessThan(1000);
      expect((await readOverlay(page)).hostCount).toBe(0); // the pattern does not match: no card
    } finally {
      await page.close();
    }
  });
});

describe('pages defined only in a user pack', () => {
  it('get a card, marked as coming from the user pack', async () => {
    await e2e.setStorage(packWith(PACK_HOST, '^/rdsList'));
    e2e.server.serveHtml(`${PACK_HOST}/rdsList/cn-hangzhou`, RDS_PAGE);
    const page = await e2e.openPage(`https://${PACK_HOST}/rdsList/cn-hangzhou`);
    try {
      const state = await waitForCard(page, 'release');
      expect(state.card?.guideId).toBe('team-rds-release');
      const origin = await page.evaluate(
        () =>
          document
            .querySelector('cloudexit-ui')
            ?.shadowRoot?.querySelector('[data-cloudexit="card"]')
            ?.getAttribute('data-cloudexit-origin') ?? null,
      );
      expect(origin).toBe('user-pack');
      expect(state.card?.text).toContain('来自你导入的规则包'); // the card follows the console's language (zh-CN)
    } finally {
      await page.close();
    }
  });
});

describe('a page that fights the overlay host', () => {
  it('removing <cloudexit-ui> in its connectedCallback causes no uncaught error', async () => {
    const errors: string[] = [];
    const hostile = RENEWAL.replace(
      '<head>',
      `<head><script>customElements.define('cloudexit-ui', class extends HTMLElement { connectedCallback() { this.remove(); } });</script>`,
    );
    e2e.server.serveHtml(`${RENEWAL_HOST}/renew/manual`, hostile);
    const page = await e2e.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    try {
      await page.goto(`https://${RENEWAL_HOST}/renew/manual`);
      await page.waitForTimeout(3000);
      expect(errors.filter((text) => /popover|InvalidStateError/i.test(text))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
