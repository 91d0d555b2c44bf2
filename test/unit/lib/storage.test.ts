import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { markCancelled } from '../../../lib/followup';
import {
  ALL_ITEMS,
  type Cancellation,
  CancellationSchema,
  cancellations,
  checklist,
  dismissDroppedEntries,
  MAX_STORED_ENTRIES,
  markStep,
  preferences,
  progress,
  recoveredItems,
  setChecklistItem,
  storageProblems,
  type UserPack,
  userPacks,
} from '../../../lib/storage';

beforeEach(() => {
  fakeBrowser.reset();
});

/** Values that are not what an item holds: wrong types, wrong shapes, truncated JSON text. */
const malformed = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything(), { minLength: 1 }),
  fc.constant('{"progress": {"g": {"done": ['),
  fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { minKeys: 1 }),
  fc.record({ done: fc.string() }),
  fc.record({ preferredGuides: fc.array(fc.string()), hiddenPages: fc.integer() }),
  fc.record({ language: fc.constantFrom('fr', 'de', 1, null) }),
);

describe('stored values are validated when read', () => {
  it('round-trips good values', async () => {
    await markStep('aliyun-renewal-off', 'open-auto-renew-tab', 'done', 1);
    await setChecklistItem('aliyun-renewal-off', 'backup', true, 2);
    expect((await progress.read()).value).toEqual({
      'aliyun-renewal-off': { done: ['open-auto-renew-tab'], skipped: [], updatedAt: 1 },
    });
    expect((await checklist.read()).value).toEqual({ 'aliyun-renewal-off': { checked: ['backup'], updatedAt: 2 } });
    expect(await recoveredItems()).toEqual([]);
  });

  for (const [name, item] of Object.entries(ALL_ITEMS)) {
    it(`${name}: 60 generated malformed values fall back to the default for that item only`, async () => {
      // Another item holds a good value throughout; it must survive every corruption of this one.
      const keep =
        name === 'progress'
          ? () => setChecklistItem('kept', 'item', true, 5)
          : () => markStep('kept', 'step', 'done', 5);
      const kept = async () =>
        name === 'progress' ? (await checklist.read()).value.kept?.checked : (await progress.read()).value.kept?.done;
      let recoveredCases = 0;
      await fc.assert(
        fc.asyncProperty(malformed, async (bad) => {
          fakeBrowser.reset();
          await keep();
          await fakeBrowser.storage.local.set({ [item.key.replace(/^local:/, '')]: bad });
          const read = await item.read();
          // Some generated values happen to be valid (an empty record is a valid progress map).
          if (read.recovered) {
            expect(read.value).toEqual(item.item.fallback);
            recoveredCases++;
          } else if (read.dropped > 0) {
            recoveredCases++; // a map item: the bad entries left out, which is all this value held
            expect(read.value).toEqual(item.item.fallback);
          }
          expect(await kept()).toEqual([name === 'progress' ? 'item' : 'step']);
        }),
        { numRuns: 60 },
      );
      expect(recoveredCases).toBeGreaterThan(30);
    });
  }

  it('names the recovered items so the UI can say which', async () => {
    await fakeBrowser.storage.local.set({ preferences: 'garbage', settings: { language: 'klingon' } });
    expect(await recoveredItems()).toEqual(['preferences', 'settings']);
    expect((await preferences.read()).value.hiddenPages).toEqual([]);
  });

  it('a write replaces a corrupted value with a good one', async () => {
    await fakeBrowser.storage.local.set({ progress: [1, 2, 3] });
    await markStep('g', 's', 'skipped', 3);
    expect(await progress.read()).toEqual({
      value: { g: { done: [], skipped: ['s'], updatedAt: 3 } },
      recovered: false,
      dropped: 0,
    });
  });
});

/** Entries that are not what a list or map item holds (each fails that entry's schema). */
const badEntry = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.integer()),
  fc.record({ id: fc.integer(), at: fc.string() }),
  fc.record({ done: fc.string() }),
);

const goodCancellation = fc.record({
  id: fc.uuid(),
  providerId: fc.constantFrom('aliyun', 'tencent', 'aws'),
  guideId: fc.stringMatching(/^[a-z][a-z-]{0,20}$/),
  at: fc.integer({ min: 0, max: 2 ** 40 }),
  url: fc.constant('https://ecs.console.aliyun.com/'),
  ids: fc.array(fc.stringMatching(/^i-[a-z0-9]{10}$/), { maxLength: 3 }),
  hasScreenshot: fc.boolean(),
}) satisfies fc.Arbitrary<Cancellation>;

/** Good entries with bad ones at random places; returns the mixed list and the good ones in order. */
function mixed<T>(good: fc.Arbitrary<T>) {
  return fc
    .array(
      fc.oneof(
        good.map((value) => ({ good: true as const, value })),
        badEntry.map((value) => ({ good: false as const, value })),
      ),
      {
        minLength: 1,
        maxLength: 12,
      },
    )
    .filter((entries) => entries.some((entry) => !entry.good))
    .map((entries) => ({
      stored: entries.map((entry) => entry.value),
      good: entries.filter((entry) => entry.good).map((entry) => entry.value as T),
      bad: entries.filter((entry) => !entry.good).length,
    }));
}

const pack = (name: string): UserPack => ({
  id: `pack-${name}`,
  importedAt: 1,
  pack: { schemaVersion: 1, name, providers: [], guides: [] },
});

describe('list and map items are validated entry by entry', () => {
  it('cancellations: a bad entry is left out, the good ones kept, and the next record keeps them too', async () => {
    await fc.assert(
      fc.asyncProperty(mixed(goodCancellation), async ({ stored, good, bad }) => {
        fakeBrowser.reset();
        await fakeBrowser.storage.local.set({ cancellations: stored });
        expect(await cancellations.read()).toEqual({ value: good, recovered: false, dropped: bad });
        expect(await storageProblems()).toEqual([{ name: 'cancellations', recovered: false, dropped: bad }]);
        const record = await markCancelled({
          providerId: 'aliyun',
          guideId: 'aliyun-renewal-off',
          href: 'https://ecs.console.aliyun.com/',
          ids: [],
        });
        expect((await cancellations.read()).value).toEqual([...good, record]);
      }),
      { numRuns: 40 },
    );
  });

  it('the notice outlives the write that removed the bad entry, until the user dismisses it', async () => {
    await fakeBrowser.storage.local.set({ cancellations: [{ id: 'broken' }] });
    // The background records a cancellation before the user ever opens the options page.
    await markCancelled({
      providerId: 'aliyun',
      guideId: 'aliyun-renewal-off',
      href: 'https://ecs.console.aliyun.com/',
      ids: [],
    });
    expect((await cancellations.read()).dropped).toBe(0); // storage is clean now
    expect(await storageProblems()).toEqual([{ name: 'cancellations', recovered: false, dropped: 1 }]);
    await dismissDroppedEntries();
    expect(await storageProblems()).toEqual([]);
  });

  it('userPacks: one malformed pack does not take the others with it when a pack is added', async () => {
    await fc.assert(
      fc.asyncProperty(mixed(fc.stringMatching(/^[A-Za-z]{1,8}$/).map(pack)), async ({ stored, good, bad }) => {
        fakeBrowser.reset();
        await fakeBrowser.storage.local.set({ userPacks: stored });
        const read = await userPacks.read();
        expect(read).toEqual({ value: good, recovered: false, dropped: bad });
        await userPacks.write([...read.value, pack('added')]);
        expect((await userPacks.read()).value).toEqual([...good, pack('added')]);
      }),
      { numRuns: 40 },
    );
  });

  it('progress: a bad guide entry does not reset the other guides when a step is marked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.stringMatching(/^[a-z]{1,10}$/),
          fc.oneof(
            fc.record({ done: fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 3 }) }).map((value) => ({
              good: true as const,
              value,
            })),
            badEntry.map((value) => ({ good: false as const, value })),
          ),
          { minKeys: 1, maxKeys: 8 },
        ),
        async (entries) => {
          fakeBrowser.reset();
          const stored = Object.fromEntries(Object.entries(entries).map(([key, entry]) => [key, entry.value]));
          const good = Object.fromEntries(
            Object.entries(entries).flatMap(([key, entry]) => (entry.good ? [[key, entry.value]] : [])),
          );
          await fakeBrowser.storage.local.set({ progress: stored });
          const read = await progress.read();
          expect(read.value).toEqual(good);
          expect(read.dropped).toBe(Object.keys(stored).length - Object.keys(good).length);
          await markStep('Another-guide', 'step', 'done', 9);
          expect((await progress.read()).value).toEqual({
            ...good,
            'Another-guide': { done: ['step'], skipped: [], updatedAt: 9 },
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a stored "__proto__" entry stays data: it neither pollutes nor hides the other entries', async () => {
    await fakeBrowser.storage.local.set({
      progress: JSON.parse('{"__proto__": {"done": ["x"]}, "g": {"done": ["s"]}, "bad": 5}'),
    });
    const read = await progress.read();
    expect(read.value.g).toEqual({ done: ['s'] });
    expect(read.dropped).toBe(1);
    expect(({} as Record<string, unknown>).done).toBeUndefined();
  });

  it('a list longer than any real use is treated as corrupt without being checked entry by entry', async () => {
    // A huge corrupt value once made the popup take seconds: every entry was validated, and failed.
    await fakeBrowser.storage.local.set({ cancellations: Array.from({ length: 200_000 }, () => ({ id: 1 })) });
    const checked = vi.spyOn(CancellationSchema, 'safeParse');
    try {
      expect(await cancellations.read()).toEqual({ value: [], recovered: true, dropped: 0 });
      expect(await recoveredItems()).toEqual(['cancellations']);
      expect(checked).not.toHaveBeenCalled();
    } finally {
      checked.mockRestore();
    }
    await fakeBrowser.storage.local.set({ cancellations: Array.from({ length: MAX_STORED_ENTRIES + 1 }, () => 1) });
    expect((await cancellations.read()).recovered).toBe(true);
  });
});
