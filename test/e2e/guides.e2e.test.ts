/**
 * Every on-page step of every guide, from the rules themselves: on every replica fixture of each
 * page where the step shows, with the steps before it done, the built extension in real Chromium
 * shows that step's card with a ring on the control its anchor (or a menu level) names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepSatisfiedOnPage } from '../../engine/decide';
import { resolveLocator } from '../../engine/locate';
import { stepAppliesHere } from '../../engine/target';
import type { Candidate, Provider, Step } from '../../rules/schema';
import { readRuleFiles, validateRuleFiles } from '../../scripts/rule-files';
import { loadFixture } from '../unit/support/fixtures';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { readGuard, readOverlay, waitForCard } from './support/overlay';

const { providers, guides } = validateRuleFiles(readRuleFiles());

/**
 * A step whose "appears" condition already holds on the page as served is done at once (the card
 * moves on, correctly); it is checked by the fixture tests instead. Evaluated here with the engine
 * on the fixture, the same way the unit tests do.
 */
function advancesOnLoad(step: Step, fixture: string): boolean {
  if (step.advanceOn?.type !== 'appears') return false;
  return resolveLocator(step.advanceOn.locator, loadFixture(fixture)).status === 'found';
}

const cases = guides.flatMap(({ guide }) => {
  const provider = providers.find((p) => p.provider.id === guide.provider)!.provider;
  const firstOnPage = guide.steps.find((s) => s.pages.length > 0);
  return guide.steps.flatMap((step, index) =>
    step.pages.flatMap((pageId) => {
      const page = provider.pages.find((p) => p.id === pageId)!;
      return page.examples.fixtures
        .map((fixture, n) => ({
          name: `${guide.id} › ${step.id} on ${fixture}`,
          pageId,
          first: step === firstOnPage,
          provider,
          guide,
          step,
          done: guide.steps.slice(0, index).map((earlier) => earlier.id),
          fixture,
          url: page.examples.urls[n % page.examples.urls.length]!,
          // The page as served already shows this step done (its tab selected): the card passes over it.
          satisfied: stepSatisfiedOnPage(step, loadFixture(fixture)),
        }))
        .filter(
          (c) =>
            !advancesOnLoad(step, c.fixture) &&
            (!step.rows || c.first || stepAppliesHere(step, loadFixture(c.fixture))),
        );
    }),
  );
});

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

/**
 * A host the detector already runs on, standing in for a self-hosted console: on a real machine
 * the user grants the Zabbix origin first (optional host permission), which a test cannot click
 * through; after the grant the same detector and overlay code runs there.
 */
const SELF_HOSTED_STAND_IN = 'console.cloud.tencent.com';

/** Serves `fixture` where `url` points and returns the address to open. */
function serve(provider: Provider, url: string, fixture: string): string {
  const target = new URL(url);
  if (provider.kind === 'self-hosted') target.host = SELF_HOSTED_STAND_IN;
  e2e.server.route(`${target.host}${target.pathname}`, fixture);
  return target.href;
}

/**
 * Does the element under the ring's centre answer to one of the anchor's candidates? Checked in
 * the page with plain DOM calls, the way a person would recognise the control by its label.
 */
async function ringMarksCandidate(
  page: import('playwright-core').Page,
  candidates: Candidate[],
  ring: { x: number; y: number; width: number; height: number },
) {
  return page.evaluate(
    ({ candidates, ring }) => {
      const fold = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
      const x = ring.x + ring.width / 2;
      const y = ring.y + ring.height / 2;
      const stack: Element[] = [];
      const collect = (root: Document | ShadowRoot) => {
        for (const el of root.elementsFromPoint(x, y)) {
          if (el.localName === 'cloudexit-ui' || stack.includes(el)) continue;
          stack.push(el);
          if (el.shadowRoot) collect(el.shadowRoot);
        }
      };
      collect(document);
      const labelled = (el: Element, labels: string[]) => {
        const names = [el.getAttribute('aria-label'), el.textContent].map(fold);
        return labels.some((label) => names.some((name) => name.includes(fold(label))));
      };
      const flat = (list: Candidate[]): Candidate[] =>
        list.flatMap((c) => (c.type === 'chain' ? [c.links.at(-1)!] : [c]));
      return stack.some((el) =>
        flat(candidates).some((c) => {
          try {
            if (c.type === 'css') return el.matches(c.css);
            if (c.type === 'text') return el.matches(c.css) && labelled(el, c.text);
            if (c.type === 'role') return labelled(el, c.name);
            if (c.type === 'testId') return el.getAttribute(c.attribute ?? 'data-testid') === c.value;
          } catch {
            return false;
          }
          return false;
        }),
      );
    },
    { candidates, ring },
  );
}

describe('every on-page step shows on every fixture of its pages', () => {
  it('covers every provider that has console pages, and the first on-page step of every on-page guide', () => {
    const withPages = providers.filter((p) => p.provider.pages.length > 0).map((p) => p.provider.id);
    expect(new Set(cases.map((c) => c.provider.id))).toEqual(new Set(withPages));
    const onPageGuides = guides.filter(({ guide }) => guide.steps.some((step) => step.pages.length > 0));
    expect(new Set(cases.filter((c) => c.first).map((c) => c.guide.id))).toEqual(
      new Set(onPageGuides.map((g) => g.guide.id)),
    );
  });

  const shown = cases.filter((c) => !c.satisfied);
  const passedOver = cases.filter((c) => c.satisfied);

  it('passes over, on arrival, every step the page already shows as done (a selected tab)', async () => {
    expect(passedOver.length).toBeGreaterThan(0); // the fixtures do hold such pages (普通云资源 selected by default)
    for (const { provider, guide, step, done, fixture, url, pageId } of passedOver) {
      await e2e.setStorage({
        progress: { [guide.id]: { done } },
        preferences: {
          preferredGuides: { [provider.id]: guide.id },
          guideForPage: { [pageId]: guide.id },
          hiddenPages: [],
        },
      });
      const page = await e2e.openPage(serve(provider, url, fixture));
      try {
        await expect
          .poll(async () => (await readOverlay(page)).card?.stepId ?? null, { timeout: 15_000 })
          .not.toBeNull();
        const { card } = await readOverlay(page);
        expect(card?.guideId).toBe(guide.id);
        const shownIndex = guide.steps.findIndex((candidate) => candidate.id === card?.stepId);
        expect(shownIndex, `${guide.id} › ${step.id} on ${fixture}`).toBeGreaterThan(guide.steps.indexOf(step));
      } finally {
        await page.close();
      }
    }
  });

  it.each(shown)('$name', async ({ provider, guide, step, done, fixture, url, pageId }: (typeof cases)[number]) => {
    await e2e.setStorage({
      progress: { [guide.id]: { done } },
      preferences: {
        preferredGuides: { [provider.id]: guide.id },
        guideForPage: { [pageId]: guide.id },
        hiddenPages: [],
      },
    });
    const page = await e2e.openPage(serve(provider, url, fixture));
    try {
      const state = await waitForCard(page, step.id);
      expect(state.card).toMatchObject({ guideId: guide.id, stepId: step.id, anchorState: 'found', role: 'dialog' });
      expect(state.rings.length).toBeGreaterThan(0);
      // The control's ring, not a row ring: on list pages the rows' rings can render before the
      // control's ring has its position, so wait for the latter.
      const controlRing = () =>
        page.evaluate(() => {
          const ring = document
            .querySelector('cloudexit-ui')
            ?.shadowRoot?.querySelector('[data-cloudexit="ring"]:not([data-ring-kind="row"])');
          if (!ring) return null;
          const { x, y, width, height } = ring.getBoundingClientRect();
          return { level: ring.getAttribute('data-menu-level'), box: { x, y, width, height } };
        });
      await expect.poll(controlRing, { timeout: 5000 }).not.toBeNull();
      const { level, box } = (await controlRing())!;
      const locator = level ? step.menuPath![Number(level) - 1]! : (step.anchor ?? step.menuPath!.at(-1)!);
      expect(await ringMarksCandidate(page, locator.candidates, box)).toBe(true);
      const guard = await readGuard(page);
      expect(guard.untrustedEvents).toEqual([]);
      expect(guard.foreignMutations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describeNoExtensionNetwork(() => e2e);
