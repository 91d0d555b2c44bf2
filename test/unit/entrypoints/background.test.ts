import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background';
import { MARK_CANCELLED, USER_PAGE_MATCH, userPageMatched } from '../../../lib/messages';
import { cancellations, userPacks } from '../../../lib/storage';
import { validPack } from '../support/packs';

// APIs the fake browser leaves unimplemented; the background only registers listeners on them here.
const listener = () => ({ addListener: vi.fn() });
const notifications = { onClicked: listener(), create: vi.fn(), clear: vi.fn() };

beforeEach(() => {
  fakeBrowser.reset();
  Object.assign(fakeBrowser, { notifications });
  Object.assign(fakeBrowser.permissions, { onAdded: listener(), onRemoved: listener() });
  background.main();
});

/** One message through the background's real listener, from a content script in tab 7. */
async function ask(message: unknown, sender: object = { id: fakeBrowser.runtime.id, tab: { id: 7 } }) {
  let answer: unknown;
  const responded = new Promise<void>((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(message, sender, (value: unknown) => {
      answer = value;
      resolve();
    });
  });
  await responded;
  return answer;
}

describe('the background answers in the shape its callers read', () => {
  it('a page defined only in a user pack is recognised by the detector from the real answer', async () => {
    await userPacks.write([{ id: 'p', importedAt: 1, pack: validPack() as never }]);
    const yes = await ask({ type: USER_PAGE_MATCH, href: 'https://rdsnext.console.aliyun.com/rdsList/cn-hangzhou' });
    expect(yes).toEqual({ ok: true, result: true });
    expect(userPageMatched(yes)).toBe(true);
    const no = await ask({ type: USER_PAGE_MATCH, href: 'https://rdsnext.console.aliyun.com/other' });
    expect(userPageMatched(no)).toBe(false);
  });

  it('anything but a clear yes reads as no', () => {
    for (const reply of [
      undefined,
      null,
      true,
      { match: true },
      { ok: true, result: 'yes' },
      { ok: false, error: 'x' },
    ])
      expect(userPageMatched(reply)).toBe(false);
  });

  it('refuses a message from outside a tab, in the same reply shape', async () => {
    expect(await ask({ type: USER_PAGE_MATCH, href: 'https://x.example/' }, { id: fakeBrowser.runtime.id })).toEqual({
      ok: false,
      error: 'unexpected message',
    });
  });

  it('refuses a mark-cancelled message for a guide or provider that does not exist', async () => {
    for (const message of [
      { type: MARK_CANCELLED, providerId: 'aliyun', guideId: 'no-such-guide', ids: [] },
      { type: MARK_CANCELLED, providerId: '<img src=x onerror=alert(1)>', guideId: 'aliyun-renewal-off', ids: [] },
    ]) {
      const answer = await ask(message, {
        id: fakeBrowser.runtime.id,
        tab: { id: 7, url: 'https://ecs.console.aliyun.com/' },
      });
      expect(answer).toMatchObject({ ok: false });
    }
    expect((await cancellations.read()).value).toEqual([]);
  });
});
