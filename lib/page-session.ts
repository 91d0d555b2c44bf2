/**
 * One console tab's guidance state, page visit by page visit: decides (through the pure engine)
 * which step applies, finds its anchor, notices when the user has done it, and exposes a snapshot
 * for React. It never touches the console's elements: it reads the DOM, listens on `window` in the
 * capture phase without interfering, and observes mutations only while a guide is active.
 */
import { type ActiveStep, decide, type PageDecision } from '../engine/decide';
import type { CandidateReport } from '../engine/locate';
import { resolveLocator } from '../engine/locate';
import { matchPagesByUrl } from '../engine/url';
import { watchDom } from '../engine/watch';
import type { Guide, Provider } from '../rules/schema';
import type { Progress } from './storage';

export type AnchorState =
  | { state: 'none' }
  | { state: 'pending' }
  | { state: 'found'; element: Element; candidateIndex: number }
  | { state: 'fallback'; tried: CandidateReport[] };

export interface SessionSnapshot {
  href: string;
  decision: PageDecision | null;
  anchor: AnchorState;
  hiddenOnPage: boolean;
}

export interface SessionDeps {
  doc: Document;
  providers: readonly Provider[];
  guides: readonly Guide[];
  loadProgress: () => Promise<Progress>;
  setStepDone: (guideId: string, stepId: string, done: boolean) => Promise<Progress>;
  /** How long a recognised page may take to render a step's anchor before the fallback card shows. */
  anchorGraceMs?: number;
  /** Our own UI host, whose mutations must not wake the watcher. */
  isOwnNode?: (node: Node) => boolean;
}

const EMPTY: SessionSnapshot = { href: '', decision: null, anchor: { state: 'none' }, hiddenOnPage: false };

export class PageSession {
  private snapshot: SessionSnapshot = EMPTY;
  private listeners = new Set<() => void>();
  private visit: AbortController | null = null;
  private progress: Progress = {};
  private visitStartedAt = 0;

  constructor(private readonly deps: SessionDeps) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  /** A new page visit (first load or SPA route change): everything from the last visit is dropped. */
  async start(href: string): Promise<void> {
    this.visit?.abort();
    const visit = new AbortController();
    this.visit = visit;
    this.visitStartedAt = Date.now();
    this.publish({ ...EMPTY, href });
    // No page of any guide at this URL: do nothing at all (no observers, no listeners).
    if (matchPagesByUrl(this.deps.providers, href).length === 0) return;
    this.progress = await this.deps.loadProgress();
    if (visit.signal.aborted) return;
    const { doc } = this.deps;
    const view = doc.defaultView ?? window;
    view.addEventListener('click', (event) => this.onUserClick(event), { capture: true, signal: visit.signal });
    watchDom(doc.documentElement, () => this.evaluate(), { signal: visit.signal, ignore: this.deps.isOwnNode });
    // The grace period ends with one more evaluation, so a missing anchor turns into the fallback card.
    const grace = this.deps.anchorGraceMs ?? 8000;
    const timer = view.setTimeout(() => this.evaluate(), grace);
    visit.signal.addEventListener('abort', () => view.clearTimeout(timer), { once: true });
    this.evaluate();
  }

  stop(): void {
    this.visit?.abort();
    this.visit = null;
    this.publish(EMPTY);
  }

  /** Progress changed elsewhere (the popup): re-decide with it. */
  updateProgress(progress: Progress): void {
    this.progress = progress;
    if (this.visit) this.evaluate();
  }

  hideOnPage(): void {
    this.publish({ ...this.snapshot, hiddenOnPage: true });
  }

  async markDone(step: ActiveStep, done = true): Promise<void> {
    this.progress = await this.deps.setStepDone(step.guide.id, step.step.id, done);
    this.evaluate();
  }

  /** Undo the last done step shown on this page, so "Back" returns to it. */
  async back(active: ActiveStep): Promise<void> {
    const done = new Set(this.progress[active.guide.id]?.done ?? []);
    const pageId = this.snapshot.decision?.match.page.id;
    const previous = active.guide.steps
      .slice(0, active.index)
      .reverse()
      .find((step) => done.has(step.id) && pageId !== undefined && step.pages.includes(pageId));
    if (!previous) return;
    this.progress = await this.deps.setStepDone(active.guide.id, previous.id, false);
    this.evaluate();
  }

  private evaluate(): void {
    if (!this.visit) return;
    const { doc } = this.deps;
    const href = this.snapshot.href;
    const decision = decide({
      providers: this.deps.providers,
      guides: this.deps.guides,
      href,
      doc,
      progress: this.progress,
    });
    const active = decision?.active;
    if (!decision && Date.now() - this.visitStartedAt >= (this.deps.anchorGraceMs ?? 8000)) {
      // The URL looked right but the page never turned out to be one we know: stop watching it.
      this.visit.abort();
    }
    if (!decision || !active) {
      this.publish({ ...this.snapshot, decision, anchor: { state: 'none' } });
      return;
    }
    const advance = active.step.advanceOn;
    if (advance?.type === 'appears' && resolveLocator(advance.locator, doc).status === 'found') {
      void this.markDone(active);
      return;
    }
    this.publish({ ...this.snapshot, decision, anchor: this.locateAnchor(active) });
  }

  private locateAnchor(active: ActiveStep): AnchorState {
    const locator = active.step.anchor ?? active.step.menuPath?.[0];
    if (!locator) return { state: 'fallback', tried: [] };
    const result = resolveLocator(locator, this.deps.doc);
    if (result.status === 'found') {
      return { state: 'found', element: result.element, candidateIndex: result.candidateIndex };
    }
    const waited = Date.now() - this.visitStartedAt;
    return waited < (this.deps.anchorGraceMs ?? 8000)
      ? { state: 'pending' }
      : { state: 'fallback', tried: result.tried };
  }

  /** Passive: we only look at where the user clicked; the event goes on to the console untouched. */
  private onUserClick(event: Event): void {
    const { anchor, decision } = this.snapshot;
    const active = decision?.active;
    if (!event.isTrusted || anchor.state !== 'found' || !active || active.step.advanceOn?.type !== 'click') return;
    if (event.composedPath().includes(anchor.element)) void this.markDone(active);
  }

  private publish(next: SessionSnapshot): void {
    const previous = this.snapshot;
    if (
      previous.href === next.href &&
      previous.decision?.active?.step === next.decision?.active?.step &&
      previous.decision?.match.page === next.decision?.match.page &&
      sameAnchor(previous.anchor, next.anchor) &&
      previous.hiddenOnPage === next.hiddenOnPage
    ) {
      return; // Nothing visible changed: no React render during mutation bursts.
    }
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

function sameAnchor(a: AnchorState, b: AnchorState): boolean {
  if (a.state !== b.state) return false;
  if (a.state === 'found' && b.state === 'found') return a.element === b.element;
  return true;
}
