/**
 * How a page visit ends up on the screen, in real Chromium with the built extension: a known
 * address whose page never shows the evidence CloudExit knows gets the "guide exists" pill (never
 * silence, never a wrong card), and a page several guides share lets the user switch guides on the
 * card, remembered for that page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { pauseGuard, readGuard, readOverlay } from './support/overlay';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());
beforeEach(async () => e2e.setStorage({}));

const shadowAttr = (selector: string, attribute: string) => (page: import('playwright-core').Page) =>
  page.evaluate(
    ([css, name]) =>
      document.querySelector('cloudexit-ui')?.shadowRoot?.querySelector(css!)?.getAttribute(name!) ?? null,
    [selector, attribute],
  );

describe('a known address whose page does not look as CloudExit knows it', () => {
  it('shows the "CloudExit has a guide for this page" pill with the reason, and no card', async () => {
    // The AWS EC2 Instances address, with the console switched to 日本語: no label CloudExit knows.
    const japanese = readFileSync(join(FIXTURES, 'aws/ec2-instances.en.new.html'), 'utf8')
      .replace(/<html[^>]*>/, '<html lang="ja">')
      .replace(/Instances/g, 'インスタンス')
      .replace(/Instance state/g, 'インスタンスの状態');
    e2e.server.serveHtml('us-east-1.console.aws.amazon.com/ec2/home', japanese);
    const page = await e2e.openPage('https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:');
    try {
      await expect
        .poll(() => shadowAttr('[data-cloudexit="guide-pill"]', 'data-reason')(page), { timeout: 25_000 })
        .toBe('unknown-language');
      expect((await readOverlay(page)).card).toBeNull();
      expect((await readGuard(page)).foreignMutations).toEqual([]);
      await pauseGuard(page); // the page's own menus react to any click from here on
      await page.locator('cloudexit-ui [data-cloudexit="guide-pill"] button').click();
      const detail = await page.locator('cloudexit-ui [data-cloudexit="guide-pill-detail"]').textContent();
      expect(detail).toContain('ja');
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('a page several guides share', () => {
  it('names the guide on the card, offers the others, and remembers the choice for the page', async () => {
    e2e.server.route('console.cloud.tencent.com/cvm/instance/index', 'tencent/cvm-instances.zh.html');
    const url = 'https://console.cloud.tencent.com/cvm/instance/index?rid=1';
    let page = await e2e.openPage(url);
    let other = '';
    try {
      await expect
        .poll(async () => (await readOverlay(page)).card?.guideId ?? null, { timeout: 15_000 })
        .not.toBeNull();
      const first = (await readOverlay(page)).card!.guideId!;
      expect(['tencent-payg-destroy', 'tencent-prepaid-destroy-refund']).toContain(first);
      other = first === 'tencent-payg-destroy' ? 'tencent-prepaid-destroy-refund' : 'tencent-payg-destroy';
      await page.locator('cloudexit-ui [data-cloudexit-action="other-guides"]').click();
      await page.locator(`cloudexit-ui [data-cloudexit-action="choose-guide"][data-guide-id="${other}"]`).click();
      await expect.poll(async () => (await readOverlay(page)).card?.guideId).toBe(other);
      const stored = (await e2e.readStorage()).preferences as { guideForPage?: Record<string, string> };
      expect(stored.guideForPage?.['tencent-cvm-instances']).toBe(other);
    } finally {
      await page.close();
    }
    page = await e2e.openPage(url);
    try {
      await expect.poll(async () => (await readOverlay(page)).card?.guideId ?? null, { timeout: 15_000 }).toBe(other);
    } finally {
      await page.close();
    }
  });
});

describeNoExtensionNetwork(() => e2e);
