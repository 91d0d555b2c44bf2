/**
 * The first vertical slice in real Chromium with the built extension: the Aliyun renewal guide on
 * the new, legacy and international renewal pages, zh and en, served at the real console hostnames.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuleFiles, validateRuleFiles } from '../../scripts/rule-files';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { covers, pauseGuard, readGuard, readOverlay, waitForCard } from './support/overlay';

/** The card counts every step of the guide, checklist-only ones included. */
const STEPS = validateRuleFiles(readRuleFiles()).guides.find(({ guide }) => guide.id === 'aliyun-renewal-off')!.guide
  .steps.length;

const RENEWAL_PAGES = [
  {
    url: 'https://billing-cost.console.aliyun.com/renew/manual',
    fixture: 'aliyun/renew-manual.zh.new.html',
    tab: '自动续订',
  },
  {
    url: 'https://usercenter2.aliyun.com/renew/manual',
    fixture: 'aliyun/renew-manual.zh.legacy.html',
    tab: '自动续费',
  },
  {
    url: 'https://usercenter2-intl.console.alibabacloud.com/renew/manual',
    fixture: 'aliyun/renew-manual.en.intl.html',
    tab: 'Auto-Renewal',
  },
  {
    url: 'https://billing-cost.console.alibabacloud.com/renew/manual',
    fixture: 'aliyun/renew-manual.en.new.html',
    tab: 'Auto-Renewal',
  },
  {
    url: 'https://usercenter2.aliyun.com/renew/auto',
    fixture: 'aliyun/renew-manual.zh.variant-b.html',
    tab: '自动续订',
  },
  // Held-out variants written without seeing the rules: no ARIA roles, legacy links with counts,
  // an ARIA grid in English, and tabs inside an open shadow root.
  {
    url: 'https://billing-cost.console.aliyun.com/renew/auto',
    fixture: 'aliyun/renew-manual.zh.heldout-norole.html',
    tab: '自动续订',
  },
  {
    url: 'https://usercenter2.aliyun.com/renew',
    fixture: 'aliyun/renew-manual.zh.heldout-legacy-links.html',
    tab: '自动续费（2）',
  },
  {
    url: 'https://usercenter2-intl.aliyun.com/renew/manual',
    fixture: 'aliyun/renew-manual.en.heldout-aria.html',
    tab: 'Auto-Renewal',
  },
  {
    url: 'https://billing-cost.console.alibabacloud.com/renew/auto',
    fixture: 'aliyun/renew-manual.zh.heldout-shadow.html',
    tab: '自动续订',
  },
];

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E(
    Object.fromEntries(RENEWAL_PAGES.map((p) => [new URL(p.url).host + new URL(p.url).pathname, p.fixture])),
  );
  e2e.server.route('home.console.aliyun.com/*', 'aliyun/console-home.zh.html');
  e2e.server.route('console.cloud.tencent.com/account/renewal', 'tencent/renewal.zh.html');
});

afterAll(async () => e2e?.close());

const openPage = (url: string): Promise<Page> => e2e.openPage(url);

/** The bounding box of the tab whose visible label is `label`, found the way a person would. */
async function tabBox(page: Page, label: string) {
  // Tabs with an ARIA role are found by it; role-less Fusion tabs by their visible text.
  const byRole = page.getByRole('tab', { name: label, exact: true });
  const tab = (await byRole.count()) === 1 ? byRole : page.getByText(label, { exact: true }).locator('visible=true');
  const box = await tab.boundingBox();
  if (!box) throw new Error(`tab ${label} has no box`);
  return box;
}

describe('Aliyun renewal page: turn auto-renew off first', () => {
  it.each(RENEWAL_PAGES)('$fixture at $url: card + ring on the auto-renew tab', async ({ url, tab }) => {
    const page = await openPage(url);
    try {
      const state = await waitForCard(page, 'open-auto-renew-tab');
      expect(state.hostCount).toBe(1);
      expect(state.shadowMode).toBe('open');
      expect(state.card).toMatchObject({
        guideId: 'aliyun-renewal-off',
        stepId: 'open-auto-renew-tab',
        anchorState: 'found',
        role: 'dialog',
      });
      expect(state.card?.accessibleName.length).toBeGreaterThan(3);
      expect(state.card?.text).toMatch(new RegExp(`Step 1 of ${STEPS}|第 1 步，共 ${STEPS} 步`));
      expect(state.rings).toHaveLength(1);
      expect(covers(state.rings[0]!, await tabBox(page, tab))).toBe(true);
      // The card sits beside the anchor, not on top of it, so the real tab stays clickable.
      const anchor = await tabBox(page, tab);
      expect(covers(state.card!.box, anchor, 0)).toBe(false);

      const guard = await readGuard(page);
      expect(guard.untrustedEvents).toEqual([]);
      expect(guard.foreignMutations).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('follows the user: a real click on the tab advances the card to the next step', async () => {
    const page = await openPage(RENEWAL_PAGES[0]!.url);
    try {
      await waitForCard(page, 'open-auto-renew-tab');
      await pauseGuard(page); // the console's own tab switching mutates its DOM from here on
      await page.getByRole('tab', { name: '自动续订' }).click();
      const next = await waitForCard(page, 'turn-off-auto-renew');
      expect(next.card?.text).toContain(`第 2 步，共 ${STEPS} 步`);
      const table = await page.locator('table:visible').first().boundingBox();
      expect(table && covers(next.rings[0]!, table)).toBe(true);
      expect((await readGuard(page)).untrustedEvents).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows the card in the console’s language', async () => {
    const zh = await openPage(RENEWAL_PAGES[1]!.url);
    const en = await openPage(RENEWAL_PAGES[2]!.url);
    try {
      // Progress is shared: the previous test completed step 1 on the zh page, so wait for any card.
      await expect.poll(async () => (await readOverlay(zh)).card?.text ?? '').toMatch(/第 \d 步/);
      await expect
        .poll(async () => (await readOverlay(en)).card?.text ?? '')
        .toMatch(new RegExp(`Step \\d of ${STEPS}`));
    } finally {
      await zh.close();
      await en.close();
    }
  });

  it('stays silent on console pages that are not the renewal page, even with look-alike words', async () => {
    // The Tencent renewal replica (similar words: 手动续费项) served at a Tencent page without a guide.
    e2e.server.route('console.cloud.tencent.com/expense/overview', 'tencent/renewal.zh.html');
    for (const url of [
      'https://home.console.aliyun.com/home/dashboard',
      'https://console.cloud.tencent.com/expense/overview',
    ]) {
      const page = await openPage(url);
      try {
        await page.waitForTimeout(1500);
        expect((await readOverlay(page)).hostCount, url).toBe(0);
      } finally {
        await page.close();
      }
    }
  });

  it('the popup names the detected provider, page and guide', async () => {
    const consolePage = await openPage(RENEWAL_PAGES[0]!.url);
    try {
      await waitForCard(consolePage, 'turn-off-auto-renew').catch(() => undefined);
      const tabId = await e2e.browser.serviceWorker.evaluate(async (url) => {
        // Runs inside the extension's service worker, where the `chrome` global exists.
        const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } })
          .chrome;
        const [tab] = await api.tabs.query({ url });
        return tab?.id;
      }, RENEWAL_PAGES[0]!.url);
      const popup = await e2e.context.newPage();
      await popup.goto(`chrome-extension://${e2e.browser.extensionId}/popup.html?tabId=${tabId}`);
      const detected = popup.locator('[data-cloudexit="popup-guide"]');
      await detected.waitFor();
      expect(await detected.getAttribute('data-provider-id')).toBe('aliyun');
      expect(await detected.getAttribute('data-page-id')).toBe('aliyun-renewal');
      expect(await detected.getAttribute('data-guide-id')).toBe('aliyun-renewal-off');
      expect(await popup.locator('[data-cloudexit="popup-detected"]').textContent()).toContain('Renewals');
      await popup.close();
    } finally {
      await consolePage.close();
    }
  });
});

describeNoExtensionNetwork(() => e2e);
