/**
 * Round trip (issue 19): for every replica page, outline → regenerated fixture (what
 * `npm run fixture:from-outline` writes) → the same detector verdict for every page rule, and the
 * same anchored target (role and accessible name) for every step on the fixtures of its pages.
 * If this holds, an outline a user hands over is as good as the page for writing rules.
 */
import { describe, expect, it } from 'vitest';
import { evaluateDetector } from '../../../engine/detect';
import { accessibleName } from '../../../engine/locate';
import { buildPageOutline, implicitRole, outlineJson, scrubLabel } from '../../../engine/outline';
import { resolveStepTarget, type StepTarget } from '../../../engine/target';
import { normalizeText } from '../../../engine/text';
import { BUILTIN_ROUTE_WORDS } from '../../../lib/rules';
import { parseOutlineText } from '../../../rules/outline-schema';
import { renderReplica } from '../../../scripts/outline-replica';
import { readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';
import { htmlDocument, listFixtures, loadFixture } from '../support/fixtures';

const { providers: providerFiles, guides: guideFiles } = validateRuleFiles(readRuleFiles());
const providers = providerFiles.map((p) => p.provider);
const guides = guideFiles.map((g) => g.guide);
const pages = providers.flatMap((provider) => provider.pages);

/** Controls are compared by role and name; containers (tables, grids, lists) by role: their "name" is the data. */
const NAMED_BY_CONTENT = new Set(['button', 'link', 'tab', 'menuitem', 'option', 'heading', 'columnheader', 'radio']);

function described(target: StepTarget): string {
  if (target.status === 'missing') return 'missing';
  const element = target.element;
  const role = element.getAttribute('role')?.split(/\s+/)[0] ?? implicitRole(element) ?? element.tagName.toLowerCase();
  const labelled = element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby');
  const name =
    NAMED_BY_CONTENT.has(role) || labelled || element.tagName === 'INPUT'
      ? ` "${normalizeText(scrubLabel(accessibleName(element)))}"`
      : '';
  return `${role}${name} at menu level ${target.menuLevel ?? 'anchor'}, candidate ${target.candidateIndex}`;
}

describe.each(listFixtures())('%s', (fixture) => {
  const original = loadFixture(fixture);
  const outline = buildPageOutline(original, BUILTIN_ROUTE_WORDS);
  const json = outlineJson(outline);
  const replica = htmlDocument(renderReplica(outline));

  it('gives an outline that passes the schema', () => {
    const parsed = parseOutlineText(json);
    expect(parsed.ok ? 'ok' : parsed.error).toBe('ok');
    expect(outline.stats.truncated).toEqual([]);
  });

  it('gives the same detector verdict for every page rule', () => {
    const verdicts = (doc: Document) => pages.map((page) => `${page.id}: ${evaluateDetector(page.detect, doc)}`);
    expect(verdicts(replica)).toEqual(verdicts(original));
  });

  const steps = guides.flatMap((guide) =>
    guide.steps
      .filter((step) => step.pages.some((id) => pages.find((p) => p.id === id)?.examples.fixtures.includes(fixture)))
      .map((step) => ({ id: `${guide.id}/${step.id}`, step })),
  );
  if (steps.length > 0)
    // fixtures that only serve as negatives have no step to anchor
    it('anchors the same targets by role and name', () => {
      const targets = (doc: Document) =>
        steps.map(({ id, step }) => `${id}: ${described(resolveStepTarget(step, doc))}`);
      expect(targets(replica)).toEqual(targets(original));
    });
});
