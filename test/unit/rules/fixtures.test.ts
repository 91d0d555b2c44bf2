/**
 * The rules against the replica pages: every page's example URLs match it and no other page, its
 * detector holds on its fixtures and on no other fixture, and every step anchor resolves to exactly
 * one rendered element on every fixture of the pages it shows on (recording which candidate won).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPage } from '../../../engine/decide';
import { evaluateDetector } from '../../../engine/detect';
import { resolveStepTarget } from '../../../engine/target';
import { matchPagesByUrl } from '../../../engine/url';
import { readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';
import { FIXTURES_DIR, listFixtures, loadFixture } from '../support/fixtures';

const { providers: providerFiles, guides: guideFiles } = validateRuleFiles(readRuleFiles());
const providers = providerFiles.map((p) => p.provider);
const guides = guideFiles.map((g) => g.guide);
const pages = providers.flatMap((provider) => provider.pages.map((page) => ({ provider, page })));
const allFixtures = listFixtures();

/**
 * Replica pages that belong to no page rule yet; they serve as negatives (look-alike words on
 * other consoles). Each must say why it is here, and leaves this list once a guide uses it.
 */
const NEGATIVE_ONLY: Record<string, string> = {
  'aliyun/console-home.zh.html': 'console home with a 待续费 widget: must not pass for the renewal page',
  'aliyun/renew-manual.zh.heldout-shadow.html':
    'tabs exist only in a shadow root the page script builds (scripts do not run here): covered in real Chromium by test/e2e/aliyun-renewal.e2e.test.ts',
};

describe('meta: every page has examples, every fixture is used', () => {
  it.each(pages.map(({ page }) => [page.id, page] as const))('%s lists fixtures that exist', (_id, page) => {
    for (const fixture of page.examples.fixtures) expect(existsSync(join(FIXTURES_DIR, fixture)), fixture).toBe(true);
  });
  it('every fixture is some page’s example or a listed negative', () => {
    const used = new Set(pages.flatMap(({ page }) => page.examples.fixtures));
    const unused = allFixtures.filter((fixture) => !used.has(fixture) && !(fixture in NEGATIVE_ONLY));
    expect(unused).toEqual([]);
    for (const fixture of Object.keys(NEGATIVE_ONLY)) {
      expect(used.has(fixture), `${fixture} is used by a page now: drop it from NEGATIVE_ONLY`).toBe(false);
    }
  });
  it('every guide shows somewhere or is a checklist-only guide with no anchors', () => {
    for (const guide of guides) {
      for (const step of guide.steps) {
        if (step.pages.length === 0) expect(step.anchor, `${guide.id}/${step.id}`).toBeUndefined();
      }
    }
  });
});

describe('URL matrix', () => {
  it.each(pages.map(({ page }) => [page.id, page] as const))(
    '%s: its example URLs match it and no other page',
    (_id, page) => {
      for (const url of page.examples.urls) {
        expect(
          matchPagesByUrl(providers, url).map((m) => m.page.id),
          url,
        ).toEqual([page.id]);
      }
    },
  );
});

describe('detector matrix', () => {
  const documents = new Map(allFixtures.map((fixture) => [fixture, loadFixture(fixture)]));
  it.each(pages.map(({ page }) => [page.id, page] as const))(
    '%s: detector holds on its fixtures and on no other fixture',
    (_id, page) => {
      for (const fixture of allFixtures) {
        const expected = page.examples.fixtures.includes(fixture);
        expect(evaluateDetector(page.detect, documents.get(fixture)!), `${page.id} on ${fixture}`).toBe(expected);
      }
    },
  );
  it.each(pages.map(({ page }) => [page.id, page] as const))(
    '%s: URL + DOM together recognise the page on each of its fixtures',
    (_id, page) => {
      for (const [index, fixture] of page.examples.fixtures.entries()) {
        const url = page.examples.urls[index % page.examples.urls.length]!;
        expect(detectPage(providers, url, documents.get(fixture)!)?.page.id, fixture).toBe(page.id);
      }
    },
  );
});

describe('anchors resolve to exactly one element on every fixture of their pages', () => {
  const cases = guides.flatMap((guide) =>
    guide.steps.flatMap((step) =>
      step.pages.flatMap((pageId) => {
        const page = pages.find((p) => p.page.id === pageId)!.page;
        return page.examples.fixtures.map((fixture) => ({ guide, step, fixture }));
      }),
    ),
  );
  // What the step points at on the page as served: its control, or the first menu level that
  // leads to it (deeper levels and the final item open only when the user clicks). The winning
  // candidate is snapshotted per case: a change is console drift or a rule change.
  it.each(cases.map((c) => [`${c.guide.id}/${c.step.id} on ${c.fixture}`, c] as const))(
    '%s',
    (name, { step, fixture }) => {
      const doc = loadFixture(fixture);
      const target = resolveStepTarget(step, doc);
      expect(target.status, `${name}: ${target.status === 'missing' ? JSON.stringify(target.tried) : ''}`).toBe(
        'found',
      );
      if (target.status !== 'found') return;
      if (step.menuPath)
        expect(target.menuLevel === 0 || target.menuLevel === null, `${name}: menu opens at level 1`).toBe(true);
      expect([target.menuLevel ?? 'anchor', target.candidateIndex]).toMatchSnapshot();
      if (step.rows) expect(target.rows.length, `${name}: rows with ${step.rows.status}`).toBeGreaterThan(0);
    },
  );
});
