/**
 * Messages between CloudExit's own contexts. Every message is checked on arrival; anything else
 * (another extension, a stale content script after an update) is answered with an error, not obeyed.
 */
export const INJECT_OVERLAY = 'cloudexit:inject-overlay';
export const PAGE_STATE = 'cloudexit:page-state';
/** Does a page of an imported rule pack match this address? (Only the background reads packs.) */
export const USER_PAGE_MATCH = 'cloudexit:user-page-match';

/** The overlay asks for the rules of its console (the background loads and validates every pack). */
export const PAGE_RULES = 'cloudexit:page-rules';

/** The card's "Mark as cancelled": record, proof, reminders (the background does the work). */
export const MARK_CANCELLED = 'cloudexit:mark-cancelled';

export type ExtensionMessage =
  | { type: typeof INJECT_OVERLAY }
  | { type: typeof PAGE_STATE }
  | { type: typeof USER_PAGE_MATCH; href: string }
  | { type: typeof PAGE_RULES; href: string }
  | { type: typeof MARK_CANCELLED; providerId: string; guideId: string; ids: string[] };

const shortString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length < 200;
/** Provider and guide ids as the rule schema writes them (never markup). */
const ruleId = (value: unknown): value is string => shortString(value) && /^[a-z0-9][a-z0-9-]*$/.test(value);

export function parseMessage(message: unknown): ExtensionMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, href } = message as { type?: unknown; href?: unknown };
  if (type === INJECT_OVERLAY || type === PAGE_STATE) return { type };
  if ((type === USER_PAGE_MATCH || type === PAGE_RULES) && typeof href === 'string' && href.length < 8192)
    return { type, href };
  if (type === MARK_CANCELLED) {
    const { providerId, guideId, ids } = message as Record<string, unknown>;
    if (!ruleId(providerId) || !ruleId(guideId)) return null;
    if (!Array.isArray(ids) || ids.length > 50 || !ids.every(shortString)) return null;
    return { type, providerId, guideId, ids };
  }
  return null;
}

/** Every answer the background gives, whatever the message. */
export type BackgroundReply<T> = { ok: true; result: T } | { ok: false; error: string };

/** The answer to USER_PAGE_MATCH: does a page of an imported pack match the address? */
export type UserPageMatchReply = BackgroundReply<boolean>;

/** The detector's reading of a USER_PAGE_MATCH answer; anything but a clear yes is no. */
export function userPageMatched(reply: unknown): boolean {
  if (typeof reply !== 'object' || reply === null) return false;
  const { ok, result } = reply as Record<string, unknown>;
  return ok === true && result === true;
}

/** What the popup learns about a console tab. */
export interface PageState {
  providerId: string;
  pageId: string;
  /** Order / instance ids the page shows (by the page's idPattern), for the proof of cancellation. */
  ids: string[];
  /** The guide the card leads with on this page (the overlay's decision), so the popup shows the same one. */
  guideId?: string;
}

export function isPageState(value: unknown): value is PageState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return (
    typeof state.providerId === 'string' &&
    typeof state.pageId === 'string' &&
    Array.isArray(state.ids) &&
    state.ids.every((id) => typeof id === 'string') &&
    (state.guideId === undefined || typeof state.guideId === 'string')
  );
}
