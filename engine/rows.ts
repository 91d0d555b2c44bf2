import type { Step } from '../rules/schema';
import { isRendered } from './locate';
import { matchesAnyLabel } from './text';

/**
 * Rows of a list page that show one of the step's statuses (an unattached EIP, an available
 * volume): what keeps billing, read from the page the user is already viewing.
 */
export function findStatusRows(rows: NonNullable<Step['rows']>, scope: Document | Element): Element[] {
  let candidates: Element[];
  try {
    candidates = Array.from(scope.querySelectorAll(rows.row));
  } catch {
    return [];
  }
  const mode = rows.match ?? 'contains';
  return candidates.filter((row) => {
    if (!isRendered(row)) return false;
    // Any cell may hold the status; matching cell by cell keeps "exact" meaningful.
    const cells =
      row.children.length > 0 ? Array.from(row.querySelectorAll('td, [role="gridcell"], [role="cell"]')) : [];
    const texts = cells.length > 0 ? cells.map((cell) => cell.textContent ?? '') : [row.textContent ?? ''];
    return texts.some((text) => matchesAnyLabel(text, rows.status, mode));
  });
}

/** The body with `{count}` replaced; rules write the sentence, the page supplies the number. */
export function withCount(text: string, count: number): string {
  return text.replaceAll('{count}', String(count));
}

/**
 * The card's title and body for a step on this page, in one language: a title says "{count} EIPs
 * here are not bound" as a body does, so both get the number of rows the page shows.
 */
export function stepWording(
  step: { title: Record<'zh' | 'en', string>; body: Record<'zh' | 'en', string> },
  lang: 'zh' | 'en',
  count: number,
): { title: string; body: string } {
  return { title: withCount(step.title[lang], count), body: withCount(step.body[lang], count) };
}
