/** Every deadline rule in the guides computes a sensible instant on its provider's clock. */
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../../engine/deadlines';
import { formatInZone } from '../../../engine/followup';
import { readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';

const deadlines = validateRuleFiles(readRuleFiles()).guides.flatMap(({ guide }) =>
  guide.deadlines.map((deadline) => ({ name: `${guide.id}/${deadline.id}`, deadline })),
);
const FROM = new Date('2026-11-26T03:30:00Z'); // a Thursday: 11:30 in Shanghai

describe('deadline rules', () => {
  it('exist', () => expect(deadlines.length).toBeGreaterThan(5));
  it.each(deadlines)('$name', ({ deadline }) => {
    const at = computeDeadline(deadline, FROM);
    expect(Number.isNaN(at.getTime())).toBe(false);
    const { months = 0, days = 0, hours = 0, workingDays = 0 } = deadline.offset;
    const span = (at.getTime() - FROM.getTime()) / 3_600_000;
    // Direction follows the offset; size stays within what the offset allows (plus a day's alignment,
    // three days per month for month lengths, and a month for "start of the month").
    const nominal = months * 30.5 * 24 + days * 24 + hours + workingDays * 24;
    const slack = 24 + workingDays * 24 + (workingDays ? 48 : 0) + Math.abs(months) * 72;
    const monthAlign = deadline.alignTo === 'startOfMonth' ? 31 * 24 : 0;
    if (nominal > 0) expect(span).toBeGreaterThan(0);
    if (nominal < 0) expect(span).toBeLessThan(0);
    expect(Math.abs(span - nominal)).toBeLessThanOrEqual(slack + monthAlign);
    if (deadline.alignTo === 'startOfDay') expect(formatInZone(at, deadline.timeZone)).toMatch(/ 00:00 UTC/);
    if (deadline.alignTo === 'endOfDay') expect(formatInZone(at, deadline.timeZone)).toMatch(/ 23:59 UTC/);
    if (deadline.alignTo === 'startOfMonth')
      expect(formatInZone(new Date(at.getTime() - (hours ?? 0) * 3_600_000), deadline.timeZone)).toMatch(
        /^\d{4}-\d{2}-01 00:00 UTC/,
      );
  });

  it('the provider deadlines of issue 13 are there, with the numbers their sources give', () => {
    const byName = new Map(deadlines.map(({ name, deadline }) => [name, deadline]));
    const at = (name: string) => formatInZone(computeDeadline(byName.get(name)!, FROM), byName.get(name)!.timeZone);
    expect(at('aws-bill-check/bill-after-cancel')).toBe('2026-12-01 00:00 UTC+0');
    expect(at('aws-bill-check/kms-key-deleted')).toBe('2026-12-26 03:30 UTC+0');
    expect(at('aws-close-account/post-closure-period')).toBe('2027-02-24 03:30 UTC+0');
    expect(at('aws-close-account/free-plan-closure')).toBe('2027-05-26 03:30 UTC+0');
    expect(at('aliyun-bill-check/complete-bill')).toBe('2026-12-03 12:00 UTC+8');
    expect(at('aliyun-bill-check/arrears-release')).toBe('2026-12-11 11:30 UTC+8');
    expect(at('tencent-bill-check/arrears-release')).toBe('2026-12-11 13:30 UTC+8');
    expect(at('tencent-payg-destroy/recycle-bin-release')).toBe('2026-11-26 13:30 UTC+8');
    expect(at('tencent-prepaid-destroy-refund/recycle-bin-release')).toBe('2026-12-03 11:30 UTC+8');
  });
});

/**
 * Rules whose number the issue fixed, with the instant each must give. A rule that drops out of
 * its guide, or counts from another event, fails here by name.
 */
describe('deadline rules with known answers', () => {
  const byName = new Map(deadlines.map(({ name, deadline }) => [name, deadline]));
  const known: [name: string, from: string, event: string, expected: string][] = [
    // A44: a pay-as-you-go ECS instance in arrears is released 15 days after it was stopped.
    ['aliyun-payg-release/arrears-release', 'arrears-stop', '2026-11-26T03:30:00Z', '2026-12-11T03:30:00.000Z'],
    ['aliyun-leftovers/arrears-release', 'arrears-stop', '2026-11-26T03:30:00Z', '2026-12-11T03:30:00.000Z'],
    // B32 (low): the earliest documented auto-renewal date is 7 days before expiry, 00:00 in Shanghai.
    ['tencent-prepaid-renewal-off/auto-renew-charge', 'expiry', '2026-12-20T03:30:00Z', '2026-12-12T16:00:00.000Z'],
    // C30: reopening within the 90 days needs the outstanding balance paid within 60 days of closure.
    ['aws-close-account/reopen-balance-due', 'closure', '2026-11-26T03:30:00Z', '2027-01-25T03:30:00.000Z'],
  ];
  it.each(known)('%s', (name, from, event, expected) => {
    const deadline = byName.get(name);
    expect(deadline, name).toBeDefined();
    expect(deadline!.from).toBe(from);
    expect(computeDeadline(deadline!, new Date(event)).toISOString()).toBe(expected);
  });
});
