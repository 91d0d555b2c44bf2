/**
 * One page visit, decided in one place (pure: the overlay's session and the tests call it on every
 * DOM change with the time elapsed since the visit began — a page load or an SPA route change).
 *
 *   URL matches no page ─────────────────────────────► no-page      (do nothing at all)
 *   URL matches ─► DOM evidence? ─ not yet, < cap ───► recognising  (keep watching)
 *                        │        └ never, ≥ cap ────► unconfirmed  (a small pill: "a guide exists here")
 *                        └ yes ─► choose guide + step ─► nothing open ─► guide (no active step)
 *                                        └ resolve the target ─ found ─────────► found
 *                                                             ├ missing, optional ─► next step that is found
 *                                                             ├ missing, < grace or page not ready ─► pending
 *                                                             └ missing after that ─► fallback (path in words)
 */
import type { Guide, Provider } from '../rules/schema';
import type { BillReading } from './bill';
import {
  type ActiveStep,
  decideForMatch,
  type GuideChoices,
  isPageReady,
  type PageDecision,
  type ProgressByGuide,
} from './decide';
import { evaluateDetector } from './detect';
import type { CandidateReport } from './locate';
import { resolveStepTarget } from './target';
import { matchPagesByUrl, type PageMatch } from './url';

/** How long a matched URL may take to render the page its detectors know (SPA consoles load late). */
export const RECOGNITION_CAP_MS = 15_000;
/** How long a recognised page may take to render a step's control before the fallback card shows. */
export const ANCHOR_GRACE_MS = 8_000;

export type TargetState =
  | { state: 'none' }
  | { state: 'pending' }
  | {
      state: 'found';
      element: Element;
      candidateIndex: number;
      menuLevel: number | null;
      rows: Element[];
      /** On a bill page, for a step that reads the bill: every line and what it charges. */
      bill?: BillReading;
    }
  | { state: 'fallback'; tried: CandidateReport[] };

/** Why a page whose URL CloudExit knows did not turn out to be the page it knows. */
export type UnconfirmedReason = 'unknown-language' | 'no-evidence';

export type Visit =
  | { phase: 'no-page' }
  | { phase: 'recognising'; pages: PageMatch[] }
  | { phase: 'unconfirmed'; pages: PageMatch[]; reason: UnconfirmedReason; lang: string }
  | { phase: 'guide'; decision: PageDecision; target: TargetState };

export interface VisitInput {
  providers: readonly Provider[];
  guides: readonly Guide[];
  href: string;
  doc: Document;
  progress: ProgressByGuide;
  choices?: GuideChoices;
  hiddenGuideIds?: readonly string[];
  hiddenProviderIds?: readonly string[];
  /** Milliseconds since this visit began. */
  elapsedMs: number;
  /** Milliseconds since the page was first recognised in this visit (the anchor's grace counts from there). */
  recognisedForMs?: number;
  /** Languages the guides' labels are written in (html lang prefixes): another one explains a miss. */
  knownLanguages?: readonly string[];
  anchorGraceMs?: number;
  recognitionCapMs?: number;
}

const KNOWN_LANGUAGES = ['zh', 'en'];

export function evaluateVisit(input: VisitInput): Visit {
  const hiddenProviders = new Set(input.hiddenProviderIds ?? []);
  const providers = input.providers.filter((provider) => !hiddenProviders.has(provider.id));
  const pages = matchPagesByUrl(providers, input.href);
  if (pages.length === 0) return { phase: 'no-page' };
  const match = pages.find((candidate) => evaluateDetector(candidate.page.detect, input.doc));
  if (!match) {
    if (input.elapsedMs < (input.recognitionCapMs ?? RECOGNITION_CAP_MS)) return { phase: 'recognising', pages };
    const lang = (input.doc.documentElement.lang || '').toLowerCase();
    const known = input.knownLanguages ?? KNOWN_LANGUAGES;
    const reason = lang && !known.some((prefix) => lang.startsWith(prefix)) ? 'unknown-language' : 'no-evidence';
    return { phase: 'unconfirmed', pages, reason, lang };
  }
  const decision = decideForMatch({
    match,
    guides: input.guides,
    doc: input.doc,
    progress: input.progress,
    choices: input.choices,
    hiddenGuideIds: input.hiddenGuideIds,
  });
  if (!decision.active) return { phase: 'guide', decision, target: { state: 'none' } };
  const waiting =
    (input.recognisedForMs ?? input.elapsedMs) < (input.anchorGraceMs ?? ANCHOR_GRACE_MS) ||
    (!isPageReady(match.page, input.doc) && input.elapsedMs < (input.recognitionCapMs ?? RECOGNITION_CAP_MS));
  return targetFor(decision, input.doc, waiting);
}

/**
 * The active step's control; an optional step whose control is missing yields to the next open
 * step of its guide on this page whose control is showing (a missing search box must not hide the
 * 释放 / Release menu).
 */
function targetFor(decision: PageDecision, doc: Document, waiting: boolean): Visit {
  const first = decision.active!;
  let step: ActiveStep = first;
  const page = decision.match.page;
  let target = resolveStepTarget(step.step, doc, page);
  if (target.status !== 'found' && step.step.optional) {
    for (const later of decision.open.slice(1)) {
      const resolved = resolveStepTarget(later.step, doc, page);
      if (resolved.status === 'found') {
        step = later;
        target = resolved;
        break;
      }
      if (!later.step.optional) break; // never jump over a required step
    }
  }
  const active = { ...decision, active: step };
  if (target.status === 'found') {
    const { element, candidateIndex, menuLevel, rows, bill } = target;
    const found = { state: 'found' as const, element, candidateIndex, menuLevel, rows, ...(bill && { bill }) };
    return { phase: 'guide', decision: active, target: found };
  }
  return {
    phase: 'guide',
    decision: { ...decision, active: first },
    target: waiting ? { state: 'pending' } : { state: 'fallback', tried: target.tried },
  };
}
