import { browser } from 'wxt/browser';
import { defineBackground } from '#imports';
import { ensureAlarms, markCancelled, onReminderAlarm, onReminderClicked } from '../lib/followup';
import { localStamp, translator } from '../lib/i18n';
import {
  type BackgroundReply,
  INJECT_OVERLAY,
  MARK_CANCELLED,
  PAGE_RULES,
  parseMessage,
  USER_PAGE_MATCH,
  type UserPageMatchReply,
} from '../lib/messages';
import { loadRules, rulesForAddress, userPagesMatching } from '../lib/rules';
import { syncSiteScripts } from '../lib/sites';
import { uiLanguage } from '../lib/storage';

/** The overlay bundle, registered for runtime injection only (see entrypoints/overlay.content). */
const OVERLAY_SCRIPT = '/content-scripts/overlay.js';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const parsed = parseMessage(message);
    // Only our own content scripts, in a tab, may ask anything of the background.
    if (!parsed || sender.id !== browser.runtime.id || sender.tab?.id === undefined) {
      sendResponse({ ok: false, error: 'unexpected message' });
      return false;
    }
    const tab = sender.tab;
    const reply = <T>(work: Promise<T>) => {
      work.then(
        (result) => sendResponse({ ok: true, result } satisfies BackgroundReply<T>),
        (error: unknown) => sendResponse({ ok: false, error: String(error) } satisfies BackgroundReply<T>),
      );
      return true;
    };
    switch (parsed.type) {
      case USER_PAGE_MATCH:
        return reply<Extract<UserPageMatchReply, { ok: true }>['result']>(
          loadRules().then((rules) => userPagesMatching(rules, parsed.href).length > 0),
        );
      case PAGE_RULES:
        return reply(loadRules().then((rules) => rulesForAddress(rules, parsed.href)));
      case MARK_CANCELLED:
        return reply(markCancelled({ ...parsed, href: tab.url ?? sender.url ?? '', tab }));
      case INJECT_OVERLAY:
        return reply(
          browser.scripting.executeScript({
            target: { tabId: tab.id!, frameIds: [sender.frameId ?? 0] },
            files: [OVERLAY_SCRIPT],
          }),
        );
      default:
        return false;
    }
  });

  // Bill re-check reminders: alarms survive restarts only as data, so they are re-created on start.
  browser.alarms.onAlarm.addListener(async (alarm) => {
    const lang = await uiLanguage();
    const t = translator(lang);
    await onReminderAlarm(alarm.name, (provider, days, lateSince) =>
      lateSince === undefined
        ? { title: t('reminderTitle', provider), message: t('reminderMessage', days) }
        : {
            title: t('reminderTitleLate', provider),
            message: t('reminderMessageLate', days, localStamp(lateSince, lang)),
          },
    );
  });
  browser.notifications.onClicked.addListener((id) => void onReminderClicked(id));

  // Self-hosted sites the user granted (or revoked) get (or lose) the detector script.
  const sync = () => {
    void syncSiteScripts().catch((error: unknown) => console.error('CloudExit: site scripts', error));
    void ensureAlarms().catch((error: unknown) => console.error('CloudExit: reminders', error));
  };
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  browser.runtime.onStartup.addListener(sync);
  browser.runtime.onInstalled.addListener(sync);
});
