import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OVERDUE_FIRE_DELAY_MS } from '../../../engine/followup';
import { matchPagesByUrl } from '../../../engine/url';
import {
  billPageFor,
  dismissReminder,
  ensureAlarms,
  markCancelled,
  onReminderAlarm,
  onReminderClicked,
  REMINDER_ALARM_PREFIX,
  snoozeReminder,
} from '../../../lib/followup';
import { receiptHtml } from '../../../lib/followup-model';
import { translator } from '../../../lib/i18n';
import { siteOfHost } from '../../../lib/popup-model';
import { BUILTIN_ROUTE_WORDS } from '../../../lib/rules';
import { cancellations, followupSettings, reminders } from '../../../lib/storage';
import { BUILTIN_PROVIDERS } from '../../../rules';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

const notifications = { create: vi.fn(async () => 'id'), clear: vi.fn(async () => true) };
beforeEach(() => {
  // One clock for the code and the test: only Date is faked (storage and the fake browser keep real timers).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  fakeBrowser.reset();
  notifications.create.mockClear();
  notifications.clear.mockClear();
  Object.assign(fakeBrowser, { notifications });
});

afterEach(() => {
  vi.useRealTimers();
});

async function alarmTimes() {
  return Object.fromEntries(
    (await fakeBrowser.alarms.getAll()).map((alarm) => [
      alarm.name.slice(REMINDER_ALARM_PREFIX.length),
      alarm.scheduledTime,
    ]),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('mark as cancelled', () => {
  it('records the sanitized page and ids, and schedules re-checks at +3, +7 and +30 days', async () => {
    const record = await markCancelled({
      providerId: 'aliyun',
      guideId: 'aliyun-subscription-refund',
      href: 'https://billing-cost.console.aliyun.com/refund/?orderId=212345678901234#/detail/i-bp1a2b3c4d5e6f7g8h9i',
      ids: ['i-bp1a2b3c4d5e6f7g8h9i'],
    });
    expect(record).toMatchObject({
      providerId: 'aliyun',
      url: 'https://billing-cost.console.aliyun.com/refund/#/detail/:id',
      ids: ['i-bp1a2b3c4d5e6f7g8h9i'],
      hasScreenshot: false, // no tab given: nothing to capture
    });
    expect((await cancellations.read()).value).toEqual([record]);
    const due = (await reminders.read()).value;
    expect(due.map((r) => [r.days, r.dueAt - NOW, r.state])).toEqual([
      [3, 3 * DAY, 'scheduled'],
      [7, 7 * DAY, 'scheduled'],
      [30, 30 * DAY, 'scheduled'],
    ]);
    expect(Object.values(await alarmTimes()).map((at) => at - NOW)).toEqual([3 * DAY, 7 * DAY, 30 * DAY]);
  });

  it('uses the re-check days set in the options', async () => {
    await followupSettings.write({ recheckDays: [1, 14] });
    await markCancelled({
      providerId: 'aws',
      guideId: 'aws-close-account',
      href: 'https://console.aws.amazon.com/billing/home#/account',
      ids: [],
    });
    expect((await reminders.read()).value.map((r) => r.days)).toEqual([1, 14]);
  });

  it('keeps the record when the screenshot is refused (no activeTab)', async () => {
    const capture = vi.fn(async () => Promise.reject(new Error('activeTab required')));
    Object.assign(fakeBrowser.tabs, { captureVisibleTab: capture });
    Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => true) });
    const record = await markCancelled({
      providerId: 'aws',
      guideId: 'aws-stop-payg-charges',
      href: 'https://console.aws.amazon.com/',
      ids: [],
      tab: { id: 1, windowId: 1, active: true },
    });
    expect(capture).toHaveBeenCalledOnce();
    expect(record.hasScreenshot).toBe(false);
    expect((await cancellations.read()).value).toHaveLength(1);
  });

  it('never captures a page CloudExit does not run on', async () => {
    const capture = vi.fn(async () => 'data:image/png;base64,AAAA');
    const contains = vi.fn(async () => false);
    Object.assign(fakeBrowser.tabs, { captureVisibleTab: capture });
    Object.assign(fakeBrowser.permissions, { contains });
    const record = await markCancelled({
      providerId: 'aws',
      guideId: 'aws-stop-payg-charges',
      href: 'https://mail.example.com/inbox',
      ids: [],
      tab: { id: 1, windowId: 1, active: true },
    });
    expect(contains).toHaveBeenCalledWith({ origins: ['https://mail.example.com/*'] });
    expect(capture).not.toHaveBeenCalled();
    expect(record.hasScreenshot).toBe(false);
  });
});

describe('reminders', () => {
  beforeEach(async () => {
    await markCancelled({
      providerId: 'aliyun',
      guideId: 'aliyun-renewal-off',
      href: 'https://billing-cost.console.aliyun.com/',
      ids: [],
    });
  });

  it('are re-created after a browser restart when their alarms are gone', async () => {
    await fakeBrowser.alarms.clearAll();
    expect(await alarmTimes()).toEqual({});
    await ensureAlarms();
    expect(Object.keys(await alarmTimes())).toHaveLength(3);
  });

  it('snooze moves one reminder by a day; dismiss stops it', async () => {
    const [first, second] = (await reminders.read()).value;
    vi.setSystemTime(NOW + 3 * DAY);
    await snoozeReminder(first!.id, 24);
    expect((await alarmTimes())[first!.id]).toBe(NOW + 4 * DAY);
    await dismissReminder(second!.id);
    expect((await alarmTimes())[second!.id]).toBeUndefined();
    expect((await reminders.read()).value.find((r) => r.id === second!.id)?.state).toBe('dismissed');
  });

  it('an alarm shows "re-check your bill" once, and a click opens the provider\'s bill page', async () => {
    const [first] = (await reminders.read()).value;
    const t = translator('en');
    const texts = (provider: string, days: number) => ({
      title: t('reminderTitle', provider),
      message: t('reminderMessage', days),
    });
    vi.setSystemTime(first!.dueAt);
    await onReminderAlarm(`${REMINDER_ALARM_PREFIX}${first!.id}`, texts);
    await onReminderAlarm(`${REMINDER_ALARM_PREFIX}${first!.id}`, texts);
    expect(notifications.create).toHaveBeenCalledTimes(1);
    expect(notifications.create.mock.calls[0]).toMatchObject([
      `${REMINDER_ALARM_PREFIX}${first!.id}`,
      { title: 'Re-check your Alibaba Cloud (Aliyun) bill', message: expect.stringContaining('3 days ago') },
    ]);
    await onReminderAlarm('some-other-alarm', texts);
    expect(notifications.create).toHaveBeenCalledTimes(1);

    const created = vi.fn(async () => ({}));
    Object.assign(fakeBrowser.tabs, { create: created });
    await onReminderClicked(`${REMINDER_ALARM_PREFIX}${first!.id}`);
    // Marked on the China site (billing-cost.console.aliyun.com): the China site's bill page.
    expect(created).toHaveBeenCalledWith({
      url: 'https://billing-cost.console.aliyun.com/finance/month-bill/account',
    });
  });
});

describe('reminders that fell due while the browser was closed', () => {
  const t = translator('en');
  const texts = (provider: string, days: number, lateSince: number | undefined) =>
    lateSince === undefined
      ? { title: t('reminderTitle', provider), message: t('reminderMessage', days) }
      : { title: t('reminderTitleLate', provider), message: t('reminderMessageLate', days, lateSince) };

  async function restartAt(at: number) {
    vi.setSystemTime(at);
    await fakeBrowser.alarms.clearAll(); // the browser did not keep them
    await ensureAlarms();
  }

  it('fire once soon after start-up, marked late; earlier overdue checks are recorded as missed', async () => {
    await markCancelled({
      providerId: 'aliyun',
      guideId: 'aliyun-renewal-off',
      href: 'https://billing-cost.console.aliyun.com/',
      ids: [],
    });
    const startedAt = NOW + 10 * DAY; // +3 and +7 passed while closed
    await restartAt(startedAt);

    const byDays = Object.fromEntries((await reminders.read()).value.map((r) => [r.days, r]));
    expect(byDays[3]).toMatchObject({ state: 'missed', dueAt: NOW + 3 * DAY });
    expect(byDays[7]).toMatchObject({ state: 'scheduled', dueAt: NOW + 7 * DAY }); // its own time is kept
    const alarms = await alarmTimes();
    expect(alarms[byDays[3]!.id]).toBeUndefined();
    expect(alarms[byDays[7]!.id]).toBe(startedAt + OVERDUE_FIRE_DELAY_MS);
    expect(alarms[byDays[30]!.id]).toBe(NOW + 30 * DAY);

    vi.setSystemTime(startedAt + OVERDUE_FIRE_DELAY_MS);
    await onReminderAlarm(`${REMINDER_ALARM_PREFIX}${byDays[7]!.id}`, texts);
    await onReminderAlarm(`${REMINDER_ALARM_PREFIX}${byDays[7]!.id}`, texts);
    await onReminderAlarm(`${REMINDER_ALARM_PREFIX}${byDays[3]!.id}`, texts); // a kept alarm of a missed one
    expect(notifications.create).toHaveBeenCalledOnce();
    expect(notifications.create.mock.calls[0]).toMatchObject([
      `${REMINDER_ALARM_PREFIX}${byDays[7]!.id}`,
      {
        title: 'Late: re-check your Alibaba Cloud (Aliyun) bill',
        message: expect.stringContaining(`due on ${NOW + 7 * DAY}`),
      },
    ]);
    expect((await reminders.read()).value.find((r) => r.days === 7)).toMatchObject({
      state: 'shown',
      late: true,
      shownAt: startedAt + OVERDUE_FIRE_DELAY_MS,
    });
  });

  it('a kept alarm that the browser fires at start-up, before ensureAlarms, obeys the same plan', async () => {
    await markCancelled({
      providerId: 'aliyun',
      guideId: 'aliyun-renewal-off',
      href: 'https://billing-cost.console.aliyun.com/',
      ids: [],
    });
    const [three, seven] = (await reminders.read()).value;
    vi.setSystemTime(NOW + 10 * DAY);
    await onReminderAlarm(`${REMINDER_ALARM_PREFIX}${three!.id}`, texts);
    expect(notifications.create).not.toHaveBeenCalled();
    expect((await reminders.read()).value.find((r) => r.id === three!.id)?.state).toBe('missed');
    await onReminderAlarm(`${REMINDER_ALARM_PREFIX}${seven!.id}`, texts);
    expect(notifications.create).toHaveBeenCalledOnce();
  });

  it('a reminder shown on time is not marked late', async () => {
    await markCancelled({
      providerId: 'aliyun',
      guideId: 'aliyun-renewal-off',
      href: 'https://billing-cost.console.aliyun.com/',
      ids: [],
    });
    const [three] = (await reminders.read()).value;
    vi.setSystemTime(three!.dueAt + 1000);
    await onReminderAlarm(`${REMINDER_ALARM_PREFIX}${three!.id}`, texts);
    expect(notifications.create.mock.calls[0]).toMatchObject([
      expect.any(String),
      { title: expect.stringMatching(/^Re-check/) },
    ]);
    expect((await reminders.read()).value[0]).toMatchObject({ state: 'shown', late: false });
  });

  it('overdue reminders of several cancellations fire one after another, never at one shared time', async () => {
    for (const guideId of ['aws-stop-payg-charges', 'aws-close-account', 'aws-cloudwatch-costs'])
      await markCancelled({ providerId: 'aws', guideId, href: 'https://console.aws.amazon.com/', ids: [] });
    await restartAt(NOW + 40 * DAY); // every check passed
    const times = Object.values(await alarmTimes());
    expect(times).toHaveLength(3); // one per cancellation: its +30 check
    expect(new Set(times).size).toBe(3);
    expect((await reminders.read()).value.filter((r) => r.state === 'missed')).toHaveLength(6);
  });
});

describe('the bill page a reminder opens', () => {
  it.each([
    ['aws', 'intl', 'aws-billing-bills'],
    ['aws', 'cn', 'aws-billing-bills'],
    ['aliyun', 'cn', 'aliyun-bill'],
    ['aliyun', 'intl', 'aliyun-bill'],
    ['tencent', 'cn', 'tencent-bill'],
    ['tencent', 'intl', 'tencent-bill'],
  ] as const)('%s (%s site) is the page whose lines CloudExit reads', async (providerId, site, pageId) => {
    const url = await billPageFor(providerId, site);
    const matches = matchPagesByUrl(BUILTIN_PROVIDERS, url!);
    expect(matches.map((match) => match.page.id)).toEqual([pageId]);
    expect(matches[0]!.page.bill).toBeDefined();
    expect(siteOfHost(new URL(url!).host)).toBe(site);
  });
});

describe('receipt', () => {
  it('is one self-contained HTML page, with every value escaped', () => {
    const html = receiptHtml({
      cancellation: {
        id: 'x',
        providerId: 'aliyun',
        guideId: 'aliyun-renewal-off',
        at: NOW,
        url: 'https://a.example/<b>',
        ids: ['<script>alert(1)</script>'],
        hasScreenshot: true,
      },
      providerName: 'Aliyun',
      guideTitle: 'Refund "quoted"',
      screenshotDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
      lang: 'en',
      t: translator('en'),
      routeWords: BUILTIN_ROUTE_WORDS,
    });
    expect(html).toContain('<img alt="" src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('2026-11-26T09:00:00.000Z');
  });
  it('cleans the page address again, so a record kept before full sanitizing leaks nothing', () => {
    const html = receiptHtml({
      cancellation: {
        id: 'x',
        providerId: 'aws',
        guideId: 'aliyun-renewal-off',
        at: NOW,
        url: 'https://123456789012-abcd1234.us-east-1.console.aws.amazon.com/ec2/home?region=#Instances:search=acme-secret-db;v=3',
        ids: [],
        hasScreenshot: false,
      },
      providerName: 'AWS',
      guideTitle: 'G',
      screenshotDataUrl: null,
      lang: 'en',
      t: translator('en'),
      routeWords: BUILTIN_ROUTE_WORDS,
    });
    expect(html).toContain('https://_id_.us-east-1.console.aws.amazon.com/ec2/home#Instances<');
    expect(html).not.toMatch(/123456789012|acme|region=/);
  });
  it('drops an image that is not a PNG data URL', () => {
    const html = receiptHtml({
      cancellation: { id: 'x', providerId: 'p', guideId: 'g', at: NOW, url: '', ids: [], hasScreenshot: true },
      providerName: 'P',
      guideTitle: 'G',
      screenshotDataUrl: 'javascript:alert(1)',
      lang: 'zh',
      t: translator('zh'),
      routeWords: BUILTIN_ROUTE_WORDS,
    });
    expect(html).not.toContain('<img');
    expect(html).toContain('CloudExit 退订凭证');
  });
});
