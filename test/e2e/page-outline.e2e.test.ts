/**
 * The page outline (issue 19) with the built extension in real Chromium: on a console page CloudExit
 * does not recognise, the popup shows the outline in full, Copy puts exactly that JSON on the
 * clipboard, and the console page's DOM is not changed by any of it (no mutation outside
 * <cloudexit-ui>, no synthetic event, the same markup before and after). Nothing is stored.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutlineNode, parseOutlineText } from '../../rules/outline-schema';
import { renderReplica } from '../../scripts/outline-replica';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { readGuard, waitForCard } from './support/overlay';

/** The console home: a console host, and no page rule matches it (a listed negative fixture). */
const HOME_URL = 'https://home.console.aliyun.com/home/dashboard/ProductAndService';
const RENEWAL_URL = 'https://billing-cost.console.aliyun.com/renew/manual';
/** The micro-frontend replica whose tab bar exists only in an open shadow root, at a route no rule knows. */
const SHADOW_URL = 'https://billing-cost.console.aliyun.com/renew/shadow-outline';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({
    'home.console.aliyun.com/home/dashboard/ProductAndService': 'aliyun/console-home.zh.html',
    'billing-cost.console.aliyun.com/renew/manual': 'aliyun/renew-manual.zh.new.html',
    'billing-cost.console.aliyun.com/renew/shadow-outline': 'aliyun/renew-manual.zh.heldout-shadow.html',
  });
});
afterAll(async () => e2e?.close());

async function tabIdOf(url: string): Promise<number> {
  return e2e.browser.serviceWorker.evaluate(async (target) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } })
      .chrome;
    return (await api.tabs.query({ url: target }))[0]?.id ?? -1;
  }, url);
}

describe('page outline in the popup', () => {
  it('shows and copies the outline of an unrecognised console page, and changes nothing on it', async () => {
    await e2e.setStorage({});
    const consolePage = await e2e.openPage(HOME_URL);
    const markupBefore = await consolePage.evaluate(() => document.documentElement.outerHTML);
    const storageBefore = await e2e.readStorage();

    const popupUrl = `chrome-extension://${e2e.browser.extensionId}/popup.html?tab=${await tabIdOf(HOME_URL)}`;
    const popup = await e2e.context.newPage();
    await popup.goto(popupUrl);
    await popup.locator('[data-cloudexit="popup-no-detection"], [data-cloudexit="guide-picker"]').first().waitFor();
    const open = popup.locator('[data-cloudexit-action="page-outline"]');
    expect(await open.textContent()).toBe("CloudExit doesn't help on this page?");
    await open.click();
    const shown = popup.locator('[data-cloudexit="page-outline"]');
    await shown.waitFor();
    const json = (await shown.textContent()) ?? '';

    const parsed = parseOutlineText(json);
    expect(parsed.ok ? 'ok' : parsed.error).toBe('ok');
    if (!parsed.ok) return;
    // "ProductAndService" is no route word of any built-in rule, so it is masked like a name would be.
    expect(parsed.outline.url).toBe('https://home.console.aliyun.com/home/dashboard/:name');
    expect(parsed.outline.lang).toBe('zh-CN');
    expect(json).toContain('"最近访问"'); // the console's own tab labels survive …
    expect(json).toContain('"全部产品"');
    expect(json).not.toMatch(/i-bp[0-9a-z]{8,}/); // … the instance ids on the page do not

    await popup.locator('[data-cloudexit-action="copy-outline"]').click();
    await expect.poll(() => popup.locator('[data-cloudexit="outline-copied"]').textContent()).not.toBe('');
    // The open outline is usable by keyboard and screen reader like the rest of the popup.
    await popup.evaluate(AXE_SOURCE);
    const serious = await popup.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } })
        .axe;
      return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    });
    expect(serious.map((v) => v.id)).toEqual([]);

    // The clipboard is the browser's, not the popup's: read it back from a page allowed to read it
    // (reading changes nothing in that page's DOM).
    await e2e.context.grantPermissions(['clipboard-read'], { origin: new URL(HOME_URL).origin });
    await consolePage.bringToFront();
    expect(await consolePage.evaluate(() => navigator.clipboard.readText())).toBe(json);

    // The console page: same markup, no mutation by anyone but the page, no synthetic events.
    expect(await consolePage.evaluate(() => document.documentElement.outerHTML)).toBe(markupBefore);
    const guard = await readGuard(consolePage);
    expect(guard.untrustedEvents).toEqual([]);
    expect(guard.foreignMutations).toEqual([]);
    // Nothing kept: storage is as it was.
    expect(await e2e.readStorage()).toEqual(storageBefore);
    await popup.close();
    await consolePage.close();
  });

  it('is offered on a recognised console page too, next to the guide', async () => {
    const consolePage = await e2e.openPage(RENEWAL_URL);
    await waitForCard(consolePage, 'open-auto-renew-tab');
    const popup = await e2e.context.newPage();
    await popup.goto(`chrome-extension://${e2e.browser.extensionId}/popup.html?tab=${await tabIdOf(RENEWAL_URL)}`);
    await popup.locator('[data-cloudexit="popup-guide"]').waitFor();
    await popup.locator('[data-cloudexit-action="page-outline"]').click();
    const json = (await popup.locator('[data-cloudexit="page-outline"]').textContent()) ?? '';
    expect(json).toContain('"自动续订"');
    // CloudExit's own card is not part of the console's shape.
    expect(json).not.toContain('data-cloudexit');
    await popup.close();
    await consolePage.close();
  });

  it('reads the tab bar a micro-frontend renders inside an open shadow root', async () => {
    const consolePage = await e2e.openPage(SHADOW_URL);
    await consolePage.locator('renew-tabs [role="tab"]').first().waitFor(); // rendered by the page's own script
    const popup = await e2e.context.newPage();
    await popup.goto(`chrome-extension://${e2e.browser.extensionId}/popup.html?tab=${await tabIdOf(SHADOW_URL)}`);
    await popup.locator('[data-cloudexit-action="page-outline"]').click();
    const parsed = parseOutlineText((await popup.locator('[data-cloudexit="page-outline"]').textContent()) ?? '');
    expect(parsed.ok ? 'ok' : parsed.error).toBe('ok');
    if (!parsed.ok) return;
    type Item = string | OutlineNode;
    const inShadow: OutlineNode[] = [];
    const walk = (items: readonly Item[] | undefined, shadow: boolean) => {
      for (const item of items ?? []) {
        if (typeof item === 'string') continue;
        if (shadow) inShadow.push(item);
        walk(item.children, shadow);
        walk(item.shadow, true);
      }
    };
    walk(parsed.outline.body, false);
    expect(inShadow.filter((node) => node.role === 'tab').map((node) => node.name)).toEqual([
      '手动续订',
      '自动续订',
      '到期不续订',
    ]);
    await popup.close();
    await consolePage.close();

    // Round trip in the real browser: the replica written from this outline (declarative shadow root, no
    // script), served at the renewal page's address, gets the same card on the same tab as the original.
    e2e.server.serveHtml('billing-cost.console.aliyun.com/renew/auto', renderReplica(parsed.outline));
    const replica = await e2e.openPage('https://billing-cost.console.aliyun.com/renew/auto');
    const state = await waitForCard(replica, 'open-auto-renew-tab');
    expect(state.card).toMatchObject({ guideId: 'aliyun-renewal-off', anchorState: 'found' });
    expect(state.rings).toHaveLength(1);
    await replica.close();
  });
});

describeNoExtensionNetwork(() => e2e);
