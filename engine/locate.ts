import type { Candidate, Locator } from '../rules/schema';
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

function textOfIds(element: Element, ids: string): string {
  const doc = element.ownerDocument;
  return ids
    .split(/\s+/)
    .map((idRef) => doc.getElementById(idRef)?.textContent ?? '')
    .join(' ');
}

/** A pragmatic subset of the accessible-name algorithm: enough for console buttons, tabs and links. */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = normalizeText(textOfIds(element, labelledBy));
    if (text) return textOfIds(element, labelledBy);
  }
  const ariaLabel = element.getAttribute('aria-label');
  if (ariaLabel?.trim()) return ariaLabel;
  if (element.tagName === 'INPUT') {
    const input = element as HTMLInputElement;
    const labelText = Array.from(input.labels ?? [], (label) => label.textContent ?? '').join(' ');
    if (labelText.trim()) return labelText;
    if (['button', 'submit', 'reset'].includes(input.type)) return input.value;
  }
  const text = element.textContent ?? '';
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
 * The scope plus every open shadow root inside it, recursively: console micro-frontends render
 * tab bars and menus in web components, and a rule cannot know which. Closed roots stay closed.
 */
function searchScopes(scope: Scope): Scope[] {
  const scopes: Scope[] = [scope];
  for (let i = 0; i < scopes.length; i++) {
    for (const element of scopes[i]!.querySelectorAll('*')) {
      if (element.shadowRoot) scopes.push(element.shadowRoot);
    }
  }
  return scopes;
}

function innerScope(element: Element): Scope {
  if (element.shadowRoot) return element.shadowRoot;
  const frameDocument = (element as HTMLIFrameElement).contentDocument;
  if (element.tagName === 'IFRAME' && frameDocument) return frameDocument;
  return element;
}

function candidateMatches(candidate: Candidate, scope: Scope, scopes: Scope[] = searchScopes(scope)): Element[] {
  if (candidate.type === 'chain') return chainMatches(candidate.links, scope);
  return scopes.flatMap((searchScope) => directMatches(candidate, searchScope));
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
function collapseNested(elements: Element[]): Element[] {
  return elements.filter(
    (inner) =>
      !elements.some(
        (outer) =>
          outer !== inner &&
          outer.contains(inner) &&
          normalizeText(outer.textContent) === normalizeText(inner.textContent),
      ),
  );
}

export function resolveLocator(locator: Locator, scope: Scope): LocateResult {
  const tried: CandidateReport[] = [];
  const scopes = searchScopes(scope); // once per resolution: every candidate searches the same roots
  for (const [index, candidate] of locator.candidates.entries()) {
    const all = candidateMatches(candidate, scope, scopes);
    const rendered = collapseNested(all.filter(isRendered));
    tried.push({
      index,
      type: candidate.type,
      why: candidate.why,
      matched: rendered.length,
      hidden: all.length - rendered.length,
    });
    if (rendered.length === 1) return { status: 'found', element: rendered[0]!, candidateIndex: index, tried };
  }
  return { status: 'missing', tried };
}
