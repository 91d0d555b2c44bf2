/**
 * The only DOM observation CloudExit does, and only while a guide is active on the page: one
 * MutationObserver, throttled, torn down with the page visit's AbortSignal. Never a polling loop.
 */
import type { Locator } from '../rules/schema';
import { type LocateResult, resolveLocator } from './locate';

/** Attributes whose changes can show, hide or select a console control. */
const RELEVANT_ATTRIBUTES = ['class', 'style', 'hidden', 'open', 'aria-selected', 'aria-expanded', 'aria-hidden'];

/**
 * Calls `onChange` at most once per `throttleMs` after the DOM under `root` changes, ignoring
 * mutations inside `ignore` (our own UI). A burst of thousands of mutations costs one callback.
 */
export function watchDom(
  root: Node,
  onChange: () => void,
  options: { signal: AbortSignal; throttleMs?: number; ignore?: (node: Node) => boolean },
): void {
  const { signal, throttleMs = 60, ignore } = options;
  if (signal.aborted) return;
  const view = (root.ownerDocument ?? (root as Document)).defaultView ?? globalThis;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new view.MutationObserver((records) => {
    if (timer !== undefined) return;
    if (ignore && records.every((record) => ignore(record.target))) return;
    timer = view.setTimeout(() => {
      timer = undefined;
      if (!signal.aborted) onChange();
    }, throttleMs);
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: RELEVANT_ATTRIBUTES });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (timer !== undefined) view.clearTimeout(timer);
    },
    { once: true },
  );
}

/**
 * Runs `check` now and again whenever the DOM changes, until it returns something or `timeoutMs`
 * passes (racing "a mutation happened" against the timeout, never waiting for both).
 */
export function waitFor<T>(
  check: () => T | null,
  doc: Document,
  options: { signal: AbortSignal; timeoutMs: number; throttleMs?: number },
): Promise<T | null> {
  return new Promise((resolve) => {
    const first = check();
    if (first !== null || options.signal.aborted) return resolve(first);
    const local = new AbortController();
    const finish = (value: T | null) => {
      local.abort();
      resolve(value);
    };
    options.signal.addEventListener('abort', () => finish(null), { once: true, signal: local.signal });
    const view = doc.defaultView ?? globalThis;
    const timer = view.setTimeout(() => finish(null), options.timeoutMs);
    local.signal.addEventListener('abort', () => view.clearTimeout(timer), { once: true });
    watchDom(
      doc.documentElement,
      () => {
        const value = check();
        if (value !== null) finish(value);
      },
      { signal: local.signal, throttleMs: options.throttleMs },
    );
  });
}

/** The locator's element once it resolves to exactly one rendered element; null after the timeout. */
export async function waitForLocator(
  locator: Locator,
  doc: Document,
  options: { signal: AbortSignal; timeoutMs: number; throttleMs?: number },
): Promise<Extract<LocateResult, { status: 'found' }> | null> {
  return waitFor(
    () => {
      const result = resolveLocator(locator, doc);
      return result.status === 'found' ? result : null;
    },
    doc,
    options,
  );
}
