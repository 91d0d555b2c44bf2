import type { Guide, Page, Provider, Step } from '../rules/schema';
import { evaluateDetector } from './detect';
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

export interface ActiveStep {
  guide: Guide;
  step: Step;
  /** Zero-based position of the step in the guide. */
  index: number;
  count: number;
}

/**
 * The first step the user has not done that shows on this page. With a document, warning steps
 * about list rows are skipped where no such row is showing.
 */
export function activeStepOnPage(
  guide: Guide,
  pageId: string,
  progress: GuideProgress | undefined,
  doc?: Document,
): ActiveStep | null {
  const done = new Set([...(progress?.done ?? []), ...(progress?.skipped ?? [])]);
  const index = guide.steps.findIndex(
    (step) => !done.has(step.id) && step.pages.includes(pageId) && (!doc || stepAppliesHere(step, doc)),
  );
  if (index < 0) return null;
  return { guide, step: guide.steps[index]!, index, count: guide.steps.length };
}

export interface PageDecision {
  match: PageMatch;
  guides: Guide[];
  active: ActiveStep | null;
}

/**
 * Everything the overlay needs to know about one page visit, decided without side effects.
 */
export function decide(input: {
  providers: readonly Provider[];
  guides: readonly Guide[];
  href: string;
  doc: Document;
  progress: ProgressByGuide;
  /** Guides the user chose in the popup; the first that applies here goes first. */
  preferredGuideIds?: readonly string[];
  hiddenGuideIds?: readonly string[];
  /** Providers the user switched hints off for are not even detected. */
  hiddenProviderIds?: readonly string[];
}): PageDecision | null {
  const hiddenProviders = new Set(input.hiddenProviderIds ?? []);
  const providers = input.providers.filter((provider) => !hiddenProviders.has(provider.id));
  const match = detectPage(providers, input.href, input.doc);
  if (!match) return null;
  const hidden = new Set(input.hiddenGuideIds ?? []);
  const guides = guidesForPage(input.guides, match).filter((guide) => !hidden.has(guide.id));
  const preferred = new Set(input.preferredGuideIds ?? []);
  const ordered = [
    ...guides.filter((guide) => preferred.has(guide.id)),
    ...guides.filter((guide) => !preferred.has(guide.id)),
  ];
  for (const guide of ordered) {
    const active = activeStepOnPage(guide, match.page.id, input.progress[guide.id], input.doc);
    if (active) return { match, guides, active };
  }
  return { match, guides, active: null };
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
