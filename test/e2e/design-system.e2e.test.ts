/**
 * The design-system fixtures in real Chromium: each live page (drawn by Cloudscape, Fusion Next or TEA,
 * bundled by `scripts/design-system-fixtures.mjs`) served at its real console address, with the
 * built extension. For every on-page step, with the steps before it done: the card shows that step
 * with its anchor found, at least half of the card is inside the viewport, and the ring sits on the
 * control the fixture names (its label, placeholder, list row or design-system class) — checked with
 * elementsFromPoint at the ring's centre, as a person sees it. Failures are compared both ways with
 * test/fixtures/design-system/known-gaps.e2e.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepSatisfiedOnPage } from '../../engine/decide';
import { resolveLocator } from '../../engine/locate';
import { stepAppliesHere } from '../../engine/target';
import type { Step } from '../../rules/schema';
import { buildDesignSystemFixtures, OUTPUT_DIR } from '../../scripts/design-system-fixtures.mjs';
import { readRuleFiles, validateRuleFiles } from '../../scripts/rule-files';
import {
  DESIGN_SYSTEM_DIR,
  type DesignSystemFixture,
  type ExpectedTarget,
  expectedTarget,
  listDesignSystemFixtures,
  loadDesignSystemFixture,
} from '../unit/support/design-system';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { type Box, readGuard, readOverlay, waitForCard } from './support/overlay';

const { guides } = validateRuleFiles(readRuleFiles());
const knownGaps = JSON.parse(readFileSync(join(DESIGN_SYSTEM_DIR, 'known-gaps.e2e.json'), 'utf8')) as {
  gaps: Record<string, string[]>;
};

/** The pages as served (no menu opened): a state is reached by clicks, which this file does not make. */
const fixtures = listDesignSystemFixtures().filter((fixture) => !fixture.state);

function advancesOnLoad(step: Step, doc: Document): boolean {
  return step.advanceOn?.type === 'appears' && resolveLocator(step.advanceOn.locator, doc).status === 'found';
}

const cases = fixtures.flatMap((fixture) => {
  const doc = loadDesignSystemFixture(fixture);
  return guides.flatMap(({ guide }) =>
    guide.steps.flatMap((step, index) =>
      step.pages.includes(fixture.entry.page) && !advancesOnLoad(step, doc) && stepAppliesHere(step, doc)
        ? [
            {
              name: `${fixture.name} › ${guide.id}/${step.id}`,
              // The page as served already shows this step done (its tab selected): the card passes over it.
              satisfied: stepSatisfiedOnPage(step, doc),
              fixture,
              guide,
              step,
              done: guide.steps.slice(0, index).map((earlier) => earlier.id),
              expected: expectedTarget(fixture, `${guide.id}/${step.id}`),
            },
          ]
        : [],
    ),
  );
});

let e2e: E2E;
beforeAll(async () => {
  await buildDesignSystemFixtures({ liveOnly: true });
  e2e = await startE2E();
}, 300_000);
afterAll(async () => e2e?.close());

function serve(fixture: DesignSystemFixture): string {
  const target = new URL(fixture.url);
  e2e.server.route(`${target.host}${target.pathname}`, join(OUTPUT_DIR, `${fixture.name}.html`));
  return target.href;
}

function halfInViewport(card: Box, viewport: { width: number; height: number }): boolean {
  const width = Math.max(0, Math.min(card.x + card.width, viewport.width) - Math.max(card.x, 0));
  const height = Math.max(0, Math.min(card.y + card.height, viewport.height) - Math.max(card.y, 0));
  return width * height >= (card.width * card.height) / 2;
}

/** In the page: does an element under the ring's centre answer to what the fixture says must be ringed? */
async function ringMarks(page: import('playwright-core').Page, ring: Box, expected: ExpectedTarget) {
  return page.evaluate(
    ({ ring, expected }) => {
      const label = (text: string | null | undefined) =>
        (text ?? '')
          .replace(/\s+/g, ' ')
          .trim()
          .toLowerCase()
          .replace(/[\s▾]+$/u, '')
          .replace(/\s*[(（]\s*\d+(?:\s*\/\s*\d+)?\s*[)）]$/u, '')
          .trim();
      const stack = document
        .elementsFromPoint(ring.x + ring.width / 2, ring.y + ring.height / 2)
        .filter((el) => el.localName !== 'cloudexit-ui');
      if (typeof expected === 'string' || Array.isArray(expected)) {
        const wanted = (Array.isArray(expected) ? expected : [expected]).map(label);
        // Names compared without spaces: a name split over elements reads "Delivery methodAll…" in textContent.
        const bare = (text: string) => text.replace(/\s+/g, '');
        const labelledBy = (el: Element) =>
          (el.getAttribute('aria-labelledby') ?? '')
            .split(/\s+/)
            .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''))
            .join(' ');
        return stack.some((el) =>
          [labelledBy(el), el.getAttribute('aria-label'), el.getAttribute('placeholder'), el.textContent]
            .map(label)
            .some((name) => wanted.map(bare).includes(bare(name))),
        );
      }
      if ('css' in expected) return stack.some((el) => el.matches(expected.css));
      return stack.some((el) =>
        (el.closest('table, [role="grid"]')?.parentElement?.textContent ?? '').includes(expected.table),
      );
    },
    { ring, expected },
  );
}

describe('design-system fixtures in real Chromium', () => {
  it('cover every fixture as served', () => {
    expect(new Set(cases.map((c) => c.fixture.name))).toEqual(new Set(fixtures.map((f) => f.name)));
  });

  it('passes over the steps a page already shows as done, and leads with a later one', async () => {
    for (const { fixture, guide, step, done } of cases.filter((c) => c.satisfied)) {
      await e2e.setStorage({
        progress: { [guide.id]: { done } },
        preferences: {
          preferredGuides: { [guide.provider]: guide.id },
          guideForPage: { [fixture.entry.page]: guide.id },
          hiddenPages: [],
        },
      });
      const page = await e2e.openPage(serve(fixture));
      try {
        await expect
          .poll(async () => (await readOverlay(page)).card?.stepId ?? null, { timeout: 15_000 })
          .not.toBeNull();
        const shownId = (await readOverlay(page)).card?.stepId;
        const shown = guide.steps.findIndex((candidate) => candidate.id === shownId);
        expect(shown, `${fixture.name} › ${guide.id}/${step.id}`).toBeGreaterThan(guide.steps.indexOf(step));
      } finally {
        await page.close();
      }
    }
  });

  it.each(cases.filter((c) => !c.satisfied))('$name', async ({ name, fixture, guide, step, done, expected }) => {
    // Several guides share some pages: the user chose this one (in the popup, on this page).
    await e2e.setStorage({
      progress: { [guide.id]: { done } },
      preferences: {
        preferredGuides: { [guide.provider]: guide.id },
        guideForPage: { [fixture.entry.page]: guide.id },
        hiddenPages: [],
      },
    });
    const page = await e2e.openPage(serve(fixture));
    const failures: string[] = [];
    try {
      const state = await waitForCard(page, step.id).catch(() => null);
      if (!state?.card) failures.push('no card for this step');
      else if (state.card.anchorState !== 'found' || state.rings.length === 0) failures.push('card without a ring');
      else {
        const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
        if (!halfInViewport(state.card.box, viewport)) failures.push('card less than half in the viewport');
        if (expected !== undefined && !(await ringMarks(page, state.rings[0]!, expected))) {
          failures.push('ring not on the control the fixture names');
        }
      }
      expect((await readGuard(page)).untrustedEvents).toEqual([]);
    } finally {
      await page.close();
    }
    expect(failures, name).toEqual(knownGaps.gaps[name] ?? []);
  });
});

describeNoExtensionNetwork(() => e2e);
