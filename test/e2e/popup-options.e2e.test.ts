/**
 * The popup and the options page of the built extension in real Chromium: progress that survives
 * a reopen and follows the on-page card, user rule packs (valid and invalid), and accessibility
 * (axe-core, in both languages).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { waitForCard } from './support/overlay';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const RENEWAL_URL = 'https://billing-cost.console.aliyun.com/renew/manual';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ 'billing-cost.console.aliyun.com/renew/manual': 'aliyun/renew-manual.zh.new.html' });
});
afterAll(async () => e2e?.close());
beforeEach(async () => e2e.setStorage({}));

const extensionUrl = (path: string) => `chrome-extension://${e2e.browser.extensionId}/${path}`;

async function openExtensionPage(path: string): Promise<Page> {
  const page = await e2e.context.newPage();
  await page.goto(extensionUrl(path));
  return page;
}

async function consoleTabId(url: string): Promise<number> {
  return e2e.browser.serviceWorker.evaluate(async (target) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } })
      .chrome;
    return (await api.tabs.query({ url: target }))[0]?.id ?? -1;
  }, url);
}

/** axe-core's serious and critical findings on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Extension pages forbid inline scripts (CSP script-src 'self'); DevTools evaluation is not a page script.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
  });
}

describe('popup', () => {
  it('describes the console tab, keeps ticks across a reopen, and follows the card live', async () => {
    const consolePage = await e2e.openPage(RENEWAL_URL);
    await waitForCard(consolePage, 'open-auto-renew-tab');
    const popupPath = `popup.html?tabId=${await consoleTabId(RENEWAL_URL)}`;
    let popup = await openExtensionPage(popupPath);
    const section = popup.locator('[data-cloudexit="popup-guide"]');
    await section.waitFor();
    expect(await section.getAttribute('data-guide-id')).toBe('aliyun-renewal-off');
    const item = popup.getByRole('checkbox', {
      name: 'Write down the instance IDs and expiry dates you are giving up',
    });
    await item.check();
    await popup.close();
    popup = await openExtensionPage(popupPath);
    await popup.locator('[data-cloudexit="checklist"]').waitFor();
    expect(
      await popup
        .getByRole('checkbox', { name: 'Write down the instance IDs and expiry dates you are giving up' })
        .isChecked(),
    ).toBe(true);

    // "I did this" on the card moves the popup's current step without a reload.
    expect(await popup.locator('[aria-current="step"]').getAttribute('data-step-id')).toBe('open-auto-renew-tab');
    await consolePage.locator('cloudexit-ui [data-cloudexit-action="step-done"]').click();
    await expect
      .poll(() => popup.locator('[aria-current="step"]').getAttribute('data-step-id'))
      .toBe('turn-off-auto-renew');

    // The hints switch in the popup hides the card on that page.
    await popup.getByRole('switch', { name: 'Hints on this page' }).uncheck();
    await expect.poll(async () => consolePage.locator('cloudexit-ui [data-cloudexit="card"]').count()).toBe(0);
    await popup.close();
    await consolePage.close();
  });
});

describe('options: user rule packs', () => {
  const pack = {
    schemaVersion: 1,
    name: 'Team pack',
    providers: [],
    guides: [
      {
        id: 'team-ecs-handover',
        provider: 'aliyun',
        title: { zh: '交接前的 ECS 清单', en: 'ECS handover checklist' },
        summary: { zh: '团队内部流程。', en: 'Our own process.' },
        billingModel: 'any',
        difficulty: 'easy',
        verified: '2026-11-20',
        sources: [
          {
            id: 'T1',
            title: 'Team wiki',
            url: 'https://wiki.example.com/ecs',
            confidence: 'medium',
            verified: '2026-11-20',
          },
        ],
        steps: [
          {
            id: 'ask',
            kind: 'check',
            title: { zh: '问负责人', en: 'Ask the owner' },
            body: { zh: '确认。', en: 'Confirm.' },
            pages: [],
            sources: ['T1'],
          },
        ],
        checklist: [],
        deadlines: [],
      },
    ],
  };

  it('imports a valid pack whose guide then appears in the popup, marked as a user pack', async () => {
    const options = await openExtensionPage('options.html');
    await options.locator('[data-cloudexit-action="pack-text"]').fill(JSON.stringify(pack));
    await options.locator('[data-cloudexit-action="import-pack"]').click();
    await options.locator('[data-cloudexit="pack-imported"]').waitFor();
    const popup = await openExtensionPage('popup.html');
    await popup.locator('[data-cloudexit="guide-picker"] [data-provider-id="aliyun"] summary').click();
    const entry = popup.locator('[data-guide-id="team-ecs-handover"]');
    expect(await entry.textContent()).toBe('ECS handover checklist');
    expect(await entry.locator('xpath=..').textContent()).toContain('user pack');
    await popup.close();
    await options.close();
  });

  it('rejects an invalid pack whole, lists the problems by path, and changes nothing', async () => {
    const before = await e2e.readStorage();
    const options = await openExtensionPage('options.html');
    const bad = {
      ...pack,
      guides: [{ ...pack.guides[0], title: { zh: '<img src=x onerror=alert(1)>' }, steps: 'none' }],
    };
    await options.locator('[data-cloudexit-action="pack-text"]').fill(JSON.stringify(bad));
    await options.locator('[data-cloudexit-action="import-pack"]').click();
    const problems = options.locator('[data-cloudexit="pack-problems"]');
    await problems.waitFor();
    const text = await problems.textContent();
    expect(text).toContain('guides[0].title.en');
    expect(text).toContain('guides[0].steps');
    expect(await problems.locator('img').count()).toBe(0);
    expect(await e2e.readStorage()).toEqual(before);
    await options.close();
  });
});

describe('accessibility (axe-core: no serious or critical violations)', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`popup and options in ${language}`, async () => {
      await e2e.setStorage({ settings: { language } });
      const consolePage = await e2e.openPage(RENEWAL_URL);
      await waitForCard(consolePage, 'open-auto-renew-tab');
      const popup = await openExtensionPage(`popup.html?tabId=${await consoleTabId(RENEWAL_URL)}`);
      await popup.locator('[data-cloudexit="checklist"]').waitFor();
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe(language === 'zh' ? 'zh-CN' : 'en');
      expect(await seriousViolations(popup)).toEqual([]);
      const options = await openExtensionPage('options.html');
      await options.locator('[data-cloudexit="privacy"]').waitFor();
      expect(await seriousViolations(options)).toEqual([]);
      await Promise.all([popup.close(), options.close(), consolePage.close()]);
    });
  }
});

describeNoExtensionNetwork(() => e2e);
