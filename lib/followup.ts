/**
 * Follow-through after "mark as cancelled", in the background: the record, the proof screenshot,
 * and the bill re-check reminders as alarms + notifications that survive browser restarts.
 */
import { browser } from 'wxt/browser';
import { sanitizeUrl } from '../engine/diagnostics';
import { isLate, planReminderAlarms, reminderTimes } from '../engine/followup';
import { siteOfHost } from './popup-model';
import { saveScreenshot } from './proofs';
import { BUILTIN_ROUTE_WORDS, loadRules } from './rules';
import { type Cancellation, cancellations, followupSettings, type Reminder, reminders } from './storage';

export const REMINDER_ALARM_PREFIX = 'cloudexit-reminder:';
const HOUR_MS = 3_600_000;

export interface MarkCancelledInput {
  providerId: string;
  guideId: string;
  href: string;
  ids: string[];
  /** The console tab, when it is the active one: its screenshot becomes the proof. */
  tab?: { id?: number; windowId?: number; active?: boolean };
}

// Time: every function here reads the one clock, Date.now(), when it runs (tests fake it with
// vi.setSystemTime). None takes a "now" of its own, so a pinned time and the real clock never mix.

/** Records the cancellation, tries to keep a screenshot, and schedules the re-check reminders. */
export async function markCancelled(input: MarkCancelledInput): Promise<Cancellation> {
  const now = Date.now();
  // Only a guide CloudExit knows, of the provider it belongs to, can be marked (a stale or forged message cannot).
  const { guides } = await loadRules();
  if (!guides.some((guide) => guide.id === input.guideId && guide.provider === input.providerId))
    throw new Error(`unknown guide "${input.guideId}" for provider "${input.providerId}"`);
  const id = crypto.randomUUID();
  const hasScreenshot = (await isConsolePage(input.href)) && (await captureProof(id, input.tab, now));
  const record: Cancellation = {
    id,
    providerId: input.providerId,
    guideId: input.guideId,
    at: now,
    url: sanitizeUrl(input.href, BUILTIN_ROUTE_WORDS),
    ids: input.ids.slice(0, 20),
    hasScreenshot,
  };
  await cancellations.write([...(await cancellations.read()).value, record]);
  const { recheckDays } = (await followupSettings.read()).value;
  const scheduled: Reminder[] = reminderTimes(now, recheckDays).map(({ days, at }) => ({
    id: `${id}:${days}`,
    cancellationId: id,
    providerId: input.providerId,
    guideId: input.guideId,
    days,
    dueAt: at,
    state: 'scheduled',
  }));
  await reminders.write([...(await reminders.read()).value, ...scheduled]);
  await ensureAlarms();
  return record;
}

/** Screenshots are taken only of pages CloudExit runs on: the console hosts and sites the user enabled. */
async function isConsolePage(href: string): Promise<boolean> {
  try {
    const { origin, protocol } = new URL(href);
    if (protocol !== 'https:' && protocol !== 'http:') return false;
    return await browser.permissions.contains({ origins: [`${origin}/*`] });
  } catch {
    return false;
  }
}

/**
 * tabs.captureVisibleTab needs activeTab: it works when the user opened CloudExit's popup from the
 * toolbar on that tab, and is refused otherwise. Either way the cancellation is recorded.
 */
async function captureProof(id: string, tab: MarkCancelledInput['tab'], now: number): Promise<boolean> {
  if (tab?.windowId === undefined || tab.active === false) return false;
  try {
    const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
    await saveScreenshot(id, dataUrl, now);
    return true;
  } catch {
    return false;
  }
}

/**
 * One alarm per scheduled reminder; missing ones are re-created (after a restart or an update).
 * Reminders that fell due while the browser was away follow engine/followup.ts planReminderAlarms:
 * the latest per cancellation fires once soon, the earlier ones are recorded as missed.
 */
export async function ensureAlarms(): Promise<void> {
  const now = Date.now();
  const list = (await reminders.read()).value;
  const plan = planReminderAlarms(list, now);
  await recordMissed(plan.missed);
  const existing = new Set((await browser.alarms.getAll()).map((alarm) => alarm.name));
  for (const { id, when } of plan.alarms) {
    const name = `${REMINDER_ALARM_PREFIX}${id}`;
    if (!existing.has(name)) await browser.alarms.create(name, { when });
  }
}

async function recordMissed(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const missed = new Set(ids);
  await reminders.write(
    (await reminders.read()).value.map((reminder) =>
      missed.has(reminder.id) ? { ...reminder, state: 'missed' as const } : reminder,
    ),
  );
  for (const id of ids) await browser.alarms.clear(`${REMINDER_ALARM_PREFIX}${id}`);
}

async function updateReminder(id: string, change: Partial<Reminder>): Promise<Reminder | undefined> {
  const list = (await reminders.read()).value;
  const next = list.map((reminder) => (reminder.id === id ? { ...reminder, ...change } : reminder));
  await reminders.write(next);
  return next.find((reminder) => reminder.id === id);
}

/** What a reminder notification says; `lateSince` is its due time when it fell due while the browser was away. */
export type ReminderTexts = (
  providerName: string,
  days: number,
  lateSince: number | undefined,
) => { title: string; message: string };

/** The alarm fired: show "re-check your bill" (marked late when it is); a click opens the provider's bill page. */
export async function onReminderAlarm(alarmName: string, texts: ReminderTexts): Promise<void> {
  if (!alarmName.startsWith(REMINDER_ALARM_PREFIX)) return;
  const now = Date.now();
  const id = alarmName.slice(REMINDER_ALARM_PREFIX.length);
  const list = (await reminders.read()).value;
  const reminder = list.find((candidate) => candidate.id === id);
  if (reminder?.state !== 'scheduled') return;
  // The browser may fire kept alarms at start-up before ensureAlarms ran: apply the same plan here.
  const { missed } = planReminderAlarms(list, now);
  if (missed.includes(id)) return recordMissed(missed);
  const late = isLate(reminder.dueAt, now);
  const rules = await loadRules();
  const provider = rules.providers.find((candidate) => candidate.id === reminder.providerId);
  const { title, message } = texts(
    provider?.name.en ?? reminder.providerId,
    reminder.days,
    late ? reminder.dueAt : undefined,
  );
  await browser.notifications.create(alarmName, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title,
    message,
  });
  await updateReminder(id, { state: 'shown', shownAt: now, late });
}

/**
 * Where "re-check your bill" leads: the provider's documented bill page (the one CloudExit reads
 * line by line), on the site the cancellation was made on (China or international), else any.
 */
export async function billPageFor(providerId: string, preferredSite?: 'cn' | 'intl'): Promise<string | undefined> {
  const provider = (await loadRules()).providers.find((candidate) => candidate.id === providerId);
  const sites = preferredSite ? [preferredSite, preferredSite === 'cn' ? 'intl' : 'cn'] : ['cn', 'intl'];
  for (const site of sites as ('cn' | 'intl')[]) {
    const links = provider?.sites[site];
    const url = links?.bills ?? links?.billing;
    if (url) return url;
  }
  return undefined;
}

export async function onReminderClicked(notificationId: string): Promise<void> {
  if (!notificationId.startsWith(REMINDER_ALARM_PREFIX)) return;
  const id = notificationId.slice(REMINDER_ALARM_PREFIX.length);
  const reminder = (await reminders.read()).value.find((candidate) => candidate.id === id);
  const cancellation = reminder && (await cancellations.read()).value.find((c) => c.id === reminder.cancellationId);
  const url = reminder && (await billPageFor(reminder.providerId, siteOfCancellation(cancellation)));
  if (url) await browser.tabs.create({ url });
  await browser.notifications.clear(notificationId);
}

export async function snoozeReminder(id: string, hours: number): Promise<void> {
  const reminder = await updateReminder(id, {
    state: 'scheduled',
    dueAt: Date.now() + hours * HOUR_MS,
    shownAt: undefined,
    late: undefined,
  });
  if (!reminder) return;
  await browser.alarms.clear(`${REMINDER_ALARM_PREFIX}${id}`);
  await ensureAlarms();
}

export async function dismissReminder(id: string): Promise<void> {
  await updateReminder(id, { state: 'dismissed' });
  await browser.alarms.clear(`${REMINDER_ALARM_PREFIX}${id}`);
}

function siteOfCancellation(cancellation: Cancellation | undefined): 'cn' | 'intl' | undefined {
  try {
    return cancellation ? siteOfHost(new URL(cancellation.url).host) : undefined;
  } catch {
    return undefined;
  }
}
