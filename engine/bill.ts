import type { BillReader, BillService } from '../rules/schema';
import { isCharging, type ParsedAmount, parseAmount } from './amount';
import { isRendered, resolveLocator } from './locate';
import { matchesAnyLabel, normalizeText } from './text';

/** One service line of a bill, as the page shows it. */
export interface BillLine {
  element: Element;
  service: string;
  amount: ParsedAmount;
}

/** A line that could not be read, and why (for the card's count and the diagnostic report). */
export interface SkippedLine {
  service: string;
  text: string;
  reason: string;
}

export interface BillReading {
  /** Lines with a readable amount above zero: what still charges. */
  charging: BillLine[];
  /** Every line with a readable amount (zero, credits and refunds included). */
  read: BillLine[];
  /** Lines whose amount could not be read; never counted as charging. */
  skipped: SkippedLine[];
  /** False when the columns were not found at all (the console changed, or the table is loading). */
  columnsFound: boolean;
  /** The billing month the page shows, when the reader knows where it is and it could be read. */
  period?: BillPeriod;
}

export interface BillPeriod {
  year: number;
  /** 1–12 */
  month: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "November 2026", "Nov 1 - Nov 30, 2026", "2026-11", "2026 年 11 月", "2026/11": the month of a bill. */
export function parseBillPeriod(text: string): BillPeriod | null {
  const value = text.normalize('NFKC');
  const numeric = /(\d{4})\s*(?:[-/.年])\s*(\d{1,2})(?!\d)/.exec(value);
  if (numeric) {
    const month = Number(numeric[2]);
    return month >= 1 && month <= 12 ? { year: Number(numeric[1]), month } : null;
  }
  const name = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b/i.exec(value);
  const year = /\b(\d{4})\b/.exec(value);
  if (!name || !year) return null;
  return { year: Number(year[1]), month: MONTHS.indexOf(name[1]!.toLowerCase()) + 1 };
}

function readPeriod(reader: BillReader, scope: Document | Element): BillPeriod | undefined {
  if (!reader.period) return undefined;
  const found = resolveLocator(reader.period, scope);
  if (found.status !== 'found') return undefined;
  // The locator may find the period itself or its label ("账期"): the value sits beside the label.
  let element: Element | null = found.element;
  for (let level = 0; element && level < 3; level++, element = element.parentElement) {
    const period = parseBillPeriod(element.textContent ?? '');
    if (period) return period;
  }
  return undefined;
}

const HEADER_CELL = 'th, [role="columnheader"]';
const ROW_CELL = 'td, th, [role="gridcell"], [role="cell"], [role="rowheader"]';

/** Text of a cell without icons and expand arrows ("▸ Elastic Compute Cloud"). */
function cellText(cell: Element): string {
  return (cell.textContent ?? '')
    .replace(/[\p{So}\p{Co}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function safeQueryAll(scope: Document | Element, css: string): Element[] {
  try {
    return Array.from(scope.querySelectorAll(css));
  } catch {
    return [];
  }
}

/** The column index of the first rendered header cell named by one of the labels. */
function columnOf(scope: Document | Element, labels: readonly string[], mode: BillReader['match']): number | null {
  for (const header of safeQueryAll(scope, HEADER_CELL)) {
    if (!isRendered(header) || !matchesAnyLabel(cellText(header), labels, mode ?? 'exact')) continue;
    const row = header.parentElement;
    if (!row) continue;
    const index = Array.from(row.children).indexOf(header);
    if (index >= 0) return index;
  }
  return null;
}

/**
 * Reads each service line and its amount, by the columns' visible header labels. Design systems
 * draw a header and a body table (TEA) or several copies of one (Fusion locked columns): only
 * rendered rows count, and each line is read once.
 */
export function readBill(reader: BillReader, scope: Document | Element): BillReading {
  const serviceColumn = columnOf(scope, reader.service, reader.match);
  const amountColumn = columnOf(scope, reader.amount, reader.match);
  if (serviceColumn === null || amountColumn === null) {
    return { charging: [], read: [], skipped: [], columnsFound: false };
  }
  const read: BillLine[] = [];
  const skipped: SkippedLine[] = [];
  const seen = new Set<string>();
  for (const row of safeQueryAll(scope, reader.row)) {
    if (!isRendered(row) || row.querySelector(HEADER_CELL)) continue;
    const cells = Array.from(row.children).filter((cell) => cell.matches(ROW_CELL));
    const serviceCell = cells[serviceColumn];
    const amountCell = cells[amountColumn];
    if (!serviceCell || !amountCell) continue; // a summary or group row with merged cells
    const service = cellText(serviceCell);
    const amountText = cellText(amountCell);
    // The same line drawn twice (a locked-column copy) is read once; its whole text is its identity.
    const key = normalizeText(row.textContent);
    if (seen.has(key)) continue;
    seen.add(key);
    const amount = parseAmount(amountText);
    if (reader.ignore && matchesAnyLabel(service, reader.ignore, 'exact')) continue;
    if (!service) {
      skipped.push({ service, text: amountText, reason: 'no service name' });
      continue;
    }
    if (!amount.ok) {
      // A dash is the console saying "nothing"; everything else unreadable is reported.
      if (amount.reason !== 'empty') skipped.push({ service, text: amountText, reason: amount.reason });
      continue;
    }
    read.push({ element: row, service, amount });
  }
  const period = readPeriod(reader, scope);
  return {
    charging: read.filter((line) => isCharging(line.amount)),
    read,
    skipped,
    columnsFound: true,
    ...(period && { period }),
  };
}

/** The first mapping whose names match the service line, or null when no guide covers it. */
export function serviceFor(service: string, mappings: readonly BillService[]): BillService | null {
  return mappings.find((mapping) => matchesAnyLabel(service, mapping.names, mapping.match ?? 'contains')) ?? null;
}
