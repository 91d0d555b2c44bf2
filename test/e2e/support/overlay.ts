/**
 * Reading CloudExit's public DOM contract (architecture §4) from a page, the way acceptance checks
 * do: only through `<cloudexit-ui>`'s open shadow root and its data-cloudexit attributes.
 */
import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface OverlayState {
  hostCount: number;
  shadowMode: string | null;
  card: null | {
    guideId: string | null;
    stepId: string | null;
    anchorState: string | null;
    role: string | null;
    accessibleName: string;
    text: string;
    box: Box;
  };
  rings: Box[];
}

/**
 * Runs inside the page (Playwright or Puppeteer serialise it): reads the contract from
 * `<cloudexit-ui>`'s open shadow root. Self-contained on purpose: no closures.
 */
export function overlayStateInPage(): OverlayState {
  const hosts = document.querySelectorAll('cloudexit-ui');
  const root = hosts[0]?.shadowRoot ?? null;
  const card = root?.querySelector<HTMLElement>('[data-cloudexit="card"]') ?? null;
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  const labelledBy = card?.getAttribute('aria-labelledby');
  return {
    hostCount: hosts.length,
    shadowMode: root?.mode ?? null,
    card: card
      ? {
          guideId: card.getAttribute('data-guide-id'),
          stepId: card.getAttribute('data-step-id'),
          anchorState: card.getAttribute('data-anchor-state'),
          role: card.getAttribute('role'),
          accessibleName:
            card.getAttribute('aria-label') ??
            (labelledBy ? (root?.getElementById(labelledBy)?.textContent ?? '') : ''),
          text: card.textContent ?? '',
          box: box(card),
        }
      : null,
    rings: Array.from(root?.querySelectorAll('[data-cloudexit="ring"]') ?? [], box),
  };
}

export async function readOverlay(page: Page): Promise<OverlayState> {
  return page.evaluate(overlayStateInPage);
}

/** Waits until the card shows the given step (polling the page; the overlay renders asynchronously). */
export async function waitForCard(page: Page, stepId: string, timeoutMs = 15_000): Promise<OverlayState> {
  const deadline = Date.now() + timeoutMs;
  let state = await readOverlay(page);
  while (Date.now() < deadline) {
    state = await readOverlay(page);
    if (state.card?.stepId === stepId && (state.card.anchorState === 'fallback' || state.rings.length > 0))
      return state;
    await page.waitForTimeout(100);
  }
  throw new Error(`card for step "${stepId}" did not appear; overlay state: ${JSON.stringify(state)}`);
}

export function covers(outer: Box, inner: Box, tolerance = 1): boolean {
  return (
    outer.x <= inner.x + tolerance &&
    outer.y <= inner.y + tolerance &&
    outer.x + outer.width >= inner.x + inner.width - tolerance &&
    outer.y + outer.height >= inner.y + inner.height - tolerance
  );
}

/**
 * Records, from the page's own world, every untrusted click/input/submit event and every DOM
 * mutation outside <cloudexit-ui>: the extension must cause none of either.
 */
export const PAGE_GUARD_SCRIPT = `(() => {
  const record = { untrustedEvents: [], foreignMutations: [] };
  window.__cloudexitGuard = record;
  for (const type of ['click', 'mousedown', 'mouseup', 'input', 'change', 'submit', 'keydown']) {
    window.addEventListener(type, (event) => {
      if (!event.isTrusted) record.untrustedEvents.push(type);
    }, true);
  }
  const isOurs = (node) => node && node.nodeType === 1 && (node.localName === 'cloudexit-ui' || node.closest?.('cloudexit-ui'));
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (isOurs(m.target)) continue;
      const nodes = [...m.addedNodes, ...m.removedNodes];
      if (m.type === 'childList' && nodes.length > 0 && nodes.every(isOurs)) continue;
      if (!record.paused) record.foreignMutations.push(m.type + ' ' + (m.target.nodeName || '') + ' ' + (m.attributeName || ''));
    }
  });
  // Parsing the page is not a mutation by anyone: start counting once the document is parsed.
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
})();`;

export interface GuardRecord {
  untrustedEvents: string[];
  foreignMutations: string[];
}

export async function readGuard(page: Page): Promise<GuardRecord> {
  return page.evaluate(() => (window as unknown as { __cloudexitGuard: GuardRecord }).__cloudexitGuard);
}

/** The page's own scripts mutate the DOM when the user clicks; stop counting before a real click. */
export async function pauseGuard(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __cloudexitGuard: { paused: boolean } }).__cloudexitGuard.paused = true;
  });
}
