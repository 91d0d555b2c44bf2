/**
 * One console tab's guidance state, page visit by page visit: decides (through the pure engine)
 * which step applies, finds what it points at, notices when the user has done it, and exposes a
 * snapshot for React. It never touches the console's elements: it reads the DOM, listens on
 * `window` in the capture phase without interfering, and observes mutations only while a guide
 * page is showing.
 */
import type { BillReading } from '../engine/bill';
import { type ActiveStep, type PageDecision, stepsDoneByArrival } from '../engine/decide';
import { resolveLocator, withLocatorCache } from '../engine/locate';
import { matchPagesByUrl } from '../engine/url';
import { ANCHOR_GRACE_MS, evaluateVisit, RECOGNITION_CAP_MS, type TargetState, type Visit } from '../engine/visit';
import { watchDom } from '../engine/watch';
import type { Guide, Provider } from '../rules/schema';
import type { Preferences, Progress, StepMark } from './storage';

export type { TargetState } from '../engine/visit';

export interface SessionSnapshot {
  href: string;
  decision: PageDecision | null;
  target: TargetState;
  hiddenOnPage: boolean;
  /** The URL is one CloudExit has a guide for, but the page never showed the evidence it knows. */
  unconfirmed: Extract<Visit, { phase: 'unconfirmed' }> | null;
}

export interface SessionDeps {
  doc: Document;
  providers: readonly Provider[];
  guides: readonly Guide[];
  loadProgress: () => Promise<Progress>;
  loadPreferences: () => Promise<Preferences>;
  markStep: (guideId: string, stepId: string, mark: StepMark) => Promise<Progress>;
  setPageHidden: (pageId: string, hidden: boolean) => Promise<Preferences>;
  /** How long a recognised page may take to render a step's control before the fallback card shows. */
  anchorGraceMs?: number;
  /** How long a matched URL may take to show its page's evidence before the "guide exists" pill. */
  recognitionCapMs?: number;
  /** Remembers the guide the user chose on the card for one page. */
  setGuideForPage?: (pageId: string, guideId: string) => Promise<Preferences>;
  /** Our own UI host, whose mutations must not wake the watcher. */
  isOwnNode?: (node: Node) => boolean;
  /** Called on every evaluation of a recognised page (the Region sweep reads resource lists here). */
  onPageEvaluated?: (decision: PageDecision, href: string, doc: Document) => void;
}

const EMPTY: SessionSnapshot = {
  href: '',
  decision: null,
  target: { state: 'none' },
  hiddenOnPage: false,
  unconfirmed: null,
};

export class PageSession {
  private snapshot: SessionSnapshot = EMPTY;
  private listeners = new Set<() => void>();
  private visit: AbortController | null = null;
  private progress: Progress = {};
  private preferences: Preferences = {
    preferredGuides: {},
    guideForPage: {},
    hiddenPages: [],
    disabledGuides: [],
    disabledProviders: [],
  };
  private visitStartedAt = 0;
  private recognisedAt: number | null = null;

  constructor(private readonly deps: SessionDeps) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** The rules in force, for the overlay's bill-line list (which guide stops which line). */
  get guides(): readonly Guide[] {
    return this.deps.guides;
  }

  /** A new page visit (first load or SPA route change): everything from the last visit is dropped. */
  async start(href: string, startedAt = Date.now()): Promise<void> {
    this.visit?.abort();
    const visit = new AbortController();
    this.visit = visit;
    this.visitStartedAt = startedAt;
    this.recognisedAt = null;
    this.publish({ ...EMPTY, href });
    // No page of any guide at this URL: do nothing at all (no observers, no listeners).
    if (matchPagesByUrl(this.deps.providers, href).length === 0) return;
    [this.progress, this.preferences] = await Promise.all([this.deps.loadProgress(), this.deps.loadPreferences()]);
    if (visit.signal.aborted) return;
    const { doc } = this.deps;
    const view = doc.defaultView ?? window;
    view.addEventListener('click', (event) => this.onUserClick(event), { capture: true, signal: visit.signal });
    watchDom(doc.documentElement, () => this.evaluate(), { signal: visit.signal, ignore: this.deps.isOwnNode });
    // The recognition cap ends with one more evaluation, so a page that never shows its evidence
    // turns into the pill; the anchor's grace starts once the page is recognised (startGrace).
    const elapsed = Date.now() - startedAt;
    const cap = view.setTimeout(() => this.evaluate(), Math.max(0, this.recognitionCapMs - elapsed) + 1);
    visit.signal.addEventListener('abort', () => view.clearTimeout(cap), { once: true });
    this.evaluate();
  }

  stop(): void {
    this.visit?.abort();
    this.visit = null;
    this.publish(EMPTY);
  }

  /** Progress or preferences changed elsewhere (the popup): re-decide with them. */
  update(changes: { progress?: Progress; preferences?: Preferences }): void {
    if (changes.progress) this.progress = changes.progress;
    if (changes.preferences) this.preferences = changes.preferences;
    if (this.visit) this.evaluate();
  }

  async hideOnPage(): Promise<void> {
    const pageId = this.snapshot.decision?.match.page.id;
    if (!pageId) return;
    this.preferences = await this.deps.setPageHidden(pageId, true);
    this.evaluate();
  }

  async mark(step: ActiveStep, mark: StepMark): Promise<void> {
    this.progress = await this.deps.markStep(step.guide.id, step.step.id, mark);
    this.evaluate();
  }

  private async markAll(steps: { guideId: string; stepId: string }[]): Promise<void> {
    for (const { guideId, stepId } of steps) this.progress = await this.deps.markStep(guideId, stepId, 'done');
    this.evaluate();
  }

  /** Reopens the last step before this one that shows on this page, so the card returns to it. */
  async back(active: ActiveStep): Promise<void> {
    const entry = this.progress[active.guide.id];
    const passed = new Set([...(entry?.done ?? []), ...(entry?.skipped ?? [])]);
    const pageId = this.snapshot.decision?.match.page.id;
    const previous = active.guide.steps
      .slice(0, active.index)
      .reverse()
      .find((step) => passed.has(step.id) && pageId !== undefined && step.pages.includes(pageId));
    if (!previous) return;
    this.progress = await this.deps.markStep(active.guide.id, previous.id, 'open');
    this.evaluate();
  }

  /** One evaluation walks the DOM's shadow roots at most once, however many locators it resolves. */
  private evaluate(): void {
    withLocatorCache(() => this.evaluateNow());
  }

  private evaluateNow(): void {
    const visit = this.visit;
    if (!visit) return;
    const { doc } = this.deps;
    const outcome = evaluateVisit({
      providers: this.deps.providers,
      guides: this.deps.guides,
      href: this.snapshot.href,
      doc,
      progress: this.progress,
      choices: { byPage: this.preferences.guideForPage, byProvider: this.preferences.preferredGuides },
      hiddenGuideIds: this.preferences.disabledGuides,
      hiddenProviderIds: this.preferences.disabledProviders,
      elapsedMs: Date.now() - this.visitStartedAt,
      recognisedForMs: this.recognisedAt === null ? undefined : Date.now() - this.recognisedAt,
      anchorGraceMs: this.deps.anchorGraceMs,
      recognitionCapMs: this.deps.recognitionCapMs,
    });
    if (outcome.phase === 'no-page' || outcome.phase === 'recognising') {
      this.publish({
        ...this.snapshot,
        decision: null,
        hiddenOnPage: false,
        target: { state: 'none' },
        unconfirmed: null,
      });
      return;
    }
    if (outcome.phase === 'unconfirmed') {
      // The URL looked right but the page never turned out to be one we know: say so (the pill stays
      // until the next route change starts a new visit) and stop watching.
      visit.abort();
      this.publish({
        ...this.snapshot,
        decision: null,
        hiddenOnPage: false,
        target: { state: 'none' },
        unconfirmed: outcome,
      });
      return;
    }
    if (this.recognisedAt === null) this.startGrace(visit);
    const { decision, target } = outcome;
    this.deps.onPageEvaluated?.(decision, this.snapshot.href, doc);
    const arrived = stepsDoneByArrival(this.deps.guides, decision.match, this.progress);
    if (arrived.length > 0) {
      void this.markAll(arrived);
      return;
    }
    const hiddenOnPage = this.preferences.hiddenPages.includes(decision.match.page.id);
    const active = decision.active;
    const advance = active?.step.advanceOn;
    if (active && advance?.type === 'appears' && resolveLocator(advance.locator, doc).status === 'found') {
      void this.mark(active, 'done');
      return;
    }
    this.publish({ ...this.snapshot, decision, hiddenOnPage, target, unconfirmed: null });
  }

  /** The page is recognised: its controls get the grace period from now, ending with one more evaluation. */
  private startGrace(visit: AbortController): void {
    this.recognisedAt = Date.now();
    const view = this.deps.doc.defaultView ?? window;
    const grace = view.setTimeout(() => this.evaluate(), (this.deps.anchorGraceMs ?? ANCHOR_GRACE_MS) + 1);
    visit.signal.addEventListener('abort', () => view.clearTimeout(grace), { once: true });
  }

  private get recognitionCapMs(): number {
    return this.deps.recognitionCapMs ?? RECOGNITION_CAP_MS;
  }

  /** The card's "use this guide here instead": remembered for this page, then re-decided. */
  async chooseGuide(guideId: string): Promise<void> {
    const pageId = this.snapshot.decision?.match.page.id;
    if (!pageId || !this.deps.setGuideForPage) return;
    this.preferences = await this.deps.setGuideForPage(pageId, guideId);
    this.evaluate();
  }

  /** Passive: we only look at where the user clicked; the event goes on to the console untouched. */
  private onUserClick(event: Event): void {
    const { target, decision } = this.snapshot;
    const active = decision?.active;
    if (!event.isTrusted || target.state !== 'found' || target.menuLevel !== null || !active) return;
    if (active.step.advanceOn?.type !== 'click') return;
    if (event.composedPath().includes(target.element)) void this.mark(active, 'done');
  }

  private publish(next: SessionSnapshot): void {
    const previous = this.snapshot;
    if (
      previous.href === next.href &&
      previous.decision?.active?.step === next.decision?.active?.step &&
      previous.decision?.match.page === next.decision?.match.page &&
      previous.decision?.guides.map((guide) => guide.id).join() ===
        next.decision?.guides.map((guide) => guide.id).join() &&
      sameTarget(previous.target, next.target) &&
      previous.hiddenOnPage === next.hiddenOnPage &&
      previous.unconfirmed?.reason === next.unconfirmed?.reason
    ) {
      return; // Nothing visible changed: no React render during mutation bursts.
    }
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

function sameTarget(a: TargetState, b: TargetState): boolean {
  if (a.state === 'found' && b.state === 'found') {
    return (
      a.element === b.element &&
      a.menuLevel === b.menuLevel &&
      a.rows.length === b.rows.length &&
      a.rows.every((row, i) => row === b.rows[i]) &&
      sameBill(a.bill, b.bill)
    );
  }
  return a.state === b.state;
}

/** A bill re-renders in place (new amounts, a line skipped): compare what the card lists. */
function sameBill(a: BillReading | undefined, b: BillReading | undefined): boolean {
  if (!a || !b) return a === b;
  const key = (reading: BillReading) =>
    `${reading.read.map((line) => `${line.service}=${line.amount.text}`).join('|')}#${reading.skipped.length}`;
  return key(a) === key(b);
}
