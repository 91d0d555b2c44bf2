import { describe, expect, it } from 'vitest';
import { readBill } from '../../../engine/bill';
import { billListing } from '../../../lib/bill-model';
import { translator } from '../../../lib/i18n';
import type { Cancellation } from '../../../lib/storage';
import { BUILTIN_GUIDES, BUILTIN_PROVIDERS } from '../../../rules';
import { loadFixture } from '../support/fixtures';

const aws = BUILTIN_PROVIDERS.find((provider) => provider.id === 'aws')!;
const bills = aws.pages.find((page) => page.id === 'aws-billing-bills')!;
const reading = readBill(bills.bill!, loadFixture('aws/billing-bills.en.html'));
const NOV_26 = Date.UTC(2026, 10, 26, 12, 0);
const cancellation = (guideId: string, at = NOV_26): Cancellation => ({
  id: `c-${guideId}-${at}`,
  providerId: 'aws',
  guideId,
  at,
  url: 'https://console.aws.amazon.com/ec2/home',
  ids: [],
  hasScreenshot: false,
});
const listing = (marked: Cancellation[], lang: 'en' | 'zh' = 'en') =>
  billListing({ reading, provider: aws, guides: BUILTIN_GUIDES, marked, lang, t: translator(lang), timeZone: 'UTC' });

describe('billListing', () => {
  it('lists every charging line in page order with the guide that stops it', () => {
    const { lines, note } = listing([]);
    expect(lines.map((line) => [line.service, line.amount, line.guideId])).toEqual([
      ['Elastic Compute Cloud', 'USD 24.19', 'aws-stop-payg-charges'],
      ['Virtual Private Cloud', 'USD 10.80', 'aws-stop-payg-charges'],
      ['CloudWatch', 'USD 3.42', 'aws-cloudwatch-costs'],
      ['Simple Storage Service', 'USD 1.96', undefined],
      ['Route 53', 'USD 1.50', 'aws-support-and-commitments'],
      ['Key Management Service', 'USD 1.00', 'aws-bill-check'],
    ]);
    expect(lines[0]!.guideTitle).toMatch(/terminate instances/i);
    expect(note).toBeUndefined();
  });

  it('puts the lines still charged after a marked cancellation first, with the date', () => {
    const { lines } = listing([cancellation('aws-cloudwatch-costs')]);
    expect(lines[0]).toMatchObject({
      service: 'CloudWatch',
      cancelledNote: 'marked cancelled on 26 Nov — still charged on this bill',
    });
    expect(lines.filter((line) => line.cancelledNote)).toHaveLength(1);
    expect(lines.slice(1).map((line) => line.service)).toEqual([
      'Elastic Compute Cloud',
      'Virtual Private Cloud',
      'Simple Storage Service',
      'Route 53',
      'Key Management Service',
    ]);
  });

  it('closing the account covers every line; the latest cancellation gives the date', () => {
    const { lines } = listing([
      cancellation('aws-close-account', NOV_26 - 86_400_000),
      cancellation('aws-close-account'),
    ]);
    expect(lines.every((line) => line.cancelledNote?.includes('26 Nov'))).toBe(true);
    expect(listing([cancellation('aws-close-account')], 'zh').lines[0]!.cancelledNote).toBe(
      '已于 11月26日 标记为已退订——本账单仍有费用',
    );
  });

  it('reads the bill’s month: a bill that ended before the cancellation gets no note', () => {
    expect(reading.period).toEqual({ year: 2026, month: 11 });
    const december = Date.UTC(2026, 11, 3, 12, 0);
    expect(listing([cancellation('aws-cloudwatch-costs', december)]).lines.some((line) => line.cancelledNote)).toBe(
      false,
    );
    // Without a readable period the note stays (the user did mark it).
    const noPeriod = { ...reading, period: undefined };
    const t = translator('en');
    expect(
      billListing({
        reading: noPeriod,
        provider: aws,
        guides: BUILTIN_GUIDES,
        marked: [cancellation('aws-cloudwatch-costs', december)],
        lang: 'en',
        t,
      }).lines[0]!.cancelledNote,
    ).toBeDefined();
  });

  it('ignores cancellations of another provider', () => {
    const other = { ...cancellation('aws-cloudwatch-costs'), providerId: 'aliyun' };
    expect(listing([other]).lines.some((line) => line.cancelledNote)).toBe(false);
  });

  it('says so when nothing charges, when lines were skipped, and when the columns are missing', () => {
    const t = translator('en');
    const base = { provider: aws, guides: BUILTIN_GUIDES, marked: [], lang: 'en' as const, t };
    expect(billListing({ ...base, reading: { charging: [], read: [], skipped: [], columnsFound: true } }).note).toBe(
      t('cardBillNothing'),
    );
    expect(
      billListing({
        ...base,
        reading: {
          charging: [],
          read: [],
          skipped: [{ service: 'x', text: '1.2,3', reason: 'malformed' }],
          columnsFound: true,
        },
      }).note,
    ).toBe(`${t('cardBillNothing')} ${t('cardBillSkipped', 1)}`);
    expect(billListing({ ...base, reading: { charging: [], read: [], skipped: [], columnsFound: false } }).note).toBe(
      t('cardBillNoColumns'),
    );
  });
});
