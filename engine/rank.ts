import type { TextMatchMode } from './text';
import { labelScore } from './text';

/**
 * When one candidate matches several rendered elements, the page may still show one control: the
 * real one beside a disabled duplicate, an exact label beside a longer one that merely contains it, a
 * list drawn as several <table> elements (a sticky header copy, TEA's header and body tables, Fusion's
 * locked-column copies), or one row action drawn once per copy of its row. Each rule below keeps the
 * better matches only when it tells them apart; whatever is still tied stays ambiguous (no anchor).
 */
export function rankMatches(
  elements: Element[],
  context: { labels?: readonly string[]; mode?: TextMatchMode; nameOf: (element: Element) => string },
): Element[] {
  let ranked = elements;
  const keep = (rule: (list: Element[]) => Element[]) => {
    if (ranked.length < 2) return;
    const kept = rule(ranked);
    if (kept.length > 0) ranked = kept;
  };
  keep((list) => list.filter((element) => !isDisabled(element)));
  if (context.labels && context.mode && context.mode !== 'exact') {
    const labels = context.labels;
    const mode = context.mode;
    keep((list) => best(list, (element) => labelScore(context.nameOf(element), labels, mode)));
  }
  keep((list) => list.filter(isControl));
  // "Delivery method: All ▾" opens a list of values; a button the step names is not a filter.
  keep((list) => list.filter((element) => !isFilterTrigger(element)));
  keep(oneListOfTables);
  keep(oneCopyOfRowControl);
  return ranked;
}

function best(list: Element[], score: (element: Element) => number): Element[] {
  const scores = list.map(score);
  const top = Math.max(...scores);
  return list.filter((_element, index) => scores[index] === top);
}

export function isDisabled(element: Element): boolean {
  return (
    element.matches(':disabled') ||
    element.closest('[aria-disabled="true"]') !== null ||
    element.classList.contains('is-disabled')
  );
}

const CONTROL =
  'button, a[href], input, select, textarea, summary, [role="button"], [role="link"], [role="tab"], [role="menuitem"], [role="menuitemradio"], [role="menuitemcheckbox"], [role="option"], [role="radio"], [role="checkbox"], [role="switch"], [role="combobox"], [role="textbox"], [role="searchbox"], [tabindex]:not([tabindex="-1"])';

function isControl(element: Element): boolean {
  return element.matches(CONTROL);
}

function isFilterTrigger(element: Element): boolean {
  return element.matches('[aria-haspopup="listbox"], [role="combobox"], select');
}

const TABLE = 'table, [role="grid"], [role="table"], [role="treegrid"]';
const CELL = 'td, [role="gridcell"], [role="cell"]';

/** Rows that hold data cells (a header-only copy of the table has none). */
function bodyRows(element: Element): Element[] {
  return Array.from(element.querySelectorAll('tr, [role="row"]')).filter((row) =>
    Array.from(row.children).some((cell) => cell.matches(CELL)),
  );
}

function isTableLike(element: Element): boolean {
  return element.matches(TABLE) || element.querySelector(TABLE) !== null;
}

/**
 * Several tables that draw one list: header-only copies are dropped, a wrapper that holds the
 * others is the list itself, and copies with the same rows (Fusion's locked columns) resolve to the
 * copy with the most cells, the one that shows the whole row.
 */
function oneListOfTables(list: Element[]): Element[] {
  if (!list.every(isTableLike)) return list;
  const withRows = list.filter((element) => bodyRows(element).length > 0);
  if (withRows.length === 0) return list;
  const outermost = withRows.filter(
    (element) => !withRows.some((other) => other !== element && other.contains(element)),
  );
  if (outermost.length < 2) return outermost;
  const rowCounts = new Set(outermost.map((element) => bodyRows(element).length));
  if (rowCounts.size > 1) return outermost;
  return best(outermost, (element) => element.querySelectorAll(CELL).length);
}

/**
 * One action drawn in each copy of a row (Fusion draws locked columns twice): matches with the same
 * name in the same row position of different tables are one control, and the user sees the copy in
 * the table drawn on top, the locked one, which holds the fewest cells per row.
 */
function oneCopyOfRowControl(list: Element[]): Element[] {
  const rows = list.map((element) => element.closest('tr, [role="row"]'));
  if (rows.some((row) => row === null)) return list;
  const positions = new Set(rows.map((row) => Array.from(row!.parentElement?.children ?? []).indexOf(row!)));
  const tables = new Set(rows.map((row) => row!.closest(TABLE)));
  const names = new Set(
    list.map((element) => (element.textContent ?? '').trim() || element.getAttribute('aria-label')),
  );
  if (positions.size !== 1 || tables.size !== list.length || names.size !== 1) return list;
  return best(list, (element) => -element.closest('tr, [role="row"]')!.children.length);
}
