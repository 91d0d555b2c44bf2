import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countdowns,
  formatInZone,
  isLate,
  LATE_AFTER_MS,
  OVERDUE_FIRE_DELAY_MS,
  planReminderAlarms,
  readIds,
  reminderTimes,
} from '../../../engine/followup';
import type { Guide } from '../../../rules/schema';

const text = { zh: 't', en: 't' };
const guide: Guide = {
  id: 'g',
  provider: 'aliyun',
  title: text,
  summary: text,
  billingModel: 'subscription',
  difficulty: 'easy',
  verified: '2026-11-26',
  sources: [{ id: 'A18', title: 't', url: 'https://help.aliyun.com/', confidence: 'high', verified: '2026-11-26' }],
  steps: [{ id: 's', kind: 'check', title: text, body: text, pages: [], sources: ['A18'] }],
  checklist: [],
  deadlines: [
    {
      id: 'refund-window',
      title: text,
      from: 'purchase',
      offset: { days: 5 },
      timeZone: 'Asia/Shanghai',
      sources: ['A18'],
    },
    {
      id: 'release',
      title: text,
      from: 'expiry',
      offset: { days: 16 },
      alignTo: 'startOfDay',
      timeZone: 'Asia/Shanghai',
      sources: ['A18'],
    },
    { id: 'closure', title: text, from: 'closure', offset: { days: 90 }, timeZone: 'UTC', sources: ['A18'] },
  ],
};

describe('reminderTimes', () => {
  it('re-checks at +3, +7 and +30 days, sorted and de-duplicated, ignoring nonsense', () => {
    const at = Date.UTC(2026, 10, 26, 9);
    expect(
      reminderTimes(at, [30, 3, 7, 7, 0, -2, 1.5, 9999]).map((r) => [r.days, new Date(r.at).toISOString()]),
    ).toEqual([
      [3, '2026-11-29T09:00:00.000Z'],
      [7, '2026-12-03T09:00:00.000Z'],
      [30, '2026-12-26T09:00:00.000Z'],
    ]);
  });
});

describe('planReminderAlarms', () => {
  const NOW = Date.UTC(2027, 0, 10);
  const reminder = fc.record({
    id: fc.uuid(),
    cancellationId: fc.constantFrom('a', 'b', 'c'),
    // Few distinct times, so ties (two reminders due at once) are common.
    dueAt: fc.integer({ min: -6, max: 6 }).map((days) => NOW + days * 86_400_000),
    state: fc.constantFrom('scheduled', 'shown', 'dismissed', 'missed'),
  });
  const lists = fc.uniqueArray(reminder, { selector: (r) => r.id, maxLength: 30 });

  it('keeps the time of every reminder still ahead', () => {
    fc.assert(
      fc.property(lists, (list) => {
        const { alarms } = planReminderAlarms(list, NOW);
        for (const r of list.filter((r) => r.state === 'scheduled' && r.dueAt > NOW))
          expect(alarms).toContainEqual({ id: r.id, when: r.dueAt });
      }),
    );
  });

  it('fires at most one overdue reminder per cancellation (its latest), soon, each at its own time', () => {
    fc.assert(
      fc.property(lists, (list) => {
        const { alarms, missed } = planReminderAlarms(list, NOW);
        const overdue = list.filter((r) => r.state === 'scheduled' && r.dueAt <= NOW);
        const firing = alarms.filter((alarm) => overdue.some((r) => r.id === alarm.id));
        const groups = new Set(overdue.map((r) => r.cancellationId));
        expect(firing).toHaveLength(groups.size);
        expect(new Set(firing.map((alarm) => alarm.when)).size).toBe(firing.length);
        for (const alarm of firing) expect(alarm.when).toBeGreaterThanOrEqual(NOW + OVERDUE_FIRE_DELAY_MS);
        for (const group of groups) {
          const mine = overdue.filter((r) => r.cancellationId === group);
          const latest = Math.max(...mine.map((r) => r.dueAt));
          const fired = mine.find((r) => firing.some((alarm) => alarm.id === r.id));
          expect(fired?.dueAt).toBe(latest);
        }
        // Every overdue reminder either fires or is recorded as missed; nothing else is touched.
        expect(new Set([...missed, ...firing.map((alarm) => alarm.id)])).toEqual(new Set(overdue.map((r) => r.id)));
      }),
    );
  });

  it('does not depend on the order of the stored list', () => {
    fc.assert(
      fc.property(lists, fc.integer(), (list, seed) => {
        const shuffled = [...list].sort(
          (a, b) => ((a.id.charCodeAt(0) ^ seed) & 7) - ((b.id.charCodeAt(0) ^ seed) & 7),
        );
        const sortById = (plan: ReturnType<typeof planReminderAlarms>) => ({
          alarms: [...plan.alarms].sort((a, b) => a.id.localeCompare(b.id)),
          missed: [...plan.missed].sort(),
        });
        expect(sortById(planReminderAlarms(shuffled, NOW))).toEqual(sortById(planReminderAlarms(list, NOW)));
      }),
    );
  });

  it('calls a reminder late only when it is shown well after its time', () => {
    expect(isLate(NOW, NOW + LATE_AFTER_MS)).toBe(false);
    expect(isLate(NOW, NOW + LATE_AFTER_MS + 1)).toBe(true);
  });
});

describe('countdowns', () => {
  it('shows only deadlines whose starting event is known, soonest first', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const list = countdowns(
      guide,
      { purchase: Date.parse('2026-11-26T10:00:00+08:00'), expiry: Date.parse('2026-12-01T00:00:00+08:00') },
      now,
    );
    expect(list.map((c) => [c.deadline.id, formatInZone(c.at, c.deadline.timeZone), c.remaining.days])).toEqual([
      ['refund-window', '2026-12-01 10:00 UTC+8', 3],
      ['release', '2026-12-17 00:00 UTC+8', 18],
    ]);
  });
  it('marks passed deadlines as expired', () => {
    const list = countdowns(guide, { closure: Date.parse('2026-01-01T00:00:00Z') }, new Date('2026-11-26T00:00:00Z'));
    expect(list[0]?.remaining.expired).toBe(true);
  });
});

describe('formatInZone', () => {
  it('writes the provider clock with its offset, DST included', () => {
    expect(formatInZone(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01 08:00 UTC-4');
    expect(formatInZone(new Date('2026-01-01T12:00:00Z'), 'America/New_York')).toBe('2026-01-01 07:00 UTC-5');
    expect(formatInZone(new Date('2026-01-01T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01 17:30 UTC+5:30');
    expect(formatInZone(new Date('2026-01-01T12:00:00Z'), 'UTC')).toBe('2026-01-01 12:00 UTC+0');
  });
});

describe('readIds', () => {
  it('collects ids the page shows, unique and capped', () => {
    const page = '实例 i-bp1a2b3c4d5e6f7g8h9i 和 i-bp1a2b3c4d5e6f7g8h9i, 订单 212345678901234';
    expect(readIds(page, '\\bi-[a-z0-9]{10,}\\b')).toEqual(['i-bp1a2b3c4d5e6f7g8h9i']);
    expect(readIds(page, '\\b2\\d{14}\\b')).toEqual(['212345678901234']);
    expect(readIds('a-1 a-2 a-3', 'a-\\d', 2)).toEqual(['a-1', 'a-2']);
    expect(readIds(page, undefined)).toEqual([]);
    expect(readIds(page, '([')).toEqual([]);
  });
});
