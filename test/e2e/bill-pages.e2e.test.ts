/**
 * Did billing stop? The bill pages of all three providers in real Chromium: a ring on every line
 * that still charges (and none on zero, refund or "—" lines), the card's list of those lines with
 * the guide that stops each, and a line still charged after a marked cancellation listed first.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { covers, readGuard, waitForCard } from './support/overlay';

const BILL_PAGES = [
  {
    url: 'https://console.aws.amazon.com/billing/home#/bills',
    route: 'console.aws.amazon.com/billing/home',
    fixture: 'aws/billing-bills.en.html',
    charging: [
      'Elastic Compute Cloud',
      'Virtual Private Cloud',
      'CloudWatch',
      'Simple Storage Service',
      'Route 53',
      'Key Management Service',
    ],
  },
  {
    url: 'https://console.amazonaws.cn/billing/home#/bills',
    route: 'console.amazonaws.cn/billing/home',
    fixture: 'aws/billing-bills.zh.cn.html',
    charging: ['Elastic Compute Cloud', 'Virtual Private Cloud', 'Simple Storage Service', 'Key Management Service'],
  },
  {
    url: 'https://billing-cost.console.aliyun.com/finance/month-bill/account',
    route: 'billing-cost.console.aliyun.com/finance/month-bill/account',
    fixture: 'aliyun/bill-overview.zh.html',
    charging: ['云服务器 ECS', '块存储', '弹性公网IP', '日志服务', 'NAT网关'],
  },
  {
    url: 'https://billing-cost.console.alibabacloud.com/finance/month-bill/account',
    route: 'billing-cost.console.alibabacloud.com/finance/month-bill/account',
    fixture: 'aliyun/bill-overview.en.html',
    charging: ['Elastic Compute Service', 'Elastic IP Address', 'Simple Log Service'],
  },
  {
    url: 'https://console.cloud.tencent.com/expense/bill/overview',
    route: 'console.cloud.tencent.com/expense/bill/overview',
    fixture: 'tencent/bill-overview.zh.html',
    charging: ['云服务器', '云硬盘', '弹性公网IP', '对象存储'],
  },
  {
    url: 'https://console.tencentcloud.com/expense/bill/overview',
    route: 'console.tencentcloud.com/expense/bill/overview',
    fixture: 'tencent/bill-overview.en.html',
    charging: ['Cloud Virtual Machine', 'Elastic IP'],
  },
];

/** The card's list and the row rings, read through the public DOM contract only. */
async function readBillOverlay(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('cloudexit-ui')?.shadowRoot;
    const box = (el: Element) => el.getBoundingClientRect().toJSON() as DOMRect;
    return {
      lines: Array.from(root?.querySelectorAll('[data-cloudexit="bill-line"]') ?? [], (line) => ({
        text: line.textContent ?? '',
        guideId: line.getAttribute('data-guide-id'),
        cancelled: line.getAttribute('data-cancelled') === 'true',
      })),
      rowRings: Array.from(root?.querySelectorAll('[data-cloudexit="ring"][data-ring-kind="row"]') ?? [], box),
    };
  });
}

/** The first rendered table row whose first cell (the service) reads exactly `service`. */
async function rowBox(page: Page, service: string) {
  return page.evaluate((name) => {
    const rows = Array.from(document.querySelectorAll('tr')).filter((row) => {
      const first = row.querySelector('td');
      const text = (first?.textContent ?? '').replace(/[\p{So}]/gu, '').trim();
      return text === name && row.children.length > 1 && row.getBoundingClientRect().height > 0;
    });
    return rows[0]?.getBoundingClientRect().toJSON() as DOMRect | undefined;
  }, service);
}

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  for (const bill of BILL_PAGES) e2e.server.route(bill.route, bill.fixture);
});
afterAll(async () => e2e?.close());
beforeEach(async () => e2e.setStorage({}));

describe('bill pages: a ring per charging line and the card’s list', () => {
  it.each(BILL_PAGES.map((bill) => [bill.fixture, bill] as const))('%s', async (_name, bill) => {
    const page = await e2e.openPage(bill.url);
    try {
      await waitForCard(page, 'charging-lines');
      await expect
        .poll(async () => (await readBillOverlay(page)).rowRings.length, { timeout: 5000 })
        .toBe(bill.charging.length);
      const { lines, rowRings } = await readBillOverlay(page);
      expect(lines.map((line) => bill.charging.find((service) => line.text.startsWith(service)))).toEqual(
        bill.charging,
      );
      // Every charging line is ringed where it is on the page (rings and rows in page order).
      for (const [index, service] of bill.charging.entries()) {
        const row = await rowBox(page, service);
        expect(row, service).toBeDefined();
        expect(covers(rowRings[index]!, row!), `${service}: ring ${JSON.stringify(rowRings[index])}`).toBe(true);
      }
      expect(lines.every((line) => !line.cancelled)).toBe(true);
      expect((await readGuard(page)).untrustedEvents).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a line still charged after "mark as cancelled" comes first, with the date', async () => {
    await e2e.setStorage({
      cancellations: [
        {
          id: 'c1',
          providerId: 'aws',
          guideId: 'aws-cloudwatch-costs',
          at: Date.UTC(2026, 10, 26, 12, 0),
          url: 'https://us-east-1.console.aws.amazon.com/cloudwatch/home',
          ids: [],
          hasScreenshot: false,
        },
      ],
    });
    const page = await e2e.openPage(BILL_PAGES[0]!.url);
    try {
      await waitForCard(page, 'charging-lines');
      await expect.poll(async () => (await readBillOverlay(page)).lines.length, { timeout: 5000 }).toBe(6);
      const { lines } = await readBillOverlay(page);
      expect(lines[0]).toMatchObject({ guideId: 'aws-cloudwatch-costs', cancelled: true });
      expect(lines[0]!.text).toContain('marked cancelled on 26 Nov — still charged on this bill');
      expect(lines.filter((line) => line.cancelled)).toHaveLength(1);
      expect(lines[1]!.guideId).toBe('aws-stop-payg-charges');
    } finally {
      await page.close();
    }
  });
});

describeNoExtensionNetwork(() => e2e);
