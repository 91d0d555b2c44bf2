/**
 * Messages between CloudExit's own contexts. Every message is checked on arrival; anything else
 * (another extension, a stale content script after an update) is answered with an error, not obeyed.
 */
export const INJECT_OVERLAY = 'cloudexit:inject-overlay';
export const PAGE_STATE = 'cloudexit:page-state';

export type ExtensionMessage = { type: typeof INJECT_OVERLAY } | { type: typeof PAGE_STATE };

export function parseMessage(message: unknown): ExtensionMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type } = message as { type?: unknown };
  if (type === INJECT_OVERLAY || type === PAGE_STATE) return { type };
  return null;
}

/** What the popup learns about a console tab. */
export interface PageState {
  providerId: string;
  pageId: string;
}

export function isPageState(value: unknown): value is PageState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return typeof state.providerId === 'string' && typeof state.pageId === 'string';
}
