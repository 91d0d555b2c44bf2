import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { FollowupView } from '../../components/popup/FollowupView';
import { fromZoned, toZoned } from '../../engine/deadlines';
import { downloadText } from '../../lib/download';
import { dismissReminder, markCancelled, REMINDER_ALARM_PREFIX, snoozeReminder } from '../../lib/followup';
import { countdownLines, EVENT_TEXT, eventsForGuide, receiptHtml } from '../../lib/followup-model';
import { type Lang, localStamp, type Translate } from '../../lib/i18n';
import { blobToDataUrl, deleteScreenshot, loadScreenshot } from '../../lib/proofs';
import { BUILTIN_ROUTE_WORDS } from '../../lib/rules';
import {
  type Cancellation,
  cancellations,
  type KnownEventsByGuide,
  knownEvents,
  type Reminder,
  reminders,
} from '../../lib/storage';
import type { Guide, Provider } from '../../rules/schema';

export interface ConsoleTab {
  id: number;
  windowId: number;
  url: string;
  active: boolean;
  ids: string[];
}

/** The popup's follow-through for one guide: mark cancelled, proofs, reminders, countdowns. */
export function Followup({
  guide,
  provider,
  tab,
  lang,
  t,
}: {
  guide: Guide;
  provider: Provider;
  tab: ConsoleTab | null;
  lang: Lang;
  t: Translate;
}) {
  const [marked, setMarked] = useState<Cancellation[]>([]);
  const [due, setDue] = useState<Reminder[]>([]);
  const [known, setKnown] = useState<KnownEventsByGuide>({});
  useEffect(() => {
    void cancellations.read().then(({ value }) => setMarked(value));
    void reminders.read().then(({ value }) => setDue(value));
    void knownEvents.read().then(({ value }) => setKnown(value));
    const stops = [cancellations.watch(setMarked), reminders.watch(setDue), knownEvents.watch(setKnown)];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);

  const zone = (event: string) => guide.deadlines.find((deadline) => deadline.from === event)?.timeZone ?? 'UTC';
  const eventKeys = [...new Set(guide.deadlines.map((deadline) => deadline.from))].filter((key) => key !== 'cancelled');
  const stamp = (ms: number) => localStamp(ms, lang);
  const mine = marked.filter((entry) => entry.guideId === guide.id);

  return (
    <FollowupView
      t={t}
      marked={mine.map((entry) => ({
        id: entry.id,
        when: stamp(entry.at),
        url: entry.url,
        ids: entry.ids,
        hasScreenshot: entry.hasScreenshot,
      }))}
      reminders={due
        .filter((reminder) => reminder.guideId === guide.id)
        .map((reminder) => ({
          id: reminder.id,
          days: reminder.days,
          due: stamp(reminder.dueAt),
          state: reminder.state,
          late: reminder.late === true,
        }))}
      countdowns={countdownLines(guide, eventsForGuide(guide.id, known, marked), new Date(), lang, t)}
      events={eventKeys.map((key) => {
        const at = known[guide.id]?.[key];
        const local = at === undefined ? null : toZoned(new Date(at), zone(key));
        const pad = (n: number) => String(n).padStart(2, '0');
        return {
          key,
          label: t(EVENT_TEXT[key]),
          value: local ? `${local.year}-${pad(local.month)}-${pad(local.day)}` : '',
        };
      })}
      onEventChange={(key, value) => {
        const [year, month, day] = value.split('-').map(Number);
        const events = { ...known[guide.id] };
        if (year && month && day) {
          // A date the user enters means the start of that day on the provider's clock.
          events[key as keyof typeof events] = fromZoned(
            { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 },
            zone(key),
          ).getTime();
        } else {
          delete events[key as keyof typeof events];
        }
        void knownEvents.write({ ...known, [guide.id]: events });
      }}
      onMarkCancelled={() =>
        void markCancelled({
          providerId: provider.id,
          guideId: guide.id,
          href: tab?.url ?? '',
          ids: tab?.ids ?? [],
          tab: tab ?? undefined,
        })
      }
      onExportReceipt={async (id) => {
        const entry = marked.find((candidate) => candidate.id === id);
        if (!entry) return;
        const image = entry.hasScreenshot ? await loadScreenshot(id) : null;
        const html = receiptHtml({
          cancellation: entry,
          providerName: provider.name[lang],
          guideTitle: guide.title[lang],
          screenshotDataUrl: image ? await blobToDataUrl(image) : null,
          lang,
          t,
          routeWords: BUILTIN_ROUTE_WORDS,
        });
        downloadText(`cloudexit-receipt-${new Date(entry.at).toISOString().slice(0, 10)}.html`, html, 'text/html');
      }}
      onDelete={async (id) => {
        await deleteScreenshot(id).catch(() => undefined);
        await cancellations.write(marked.filter((entry) => entry.id !== id));
        const left = due.filter((reminder) => reminder.cancellationId !== id);
        for (const reminder of due.filter((r) => r.cancellationId === id))
          await browser.alarms.clear(`${REMINDER_ALARM_PREFIX}${reminder.id}`);
        await reminders.write(left);
      }}
      onSnooze={(id) => void snoozeReminder(id, 24)}
      onDismiss={(id) => void dismissReminder(id)}
    />
  );
}
