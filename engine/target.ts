import type { Page, Step } from '../rules/schema';
import { type BillReading, readBill } from './bill';
import { type CandidateReport, resolveLocator } from './locate';
import { findStatusRows } from './rows';

/** Where a step points right now: its final control, or the menu level to open next. */
export type StepTarget =
  | {
      status: 'found';
      element: Element;
      candidateIndex: number;
      /** Zero-based menu level when the final control is still behind a closed menu. */
      menuLevel: number | null;
      /** Rows that keep billing, for warning steps on list pages (and bill lines that still charge). */
      rows: Element[];
      /** On a bill page, for a step that reads the bill: every line and what it charges. */
      bill?: BillReading;
    }
  | { status: 'missing'; tried: CandidateReport[] };

/**
 * The deepest thing the user can act on: the final control if it is showing, else the deepest
 * menu level that is showing (so the ring walks 更多 → 实例状态 → 销毁/退还 as each level opens).
 */
export function resolveStepTarget(step: Step, doc: Document, page?: Page): StepTarget {
  const bill = step.readsBill && page?.bill ? readBill(page.bill, doc) : undefined;
  const rows = bill ? bill.charging.map((line) => line.element) : step.rows ? findStatusRows(step.rows, doc) : [];
  const tried: CandidateReport[] = [];
  if (step.anchor) {
    const result = resolveLocator(step.anchor, doc);
    if (result.status === 'found') {
      return {
        status: 'found',
        element: result.element,
        candidateIndex: result.candidateIndex,
        menuLevel: null,
        rows,
        ...(bill && { bill }),
      };
    }
    tried.push(...result.tried);
  }
  const levels = step.menuPath ?? [];
  for (let level = levels.length - 1; level >= 0; level--) {
    const result = resolveLocator(levels[level]!, doc);
    if (result.status === 'found') {
      return {
        status: 'found',
        element: result.element,
        candidateIndex: result.candidateIndex,
        menuLevel: level,
        rows,
        ...(bill && { bill }),
      };
    }
    if (level === 0) tried.push(...result.tried);
  }
  return { status: 'missing', tried };
}

/**
 * Whether the step shows on this page now: a warning about rows that keep billing only where such
 * rows are showing. (A missing filter box is handled by the step's `optional` flag: the page visit
 * goes on to the next step whose control shows, engine/visit.ts.)
 */
export function stepAppliesHere(step: Step, doc: Document): boolean {
  return !step.rows || findStatusRows(step.rows, doc).length > 0;
}
