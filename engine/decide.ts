import type { Guide, Page, Provider, Step } from '../rules/schema';
import { evaluateDetector } from './detect';
import { resolveLocator } from './locate';
import { stepAppliesHere } from './target';
import { matchPagesByUrl, type PageMatch } from './url';

/** Which steps of one guide the user has marked done. */
export interface GuideProgress {
  done: string[];
  /** Passed over on the card; still open in the checklist. */
  skipped?: string[];
}
export type ProgressByGuide = Record<string, GuideProgress | undefined>;

/**
 * URL first (cheap), then the page's DOM detectors: a URL alone never anchors a step, because
 * consoles reuse routes and render different apps behind one path.
 */
export function detectPage(providers: readonly Provider[], href: string, doc: Document): PageMatch | null {
  for (const match of matchPagesByUrl(providers, href)) {
    if (evaluateDetector(match.page.detect, doc)) return match;
  }
  return null;
}

/** True once the page's optional "ready" detector holds (table rendered, spinner gone). */
export function isPageReady(page: Page, doc: Document): boolean {
  return page.ready ? evaluateDetector(page.ready, doc) : true;
}

export function guidesForPage(guides: readonly Guide[], match: PageMatch): Guide[] {
  return guides.filter(
    (guide) => guide.provider === match.provider.id && guide.steps.some((step) => step.pages.includes(match.page.id)),
  );
}

/** What the user chose when several guides share a page. */
export interface GuideChoices {
  /** Chosen on the card for one page (page id → guide id): wins on that page. */
  byPage?: Readonly<Record<string, string>>;
  /** Chosen in the popup for a provider (provider id → guide id). */
  byProvider?: Readonly<Record<string, string>>;
}

/**
 * The guides of a page in the order the card and the popup offer them — one function for both:
 * the user's choice for this page; then a guide whose evidence the page shows (包年包月 or 按量计费
 * rows…); then the user's choice for the provider; then the guide with more steps on this page
 * (the page is its main ground rather than a side trip); then the rule files' order.
 */
export function rankGuidesForPage(
  guides: readonly Guide[],
  match: PageMatch,
  options: { doc?: Document; choices?: GuideChoices } = {},
): Guide[] {
  const pageId = match.page.id;
  const pageChoice = options.choices?.byPage?.[pageId];
  const providerChoice = options.choices?.byProvider?.[match.provider.id];
  const score = (guide: Guide): number[] => [
    guide.id === pageChoice ? 1 : 0,
    options.doc && hasEvidence(guide, pageId, options.doc) ? 1 : 0,
    guide.id === providerChoice ? 1 : 0,
    guide.steps.filter((step) => step.pages.includes(pageId)).length,
  ];
  const scored = guidesForPage(guides, match).map((guide, order) => ({ guide, order, score: score(guide) }));
  scored.sort((a, b) => {
    for (let i = 0; i < a.score.length; i++) {
      const difference = b.score[i]! - a.score[i]!;
      if (difference !== 0) return difference;
    }
    return a.order - b.order;
  });
  return scored.map(({ guide }) => guide);
}

function hasEvidence(guide: Guide, pageId: string, doc: Document): boolean {
  return (guide.evidence ?? []).some((entry) => entry.page === pageId && evaluateDetector(entry.detector, doc));
}

/**
 * True when the page already shows the step as done, so the card passes over it on arrival: its
 * doneWhen detector holds, or it asks for a tab (a click) that is already the selected one.
 */
export function stepSatisfiedOnPage(step: Step, doc: Document): boolean {
  if (step.doneWhen) return evaluateDetector(step.doneWhen, doc);
  if (
    !step.anchor ||
    step.menuPath ||
    (step.advanceOn && step.advanceOn.type !== 'click' && step.advanceOn.type !== 'appears')
  )
    return false;
  const result = resolveLocator(step.anchor, doc);
  if (result.status !== 'found') return false;
  const tab = result.element.closest('[role="tab"]') ?? result.element;
  return tab.getAttribute('role') === 'tab' && tab.getAttribute('aria-selected') === 'true';
}

export interface ActiveStep {
  guide: Guide;
  step: Step;
  /** Zero-based position of the step in the guide. */
  index: number;
  count: number;
}

/**
 * The steps the user has not done that show on this page, in guide order. With a document, warning
 * steps about list rows are left out where no such row is showing, and steps the page already
 * shows as done (a selected tab, a set filter) are passed over — their numbers stay honest.
 */
export function openStepsOnPage(
  guide: Guide,
  pageId: string,
  progress: GuideProgress | undefined,
  doc?: Document,
): ActiveStep[] {
  const done = new Set([...(progress?.done ?? []), ...(progress?.skipped ?? [])]);
  const open: ActiveStep[] = [];
  guide.steps.forEach((step, index) => {
    if (done.has(step.id) || !step.pages.includes(pageId)) return;
    if (doc && (!stepAppliesHere(step, doc) || stepSatisfiedOnPage(step, doc))) return;
    open.push({ guide, step, index, count: guide.steps.length });
  });
  return open;
}

/** The first of openStepsOnPage. */
export function activeStepOnPage(
  guide: Guide,
  pageId: string,
  progress: GuideProgress | undefined,
  doc?: Document,
): ActiveStep | null {
  return openStepsOnPage(guide, pageId, progress, doc)[0] ?? null;
}

export interface PageDecision {
  match: PageMatch;
  /** Every guide of this page, in the order rankGuidesForPage gives (the card offers the others). */
  guides: Guide[];
  active: ActiveStep | null;
  /** The open steps of the active step's guide on this page, active first (optional steps may yield). */
  open: ActiveStep[];
}

/**
 * Which guide leads on a recognised page and which of its steps are open: the page visit
 * (engine/visit.ts) recognises the page first, then decides this on every change.
 */
export function decideForMatch(input: {
  match: PageMatch;
  guides: readonly Guide[];
  doc: Document;
  progress: ProgressByGuide;
  choices?: GuideChoices;
  hiddenGuideIds?: readonly string[];
}): PageDecision {
  const { match } = input;
  const hidden = new Set(input.hiddenGuideIds ?? []);
  const guides = rankGuidesForPage(input.guides, match, { doc: input.doc, choices: input.choices }).filter(
    (guide) => !hidden.has(guide.id),
  );
  for (const guide of guides) {
    const open = openStepsOnPage(guide, match.page.id, input.progress[guide.id], input.doc);
    if (open.length > 0) return { match, guides, active: open[0]!, open };
  }
  return { match, guides, active: null, open: [] };
}

/**
 * Steps that say "go to page X" are done once the user is on page X: arriving is the action.
 * Only steps not yet passed, of this provider's guides.
 */
export function stepsDoneByArrival(
  guides: readonly Guide[],
  match: PageMatch,
  progress: ProgressByGuide,
): { guideId: string; stepId: string }[] {
  return guides
    .filter((guide) => guide.provider === match.provider.id)
    .flatMap((guide) => {
      const passed = new Set([...(progress[guide.id]?.done ?? []), ...(progress[guide.id]?.skipped ?? [])]);
      return guide.steps
        .filter(
          (step) => step.advanceOn?.type === 'page' && step.advanceOn.page === match.page.id && !passed.has(step.id),
        )
        .map((step) => ({ guideId: guide.id, stepId: step.id }));
    });
}
