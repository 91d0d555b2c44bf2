import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
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
import { BUILTIN_ROUTE_WORDS } from '../../../lib/rules';
import { cancellations, followupSettings, reminders } from '../../../lib/storage';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

const notifications = { create: vi.fn(async () => 'id'), clear: vi.fn(async () => true) };
beforeEach(() => {
  // Alarms are never set in the past: without a fixed clock the expected times drift with today's date.
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

describe('mark as cancelled', () => {
  it('records the sanitized page and ids, and schedules re-checks at +3, +7 and +30 days', async () => {
    const record = await markCancelled(
      {
        providerId: 'aliyun',
        guideId: 'aliyun-subscription-refund',
        href: 'https://billing-cost.console.aliyun.com/refund/?orderId=212345678901234#/detail/i-bp1a2b3c4d5e6f7g8h9i',
        ids: ['i-bp1a2b3c4d5e6f7g8h9i'],
      },
      NOW,
    );
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
    await markCancelled(
      {
        providerId: 'aws',
        guideId: 'aws-close-account',
        href: 'https://console.aws.amazon.com/billing/home#/account',
        ids: [],
      },
      NOW,
    );
    expect((await reminders.read()).value.map((r) => r.days)).toEqual([1, 14]);
  });

  it('keeps the record when the screenshot is refused (no activeTab)', async () => {
    const capture = vi.fn(async () => Promise.reject(new Error('activeTab required')));
    Object.assign(fakeBrowser.tabs, { captureVisibleTab: capture });
    Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => true) });
    const record = await markCancelled(
      {
        providerId: 'aws',
        guideId: 'aws-stop-payg-charges',
        href: 'https://console.aws.amazon.com/',
        ids: [],
        tab: { id: 1, windowId: 1, active: true },
      },
      NOW,
    );
    expect(capture).toHaveBeenCalledOnce();
    expect(record.hasScreenshot).toBe(false);
    expect((await cancellations.read()).value).toHaveLength(1);
  });

  it('never captures a page CloudExit does not run on', async () => {
    const capture = vi.fn(async () => 'data:image/png;base64,AAAA');
    const contains = vi.fn(async () => false);
    Object.assign(fakeBrowser.tabs, { captureVisibleTab: capture });
    Object.assign(fakeBrowser.permissions, { contains });
    const record = await markCancelled(
      {
        providerId: 'aws',
        guideId: 'aws-stop-payg-charges',
        href: 'https://mail.example.com/inbox',
        ids: [],
        tab: { id: 1, windowId: 1, active: true },
      },
      NOW,
    );
    expect(contains).toHaveBeenCalledWith({ origins: ['https://mail.example.com/*'] });
    expect(capture).not.toHaveBeenCalled();
    expect(record.hasScreenshot).toBe(false);
  });
});

describe('reminders', () => {
  beforeEach(async () => {
    await markCancelled(
      {
        providerId: 'aliyun',
        guideId: 'aliyun-renewal-off',
        href: 'https://billing-cost.console.aliyun.com/',
        ids: [],
      },
      NOW,
    );
  });

  it('are re-created after a browser restart when their alarms are gone', async () => {
    await fakeBrowser.alarms.clearAll();
    expect(await alarmTimes()).toEqual({});
    await ensureAlarms(NOW);
    expect(Object.keys(await alarmTimes())).toHaveLength(3);
  });

  it('snooze moves one reminder by a day; dismiss stops it', async () => {
    const [first, second] = (await reminders.read()).value;
    await snoozeReminder(first!.id, 24, NOW + 3 * DAY);
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
    expect(created).toHaveBeenCalledWith({
      url: 'https://billing-cost.console.alibabacloud.com/finance/month-bill/account',
    });
  });
});

describe('receipt', () => {
  it('is one self-contained HTML page, with every value escaped', () => {
    const html = receiptHtml({
      cancellation: {
        id: 'x',
        providerId: 'aliyun',
        guideId: 'g',
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
        guideId: 'g',
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
