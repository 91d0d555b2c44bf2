import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { INJECT_OVERLAY, isPageState, PAGE_STATE, parseMessage, USER_PAGE_MATCH } from '../../../lib/messages';

beforeEach(() => fakeBrowser.reset());

describe('runtime messages are checked on arrival', () => {
  it('accepts exactly the known shapes', () => {
    expect(parseMessage({ type: INJECT_OVERLAY })).toEqual({ type: INJECT_OVERLAY });
    expect(parseMessage({ type: PAGE_STATE, extra: 1 })).toEqual({ type: PAGE_STATE });
    expect(parseMessage({ type: USER_PAGE_MATCH, href: 'https://x.example/' })).toEqual({
      type: USER_PAGE_MATCH,
      href: 'https://x.example/',
    });
    expect(parseMessage({ type: USER_PAGE_MATCH, href: 42 })).toBeNull();
    expect(parseMessage({ type: USER_PAGE_MATCH, href: 'x'.repeat(10_000) })).toBeNull();
    expect(parseMessage('cloudexit:inject-overlay')).toBeNull();
  });

  it('120 generated unexpected messages are refused, never thrown on', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ type: fc.string() }),
          fc.record({ type: fc.constantFrom(USER_PAGE_MATCH), href: fc.anything() }),
          // Page states with and without a valid ids list.
          fc.record({
            providerId: fc.string(),
            pageId: fc.string(),
            ids: fc.oneof(fc.array(fc.string()), fc.anything()),
          }),
        ),
        (message) => {
          const parsed = parseMessage(message);
          if (parsed) expect([INJECT_OVERLAY, PAGE_STATE, USER_PAGE_MATCH]).toContain(parsed.type);
          expect(isPageState(message)).toBe(
            typeof message === 'object' &&
              message !== null &&
              typeof (message as Record<string, unknown>).providerId === 'string' &&
              typeof (message as Record<string, unknown>).pageId === 'string' &&
              Array.isArray((message as Record<string, unknown>).ids) &&
              ((message as Record<string, unknown>).ids as unknown[]).every((id) => typeof id === 'string'),
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  it('the background answers strangers with an error and injects nothing', async () => {
    const executeScript = vi.fn();
    Object.assign(fakeBrowser, { scripting: { executeScript, getRegisteredContentScripts: async () => [] } });
    // The fake browser has no permission events; the background only subscribes to them here.
    const event = { addListener: vi.fn() };
    Object.assign(fakeBrowser.permissions, { onAdded: event, onRemoved: event });
    const background = (await import('../../../entrypoints/background')).default;
    background.main();
    const answers = await Promise.all(
      [{ type: 'nope' }, null, 'x', { type: INJECT_OVERLAY }].map(
        (message) =>
          new Promise((resolve) => {
            // A message from outside a tab (or from another extension) is refused too.
            (fakeBrowser.runtime.onMessage as unknown as { trigger: (...a: unknown[]) => unknown }).trigger(
              message,
              { id: 'someone-else' },
              resolve,
            );
          }),
      ),
    );
    expect(answers).toEqual(Array(4).fill({ ok: false, error: 'unexpected message' }));
    expect(executeScript).not.toHaveBeenCalled();
  });
});
