/**
 * Follow-through in real Chromium: "Mark as cancelled" on a replica confirmation page records the
 * ids the page shows, schedules the bill re-checks at +3/+7/+30 days as alarms, lists the proof
 * in the popup, and exports an HTML receipt that opens and shows it.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { waitForCard } from './support/overlay';

const ROOT = join(import.meta.dirname, '..', '..');
const REFUND_URL = 'https://billing-cost.console.aliyun.com/refund/';
const ROUTES = { 'billing-cost.console.aliyun.com/refund/': 'aliyun/refund.zh.new.html' };
const DAY = 86_400_000;

/** "Mark as cancelled" shows with the last step on the page: every step before it is done. */
async function markFromCard(e2e: E2E): Promise<Page> {
  const { last, before } = lastStepOnRefundPage();
  await e2e.setStorage({
    progress: { 'aliyun-subscription-refund': { done: before } },
    preferences: { preferredGuides: { aliyun: 'aliyun-subscription-refund' }, hiddenPages: [] },
  });
  const page = await e2e.openPage(REFUND_URL);
  const state = await waitForCard(page, last);
  expect(state.card?.guideId).toBe('aliyun-subscription-refund');
  await page.locator('cloudexit-ui [data-cloudexit-action="mark-cancelled"]').click();
  await page.locator('cloudexit-ui [data-cloudexit="marked-cancelled"]').waitFor();
  return page;
}

function lastStepOnRefundPage(): { last: string; before: string[] } {
  const guide = JSON.parse(readFileSync(join(ROOT, 'rules/aliyun/guides/aliyun-subscription-refund.json'), 'utf8'));
  const steps: { id: string; pages: string[] }[] = guide.steps;
  const index = steps.findLastIndex((step) => step.pages.includes('aliyun-refund'));
  return { last: steps[index]!.id, before: steps.slice(0, index).map((step) => step.id) };
}

async function alarms(e2e: E2E): Promise<{ name: string; scheduledTime: number }[]> {
  return e2e.browser.serviceWorker.evaluate(async () =>
    (
      globalThis as unknown as { chrome: { alarms: { getAll(): Promise<{ name: string; scheduledTime: number }[]> } } }
    ).chrome.alarms.getAll(),
  );
}

/** Clicks "Save receipt" in the popup and opens the downloaded HTML file in a normal tab. */
async function openReceipt(e2e: E2E, popup: Page): Promise<Page> {
  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popup.locator('[data-cloudexit-action="export-receipt"]').first().click(),
  ]);
  const path = await download.path();
  const receipt = await e2e.context.newPage();
  await receipt.setContent(readFileSync(path, 'utf8'));
  return receipt;
}

describe('follow-through (shipped build: no screenshot without the toolbar grant)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E(ROUTES);
  });
  afterAll(async () => e2e?.close());

  it('records the cancellation with the page’s ids and schedules the three re-checks', async () => {
    const before = Date.now();
    const page = await markFromCard(e2e);
    const stored = await e2e.readStorage();
    const [record] = stored.cancellations as { at: number; ids: string[]; url: string; hasScreenshot: boolean }[];
    expect(record?.url).toBe(REFUND_URL);
    expect(record?.ids.length).toBeGreaterThan(0);
    expect(record?.ids.every((id) => /^i-[a-z0-9]{10,}$/.test(id))).toBe(true);
    expect(record?.hasScreenshot).toBe(false);
    expect(await page.locator('cloudexit-ui [data-cloudexit="marked-cancelled"]').textContent()).toMatch(
      /toolbar|工具栏/,
    );

    const scheduled = (await alarms(e2e))
      .map((alarm) => Math.round((alarm.scheduledTime - record!.at) / DAY))
      .sort((a, b) => a - b);
    expect(scheduled).toEqual([3, 7, 30]);
    expect(record!.at).toBeGreaterThanOrEqual(before);

    const popup = await e2e.context.newPage();
    await popup.goto(
      `chrome-extension://${e2e.browser.extensionId}/popup.html?provider=aliyun&guide=aliyun-subscription-refund`,
    );
    await popup.locator('[data-cloudexit="proofs"] li').first().waitFor();
    expect(await popup.locator('[data-cloudexit="reminders"] li').count()).toBe(3);
    const receipt = await openReceipt(e2e, popup);
    expect(await receipt.locator('[data-field="receiptIds"]').textContent()).toBe(record!.ids.join(', '));
    expect(await receipt.locator('[data-field="receiptPage"]').textContent()).toBe(REFUND_URL);
    expect(await receipt.locator('img').count()).toBe(0);
    await Promise.all([receipt.close(), popup.close(), page.close()]);
  });

  describeNoExtensionNetwork(() => e2e);
});

describe('follow-through with a screenshot', () => {
  // The shipped build captures the tab when the user opens CloudExit from the toolbar (activeTab),
  // which a headless browser cannot click. This build differs only by holding <all_urls> instead,
  // so the real captureVisibleTab → IndexedDB → receipt path runs here.
  let e2e: E2E;
  beforeAll(async () => {
    execSync('npx wxt build', {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', CLOUDEXIT_CAPTURE_TEST_BUILD: '1' },
      stdio: 'ignore',
    });
    e2e = await startE2E(ROUTES, join(ROOT, '.output', 'capture-test', 'chrome-mv3'));
  });
  afterAll(async () => e2e?.close());

  it('keeps a non-empty PNG of the page and inlines it in the receipt', async () => {
    const page = await markFromCard(e2e);
    const [record] = (await e2e.readStorage()).cancellations as { hasScreenshot: boolean }[];
    expect(record?.hasScreenshot).toBe(true);
    const popup = await e2e.context.newPage();
    await popup.goto(
      `chrome-extension://${e2e.browser.extensionId}/popup.html?provider=aliyun&guide=aliyun-subscription-refund`,
    );
    await popup.locator('[data-cloudexit="proofs"] li').first().waitFor();
    const receipt = await openReceipt(e2e, popup);
    const image = receipt.locator('img');
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(100);
    const src = (await image.getAttribute('src')) ?? '';
    expect(src.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(src.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
    await Promise.all([receipt.close(), popup.close(), page.close()]);
  });
});
