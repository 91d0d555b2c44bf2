/**
 * The rules and the engine on pages drawn by the consoles' own component libraries (Cloudscape,
 * Fusion Next, TEA), in every console language, and on generated variants of each page: on every
 * fixture × variant, the page's detector holds and no other page's does, the URL + DOM recognise the
 * page, and every on-page step rings exactly the control the console shows for it (never a decoy
 * the variant added). Cases that still fail are listed in test/fixtures/design-system/known-gaps.json;
 * the test compares the failures with that list both ways, so a newly failing case and a newly
 * passing one both show. `UPDATE_KNOWN_GAPS=1` rewrites the list (review the diff).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectPage } from '../../../engine/decide';
import { evaluateDetector } from '../../../engine/detect';
import { accessibleName, isRendered } from '../../../engine/locate';
import { resolveStepTarget } from '../../../engine/target';
import { normalizeText } from '../../../engine/text';
import type { Guide, Step } from '../../../rules/schema';
import { readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';
import {
  DESIGN_SYSTEM_DIR,
  type DesignSystemFixture,
  type ExpectedTarget,
  expectedTarget,
  listDesignSystemFixtures,
  loadDesignSystemFixture,
  VARIANTS,
} from '../support/design-system';

const { providers: providerFiles, guides: guideFiles } = validateRuleFiles(readRuleFiles());
const providers = providerFiles.map((p) => p.provider);
const guides = guideFiles.map((g) => g.guide);
const pages = providers.flatMap((provider) => provider.pages);
const fixtures = listDesignSystemFixtures();
const KNOWN_GAPS_FILE = join(DESIGN_SYSTEM_DIR, 'known-gaps.json');
const knownGaps = (await import(KNOWN_GAPS_FILE, { with: { type: 'json' } })).default as {
  gaps: Record<string, string[]>;
  pagesWithoutFixture?: string[];
};
const observed: Record<string, string[]> = {};

function stepsOn(pageId: string): { guide: Guide; step: Step }[] {
  return guides.flatMap((guide) =>
    guide.steps.filter((step) => step.pages.includes(pageId)).map((step) => ({ guide, step })),
  );
}

/** A label as the user reads it: whitespace, a trailing count or a ▾ do not change it. */
function label(text: string): string {
  return normalizeText(text)
    .replace(/[\s▾]+$/u, '')
    .replace(/\s*[(（]\s*\d+(?:\s*\/\s*\d+)?\s*[)）]$/u, '')
    .trim();
}

function meets(element: Element, expected: ExpectedTarget): string | null {
  if (typeof expected === 'string' || Array.isArray(expected)) {
    const wanted = (Array.isArray(expected) ? expected : [expected]).map(label);
    const names = [accessibleName(element), element.getAttribute('placeholder') ?? ''].map(label);
    if (names.some((name) => wanted.includes(name))) return null;
    return `rings "${names[0]!.slice(0, 60)}" (${element.tagName}), not "${wanted.join('" or "')}"`;
  }
  if ('css' in expected) {
    return element.matches(expected.css) ? null : `rings ${element.tagName}.${element.className}, not ${expected.css}`;
  }
  const tables = [element, ...element.querySelectorAll('table, [role="grid"], [role="table"]')].filter((el) =>
    el.matches('table, [role="grid"], [role="table"]'),
  );
  const holdsRow = tables.some((table) =>
    Array.from(table.querySelectorAll('td, [role="gridcell"], [role="cell"]')).some(
      (cell) => isRendered(cell) && normalizeText(cell.textContent).includes(normalizeText(expected.table)),
    ),
  );
  return holdsRow ? null : `rings ${element.tagName}.${element.className}, not the table with row ${expected.table}`;
}

/** The element the fixture itself says a step must ring (labels the console shows, not the rules'). */
function expectedElements(doc: Document, fixture: DesignSystemFixture): Element[] {
  return Object.keys(fixture.entry.targets).flatMap((key) => {
    const expected = expectedTarget(fixture, key);
    if (typeof expected !== 'string' && !Array.isArray(expected)) return [];
    const names = (Array.isArray(expected) ? expected : [expected]).map(label);
    return Array.from(
      doc.querySelectorAll(
        'button, a, [role="tab"], [role="button"], [role="menuitem"], [role="radio"], .tea-tabs__tab',
      ),
    ).filter((el) => isRendered(el) && names.includes(label(accessibleName(el))));
  });
}

function labelsOf(step: Step): string[] {
  const candidates = [...(step.anchor?.candidates ?? []), ...(step.menuPath?.[0]?.candidates ?? [])];
  return candidates.flatMap((c) => (c.type === 'role' ? c.name : c.type === 'text' ? c.text : []));
}

function check(fixture: DesignSystemFixture, variantId: string): Record<string, string> {
  const variant = VARIANTS.find((v) => v.id === variantId)!;
  const doc = loadDesignSystemFixture(fixture);
  const decoys = new WeakSet<Element>();
  const steps = stepsOn(fixture.entry.page);
  const failures: Record<string, string> = {};
  variant.apply({
    doc,
    decoys,
    labels: [...new Set(steps.flatMap(({ step }) => labelsOf(step)))],
    targets: expectedElements(doc, fixture),
  });
  if (variant.late) {
    const root = doc.querySelector('main') ?? doc.body;
    const content = Array.from(root.childNodes);
    for (const node of content) node.remove();
    const early = detectPage(providers, fixture.url, doc);
    if (early) failures['late: before the content'] = `recognised as ${early.page.id} with no content`;
    root.append(...content);
  }
  for (const page of pages) {
    const expected = page.id === fixture.entry.page;
    if (evaluateDetector(page.detect, doc) !== expected) {
      failures[`detect ${page.id}`] = expected ? 'its own page is not recognised' : 'recognised as this page';
    }
  }
  const match = detectPage(providers, fixture.url, doc);
  if (match?.page.id !== fixture.entry.page) failures.url = `URL + DOM give ${match?.page.id ?? 'no page'}`;
  for (const { guide, step } of steps) {
    const key = `${guide.id}/${step.id}`;
    const expected = expectedTarget(fixture, key);
    if (expected === undefined) {
      failures[`step ${key}`] = 'the fixture does not say what this step must ring';
      continue;
    }
    const target = resolveStepTarget(step, doc);
    if (target.status === 'missing') {
      const tried = target.tried.map((t) => `${t.type}:${t.matched}`).join(' ');
      failures[`step ${key}`] = `no target (${tried})`;
      continue;
    }
    const problem = decoys.has(target.element)
      ? `rings a decoy (${target.element.tagName} "${label(target.element.textContent ?? '').slice(0, 40)}")`
      : meets(target.element, expected);
    if (problem) failures[`step ${key}`] = problem;
    else if (
      typeof expected === 'object' &&
      'rows' in expected &&
      expected.rows !== undefined &&
      target.rows.length !== expected.rows
    ) {
      failures[`step ${key}`] = `${target.rows.length} rows ringed, not ${expected.rows}`;
    }
  }
  return failures;
}

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
  it.each(VARIANTS.map((variant) => [variant.id, variant.describe] as const))('%s: %s', (variantId) => {
    const failures = check(fixture, variantId);
    const key = `${fixture.name} | ${variantId}`;
    const failing = Object.keys(failures).sort();
    if (failing.length) observed[key] = failing;
    const known = knownGaps.gaps[key] ?? [];
    const details = failing.map((id) => `${id}: ${failures[id]}`).join('\n');
    expect(failing, `${key}\n${details}\n(known gaps: test/fixtures/design-system/known-gaps.json)`).toEqual(known);
  });
});

describe('meta', () => {
  it('the rendered pages were built from the current sources (else run `npm run fixtures:design-system`)', async () => {
    const { sourcesDigest } = await import('../../../scripts/design-system-digest.mjs');
    const stored = readFileSync(join(DESIGN_SYSTEM_DIR, 'rendered', 'sources.sha256'), 'utf8').trim();
    expect(stored, 'test/fixtures/design-system changed since its pages were rendered').toBe(sourcesDigest());
  });
  it('every known gap names a fixture and variant that exist', () => {
    const keys = new Set(fixtures.flatMap((f) => VARIANTS.map((v) => `${f.name} | ${v.id}`)));
    expect(Object.keys(knownGaps.gaps).filter((key) => !keys.has(key))).toEqual([]);
  });
  it('every page with on-page steps has a design-system fixture', () => {
    const covered = new Set(fixtures.map((f) => f.entry.page));
    const onPage = pages.filter((page) => stepsOn(page.id).length > 0 && !page.id.startsWith('zabbix'));
    expect(onPage.map((page) => page.id).filter((id) => !covered.has(id))).toEqual(knownGaps.pagesWithoutFixture ?? []);
  });
});

afterAll(() => {
  if (process.env.UPDATE_KNOWN_GAPS !== '1') return;
  const sorted = Object.fromEntries(Object.entries(observed).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(KNOWN_GAPS_FILE, `${JSON.stringify({ ...knownGaps, gaps: sorted }, null, 2)}\n`);
});
