/**
 * Follow-through as the popup and the card show it: countdown lines and the self-contained HTML
 * receipt. Plain data in, strings out.
 */
import { sanitizeUrl } from '../engine/diagnostics';
import { countdowns, formatInZone, type KnownEvents } from '../engine/followup';
import type { Deadline, Guide } from '../rules/schema';
import type { Lang, MessageKey, Translate } from './i18n';
import type { Cancellation, KnownEventsByGuide } from './storage';

export const EVENT_TEXT: Record<Deadline['from'], MessageKey> = {
  purchase: 'eventPurchase',
  expiry: 'eventExpiry',
  cancelled: 'eventCancelled',
  destroyed: 'eventDestroyed',
  closure: 'eventClosure',
  'refund-requested': 'eventRefundRequested',
  arrears: 'eventArrears',
  'arrears-stop': 'eventArrearsStop',
};

/** The user's dates for this guide, with "cancelled" taken from the latest mark when not entered. */
export function eventsForGuide(
  guideId: string,
  known: KnownEventsByGuide,
  marked: readonly Cancellation[],
): KnownEvents {
  const latest = marked
    .filter((entry) => entry.guideId === guideId)
    .reduce<number | undefined>((last, entry) => Math.max(last ?? 0, entry.at), undefined);
  return { ...(latest !== undefined ? { cancelled: latest } : {}), ...known[guideId] };
}

export function countdownLines(guide: Guide, events: KnownEvents, now: Date, lang: Lang, t: Translate): string[] {
  return countdowns(guide, events, now).map(({ deadline, at, remaining }) => {
    const when = formatInZone(at, deadline.timeZone);
    return remaining.expired
      ? t('countdownPassed', deadline.title[lang], when)
      : t('countdownLeft', deadline.title[lang], remaining.days, remaining.hours, when);
  });
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** One self-contained HTML file: the metadata, and the screenshot inlined when there is one. */
export function receiptHtml(input: {
  cancellation: Cancellation;
  providerName: string;
  guideTitle: string;
  screenshotDataUrl: string | null;
  lang: Lang;
  t: Translate;
  /** Records kept before addresses were fully sanitized are cleaned again on the way out. */
  routeWords: ReadonlySet<string>;
}): string {
  const { cancellation, t } = input;
  const rows: [MessageKey, string][] = [
    ['receiptProvider', input.providerName],
    ['receiptGuide', input.guideTitle],
    ['receiptTime', new Date(cancellation.at).toISOString()],
    ['receiptPage', sanitizeUrl(cancellation.url, input.routeWords)],
    ['receiptIds', cancellation.ids.join(', ') || '—'],
  ];
  const image =
    input.screenshotDataUrl && /^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(input.screenshotDataUrl)
      ? `<img alt="" src="${input.screenshotDataUrl}" style="max-width:100%;border:1px solid #d0d5dd">`
      : '';
  return `<!doctype html>
<html lang="${input.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(t('receiptTitle'))}</title></head>
<body style="font-family:sans-serif;max-width:960px;margin:24px auto;padding:0 16px">
<h1>${escapeHtml(t('receiptTitle'))}</h1>
<dl>${rows.map(([key, value]) => `<dt><b>${escapeHtml(t(key))}</b></dt><dd data-field="${key}">${escapeHtml(value)}</dd>`).join('')}</dl>
${image}
<p><small>${escapeHtml(t('receiptNote'))}</small></p>
</body></html>`;
}
