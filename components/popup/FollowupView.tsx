import { useId } from 'react';
import type { Translate } from '../../lib/i18n';

export interface MarkedEntry {
  id: string;
  when: string;
  url: string;
  ids: string[];
  hasScreenshot: boolean;
}

export interface ReminderEntry {
  id: string;
  days: number;
  due: string;
  state: 'scheduled' | 'shown' | 'dismissed' | 'missed';
  /** Shown well after it was due (the browser was closed or asleep). */
  late: boolean;
}

export interface EventEntry {
  key: string;
  label: string;
  /** yyyy-mm-dd, or '' when unknown. */
  value: string;
}

/** Proof list, bill re-check reminders and deadline countdowns for one guide. */
export function FollowupView(props: {
  marked: MarkedEntry[];
  reminders: ReminderEntry[];
  countdowns: string[];
  events: EventEntry[];
  onMarkCancelled: () => void;
  onExportReceipt: (id: string) => void;
  onDelete: (id: string) => void;
  onSnooze: (id: string) => void;
  onDismiss: (id: string) => void;
  onEventChange: (key: string, value: string) => void;
  t: Translate;
}) {
  const { t } = props;
  const headingId = useId();
  const active = props.reminders.filter((reminder) => reminder.state !== 'dismissed');
  return (
    <section className="followup" aria-labelledby={headingId} data-cloudexit="followup">
      <h2 id={headingId}>{t('popupFollowup')}</h2>
      <button
        type="button"
        className="secondary"
        data-cloudexit-action="mark-cancelled"
        onClick={props.onMarkCancelled}
      >
        {t('cardMarkCancelled')}
      </button>
      {props.events.length > 0 && (
        <>
          <h3>{t('popupCountdowns')}</h3>
          {props.events.map((event) => (
            <label key={event.key} className="select">
              {t('popupEventDate', event.label)}
              <input
                type="date"
                value={event.value}
                data-event={event.key}
                onChange={(e) => props.onEventChange(event.key, e.currentTarget.value)}
              />
            </label>
          ))}
          <ul data-cloudexit="countdowns">
            {props.countdowns.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('popupCancellations')}</h3>
      {props.marked.length === 0 ? (
        <p>{t('popupNoCancellations')}</p>
      ) : (
        <ul data-cloudexit="proofs">
          {props.marked.map((entry) => (
            <li key={entry.id} data-cancellation-id={entry.id}>
              {entry.when} · {entry.hasScreenshot ? t('popupScreenshot') : t('popupNoScreenshot')}
              {entry.ids.length > 0 && <span className="detail"> {entry.ids.join(', ')}</span>}{' '}
              <button
                type="button"
                className="link"
                data-cloudexit-action="export-receipt"
                onClick={() => props.onExportReceipt(entry.id)}
              >
                {t('popupExportReceipt')}
              </button>{' '}
              <button type="button" className="link" onClick={() => props.onDelete(entry.id)}>
                {t('popupDeleteProof')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {active.length > 0 && (
        <>
          <h3>{t('popupReminders')}</h3>
          <ul data-cloudexit="reminders">
            {active.map((reminder) => (
              <li
                key={reminder.id}
                data-reminder-id={reminder.id}
                data-state={reminder.state}
                data-late={reminder.late || undefined}
              >
                {t('popupReminderDue', reminder.days, reminder.due)}
                {reminder.state === 'shown' && (
                  <span className="badge">{t(reminder.late ? 'popupReminderShownLate' : 'popupReminderShown')}</span>
                )}
                {reminder.state === 'missed' && <span className="badge">{t('popupReminderMissed')}</span>}{' '}
                <button type="button" className="link" onClick={() => props.onSnooze(reminder.id)}>
                  {t('popupSnooze')}
                </button>{' '}
                <button type="button" className="link" onClick={() => props.onDismiss(reminder.id)}>
                  {t('popupDismiss')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
