/**
 * What the card lists on a bill page: each line that still charges, the guide that stops it, and
 * — when the user marked a cancellation for this provider — a note that it is still charged.
 * Plain data for the provider-agnostic card; kept apart from React so it is easy to test.
 */
import type { BillReading } from '../engine/bill';
import { serviceFor } from '../engine/bill';
import type { Guide, Provider } from '../rules/schema';
import type { Lang, Translate } from './i18n';
import type { Cancellation } from './storage';

export interface BillLineEntry {
  service: string;
  /** The amount as the page shows it. */
  amount: string;
  guideId?: string;
  guideTitle?: string;
  /** "marked cancelled on 26 Nov — still charged on this bill" */
  cancelledNote?: string;
}

export interface BillListing {
  lines: BillLineEntry[];
  /** A sentence under the list: nothing charges, lines that could not be read, columns not found. */
  note?: string;
}

/** The latest cancellation that covers a line: the guide that stops it, or closing the whole account. */
function cancellationFor(
  guideId: string | undefined,
  marked: readonly Cancellation[],
  provider: Provider,
  guides: readonly Guide[],
): Cancellation | undefined {
  const accountGuides = new Set(
    guides.filter((guide) => guide.provider === provider.id && guide.billingModel === 'account').map((g) => g.id),
  );
  return marked
    .filter(
      (record) =>
        record.providerId === provider.id &&
        ((guideId !== undefined && record.guideId === guideId) || accountGuides.has(record.guideId)),
    )
    .sort((a, b) => b.at - a.at)[0];
}

export function billListing(input: {
  reading: BillReading;
  provider: Provider;
  guides: readonly Guide[];
  marked: readonly Cancellation[];
  lang: Lang;
  t: Translate;
  /** Dates are shown in this zone (the user's own by default; tests pass one). */
  timeZone?: string;
}): BillListing {
  const { reading, provider, guides, lang, t } = input;
  const date = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: input.timeZone,
  });
  const entries = reading.charging.map((line) => {
    const mapping = serviceFor(line.service, provider.billServices ?? []);
    const guide = mapping && guides.find((candidate) => candidate.id === mapping.guide);
    const cancelled = cancellationFor(guide?.id, input.marked, provider, guides);
    // A bill whose month ended before the cancellation says nothing about after it (a day of
    // slack for the provider's clock).
    const periodEnd = reading.period && Date.UTC(reading.period.year, reading.period.month, 1) + 86_400_000;
    const entry: BillLineEntry = { service: line.service, amount: line.amount.text };
    if (guide) {
      entry.guideId = guide.id;
      entry.guideTitle = guide.title[lang];
    }
    if (cancelled && (periodEnd === undefined || cancelled.at < periodEnd))
      entry.cancelledNote = t('cardBillCancelled', date.format(new Date(cancelled.at)));
    return entry;
  });
  // Still charged after the user marked it cancelled: the surprise to look at first.
  const lines = [...entries.filter((entry) => entry.cancelledNote), ...entries.filter((entry) => !entry.cancelledNote)];
  const notes: string[] = [];
  if (!reading.columnsFound) notes.push(t('cardBillNoColumns'));
  else if (lines.length === 0) notes.push(t('cardBillNothing'));
  if (reading.skipped.length > 0) notes.push(t('cardBillSkipped', reading.skipped.length));
  return notes.length > 0 ? { lines, note: notes.join(' ') } : { lines };
}
