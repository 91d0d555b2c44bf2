import type { Candidate, Locator } from '../rules/schema';
import { rankMatches } from './rank';
import { matchesAnyLabel, normalizeText } from './text';

export type Scope = Document | ShadowRoot | Element;

/** What one candidate found: the drift signal recorded for diagnostics and tests. */
export interface CandidateReport {
  index: number;
  type: Candidate['type'];
  why: string;
  /** Rendered elements that matched; exactly one means success. */
  matched: number;
  /** Elements that matched but are not rendered (display:none, hidden panels, closed menus). */
  hidden: number;
}

export type LocateResult =
  | { status: 'found'; element: Element; candidateIndex: number; tried: CandidateReport[] }
  | { status: 'missing'; tried: CandidateReport[] };

const IMPLICIT_ROLES: Record<string, string> = {
  button: 'button, input[type="button"], input[type="submit"], input[type="reset"], summary',
  link: 'a[href], area[href]',
  checkbox: 'input[type="checkbox"]',
  radio: 'input[type="radio"]',
  combobox: 'select:not([multiple])',
  listbox: 'select[multiple]',
  textbox: 'textarea, input:not([type]), input[type="text"], input[type="search"], input[type="email"]',
  heading: 'h1, h2, h3, h4, h5, h6',
  row: 'tr',
  table: 'table',
  dialog: 'dialog',
  navigation: 'nav',
};

function roleSelector(role: string): string {
  const explicit = `[role~="${role}"]`;
  const implicit = IMPLICIT_ROLES[role];
  return implicit ? `${explicit}, :is(${implicit}):not([role])` : explicit;
}

/** How an element's text is read; the page outline passes a bounded reader (a label may hold 10 MB). */
export type TextReader = (element: Element) => string;
const fullText: TextReader = (element) => element.textContent ?? '';

function textOfIds(element: Element, ids: string, textOf: TextReader): string {
  const doc = element.ownerDocument;
  return ids
    .split(/\s+/)
    .map((idRef) => {
      const target = doc.getElementById(idRef);
      return target ? textOf(target) : '';
    })
    .join(' ');
}

/** A pragmatic subset of the accessible-name algorithm: enough for console buttons, tabs and links. */
export function accessibleName(element: Element, textOf: TextReader = fullText): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = textOfIds(element, labelledBy, textOf);
    if (normalizeText(text)) return text;
  }
  const ariaLabel = element.getAttribute('aria-label');
  if (ariaLabel?.trim()) return ariaLabel;
  if (element.tagName === 'INPUT') {
    const input = element as HTMLInputElement;
    const labelText = Array.from(input.labels ?? [], (label) => textOf(label)).join(' ');
    if (labelText.trim()) return labelText;
    if (['button', 'submit', 'reset'].includes(input.type)) return input.value;
  }
  const text = textOf(element);
  if (text.trim()) return text;
  return element.getAttribute('title') ?? element.getAttribute('alt') ?? '';
}

/** Rendered = takes part in layout and is not visibility:hidden; hidden duplicates never count. */
export function isRendered(element: Element): boolean {
  if (typeof element.checkVisibility === 'function') {
    return element.checkVisibility({ visibilityProperty: true });
  }
  return !element.closest('[hidden]');
}

function queryAll(scope: Scope, css: string): Element[] {
  try {
    return Array.from(scope.querySelectorAll(css));
  } catch {
    // A selector this browser cannot parse must not break the page; the candidate just fails.
    return [];
  }
}

/**
 * Every open shadow root inside the scope, recursively: console micro-frontends render tab bars
 * and menus in web components, and a rule cannot know which. Closed roots stay closed. This walks
 * every element, so it runs only when the light DOM has no rendered match, and at most once per
 * scope within one `withLocatorCache` call.
 */
function findShadowRoots(scope: Scope): ShadowRoot[] {
  const cached = shadowCache?.get(scope);
  if (cached) return cached;
  const roots: ShadowRoot[] = [];
  const pending: Scope[] = [scope];
  while (pending.length > 0) {
    for (const element of pending.pop()!.querySelectorAll('*')) {
      if (element.shadowRoot) {
        roots.push(element.shadowRoot);
        pending.push(element.shadowRoot);
      }
    }
  }
  shadowCache?.set(scope, roots);
  return roots;
}

let shadowCache: WeakMap<Scope, ShadowRoot[]> | null = null;

/**
 * Runs `work` with one shadow-root walk per scope shared by every locator it resolves: a page
 * evaluation (page detection, step target, advance check) then walks a large DOM once, not once
 * per locator. The DOM must not change inside `work` (it is synchronous).
 */
export function withLocatorCache<T>(work: () => T): T {
  if (shadowCache) return work();
  shadowCache = new WeakMap();
  try {
    return work();
  } finally {
    shadowCache = null;
  }
}

function innerScope(element: Element): Scope {
  if (element.shadowRoot) return element.shadowRoot;
  const frameDocument = (element as HTMLIFrameElement).contentDocument;
  if (element.tagName === 'IFRAME' && frameDocument) return frameDocument;
  return element;
}

/** Light DOM first; open shadow roots only when the light DOM shows no match. */
function candidateMatches(candidate: Candidate, scope: Scope): Element[] {
  if (candidate.type === 'chain') return chainMatches(candidate.links, scope);
  const light = directMatches(candidate, scope);
  if (light.some(isRendered)) return light;
  return [...light, ...findShadowRoots(scope).flatMap((root) => directMatches(candidate, root))];
}

/** Each link resolves inside the previous link's match (its shadow root, iframe document, or itself). */
function chainMatches(links: readonly Candidate[], scope: Scope): Element[] {
  let scopes: Scope[] = [scope];
  let found: Element[] = [];
  for (const link of links) {
    found = scopes.flatMap((linkScope) => candidateMatches(link, linkScope).filter(isRendered));
    scopes = found.map(innerScope);
  }
  return found;
}

function directMatches(candidate: Exclude<Candidate, { type: 'chain' }>, scope: Scope): Element[] {
  switch (candidate.type) {
    case 'css':
      return queryAll(scope, candidate.css);
    case 'text':
      return queryAll(scope, candidate.css).filter((el) =>
        matchesAnyLabel(el.textContent ?? '', candidate.text, candidate.match),
      );
    case 'role':
      return queryAll(scope, roleSelector(candidate.role)).filter((el) =>
        matchesAnyLabel(accessibleName(el), candidate.name, candidate.match),
      );
    case 'testId': {
      const attribute = candidate.attribute ?? 'data-testid';
      return queryAll(scope, `[${attribute}="${candidate.value.replace(/["\\]/g, '\\$&')}"]`);
    }
  }
}

/**
 * A label wrapped in its own element (`<li class="tab"><div class="tab-inner">自动续订</div></li>`)
 * matches twice; when the outer element shows no other text they are one control, and the outer
 * one is what the user clicks. Matches that differ in text stay separate (and stay ambiguous).
 */
export function collapseNested(elements: Element[]): Element[] {
  if (elements.length < 2) return elements;
  const matched = new Set<Node>(elements);
  const texts = new Map<Element, string>();
  const textOf = (element: Element) => {
    let text = texts.get(element);
    if (text === undefined) {
      text = normalizeText(element.textContent);
      texts.set(element, text);
    }
    return text;
  };
  // The nearest matched element at or above each unmatched node already walked: every node is
  // walked once, so 2,000 matches cost about 2,000 steps, not 2,000² (issue 16).
  const nearestAbove = new Map<Node, Element | null>();
  const nearestMatchedAncestor = (element: Element): Element | null => {
    const walked: Node[] = [];
    let node = element.parentNode;
    let found: Element | null = null;
    while (node) {
      const known = nearestAbove.get(node);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (matched.has(node)) {
        found = node as Element;
        break;
      }
      walked.push(node);
      node = node.parentNode;
    }
    for (const each of walked) nearestAbove.set(each, found);
    return found;
  };
  // A descendant's text is part of its ancestor's: when any matched ancestor shows the same text,
  // so does the nearest one, which is the only one compared.
  return elements.filter((inner) => {
    const outer = nearestMatchedAncestor(inner);
    return !outer || textOf(outer) !== textOf(inner);
  });
}

function rankingContext(candidate: Candidate): Parameters<typeof rankMatches>[1] {
  if (candidate.type === 'role') return { labels: candidate.name, mode: candidate.match, nameOf: accessibleName };
  if (candidate.type === 'text')
    return { labels: candidate.text, mode: candidate.match, nameOf: (el) => el.textContent ?? '' };
  return { nameOf: accessibleName };
}

export function resolveLocator(locator: Locator, scope: Scope): LocateResult {
  return withLocatorCache(() => resolveCandidates(locator, scope));
}

function resolveCandidates(locator: Locator, scope: Scope): LocateResult {
  const tried: CandidateReport[] = [];
  for (const [index, candidate] of locator.candidates.entries()) {
    const all = candidateMatches(candidate, scope);
    const rendered = collapseNested(all.filter(isRendered));
    const ranked = rankMatches(rendered, rankingContext(candidate));
    tried.push({
      index,
      type: candidate.type,
      why: candidate.why,
      matched: rendered.length,
      hidden: all.length - rendered.length,
    });
    if (ranked.length === 1) return { status: 'found', element: ranked[0]!, candidateIndex: index, tried };
  }
  return { status: 'missing', tried };
}
