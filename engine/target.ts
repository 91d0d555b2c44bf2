import type { Step } from '../rules/schema';
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
      /** Rows that keep billing, for warning steps on list pages. */
      rows: Element[];
    }
  | { status: 'missing'; tried: CandidateReport[] };

/**
 * The deepest thing the user can act on: the final control if it is showing, else the deepest
 * menu level that is showing (so the ring walks 更多 → 实例状态 → 销毁/退还 as each level opens).
 */
export function resolveStepTarget(step: Step, doc: Document): StepTarget {
  const rows = step.rows ? findStatusRows(step.rows, doc) : [];
  const tried: CandidateReport[] = [];
  if (step.anchor) {
    const result = resolveLocator(step.anchor, doc);
    if (result.status === 'found') {
      return { status: 'found', element: result.element, candidateIndex: result.candidateIndex, menuLevel: null, rows };
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
      };
    }
    if (level === 0) tried.push(...result.tried);
  }
  return { status: 'missing', tried };
}

/**
 * A step that only narrows the list ("filter to one instance") points at a search or filter box. It
 * is optional by nature: the list may already be filtered (a tag applied, the box collapsed into it),
 * or the console draws its box in a way no candidate knows.
 */
export function isFilterStep(step: Step): boolean {
  const candidates = step.anchor?.candidates ?? [];
  if (step.menuPath || candidates.length === 0) return false;
  return candidates.every((candidate) =>
    candidate.type === 'role'
      ? ['textbox', 'searchbox', 'combobox'].includes(candidate.role)
      : candidate.type === 'css'
        ? /\binput\b|search/i.test(candidate.css)
        : false,
  );
}

/**
 * Whether the step shows on this page now: a warning about rows that keep billing only where such
 * rows are showing, and a filter step only where its box is found, so a missing search box never
 * hides the steps after it.
 */
export function stepAppliesHere(step: Step, doc: Document): boolean {
  if (step.rows && findStatusRows(step.rows, doc).length === 0) return false;
  if (isFilterStep(step) && resolveStepTarget(step, doc).status === 'missing') return false;
  return true;
}
