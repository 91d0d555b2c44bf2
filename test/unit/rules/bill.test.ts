/**
 * The bill readers against the replica bill pages: which lines charge on each fixture (hand
 * counted from the fixture), that nothing unreadable is counted, and which guide each line gets.
 */
import { describe, expect, it } from 'vitest';
import { readBill, serviceFor } from '../../../engine/bill';
import { readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';
import { listFixtures, loadFixture } from '../support/fixtures';

const { providers: providerFiles, guides: guideFiles } = validateRuleFiles(readRuleFiles());
const providers = providerFiles.map((entry) => entry.provider);
const guideIds = new Set(guideFiles.map((entry) => entry.guide.id));
const billPages = providers.flatMap((provider) =>
  provider.pages.filter((page) => page.bill).map((page) => ({ provider, page })),
);

/** fixture → [service, guide id or null] of every line that still charges, in page order. */
const EXPECTED: Record<string, [string, string | null][]> = {
  'aws/billing-bills.en.html': [
    ['Elastic Compute Cloud', 'aws-stop-payg-charges'],
    ['Virtual Private Cloud', 'aws-stop-payg-charges'],
    ['CloudWatch', 'aws-cloudwatch-costs'],
    ['Simple Storage Service', null],
    ['Route 53', 'aws-support-and-commitments'],
    ['Key Management Service', 'aws-bill-check'],
  ],
  'aws/billing-bills.zh.cn.html': [
    ['Elastic Compute Cloud', 'aws-stop-payg-charges'],
    ['Virtual Private Cloud', 'aws-stop-payg-charges'],
    ['Simple Storage Service', null],
    ['Key Management Service', 'aws-bill-check'],
  ],
  'aliyun/bill-overview.zh.html': [
    ['云服务器 ECS', 'aliyun-payg-release'],
    ['块存储', 'aliyun-leftovers'],
    ['弹性公网IP', 'aliyun-leftovers'],
    ['日志服务', 'aliyun-leftovers'],
    ['NAT网关', 'aliyun-leftovers'],
  ],
  'aliyun/bill-overview.en.html': [
    ['Elastic Compute Service', 'aliyun-payg-release'],
    ['Elastic IP Address', 'aliyun-leftovers'],
    ['Simple Log Service', 'aliyun-leftovers'],
  ],
  'tencent/bill-overview.zh.html': [
    ['云服务器', 'tencent-payg-destroy'],
    ['云硬盘', 'tencent-leftovers'],
    ['弹性公网IP', 'tencent-leftovers'],
    ['对象存储', null],
  ],
  'tencent/bill-overview.en.html': [
    ['Cloud Virtual Machine', 'tencent-payg-destroy'],
    ['Elastic IP', 'tencent-leftovers'],
  ],
};

describe('bill readers on the replica bill pages', () => {
  const cases = billPages.flatMap(({ provider, page }) =>
    page.examples.fixtures.map((fixture) => ({ provider, page, fixture })),
  );
  it('every bill fixture has an expectation (and every expectation a page)', () => {
    expect(cases.map((c) => c.fixture).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  it.each(cases.map((c) => [`${c.page.id} on ${c.fixture}`, c] as const))(
    '%s: the lines that charge, and the guide for each',
    (_name, { provider, page, fixture }) => {
      const reading = readBill(page.bill!, loadFixture(fixture));
      expect(reading.columnsFound).toBe(true);
      expect(reading.skipped).toEqual([]);
      const lines = reading.charging.map((line) => [
        line.service,
        serviceFor(line.service, provider.billServices ?? [])?.guide ?? null,
      ]);
      expect(lines).toEqual(EXPECTED[fixture]);
      if (page.bill!.period) expect(reading.period, `${fixture}: the billing month`).toEqual({ year: 2026, month: 11 });
      // Zero, credits and refunds are read, never counted as charging.
      expect(reading.read.length).toBeGreaterThan(reading.charging.length);
      expect(reading.read.filter((line) => line.amount.ok && line.amount.minor <= 0).length).toBeGreaterThan(0);
    },
  );
  it('no bill reader finds its columns on a page that is not a bill', () => {
    const billFixtures = new Set(Object.keys(EXPECTED));
    for (const fixture of listFixtures().filter((f) => !billFixtures.has(f))) {
      const doc = loadFixture(fixture);
      for (const { page } of billPages) {
        const reading = readBill(page.bill!, doc);
        expect(reading.charging, `${page.id} on ${fixture}`).toEqual([]);
      }
    }
  }, 60_000);
  it('every service mapping points at a guide of its provider', () => {
    for (const provider of providers)
      for (const mapping of provider.billServices ?? []) expect(guideIds.has(mapping.guide), mapping.guide).toBe(true);
  });
});
