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
    const { days = 0, hours = 0, workingDays = 0 } = deadline.offset;
    const span = (at.getTime() - FROM.getTime()) / 3_600_000;
    // Direction follows the offset; size stays within what the offset allows (plus a day's alignment).
    const nominal = days * 24 + hours + workingDays * 24;
    if (nominal > 0) expect(span).toBeGreaterThan(0);
    if (nominal < 0) expect(span).toBeLessThan(0);
    expect(Math.abs(span - nominal)).toBeLessThanOrEqual(24 + workingDays * 24 + (workingDays ? 48 : 0));
    if (deadline.alignTo === 'startOfDay') expect(formatInZone(at, deadline.timeZone)).toMatch(/ 00:00 UTC/);
    if (deadline.alignTo === 'endOfDay') expect(formatInZone(at, deadline.timeZone)).toMatch(/ 23:59 UTC/);
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
