/**
 * After "cancelled": when to re-check the bill, and how long each deadline has left. Pure date
 * arithmetic on top of engine/deadlines.ts; the background turns reminders into alarms.
 */
import type { Deadline, Guide } from '../rules/schema';
import { computeDeadline, type Remaining, timeRemaining, toZoned } from './deadlines';
import { compilePattern, execPattern } from './pattern';

const DAY_MS = 86_400_000;

/** Billing lags: re-check the bill this many days after cancelling (configurable in options). */
export const DEFAULT_RECHECK_DAYS = [3, 7, 30] as const;

export function reminderTimes(cancelledAt: number, days: readonly number[]): { days: number; at: number }[] {
  return [...new Set(days)]
    .filter((d) => Number.isInteger(d) && d > 0 && d <= 366)
    .sort((a, b) => a - b)
    .map((d) => ({ days: d, at: cancelledAt + d * DAY_MS }));
}

/** A reminder shown this long after it was due is "late": it fell due while the browser was closed or asleep. */
export const LATE_AFTER_MS = 15 * 60_000;
/** Overdue reminders fire this long after start-up (Chrome's alarms refuse anything sooner than 30 s). */
export const OVERDUE_FIRE_DELAY_MS = 60_000;
/** …and one after another, so several overdue reminders never pile up into one moment. */
export const OVERDUE_FIRE_SPACING_MS = 30_000;

export interface PlannedReminder {
  id: string;
  cancellationId: string;
  dueAt: number;
  state: string;
}

export interface ReminderPlan {
  /** Alarm time per reminder id that should have an alarm. */
  alarms: { id: string; when: number }[];
  /** Overdue reminders superseded by a later overdue one of the same cancellation: recorded, never fired. */
  missed: string[];
}

/**
 * Which alarms to (re)create. A reminder still ahead keeps its own time. Of the reminders of one
 * cancellation that fell due while the browser was away, only the latest fires — once, soon after
 * start-up, and marked late when shown — the earlier ones are recorded as missed (their check is
 * covered by the later one). Each keeps its own dueAt; overdue alarms are spaced, never bunched.
 */
export function planReminderAlarms(list: readonly PlannedReminder[], now: number): ReminderPlan {
  const scheduled = list.filter((reminder) => reminder.state === 'scheduled');
  const alarms = scheduled
    .filter((reminder) => reminder.dueAt > now)
    .map((reminder) => ({ id: reminder.id, when: reminder.dueAt }));
  const latestOverdue = new Map<string, PlannedReminder>();
  const missed: string[] = [];
  for (const reminder of scheduled.filter((candidate) => candidate.dueAt <= now)) {
    const latest = latestOverdue.get(reminder.cancellationId);
    if (!latest || reminder.dueAt > latest.dueAt || (reminder.dueAt === latest.dueAt && reminder.id > latest.id)) {
      if (latest) missed.push(latest.id);
      latestOverdue.set(reminder.cancellationId, reminder);
    } else {
      missed.push(reminder.id);
    }
  }
  [...latestOverdue.values()]
    .sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id))
    .forEach((reminder, index) => {
      alarms.push({ id: reminder.id, when: now + OVERDUE_FIRE_DELAY_MS + index * OVERDUE_FIRE_SPACING_MS });
    });
  return { alarms, missed };
}

/** True when a reminder is shown well after its time (the browser was closed or asleep). */
export function isLate(dueAt: number, shownAt: number): boolean {
  return shownAt - dueAt > LATE_AFTER_MS;
}

/** Dates the user knows (or the page showed) for a guide's deadline events, as epoch ms. */
export type KnownEvents = Partial<Record<Deadline['from'], number>>;

export interface Countdown {
  deadline: Deadline;
  at: Date;
  remaining: Remaining;
}

/** Every deadline of the guide whose starting event is known, soonest first. */
export function countdowns(guide: Guide, events: KnownEvents, now: Date): Countdown[] {
  return guide.deadlines
    .flatMap((deadline) => {
      const from = events[deadline.from];
      if (from === undefined) return [];
      const at = computeDeadline(deadline, new Date(from));
      return [{ deadline, at, remaining: timeRemaining(at, now) }];
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** "2026-12-01 00:00 UTC+8": the deadline on the provider's own clock, with its offset. */
export function formatInZone(at: Date, timeZone: string): string {
  const local = toZoned(at, timeZone);
  const offsetMinutes = Math.round(
    (Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) -
      at.getTime() +
      at.getUTCMilliseconds()) /
      60_000,
  );
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = Math.floor(Math.abs(offsetMinutes) / 60);
  const minutes = Math.abs(offsetMinutes) % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const zone = `UTC${sign}${hours}${minutes ? `:${pad(minutes)}` : ''}`;
  return `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)} ${zone}`;
}

/** Page text beyond this is not searched for ids (a console page's text is far shorter). */
const MAX_ID_TEXT = 200_000;

/**
 * Order and resource ids shown on a page, by the page rule's pattern; capped, unique, in page
 * order. The pattern runs in linear time (engine/pattern.ts), and the number of searches is capped.
 */
export function readIds(text: string, pattern: string | undefined, limit = 20): string[] {
  if (!pattern) return [];
  const compiled = compilePattern(pattern);
  if (!compiled.ok) return [];
  const searched = text.slice(0, MAX_ID_TEXT);
  const found = new Set<string>();
  let from = 0;
  for (let searches = 0; searches < limit * 5 && from <= searched.length; searches++) {
    const match = execPattern(compiled.pattern, searched, from);
    if (!match) break;
    const [start, end] = match;
    if (end > start) found.add(searched.slice(start, end));
    if (found.size >= limit) break;
    from = end > start ? end : end + 1;
  }
  return [...found];
}

/** The ids a page shows to the user (rendered text: hidden panels and our own shadow UI left out). */
export function idsOnPage(doc: Document, pattern: string | undefined): string[] {
  if (!pattern || !doc.body) return [];
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text on purpose; read once, on a click
  return readIds(doc.body.innerText ?? doc.body.textContent ?? '', pattern);
}
