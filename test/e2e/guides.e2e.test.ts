/**
 * Every on-page guide, from the rules themselves: on every replica fixture of the page where its
 * first on-page step shows, the built extension in real Chromium shows that step's card with a
 * ring on the control the step's anchor (or first menu level) names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate, Provider } from '../../rules/schema';
import { readRuleFiles, validateRuleFiles } from '../../scripts/rule-files';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { readGuard, waitForCard } from './support/overlay';

const { providers, guides } = validateRuleFiles(readRuleFiles());

/** Fixtures whose pages only exist once the page's scripts run are fine here: this is a real browser. */
const cases = guides.flatMap(({ guide }) => {
  const provider = providers.find((p) => p.provider.id === guide.provider)!.provider;
  const step = guide.steps.find((s) => s.pages.length > 0);
  if (!step) return [];
  return step.pages.flatMap((pageId) => {
    const page = provider.pages.find((p) => p.id === pageId)!;
    return page.examples.fixtures.map((fixture, index) => ({
      name: `${guide.id} › ${step.id} on ${fixture}`,
      provider,
      guide,
      page,
      stepId: step.id,
      fixture,
      url: page.examples.urls[index % page.examples.urls.length]!,
      candidates: (step.anchor ?? step.menuPath![0]!).candidates,
    }));
  });
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

describe('the first on-page step of every guide shows on every fixture of its page', () => {
  it('covers at least one guide per provider that has console pages', () => {
    const withPages = providers.filter((p) => p.provider.pages.length > 0).map((p) => p.provider.id);
    expect(new Set(cases.map((c) => c.provider.id))).toEqual(new Set(withPages));
  });

  it.each(cases)('$name', async ({ provider, guide, stepId, fixture, url, candidates }: (typeof cases)[number]) => {
    await e2e.setStorage({ preferences: { preferredGuides: { [provider.id]: guide.id }, hiddenPages: [] } });
    const page = await e2e.openPage(serve(provider, url, fixture));
    try {
      const state = await waitForCard(page, stepId);
      expect(state.card).toMatchObject({ guideId: guide.id, stepId, anchorState: 'found', role: 'dialog' });
      expect(state.rings.length).toBeGreaterThan(0);
      expect(await ringMarksCandidate(page, candidates, state.rings[0]!)).toBe(true);
      const guard = await readGuard(page);
      expect(guard.untrustedEvents).toEqual([]);
      expect(guard.foreignMutations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describeNoExtensionNetwork(() => e2e);
