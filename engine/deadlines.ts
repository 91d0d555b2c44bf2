import type { Deadline } from '../rules/schema';

interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock time in `timeZone` at `instant`. Throws RangeError for an unknown zone. */
export function toZoned(instant: Date, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: instant.getUTCMilliseconds(),
  };
}

function asUtcMs(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond);
}

/**
 * The instant at which `timeZone`'s clocks show `local`. Two correction passes settle DST edges;
 * a wall time skipped by a spring-forward gap resolves to the instant just after the gap.
 */
export function fromZoned(local: LocalDateTime, timeZone: string): Date {
  const wanted = asUtcMs(local);
  let guess = wanted;
  for (let pass = 0; pass < 2; pass++) {
    const offset = asUtcMs(toZoned(new Date(guess), timeZone)) - guess;
    guess = wanted - offset;
  }
  return new Date(guess);
}

function addCalendarDays(local: LocalDateTime, days: number): LocalDateTime {
  const shifted = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function addCalendarMonths(local: LocalDateTime, months: number): LocalDateTime {
  const index = local.year * 12 + (local.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { ...local, year, month, day: Math.min(local.day, lastDay) };
}

function isWeekend(local: LocalDateTime): boolean {
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * When a deadline falls, given the instant of the event it counts from. Calendar months, days and
 * working days (Monday–Friday; public holidays are not known to us) count on the provider's
 * clock; hours are absolute.
 */
export function computeDeadline(deadline: Pick<Deadline, 'offset' | 'timeZone' | 'alignTo'>, from: Date): Date {
  const { timeZone, offset } = deadline;
  let local = toZoned(from, timeZone);
  if (offset.months) local = addCalendarMonths(local, offset.months);
  if (offset.days) local = addCalendarDays(local, offset.days);
  for (let left = offset.workingDays ?? 0; left > 0; ) {
    local = addCalendarDays(local, 1);
    if (!isWeekend(local)) left--;
  }
  if (deadline.alignTo === 'startOfDay') local = { ...local, hour: 0, minute: 0, second: 0, millisecond: 0 };
  if (deadline.alignTo === 'endOfDay') local = { ...local, hour: 23, minute: 59, second: 59, millisecond: 999 };
  if (deadline.alignTo === 'startOfMonth') local = { ...local, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  const instant = fromZoned(local, timeZone);
  return new Date(instant.getTime() + (offset.hours ?? 0) * 3_600_000);
}

export interface Remaining {
  expired: boolean;
  /** Whole days and hours left (both 0 once expired). */
  days: number;
  hours: number;
  totalMs: number;
}

export function timeRemaining(deadlineAt: Date, now: Date): Remaining {
  const totalMs = deadlineAt.getTime() - now.getTime();
  if (totalMs <= 0) return { expired: true, days: 0, hours: 0, totalMs };
  const totalHours = Math.floor(totalMs / 3_600_000);
  return { expired: false, days: Math.floor(totalHours / 24), hours: totalHours % 24, totalMs };
}
