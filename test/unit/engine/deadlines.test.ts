import { describe, expect, it } from 'vitest';
import { computeDeadline, fromZoned, timeRemaining, toZoned } from '../../../engine/deadlines';

const shanghai = 'Asia/Shanghai';

describe('computeDeadline', () => {
  it('Aliyun: an instance expiring on 2026-12-01 is released from 00:00 UTC+8 on day 16 (A14)', () => {
    const expiry = new Date('2026-12-01T00:00:00+08:00');
    const at = computeDeadline({ offset: { days: 16 }, alignTo: 'startOfDay', timeZone: shanghai }, expiry);
    expect(at.toISOString()).toBe('2026-12-16T16:00:00.000Z'); // 2026-12-17 00:00 in Shanghai
  });

  it('counts calendar days on the provider clock, whatever the zone the event was seen in', () => {
    // 23:30 on Nov 30 in Shanghai is still Nov 30 there, though it is Nov 30 15:30 UTC.
    const purchase = new Date('2026-11-30T23:30:00+08:00');
    const at = computeDeadline({ offset: { days: 5 }, timeZone: shanghai }, purchase);
    expect(at.toISOString()).toBe(new Date('2026-12-05T23:30:00+08:00').toISOString());
  });

  it('adds hours as absolute time (Tencent pay-as-you-go recycle bin: 2 h)', () => {
    const destroyed = new Date('2026-03-08T01:30:00Z');
    expect(computeDeadline({ offset: { hours: 2 }, timeZone: 'America/New_York' }, destroyed).toISOString()).toBe(
      '2026-03-08T03:30:00.000Z',
    );
  });

  it('skips weekends for working days (refund arrival, 2–3 working days)', () => {
    const friday = new Date('2026-11-27T10:00:00+08:00');
    const at = computeDeadline({ offset: { workingDays: 3 }, alignTo: 'endOfDay', timeZone: shanghai }, friday);
    expect(toZoned(at, shanghai)).toMatchObject({ year: 2026, month: 12, day: 2, hour: 23, minute: 59 });
  });

  it('keeps the wall-clock time across a DST change in zones that have one', () => {
    // 2026-03-08 is the US spring-forward day: 10:00 local before and after is 23 hours apart.
    const before = new Date('2026-03-07T10:00:00-05:00');
    const at = computeDeadline({ offset: { days: 1 }, timeZone: 'America/New_York' }, before);
    expect(at.toISOString()).toBe('2026-03-08T14:00:00.000Z'); // 10:00 EDT (UTC-4)
    expect(at.getTime() - before.getTime()).toBe(23 * 3_600_000);
  });

  it('starts the day at local midnight in a zone west of UTC', () => {
    const at = computeDeadline(
      { offset: { days: 0 }, alignTo: 'startOfDay', timeZone: 'America/Los_Angeles' },
      new Date('2026-07-01T03:00:00Z'),
    );
    expect(at.toISOString()).toBe('2026-06-30T07:00:00.000Z');
  });
});

describe('fromZoned', () => {
  it('is the inverse of toZoned for ordinary times', () => {
    const instant = new Date('2026-11-26T09:15:00Z');
    for (const zone of [shanghai, 'UTC', 'Europe/Berlin', 'America/Sao_Paulo']) {
      expect(fromZoned(toZoned(instant, zone), zone).getTime()).toBe(instant.getTime());
    }
  });
  it('rejects unknown zones with a RangeError', () => {
    expect(() => toZoned(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('timeRemaining', () => {
  it('reports whole days and hours left, and expiry', () => {
    const now = new Date('2026-11-26T00:00:00Z');
    expect(timeRemaining(new Date('2026-11-28T05:59:00Z'), now)).toMatchObject({ expired: false, days: 2, hours: 5 });
    expect(timeRemaining(new Date('2026-11-25T00:00:00Z'), now)).toMatchObject({ expired: true, days: 0, hours: 0 });
  });
});

describe('months and the start of the month', () => {
  it('adds calendar months on the provider clock, clamping to the month’s last day', () => {
    const jan31 = new Date('2027-01-31T04:00:00Z'); // 12:00 in Shanghai
    expect(computeDeadline({ offset: { months: 1 }, timeZone: 'Asia/Shanghai' }, jan31).toISOString()).toBe(
      '2027-02-28T04:00:00.000Z',
    );
    expect(computeDeadline({ offset: { months: 6 }, timeZone: 'UTC' }, jan31).toISOString()).toBe(
      '2027-07-31T04:00:00.000Z',
    );
  });
  it('"the start of next month" is 00:00 on the 1st on the provider clock, hours after it absolute', () => {
    // 2026-11-30 20:00 UTC is already 1 December in Shanghai: next month there is January.
    const late = new Date('2026-11-30T20:00:00Z');
    expect(
      computeDeadline(
        { offset: { months: 1 }, alignTo: 'startOfMonth', timeZone: 'Asia/Shanghai' },
        late,
      ).toISOString(),
    ).toBe('2026-12-31T16:00:00.000Z');
    expect(
      computeDeadline(
        { offset: { months: 1, hours: 60 }, alignTo: 'startOfMonth', timeZone: 'Asia/Shanghai' },
        late,
      ).toISOString(),
    ).toBe('2027-01-03T04:00:00.000Z');
  });
});
