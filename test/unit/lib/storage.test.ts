import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ALL_ITEMS,
  checklist,
  markStep,
  preferences,
  progress,
  recoveredItems,
  setChecklistItem,
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
    });
  });
});
